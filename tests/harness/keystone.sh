#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# keystone.sh — a real OpenStack Keystone (Debian 12's python3-keystone, 22.x)
# on 127.0.0.1 for the tests and the demo. It installs nothing (see
# build-aux/install-deps.sh) and never binds anything but loopback.
#
#   keystone.sh start DIR   fresh server with its state in DIR (created; must be
#                           empty or a previous keystone.sh dir, which is wiped);
#                           writes DIR/keystone.env (KEY=value lines, also
#                           printed on stdout); logs go to stderr and DIR/*.log
#   keystone.sh stop DIR    stops the server recorded in DIR (SIGTERM, then
#                           SIGKILL); exit 0 when nothing runs
#
# What start gives you: user admin/admin-secret with role admin on project
# admin; user alice/alice-secret with role member on project demo, both in
# domain Default; a uwsgi server with 2 worker processes on a free port,
# running Keystone's WSGI application behind DIR/keystone-wsgi-public.py (see
# write_wsgi: without it a worker may answer from another request's cache).
#
# Environment (all optional):
#   AK_TEST_KEYSTONE_TOKEN_EXPIRATION  token lifetime in seconds (default 3600)
#   AK_KEYSTONE_TEMPLATE_DIR  cache of an initialised database: the first start
#                             builds it (db_sync, bootstrap, users: ~8 s), later
#                             starts copy it and only start the server
#   AK_KEYSTONE_PORT          use this port instead of a free one (fails if busy)
#   AK_KEYSTONE_SERVER        uwsgi (default) | wsgiref (single-threaded)
#   AK_KEYSTONE_DETACH=1      run the server in its own session, so that it
#                             outlives the caller's process group (the demo)
set -euo pipefail

readonly HOST=127.0.0.1
readonly PY=/usr/bin/python3   # the python keystone is installed for, not pyenv's
readonly SELF=$(readlink -f "${BASH_SOURCE[0]}")
readonly ADMIN_USER=admin ADMIN_PASSWORD=admin-secret ADMIN_PROJECT=admin
readonly MEMBER_USER=alice MEMBER_PASSWORD=alice-secret MEMBER_PROJECT=demo
readonly REGION=RegionOne
# Marks a conf file (and so a dir) as ours: only such a dir is ever wiped.
readonly MARK='# written by tests/harness/keystone.sh'

export no_proxy="127.0.0.1,localhost" NO_PROXY="127.0.0.1,localhost"

log () { printf '[keystone] %s\n' "$*" >&2; }
die () { log "ERROR: $*"; exit 1; }
now () { printf '%s' "$EPOCHREALTIME"; }
since () { "$PY" -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f} s")' "$1" "$(now)"; }

# alive PID: the process exists and is not a zombie. PID 1 here reaps late,
# so `kill -0` still succeeds on a dead server; read its state instead.
alive () {
  local stat
  [ -n "$1" ] && stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ] && [ "${stat%% *}" != X ]
}

