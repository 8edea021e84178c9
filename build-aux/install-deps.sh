#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# install-deps.sh — the Debian 12 and 13 packages that the build, the tests, the demo
# and the fuzzer need. Idempotent: apt runs only when something is missing.
set -euo pipefail

packages=(
  # build
  build-essential pkg-config meson ninja-build gettext
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libyaml-dev   # clouds.yaml and secure.yaml, for Import from OpenStack Configuration
  # data checks: appstreamcli, desktop-file-validate
  appstream desktop-file-utils
  # headless session: tests/harness/run-headless.sh
  xvfb xauth dbus dbus-daemon dbus-bin gnome-keyring libsecret-tools
  # accessibility, UI automation, screenshots; CJK glyphs for the layout test and screenshots
  # of zh_CN, zh_TW, ja and ko (without them each character is a box of its own width)
  at-spi2-core python3-dogtail python3-pyatspi python3-gi gir1.2-atspi-2.0 imagemagick
  xdotool   # real key presses through the X server, for the keyboard-only e2e scenario
  fonts-noto-cjk
  # locale sources: the layout test compiles en_US.UTF-8 into the build dir
  locales
  # every locale compiled, for the date tests in de_DE, zh_CN and ja_JP (tests/unit)
  locales-all
  # a real Keystone: tests/harness/keystone.sh
  python3-keystone uwsgi-core uwsgi-plugin-python3 curl python3-openstackclient
  # fuzzer
  clang libclang-rt-dev   # the runtime of the default clang, whatever its version
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q 'install ok installed' \
    || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

# As a user, apt runs through sudo; as root (a new Debian has no sudo), as is.
apt=()
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo > /dev/null; then
    echo "install-deps: missing ${missing[*]}; run this as root to install them" >&2
    exit 1
  fi
  apt=(sudo DEBIAN_FRONTEND=noninteractive)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { "${apt[@]}" apt-get update -q &&
       "${apt[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
     > "$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "install-deps: apt-get failed (the last lines of its output are above)" >&2
  exit 1
fi
echo "install-deps: done"
