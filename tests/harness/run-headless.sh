#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-headless.sh CMD [ARGS...] — runs CMD in a private, throw-away desktop
# session: its own XDG dirs, its own D-Bus session bus, an Xvfb on a free
# display. Exit status: CMD's. Every process started in the session (Xvfb,
# D-Bus-activated services, daemons) is ended before it returns.
#
# Knobs (environment):
#   RUN_HEADLESS_KEYRING=1   gnome-keyring-daemon with an unlocked "login"
#                            collection (the "default" alias) on the bus
#   RUN_HEADLESS_A11Y=1      an AT-SPI bus and registry, GTK_A11Y=atspi (for
#                            dogtail/pyatspi); otherwise GTK_A11Y=none and
#                            NO_AT_BRIDGE=1
#   RUN_HEADLESS_XDOTOOL=1   xdotool, for key presses sent through the X
#                            server's XTEST extension
#   RUN_HEADLESS_SCREEN      Xvfb screen, default 1280x1024x24
#   RUN_HEADLESS_VERBOSE=1   keep the D-Bus daemon's chatter on stderr
#
# A missing tool is an error (exit 1), never a skip: a suite that quietly does
# not run is a failure in CI.
set -u

me=run-headless

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

# ---------------------------------------------------------------- outside the bus

if [ -z "${RUN_HEADLESS_INNER:-}" ]; then
  missing=()
  tools=(dbus-run-session dbus-daemon Xvfb gdbus)
  [ "${RUN_HEADLESS_KEYRING:-0}" = 1 ] && tools+=(gnome-keyring-daemon)
  [ "${RUN_HEADLESS_A11Y:-0}" = 1 ] && tools+=(/usr/libexec/at-spi-bus-launcher gsettings)
  [ "${RUN_HEADLESS_XDOTOOL:-0}" = 1 ] && tools+=(xdotool)
  for tool in "${tools[@]}"; do
    command -v "$tool" > /dev/null || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$me: missing ${missing[*]}; install them with build-aux/install-deps.sh" >&2
    exit 1
  fi

  session=$(mktemp -d "${TMPDIR:-/tmp}/run-headless.XXXXXX") || exit 1

  # Ends every process that carries this session's marker in its environment:
  # the bus, everything it activated, and whatever CMD left behind. SIGTERM
  # first (Xvfb then removes its lock file), SIGKILL for what stays.
  sweep () {
    local sig pids i
    for sig in TERM KILL; do
      for i in $(seq 40); do
        pids=$(grep -lszxF "RUN_HEADLESS_SESSION=$session" /proc/[0-9]*/environ \
               | cut -d/ -f3)
        [ -n "$pids" ] || return 0
        [ "$i" = 1 ] && kill "-$sig" $pids 2> /dev/null
        sleep 0.05
      done
    done
  }
  finish () {
    sweep
    rm -rf "$session"
  }
  trap finish EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT

  # Set before the bus starts: services it activates (dconf, the keyring)
  # inherit the bus's environment, not CMD's, and must not write to the
  # caller's real ~/.config or ~/.local.
  export XDG_RUNTIME_DIR=$session/run XDG_CONFIG_HOME=$session/config \
         XDG_DATA_HOME=$session/data XDG_CACHE_HOME=$session/cache \
         XDG_STATE_HOME=$session/state
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
  mkdir -m 700 "$XDG_RUNTIME_DIR"
  unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS \
        GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

  # The marker goes only into the session's processes, not into this shell or
  # the stderr filter. CMD keeps this script's stdin (a background job would
  # otherwise get /dev/null).
  # G_DEBUG (fatal-warnings in the tests) is for CMD alone: the services the bus
  # starts are GLib programs too, and gnome-keyring-daemon logs a warning when
  # an item is replaced, which would kill it in the middle of a test.
  session_env=(env -u G_DEBUG RUN_HEADLESS_SESSION="$session" RUN_HEADLESS_INNER=1
               RUN_HEADLESS_G_DEBUG="${G_DEBUG-}" RUN_HEADLESS_G_DEBUG_SET="${G_DEBUG+1}")
  if [ "${RUN_HEADLESS_VERBOSE:-0}" = 1 ]; then
    "${session_env[@]}" dbus-run-session -- "$BASH" "$0" "$@" <&0 &
  else
    "${session_env[@]}" dbus-run-session -- "$BASH" "$0" "$@" <&0 \
      2> >(grep --line-buffered -v -E \
           '^dbus-daemon\[[0-9]+\]: |^discover_other_daemon: |^SpiRegistry daemon is running' >&2) &
  fi
  # Waiting on a background job lets TERM/INT interrupt at once.
  wait $!
  exit $?