children_of () {   # PID
  local parent=$1 f line
  for f in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null < "$f" || continue
    line=${line##*) }
    set -- $line
    if [ "${2:-}" = "$parent" ]; then f=${f#/proc/}; echo "${f%/stat}"; fi
  done
}

is_server () {
  alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -q keystone-wsgi-public
}

free_port () {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A Fernet key: 32 random bytes, URL-safe base64, as keystone-manage writes it.
# Written by us rather than by fernet_setup/credential_setup: that saves ~4 s
# per start, and every server gets keys of its own.
new_key_repository () {
  local d=$1
  mkdir -m 700 "$d"
  head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n' > "$d/0"
  head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n' > "$d/1"
}

write_conf () {   # DIR
  cat > "$1/keystone.conf" <<EOF
$MARK: a test server on loopback only
[DEFAULT]
log_file = $1/keystone.log
debug = false

[database]
connection = sqlite:///$1/keystone.db

[identity]
# bcrypt's minimum: each password sign-in costs ~1 ms instead of ~250 ms.
password_hash_rounds = 4

[token]
provider = fernet
expiration = ${AK_TEST_KEYSTONE_TOKEN_EXPIRATION:-3600}

[fernet_tokens]
key_repository = $1/fernet-keys

[fernet_receipts]
# Every key repository lives in the server's own folder: Keystone's defaults
# are under /etc/keystone, which a new machine does not have, and no test may
# write outside its own folders.
key_repository = $1/fernet-receipts

[credential]
key_repository = $1/credential-keys
EOF
  new_key_repository "$1/fernet-keys"
  new_key_repository "$1/fernet-receipts"
  new_key_repository "$1/credential-keys"
  write_wsgi "$1"
}

# Stale answers across workers, and the fix. Keystone keeps a request-local
# cache (oslo.cache is on by default in Keystone with no backend behind it:
# memoized reads are kept on the thread's current oslo.context). Keystone 22
# validates a request's token (AuthContextMiddleware.fetch_token) before it
# makes that request's context, so during validation the current context is
# still the one of the worker's PREVIOUS request, and its cache answers: roles,
# user, project as they were then. After a change made through one worker, the
# other worker's next request was authorised on the old data (a member whose
# admin role had just been removed was still let in: 200 of 200 trials with
# two workers, next request fine). It is not the database: the leaked read
# transaction (see init_db) is on a connection that is never reused
# (SQLAlchemy's NullPool for a SQLite file), and reads of keys and role
# assignments were never stale. `[cache] enabled = false` fixes it too, but
# every token-authenticated request then costs ~160 ms instead of ~60 ms.
# So the server runs Keystone's own WSGI application behind a wrapper that
# gives each request a fresh, empty current context before Keystone sees it:
# the request-local cache then lives exactly one request. (The wrapper keeps
# "keystone-wsgi-public" in its name: is_server looks for it.)
#
# Concurrent writes, and the fix. Keystone 27 (Debian 13) records every
# password sign-in (set_last_active_at: read the user, then write it, in one
# transaction). On SQLite in WAL mode a transaction that has read and then
# writes fails at once ("database is locked", SQLITE_BUSY_SNAPSHOT) when
# another worker committed in between: four concurrent sign-ins gave a 500
# and a connection closed without an answer. Real deployments use a database
# server, where this does not happen, so the wrapper lets one request that
# may write (anything but GET and HEAD) run at a time across the workers;
# reads stay concurrent.
write_wsgi () {   # DIR
  cat > "$1/keystone-wsgi-public.py" <<'EOF'
# written by tests/harness/keystone.sh: Keystone's public WSGI application,
# each request starting with an empty current oslo.context, and one request
# that writes at a time (see keystone.sh).
import fcntl
import os
import sys

from oslo_context import context

from keystone.server.wsgi import initialize_public_application

if __name__ == "__main__":   # keystone-wsgi-public.py HOST PORT: wsgiref
    host, port = sys.argv[1], int(sys.argv[2])
    del sys.argv[1:]   # Keystone reads the command line as its own options

keystone = initialize_public_application()


# One lock for all the workers, next to this file.
write_lock = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "write.lock"), "w")


def application(environ, start_response):
    context.RequestContext(overwrite=True)
    if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
        return keystone(environ, start_response)
    fcntl.flock(write_lock, fcntl.LOCK_EX)
    try:
        return list(keystone(environ, start_response))
    finally:
        fcntl.flock(write_lock, fcntl.LOCK_UN)


if __name__ == "__main__":
    import wsgiref.simple_server
    wsgiref.simple_server.make_server(host, port, application).serve_forever()
EOF
}

manage () {   # DIR ARGS...
  local dir=$1; shift
  /usr/bin/keystone-manage --config-file "$dir/keystone.conf" "$@" >> "$dir/manage.log" 2>&1 \
    || { tail -20 "$dir/manage.log" >&2; die "keystone-manage $1 failed (see $dir/manage.log)"; }
}

# A new database in DIR with the admin, its project and the service catalogue.
init_db () {   # DIR URL
  manage "$1" db_sync
  # Keystone 22 leaks a read transaction on every token-authenticated request
  # (federation's get_enabled_service_providers returns a lazy query, run after
  # its session closed, whenever a token is rendered); with SQLite's rollback
  # journal a write later in the same request then waits 5 s and fails with
  # "database is locked". WAL readers never block writers.
  "$PY" - "$1/keystone.db" <<'EOF' || die "could not switch the database to WAL"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
sys.exit(c.execute("PRAGMA journal_mode=WAL").fetchone()[0] != "wal")
EOF
  manage "$1" bootstrap --bootstrap-username "$ADMIN_USER" \
    --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-project-name "$ADMIN_PROJECT" \
    --bootstrap-role-name admin --bootstrap-service-name keystone \
    --bootstrap-region-id "$REGION" --bootstrap-public-url "$2" \
    --bootstrap-internal-url "$2" --bootstrap-admin-url "$2"
}

# Points the catalogue of a copied database at this server's URL.
set_endpoint_url () {   # DB URL
  "$PY" - "$1" "$2" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
with c:
    c.execute("UPDATE endpoint SET url = ?", (sys.argv[2],))
c.close()
EOF
}

# Starts the server for DIR on PORT and waits until GET /v3 answers 200.
# Returns 1 when the server exits early (e.g. someone took the port meanwhile).
start_server () {   # DIR PORT
  local dir=$1 port=$2 pid setsid=() t0 workers=0
  local -a cmd
  if [ "${AK_KEYSTONE_SERVER:-uwsgi}" = wsgiref ]; then
    cmd=("$PY" "$dir/keystone-wsgi-public.py" "$HOST" "$port")
  else
    # Each worker loads keystone itself (--lazy-apps: no database connection
    # crosses a fork). A worker still loading ignores SIGTERM and the master then
    # waits for it, so start returns only once every worker is ready.
    workers=2
    cmd=(/usr/bin/uwsgi_python3 --http-socket "$HOST:$port"
         --wsgi-file "$dir/keystone-wsgi-public.py" --master --processes "$workers" --threads 1
         --lazy-apps --need-app --die-on-term --no-orphans --vacuum --buffer-size 65535)
  fi
  [ "${AK_KEYSTONE_DETACH:-0}" = 1 ] && setsid=(setsid)
  t0=$(now)
  OS_KEYSTONE_CONFIG_FILES=$dir/keystone.conf \
    "${setsid[@]}" "${cmd[@]}" < /dev/null > "$dir/server.log" 2>&1 &
  pid=$!
  echo "$pid" > "$dir/keystone.pid"
  if ! "$PY" - "http://$HOST:$port/v3" "$pid" "$dir/server.log" "$workers" <<'EOF'
import sys, time, urllib.request
url, pid, server_log, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
deadline = time.monotonic() + 90
while time.monotonic() < deadline:
    try:
        with open(f"/proc/{pid}/stat") as f:
            if f.read().rsplit(")", 1)[1].split()[0] in "ZX":
                sys.exit("the server exited")
    except FileNotFoundError:
        sys.exit("the server exited")
    try:
        with open(server_log, errors="replace") as f:
            loaded = f.read().count("(default app)")
        if loaded >= workers:
            with opener.open(url, timeout=5) as r:
                if r.status == 200:
                    sys.exit(0)
    except OSError:
        pass
    time.sleep(0.05)
sys.exit("no answer from GET /v3 within 90 s")
EOF
  then
    tail -15 "$dir/server.log" >&2
    stop_dir "$dir"
    return 1
  fi
  log "server pid $pid answered GET /v3 on $HOST:$port after $(since "$t0")"
}

# Creates the member user through the REST API; prints KEY=value lines with
# the IDs of both users and projects.
create_users () {   # URL
  AK_ADMIN="$ADMIN_USER:$ADMIN_PASSWORD:$ADMIN_PROJECT" \
  AK_MEMBER="$MEMBER_USER:$MEMBER_PASSWORD:$MEMBER_PROJECT" \
  "$PY" - "$1" <<'EOF'
import json, os, sys, urllib.error, urllib.request
url = sys.argv[1]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

def call(method, path, body=None, token=None):
    req = urllib.request.Request(url + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("X-Auth-Token", token)
    try:
        with opener.open(req, timeout=30) as r:
            data = r.read()
            return r.headers, json.loads(data) if data else None
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: HTTP {e.code}")

def sign_in(user, password, project):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
                "name": user, "domain": {"id": "default"}, "password": password}}},
            "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    headers, b = call("POST", "/auth/tokens", body)
    return headers["X-Subject-Token"], b["token"]

