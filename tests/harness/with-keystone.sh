#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# with-keystone.sh CMD [ARGS...] — runs CMD against a fresh real Keystone on
# 127.0.0.1 (keystone.sh start in a temp dir), then always stops the server and
# removes the dir. Exit status: CMD's (1 when the server does not start).
#
# CMD gets, besides the caller's environment:
#   AK_TEST_KEYSTONE_URL        http://127.0.0.1:PORT/v3
#   AK_TEST_DOMAIN              Default
#   AK_TEST_ADMIN_USER, AK_TEST_ADMIN_PASSWORD, AK_TEST_ADMIN_PROJECT,
#   AK_TEST_ADMIN_USER_ID, AK_TEST_ADMIN_PROJECT_ID          (role admin)
#   AK_TEST_MEMBER_USER, AK_TEST_MEMBER_PASSWORD, AK_TEST_MEMBER_PROJECT,
#   AK_TEST_MEMBER_USER_ID, AK_TEST_MEMBER_PROJECT_ID        (role member)
#   AK_TEST_KEYSTONE_PORT, AK_TEST_KEYSTONE_PID, AK_TEST_KEYSTONE_DIR, and
#   AK_TEST_KEYSTONE_SH (this keystone.sh, e.g. to stop the server early)
#
# Set AK_KEYSTONE_TEMPLATE_DIR (the tests do, in the build dir) to start in ~2 s
# instead of ~9 s. Combines with the headless wrapper either way round:
#   with-keystone.sh run-headless.sh CMD
set -u

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

keystone_sh=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/keystone.sh
dir=$(mktemp -d "${TMPDIR:-/tmp}/ak-keystone.XXXXXX") || exit 1

cleanup () {
  bash "$keystone_sh" stop "$dir"
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# stdout carries the passwords of the fixture: keep it out of test logs.
if ! bash "$keystone_sh" start "$dir" > /dev/null; then
  echo "with-keystone: Keystone did not start (see the messages above)" >&2
  exit 1
fi

set -a
. "$dir/keystone.env"
set +a
export AK_TEST_KEYSTONE_SH=$keystone_sh

"$@"
