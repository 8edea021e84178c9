#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The data checks must be able to fail: feed each a broken input and expect
a failure, and a sound one and expect a pass. Prints TAP.

Usage: test-checkers.py CHECKS_DIR
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

CHECKS = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
RESULTS = []


def run(script, *args):
    env = dict(os.environ, GSETTINGS_BACKEND='memory')
    return subprocess.run([sys.executable, os.path.join(CHECKS, script), *args],
                          capture_output=True, text=True, env=env)


def expect(name, passes, script, *args):
    result = run(script, *args)
    output = result.stdout + result.stderr
    # A failure must be the check's verdict (exit 1 with a FAIL line), not a crash.
    ok = result.returncode == 0 if passes else \
        result.returncode == 1 and 'FAIL' in output and 'Traceback' not in output
    RESULTS.append((ok, name, output))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


PO_HEADER = '''msgid ""
msgstr ""
"Language: zh_CN\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

'''


def potfiles_cases(tmp):
    root = os.path.join(tmp, 'potfiles')
    write(os.path.join(root, 'src', 'ak-a.c'), 'static const char *s = N_("Hello");\n')
    write(os.path.join(root, 'src', 'ak-b.ui'), '<property name="label" translatable="yes">Hi</property>\n')
    write(os.path.join(root, 'src', 'ak-c.c'), 'int my_(void); /* no strings */\n')
    write(os.path.join(root, 'po', 'POTFILES.in'), 'src/ak-a.c\nsrc/ak-b.ui\n')
    expect('POTFILES check passes on a complete list', True, 'check-potfiles.py', root)
    write(os.path.join(root, 'po', 'POTFILES.in'), 'src/ak-a.c\n')
    expect('POTFILES check fails on a missing .ui file', False, 'check-potfiles.py', root)
    write(os.path.join(root, 'po', 'POTFILES.in'), 'src/ak-a.c\nsrc/ak-b.ui\nsrc/gone.c\n')
    expect('POTFILES check fails on a listed file that does not exist', False,
           'check-potfiles.py', root)


def po_cases(tmp):
    root = os.path.join(tmp, 'po-tree')
    write(os.path.join(root, 'src', 'ak-a.c'), 'const char *s = _("Delete %s");\n')
    write(os.path.join(root, 'po', 'POTFILES.in'), 'src/ak-a.c\n')
    write(os.path.join(root, 'po', 'LINGUAS'), 'zh_CN\n')
    po = os.path.join(root, 'po', 'zh_CN.po')

    write(po, PO_HEADER + '#, c-format\nmsgid "Delete %s"\nmsgstr "删除 %s"\n')
    expect('po check passes on a complete translation', True, 'check-po.py', 'check', root)
    expect('po currency passes when every source string is translated', True,
           'check-po.py', 'current', root)
    write(po, PO_HEADER + '#, fuzzy, c-format\nmsgid "Delete %s"\nmsgstr "删除 %s"\n')
    expect('po check fails on a fuzzy message', False, 'check-po.py', 'check', root)
    write(po, PO_HEADER + '#, c-format\nmsgid "Delete %s"\nmsgstr ""\n')
    expect('po check fails on an untranslated message', False, 'check-po.py', 'check', root)
    write(po, PO_HEADER + '#, c-format\nmsgid "Delete %s"\nmsgstr "删除 %d"\n')
    expect('po check fails on a wrong format specifier', False, 'check-po.py', 'check', root)
    write(po, PO_HEADER + 'msgid "Something else"\nmsgstr "别的"\n')
    expect('po currency fails on a source string missing from the .po', False,
           'check-po.py', 'current', root)
    os.remove(po)
    expect('po check fails when a LINGUAS language has no .po', False,
           'check-po.py', 'check', root)

    write(po, PO_HEADER.replace('nplurals=1; plural=0;', 'nplurals=2; plural=(n != 1);')
          + '#, c-format\nmsgid "Delete %s"\nmsgstr "删除 %s"\n')
    expect('po check fails on the wrong Plural-Forms for the language', False,
           'check-po.py', 'check', root)
    write(po, PO_HEADER + 'msgid "_Delete"\nmsgstr "删除"\n')
    expect('po check fails on a translation that drops the mnemonic', False,
           'check-po.py', 'check', root)
    write(po, PO_HEADER + 'msgid "Name"\nmsgstr "名称(_N)"\n')
    expect('po check fails on a mnemonic the English does not have', False,
           'check-po.py', 'check', root)
    write(po, PO_HEADER + 'msgid "_Delete"\nmsgstr "删除(_D)"\nmsgid "Name"\nmsgstr "名称"\n')
    expect('po check passes on mnemonics where the English has them', True,
           'check-po.py', 'check', root)
    write(os.path.join(root, 'po', 'LINGUAS'), 'xx\n')
    write(os.path.join(root, 'po', 'xx.po'), PO_HEADER.replace('zh_CN', 'xx')
          + '#, c-format\nmsgid "Delete %s"\nmsgstr "Xx %s"\n')
    expect('po check fails on a language whose plural rule is not known', False,
           'check-po.py', 'check', root)
    os.remove(os.path.join(root, 'po', 'xx.po'))

    # Every language in LINGUAS, not only the first: a second one that lacks
    # a string fails the currency check.
    write(os.path.join(root, 'po', 'LINGUAS'), 'de\nzh_CN\n')
    de_header = PO_HEADER.replace('zh_CN', 'de').replace('nplurals=1; plural=0;',
                                                          'nplurals=2; plural=(n != 1);')
    de = os.path.join(root, 'po', 'de.po')
    write(po, PO_HEADER + '#, c-format\nmsgid "Delete %s"\nmsgstr "删除 %s"\n')
    write(de, de_header + 'msgid "Something else"\nmsgstr "Etwas anderes"\n')
    expect('po currency fails when the second language misses a string', False,
           'check-po.py', 'current', root)
    write(de, de_header + '#, c-format\nmsgid "Delete %s"\nmsgstr ""\n')
    expect('po check fails when the second language has an untranslated message', False,
           'check-po.py', 'check', root)
    write(de, de_header + '#, c-format\nmsgid "Delete %s"\nmsgstr "%s löschen"\n')
    expect('po check passes on two complete languages', True, 'check-po.py', 'check', root)
    expect('po currency passes on two complete languages', True,
           'check-po.py', 'current', root)
    write(de, de_header + '#, c-format\nmsgid "Delete %s"\nmsgstr "%s löschen"\n'
          'msgid "Gone from the sources"\nmsgstr "Weg"\n')
    expect('po currency fails on a message the sources no longer have', False,
           'check-po.py', 'current', root)

    # A count needs plural forms.
    write(os.path.join(root, 'po', 'LINGUAS'), 'zh_CN\n')
    os.remove(de)
    write(os.path.join(root, 'src', 'ak-a.c'), 'const char *s = _("%u keys deleted");\n')
    write(po, PO_HEADER
          + '#, c-format\nmsgid "%u keys deleted"\nmsgstr "已删除 %u 个密钥"\n')
    expect('po currency fails on a count without ngettext', False,
           'check-po.py', 'current', root)
    write(os.path.join(root, 'src', 'ak-a.c'),
          'const char *s = g_dngettext (NULL, "%u key deleted", "%u keys deleted", n);\n')
    write(po, PO_HEADER + '#, c-format\nmsgid "%u key deleted"\nmsgid_plural "%u keys deleted"\n'
          'msgstr[0] "已删除 %u 个密钥"\n')
    expect('po currency passes on a count through g_dngettext', True,
           'check-po.py', 'current', root)


