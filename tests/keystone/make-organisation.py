#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make-organisation.py USERS KEYS [NAME] — gives the Keystone of the
# environment (AK_TEST_KEYSTONE_URL, AK_TEST_KEYSTONE_DIR, AK_TEST_ADMIN_*)
# USERS users named org0000… with KEYS EC2 keys each on the admin's project.
# Users have no password: hashing one is most of the cost of making a user.
#
# Two ways, the same rows:
#   in-process (the default): Keystone's own Python code (python3-keystone,
#     hence /usr/bin/python3) on the server's keystone.conf, as
#     `keystone-manage bootstrap` does it. Through the API, 2,000 users with
#     3 keys each took 15-27 minutes here; in-process takes well under one.
#   through the API (AK_TEST_ORG_SETUP=http, or when keystone cannot be
#     imported or the server's folder is not at hand): POST /users and
#     /users/{id}/credentials/OS-EC2 from a pool of threads (the server has 2
#     worker processes; more threads keep both busy).
# With a third argument NAME, a policy override (policy.yaml next to the
# server's keystone.conf, which oslo.policy reads again when it changes) then
# refuses NAME's own lists of keys (EC2 keys, application credentials) to
# everyone.
# Prints one line: "users=N keys=M seconds=S".

import concurrent.futures
import fcntl
import http.client
import importlib.util
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid

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


def make_users_by_api(users, keys, project_id):
    token = admin_token()
    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(lambda i: make_user(i, keys, token, project_id), range(users)))


def keystone_conf():
    """The server's keystone.conf when the in-process way can be used, else None."""
    if os.environ.get("AK_TEST_ORG_SETUP", "inprocess") == "http":
        return None
    path = os.path.join(os.environ.get("AK_TEST_KEYSTONE_DIR", ""), "keystone.conf")
    if not os.path.isfile(path):
        return None
    if importlib.util.find_spec("keystone") is None:
        return None
    return path


def make_users_in_process(conf_path, users, keys, project_id):
    # Imported here: the API way must work where keystone is not installed.
    from oslo_serialization import jsonutils

    import keystone.conf
    from keystone.common import provider_api
    from keystone.common import sql
    from keystone.common import utils
    from keystone.server import backends

    # As keystone-manage does it (keystone/cmd/cli.py main), so that the
    # database, the credential key repository and the identity driver are the
    # server's. Logging is left alone: nothing of this belongs in its log.
    keystone.conf.configure()
    sql.initialize()
    keystone.conf.CONF(args=[], project="keystone", default_config_files=[conf_path])
    backends.load_backends()
    providers = provider_api.ProviderAPIs
    domain_id = keystone.conf.CONF.identity.default_domain_id

    # The running server sees the new rows at once: its keystone.conf has no
    # [cache] section, so oslo.cache has no backend behind it and the only
    # cache is the request-local one, which the server's wrapper empties for
    # every request (see harness/keystone.sh). GET /v3/users/{id}/credentials/
    # OS-EC2 on it returned every key made here, secrets decrypted.
    #
    # The server's workers let one writing request run at a time (the lock
    # next to keystone.conf, see harness/keystone.sh): SQLite refuses a second
    # writer. Holding it for the whole setup keeps any writing request out
    # until the rows are all there.
    lock = open(os.path.join(os.path.dirname(conf_path), "write.lock"), "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    ids = []
    try:
        # One transaction for the lot: Keystone's calls below join it instead
        # of committing each row (~15 ms a user and ~8 ms a key here, ~5 times
        # less in one transaction).
        with sql.session_for_write():
            for index in range(users):
                user = providers.identity_api.create_user(
                    {"name": f"org{index:04d}", "domain_id": domain_id, "enabled": True})
                for _ in range(keys):
                    # Exactly the OS-EC2 POST's credential (keystone/api/
                    # users.py): create_credential encrypts the blob with the
                    # credential provider (Fernet, the server's key
                    # repository), so the server reads these keys back as its
                    # own. trust_id is None: the admin's token is no trust's.
                    blob = {"access": uuid.uuid4().hex, "secret": uuid.uuid4().hex,
                            "trust_id": None}
                    credential_id = utils.hash_access_key(blob["access"])
                    providers.credential_api.create_credential(credential_id, {
                        "id": credential_id, "user_id": user["id"], "project_id": project_id,
                        "blob": jsonutils.dumps(blob), "type": "ec2"})
                ids.append(user["id"])
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
    return ids


def main():
    users, keys = int(sys.argv[1]), int(sys.argv[2])
    start = time.monotonic()
    project_id = os.environ["AK_TEST_ADMIN_PROJECT_ID"]
    conf_path = keystone_conf()
    if conf_path:
        ids = make_users_in_process(conf_path, users, keys, project_id)
    else:
        ids = make_users_by_api(users, keys, project_id)
    if len(sys.argv) > 3:
        refused = ids[int(sys.argv[3][len("org"):])]
        path = os.path.join(os.environ["AK_TEST_KEYSTONE_DIR"], "policy.yaml")
        with open(path, "w") as policy:
            for rule in ("identity:ec2_list_credentials", "identity:list_application_credentials"):
                policy.write(f'"{rule}": "not \'{refused}\':%(user_id)s'
                             ' and (role:admin or user_id:%(user_id)s)"\n')
    print(f"users={len(ids)} keys={len(ids) * keys} seconds={time.monotonic() - start:.1f}")


if __name__ == "__main__":
    main()
