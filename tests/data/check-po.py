#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the translations in po/.

  check-po.py check SOURCE_ROOT
      Every language in po/LINGUAS has a .po file (and every .po is in LINGUAS);
      each passes `msgfmt --check --check-accelerators=_` (syntax, header,
      format specifiers, one mnemonic where the English has one), has no fuzzy
      and no untranslated message, no mnemonic where the English has none, and
      the Plural-Forms that gettext's own table gives for its language.

  check-po.py current SOURCE_ROOT
      Each .po is complete for the strings in the sources today: a template is
      extracted from po/POTFILES.in (the same keywords as meson's glib preset)
      into a temporary directory and compared with `msgcmp`, which reports
      every message that is missing, fuzzy or untranslated; a .po that still
      holds messages the sources no longer have fails too, as does a message
      that puts a number in a sentence without ngettext (a count must have
      plural forms: "%u keys"). Nothing in the source tree is written.
"""

import ast
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

# The plural rule of each language, as gettext's manual and CLDR give it. A
# language missing here fails the check until its rule is written down.
PLURAL_FORMS = {
    'de': 'nplurals=2; plural=(n != 1);',
    'en': 'nplurals=2; plural=(n != 1);',
    'es': 'nplurals=2; plural=(n != 1);',
    'fr': 'nplurals=2; plural=(n > 1);',
    'he': 'nplurals=2; plural=(n != 1);',
    'ja': 'nplurals=1; plural=0;',
    'ko': 'nplurals=1; plural=0;',
    'pt_BR': 'nplurals=2; plural=(n > 1);',
    'zh_CN': 'nplurals=1; plural=0;',
    'zh_TW': 'nplurals=1; plural=0;',
}

# A mnemonic: an underscore before a letter or digit, as GTK reads it.
MNEMONIC = re.compile(r'_(?=\w)')
# An integer printf conversion (%u, %d, %'d, %1$u, %ld, %" G_GSIZE_FORMAT "…).
INTEGER = re.compile(r'%(?:\d+\$)?[-+ #0\']*\d*(?:hh|h|ll|l|z|j|t)?[diu]')


def parse_po(path):
    """The messages of a .po or .pot: a list of dicts with comments (the
    extracted ones), flags, ctxt, id, plural and strs (index → text)."""
    messages = []
    cur = None
    field = None

    def finish():
        if cur is not None and cur['id'] is not None:
            messages.append(cur)

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#~'):
                finish()
                cur, field = None, None
                continue
            if cur is None:
                cur = {'comments': [], 'flags': [], 'ctxt': None, 'id': None,
                       'plural': None, 'strs': {}}
            if line.startswith('#,'):
                cur['flags'] += [flag.strip() for flag in line[2:].split(',')]
            elif line.startswith('#.'):
                cur['comments'].append(line[2:].strip())
            elif line.startswith('#'):
                pass
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if field[0] == 'strs':
                    cur['strs'][field[1]] += text
                else:
                    cur[field[0]] += text
            else:
                keyword, _, value = line.partition(' ')
                text = ast.literal_eval(value)
                if keyword == 'msgctxt':
                    field = ('ctxt',)
                elif keyword == 'msgid':
                    field = ('id',)
                elif keyword == 'msgid_plural':
                    field = ('plural',)
                else:
                    index = int(keyword[7:-1]) if keyword.startswith('msgstr[') else 0
                    field = ('strs', index)
                    cur['strs'][index] = text
                    continue
                cur[field[0]] = text
    finish()
    return [m for m in messages if m['id'] != '']


def normal_plural(text):
    return ' '.join(text.replace(' ', '').replace(';', '; ').split()).rstrip(';').strip()


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
        run = subprocess.run(['msgfmt', '--check', '--check-accelerators=_', '--statistics',
                              '-o', os.devnull, po],
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
        found = re.search(r'"Plural-Forms: ([^"]*?)(?:\\n)?"', header)
        if not found:
            failures.append(f'{lang}: the header has no Plural-Forms')
        elif lang not in PLURAL_FORMS:
            failures.append(f'{lang}: no plural rule is known for it; add it to PLURAL_FORMS '
                            'in tests/data/check-po.py')
        elif normal_plural(found.group(1)) != normal_plural(PLURAL_FORMS[lang]):
            failures.append(f'{lang}: Plural-Forms is "{found.group(1)}", '
                            f'but {lang} needs "{PLURAL_FORMS[lang]}"')
        for message in parse_po(po):
            if MNEMONIC.search(message['id']):
                continue
            for text in message['strs'].values():
                if MNEMONIC.search(text):
                    failures.append(f'{lang}: "{message["id"]}" has no mnemonic, but its '
                                    f'translation "{text}" has one')
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
        template = parse_po(pot)
        keys = {(m['ctxt'], m['id']) for m in template}
        for message in template:
            comments = ' '.join(message['comments'])
            if (message['plural'] is None and 'c-format' in message['flags']
                    and INTEGER.search(message['id'])
                    and 'not a count' not in comments):
                failures.append(f'"{message["id"]}" puts a number in a sentence without '
                                'plural forms: use ngettext or g_dngettext (or, for a '
                                'number that is not a count, say "not a count" in the '
                                'translators\' comment)')
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
            stale = [m['id'] for m in parse_po(po) if (m['ctxt'], m['id']) not in keys]
            if stale:
                failures.append(f'{lang}: {len(stale)} messages the sources no longer have '
                                f'(first: "{stale[0]}"); refresh with `meson compile -C '
                                '<builddir> access-keys-update-po`')
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
