#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-tests.sh [MESON TEST ARGS...] — every test, from nothing: installs the
# dependencies (as root), builds a fresh _build-tests with -Dwerror=true, runs
# `meson test` (all suites unless told otherwise, e.g. --suite keystone), and
# ends with one line "N passed, N failed, N skipped".
#
# Exit status: non-zero when the build fails or any test fails; with CI=true
# also when any test is skipped (a suite that quietly does not run is a
# failure there).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$top/_build-tests
cd "$top"

declare -A took
phase_start=$EPOCHREALTIME
phase_end () {   # NAME
  took[$1]=$(/usr/bin/python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f} s")' \
               "$phase_start" "$EPOCHREALTIME")
  phase_start=$EPOCHREALTIME
}
print_times () {
  local name
  for name in install build test; do
    [ -n "${took[$name]:-}" ] && printf 'time %-8s %s\n' "$name" "${took[$name]}"
  done
  return 0
}

bash build-aux/install-deps.sh
phase_end install

rm -rf "$build"
if ! { meson setup "$build" -Dwerror=true && ninja -C "$build"; }; then
  phase_end build
  print_times
  echo "run-tests: the build failed; no test ran" >&2
  exit 1
fi
phase_end build

# Two cores: two tests at a time. Keystone tests start a server each, so give
# every timeout some room on a loaded machine.
set +e
meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 2 "$@"
meson_status=$?
set -e
phase_end test
print_times

summary=$(/usr/bin/python3 - "$build/meson-logs/testlog.json" <<'EOF'
import json, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1]) as log:
        for line in log:
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    pass
print(passed, failed, skipped)
EOF
)
read -r passed failed skipped <<< "$summary"

status=0
if [ "$meson_status" != 0 ] || [ "$failed" != 0 ]; then
  status=1
fi
if [ "${CI:-}" = true ] && [ "$skipped" != 0 ]; then
  echo "run-tests: $skipped skipped in CI: a skipped test is a failure here" >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
