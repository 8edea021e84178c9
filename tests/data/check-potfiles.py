#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check po/POTFILES.in against the tree.

Every file under src/ and data/ that holds translatable strings must be listed,
and every listed file must exist. A file holds translatable strings when it
calls _(), N_(), C_(), NC_() or ngettext, marks a property translatable="yes",
or is one of the data files whose strings are translatable by their format
(desktop entry, AppStream metainfo, GSettings schema).

Usage: check-potfiles.py SOURCE_ROOT
"""

import os
import re
import sys

MARKERS = re.compile(r'(?<![\w])(?:N?C?_|NC_|g_dngettext|g_dpgettext2?|ngettext)\s*\(|translatable="yes"')
BY_NAME = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in', '.gschema.xml')
SCANNED_DIRS = ('src', 'data')
TEXT_SUFFIXES = ('.c', '.h', '.ui', '.in', '.xml', '.blp', '.py', '.js', '.vala')


def listed_files(potfiles):
    entries = []
    with open(potfiles, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            entries.append((number, line))
    return entries


def files_with_strings(root):
    found = set()
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in filenames:
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if name.endswith(BY_NAME):
                    found.add(rel)
                    continue
                if not name.endswith(TEXT_SUFFIXES):
                    continue
                with open(path, encoding='utf-8', errors='replace') as f:
                    if MARKERS.search(f.read()):
                        found.add(rel)
    return found


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    if not os.path.isfile(potfiles):
        print(f'FAIL: {potfiles} does not exist')
        return 1

    problems = []
    entries = listed_files(potfiles)
    seen = set()
    for number, entry in entries:
        if entry in seen:
            problems.append(f'po/POTFILES.in:{number}: {entry} is listed twice')
        seen.add(entry)
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append(f'po/POTFILES.in:{number}: {entry} does not exist')

    for rel in sorted(files_with_strings(root) - seen):
        problems.append(f'{rel} has translatable strings but is not in po/POTFILES.in')

    for problem in problems:
        print('FAIL:', problem)
    if problems:
        return 1
    print(f'ok: po/POTFILES.in lists all {len(seen)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
