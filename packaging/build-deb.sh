#!/bin/sh
# Builds gsmkeeper_<version>_<arch>.deb in the project folder from the built app (npm run build):
# dist/, the carrier profiles and the production dependencies for THIS machine's architecture.
# Native modules (better-sqlite3, the serial bindings, unix-dgram) cannot be cross-built, so a
# package for a Raspberry Pi is built on a Pi (arm64 or armhf) after `npm ci`.
#
# The production dependencies are the project's own node_modules (built here by `npm ci`) pruned
# of development packages, which is what `npm ci --omit=dev` would build, without compiling the
# native modules a second time. GSMKEEPER_DEB_FRESH=1 runs `npm ci --omit=dev` instead.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
here="packaging"

fail() {
  echo "package: $*" >&2
  exit 1
}

command -v dpkg-deb >/dev/null || fail "dpkg-deb is not installed (Debian's dpkg package)"
[ -f dist/cli/main.js ] || fail "dist/ is missing: run npm run build first (npm run package does)"
[ -d node_modules ] || [ "${GSMKEEPER_DEB_FRESH:-}" = 1 ] || fail "node_modules is missing: run npm ci first"

version=$(node -p "require('./package.json').version")
arch=$(dpkg --print-architecture)
node_arch=$(node -p process.arch)
name="gsmkeeper_${version}_${arch}"
stage="build/deb/$name"
app="$stage/usr/lib/gsmkeeper"
started=$(date +%s)

rm -rf "build/deb"
mkdir -p "$app" "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/lib/systemd/system" \
  "$stage/usr/lib/udev/rules.d" "$stage/etc/gsmkeeper" "$stage/usr/share/doc/gsmkeeper"

# The app: compiled code, the panel's files (inside dist/), the carrier profiles, the lock.
cp -R dist carriers package.json package-lock.json "$app/"
# npm runs the postinstall (node-cron's patch) again on `npm rebuild` or `npm ci` in the installed app.
mkdir -p "$app/scripts" && cp scripts/patch-node-cron.mjs "$app/scripts/"
find "$app/dist" -name '*.map' -delete

# Production dependencies for this architecture.
if [ "${GSMKEEPER_DEB_FRESH:-}" = 1 ]; then
  (cd "$app" && npm ci --omit=dev --no-audit --no-fund)
else
  cp -R node_modules "$app/node_modules"
  (cd "$app" && npm prune --omit=dev --no-audit --no-fund --offline >build.log 2>&1) || { cat "$app/build.log" >&2; fail "npm prune failed"; }
  rm -f "$app/build.log"
fi
# What a native module needs at run time is its build/Release/*.node; the compiler's objects, the
# bundled C sources and other platforms' prebuilt binaries only weigh.
for gyp in $(find "$app/node_modules" -name binding.gyp -not -path '*/node_modules/*/node_modules/*/node_modules/*'); do
  module=$(dirname "$gyp")
  if [ -d "$module/build" ]; then
    find "$module/build" -mindepth 1 -not -path "$module/build/Release" -not -name '*.node' -prune -exec rm -rf {} +
  fi
  rm -rf "$module/deps"
  if [ -d "$module/prebuilds" ]; then
    find "$module/prebuilds" -mindepth 1 -maxdepth 1 -not -name "linux-$node_arch" -exec rm -rf {} +
  fi
