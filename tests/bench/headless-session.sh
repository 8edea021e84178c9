# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by the benchmarks' run-*.sh, which show a window: checks that the
# benchmark program is built, then runs the calling script again inside one
# headless session (tests/harness/run-headless.sh: Xvfb, GTK's cairo
# renderer), without what slows the allocator or the type system down in the
# tests' way (this is a measurement) and with the keyring and AT-SPI off.
#
#   bench_headless_session NAME PROGRAM SCRIPT BUILD_DIR
#
# Returns in the session (AK_BENCH_SESSION set), with GSettings in memory
# from BUILD_DIR's schemas; before it, exec()s and never returns.

bench_headless_session () {
  local name=$1 program=$2 script=$3 build=$4
  local src
  src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)

  if [ -z "${AK_BENCH_SESSION:-}" ]; then
    [ -x "$program" ] || { echo "$name: build $program first (ninja -C $build)" >&2; exit 1; }
    [ -f "$build/data/gschemas.compiled" ] \
      || { echo "$name: no compiled schemas in $build/data" >&2; exit 1; }
    [ "${AK_BENCH_RUNS:-7}" -ge 1 ] 2> /dev/null \
      || { echo "$name: AK_BENCH_RUNS=$AK_BENCH_RUNS" >&2; exit 2; }
    exec env -u MALLOC_CHECK_ -u G_DEBUG -u G_SLICE -u RUN_HEADLESS_KEYRING \
      -u RUN_HEADLESS_A11Y AK_BENCH_SESSION=1 \
      "$src/tests/harness/run-headless.sh" "$BASH" "$script" "$build"
  fi

  export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/data
}
