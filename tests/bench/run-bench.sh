#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-bench.sh [BUILD_DIR] — how long listing 5,000 EC2 keys takes.
#
# Starts a real Keystone (tests/harness/keystone.sh), seeds 5,000 EC2 keys for
# the member and 20 more users with 50 keys each, then times, in the same run
# and on the same server, the median of AK_BENCH_RUNS (default 7) runs of:
#   - AkKeystoneProvider: request + parse + a GListStore of AkKey
#     (BUILD_DIR/tests/bench/bench-list list), on a token got beforehand;
#   - curl fetching the same OS-EC2 URL with a token got beforehand;
#   - `openstack ec2 credentials list` (python3-openstackclient);
#   - parsing alone, on the body curl recorded;
#   - every user's keys as the admin, per user and through /v3/credentials,
#     with 20 users of 50 keys, and again once the member has 5,000.
# Goals: the provider within 1.05x of curl and at least 2.5x faster than the
# CLI; every user's keys by the default strategy never slower than the one
# /v3/credentials call and at least 4x faster than `openstack credential list`.
# Default BUILD_DIR: _build. The server is stopped and removed at the end.
set -euo pipefail

src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
build=$(readlink -f "${1:-$src/_build}")
bench=$build/tests/bench/bench-list
runs=${AK_BENCH_RUNS:-7}
py=/usr/bin/python3
helper=$src/tests/bench/bench-helper.py

[ -x "$bench" ] || { echo "run-bench: build $bench first (ninja -C $build)" >&2; exit 1; }
command -v curl > /dev/null || { echo "run-bench: curl is missing" >&2; exit 1; }
command -v openstack > /dev/null || { echo "run-bench: openstack is missing" >&2; exit 1; }

export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
dir=$(mktemp -d "${TMPDIR:-/tmp}/ak-bench.XXXXXX")
cleanup () {
  bash "$src/tests/harness/keystone.sh" stop "$dir" > /dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

# stdout of keystone.sh holds the fixture's passwords: keep it off the screen.
bash "$src/tests/harness/keystone.sh" start "$dir" > /dev/null
set -a
. "$dir/keystone.env"
set +a

echo "== Seeding 20 users with 50 EC2 keys each"
"$py" "$helper" seed-users 20 50
echo "== Every user's keys as the admin (1,000 EC2 keys, 22 users), medians of $runs"
"$bench" all-users "$runs" | grep '^median'

echo "== Seeding 5,000 EC2 keys for the member"
"$py" "$helper" seed-ec2 5000

# The three are interleaved, one run of each in turn, so that whatever else
# the machine does weighs on all three alike. Each signs in before its timer
# starts and opens its own connection.
echo "== Listing the member's 5,000 keys: provider (request + parse + GListStore), curl, CLI"
: > "$dir/times.txt"
for i in $(seq "$runs"); do
  out=$("$bench" list 1)
  grep ' failed' <<< "$out" || true      # a failed run is a result: say what failed
  p=$(awk '$1 == "median" { print $3 }' <<< "$out")
  c=$("$py" "$helper" time-curl 1 "$dir/ec2-list.json" | awk '$1 == "median" { print $3 }')
  o=$("$py" "$helper" time-cli 1 | awk '$1 == "median" { print $3 }')
  echo "run $i: provider $p s, curl $c s, openstack $o s"
  echo "$p $c $o" >> "$dir/times.txt"
done

echo "== Parsing alone, on the recorded $(stat -c %s "$dir/ec2-list.json")-byte body"
"$bench" parse "$dir/ec2-list.json" 21 | tail -2
echo "== Every user's keys as the admin (6,000 EC2 keys, 22 users), medians of $runs"
"$bench" all-users "$runs" | grep '^median' | tee "$dir/all-users.txt"
"$py" "$helper" time-cli-all "$runs" | grep '^median' | tee -a "$dir/all-users.txt"

echo "== Summary (medians of $runs)"
"$py" - "$dir/times.txt" <<'PY'
import statistics, sys
def number(word):
    try:
        return float(word)
    except ValueError:
        return None        # a run that failed: its row above says why

rows = [[number(word) for word in line.split()] for line in open(sys.argv[1])]
names = ("provider", "curl", "openstack")
medians = {}
for name, column in zip(names, zip(*rows)):
    times = [t for t in column if t is not None]
    failed = len(column) - len(times)
    medians[name] = statistics.median(times) if times else None
    print("%s %s%s" % (name, "%.3f s" % medians[name] if times else "failed in every run",
                       " (%d runs failed)" % failed if times and failed else ""))
p, c, o = (medians[name] for name in names)
if p and c:
    print("provider / curl = %.2f (goal <= 1.05)" % (p / c))
if p and o:
    print("openstack / provider = %.2f (goal >= 2.5)" % (o / p))
PY
"$py" - "$dir/all-users.txt" <<'PY'
import re, sys
medians = {}
for line in open(sys.argv[1]):
    m = re.match(r"^median (\S+) ([\d.]+)", line)
    if m:
        medians[m.group(1)] = float(m.group(2))
    elif line.startswith("median "):
        print("all users: " + line.strip()[len("median "):])
both, one = medians.get("all-users-both"), medians.get("all-users-credentials")
cli = medians.get("openstack-credential-list")
if both and one:
    print("all users, 6,000 keys: the default (both) / /v3/credentials alone = %.2f (goal <= 1.00)" % (both / one))
if both and cli:
    print("all users, 6,000 keys: openstack credential list / the default = %.2f (goal >= 4)"
          % (cli / both))
PY
