#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the translations in po/.

  check-po.py check SOURCE_ROOT
      Every language in po/LINGUAS has a .po file (and every .po is in LINGUAS);
      each passes `msgfmt --check` (syntax, header, format specifiers) and has
      no fuzzy and no untranslated message.

  check-po.py current SOURCE_ROOT
      Each .po is complete for the strings in the sources today: a template is
      extracted from po/POTFILES.in (the same keywords as meson's glib preset)
      into a temporary directory and compared with `msgcmp`, which reports
      every message that is missing, fuzzy or untranslated. Nothing in the
      source tree is written.
"""

import os
import re
import subprocess
import sys
import tempfile

# The keywords of meson's i18n.gettext(preset: 'glib').
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
]

STAT = re.compile(r'(\d+) (translated|fuzzy|untranslated)')


def languages(podir):
    with open(os.path.join(podir, 'LINGUAS'), encoding='utf-8') as f:
        langs = []
        for line in f:
            line = line.split('#', 1)[0]
            langs.extend(line.split())
    return langs


def check(root):
    podir = os.path.join(root, 'po')
    langs = languages(podir)
    failures = []
    if not langs:
        failures.append('po/LINGUAS lists no language')
    on_disk = {f[:-3] for f in os.listdir(podir) if f.endswith('.po')}
    for extra in sorted(on_disk - set(langs)):
        failures.append(f'po/{extra}.po is not listed in po/LINGUAS')

    for lang in langs:
        po = os.path.join(podir, lang + '.po')
        if not os.path.isfile(po):
            failures.append(f'po/LINGUAS lists {lang}, but po/{lang}.po does not exist')
            continue
        run = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                             capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
        output = (run.stdout + run.stderr).strip()
        counts = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
        for number, kind in STAT.findall(output):
            counts[kind] = int(number)
        print(f'{lang}: {output}')
        if run.returncode != 0:
            failures.append(f'{lang}: msgfmt --check failed (exit {run.returncode})')
        if counts['translated'] == 0:
            failures.append(f'{lang}: no translated message')
        if counts['fuzzy']:
            failures.append(f'{lang}: {counts["fuzzy"]} fuzzy translations')
        if counts['untranslated']:
            failures.append(f'{lang}: {counts["untranslated"]} untranslated messages')
        with open(po, encoding='utf-8') as f:
            header = f.read(4096)
        if f'"Language: {lang}\\n"' not in header:
            failures.append(f'{lang}: the header has no "Language: {lang}"')
        if '"Plural-Forms: ' not in header:
            failures.append(f'{lang}: the header has no Plural-Forms')
    return failures


def current(root):
    podir = os.path.join(root, 'po')
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'access-keys.pot')
        run = subprocess.run(['xgettext', '--package-name=access-keys', '-o', pot,
                              '-D', root, '-f', os.path.join(podir, 'POTFILES.in')]
                             + XGETTEXT_ARGS,
                             capture_output=True, text=True)
        if run.returncode != 0:
            return [f'xgettext failed: {run.stderr.strip()}']
        for lang in languages(podir):
            po = os.path.join(podir, lang + '.po')
            if not os.path.isfile(po):
                failures.append(f'po/{lang}.po does not exist')
                continue
            run = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True,
                                 env=dict(os.environ, LC_ALL='C'))
            if run.returncode != 0:
                print(run.stderr.strip())
                failures.append(f'{lang}: not complete for the current sources; refresh with '
                                '`meson compile -C <builddir> access-keys-update-po` and translate')
            else:
                print(f'{lang}: every message of the current sources is translated')
    return failures


def main(argv):
    if len(argv) != 3 or argv[1] not in ('check', 'current'):
        print(__doc__, file=sys.stderr)
        return 2
    failures = check(argv[2]) if argv[1] == 'check' else current(argv[2])
    for failure in failures:
        print('FAIL:', failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