admin_user, admin_password, admin_project = os.environ["AK_ADMIN"].split(":")
member_user, member_password, member_project = os.environ["AK_MEMBER"].split(":")
token, admin = sign_in(admin_user, admin_password, admin_project)
project = call("POST", "/projects", {"project": {
    "name": member_project, "domain_id": "default", "enabled": True,
    "description": "Test project"}}, token)[1]["project"]
user = call("POST", "/users", {"user": {
    "name": member_user, "domain_id": "default", "password": member_password,
    "default_project_id": project["id"], "enabled": True}}, token)[1]["user"]
role = call("GET", "/roles?name=member", token=token)[1]["roles"][0]
call("PUT", f"/projects/{project['id']}/users/{user['id']}/roles/{role['id']}", token=token)
sign_in(member_user, member_password, member_project)   # proves the member can sign in
print(f"AK_TEST_ADMIN_USER_ID={admin['user']['id']}")
print(f"AK_TEST_ADMIN_PROJECT_ID={admin['project']['id']}")
print(f"AK_TEST_MEMBER_USER_ID={user['id']}")
print(f"AK_TEST_MEMBER_PROJECT_ID={project['id']}")
EOF
}

# Fills the template cache TDIR (under its lock): a checkpointed database and
# the IDs in it. A stamp of this script and the keystone version says whether
# an existing template is still the right one.
ensure_template () {   # TDIR STAMP
  local tdir=$1 stamp=$2 build port t0
  [ "$(cat "$tdir/stamp" 2>/dev/null)" = "$stamp" ] && return 0
  t0=$(now)
  log "building the database template in $tdir"
  build=$(mktemp -d "$(dirname "$tdir")/.keystone-template.XXXXXX")
  port=$(free_port)
  write_conf "$build"
  init_db "$build" "http://$HOST:$port/v3"
  start_server "$build" "$port" || { rm -rf "$build"; die "the template server did not start"; }
  if ! create_users "http://$HOST:$port/v3" > "$build/ids.env"; then
    stop_dir "$build"; rm -rf "$build"; die "creating the member user failed"
  fi
  stop_dir "$build"
  # Fold the WAL into the database file, so that one file is the whole state.
  "$PY" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' \
    "$build/keystone.db"
  rm -rf "$tdir"
  mkdir -p "$tdir"
  mv "$build/keystone.db" "$build/ids.env" "$tdir/"
  echo "$stamp" > "$tdir/stamp"
  rm -rf "$build"
  log "template ready after $(since "$t0")"
}