fi

# ---------------------------------------------------------------- inside the bus

session=$RUN_HEADLESS_SESSION
# The marker stays in the environment, so the sweep outside finds every process
# CMD starts; INNER goes, so that CMD may start a session of its own.
unset RUN_HEADLESS_INNER

fail () {
  echo "$me: $*" >&2
  exit 1
}

xvfb_pid=
stop_xvfb () {
  # A clean Xvfb exit removes /tmp/.X<n>-lock; the outer sweep ends the rest.
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2> /dev/null
    wait "$xvfb_pid" 2> /dev/null
  fi
}
trap stop_xvfb EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# Xvfb picks a free display and writes its number once it accepts clients.
mkfifo "$session/displayfd"
Xvfb -displayfd 5 -screen 0 "${RUN_HEADLESS_SCREEN:-1280x1024x24}" -nolisten tcp -noreset \
  5> "$session/displayfd" 2> "$session/xvfb.log" &
xvfb_pid=$!
display=
read -r -t 30 display < "$session/displayfd"
if [ -z "$display" ]; then
  cat "$session/xvfb.log" >&2
  fail "Xvfb did not start"
fi
# Not in the bus's activation environment (no dbus-update-activation-environment):
# an activated gcr-prompter would open a keyring dialog on Xvfb and wait forever;
# without a display it fails at once and libsecret reports the error.
export DISPLAY=:$display
export GDK_BACKEND=x11 GSK_RENDERER=${GSK_RENDERER:-cairo} GTK_USE_PORTAL=0

if [ "${RUN_HEADLESS_KEYRING:-0}" = 1 ]; then
  # --unlock creates the "login" keyring if needed and unlocks it with stdin;
  # --start then completes the daemon's initialisation.
  printf 'headless' | gnome-keyring-daemon --unlock --components=secrets > /dev/null \
    || fail "gnome-keyring-daemon --unlock failed"
  gnome-keyring-daemon --start --components=secrets > /dev/null \
    || fail "gnome-keyring-daemon --start failed"
  gdbus wait --session --timeout 10 org.freedesktop.secrets \
    || fail "gnome-keyring did not take org.freedesktop.secrets on the session bus"
  locked=$(gdbus call --session --dest org.freedesktop.secrets \
             --object-path /org/freedesktop/secrets/aliases/default \
             --method org.freedesktop.DBus.Properties.Get \
             org.freedesktop.Secret.Collection Locked 2>&1)
  [ "$locked" = "(<false>,)" ] \
    || fail "the keyring's default collection is not unlocked: $locked"
fi

if [ "${RUN_HEADLESS_A11Y:-0}" = 1 ]; then
  /usr/libexec/at-spi-bus-launcher --launch-immediately > /dev/null 2>&1 &
  gdbus wait --session --timeout 10 org.a11y.Bus \
    || fail "at-spi-bus-launcher did not take org.a11y.Bus"
  address=$(gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
              --method org.a11y.Bus.GetAddress) \
    || fail "the accessibility bus has no address"
  address=${address#(\'}
  address=${address%\',)}
  # Activates the registry that dogtail and pyatspi talk to, and proves it answers.
  gdbus call --address "$address" --dest org.a11y.atspi.Registry \
    --object-path /org/a11y/atspi/registry --method org.freedesktop.DBus.Peer.Ping \
    > /dev/null || fail "the AT-SPI registry does not answer on $address"
  # dogtail refuses to run unless this is true. Written to dconf in the private
  # XDG_CONFIG_HOME; a process with GSETTINGS_BACKEND=memory does not see it.
  env -u GSETTINGS_BACKEND gsettings set org.gnome.desktop.interface \
    toolkit-accessibility true || fail "could not set toolkit-accessibility"
  unset NO_AT_BRIDGE
  export GTK_A11Y=atspi
else
  export GTK_A11Y=none NO_AT_BRIDGE=1
fi

if [ -n "${RUN_HEADLESS_G_DEBUG_SET:-}" ]; then
  export G_DEBUG=$RUN_HEADLESS_G_DEBUG
fi
unset RUN_HEADLESS_G_DEBUG RUN_HEADLESS_G_DEBUG_SET
"$@"
exit
