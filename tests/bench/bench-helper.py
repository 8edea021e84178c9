#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seeding and timing helpers for tests/bench/run-bench.sh.

  bench-helper.py seed-ec2 COUNT            COUNT EC2 keys for the member
  bench-helper.py seed-users USERS KEYS     USERS new users with KEYS EC2 keys each
  bench-helper.py time-curl RUNS RECORD     curl on the member's OS-EC2 list;
                                            the body is saved to RECORD
  bench-helper.py time-cli RUNS             openstack ec2 credentials list
  bench-helper.py time-cli-all RUNS         openstack credential list --type ec2,
                                            as the admin: every user's EC2 keys

The server and the accounts come from the AK_TEST_* variables of
tests/harness/keystone.sh. Users are created over REST; EC2 keys through
Keystone's own credential API in processes beside the server (one per core),
which writes the same rows as the REST call ten times faster.
Tokens and passwords are never printed; curl reads its token header from a
file only this user can read.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

URL = os.environ["AK_TEST_KEYSTONE_URL"]
DOMAIN = os.environ["AK_TEST_DOMAIN"]

# Loopback only: never through a proxy.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def request(method, path, token=None, body=None):
  data = json.dumps(body).encode() if body is not None else None
  req = urllib.request.Request(URL + path, data=data, method=method)
  req.add_header("Content-Type", "application/json")
  if token:
    req.add_header("X-Auth-Token", token)
  with OPENER.open(req, timeout=120) as reply:
    text = reply.read()
    return reply.headers, json.loads(text) if text else None


def sign_in(user, password, project):
  headers, _ = request("POST", "/auth/tokens", body={"auth": {
    "identity": {"methods": ["password"], "password": {"user": {
      "name": user, "domain": {"name": DOMAIN}, "password": password}}},
    "scope": {"project": {"name": project, "domain": {"name": DOMAIN}}}}})
  return headers["X-Subject-Token"]


def member_token():
  return sign_in(os.environ["AK_TEST_MEMBER_USER"], os.environ["AK_TEST_MEMBER_PASSWORD"],
                 os.environ["AK_TEST_MEMBER_PROJECT"])


def admin_token():
  return sign_in(os.environ["AK_TEST_ADMIN_USER"], os.environ["AK_TEST_ADMIN_PASSWORD"],
                 os.environ["AK_TEST_ADMIN_PROJECT"])


CREDENTIALS = None


def start_keystone_api(conf):
  """Loads Keystone's own API in a worker process, once."""
  global CREDENTIALS
  import keystone.conf
  from keystone.common import sql
  from keystone.server import backends

  keystone.conf.configure()
  sql.initialize()
  keystone.conf.CONF(args=[], project="keystone", default_config_files=[conf])
  CREDENTIALS = backends.load_backends()["credential_api"]


def create_ec2_in_process(args):
  """Creates EC2 keys through Keystone's credential API: the same rows as
  POST .../OS-EC2, some ten times faster than over HTTP."""
  import hashlib
  import uuid
  user_id, project_id, n = args
  for _ in range(n):
    access = uuid.uuid4().hex
    credential_id = hashlib.sha256(access.encode()).hexdigest()
    blob = json.dumps({"access": access, "secret": uuid.uuid4().hex, "trust_id": None})
    CREDENTIALS.create_credential(credential_id, {
      "id": credential_id, "user_id": user_id, "project_id": project_id, "blob": blob,
      "type": "ec2"})
  return n


def create_ec2(plan):
  """plan: [(user_id, project_id, count)], spread over one process per core."""
  import multiprocessing
  conf = os.path.join(os.environ["AK_TEST_KEYSTONE_DIR"], "keystone.conf")
  workers = os.cpu_count() or 2
  jobs = []
  for user_id, project_id, count in plan:
    for w in range(workers):
      share = count // workers + (1 if w < count % workers else 0)
      if share:
        jobs.append((user_id, project_id, share))
  with multiprocessing.get_context("spawn").Pool(workers, start_keystone_api, (conf,)) as pool:
    return sum(pool.map(create_ec2_in_process, jobs))


