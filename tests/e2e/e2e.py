#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the real app, a real Keystone, the real keyring, driven through
AT-SPI with dogtail the way a person would (and, in one scenario, by real key
presses alone, sent through the X server with xdotool), and checked on the
server through Keystone's REST API.

Run by meson as  with-keystone.sh run-headless.sh python3 e2e.py  with
RUN_HEADLESS_A11Y=1 and RUN_HEADLESS_KEYRING=1; AK_APP names the app binary;
AK_E2E_ONLY, a comma-separated list of scenario functions, runs only those.
Prints TAP. The keys are made by this script on the server before the app
starts; nothing is printed that holds a password or a key's secret.

Keystone 22 with more than one worker may authorise the first request a worker
serves after a change made through another worker on the roles it cached for
its previous request (its request-local cache outlives the request during the
token check). The harness's fixture gives every request a fresh context
(tests/harness/keystone.sh, write_wsgi), which removes that; agreed() still
reads the server from every worker until they answer alike before the script
relies on a change made behind the app's back, as it would have long before a
person clicks."""

import json
import os
import re
import sys
import time
import traceback
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from ak_atspi import (BUTTON_ROLES, DIALOG_ROLES, TIMEOUT, App, dump,  # noqa: E402
                      give_focus, log, press, run_tap, spoken_name, toplevel, wait_for,
                      xdotool)
from ak_a11y_checks import Checks  # noqa: E402
from dogtail.predicate import GenericPredicate  # noqa: E402
import pyatspi  # noqa: E402
from gi.repository import Gio, GLib  # noqa: E402

URL = os.environ["AK_TEST_KEYSTONE_URL"]
DOMAIN = os.environ.get("AK_TEST_DOMAIN", "Default")
MEMBER = {
    "user": os.environ["AK_TEST_MEMBER_USER"],
    "password": os.environ["AK_TEST_MEMBER_PASSWORD"],
    "project": os.environ["AK_TEST_MEMBER_PROJECT"],
    "user_id": os.environ["AK_TEST_MEMBER_USER_ID"],
    "project_id": os.environ["AK_TEST_MEMBER_PROJECT_ID"],
}
ADMIN = {
    "user": os.environ["AK_TEST_ADMIN_USER"],
    "password": os.environ["AK_TEST_ADMIN_PASSWORD"],
    "project": os.environ["AK_TEST_ADMIN_PROJECT"],
    "user_id": os.environ["AK_TEST_ADMIN_USER_ID"],
    "project_id": os.environ["AK_TEST_ADMIN_PROJECT_ID"],
}
# Made by this script: an administrator of the admin project who also has the
# member role there, until the admin takes the admin role away.
AUDITOR = {
    "user": "auditor",
    "password": "auditor-secret",
    "project": ADMIN["project"],
    "project_id": ADMIN["project_id"],
}
# Made by this script too: a member of the member's project who signs in
# only through the OpenStack configuration files this script writes
# (clouds.yaml names the cloud, secure.yaml holds the password).
IMPORTER = {
    "user": "importer",
    "password": "importer-secret",
    "project": MEMBER["project"],
    "project_id": MEMBER["project_id"],
    "cloud": "ci-cloud",
}


# Keystone, as an administrator would check it ---------------------------------

def keystone(method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("X-Auth-Token", token)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
        return response.headers, (json.loads(text) if text else None)


def status_of(method, path, token=None, body=None):
    try:
        keystone(method, path, token, body)
        return 200
    except urllib.error.HTTPError as error:
        return error.code


def agreed(read, what, want=None):
    """What every Keystone worker answers to read(); with want, waits until
    that is want. Concurrent requests reach every worker (a busy one takes no
    new connection), so two batches in a row in which all agree mean each
    worker has served a request since the last change, from the current
    state."""
    end = time.time() + TIMEOUT
    previous = None
    batches = 0
    with ThreadPoolExecutor(4) as pool:
        while True:
            batches += 1
            answers = list(pool.map(lambda _: read(), range(4)))
            same = all(answer == answers[0] for answer in answers)
            if same and batches > 1 and answers[0] == previous and want in (None, answers[0]):
                if batches > 2:
                    log("Keystone's workers agreed after %d batches on %s" % (batches, what))
                return answers[0]
            previous = answers[0] if same else None
            if time.time() > end:
                raise AssertionError("Keystone's workers did not agree on %s: %r"
                                     % (what, answers))


def token_body(who):
    headers, body = keystone("POST", "/auth/tokens", body={"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": who["user"], "domain": {"name": DOMAIN},
            "password": who["password"]}}},
        "scope": {"project": {"name": who["project"], "domain": {"name": DOMAIN}}}}})
    return headers["X-Subject-Token"], body["token"]


def sign_in(who):
    return token_body(who)[0]


# The roles the app's checks care about. Keystone 27 also lists "manager",
# which its admin role implies; Keystone 22 has no such role.
ROLES_SEEN = {"admin", "member", "reader"}


def role_names(who):
    try:
        return sorted(r["name"] for r in token_body(who)[1]["roles"] if r["name"] in ROLES_SEEN)
    except urllib.error.HTTPError:
        return []


def role_id(token, name):
    _, body = keystone("GET", "/roles?name=" + name, token)
    return body["roles"][0]["id"]


def create_user(token, who, roles, implied):
    """Makes who on the server with roles on its project; implied is every
    role that gives them (Keystone's implied roles), to wait for."""
    _, body = keystone("POST", "/users", token, {"user": {
        "name": who["user"], "password": who["password"],
        "domain_id": "default", "enabled": True}})
    who["user_id"] = body["user"]["id"]
    for role in roles:
        keystone("PUT", "/projects/%s/users/%s/roles/%s"
                 % (who["project_id"], who["user_id"], role_id(token, role)), token)
    agreed(lambda: role_names(who), "%s's roles" % who["user"], want=implied)


def create_auditor(token):
    create_user(token, AUDITOR, ("member", "admin"), ["admin", "member", "reader"])


def write_openstack_config(who):
    """clouds.yaml and secure.yaml in the app's ~/.config/openstack, as
    openstacksdk users keep them: the address without /v3, the password
    apart. Returns their paths."""
    folder = os.path.join(os.environ["XDG_CONFIG_HOME"], "openstack")
    os.makedirs(folder, exist_ok=True)
    clouds = os.path.join(folder, "clouds.yaml")
    secure = os.path.join(folder, "secure.yaml")
    with open(clouds, "w") as out:
        out.write("clouds:\n"
                  "  %s:\n"
                  "    region_name: RegionOne\n"
                  "    auth:\n"
                  "      auth_url: %s\n"
                  "      username: %s\n"
                  "      project_name: %s\n"
                  "      user_domain_name: %s\n"
                  "      project_domain_name: %s\n"
                  % (who["cloud"], URL[:-len("/v3")] if URL.endswith("/v3") else URL,
                     who["user"], who["project"], DOMAIN, DOMAIN))
    with open(secure, "w") as out:
        out.write("clouds:\n  %s:\n    auth:\n      password: %s\n"
                  % (who["cloud"], who["password"]))
    return clouds, secure


def take_admin_role(token, who):
    keystone("DELETE", "/projects/%s/users/%s/roles/%s"
             % (who["project_id"], who["user_id"], role_id(token, "admin")), token)


def create_application_credential(token, who, name):
    _, body = keystone("POST", "/users/%s/application_credentials" % who["user_id"], token,
                       {"application_credential": {"name": name}})
    return body["application_credential"]["id"]


# The secret of every EC2 key this script made, by access ID: what a restored
# key must have again. Never printed.
SECRETS = {}


def create_ec2(token, who):
    _, body = keystone("POST", "/users/%s/credentials/OS-EC2" % who["user_id"], token,
                       {"tenant_id": who["project_id"]})
    SECRETS[body["credential"]["access"]] = body["credential"]["secret"]
    return body["credential"]["access"]


def ec2_as_made(token, who, access):
    """Whether the server has the EC2 key access of who, with the secret
    and project it was made with: a sentence that holds neither the secret
    nor anything of it."""
    try:
        _, body = keystone("GET", "/users/%s/credentials/OS-EC2/%s"
                           % (who["user_id"], access), token)
    except urllib.error.HTTPError as error:
        return "not there (HTTP %d)" % error.code
    credential = body["credential"]
    if credential["secret"] != SECRETS[access]:
        return "there, with another secret"
    if credential["tenant_id"] != who["project_id"]:
        return "there, in another project"
    return "there, as made"


def ec2_ids(token, who):
    _, body = keystone("GET", "/users/%s/credentials/OS-EC2" % who["user_id"], token)
    return sorted(c["access"] for c in body["credentials"])


def delete_ec2(token, who, access):
    keystone("DELETE", "/users/%s/credentials/OS-EC2/%s" % (who["user_id"], access), token)
    agreed(lambda: status_of("GET", "/users/%s/credentials/OS-EC2/%s"
                             % (who["user_id"], access), token),
           "key %s being gone" % access, want=404)


def server_keys(who):
    # What the server holds, as an administrator reads it.
    return agreed(lambda: ec2_ids(state["admin_token"], who), "%s's keys" % who["user"])


# The app, as a person sees it ----------------------------------------------------

def last_word(name):
    # A button's text is the end of its name. (GTK 4.8 used to name a button
    # with a mnemonic "_Delete Delete"; src/ui/ak-a11y.c names it once, and
    # the a11y suite fails on a doubled name.)
    return (name or "").split(" ")[-1]


def menu_item(app, name, position):
    """The open menu's item called name. GTK 4.18 exports its menu items
    with no name at all (their labelled-by label is not on the bus, so a
    screen reader says nothing: a GTK bug); there the item is found by its
    place in the menu, position, and that is logged."""
    # Every row has a menu of its own; a closed menu is not on the bus.
    items = app.app.findChildren(lambda n: n.roleName == "menu item")
    named = [n for n in items if spoken_name(n)]
    if named:
        return next((n for n in named if spoken_name(n) == name), None)
    if len(items) > position:
        log("the menu items have no names: taking item %d for “%s”" % (position, name))
        return items[position]
    return None


def button(parent, label):
    words = label.split(" ")

    def match(node):
        return (node.roleName in BUTTON_ROLES and
                (node.name or "").split(" ")[-len(words):] == words)
    return parent.findChild(match, retry=False, requireResult=False)


def click(parent, label):
    node = wait_for(lambda: button(parent, label), "a “%s” button" % label)
    node.doActionNamed("click")
    return node


def field(window, title):
    return wait_for(lambda: window.findChild(
        GenericPredicate(roleName="text", name=title), retry=False, requireResult=False),
        "the “%s” field" % title)


def type_into(window, title, text):
    # GTK 4.8 implements neither Component.grabFocus nor screen coordinates,
    # so the text goes in through the field's EditableText interface (its Text
    # interface reads back empty for these rows, so the dialog's reaction is
    # what is checked).
    node = field(window, title)
    assert node.queryEditableText().setTextContents(text), "“%s” refused the text" % title


def dialog(app):
    window = next((w for w in app.children if w.roleName in DIALOG_ROLES), None)
    if window is not None:
        return window
    frame = toplevel(app, "Access Keys")
    # A toast is an "alert" too, with no name; a dialog is named by its heading.
    return frame and frame.findChild(lambda n: n.roleName in DIALOG_ROLES and n.name,
                                     retry=False, requireResult=False)


ROW_MENU = "Actions for access key "


def row_menu_buttons(frame):
    # Every row's menu button is named after its key: by its name when it
    # has one, else "Actions for access key ID" (Keystone's EC2 keys have no
    # name). A GtkMenuButton shows as two nested buttons; the inner one
    # clicks.
    return frame.findChildren(lambda n: n.roleName in BUTTON_ROLES and
                              (n.name or "").startswith(ROW_MENU) and
                              "click" in n.actions)


def shown_key_ids(frame):
    return sorted(set(b.name[len(ROW_MENU):] for b in row_menu_buttons(frame)))


def row_menu_button(frame, key_id):
    return wait_for(lambda: next((b for b in row_menu_buttons(frame)
                                  if b.name == ROW_MENU + key_id), None),
                    "the menu button of key %s" % key_id)


def delete_item(app, key_id):
    """Delete… in the row's menu, opened as a click on its button opens it."""
    row_menu_button(app.frame, key_id).doActionNamed("click")
    return wait_for(lambda: menu_item(app, "Delete…", position=3),
                    "Delete… in the menu of key %s" % key_id)


def texts(node):
    return [n.name for n in node.findChildren(lambda n: n.roleName == "label")]


def confirm_dialog(app):
    return wait_for(lambda: dialog(app.app), "the Delete Access Key? dialog")


def dialog_gone(app):
    wait_for(lambda: dialog(app.app) is None, "the dialog to close")


def ask_to_delete(app, key_id):
    delete_item(app, key_id).doActionNamed("click")
    question = confirm_dialog(app)
    words = " ".join(texts(question))
    assert "Delete Access Key?" in words, words
    assert key_id in words, "the dialog does not name the key: " + words
    # A password sign-in may restore EC2 keys: the dialog says so, and asks
    # for nothing to be typed.
    assert "rejected" in words, "no warning in: " + words
    assert "can be restored while Access Keys stays open" in words, \
        "the dialog does not say the key can be restored: " + words
    return question


def toast_says(app, words):
    return any(words in (name or "") for name in texts(app.frame))


def start_app():
    """The app under test (AK_APP), on the accessibility bus."""
    return App([os.environ["AK_APP"]])


def focused(node):
    return node.findChild(lambda n: n.focused, retry=False, requireResult=False)


def add_account(app, who, open_dialog):
    open_dialog()
    window = wait_for(lambda: toplevel(app.app, "Add Account"), "the Add Account dialog")
    type_into(window, "Identity URL", URL)
    type_into(window, "User name", who["user"])
    type_into(window, "Password", who["password"])
    type_into(window, "Project", who["project"])
    sign_in_button = wait_for(lambda: button(window, "Sign In"), "Sign In")
    wait_for(lambda: sign_in_button.sensitive, "Sign In to be ready once every field is filled")
    sign_in_button.doActionNamed("click")
    wait_for(lambda: toplevel(app.app, "Add Account") is None,
             "the dialog to close after signing in")


def account_menu(app):
    # A GtkMenuButton shows as two nested buttons; the inner one clicks (a
    # "toggle button" on Debian 13).
    return app.frame.findChild(
        lambda n: n.roleName in BUTTON_ROLES and
        (n.name or "").startswith("Account: ") and
        "click" in n.actions, retry=False, requireResult=False)


def open_add_account_from_menu(app):
    menu = wait_for(lambda: account_menu(app), "the account menu")
    menu.doActionNamed("click")
    wait_for(lambda: menu_item(app, "Add Account…", position=0),
             "Add Account… in the menu").doActionNamed("click")


def add_account_from_menu(app, who):
    add_account(app, who, lambda: open_add_account_from_menu(app))
    wait_for(lambda: (account_menu(app) or app.frame).name.startswith(
        "Account: %s in " % who["user"]), "the window to switch to %s's account" % who["user"])


def dialog_titled(app, title):
    def find():
        shown = dialog(app.app)
        return shown if shown is not None and title in texts(shown) else None
    return wait_for(find, "the “%s” dialog" % title)


# Scenarios --------------------------------------------------------------------------

results = []


def scenario(name):
    def wrap(func):
        results.append((name, func))
        return func
    return wrap


state = {}


@scenario("the member signs in through the dialog and sees exactly her keys")
def sign_in_and_list(app):
    add_account(app, MEMBER, lambda: click(app.frame, "Add Account"))
    expected = server_keys(MEMBER)
    wait_for(lambda: shown_key_ids(app.frame) == expected, "the member's %d keys" % len(expected))


@scenario("a screen reader hears every control of the signed-in window and of Add Account "
          "named once, and reads no password back")
def screen_reader_names(app):
    checks = Checks()
    checks.count("the signed-in window", app.frame)
    open_add_account_from_menu(app)
    window = wait_for(lambda: toplevel(app.app, "Add Account"), "the Add Account dialog")
    checks.count("Add Account", window)
    hidden = checks.check_entries("Add Account", window)
    click(window, "Cancel")
    wait_for(lambda: toplevel(app.app, "Add Account") is None, "the dialog to close")
    log("%d controls checked, %d hidden entries" % (checks.total(), hidden))
    assert hidden >= 1, "no password field was found to read back"
    assert not checks.problems, "; ".join(checks.problems)


@scenario("Cancel in the dialog leaves the key on the server and in the list")
def cancel_keeps_key(app):
    target = state["member_keys"][0]
    question = ask_to_delete(app, target)
    click(question, "Cancel")
    dialog_gone(app)
    assert target in server_keys(MEMBER), "Cancel deleted the key"
    assert target in shown_key_ids(app.frame)


@scenario("keyboard only: find a key by typing, delete it, Undo, and the key is back on "
          "the server with the same secret")
def keyboard_delete_undo(app):
    everyone = shown_key_ids(app.frame)
    try:
        delete_and_undo_by_keyboard(app, state["member_keys"][2], everyone)
    except Exception:
        # The next scenarios need the whole list: no dialog, no search. A
        # dialog Escape closes is a Cancel.
        for _ in range(2):
            if dialog(app.app) is None:
                give_focus(app, "Access Keys", app.frame)
            press("Escape")
            try:
                wait_for(lambda: dialog(app.app) is None and
                         shown_key_ids(app.frame) == everyone, "the whole list", timeout=5)
                break
            except AssertionError:
                pass
        raise


def delete_and_undo_by_keyboard(app, target, everyone):
    give_focus(app, "Access Keys", app.frame)

    press("ctrl+f")
    search = wait_for(lambda: app.frame.findChild(
        lambda n: n.roleName == "entry" and n.focused, retry=False, requireResult=False),
        "the focus in the search field")
    assert search.name == "Search keys", "Ctrl+F focused “%s”" % search.name
    # Part of the ID, as a person copies it from a message; never a secret.
    xdotool("type", "--delay", "50", target[:8])
    wait_for(lambda: shown_key_ids(app.frame) == [target], "the search to find only %s" % target)
    # Enter moves the focus to the first key found.
    press("Return")
    wait_for(lambda: (lambda n: n is not None and n.roleName == "table row")(focused(app.frame)),
             "Enter to move the focus to the key found")

    press("Delete")
    question = confirm_dialog(app)
    words = " ".join(texts(question))
    assert "Delete Access Key?" in words, words
    assert target in words, "the dialog does not name the key: " + words
    for other in state["member_keys"][:2]:
        assert other not in words, "the dialog names another key: " + words
    assert "can be restored while Access Keys stays open" in words, words
    # libadwaita 1.2's dialog is a window of its own.
    if question.roleName == "dialog":
        give_focus(app, "Delete Access Key?")
    # Its default is Cancel: Tab goes on to Delete. (libadwaita 1.2 keeps a
    # second, hidden row of buttons: the focused one is the one shown.)

    def where():
        node = focused(question)
        return node and (node.roleName, last_word(node.name))
    for _ in range(4):
        before = wait_for(where, "the focus in the dialog")
        if before[0] in BUTTON_ROLES and before[1] == "Delete":
            break
        press("Tab")
        wait_for(lambda: where() not in (None, before),
                 "Tab to move the focus on from %s" % (before,))
    assert where()[0] in BUTTON_ROLES and where()[1] == "Delete", \
        "Tab does not reach Delete: the focus is on %s" % (where(),)
    press("Return")
    dialog_gone(app)
    # Back to the main window, as a window manager gives it back.
    give_focus(app, "Access Keys", app.frame)
    wait_for(lambda: target not in shown_key_ids(app.frame), "the row of the deleted key to go")
    wait_for(lambda: toast_says(app, "Access key %s deleted" % target), "the toast that says so")
    assert target not in server_keys(MEMBER), "the key is still on the server"

    # The toast's Undo, by its mnemonic, as its underlined letter says.
    press("alt+u")
    wait_for(lambda: toast_says(app, "Access key %s restored" % target),
             "the toast saying the key is back")
    wait_for(lambda: shown_key_ids(app.frame) == [target], "the key back in the list")
    assert agreed(lambda: ec2_as_made(state["admin_token"], MEMBER, target),
                  "the restored key", want="there, as made") == "there, as made"

    # Escape closes the search: every key is listed again.
    press("Escape")
    wait_for(lambda: shown_key_ids(app.frame) == everyone, "the whole list again")
    assert server_keys(MEMBER) == sorted(state["member_keys"])


@scenario("Delete in the dialog deletes exactly that key on the server")
def delete_one(app):
    target = state["member_keys"][0]
    others = sorted(state["member_keys"][1:])
    question = ask_to_delete(app, target)
    click(question, "Delete")
    dialog_gone(app)
    wait_for(lambda: target not in shown_key_ids(app.frame), "the row of the deleted key to go")
    wait_for(lambda: toast_says(app, "deleted"), "a toast that says so")
    assert server_keys(MEMBER) == others, "other keys went on the server"
    assert shown_key_ids(app.frame) == others


@scenario("a key the admin deleted meanwhile is reported as already deleted")
def stale_list(app):
    target = state["member_keys"][1]
    # The admin deletes it behind the app's back: the member's list is stale.
    delete_ec2(state["admin_token"], MEMBER, target)
    assert target in shown_key_ids(app.frame)
    question = ask_to_delete(app, target)
    click(question, "Delete")
    dialog_gone(app)
    wait_for(lambda: target not in shown_key_ids(app.frame), "the row of the vanished key to go")
    wait_for(lambda: toast_says(app, "already deleted"), "a toast saying it was already deleted")
    assert server_keys(MEMBER) == [state["member_keys"][2]]


@scenario("an application credential, which cannot be restored, is deleted only once its "
          "name is typed")
def delete_application_credential(app):
    cred_id, name = state["member_app_cred"]

    def cred_menu_button():
        # Its row's menu button is named after the credential: by its name,
        # or by its ID.
        names = ("Actions for " + name, "Actions for application credential " + cred_id)
        return next((b for b in app.frame.findChildren(
            lambda n: n.roleName in BUTTON_ROLES and n.name in names and
            "click" in n.actions)), None)
    wait_for(cred_menu_button, "the menu button of the application credential") \
        .doActionNamed("click")
    wait_for(lambda: menu_item(app, "Delete…", position=3),
             "Delete… in the menu of the application credential").doActionNamed("click")
    heading = "Delete Application Credential?"
    # GTK 4.8 may export this AdwMessageDialog's window as a "filler": it is
    # found by its heading as well.
    question = wait_for(lambda: dialog(app.app) or toplevel(app.app, heading),
                        "the %s dialog" % heading)
    words = " ".join(texts(question))
    assert heading in words, words
    assert name in words and "cannot be restored" in words, words
    delete = wait_for(lambda: button(question, "Delete"), "the dialog's Delete button")
    assert not delete.sensitive, "Delete can be pressed before the name is typed"

    prompt = "Type its name, “%s”, to confirm" % name
    type_into(question, prompt, name[:-1])
    assert not delete.sensitive, "Delete can be pressed with part of the name typed"
    type_into(question, prompt, name)
    wait_for(lambda: delete.sensitive, "Delete to be usable once the name is typed")
    delete.doActionNamed("click")
    dialog_gone(app)
    wait_for(lambda: toplevel(app.app, heading) is None, "the dialog to close")
    wait_for(lambda: cred_menu_button() is None, "the row of the deleted credential to go")
    wait_for(lambda: toast_says(app, "deleted"), "a toast that says so")
    token = sign_in(MEMBER)
    agreed(lambda: status_of("GET", "/users/%s/application_credentials/%s"
                             % (MEMBER["user_id"], cred_id), token),
           "the application credential being gone", want=404)
    assert server_keys(MEMBER) == [state["member_keys"][2]], "an access key went too"


@scenario("delete three of five keys in selection mode: exactly those three are gone on the "
          "server, and one Undo brings them back")
def delete_three_of_five(app):
    kept = state["member_keys"][2]
    token = sign_in(MEMBER)
    five = [create_ec2(token, MEMBER) for _ in range(5)]
    try:
        delete_three_in_selection_mode(app, five, kept)
    finally:
        # The next scenarios start from the member's one key, whatever
        # happened here; a dialog Escape closes is a Cancel.
        for _ in range(3):
            if dialog(app.app) is None:
                give_focus(app, "Access Keys", app.frame)
            press("Escape")
        for key in five:
            if status_of("GET", "/users/%s/credentials/OS-EC2/%s" % (MEMBER["user_id"], key),
                         state["admin_token"]) == 200:
                delete_ec2(state["admin_token"], MEMBER, key)
        click(app.frame, "Refresh")
        wait_for(lambda: shown_key_ids(app.frame) == [kept], "the member's one key again")


def check_box(app, key):
    return app.frame.findChild(
        lambda n: n.roleName == "check box" and n.name == "Select access key " + key,
        retry=False, requireResult=False)


def delete_three_in_selection_mode(app, five, kept):
    agreed(lambda: ec2_ids(state["admin_token"], MEMBER), "the member's five new keys",
           want=sorted(five + [kept]))
    click(app.frame, "Refresh")
    wait_for(lambda: shown_key_ids(app.frame) == sorted(five + [kept]), "the five new keys listed")
    chosen = [five[0], five[2], five[4]]
    left = sorted([five[1], five[3], kept])

    click(app.frame, "Select Keys")
    # Ticked by real key presses: found by typing, Enter to its row, Space
    # ticks it, Escape closes the search and the ticks stay.
    give_focus(app, "Access Keys", app.frame)
    for key in chosen:
        box = wait_for(lambda: check_box(app, key), "the check box of key %s" % key)
        assert not box.checked, "key %s is ticked already" % key
        press("ctrl+f")
        xdotool("type", "--delay", "50", key[:8])
        wait_for(lambda: shown_key_ids(app.frame) == [key], "the search to find only %s" % key)
        press("Return")
        wait_for(lambda: (lambda n: n is not None and n.roleName == "table row")(
            focused(app.frame)), "Enter to move the focus to key %s" % key)
        press("space")
        wait_for(lambda: box.checked, "Space to tick key %s" % key)
        press("Escape")
        wait_for(lambda: len(shown_key_ids(app.frame)) == 6, "the whole list again")
    for key in left:
        assert not wait_for(lambda: check_box(app, key), "the check box of key %s" % key) \
            .checked, "key %s is ticked, and was not" % key
    click(app.frame, "Delete 3 Keys…")

    question = wait_for(lambda: dialog(app.app), "the Delete 3 Keys? dialog")
    words = " ".join(texts(question))
    assert "Delete 3 Keys?" in words, words
    for key in chosen:
        assert key in words, "the dialog does not name %s: %s" % (key, words)
    for key in left:
        assert key not in words, "the dialog names %s, not ticked: %s" % (key, words)
    assert "can be restored while Access Keys stays open" in words, words
    click(question, "Delete 3 Keys")
    dialog_gone(app)

    wait_for(lambda: shown_key_ids(app.frame) == left, "the rows of the three keys to go")
    wait_for(lambda: toast_says(app, "3 keys deleted"), "one toast for the three")
    assert server_keys(MEMBER) == left, "not exactly the three ticked went on the server"

    click(app.frame, "Undo")
    wait_for(lambda: toast_says(app, "3 keys restored"), "the toast saying they are back")
    wait_for(lambda: shown_key_ids(app.frame) == sorted(five + [kept]), "the three keys back")
    for key in chosen:
        assert agreed(lambda: ec2_as_made(state["admin_token"], MEMBER, key),
                      "restored key %s" % key, want="there, as made") == "there, as made"


@scenario("Replace… as a person does it: a new key, its secret shown once, the old key "
          "deleted once the programs are switched; checked on the server")
def replace_key(app):
    old = state["member_keys"][2]
    title = "Replace Access Key"
    row_menu_button(app.frame, old).doActionNamed("click")
    wait_for(lambda: menu_item(app, "Replace…", position=2),
             "Replace… in the menu of key %s" % old).doActionNamed("click")
    window = wait_for(lambda: toplevel(app.app, title), "the %s dialog" % title)
    words = " ".join(texts(window))
    assert old in words, "the dialog does not name the key it replaces: " + words
    assert server_keys(MEMBER) == [old], "a key was made before Create New Key"

    click(window, "Create New Key")
    wait_for(lambda: "This is the only time the secret is shown" in " ".join(texts(window)),
             "the new key's secret, shown once")
    made = [k for k in agreed(lambda: server_keys(MEMBER), "the keys after the create")
            if k != old]
    assert len(made) == 1, "not exactly one new key on the server: %r" % made
    new = made[0]
    assert new in " ".join(texts(window)), "the dialog does not name the new key " + new
    # The secret shown is the one the server holds (compared, never logged),
    # for the member's project.
    _, body = keystone("GET", "/users/%s/credentials/OS-EC2/%s" % (MEMBER["user_id"], new),
                       state["admin_token"])
    SECRETS[new] = body["credential"]["secret"]
    assert SECRETS[new] in texts(window), "the dialog does not show the new key's secret"
    assert ec2_as_made(state["admin_token"], MEMBER, new) == "there, as made"
    wait_for(lambda: new in shown_key_ids(app.frame), "the new key in the list")

    click(window, "Next")
    # GTK 4.8 shows every page of the dialog on the bus: the secret going
    # from it says the dialog has moved on to its question.
    wait_for(lambda: SECRETS[new] not in texts(window), "the secret to go from the dialog")
    click(window, "Delete Old Key")
    try:
        question = wait_for(lambda: dialog(app.app) or toplevel(app.app, "Delete Access Key?"),
                            "the Delete Access Key? dialog")
    except AssertionError:
        for child in app.app.children:
            log("window %s %r showing=%s" % (child.roleName, child.name, child.showing))
        raise
    words = " ".join(texts(question))
    assert "Delete Access Key?" in words and old in words, words
    click(question, "Delete")
    wait_for(lambda: toplevel(app.app, title) is None, "the Replace dialog to close")
    wait_for(lambda: shown_key_ids(app.frame) == [new], "only the new key listed")
    agreed(lambda: server_keys(MEMBER), "the old key gone and the new one kept", want=[new])
    state["member_keys"][2] = new


@scenario("the admin, showing all users' keys, deletes the member's key")
def admin_all_users(app):
    target = state["member_keys"][2]
    admin_key = state["admin_key"]
    add_account_from_menu(app, ADMIN)
    # Signing in switches the window to the new account: its own key first.
    wait_for(lambda: shown_key_ids(app.frame) == [admin_key], "the admin's own key")
    click(app.frame, "All Users")
    wait_for(lambda: shown_key_ids(app.frame) == sorted([admin_key, target]),
             "every user's keys")
    question = ask_to_delete(app, target)
    assert MEMBER["user"] in " ".join(texts(question)), "the dialog does not name the owner"
    click(question, "Delete")
    dialog_gone(app)
    wait_for(lambda: shown_key_ids(app.frame) == [admin_key], "only the admin's key left")
    assert server_keys(MEMBER) == []
    assert server_keys(ADMIN) == [admin_key]


@scenario("a user whose admin role was taken away deletes the admin's key from a stale "
          "all-users list: the permission message, and the key survives")
def demoted_admin(app):
    admin_key = state["admin_key"]
    auditor_key = create_ec2(sign_in(AUDITOR), AUDITOR)
    agreed(lambda: ec2_ids(state["admin_token"], AUDITOR), "the auditor's key",
           want=[auditor_key])
    add_account_from_menu(app, AUDITOR)
    # An administrator may see every user's keys: the admin's key too. The
    # window keeps showing All Users if it did for the admin.
    everyone = sorted(server_keys(ADMIN) + server_keys(MEMBER) + [auditor_key])

    def a_whole_list():
        ids = shown_key_ids(app.frame)
        return ids if ids in ([auditor_key], everyone) else None
    if wait_for(a_whole_list, "the auditor's keys") != everyone:
        click(app.frame, "All Users")
    wait_for(lambda: shown_key_ids(app.frame) == everyone, "every user's keys, as the auditor")

    # The admin takes the auditor's admin role away: the list on screen is
    # now more than the auditor may act on.
    auditor_token = sign_in(AUDITOR)
    take_admin_role(state["admin_token"], AUDITOR)
    agreed(lambda: status_of("GET", "/users/%s/credentials/OS-EC2" % ADMIN["user_id"],
                             auditor_token),
           "the auditor being refused the admin's keys", want=403)
    assert admin_key in shown_key_ids(app.frame)

    question = ask_to_delete(app, admin_key)
    assert ADMIN["user"] in " ".join(texts(question)), "the dialog does not name the owner"
    click(question, "Delete")
    refusal = dialog_titled(app, "Access Key Not Deleted")
    words = " ".join(texts(refusal))
    log("the app says: " + words)
    assert admin_key in words and "still works" in words, words
    assert "main account" in words and "permission to manage access keys" in words, \
        "the message does not say what is needed: " + words
    # The key's ID, 32 random hex digits, holds "403" about one time in 140.
    prose = words.replace(admin_key, "")
    for jargon in ("403", "Forbidden", "identity:", "{"):
        assert jargon not in prose, "“%s” in the message: %s" % (jargon, words)
    click(refusal, "Close")
    dialog_gone(app)

    # The row stays, done: Delete… in its menu works again.
    item = delete_item(app, admin_key)
    wait_for(lambda: item.sensitive, "Delete… in the row's menu to be usable again")
    row_menu_button(app.frame, admin_key).doActionNamed("click")
    wait_for(lambda: menu_item(app, "Delete…", position=2) is None, "the row's menu to close")
    assert shown_key_ids(app.frame) == everyone
    assert not toast_says(app, admin_key + " deleted"), "a toast says the key was deleted"
    assert not toast_says(app, admin_key + " was already"), "a toast says it was deleted"
    assert server_keys(ADMIN) == [admin_key], "the admin's key is gone from the server"


def a11y_call(pid, path, interface, method, args):
    """Calls INTERFACE.METHOD on the object at PATH of the process PID on the
    accessibility bus, the way a screen reader does, without dogtail's cache
    in between."""
    session = Gio.bus_get_sync(Gio.BusType.SESSION)
    address = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                None, GLib.VariantType("(s)"), 0, 5000).unpack()[0]
    bus = Gio.DBusConnection.new_for_address_sync(
        address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
        | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)

    def dbus(method, *args):
        return bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                             "org.freedesktop.DBus", method,
                             GLib.Variant("(%s)" % ("s" * len(args)), args) if args else None,
                             None, 0, 5000).unpack()[0]

    for name in dbus("ListNames"):
        if name.startswith(":") and dbus("GetConnectionUnixProcessID", name) == pid:
            return bus.call_sync(name, path, interface, method, args,
                                 None, 0, 5000).unpack()
    raise AssertionError("the app is not on the accessibility bus")


