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
# keystroke, two re-sorts: see bench-first-frame.c).
# Default BUILD_DIR: _build.
set -euo pipefail

src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
build=$(readlink -f "${1:-$src/_build}")
bench=$build/tests/bench/bench-first-frame
runs=${AK_BENCH_RUNS:-7}

if [ -z "${AK_FIRST_FRAME_SESSION:-}" ]; then
  [ -x "$bench" ] || { echo "run-first-frame: build $bench first (ninja -C $build)" >&2; exit 1; }
  [ -f "$build/data/gschemas.compiled" ] \
    || { echo "run-first-frame: no compiled schemas in $build/data" >&2; exit 1; }
  [ "$runs" -ge 1 ] 2> /dev/null || { echo "run-first-frame: AK_BENCH_RUNS=$runs" >&2; exit 2; }
  # Nothing that slows the allocator or the type system down in the tests'
  # way: this is a measurement. The keyring and AT-SPI stay off.
  exec env -u MALLOC_CHECK_ -u G_DEBUG -u G_SLICE -u RUN_HEADLESS_KEYRING -u RUN_HEADLESS_A11Y \
    AK_FIRST_FRAME_SESSION=1 "$src/tests/harness/run-headless.sh" "$BASH" "$0" "$build"
fi

# ---------------------------------------------------------------- in the session

export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/data
out=$(mktemp "${TMPDIR:-/tmp}/ak-first-frame.XXXXXX")
trap 'rm -f "$out"' EXIT

echo "== Untimed: one run of each"
"$bench" --empty > /dev/null
"$bench" > /dev/null

echo "== $runs runs of each, alternating, a fresh process each"
for i in $(seq "$runs"); do
  "$bench" --empty | sed "s/^run 1 /run $i /" | tee -a "$out"
  "$bench" | sed "s/^run 1 /run $i /; s/^steps 1 /steps $i /" | tee -a "$out"
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
    elif line.startswith("run "):
        sys.exit("run-first-frame: cannot read: " + line)

def med(rows, n):
    return statistics.median(float(r[n]) for r in rows)

summary = {}
for kind, label in (("keys", "5,000 keys"), ("empty", "empty list")):
    rows = runs[kind]
    if not rows:
        sys.exit("run-first-frame: no %s runs were recorded" % kind)
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
print("5,000 keys / empty list: first frame %.1fx, RSS %.2fx"
      % (summary["keys"][0] / summary["empty"][0], summary["keys"][1] / summary["empty"][1]))
PY