def seed_ec2(count):
  token = member_token()
  user_id = os.environ["AK_TEST_MEMBER_USER_ID"]
  _, have = request("GET", "/users/%s/credentials/OS-EC2" % user_id, token)
  missing = max(count - len(have["credentials"]), 0)
  start = time.perf_counter()
  create_ec2([(user_id, os.environ["AK_TEST_MEMBER_PROJECT_ID"], missing)])
  _, have = request("GET", "/users/%s/credentials/OS-EC2" % user_id, token)
  print("seeded %d EC2 keys in %.1f s; the member has %d"
        % (missing, time.perf_counter() - start, len(have["credentials"])))


def seed_users(users, keys):
  token = admin_token()
  project_id = os.environ["AK_TEST_MEMBER_PROJECT_ID"]
  start = time.perf_counter()
  plan = []
  for i in range(users):
    _, reply = request("POST", "/users", token, {"user": {
      "name": "bench-user-%03d" % i, "domain_id": "default", "password": "bench-unused"}})
    plan.append((reply["user"]["id"], project_id, keys))
  create_ec2(plan)
  print("seeded %d users with %d EC2 keys each in %.1f s"
        % (users, keys, time.perf_counter() - start))


def report(name, times):
  for i, t in enumerate(times):
    print("%s run %d: %.3f s" % (name, i + 1, t))
  print("median %s %.3f" % (name, statistics.median(times)))


def time_curl(runs, record):
  token = member_token()
  url = "%s/users/%s/credentials/OS-EC2" % (URL, os.environ["AK_TEST_MEMBER_USER_ID"])
  with tempfile.NamedTemporaryFile("w", prefix="ak-bench-", suffix=".header") as header:
    os.chmod(header.name, 0o600)
    header.write("X-Auth-Token: %s\n" % token)
    header.flush()
    times = []
    for _ in range(runs):
      start = time.perf_counter()
      subprocess.run(["curl", "-sf", "--noproxy", "*", "-H", "@" + header.name,
                      "-H", "Accept: application/json", "-o", record, url], check=True)
      times.append(time.perf_counter() - start)
  report("curl", times)


def cli_env(role):
  role = role.upper()
  return dict(os.environ,
              OS_AUTH_URL=URL, OS_IDENTITY_API_VERSION="3", OS_AUTH_TYPE="password",
              OS_USERNAME=os.environ["AK_TEST_%s_USER" % role],
              OS_PASSWORD=os.environ["AK_TEST_%s_PASSWORD" % role],
              OS_PROJECT_NAME=os.environ["AK_TEST_%s_PROJECT" % role],
              OS_USER_DOMAIN_NAME=DOMAIN, OS_PROJECT_DOMAIN_NAME=DOMAIN,
              OS_INTERFACE="public", no_proxy="127.0.0.1,localhost")


def time_openstack(name, role, arguments, runs):
  env = cli_env(role)
  times = []
  failed = 0
  run = None
  while len(times) < runs:
    start = time.perf_counter()
    run = subprocess.run(["openstack"] + arguments, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if run.returncode != 0:
      # uwsgi closes every connection after its answer without saying so; the
      # CLI sometimes sends on such a connection and fails. Not timed.
      failed += 1
      if failed > runs:
        # A result, not an abort: the summary reads the row and goes on.
        print("median %s failed: %s" % (name, run.stderr.decode(errors="replace").strip()))
        return
      continue
    times.append(time.perf_counter() - start)
  print("openstack listed %d keys (%d failed runs not timed)" % (len(run.stdout.splitlines()), failed))
  report(name, times)


def time_cli(runs):
  time_openstack("openstack-cli", "member",
                 ["ec2", "credentials", "list", "-f", "value", "-c", "Access"], runs)


def time_cli_all(runs):
  time_openstack("openstack-credential-list", "admin",
                 ["credential", "list", "--type", "ec2", "-f", "value", "-c", "ID"], runs)


def main():
  command = sys.argv[1]
  if command == "seed-ec2":
    seed_ec2(int(sys.argv[2]))
  elif command == "seed-users":
    seed_users(int(sys.argv[2]), int(sys.argv[3]))
  elif command == "time-curl":
    time_curl(int(sys.argv[2]), sys.argv[3])
  elif command == "time-cli":
    time_cli(int(sys.argv[2]))
  elif command == "time-cli-all":
    time_cli_all(int(sys.argv[2]))
  else:
    sys.exit(__doc__)


if __name__ == "__main__":
  main()