def files_holding(text, folders, besides):
    """The files under folders, but those in besides, that hold text."""
    found = []
    for folder in folders:
        for where, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(where, name)
                if path in besides or not os.path.isfile(path):
                    continue
                with open(path, "rb") as data:
                    if text.encode() in data.read():
                        found.append(path)
    return found


@scenario("a cloud from clouds.yaml, its password in secure.yaml: imported by keyboard, "
          "signed in, its keys shown, and the password in no file the app wrote")
def import_cloud(app):
    # Made here, not before the app starts: the all-users scenarios count
    # every user's keys.
    create_user(state["admin_token"], IMPORTER, ("member",), ["member", "reader"])
    keys = [create_ec2(sign_in(IMPORTER), IMPORTER)]
    agreed(lambda: ec2_ids(state["admin_token"], IMPORTER), "the importer's key", want=keys)
    written = write_openstack_config(IMPORTER)
    open_add_account_from_menu(app)
    window = wait_for(lambda: toplevel(app.app, "Add Account"), "the Add Account dialog")
    click(window, "Import from OpenStack Configuration…")
    title = "Import from OpenStack Configuration"
    chooser = wait_for(lambda: toplevel(app.app, title), "the import list")
    wait_for(lambda: IMPORTER["cloud"] in texts(chooser), "%s in the list" % IMPORTER["cloud"])
    # The first cloud has the focus: Enter imports it.
    give_focus(app, title)
    press("Return")
    wait_for(lambda: toplevel(app.app, title) is None, "the import list to close")

    sign_in_button = wait_for(lambda: button(window, "Sign In"), "Sign In")
    wait_for(lambda: sign_in_button.sensitive, "Sign In to be ready with the imported details")
    sign_in_button.doActionNamed("click")
    wait_for(lambda: toplevel(app.app, "Add Account") is None,
             "the dialog to close after signing in")
    wait_for(lambda: (account_menu(app) or app.frame).name.startswith(
        "Account: " + IMPORTER["cloud"]), "the window to switch to the imported account")
    wait_for(lambda: shown_key_ids(app.frame) == keys, "the importer's key")

    folders = [os.environ[name] for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME",
                                             "XDG_STATE_HOME", "XDG_CACHE_HOME")]
    leaked = files_holding(IMPORTER["password"], folders, besides=written)
    assert not leaked, "the password is in %s" % ", ".join(leaked)


