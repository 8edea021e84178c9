#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-app-start.sh [BUILD_DIR] — how long the app takes from its start to the
# first frame of a signed-in list of 5 keys, against a bare
# AdwApplicationWindow with a header bar and an empty GtkColumnView, built
# and started the same way.
#
# Runs BUILD_DIR/tests/bench/bench-app-start (see its header) AK_BENCH_RUNS
# times (default 7) in each way, alternating, each run a fresh process, after
# one untimed run of each; all in one headless session
# (tests/harness/run-headless.sh: Xvfb, GTK's cairo renderer). Prints every
# run, the median, min and max of each and the ratio app / bare; then, when
# valgrind is installed, the instructions from the process's start to that
# frame, one run of each under callgrind.
# Default BUILD_DIR: _build.
set -euo pipefail

src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
build=$(readlink -f "${1:-$src/_build}")
bench=$build/tests/bench/bench-app-start
runs=${AK_BENCH_RUNS:-7}

. "$src/tests/bench/headless-session.sh"
bench_headless_session run-app-start "$bench" "$0" "$build"

# ---------------------------------------------------------------- in the session

out=$(mktemp "${TMPDIR:-/tmp}/ak-app-start.XXXXXX")
cg=$(mktemp -d "${TMPDIR:-/tmp}/ak-app-start-cg.XXXXXX")
trap 'rm -rf "$out" "$cg"' EXIT

# The clock starts as the shell starts the process: $EPOCHREALTIME is read
# when the command's words are expanded, before the fork.
start () {
  AK_BENCH_STARTED_AT=$EPOCHREALTIME "$bench" "$@"
}

echo "== Untimed: one run of each"
start --bare > /dev/null
start > /dev/null

echo "== $runs runs of each, alternating, a fresh process each"
for i in $(seq "$runs"); do
  # A run that fails is a result: it says so, and the others go on.
  start --bare | sed "s/^/run $i /" | tee -a "$out" || echo "run $i bare: FAILED" | tee -a "$out"
  start | sed "s/^/run $i /" | tee -a "$out" || echo "run $i app: FAILED" | tee -a "$out"
done

echo "== Summary: medians of $runs (GSK_RENDERER=$GSK_RENDERER on Xvfb, LANG=${LANG:-unset})"
/usr/bin/python3 - "$out" <<'PY'
import re, statistics, sys

times = {"bare": [], "app": []}
failed = 0
for line in open(sys.argv[1]):
    m = re.match(r"^run \d+ start (bare|app): first frame ([\d.]+) ms$", line.strip())
    if m:
        times[m.group(1)].append(float(m.group(2)))
    elif "FAILED" in line:
        failed += 1
for kind, label in (("app", "the app, 5 keys"), ("bare", "a bare window")):
    values = times[kind]
    if not values:
        print("%s: no run finished" % label)
        continue
    print("%s: first frame %.1f ms (min %.1f, max %.1f, %d runs)"
          % (label, statistics.median(values), min(values), max(values), len(values)))
if times["app"] and times["bare"]:
    print("app / bare: first frame %.2fx"
          % (statistics.median(times["app"]) / statistics.median(times["bare"])))
if failed:
    print("%d runs failed" % failed)
PY

if command -v valgrind > /dev/null; then
  echo "== Instructions from the start to the first frame (callgrind, one run of each)"
  for kind in bare app; do
    flag=; [ "$kind" = bare ] && flag=--bare
    if AK_BENCH_STARTED_AT=$EPOCHREALTIME valgrind --tool=callgrind \
         --callgrind-out-file="$cg/$kind.out" "$bench" $flag > /dev/null 2> "$cg/$kind.log"; then
      summary=$(sed -n 's/^summary: //p' "$cg/$kind.out."1 2> /dev/null || true)
      echo "$kind: ${summary:-?} instructions"
    else
      echo "$kind: FAILED under callgrind ($(tail -n 1 "$cg/$kind.log"))"
    fi
  done
else
  echo "== No valgrind: no instruction counts"
fi
