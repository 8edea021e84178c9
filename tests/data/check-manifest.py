#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest.

Usage: check-manifest.py MANIFEST SOURCE_ROOT

The app ID and command are the app's, the runtime is a GNOME release that is
still supported (SUPPORTED_RUNTIMES; an end-of-life one fails), the sandbox
holds exactly the six permissions flatpak/README.md explains (nothing that
widens it: no D-Bus names, no home directory, no session bus; the one folder
it may see is ~/.config/openstack, read-only), and the last module builds this
very tree with meson.
"""

import json
import os
import re
import sys

APP_ID = 'io.github.accesskeys.AccessKeys'
COMMAND = 'access-keys'
# The GNOME runtimes Flathub still supports: the current stable release and
# the one before it. Update this when GNOME releases (March and September) and
# an older runtime reaches its end of life; anything else fails, so a manifest
# never ships on a runtime that no longer gets security updates.
SUPPORTED_RUNTIMES = ('50', '51')
FINISH_ARGS = [
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    # clouds.yaml and secure.yaml, for Import from OpenStack Configuration;
    # any other file comes through the file chooser portal.
    '--filesystem=xdg-config/openstack:ro',
]
FORBIDDEN_PREFIXES = (
    '--talk-name', '--own-name', '--system-talk-name',
    '--filesystem=home', '--filesystem=host', '--filesystem=~',
    '--socket=session-bus', '--socket=system-bus', '--socket=x11',
    '--device=all',
    '--filesystem=xdg-config:', '--filesystem=xdg-config/openstack:rw',
    '--filesystem=xdg-config/openstack:create', '--filesystem=/',
)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    manifest_path, root = argv[1], os.path.realpath(argv[2])
    failures = []

    with open(manifest_path, encoding='utf-8') as f:
        try:
            manifest = json.load(f)
        except json.JSONDecodeError as e:
            print(f'FAIL: {manifest_path} is not valid JSON: {e}')
            return 1

    app_id = manifest.get('app-id', manifest.get('id'))
    if app_id != APP_ID:
        failures.append(f'app-id is {app_id!r}, expected {APP_ID!r}')
    if manifest.get('command') != COMMAND:
        failures.append(f'command is {manifest.get("command")!r}, expected {COMMAND!r}')
    if manifest.get('runtime') != 'org.gnome.Platform':
        failures.append(f'runtime is {manifest.get("runtime")!r}, expected org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        failures.append(f'sdk is {manifest.get("sdk")!r}, expected org.gnome.Sdk')
    version = manifest.get('runtime-version')
    if not isinstance(version, str) or not re.fullmatch(r'\d+', version):
        failures.append(f'runtime-version {version!r} is not a GNOME release')
    elif version not in SUPPORTED_RUNTIMES:
        newest = max(SUPPORTED_RUNTIMES, key=int)
        state = 'end-of-life' if int(version) < int(newest) else 'not a stable release'
        failures.append(f'runtime-version {version} is {state}; '
                        f'supported: {", ".join(SUPPORTED_RUNTIMES)} (use {newest})')

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        if arg.startswith(FORBIDDEN_PREFIXES):
            failures.append(f'finish-args holds {arg}, which widens the sandbox')
    if sorted(finish_args) != sorted(FINISH_ARGS) or len(finish_args) != len(set(finish_args)):
        failures.append(f'finish-args are {finish_args}, expected exactly {FINISH_ARGS}')

    modules = manifest.get('modules', [])
    if not modules or not isinstance(modules[-1], dict):
        failures.append('the manifest has no module that builds the app')
    else:
        app = modules[-1]
        if app.get('name') != COMMAND:
            failures.append(f'the last module is {app.get("name")!r}, expected {COMMAND!r}')
        if app.get('buildsystem') != 'meson':
            failures.append(f'the last module builds with {app.get("buildsystem")!r}, not meson')
        manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
        trees = [os.path.realpath(os.path.join(manifest_dir, s.get('path', '')))
                 for s in app.get('sources', []) if s.get('type') == 'dir']
        if root not in trees:
            failures.append(f'the last module does not build this tree ({root}); '
                            f'its dir sources are {trees}')
        meson_build = os.path.join(root, 'meson.build')
        with open(meson_build, encoding='utf-8') as f:
            if not re.search(r"project\(\s*'access-keys'", f.read()):
                failures.append(f'{meson_build} is not the access-keys project')
        for opt in app.get('config-opts', []):
            if opt.startswith('-Dprofile=') and opt != '-Dprofile=default':
                failures.append(f'the Flatpak builds {opt}, but its app-id is the stable one')

    for failure in failures:
        print('FAIL:', failure)
    if failures:
        return 1
    print(f'ok: {APP_ID}, command {COMMAND}, org.gnome.Platform {version}, '
          f'finish-args {" ".join(finish_args)}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