@scenario("a screen reader asking for a window past the last one gets an answer, "
          "and the app lives")
def stale_window_index(app):
    # While a dialog closes, a screen reader may still ask for the window at
    # an index it counted before. GTK 4.18 answered that with the object path
    # of any hidden window the app kept (a critical in the app): the app keeps
    # none (src/ui/ak-window-actions.c, show_help_overlay_action).
    root = "/org/a11y/atspi/accessible/root"
    count = a11y_call(app.proc.pid, root, "org.freedesktop.DBus.Properties", "Get",
                      GLib.Variant("(ss)", ("org.a11y.atspi.Accessible", "ChildCount")))[0]
    log("the app shows %d windows" % count)
    a11y_call(app.proc.pid, root, "org.a11y.atspi.Accessible", "GetChildAtIndex",
              GLib.Variant("(i)", (count + 2,)))
    assert app.proc.poll() is None, "the app died"
    wait_for(lambda: toplevel(app.app, "Access Keys"), "the main window")


# Keys as the server has them, and what the app should make of them -----------------

# Made by the last two scenarios, not before the app starts (the all-users
# scenarios above count every user's keys): an administrator who looks at
# every user's keys, and owners of one or two keys each (an owner of more
# than two has all of them flagged).
INSPECTOR = {
    "user": "inspector",
    "password": "inspector-secret",
    "project": ADMIN["project"],
    "project_id": ADMIN["project_id"],
}
DETAILS_PROJECT = "details-lab"