done
rm -rf "$app/node_modules/.cache" "$app/node_modules/.package-lock.json" "$app/node_modules/better-sqlite3/build/Release/test_extension.node"
# What no require on the server reaches: modules' tests, docs and examples, TypeScript declarations,
# source maps, and the bundles built for browsers (each module keeps its LICENSE and package.json).
find "$app/node_modules" -depth -type d \( -name test -o -name tests -o -name __tests__ -o -name docs -o -name example -o -name examples -o -name benchmarks \) -prune -exec rm -rf {} +
find "$app/node_modules" -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' -o \( -name '*.md' ! -iname 'LICENSE*' \) \) -delete
rm -rf "$app/node_modules/@types" "$app/node_modules/mqtt/dist"
for csv in csv-parse csv-stringify; do rm -rf "$app/node_modules/$csv/dist/iife" "$app/node_modules/$csv/dist/umd"; done
find "$app/node_modules" -mindepth 1 -maxdepth 1 -name '@*' -type d -empty -delete
for native in better-sqlite3/build/Release/better_sqlite3.node unix-dgram/build/Release/unix_dgram.node; do
  [ -f "$app/node_modules/$native" ] || fail "node_modules/$native is missing: npm ci builds it (a compiler is needed)"
done
(cd "$app" && node -e "require('better-sqlite3'); require('unix-dgram')") || fail "the native modules do not load on this machine"
(cd "$app" && node --input-type=module -e "const { nodeCronPatched } = await import('./dist/scheduler/scheduler.js'); process.exit(nodeCronPatched() ? 0 : 1)") \
  || fail "node-cron is not patched (scripts/patch-node-cron.mjs, run by npm ci): its schedules would cost ~7 MiB more"
(cd "$app" && node -e "for (const name of Object.keys(require('./package.json').dependencies)) require(name)") || fail "a production dependency does not load from the package"

# The command, the service, the udev rule, the config (a conffile: upgrades keep the owner's).
install -m 0755 "$here/gsmkeeper" "$stage/usr/bin/gsmkeeper"
install -m 0644 systemd/gsmkeeper.service "$stage/usr/lib/systemd/system/gsmkeeper.service"
install -m 0644 systemd/77-gsmkeeper-modem.rules "$stage/usr/lib/udev/rules.d/77-gsmkeeper-modem.rules"
sed -e '1s|.*|# gsmkeeper configuration, read by gsmkeeper.service and the gsmkeeper command.|' \
  -e 's|^dataDir: .*|dataDir: /var/lib/gsmkeeper|' gsmkeeper.example.yml > "$stage/etc/gsmkeeper/gsmkeeper.yml"
grep -q '^dataDir: /var/lib/gsmkeeper$' "$stage/etc/gsmkeeper/gsmkeeper.yml" || fail "gsmkeeper.example.yml has no dataDir line to point at /var/lib/gsmkeeper"
chmod 0640 "$stage/etc/gsmkeeper/gsmkeeper.yml"
chmod 0750 "$stage/etc/gsmkeeper"
install -m 0644 README.md "$stage/usr/share/doc/gsmkeeper/README.md"
printf 'gsmkeeper\n\nLicense: %s (see package.json). Bundled Node.js modules keep their own licenses,\nin /usr/lib/gsmkeeper/node_modules/*/LICENSE*.\n' \
  "$(node -p "require('./package.json').license")" > "$stage/usr/share/doc/gsmkeeper/copyright"

# Package metadata and maintainer scripts.
for script in postinst prerm postrm; do
  install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"
done
echo /etc/gsmkeeper/gsmkeeper.yml > "$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: gsmkeeper
Version: $version
Architecture: $arch
Maintainer: gsmkeeper <gsmkeeper@users.noreply.invalid>
Installed-Size: $size
Depends: nodejs (>= 20), adduser, init-system-helpers, util-linux
Section: net
Priority: optional
Description: prepaid SIM keeper and SMS/HTTP command daemon for a GSM modem
 Keeps a prepaid SIM topped up from a voucher wallet without ever dialling a
 voucher twice, answers commands by SMS and over an HTTP relay, and serves a
 web panel. Runs as a hardened systemd service (gsmkeeper.service) that tells
 systemd when the modem is up and stops pinging its watchdog when it hangs.
CONTROL

dpkg-deb --root-owner-group --build "$stage" "$name.deb" >/dev/null
echo "$name.deb: $(du -k "$name.deb" | cut -f1) KiB, $size KiB installed, built in $(( $(date +%s) - started )) s"
