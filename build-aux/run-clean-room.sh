#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-clean-room.sh SUITE — the README's test command on a Debian system with
# nothing installed: makes a minimal Debian root for SUITE (bookworm: the
# platform floor; trixie: the current GNOME stack) with debootstrap, clones
# the committed tree (HEAD) into it, and there, as root and without sudo,
# runs build-aux/install-deps.sh and then build-aux/run-tests.sh. After the
# install step nothing may change under /etc: every file changed there is
# listed and fails the run. A clean room that cannot be made is a failure,
# never a skip.
#
# The last line is "SUITE: N passed, N failed, N skipped" (the tests' own
# counts; a failed /etc check adds one failure).
#
# Caches (outside the repository, kept between runs):
#   $AK_CLEAN_ROOM_CACHE (default /var/cache/access-keys-clean-room)/SUITE/
#     base.tar       the debootstrap result, made again after a week
#     archives/      apt's downloaded packages, shared with the room
# Environment: AK_CLEAN_ROOM_MIRROR (default http://deb.debian.org/debian),
#   AK_CLEAN_ROOM_KEEP=1 keeps the room's folder for a look afterwards.
set -euo pipefail

suite=${1:-}
case "$suite" in
  bookworm|trixie) ;;
  *) echo "usage: run-clean-room.sh bookworm|trixie" >&2; exit 2 ;;
esac

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mirror=${AK_CLEAN_ROOM_MIRROR:-http://deb.debian.org/debian}
cache=${AK_CLEAN_ROOM_CACHE:-/var/cache/access-keys-clean-room}/$suite

say () { printf 'clean-room %s: %s\n' "$suite" "$*"; }
fail () {   # MESSAGE: the room could not be made or used; counts as a failure
  say "$*" >&2
  echo "$suite: 0 passed, 1 failed, 0 skipped"
  exit 1
}

if [ "$(id -u)" != 0 ]; then
  command -v sudo > /dev/null || fail "needs root (chroot, mount); run it as root"
  exec sudo --preserve-env=AK_CLEAN_ROOM_CACHE,AK_CLEAN_ROOM_MIRROR,AK_CLEAN_ROOM_KEEP,CI \
    bash "${BASH_SOURCE[0]}" "$@"
fi

# The host's own tools: debootstrap, and git to clone the tree.
if ! command -v debootstrap > /dev/null || ! command -v git > /dev/null; then
  say "installing debootstrap and git on this machine"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends debootstrap git; } > /dev/null \
    || fail "could not install debootstrap"
fi

declare -A took
t_phase=$EPOCHREALTIME
phase_end () {   # NAME
  took[$1]=$(awk -v a="$t_phase" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }')
  t_phase=$EPOCHREALTIME
}

# ------------------------------------------------------------------ the base

mkdir -p "$cache/archives/partial"
base=$cache/base.tar
if [ ! -s "$base" ] || [ -n "$(find "$base" -mtime +7)" ]; then
  say "making the base system with debootstrap (minbase) from $mirror"
  stage=$(mktemp -d /var/tmp/ak-clean-room-base.XXXXXX)
  if ! debootstrap --variant=minbase --cache-dir="$cache/archives" \
         "$suite" "$stage" "$mirror" > "$cache/debootstrap.log" 2>&1; then
    tail -n 20 "$cache/debootstrap.log" >&2
    rm -rf "$stage"
    fail "debootstrap failed (log: $cache/debootstrap.log)"
  fi
  rm -rf "$stage/var/cache/apt/archives"/*.deb
  tar -C "$stage" -cf "$base.tmp" . && mv "$base.tmp" "$base"
  rm -rf "$stage"
fi
phase_end base

# ------------------------------------------------------------------ the room

root=$(mktemp -d /var/tmp/ak-clean-room-$suite.XXXXXX)
mounts=()
cleanup () {
  local pid link m i
  # Whatever still runs inside (a server a failed test left) goes first, or
  # the mounts below stay busy.
  for pid in /proc/[0-9]*; do
    link=$(readlink "$pid/root" 2> /dev/null) || continue
    [ "$link" = "$root" ] && kill -KILL "${pid#/proc/}" 2> /dev/null
  done
  for (( i = ${#mounts[@]} - 1; i >= 0; i-- )); do
    m=${mounts[$i]}
    umount "$m" 2> /dev/null || umount -l "$m" 2> /dev/null || true
  done
  if [ "${AK_CLEAN_ROOM_KEEP:-0}" = 1 ]; then
    say "kept $root"
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# apt's packages stay in the cache for the next room.
mount_in () {   # MOUNT ARGS... TARGET
  local target=${*: -1}
  mkdir -p "$target"
  mount "$@"
  mounts+=("$target")
}
mount_in -t proc proc "$root/proc"
mount_in -t sysfs -o ro sysfs "$root/sys"
mount_in --bind /dev "$root/dev"
mount_in -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount_in -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
mount_in -t tmpfs -o mode=755 tmpfs "$root/run"
mount_in --bind "$cache/archives" "$root/var/cache/apt/archives"

# The committed tree, as a clone: what CI and a new user get.
git clone -q --no-hardlinks "$top" "$root/src/access-keys" \
  || fail "could not clone $top"
say "cloned $(git -C "$root/src/access-keys" log -1 --format='%h %s')"

inside () {   # COMMAND: as root in the room, with a plain login environment
  chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root TERM=dumb \
    LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    CI="${CI:-}" /bin/bash -c "cd /src/access-keys && $1"
}

# ------------------------------------------------------------------ install

if ! inside 'bash build-aux/install-deps.sh' 2>&1 | sed "s/^/[$suite] /"; then
  fail "build-aux/install-deps.sh failed"
fi
phase_end install
touch "$root/.ak-after-install"

# ------------------------------------------------------------------ tests

log=$root/.ak-tests.log
set +e
inside 'bash build-aux/run-tests.sh' 2>&1 | tee "$log" | sed "s/^/[$suite] /"
status=${PIPESTATUS[0]}
set -e
phase_end tests

counts=$(tail -n 1 "$log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
[ -n "$counts" ] || counts="0 1 0"
read -r passed failed skipped <<< "$counts"

# Nothing a test does may touch /etc (Keystone's defaults point there).
changed=$(cd "$root" && find etc \( -newer .ak-after-install -o -cnewer .ak-after-install \) -print)
if [ -n "$changed" ]; then
  say "files under /etc changed during the tests:" >&2
  printf '  /%s\n' $changed >&2
  failed=$((failed + 1))
  status=1
else
  say "no file under /etc changed during the tests"
fi

for name in base install tests; do
  say "time $name ${took[$name]}"
done
echo "$suite: $passed passed, $failed failed, $skipped skipped"
exit $status