def iso_utc(when):
    # Keystone's way of writing a time, in UTC, without a zone.
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def parse_utc(text):
    # "2027-03-02T14:05:00.000000", or with a Z: always UTC.
    return datetime.fromisoformat(text.rstrip("Z")[:19]).replace(tzinfo=timezone.utc)


def create_project(token, name):
    _, body = keystone("POST", "/projects", token, {"project": {
        "name": name, "domain_id": "default", "enabled": True}})
    return body["project"]["id"]


def grant_role(token, user_id, project_id, role):
    keystone("PUT", "/projects/%s/users/%s/roles/%s" % (project_id, user_id,
                                                      role_id(token, role)), token)


def revoke_role(token, user_id, project_id, role):
    keystone("DELETE", "/projects/%s/users/%s/roles/%s" % (project_id, user_id,
                                                         role_id(token, role)), token)


def create_member(token, name, project=MEMBER["project"], project_id=MEMBER["project_id"]):
    who = {"user": name, "password": name + "-secret", "project": project,
           "project_id": project_id}
    create_user(token, who, ("member",), ["member", "reader"])
    return who


def create_app_cred(who, name, description=None, expires_at=None, roles=None,
                    unrestricted=False):
    """An application credential of who, made with who's own token, as
    Keystone lets only its owner make one. Returns its ID."""
    cred = {"name": name, "unrestricted": unrestricted}
    if description is not None:
        cred["description"] = description
    if expires_at is not None:
        cred["expires_at"] = iso_utc(expires_at)
    if roles is not None:
        cred["roles"] = [{"name": role} for role in roles]
    _, body = keystone("POST", "/users/%s/application_credentials" % who["user_id"],
                       sign_in(who), {"application_credential": cred})
    return body["application_credential"]["id"]