def manifest_cases(tmp, source_root):
    good_path = os.path.join(source_root, 'flatpak', 'io.github.accesskeys.AccessKeys.json')
    with open(good_path, encoding='utf-8') as f:
        good = json.load(f)
    expect('manifest check passes on the real manifest', True,
           'check-manifest.py', good_path, source_root)
    # A broken copy lives beside the real one's directory layout: tmp/flatpak/x.json
    # with a dir source pointing back at the real tree.
    broken_dir = os.path.join(tmp, 'flatpak')
    os.makedirs(broken_dir, exist_ok=True)

    def broken(name, change):
        manifest = json.loads(json.dumps(good))
        manifest['modules'][-1]['sources'] = [{'type': 'dir', 'path': source_root}]
        change(manifest)
        path = os.path.join(broken_dir, 'm.json')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(manifest, f)
        expect(name, False, 'check-manifest.py', path, source_root)

    broken('manifest check fails on --talk-name',
           lambda m: m['finish-args'].append('--talk-name=org.freedesktop.secrets'))
    broken('manifest check fails on --filesystem=home',
           lambda m: m['finish-args'].append('--filesystem=home'))
    broken('manifest check fails on the openstack folder writable',
           lambda m: m['finish-args'].__setitem__(
               m['finish-args'].index('--filesystem=xdg-config/openstack:ro'),
               '--filesystem=xdg-config/openstack'))
    broken('manifest check fails on the whole config folder',
           lambda m: m['finish-args'].append('--filesystem=xdg-config:ro'))
    broken('manifest check fails on a missing permission',
           lambda m: m['finish-args'].remove('--device=dri'))
    broken('manifest check fails on an end-of-life runtime (GNOME 47)',
           lambda m: m.update({'runtime-version': '47'}))
    broken('manifest check fails on the runtime that just reached end of life (GNOME 49)',
           lambda m: m.update({'runtime-version': '49'}))
    broken('manifest check fails on the unstable master runtime',
           lambda m: m.update({'runtime-version': 'master'}))
    broken('manifest check fails on a wrong command', lambda m: m.update(command='ak'))
    broken('manifest check fails on a wrong app-id',
           lambda m: m.update({'app-id': 'org.example.Other'}))
    broken('manifest check fails when the app is not built with meson',
           lambda m: m['modules'][-1].update(buildsystem='cmake'))
    broken('manifest check fails when the app is built from elsewhere',
           lambda m: m['modules'][-1].update(sources=[{'type': 'dir', 'path': '/nonexistent'}]))


