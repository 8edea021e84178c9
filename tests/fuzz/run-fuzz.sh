#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh - fuzz one of the core's parsers.
#
# Usage: run-fuzz.sh TARGET SOURCE_ROOT WORK_DIR [RUNS [MAX_SECONDS]]
#
# TARGET is
#   keystone-json  the Keystone JSON parsers (src/core/ak-keystone-json.c),
#                  seeded with tests/fixtures/*.json
#   cloud-config   the clouds.yaml/secure.yaml/openrc importer
#                  (src/core/ak-cloud-config-parse.c, ak-yaml.c), seeded with
#                  tests/fixtures/cloud-config/*
#
# Builds tests/fuzz/fuzz-TARGET.c and the core files it needs
# with clang's libFuzzer, AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer into WORK_DIR, seeds a fresh corpus with
# the target's fixtures, and runs RUNS inputs (default 200000, or $FUZZ_RUNS)
# for at most MAX_SECONDS (default 120, or $FUZZ_MAX_TIME). $FUZZ_SEED
# (default 1) makes a run repeatable. Exits non-zero on any finding: a crash,
# a sanitizer report, a leak, a GLib warning or critical, a broken parser
# contract or a slow input; the input that caused it is left in
# WORK_DIR/artifacts/.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 TARGET SOURCE_ROOT WORK_DIR [RUNS [MAX_SECONDS]]" >&2
  exit 2
fi

target=$1
src=$(cd "$2" && pwd)
mkdir -p "$3"
work=$(cd "$3" && pwd)
runs=${4:-${FUZZ_RUNS:-200000}}
max_time=${5:-${FUZZ_MAX_TIME:-120}}
seed=${FUZZ_SEED:-1}
cc=${FUZZ_CC:-clang}
core=$src/src/core

# What each target builds from, links and starts with.
case $target in
  keystone-json)
    sources=(ak-keystone-json.c ak-key.c ak-key-flags.c ak-access-rule.c ak-directory-entry.c
             ak-error.c ak-secret.c ak-util.c ak-unreadable-entry.c)
    modules=(glib-2.0 gobject-2.0 json-glib-1.0)
    seeds=("$src"/tests/fixtures/*.json)
    ;;
  cloud-config)
    sources=(ak-cloud-config-parse.c ak-cloud-config.c ak-yaml.c ak-account.c ak-error.c
             ak-secret.c ak-util.c)
    modules=(glib-2.0 gobject-2.0 gio-2.0 yaml-0.1)
    seeds=("$src"/tests/fixtures/cloud-config/*)
    ;;
  *)
    echo "run-fuzz.sh: unknown target $target" >&2
    exit 2
    ;;
esac

if ! command -v "$cc" >/dev/null; then
  echo "run-fuzz.sh: $cc not found (clang and libclang-rt-dev are needed)" >&2
  exit 1
fi

# The core files include config.h; these are all they need of it.
cat > "$work/config.h" <<'EOF'
#pragma once
#define GETTEXT_PACKAGE "access-keys"
#define GLIB_VERSION_MIN_REQUIRED GLIB_VERSION_2_74
#define GLIB_VERSION_MAX_ALLOWED GLIB_VERSION_2_74
EOF

# shellcheck disable=SC2046 # pkg-config's flags are words on purpose
"$cc" -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror \
  -I"$work" -I"$core" \
  "$src/tests/fuzz/fuzz-$target.c" \
  "${sources[@]/#/$core/}" \
  $(pkg-config --cflags --libs "${modules[@]}") \
  -o "$work/fuzz-$target"

rm -rf "$work/corpus" "$work/artifacts"
mkdir -p "$work/corpus" "$work/artifacts"
cp "${seeds[@]}" "$work/corpus/"

# GLib 2.74 still caches freed blocks in its slice allocator, which hides
# use-after-free and leaks from the sanitizers: use plain malloc.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
# Leaks are checked after every input that allocated more than it freed. The
# suppressions cover only what GLib allocates once per process and keeps
# without a pointer LeakSanitizer can follow; see lsan.supp.
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export LSAN_OPTIONS=suppressions=$src/tests/fuzz/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

status=0
"$work/fuzz-$target" \
  -runs="$runs" -max_total_time="$max_time" -seed="$seed" \
  -dict="$src/tests/fuzz/$target.dict" \
  -max_len=16384 -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  "$work/corpus" || status=$?

if [ "$status" -ne 0 ]; then
  echo "run-fuzz.sh: the fuzzer found a problem (exit status $status); see $work/artifacts/" >&2
  exit "$status"
fi

if [ -n "$(ls -A "$work/artifacts")" ]; then
  echo "run-fuzz.sh: the fuzzer left artifacts in $work/artifacts/" >&2
  exit 1
fi

echo "run-fuzz.sh: no findings"