def server_view(token):
    """Every user's keys as an administrator reads them through the API, with
    the facts the attention flags come from: {"keys": {id: key}, "users":
    {id: user}, "projects": {id: name}, "roles": {(user ID, project ID)}}.
    A key is {"id", "kind" ("ec2" or "app"), "user_id", "project_id",
    "name", "description", "expires_at" (a datetime or None), "roles",
    "unrestricted"}."""
    _, body = keystone("GET", "/users", token)
    users = {u["id"]: u for u in body["users"]}
    _, body = keystone("GET", "/projects", token)
    projects = {p["id"]: p["name"] for p in body["projects"]}
    _, body = keystone("GET", "/role_assignments?effective", token)
    roles = set((a["user"]["id"], a["scope"]["project"]["id"]) for a in body["role_assignments"]
                if "user" in a and "project" in a.get("scope", {}))
    keys = {}
    for user_id in sorted(users):
        _, body = keystone("GET", "/users/%s/credentials/OS-EC2" % user_id, token)
        for c in body["credentials"]:
            keys[c["access"]] = {"id": c["access"], "kind": "ec2", "user_id": user_id,
                                 "project_id": c["tenant_id"], "name": None,
                                 "description": None, "expires_at": None, "roles": None,
                                 "unrestricted": False}
        _, body = keystone("GET", "/users/%s/application_credentials" % user_id, token)
        for c in body["application_credentials"]:
            keys[c["id"]] = {"id": c["id"], "kind": "app", "user_id": user_id,
                             "project_id": c["project_id"], "name": c["name"],
                             "description": c.get("description"),
                             "expires_at": parse_utc(c["expires_at"]) if c.get("expires_at")
                             else None,
                             "roles": sorted(r["name"] for r in c.get("roles") or []),
                             "unrestricted": bool(c.get("unrestricted"))}
    return {"keys": keys, "users": users, "projects": projects, "roles": roles}