def icon_cases(tmp, source_root):
    icons = os.path.join(source_root, 'data', 'icons', 'hicolor')
    scalable = os.path.join(icons, 'scalable', 'apps', 'io.github.accesskeys.AccessKeys.svg')
    symbolic = os.path.join(icons, 'symbolic', 'apps',
                            'io.github.accesskeys.AccessKeys-symbolic.svg')
    expect('icon check passes on the real icons', True, 'check-icons.py', scalable, symbolic)
    with open(symbolic, encoding='utf-8') as f:
        text = f.read()
    bad = os.path.join(tmp, 'bad-symbolic.svg')
    write(bad, text.replace('#2e3436', '#e01b24', 1))
    expect('icon check fails on a second colour in the symbolic icon', False,
           'check-icons.py', scalable, bad)
    write(bad, text.replace('width="16" height="16"', 'width="24" height="24"'))
    expect('icon check fails on a 24×24 symbolic icon', False, 'check-icons.py', scalable, bad)
    write(bad, text.replace('</svg>', ''))
    expect('icon check fails on an SVG that does not parse', False,
           'check-icons.py', scalable, bad)


def schema_cases(tmp, source_root):
    schema = os.path.join(source_root, 'data', 'io.github.accesskeys.AccessKeys.gschema.xml')
    expect('schema check passes on the real schema', True, 'check-schema.py', schema)
    with open(schema, encoding='utf-8') as f:
        text = f.read()
    bad = os.path.join(tmp, 'schema', 'io.github.accesskeys.AccessKeys.gschema.xml')
    write(bad, text.replace('<default>960</default>', '<default>800</default>'))
    expect('schema check fails on a wrong default', False, 'check-schema.py', bad)
    write(bad, text.replace("<default>'mine'</default>", "<default>'everyone'</default>"))
    expect('schema check fails on a default outside the choices', False, 'check-schema.py', bad)
    write(bad, text.replace('<summary>Window width</summary>', ''))
    expect('schema check fails on a key without summary', False, 'check-schema.py', bad)


def validate_cases(tmp):
    desktop = os.path.join(tmp, 'x.desktop')
    write(desktop, '[Desktop Entry]\nName=X\nExec=x\nType=Application\n'
                   'Categories=System;Security;\n')
    expect('validator wrapper passes a clean desktop file', True,
           'check-validate.py', '--', desktop, 'desktop-file-validate')
    write(desktop, '[Desktop Entry]\nName=X\nExec=x\nType=Application\n'
                   'Categories=Utility;Security;Network;\n')
    expect('validator wrapper fails on a desktop-file-validate hint', False,
           'check-validate.py', '--', desktop, 'desktop-file-validate')
    expect('validator wrapper fails when an expected translation is missing', False,
           'check-validate.py', '--expect', 'Name[zh_CN]=', '--', desktop, 'true')
    expect('validator wrapper fails when nothing matches an expected pattern', False,
           'check-validate.py', '--expect-re', r'Name\[zh(_CN|-Hans-CN)\]=', '--', desktop, 'true')
    expect('validator wrapper passes when an expected pattern matches', True,
           'check-validate.py', '--expect-re', r'Name=X', '--', desktop, 'true')

    # `appstreamcli validate --strict` exits 3 on any info: tolerated only
    # when each finding was allowed.
    strict = os.path.join(tmp, 'fake-appstreamcli-strict')
    write(strict, '#!/bin/sh\nprintf "I: x:3: unknown-tag developer\\n\\n'
                  '\\342\\234\\230 Validation failed: infos: 1\\n"\nexit 3\n')
    os.chmod(strict, 0o755)
    expect('validator wrapper passes a strict failure made only of allowed findings', True,
           'check-validate.py', '--allow', 'unknown-tag developer', '--', desktop, strict)
    expect('validator wrapper fails on a strict failure with a finding not allowed', False,
           'check-validate.py', '--', desktop, strict)
    expect('validator wrapper fails on a non-zero exit with no finding', False,
           'check-validate.py', '--allow', 'unknown-tag developer', '--', desktop, 'false')


def main():
    source_root = os.path.realpath(os.path.join(CHECKS, '..', '..'))
    with tempfile.TemporaryDirectory() as tmp:
        potfiles_cases(tmp)
        po_cases(tmp)
        manifest_cases(tmp, source_root)
        icon_cases(tmp, source_root)
        schema_cases(tmp, source_root)
        validate_cases(tmp)
    print(f'1..{len(RESULTS)}')
    for number, (ok, name, output) in enumerate(RESULTS, 1):
        print(f'{"ok" if ok else "not ok"} {number} - {name}')
        if not ok:
            for line in output.strip().splitlines():
                print('# ' + line)
    return 0 if all(ok for ok, _, _ in RESULTS) else 1


if __name__ == '__main__':
    sys.exit(main())
