#!/bin/sh
# How exposed the systemd unit is, as `systemd-analyze security` rates it (0 safest, 10 worst);
# fails above 2.0. Needs no running systemd. Prints what is still open, then the score.
set -u
unit="$(dirname "$0")/../systemd/gsmkeeper.service"
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "check:unit: systemd-analyze is not installed here, so the unit was not rated."
  exit 0
fi
out=$(systemd-analyze security --offline=true --threshold=20 "$unit" 2>&1)
status=$?
if ! printf '%s\n' "$out" | grep -q 'Overall exposure level'; then
  # systemd older than 250 has no --offline and rates only loaded units.
  printf '%s\n' "$out" | head -n 3
  echo "check:unit: this systemd-analyze cannot rate a unit file offline (systemd 250 or newer can)."
  exit 0
fi
printf '%s\n' "$out" | grep -E '^(✗|→)'
[ "$status" -eq 0 ] || echo "check:unit: the unit is rated above 2.0"
exit "$status"
