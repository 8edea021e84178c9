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
#   - every user's keys as the admin, per user and through /v3/credentials.
# Goal: the provider within 1.1x of curl and at least 2x faster than the CLI.
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

echo "== Seeding"
"$py" "$helper" seed-ec2 5000
"$py" "$helper" seed-users 20 50

echo "== AkKeystoneProvider: request + parse + GListStore"
"$bench" list "$runs" | tee "$dir/provider.txt"
echo "== curl, same URL"
"$py" "$helper" time-curl "$runs" "$dir/ec2-list.json" | tee "$dir/curl.txt"
echo "== openstack ec2 credentials list"
"$py" "$helper" time-cli "$runs" | tee "$dir/cli.txt"
echo "== Parsing alone, on the recorded $(stat -c %s "$dir/ec2-list.json")-byte body"
"$bench" parse "$dir/ec2-list.json" 21 | tail -2
echo "== Every user's keys as the admin ($((20 * 50 + 5000)) EC2 keys, 23 users)"
"$bench" all-users "$runs" | grep '^median'

median () { awk -v name="$1" '$1 == "median" && $2 == name { print $3 }' "$2"; }
provider=$(median provider "$dir/provider.txt")
curl=$(median curl "$dir/curl.txt")
cli=$(median openstack-cli "$dir/cli.txt")
echo "== Summary (medians of $runs)"
awk -v p="$provider" -v c="$curl" -v o="$cli" 'BEGIN {
  printf "provider %.3f s, curl %.3f s, openstack %.3f s\n", p, c, o
  printf "provider / curl = %.2f (goal <= 1.10)\n", p / c
  printf "openstack / provider = %.2f (goal >= 2)\n", o / p
}'
