#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the GSettings schema.

Usage: check-schema.py SCHEMA_XML

Copies the schema into a private directory, where `glib-compile-schemas
--strict --dry-run` must accept it silently; then compiles it there and asks
`gsettings` for every key's default and range, as the app will see them. Every
key needs a summary and a description.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SCHEMA_ID = 'io.github.accesskeys.AccessKeys'
SCHEMA_PATH = '/io/github/accesskeys/AccessKeys/'
EXPECTED = {
    'window-width': ('960', 'type i'),
    'window-height': ('640', 'type i'),
    'window-maximized': ('false', 'type b'),
    'last-account': ("''", 'type s'),
    'key-scope': ("'mine'", "enum\n'mine'\n'all-users'"),
    'expires-soon-days': ('uint32 30', 'range u 1 365'),
    'filter-needs-attention': ('false', 'type b'),
    'filter-kind': ("'all'", "enum\n'all'\n'ec2'\n'application-credential'"),
    'filter-owner': ("''", 'type s'),
    'filter-project': ("''", 'type s'),
}


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source = argv[1]
    failures = []

    root = ET.parse(source).getroot()
    if root.get('gettext-domain') != 'access-keys':
        failures.append(f'gettext-domain is {root.get("gettext-domain")!r}, expected access-keys')
    schema = root.find(f"schema[@id='{SCHEMA_ID}']")
    if schema is None:
        print(f'FAIL: {source} has no schema {SCHEMA_ID}')
        return 1
    if schema.get('path') != SCHEMA_PATH:
        failures.append(f'the schema path is {schema.get("path")!r}, expected {SCHEMA_PATH}')
    for key in schema.findall('key'):
        for part in ('summary', 'description'):
            text = key.findtext(part)
            if not text or not text.strip():
                failures.append(f'key {key.get("name")} has no {part}')

    env = dict(os.environ, GSETTINGS_BACKEND='memory', LC_ALL='C')
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(source, tmp)
        run = subprocess.run(['glib-compile-schemas', '--strict', '--dry-run', tmp],
                             capture_output=True, text=True)
        out = (run.stdout + run.stderr).strip()
        if run.returncode != 0 or out:
            failures.append(f'glib-compile-schemas --strict --dry-run: exit {run.returncode}: {out}')
        else:
            print('glib-compile-schemas --strict --dry-run: ok')
            subprocess.run(['glib-compile-schemas', '--strict', tmp], check=True)
            keys = subprocess.run(['gsettings', '--schemadir', tmp, 'list-keys', SCHEMA_ID],
                                  capture_output=True, text=True, env=env).stdout.split()
            if sorted(keys) != sorted(EXPECTED):
                failures.append(f'the keys are {sorted(keys)}, expected {sorted(EXPECTED)}')
            for key, (default, range_) in EXPECTED.items():
                got = subprocess.run(['gsettings', '--schemadir', tmp, 'get', SCHEMA_ID, key],
                                     capture_output=True, text=True, env=env).stdout.strip()
                got_range = subprocess.run(['gsettings', '--schemadir', tmp, 'range', SCHEMA_ID,
                                            key], capture_output=True, text=True,
                                           env=env).stdout.strip()
                print(f'{key}: default {got}, range {got_range!r}')
                if got != default:
                    failures.append(f'{key} defaults to {got!r}, expected {default!r}')
                if got_range != range_:
                    failures.append(f'{key} has range {got_range!r}, expected {range_!r}')

    for failure in failures:
        print('FAIL:', failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
