#!/bin/sh
# The Debian package, installed for real on this machine (as root): build it, install it, check
# every file, owner and mode and the gsmkeeper user, run the installed command (doctor, the
# wallet, the daemon as the unit starts it, telling a stand-in systemd READY=1), upgrade it
# (config and data kept), remove it (config and data kept), purge it (both gone, the user too).
# Works without a running systemd. Exits non-zero on any mismatch.
# Usage: sh packaging/test-deb.sh [PACKAGE.deb]   (without an argument it runs npm run package)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ "$(id -u)" -ne 0 ]; then
  echo "test-deb: installs and purges the package, so it runs as root: sudo sh packaging/test-deb.sh" >&2
  exit 1
fi
if dpkg-query -W -f '${Status}' gsmkeeper 2>/dev/null | grep -q installed || getent passwd gsmkeeper >/dev/null; then
  echo "test-deb: gsmkeeper is already installed here (or its user exists); this test would purge it" >&2
  exit 1
fi

work=$(mktemp -d /tmp/gsmkeeper-deb-test.XXXXXX)
daemon_pid=""
receiver_pid=""
cleanup() {
  for pid in $daemon_pid $receiver_pid; do kill "$pid" 2>/dev/null || true; done
  if dpkg-query -W gsmkeeper >/dev/null 2>&1; then dpkg -P gsmkeeper >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

passed=0
failed=0
ok() {
  passed=$((passed + 1))
  echo "  ✓ $1"
}
bad() {
  failed=$((failed + 1))
  echo "  ✗ $1"
}
# check DESCRIPTION COMMAND...: the command's success is the check.
check() {
  what=$1
  shift
  if "$@" >"$work/check.out" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/      /' "$work/check.out" | tail -n 15; fi
}
# owned PATH "USER:GROUP MODE"
owned() {
  actual=$(stat -c '%U:%G %a' "$1" 2>/dev/null || echo missing)
  if [ "$actual" = "$2" ]; then ok "$1 is $2"; else bad "$1 is $actual, expected $2"; fi
}
absent() {
  if [ -e "$1" ] || [ -L "$1" ]; then bad "$1 is still there"; else ok "$1 is gone"; fi
}
contains() {
  grep -q -- "$2" "$1"
}
wait_for_line() {
  file=$1
  pattern=$2
  tries=0
  while ! grep -q -- "$pattern" "$file" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || return 1
    sleep 0.1
  done
}

echo "Building the package"
if [ $# -ge 1 ]; then
  deb=$1
  echo "$deb: $(du -k "$deb" | cut -f1) KiB"
else
  npm run package --silent
  deb=$(ls -t gsmkeeper_*.deb | head -n 1)
fi
version=$(dpkg-deb -f "$deb" Version)

echo "Installing"
check "dpkg -i $deb" dpkg -i "$deb"
owned /usr/bin/gsmkeeper "root:root 755"
owned /usr/lib/gsmkeeper/dist/cli/main.js "root:root 644"
owned /usr/lib/systemd/system/gsmkeeper.service "root:root 644"
owned /usr/lib/udev/rules.d/77-gsmkeeper-modem.rules "root:root 644"
owned /etc/gsmkeeper "root:gsmkeeper 750"
owned /etc/gsmkeeper/gsmkeeper.yml "root:gsmkeeper 640"
owned /var/lib/gsmkeeper "gsmkeeper:gsmkeeper 700"
check "the config keeps its data in /var/lib/gsmkeeper" contains /etc/gsmkeeper/gsmkeeper.yml '^dataDir: /var/lib/gsmkeeper$'
check "the config is a conffile" contains /var/lib/dpkg/info/gsmkeeper.conffiles '^/etc/gsmkeeper/gsmkeeper.yml$'
passwd=$(getent passwd gsmkeeper || true)
uid=$(echo "$passwd" | cut -d: -f3)
check "gsmkeeper is a system user (uid $uid)" test -n "$uid" -a "${uid:-1000}" -lt 1000
check "gsmkeeper has no login shell and lives in /var/lib/gsmkeeper" test "$(echo "$passwd" | cut -d: -f6-7)" = "/var/lib/gsmkeeper:/usr/sbin/nologin"
check "gsmkeeper is in dialout (the serial ports' group)" sh -c 'id -nG gsmkeeper | tr " " "\n" | grep -qx dialout'
check "the service is enabled" test -L /etc/systemd/system/multi-user.target.wants/gsmkeeper.service
if [ ! -d /run/systemd/system ]; then
  check "nothing runs as gsmkeeper (no systemd to start the service)" sh -c '! pgrep -u gsmkeeper'
fi
if command -v systemd-analyze >/dev/null; then
  check "systemd-analyze rates the installed unit 2.0 or better" systemd-analyze security --offline=true --threshold=20 /usr/lib/systemd/system/gsmkeeper.service
fi
if command -v udevadm >/dev/null && [ -e /sys/class/tty/ptmx ]; then
  udevadm test --action=add /sys/class/tty/ptmx >"$work/udev.out" 2>&1 || true
  check "udev reads the modem rule without complaint" sh -c "grep -q 'Reading rules file: /usr/lib/udev/rules.d/77-gsmkeeper-modem.rules' '$work/udev.out' && ! grep -q '77-gsmkeeper-modem.rules:[0-9]' '$work/udev.out'"
fi

echo "Running the installed command"
gsmkeeper --help >"$work/help.out" 2>&1 || true
check "gsmkeeper --help shows the commands" contains "$work/help.out" '^Usage: gsmkeeper'
if grep -q -- '--version' "$work/help.out"; then
  check "gsmkeeper --version says $version" sh -c "gsmkeeper --version | grep -qF '$version'"
else
  echo "  - gsmkeeper --version is not in this build: --help checked instead"
fi
gsmkeeper doctor >"$work/doctor.out" 2>&1 || true
check "gsmkeeper doctor (on the built-in simulator) ends with Ready." contains "$work/doctor.out" '^Ready\.$'
echo 123456789012345 | gsmkeeper vouchers add --amount 5 --currency EUR --carrier vivacom >"$work/add.out" 2>&1 || true
check "sudo gsmkeeper vouchers add puts a card in the wallet" contains "$work/add.out" '^Card 1 added: \*\*\*\*\*\*\*\*\*\*\*2345'
check "what it created in /var/lib/gsmkeeper belongs to gsmkeeper" test -z "$(find /var/lib/gsmkeeper ! -user gsmkeeper)"
runuser -u gsmkeeper -- gsmkeeper vouchers list >"$work/own.out" 2>&1 || true
check "the gsmkeeper user itself lists the wallet" contains "$work/own.out" '2345'
runuser -u nobody -- gsmkeeper vouchers list >"$work/nobody.out" 2>&1 || true
check "another user cannot even read the config" contains "$work/nobody.out" 'cannot read /etc/gsmkeeper/gsmkeeper.yml: EACCES'

# The daemon exactly as the unit starts it, with a stand-in systemd on NOTIFY_SOCKET.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 test/helpers/notify-receiver.py "$work/notify" >"$work/notify.out" 2>&1 &
receiver_pid=$!
wait_for_line "$work/notify.out" '^bound$'
chmod 0777 "$work" && chmod 0666 "$work/notify"
execstart=$(sed -n 's/^ExecStart=//p' /usr/lib/systemd/system/gsmkeeper.service)
launcher=""
if python3 -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("seccomp") else 1)'; then
  # MemoryDenyWriteExecute=yes, as systemd's seccomp filter enforces it.
  launcher="python3 packaging/memory-deny-write-execute.py"
fi
# shellcheck disable=SC2086
NOTIFY_SOCKET="$work/notify" $launcher setpriv --reuid=gsmkeeper --regid=gsmkeeper --init-groups -- $execstart --http "127.0.0.1:$port" >"$work/daemon.out" 2>&1 &
daemon_pid=$!
if wait_for_line "$work/notify.out" '^"READY=1'; then ok "the daemon tells systemd READY=1${launcher:+ (under MemoryDenyWriteExecute)}"; else bad "no READY=1 from the daemon"; tail -n 20 "$work/daemon.out"; fi
check "its status line names each line's carrier" contains "$work/notify.out" 'STATUS=main: Vivacom; modem ok'
check "the relay answers /api/v1/health" node -e "fetch('http://127.0.0.1:$port/api/v1/health').then(async (r) => { const body = await r.json(); process.exit(r.status === 200 && body.status === 'ok' ? 0 : 1); }, () => process.exit(1))"
kill -TERM "$daemon_pid"
status=0
wait "$daemon_pid" || status=$?
daemon_pid=""
check "SIGTERM stops it cleanly (exit 0)" test "$status" -eq 0
check "and it told systemd STOPPING=1" contains "$work/notify.out" 'STOPPING=1'
check "everything in /var/lib/gsmkeeper still belongs to gsmkeeper" test -z "$(find /var/lib/gsmkeeper ! -user gsmkeeper)"

echo "Upgrading (the same package again)"
echo "# the owner's own line" >>/etc/gsmkeeper/gsmkeeper.yml
check "dpkg -i over the installed package" dpkg -i "$deb"
check "the owner's config is kept" contains /etc/gsmkeeper/gsmkeeper.yml "^# the owner's own line$"
owned /etc/gsmkeeper/gsmkeeper.yml "root:gsmkeeper 640"
gsmkeeper vouchers list >"$work/list.out" 2>&1 || true
check "the wallet is kept" contains "$work/list.out" '2345'

echo "Removing"
check "dpkg -r gsmkeeper" dpkg -r gsmkeeper
absent /usr/bin/gsmkeeper
absent /usr/lib/gsmkeeper
absent /usr/lib/systemd/system/gsmkeeper.service
check "the config is kept" test -f /etc/gsmkeeper/gsmkeeper.yml
check "the data is kept" test -f /var/lib/gsmkeeper/gsmkeeper.db
check "the user is kept" getent passwd gsmkeeper

echo "Purging"
check "dpkg -P gsmkeeper" dpkg -P gsmkeeper
absent /etc/gsmkeeper
absent /var/lib/gsmkeeper
absent /etc/systemd/system/multi-user.target.wants/gsmkeeper.service
check "the gsmkeeper user is gone" sh -c '! getent passwd gsmkeeper'
check "the gsmkeeper group is gone" sh -c '! getent group gsmkeeper'
check "no permission overrides are left" sh -c '! dpkg-statoverride --list | grep -q gsmkeeper'

echo "test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
