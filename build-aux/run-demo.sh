#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-demo.sh — try the app against a real local Keystone: installs the
# dependencies (as root), builds _build-demo, starts Keystone on 127.0.0.1
# with a few sample keys for the user alice, then opens the app.
#
# Run with sudo from your desktop session: the packages are installed as root,
# everything else (build, Keystone, the app, its keyring) runs as you.
# Keystone keeps running after the app closes, so the app can be opened again;
# the next run-demo.sh starts it afresh.
#
# Environment (all optional):
#   AK_DEMO_PORT=5000          preferred port (a free one is used if it is taken)
#   AK_DEMO_HEADLESS=1         no desktop needed: runs the app under Xvfb with a
#                              private keyring and saves a screenshot
#   AK_DEMO_SCREENSHOT=FILE    where (default: the demo state dir/screenshot.png)
#   AK_DEMO_SCREENSHOT_DELAY   seconds between launch and screenshot (default 3)
#   AK_DEMO_SHOW=delete        headless: the screenshot shows the delete question
#                              for the first sample key
#   LANGUAGE=zh_CN (etc.)      the app in that language
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$top/_build-demo
keystone_sh=$top/tests/harness/keystone.sh
app=$build/src/access-keys

say () { printf 'run-demo: %s\n' "$*"; }
die () { printf 'run-demo: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ the account

# Signs the app in to the demo Keystone, so that it opens on the key list:
# the account goes where the app keeps accounts, and the password, read on
# standard input, into the keyring; never into a file.
add_demo_account () {
  printf '%s\n' "$AK_TEST_MEMBER_PASSWORD" |
    "$build/tests/harness/ak-demo-account" --url "$AK_TEST_KEYSTONE_URL" \
      --user "$AK_TEST_MEMBER_USER" --project "$AK_TEST_MEMBER_PROJECT" \
      --domain "$AK_TEST_DOMAIN" --label "Demo cloud" \
    || die "saving the demo account failed"
}

# ------------------------------------------------------------------ headless

# Inside run-headless.sh: the account, the app, a screenshot of the screen.
if [ "${AK_DEMO_INNER:-}" = headless ]; then
  add_demo_account
  "$app" &
  app_pid=$!
  sleep "${AK_DEMO_SCREENSHOT_DELAY:-3}"
  if [ "${AK_DEMO_SHOW:-}" = delete ]; then
    # Through the window's own action, exported on the session bus by GTK.
    gdbus call --session --dest io.github.accesskeys.AccessKeys \
      --object-path /io/github/accesskeys/AccessKeys/window/1 \
      --method org.gtk.Actions.Activate delete-key \
      "[<(uint32 0, '$AK_DEMO_FIRST_KEY')>]" "{}" > /dev/null \
      || die "could not ask to delete the first key"
    sleep 1
  fi
  if ! kill -0 "$app_pid" 2> /dev/null; then
    status=0
    wait "$app_pid" || status=$?
    die "the app exited before the screenshot (status $status)"
  fi
  import -window root "$AK_DEMO_SCREENSHOT"
  kill "$app_pid"
  wait "$app_pid" 2> /dev/null || true
  say "screenshot: $AK_DEMO_SCREENSHOT"
  exit 0
fi

# ------------------------------------------------------------------ as root

if [ "$(id -u)" = 0 ] && [ -z "${AK_DEMO_DEPS_DONE:-}" ]; then
  bash "$top/build-aux/install-deps.sh"
  if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
    # Back to the person who ran sudo, with their desktop session: the app and
    # its keyring belong to them, and so do the build files.
    # sudo keeps DISPLAY and XAUTHORITY but drops the rest of the session.
    runtime=/run/user/$(id -u "$SUDO_USER")
    [ -z "${WAYLAND_DISPLAY:-}" ] && [ -S "$runtime/wayland-0" ] && WAYLAND_DISPLAY=wayland-0
    session=(AK_DEMO_DEPS_DONE=1 USER="$SUDO_USER" XDG_RUNTIME_DIR="$runtime"
             HOME="$(getent passwd "$SUDO_USER" | cut -d: -f6)")
    [ -S "$runtime/bus" ] && session+=(DBUS_SESSION_BUS_ADDRESS="unix:path=$runtime/bus")
    for var in DISPLAY XAUTHORITY WAYLAND_DISPLAY AK_DEMO_PORT AK_DEMO_HEADLESS \
               AK_DEMO_SCREENSHOT AK_DEMO_SCREENSHOT_DELAY AK_DEMO_SHOW LANGUAGE; do
      [ -n "${!var:-}" ] && session+=("$var=${!var}")
    done
    exec runuser -u "$SUDO_USER" -- env "${session[@]}" bash "$top/build-aux/run-demo.sh"
  fi
elif [ -z "${AK_DEMO_DEPS_DONE:-}" ]; then
  bash "$top/build-aux/install-deps.sh"
fi

# ------------------------------------------------------------------ as you

headless=${AK_DEMO_HEADLESS:-0}
if [ "$headless" != 1 ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  die "no display: run this from a desktop session (DISPLAY or WAYLAND_DISPLAY), \
or set AK_DEMO_HEADLESS=1 for a screenshot under Xvfb"
fi

state=${XDG_STATE_HOME:-$HOME/.local/state}/access-keys-demo
mkdir -p "$state"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" > "$state/meson-setup.log" 2>&1 \
    || { cat "$state/meson-setup.log" >&2; die "meson setup failed"; }
fi
ninja -C "$build" > "$state/build.log" 2>&1 \
  || { tail -n 40 "$state/build.log" >&2; die "the build failed (log: $state/build.log)"; }
say "built $app"

# The previous demo's server goes first, so that its port is free again.
bash "$keystone_sh" stop "$state/keystone"
port=${AK_DEMO_PORT:-5000}
if /usr/bin/python3 -c 'import socket, sys; socket.create_server(("127.0.0.1", int(sys.argv[1])))' \
     "$port" 2> /dev/null; then
  export AK_KEYSTONE_PORT=$port
else
  say "port $port is taken; using a free one"
fi
AK_KEYSTONE_DETACH=1 bash "$keystone_sh" start "$state/keystone" > /dev/null \
  || die "Keystone did not start"
set -a
. "$state/keystone/keystone.env"
set +a

# Sample keys for alice, through the REST API as alice herself would.
AK_DEMO_STATE=$state /usr/bin/python3 - <<'EOF' || die "creating the sample keys failed"
import datetime, json, os, urllib.request

E = os.environ
url = E["AK_TEST_KEYSTONE_URL"]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

def call(method, path, body, token=None):
    req = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("X-Auth-Token", token)
    with opener.open(req, timeout=30) as r:
        return r.headers, json.loads(r.read())

headers, _ = call("POST", "/auth/tokens", {"auth": {
    "identity": {"methods": ["password"], "password": {"user": {
        "name": E["AK_TEST_MEMBER_USER"], "domain": {"name": E["AK_TEST_DOMAIN"]},
        "password": E["AK_TEST_MEMBER_PASSWORD"]}}},
    "scope": {"project": {"name": E["AK_TEST_MEMBER_PROJECT"],
                          "domain": {"name": E["AK_TEST_DOMAIN"]}}}}})
token = headers["X-Subject-Token"]
user = E["AK_TEST_MEMBER_USER_ID"]
for i in range(3):
    _, b = call("POST", f"/users/{user}/credentials/OS-EC2",
                {"tenant_id": E["AK_TEST_MEMBER_PROJECT_ID"]}, token)
    print(f"  EC2 access key {b['credential']['access']}")
    if i == 0:   # an ID, not a secret: what AK_DEMO_SHOW=delete asks about
        with open(os.path.join(E["AK_DEMO_STATE"], "first-key"), "w") as f:
            f.write(b["credential"]["access"])
expires = datetime.datetime.utcnow() + datetime.timedelta(days=90)
_, b = call("POST", f"/users/{user}/application_credentials", {"application_credential": {
    "name": "nightly-backup", "description": "Used by the nightly backup script",
    "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%S")}}, token)
print(f"  application credential {b['application_credential']['name']}"
      f" ({b['application_credential']['id']})")
EOF

cat <<EOF

  Keystone      $AK_TEST_KEYSTONE_URL
  Domain        $AK_TEST_DOMAIN
  User          $AK_TEST_MEMBER_USER   (password: $AK_TEST_MEMBER_PASSWORD, a fixed demo password)
  Project       $AK_TEST_MEMBER_PROJECT
  Stop it with  $keystone_sh stop $state/keystone

EOF

# The uninstalled app: its schema and translations from the build.
export GSETTINGS_SCHEMA_DIR=$build/data AK_LOCALEDIR=$build/po
if [ "$headless" = 1 ]; then
  export AK_DEMO_INNER=headless RUN_HEADLESS_KEYRING=1
  AK_DEMO_FIRST_KEY=$(cat "$state/first-key")
  export AK_DEMO_FIRST_KEY
  export AK_DEMO_SCREENSHOT=${AK_DEMO_SCREENSHOT:-$state/screenshot.png}
  exec bash "$top/tests/harness/run-headless.sh" bash "$top/build-aux/run-demo.sh"
fi

add_demo_account
say "starting $app"
exec "$app"
