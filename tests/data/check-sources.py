#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-sources.py SRCDIR — the house rules a newcomer relies on, checked so
nobody has to argue about them: every C file under src/ starts with an SPDX
line, sources define G_LOG_DOMAIN and include config.h first, headers use
#pragma once, no tabs or trailing blanks, lines under 100 columns, and
src/core never includes GTK (it is the part the tests, fuzzer and benchmark
link without a display)."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
problems = []


def problem(path, line, what):
    problems.append("%s:%s: %s" % (path.relative_to(root), line, what))


for path in sorted((root / "src").rglob("*.[ch]")):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines[0].startswith("/* SPDX-License-Identifier: GPL-3.0-or-later"):
        problem(path, 1, "no SPDX licence line")
    for n, line in enumerate(lines, 1):
        if "\t" in line:
            problem(path, n, "tab")
        if line != line.rstrip():
            problem(path, n, "trailing blank")
        if len(line) >= 100:
            problem(path, n, "line of %d columns" % len(line))
    includes = re.findall(r'^#include [<"]([^>"]+)[>"]', text, re.M)
    if path.suffix == ".h":
        if "#pragma once" not in text:
            problem(path, 1, "header without #pragma once")
    else:
        if path.name != "main.c" and "#define G_LOG_DOMAIN" not in text:
            problem(path, 1, "no G_LOG_DOMAIN")
        if not includes or includes[0] != "config.h":
            problem(path, 1, "config.h is not the first include")
    if "core" in path.relative_to(root).parts:
        for inc in includes:
            if inc.split("/")[0] in ("gtk", "gdk", "adwaita.h", "gsk"):
                problem(path, 1, "src/core includes %s" % inc)

for p in problems:
    print(p)
print("%d file(s) checked, %d problem(s)" % (len(list((root / "src").rglob("*.[ch]"))),
                                             len(problems)))
sys.exit(1 if problems else 0)
