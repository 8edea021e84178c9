#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# take-screenshots.sh BUILDDIR OUTDIR [LANG...] — the main window, the delete
# dialog and the sign-in dialog in English and in every language of
# po/LINGUAS (or the LANGs given), each in a headless session, as
# OUTDIR/LANG-{main,delete,sign-in}.png. For looking at, never committed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
out=$2
shift 2
mkdir -p "$out"
if [ $# -gt 0 ]; then
  languages=("$@")
else
  mapfile -t languages < <(sed 's/#.*//' "$here/../../po/LINGUAS" | tr -s ' \t' '\n' | grep .)
  languages=(en "${languages[@]}")
fi

for lang in "${languages[@]}"; do
  for mode in keys delete sign-in; do
    name=$mode
    [ "$mode" = keys ] && name=main
    RUN_HEADLESS_SCREEN=1280x800x24 GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$build/data" LANG=C.UTF-8 LANGUAGE="$lang" \
      "$here/../harness/run-headless.sh" bash -c '
        "$1" "$2" & demo=$!
        sleep 3
        import -window root "$3"
        kill "$demo"; wait "$demo" 2> /dev/null || true
      ' _ "$build/tests/ui/ak-ui-demo" "$mode" "$out/$lang-$name.png"
    echo "$out/$lang-$name.png"
  done
done
