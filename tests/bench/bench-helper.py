#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seeding and timing helpers for tests/bench/run-bench.sh.

  bench-helper.py seed-ec2 COUNT            COUNT EC2 keys for the member
  bench-helper.py seed-users USERS KEYS     USERS new users with KEYS EC2 keys each
  bench-helper.py time-curl RUNS RECORD     curl on the member's OS-EC2 list;
                                            the body is saved to RECORD
  bench-helper.py time-cli RUNS             openstack ec2 credentials list

The server and the accounts come from the AK_TEST_* variables of
tests/harness/keystone.sh. Writes go through the REST API, many at a time.
Tokens and passwords are never printed; curl reads its token header from a
file only this user can read.
"""

import concurrent.futures
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
THREADS = 16

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


def create_ec2(token, user_id, project_id, n):
  def one(_):
    for attempt in range(5):
      try:
        return request("POST", "/users/%s/credentials/OS-EC2" % user_id, token,
                       {"tenant_id": project_id})
      except urllib.error.HTTPError as e:
        if e.code < 500 or attempt == 4:
          raise
        time.sleep(0.5)
  with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
    list(pool.map(one, range(n)))


def seed_ec2(count):
  token = member_token()
  user_id = os.environ["AK_TEST_MEMBER_USER_ID"]
  _, have = request("GET", "/users/%s/credentials/OS-EC2" % user_id, token)
  missing = count - len(have["credentials"])
  start = time.perf_counter()
  if missing > 0:
    create_ec2(token, user_id, os.environ["AK_TEST_MEMBER_PROJECT_ID"], missing)
  print("seeded %d EC2 keys in %.1f s" % (max(missing, 0), time.perf_counter() - start))


def seed_users(users, keys):
  token = admin_token()
  project_id = os.environ["AK_TEST_MEMBER_PROJECT_ID"]
  start = time.perf_counter()
  for i in range(users):
    _, reply = request("POST", "/users", token, {"user": {
      "name": "bench-user-%03d" % i, "domain_id": "default", "password": "bench-unused"}})
    create_ec2(token, reply["user"]["id"], project_id, keys)
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


def time_cli(runs):
  env = dict(os.environ,
             OS_AUTH_URL=URL, OS_IDENTITY_API_VERSION="3", OS_AUTH_TYPE="password",
             OS_USERNAME=os.environ["AK_TEST_MEMBER_USER"],
             OS_PASSWORD=os.environ["AK_TEST_MEMBER_PASSWORD"],
             OS_PROJECT_NAME=os.environ["AK_TEST_MEMBER_PROJECT"],
             OS_USER_DOMAIN_NAME=DOMAIN, OS_PROJECT_DOMAIN_NAME=DOMAIN,
             OS_INTERFACE="public", no_proxy="127.0.0.1,localhost")
  times = []
  for _ in range(runs):
    start = time.perf_counter()
    out = subprocess.run(["openstack", "ec2", "credentials", "list", "-f", "value", "-c", "Access"],
                         env=env, check=True, stdout=subprocess.PIPE).stdout
    times.append(time.perf_counter() - start)
  print("openstack listed %d keys" % len(out.splitlines()))
  report("openstack-cli", times)


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
  else:
    sys.exit(__doc__)


if __name__ == "__main__":
  main()