def agreed_view(what):
    view = agreed(lambda: server_view(state["admin_token"]), what)
    log("the server has %d keys of %d users" % (len(view["keys"]), len(view["users"])))
    return view


def attention_flags(view, key, now):
    """What needs attention about key, worked out from the server's facts
    by the rules the app states (src/core/ak-key-flags.h), with the default
    30 days of "Expires soon"."""
    flags = set()
    owned = sum(1 for k in view["keys"].values() if k["user_id"] == key["user_id"])
    if key["expires_at"] is not None:
        if key["expires_at"] <= now:
            flags.add("expired")
        elif key["expires_at"] <= now + timedelta(days=30):
            flags.add("expires soon")
    if owned > 2:
        flags.add("owner has many keys")
    if key["kind"] == "app" and key["unrestricted"]:
        flags.add("unrestricted")
    if not view["users"][key["user_id"]].get("enabled", True):
        flags.add("owner disabled")
    if key["kind"] == "ec2" and (key["user_id"], key["project_id"]) not in view["roles"]:
        flags.add("unusable")
    return flags


# The keys' rows: every row's menu button is named after its key, by its
# name when it has one (application credentials always have one), else by
# its kind and ID.
ROW_ACTIONS = "Actions for "


def row_label(key):
    if key["name"]:
        return ROW_ACTIONS + key["name"]
    return ROW_ACTIONS + ("access key " if key["kind"] == "ec2"
                          else "application credential ") + key["id"]


def labels_of(view):
    labels = {}
    for key in view["keys"].values():
        label = row_label(key)
        assert label not in labels, "two keys are both “%s”" % label
        labels[label] = key["id"]
    return labels


def row_buttons(frame):
    """The rows' menu buttons on the bus now: the inner, clickable node."""
    return frame.findChildren(
        lambda n: n.roleName in BUTTON_ROLES and (n.name or "").startswith(ROW_ACTIONS) and
        "click" in n.actions)


def list_scroll_bar(frame):
    """The Value of the key list's vertical scroll bar, or None when the list
    has nothing to scroll."""
    table = frame.findChild(lambda n: n.roleName == "tree table" and n.name == "Access keys",
                            retry=False, requireResult=False)
    if table is None or table.parent is None:
        return None
    for bar in table.parent.children:
        if bar.roleName != "scroll bar" or \
                bar.getState().contains(pyatspi.STATE_HORIZONTAL):
            continue
        try:
            value = bar.queryValue()
        except NotImplementedError:
            continue
        if value.maximumValue > value.minimumValue:
            return value
    return None


def scroll_rows(frame):
    """Yields the rows' menu buttons on the bus, then again after each step
    of scrolling the list down to its end, as a person scrolls: GTK 4.18
    puts only the rows in view on the bus (GTK 4.8 every row of a short
    list). Each step keeps a row of the one before in view, so no row is
    scrolled past unseen; it moves the scroll bar through its Value, which
    GTK 4.8 and 4.18 both take."""
    buttons = row_buttons(frame)
    yield buttons
    value = list_scroll_bar(frame)
    if value is None:
        return
    step = 240.0
    here = value.minimumValue
    if value.currentValue != here:
        value.currentValue = here
        buttons = settled_rows(frame, buttons)
        yield buttons
    while here < value.maximumValue:
        there = min(here + step, value.maximumValue)
        value.currentValue = there
        moved = settled_rows(frame, buttons)
        if buttons and moved and not set(b.name for b in buttons) & set(b.name for b in moved) \
                and step > 30:
            # Too far: a row could have gone by unseen.
            step /= 2
            value.currentValue = here
            settled_rows(frame, moved)
            continue
        here, buttons = there, moved
        yield buttons


def settled_rows(frame, before):
    """The rows' buttons once the list has put the rows scrolled to on the
    bus: until they differ from before, for at most 0.6 s (a step that shows
    no new row, as GTK 4.8's, whose rows are all there)."""
    names = [b.name for b in before]
    end = time.time() + 0.6
    while True:
        time.sleep(0.1)
        now = row_buttons(frame)
        if [b.name for b in now] != names or time.time() > end:
            return now


def shown_keys(frame, view):
    """The IDs of the keys the list shows, scrolled through from top to
    bottom; a row the server has no key for is given by its button's name,
    so that it is no ID of the server's. The list is scrolled back to its
    top."""
    labels = labels_of(view)
    names = set()
    for buttons in scroll_rows(frame):
        names.update(b.name for b in buttons)
    value = list_scroll_bar(frame)
    if value is not None and value.currentValue != value.minimumValue:
        value.currentValue = value.minimumValue
    return sorted(set(labels.get(name, name) for name in names))


def key_menu_button(frame, key):
    """The key's row's menu button, the list scrolled until it is in view."""
    label = row_label(key)

    def find():
        for buttons in scroll_rows(frame):
            found = next((b for b in buttons if b.name == label), None)
            if found is not None:
                return found
        return None
    return wait_for(find, "the menu button of key %s" % key["id"])


def count_says(frame):
    """What the line below the list says of how many keys it shows."""
    pattern = re.compile(r"^[0-9]+ (of [0-9]+ )?keys?( shown by the filters)?$")
    label = frame.findChild(lambda n: n.roleName == "label" and
                            pattern.match(label_text(n) or ""),
                            retry=False, requireResult=False)
    return label_text(label) if label is not None else None


def signed_in_as(app, who):
    menu = account_menu(app)
    return menu is not None and menu.name.startswith("Account: %s in " % who["user"])


def sign_in_once(app, who):
    """Signs who in, from the account menu, or from the empty window when no
    account is there yet (a scenario run alone), unless the window shows
    who's account already."""
    if signed_in_as(app, who):
        return
    if account_menu(app) is None and button(app.frame, "Add Account") is not None:
        add_account(app, who, lambda: click(app.frame, "Add Account"))
        wait_for(lambda: signed_in_as(app, who), "the window to show %s's account" % who["user"])
    else:
        add_account_from_menu(app, who)


def inspect_all_users(app, view):
    """The inspector's window listing every user's keys, as the server has
    them."""
    if "user_id" not in INSPECTOR:
        create_user(state["admin_token"], INSPECTOR, ("admin",), ["admin", "member", "reader"])
    if signed_in_as(app, INSPECTOR):
        # The list was read before the keys were made.
        click(app.frame, "Refresh")
    else:
        sign_in_once(app, INSPECTOR)
    click(app.frame, "All Users")
    everyone = sorted(view["keys"])
    try:
        wait_for(lambda: shown_keys(app.frame, view) == everyone,
                 "every user's %d keys" % len(everyone))
    except AssertionError:
        log("listed: %s" % shown_keys(app.frame, view))
        log("on the server: %s" % everyone)
        raise


# The details pane, read as a screen reader reads it ---------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def full_date(when):
    """A time as the app writes it in the C locale the suite runs in:
    "March 2, 2027, 2:05 PM", in local time."""
    local = when.astimezone()
    return "%s %d, %d, %d:%02d %s" % (MONTHS[local.month - 1], local.day, local.year,
                                      local.hour % 12 or 12, local.minute,
                                      "AM" if local.hour < 12 else "PM")


def days_away(when):
    days = (when.astimezone().date() - datetime.now().astimezone().date()).days
    return {0: "today", 1: "tomorrow"}.get(days, "in %d days" % days)


def details_pane(app):
    """The details pane, while it is open: a "panel" on GTK 4.8, a
    "grouping" on 4.18. GTK 4.8 says "showing" of none of its nodes: a
    hidden pane is one whose revealer, or any widget above it, is not
    visible."""
    pane = app.frame.findChild(lambda n: n.name == "Details" and
                               n.roleName in ("panel", "grouping"),
                               retry=False, requireResult=False)
    node = pane
    while node is not None and node != app.frame:
        if not node.getState().contains(pyatspi.STATE_VISIBLE):
            return None
        node = node.parent
    return pane


def label_text(node):
    try:
        return node.text or node.name
    except (NotImplementedError, GLib.Error):
        return node.name


