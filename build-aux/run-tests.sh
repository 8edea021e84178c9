#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-tests.sh [MESON TEST ARGS...] — every test, from nothing: installs the
# dependencies (as root), builds a fresh _build-tests with -Dwerror=true, runs
# `meson test` (all suites unless told otherwise, e.g. --suite keystone), and
# ends with one line "N passed, N failed, N skipped".
#
# With AK_TEST_SANITIZE=1 the whole run (no arguments) then builds
# _build-sanitize with AddressSanitizer and UndefinedBehaviorSanitizer and
# runs unit, provider and keystone again there; their results count in the
# same line. CI does so on the platform floor (Debian 12), whose libraries'
# own leaks tests/lsan.supp names; Debian 13's GTK 4.18 and GLib 2.84 leak
# more on their own. The ui suite runs in that build too, by hand
# (meson test -C _build-sanitize --suite ui): under load, GTK 4.8 there
# sometimes asks a closed menu's gone surface for the pointer (a critical).
#
# Exit status: non-zero when the build fails or any test fails; with CI=true
# also when any test is skipped (a suite that quietly does not run is a
# failure there).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$top/_build-tests
sanitize_build=$top/_build-sanitize
sanitize=${AK_TEST_SANITIZE:-0}
[ $# -eq 0 ] || sanitize=0
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
  for name in install build test sanitize; do
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

logs=("$build/meson-logs/testlog.json")
sanitize_failed=0
if [ "$sanitize" = 1 ]; then
  echo "run-tests: the sanitizer build (address, undefined)"
  rm -rf "$sanitize_build"
  set +e
  if meson setup "$sanitize_build" -Dwerror=true -Db_sanitize=address,undefined \
     && ninja -C "$sanitize_build"; then
    # Slower under the sanitizers: more room for every timeout. The
    # organisation's 2,000 users are the host build's to list: here 100 run
    # the same code under the sanitizers in a tenth of the time.
    AK_TEST_ORG_USERS=${AK_TEST_ORG_USERS:-100} \
    meson test -C "$sanitize_build" --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
      --suite unit --suite provider --suite keystone
    [ $? = 0 ] || meson_status=1
    logs+=("$sanitize_build/meson-logs/testlog.json")
  else
    echo "run-tests: the sanitizer build failed; counted as one failure" >&2
    sanitize_failed=1
    meson_status=1
  fi
  set -e
  phase_end sanitize
fi
print_times

summary=$(/usr/bin/python3 - "${logs[@]}" <<'EOF'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        with open(path) as log:
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
failed=$((failed + sanitize_failed))

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
