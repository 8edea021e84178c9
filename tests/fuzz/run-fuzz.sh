#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh - fuzz the Keystone JSON parsers (src/core/ak-keystone-json.c).
#
# Usage: run-fuzz.sh SOURCE_ROOT WORK_DIR [RUNS [MAX_SECONDS]]
#
# Builds tests/fuzz/fuzz-keystone-json.c and the six core files it needs
# with clang's libFuzzer, AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer into WORK_DIR, seeds a fresh corpus with
# tests/fixtures/*.json, and runs RUNS inputs (default 200000, or $FUZZ_RUNS)
# for at most MAX_SECONDS (default 120, or $FUZZ_MAX_TIME). $FUZZ_SEED
# (default 1) makes a run repeatable. Exits non-zero on any finding: a crash,
# a sanitizer report, a leak, a GLib warning or critical, a broken parser
# contract or a slow input; the input that caused it is left in
# WORK_DIR/artifacts/.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 SOURCE_ROOT WORK_DIR [RUNS [MAX_SECONDS]]" >&2
  exit 2
fi

src=$(cd "$1" && pwd)
mkdir -p "$2"
work=$(cd "$2" && pwd)
runs=${3:-${FUZZ_RUNS:-200000}}
max_time=${4:-${FUZZ_MAX_TIME:-120}}
seed=${FUZZ_SEED:-1}
cc=${FUZZ_CC:-clang}
core=$src/src/core

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
  "$src/tests/fuzz/fuzz-keystone-json.c" \
  "$core/ak-keystone-json.c" "$core/ak-key.c" "$core/ak-error.c" "$core/ak-secret.c" \
  "$core/ak-util.c" "$core/ak-unreadable-entry.c" \
  $(pkg-config --cflags --libs glib-2.0 gobject-2.0 json-glib-1.0) \
  -o "$work/fuzz-keystone-json"

rm -rf "$work/corpus" "$work/artifacts"
mkdir -p "$work/corpus" "$work/artifacts"
cp "$src"/tests/fixtures/*.json "$work/corpus/"

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
"$work/fuzz-keystone-json" \
  -runs="$runs" -max_total_time="$max_time" -seed="$seed" \
  -dict="$src/tests/fuzz/keystone-json.dict" \
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
