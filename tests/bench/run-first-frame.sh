#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-first-frame.sh [BUILD_DIR] — how long the window takes from the list's
# answer to the first frame that shows 5,000 keys, and the process's memory
# (VmRSS) at that frame, against the same window answered with an empty list.
#
# Runs BUILD_DIR/tests/bench/bench-first-frame (see its header) AK_BENCH_RUNS
# times (default 7) for each list, alternating, each run a fresh process,
# after one untimed run of each; all in one headless session
# (tests/harness/run-headless.sh: Xvfb, GTK's cairo renderer). Prints every
# run, then the median, min and max of each and the ratios 5,000 / empty,
# and the medians of the steps timed after the first frame (a search
# keystroke, two re-sorts: see bench-first-frame.c); then, when valgrind is
# installed, the instructions of each of those, one run of each under
# callgrind. AK_BENCH_BODY=FILE answers both lists with another body (made
# by tests/fixtures/make-big-ec2-list.py), e.g. of 50,000 keys; the empty
# list parses it too.
# Default BUILD_DIR: _build.
set -euo pipefail

src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
build=$(readlink -f "${1:-$src/_build}")
bench=$build/tests/bench/bench-first-frame
runs=${AK_BENCH_RUNS:-7}

. "$src/tests/bench/headless-session.sh"
bench_headless_session run-first-frame "$bench" "$0" "$build"

# ---------------------------------------------------------------- in the session

out=$(mktemp "${TMPDIR:-/tmp}/ak-first-frame.XXXXXX")
cg=$(mktemp -d "${TMPDIR:-/tmp}/ak-first-frame-cg.XXXXXX")
trap 'rm -rf "$out" "$cg"' EXIT

# AK_BENCH_BODY: another OS-EC2 list body for both lists (see the header).
body=()
[ -n "${AK_BENCH_BODY:-}" ] && body=(--body "$AK_BENCH_BODY")

echo "== Untimed: one run of each"
"$bench" --empty "${body[@]}" > /dev/null
"$bench" "${body[@]}" > /dev/null

echo "== $runs runs of each, alternating, a fresh process each"
for i in $(seq "$runs"); do
  # A run that fails is a result: it says so, and the others go on.
  "$bench" --empty "${body[@]}" | sed "s/^run 1 /run $i /" | tee -a "$out" \
    || echo "run $i empty: FAILED" | tee -a "$out"
  "$bench" "${body[@]}" | sed "s/^run 1 /run $i /; s/^steps 1 /steps $i /" | tee -a "$out" \
    || echo "run $i keys: FAILED" | tee -a "$out"
done

echo "== Summary: medians of $runs (GSK_RENDERER=$GSK_RENDERER on Xvfb, LANG=${LANG:-unset})"
/usr/bin/python3 - "$out" <<'PY'
import re, statistics, sys

pattern = re.compile(
    r"^run \d+ (empty|keys): first frame ([\d.]+) ms, RSS ([\d.]+) MiB \(([-+][\d.]+) MiB since "
    r"the answer\); heap in use ([\d.]+) MiB \(([-+][\d.]+) MiB since the answer, (-?[\d.]+) MiB "
    r"of it the double's keys\); (\d+) keys, (\d+) rows built(?:, in the window's models after "
    r"([\d.]+) ms)?$")
runs = {"empty": [], "keys": []}
answer = []
steps = []
failed = 0
steps_pattern = re.compile(
    r"^steps \d+ keys: search keystroke ([\d.]+) ms, re-sort by ID ([\d.]+) ms, "
    r"re-sort by project ([\d.]+) ms$")
for line in open(sys.argv[1]):
    line = line.strip()
    m = pattern.match(line)
    if m:
        runs[m.group(1)].append(m.groups())
        continue
    m = steps_pattern.match(line)
    if m:
        steps.append([float(g) for g in m.groups()])
        continue
    m = re.match(r"^answer keys: the provider double copies \d+ keys in ([\d.]+) ms$", line)
    if m:
        answer.append(float(m.group(1)))
    elif re.match(r"^run \d+ (empty|keys): FAILED$", line):
        failed += 1
    elif line.startswith("run "):
        sys.exit("run-first-frame: cannot read: " + line)

def med(rows, n):
    return statistics.median(float(r[n]) for r in rows)

summary = {}
for kind, label in (("keys", "the keys"), ("empty", "empty list")):
    rows = runs[kind]
    if not rows:
        print("%s: no run finished" % label)
        continue
    frame = [float(r[1]) for r in rows]
    rss = [float(r[2]) for r in rows]
    summary[kind] = (statistics.median(frame), statistics.median(rss))
    print("%s: first frame %.1f ms (min %.1f, max %.1f)"
          % (label, statistics.median(frame), min(frame), max(frame)))
    print("  RSS at that frame %.1f MiB (min %.1f, max %.1f), %+.1f MiB since the answer;"
          % (statistics.median(rss), min(rss), max(rss), med(rows, 3)))
    print("  heap in use %.1f MiB, %+.1f MiB since the answer (%.1f MiB the double's keys)"
          % (med(rows, 4), med(rows, 5), med(rows, 6)))
    if kind == "keys":
        print("  keys through the window's models after %.1f ms; the double's copy took %.1f ms"
              % (med(rows, 9), statistics.median(answer)))
        if not steps:
            print("  the steps after the first frame: no run recorded them")
        for i, what in enumerate(("a search keystroke", "re-sort by ID", "re-sort by project")):
            values = [s[i] for s in steps]
            if not values:
                break
            print("  then %s: %.1f ms (min %.1f, max %.1f) to the frame showing its first key"
                  % (what, statistics.median(values), min(values), max(values)))
if len(summary) == 2:
    print("keys / empty list: first frame %.1fx, RSS %.2fx"
          % (summary["keys"][0] / summary["empty"][0], summary["keys"][1] / summary["empty"][1]))
if failed:
    print("%d runs failed" % failed)
PY

# The instructions of each part of one run of each (callgrind.out.N.1 the
# first frame, .2 to .5 the steps after it: see bench-first-frame.c).
if command -v valgrind > /dev/null; then
  echo "== Instructions (callgrind, one run of each)"
  for kind in empty keys; do
    flag=; [ "$kind" = empty ] && flag=--empty
    if valgrind --tool=callgrind --callgrind-out-file="$cg/$kind.out" \
         "$bench" $flag "${body[@]}" > /dev/null 2> "$cg/$kind.log"; then
      parts=("first frame" "search keystroke" "search cleared" "re-sort by ID"
             "re-sort by project")
      for n in 1 2 3 4 5; do
        [ -f "$cg/$kind.out.$n" ] || break
        echo "$kind: ${parts[n-1]} $(sed -n 's/^summary: //p' "$cg/$kind.out.$n") instructions"
      done
    else
      echo "$kind: FAILED under callgrind ($(tail -n 1 "$cg/$kind.log"))"
    fi
  done
else
  echo "== No valgrind: no instruction counts"
fi