def field_value(node, caption):
    """The text of a field's value label, which is labelled by its caption.
    GTK 4.8 reads back no text for it and names it by its text and then its
    caption ("keeper Name"); a name that is only the caption holds no value."""
    text = label_text(node)
    if text.endswith(" " + caption):
        return text[:-len(caption) - 1]
    return None if text == caption else text


def read_pane(app):
    """What the pane shows, as {(group, field): value}, and the sentences
    it says, as [(group, sentence)]. A field's row is named by its field
    and holds its caption and its value; a group's title is a label of its
    own before its rows."""
    pane = details_pane(app)
    fields, sentences = {}, []
    if pane is None:
        return None, None
    group = None

    def walk(node):
        nonlocal group
        if node.roleName == "list item":
            labels = node.findChildren(lambda n: n.roleName == "label")
            if len(labels) >= 2 and label_text(labels[0]) == node.name:
                fields[(group, node.name)] = field_value(labels[1], node.name)
            else:
                sentences.append((group, " ".join(label_text(n) for n in labels)))
            return
        if node.roleName == "label":
            group = label_text(node)
        for child in node.children:
            walk(child)
    walk(pane)
    return fields, sentences


def pane_shows(app, expected, absent=()):
    """Waits until the pane shows exactly the expected fields, and none of
    absent; fails naming each field that differs."""
    seen = {}

    def check():
        fields, sentences = read_pane(app)
        if fields is None:
            return False
        seen["fields"], seen["sentences"] = fields, sentences
        return (all(fields.get(name) == value for name, value in expected.items()) and
                not any(name in fields for name in absent))
    try:
        wait_for(check, "the details pane to show what the server has")
    except AssertionError:
        fields = seen.get("fields") or {}
        for name, value in expected.items():
            if fields.get(name) != value:
                log("%s: the pane shows %r, the server has %r" % (name, fields.get(name), value))
        for name in absent:
            if name in fields:
                log("%s: the pane shows %r, the server has none" % (name, fields[name]))
        log("the pane says: %s" % seen.get("sentences"))
        raise
    return seen["fields"]


def pane_expects(view, key):
    """What a person checks in the pane against the server: the key's own
    facts, its owner's and its project's, from the server's answers."""
    owner = view["users"][key["user_id"]]
    expected = {
        ("Key", "ID"): key["id"],
        ("Key", "Kind"): "Application credential" if key["kind"] == "app" else "Access key",
        ("Owner", "Name"): owner["name"],
        ("Owner", "ID"): owner["id"],
        ("Project", "Name"): view["projects"][key["project_id"]],
        ("Project", "ID"): key["project_id"],
    }
    if key["expires_at"] is None:
        expected[("Key", "Expires")] = "Never"
    else:
        expected[("Key", "Expires")] = "%s (%s)" % (full_date(key["expires_at"]),
                                                   days_away(key["expires_at"]))
    if key["kind"] == "app":
        expected[("Key", "Name")] = key["name"]
        expected[("Key", "Description")] = key["description"]
    return expected


def check_permissions(fields, key):
    # The roles in any order, as a set; unrestricted by its first word.
    roles = fields.get(("Permissions", "Roles"), "")
    assert sorted(roles.split(", ")) == key["roles"], \
        "the pane shows the roles “%s”, the server has %s" % (roles, key["roles"])
    unrestricted = fields.get(("Permissions", "Unrestricted"), "").split(":")[0]
    assert unrestricted == ("Yes" if key["unrestricted"] else "No"), \
        "the pane says unrestricted “%s”, the server %s" % (
            fields.get(("Permissions", "Unrestricted")), key["unrestricted"])


@scenario("the details pane shows what the server has: an application credential's ID, "
          "name, full description, roles, expiry, owner and project, and an EC2 key's")
def details_pane_matches_server(app):
    token = state["admin_token"]
    keeper = create_member(token, "keeper")
    lab_id = create_project(token, DETAILS_PROJECT)
    grant_role(token, keeper["user_id"], lab_id, "member")
    # Its own project, apart from the one the owner signs in to.
    agreed(lambda: sorted(p["id"] for p in keystone(
        "GET", "/users/%s/projects" % keeper["user_id"], token)[1]["projects"]),
        "the keeper's projects", want=sorted([MEMBER["project_id"], lab_id]))
    expires = (datetime.now(timezone.utc) + timedelta(days=90)).replace(
        hour=14, minute=5, second=0, microsecond=0)
    description = ("Deploys the “web” front end from CI every night at 02:00; "
                   "replace it with the release key before it expires. Owned by the "
                   "platform team — ask in #platform before you delete it. " * 2).strip()
    cred_id = create_app_cred(keeper, "keeper-nightly-deploy", description=description,
                              expires_at=expires, roles=("member", "reader"))
    _, body = keystone("POST", "/users/%s/credentials/OS-EC2" % keeper["user_id"],
                       sign_in(keeper), {"tenant_id": lab_id})
    access = body["credential"]["access"]
    view = agreed_view("every key, with the keeper's two")
    cred, ec2 = view["keys"][cred_id], view["keys"][access]
    assert cred["description"] == description and cred["expires_at"] == expires, \
        "the server did not keep what the credential was made with: %r" % cred
    assert ec2["project_id"] == lab_id

    inspect_all_users(app, view)

    # The credential: Details in its row's menu.
    key_menu_button(app.frame, cred).doActionNamed("click")
    wait_for(lambda: menu_item(app, "Details", position=1),
             "Details in the menu of the credential").doActionNamed("click")
    wait_for(lambda: details_pane(app), "the details pane")
    fields = pane_shows(app, pane_expects(view, cred))
    check_permissions(fields, cred)

    try:
        check_ec2_by_keyboard(app, view, ec2)
    except Exception:
        # The next scenarios need the whole list, with no pane: Escape
        # closes the search, F9 the pane.
        give_focus(app, "Access Keys", app.frame)
        press("ctrl+f")
        press("Escape")
        if details_pane(app) is not None:
            press("F9")
        raise


def check_ec2_by_keyboard(app, view, ec2):
    """The EC2 key's details, as the keyboard goes: found by typing its ID,
    Enter to its row, and the open pane follows the row; F9 hides it and
    shows it again."""
    give_focus(app, "Access Keys", app.frame)
    press("ctrl+f")
    wait_for(lambda: focused(app.frame) is not None and focused(app.frame).roleName == "entry",
             "the focus in the search field")
    xdotool("type", "--delay", "50", ec2["id"][:12])
    wait_for(lambda: shown_keys(app.frame, view) == [ec2["id"]],
             "the search to find only %s" % ec2["id"])
    press("Return")
    wait_for(lambda: (lambda n: n is not None and n.roleName == "table row")(focused(app.frame)),
             "Enter to move the focus to the key found")
    pane_shows(app, pane_expects(view, ec2),
               absent=[("Key", "Name"), ("Key", "Description"), ("Permissions", "Roles")])
    press("F9")
    wait_for(lambda: details_pane(app) is None, "F9 to hide the pane")
    press("F9")
    pane_shows(app, pane_expects(view, ec2), absent=[("Permissions", "Roles")])

    press("F9")
    wait_for(lambda: details_pane(app) is None, "F9 to hide the pane")
    press("Escape")
    wait_for(lambda: shown_keys(app.frame, view) == sorted(view["keys"]), "the whole list again")


def filter_button(app, where):
    """The Filter Keys button of the search bar ("search", beside the search
    field) or of the bar that says which filters are on ("bar", beside Clear
    Filters): the GtkMenuButton's outer node, which says whether a filter is
    on, and its inner one, which clicks. Which bar it is in is told by the
    nearest node above it with a child named "Search keys" or "Clear
    Filters" (GTK 4.8 names the button's own holder "AkKeyFilterButton",
    4.18 leaves it unnamed)."""
    def bar_of(node):
        for _ in range(4):
            node = node.parent
            if node is None:
                return None
            beside = [n.name for n in node.children]
            if "Search keys" in beside:
                return "search"
            if "Clear Filters" in beside:
                return "bar"
        return None

    def find():
        for outer in app.frame.findChildren(lambda n: n.roleName in BUTTON_ROLES and
                                            n.name == "Filter Keys"):
            inner = outer.findChild(
                lambda n: n.roleName in BUTTON_ROLES and "click" in n.actions,
                retry=False, requireResult=False)
            if inner is not None and bar_of(outer) == where:
                return outer, inner
        return None
    return wait_for(find, "the Filter Keys button of the %s bar" % where)


def filters_on(app):
    outer, inner = filter_button(app, "search")
    return "Filters are on" in (outer.description or "") + (inner.description or "")


