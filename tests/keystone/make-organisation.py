#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make-organisation.py USERS KEYS — gives the Keystone of the environment
# (AK_TEST_KEYSTONE_URL, AK_TEST_ADMIN_*) USERS users named org0000… with KEYS EC2
# keys each on the admin's project, through its API with a pool of threads
# (the server has 2 worker processes; more threads keep both busy). Users
# have no password: hashing one is most of the cost of making a user.
# With a third argument NAME, a policy override (policy.yaml next to the
# server's keystone.conf, which oslo.policy reads again when it changes) then
# refuses the list of NAME's EC2 keys to everyone.
# Prints one line: "users=N keys=M seconds=S".

import concurrent.futures
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

URL = urllib.parse.urlsplit(os.environ["AK_TEST_KEYSTONE_URL"])
THREADS = 8
local = threading.local()


def connection():
    if getattr(local, "conn", None) is None:
        local.conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=60)
    return local.conn


def call(method, path, body=None, token=None, expect=(200, 201)):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Auth-Token"] = token
    response, data = None, b""
    for _ in range(3):
        try:
            conn = connection()
            conn.request(method, URL.path + path, json.dumps(body) if body else None, headers)
            response = conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            local.conn = None
            continue
        if response.status in expect:
            return response, json.loads(data) if data else None
        if response.status < 500:
            break
    raise RuntimeError(f"{method} {path}: {response and response.status} {data[:200]!r}")


def admin_token():
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": os.environ["AK_TEST_ADMIN_USER"], "domain": {"id": "default"},
            "password": os.environ["AK_TEST_ADMIN_PASSWORD"]}}},
        "scope": {"project": {"name": os.environ["AK_TEST_ADMIN_PROJECT"],
                              "domain": {"id": "default"}}}}}
    response, _ = call("POST", "/auth/tokens", body)
    return response.getheader("X-Subject-Token")


def make_user(index, keys, token, project_id):
    _, answer = call("POST", "/users", {"user": {"name": f"org{index:04d}",
                                                 "domain_id": "default"}}, token)
    user_id = answer["user"]["id"]
    for _ in range(keys):
        call("POST", f"/users/{user_id}/credentials/OS-EC2", {"tenant_id": project_id}, token)
    return user_id


def main():
    users, keys = int(sys.argv[1]), int(sys.argv[2])
    start = time.monotonic()
    token = admin_token()
    project_id = os.environ["AK_TEST_ADMIN_PROJECT_ID"]
    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        ids = list(pool.map(lambda i: make_user(i, keys, token, project_id), range(users)))
    if len(sys.argv) > 3:
        refused = ids[int(sys.argv[3][len("org"):])]
        path = os.path.join(os.environ["AK_TEST_KEYSTONE_DIR"], "policy.yaml")
        with open(path, "w") as policy:
            policy.write(f'"identity:ec2_list_credentials": "not \'{refused}\':%(user_id)s'
                         ' and (role:admin or user_id:%(user_id)s)"\n')
    print(f"users={len(ids)} keys={len(ids) * keys} seconds={time.monotonic() - start:.1f}")


if __name__ == "__main__":
    main()