# Makes DIR an empty dir for a new server: refuses a non-empty dir that is not
# a previous keystone.sh dir, stops a server still running from it.
prepare_dir () {   # DIR
  local dir=$1
  mkdir -p "$dir"
  if [ -n "$(ls -A "$dir")" ]; then
    head -n1 "$dir/keystone.conf" 2>/dev/null | grep -qF "$MARK" \
      || die "$dir is not empty and was not made by keystone.sh; not touching it"
    stop_dir "$dir"
    find "$dir" -mindepth 1 -delete
  fi
}

start_dir () {   # DIR
  local dir port url attempt t0 stamp tdir
  t0=$(now)
  prepare_dir "$1"
  dir=$(cd "$1" && pwd)
  umask 077
  for attempt in 1 2 3; do
    port=${AK_KEYSTONE_PORT:-$(free_port)}
    url=http://$HOST:$port/v3
    write_conf "$dir"
    if [ -n "${AK_KEYSTONE_TEMPLATE_DIR:-}" ]; then
      tdir=$AK_KEYSTONE_TEMPLATE_DIR
      mkdir -p "$tdir"
      tdir=$(cd "$tdir" && pwd)
      stamp="$(sha256sum "$SELF" | cut -c1-16) $(dpkg-query -W -f='${Version}' python3-keystone)"
      (
        flock 9
        ensure_template "$tdir" "$stamp"
        cp "$tdir/keystone.db" "$tdir/ids.env" "$dir/"
      ) 9> "$tdir.lock"
      set_endpoint_url "$dir/keystone.db" "$url"
      start_server "$dir" "$port" && break
    else
      init_db "$dir" "$url"
      start_server "$dir" "$port" && { create_users "$url" > "$dir/ids.env" || die "creating the member user failed"; break; }
    fi
    [ -z "${AK_KEYSTONE_PORT:-}" ] || die "the server did not start on port $port"
    log "the server did not start (attempt $attempt); retrying on another port"
    find "$dir" -mindepth 1 -delete
    [ "$attempt" = 3 ] && die "the server did not start (see the log above)"
  done

  {
    printf 'AK_TEST_KEYSTONE_URL=%s\n' "$url"
    printf 'AK_TEST_KEYSTONE_PORT=%s\n' "$port"
    printf 'AK_TEST_KEYSTONE_PID=%s\n' "$(cat "$dir/keystone.pid")"
    printf 'AK_TEST_KEYSTONE_DIR=%q\n' "$dir"
    printf 'AK_TEST_DOMAIN=Default\n'
    printf 'AK_TEST_ADMIN_USER=%s\n' "$ADMIN_USER"
    printf 'AK_TEST_ADMIN_PASSWORD=%s\n' "$ADMIN_PASSWORD"
    printf 'AK_TEST_ADMIN_PROJECT=%s\n' "$ADMIN_PROJECT"
    printf 'AK_TEST_MEMBER_USER=%s\n' "$MEMBER_USER"
    printf 'AK_TEST_MEMBER_PASSWORD=%s\n' "$MEMBER_PASSWORD"
    printf 'AK_TEST_MEMBER_PROJECT=%s\n' "$MEMBER_PROJECT"
    cat "$dir/ids.env"
  } > "$dir/keystone.env.tmp"
  mv "$dir/keystone.env.tmp" "$dir/keystone.env"
  log "ready at $url after $(since "$t0") (state in $dir)"
  cat "$dir/keystone.env"
}

stop_dir () {   # DIR
  local dir=$1 pid child children _
  pid=$(cat "$dir/keystone.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && is_server "$pid"; then
    children=$(children_of "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
      log "pid $pid still alive after 5 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    # uwsgi's workers normally go with their master; make sure of it.
    for child in $children; do
      for _ in $(seq 30); do is_server "$child" || break; sleep 0.1; done
      is_server "$child" && kill -KILL "$child" 2>/dev/null
    done
  fi
  rm -f "$dir/keystone.pid"
}

case "${1:-} ${2:+dir}" in
  "start dir") start_dir "$2" ;;
  "stop dir")
    [ -d "$2" ] && stop_dir "$2"
    exit 0 ;;
  *)
    echo "usage: $0 start DIR | stop DIR" >&2
    exit 2 ;;
esac