def attention_items(app):
    """Needs Attention (N) in the open Filter menu, as [(item, N)]; a closed
    menu is not on the bus. GTK 4.18 gives this item no name (its label is
    "presentation", off the bus, though Type, Owner, Project and Clear
    Filters are named; see menu_item): there Needs Attention is the menu's
    first item, unnamed and the only one a check box ticks, and its N, which
    no node on the bus says, is None."""
    found = []
    items = app.app.findChildren(lambda n: n.roleName in (
        "menu item", "check menu item", "radio menu item"))
    for node in items:
        name = spoken_name(node).replace("_", "")
        if name.startswith("Needs Attention (") and name.endswith(")"):
            found.append((node, int(name[len("Needs Attention ("):-1])))
    if not found and items and not spoken_name(items[0]) and \
            items[0].getState().contains(pyatspi.STATE_CHECKABLE):
        found.append((items[0], None))
    return found


def toggle_needs_attention(app, where, ticked):
    """Opens the Filter menu of where (see filter_button), reads the count
    Needs Attention shows, checks it is ticked or not as ticked says, and
    clicks it; returns the count (None where the menu says it to no screen
    reader: GTK 4.18)."""
    filter_button(app, where)[1].doActionNamed("click")
    item, count = wait_for(lambda: attention_items(app), "Needs Attention in the Filter menu")[0]
    if count is None:
        log("the menu items have no names: taking the first, checkable, for Needs "
            "Attention, whose count cannot be read; %s" % (
                "ticked" if item.checked else "not ticked"))
    else:
        log("the Filter menu says Needs Attention (%d), %s" % (
            count, "ticked" if item.checked else "not ticked"))
    assert item.checked == ticked, "Needs Attention is %sticked" % ("not " if ticked else "")
    item.doActionNamed("click")
    wait_for(lambda: not attention_items(app), "the Filter menu to close")
    return count


@scenario("the Needs Attention filter shows exactly the keys the server's facts flag, "
          "as many as its count says, and turned off shows every key again")
def needs_attention_filter(app):
    token = state["admin_token"]
    now = datetime.now(timezone.utc)
    # Owners of two keys, one flagged and one not, side by side; an owner of
    # one key that lost its project; and the hoarder, whose three keys are
    # all flagged for their number.
    rotator = create_member(token, "rotator")
    soon = create_app_cred(rotator, "rotator-expiring", expires_at=now + timedelta(days=5),
                           roles=("reader",))
    plain = create_ec2(sign_in(rotator), rotator)
    scripter = create_member(token, "scripter")
    unrestricted = create_app_cred(scripter, "scripter-unrestricted", unrestricted=True)
    later = create_app_cred(scripter, "scripter-next-year",
                            expires_at=now + timedelta(days=365), roles=("member",))
    # An EC2 key outlives its owner's role on its project: unusable there.
    leaver = create_member(token, "leaver")
    stale = create_ec2(sign_in(leaver), leaver)
    revoke_role(token, leaver["user_id"], MEMBER["project_id"], "member")
    agreed(lambda: role_names(leaver), "the leaver's roles being gone", want=[])
    hoarder = create_member(token, "hoarder")
    hoarded = [create_ec2(sign_in(hoarder), hoarder) for _ in range(3)]

    view = agreed_view("every key, with the new ones")
    flags = {key_id: attention_flags(view, key, datetime.now(timezone.utc))
             for key_id, key in view["keys"].items()}
    for key_id, key in sorted(view["keys"].items()):
        log("%s of %s: %s" % (key["name"] or key_id, view["users"][key["user_id"]]["name"],
                              ", ".join(sorted(flags[key_id])) or "nothing to attend to"))
    flagged = sorted(key_id for key_id, f in flags.items() if f)
    # What the keys were made for, so that the rules above cannot make the
    # scenario pass by flagging nothing or everything.
    assert flags[soon] == {"expires soon"} and flags[unrestricted] == {"unrestricted"}, flags
    assert flags[stale] == {"unusable"}, flags[stale]
    assert all(flags[k] == {"owner has many keys"} for k in hoarded), flags
    assert not flags[plain] and not flags[later], (flags[plain], flags[later])

    inspect_all_users(app, view)
    everyone = sorted(view["keys"])
    # The Filter button is beside the search field: Ctrl+F shows it.
    give_focus(app, "Access Keys", app.frame)
    press("ctrl+f")
    wait_for(lambda: focused(app.frame) is not None and focused(app.frame).roleName == "entry",
             "the focus in the search field")
    assert not filters_on(app), "a filter is on before the scenario turns one on"
    try:
        count = toggle_needs_attention(app, "search", ticked=False)
        wait_for(lambda: shown_keys(app.frame, view) == flagged,
                 "only the %d flagged keys" % len(flagged))
        # The menu's count where a screen reader can read it; below the
        # list, on every GTK, how many keys the filter shows of how many.
        if count is not None:
            assert count == len(flagged), \
                "the menu says %d keys need attention, the server's facts flag %d" % (
                    count, len(flagged))
        says = "%d of %d keys shown by the filters" % (len(flagged), len(everyone))
        try:
            wait_for(lambda: count_says(app.frame) == says, "the list to say “%s”" % says)
        except AssertionError:
            log("below the list: %r" % count_says(app.frame))
            raise
        wait_for(lambda: filters_on(app), "the Filter button to say a filter is on")
        # Off again from the bar that says a filter is on, as a person sees it
        # there first; the count is the same with the filter on.
        assert toggle_needs_attention(app, "bar", ticked=True) == count, \
            "the count changed with the filter on"
        # Asked while the search bar, and its button, are shown: GTK 4.18
        # takes a hidden button off the bus.
        wait_for(lambda: not filters_on(app), "the Filter button to say no filter is on")
    except AssertionError:
        log("listed: %s" % shown_keys(app.frame, view))
        log("flagged: %s" % flagged)
        # Off again, whatever happened: the setting outlives the window.
        try:
            if filters_on(app):
                toggle_needs_attention(app, "search", ticked=True)
        except AssertionError as error:
            log("the filter could not be turned off: %s" % error)
        raise
    finally:
        give_focus(app, "Access Keys", app.frame)
        press("ctrl+f")
        press("Escape")
    wait_for(lambda: shown_keys(app.frame, view) == everyone,
             "every key once the filter is off")
    wait_for(lambda: count_says(app.frame) == "%d keys" % len(everyone),
             "the list to say it shows all %d keys" % len(everyone))


def main():
    member_token = sign_in(MEMBER)
    state["admin_token"] = sign_in(ADMIN)
    state["member_keys"] = [create_ec2(member_token, MEMBER) for _ in range(3)]
    state["member_app_cred"] = (create_application_credential(member_token, MEMBER,
                                                              "ci-deploy"), "ci-deploy")
    state["admin_key"] = create_ec2(state["admin_token"], ADMIN)
    create_auditor(state["admin_token"])
    agreed(lambda: ec2_ids(state["admin_token"], MEMBER), "the member's new keys",
           want=sorted(state["member_keys"]))
    log("member's keys %s, admin's key %s" % (state["member_keys"], state["admin_key"]))

    # AK_E2E_ONLY=sign_in_and_list,cancel_keeps_key runs only the scenarios
    # of those functions' names, in the suite's order; one that needs no
    # other before it (one that signs in itself) can run alone.
    only = [name for name in os.environ.get("AK_E2E_ONLY", "").split(",") if name]
    unknown = set(only) - set(func.__name__ for _, func in results)
    assert not unknown, "AK_E2E_ONLY names no scenario: %s" % ", ".join(sorted(unknown))
    chosen = [(name, func) for name, func in results if not only or func.__name__ in only]

    print("1..%d" % len(chosen), flush=True)
    app = start_app()
    failed = 0
    try:
        for number, (name, func) in enumerate(chosen, 1):
            try:
                func(app)
                log("scenario %d passed" % number)
                print("ok %d - %s" % (number, name), flush=True)
            except Exception:
                failed += 1
                if app.proc.poll() is not None:
                    print("# the app exited with status %s" % app.proc.returncode,
                          file=sys.stderr)
                # On stderr too: meson shows a failing test's stderr, not its TAP.
                for line in traceback.format_exc().splitlines():
                    print("# " + line)
                    print("# " + line, file=sys.stderr)
                if os.environ.get("AK_E2E_DUMP"):
                    dump(app.app)
                print("not ok %d - %s" % (number, name), flush=True)
    finally:
        app.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    run_tap(main)
