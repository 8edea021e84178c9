#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader finds: the real app (ak-ui-demo, the real window with
the test provider standing in for the cloud), every window and dialog opened
the way a person opens them, and the AT-SPI tree of each walked as a screen
reader walks it.

Fails on an actionable control (button, toggle, check box, switch, menu
item, entry, list item, row) that has no name, or whose name holds a mnemonic
twice ("_Cancel Cancel") or an underscore ("C_reate"); and on a hidden
(password) entry whose Text interface gives back what was typed into it.
Prints how many controls it checked in each window, and in all. The checks
are tests/harness/ak_a11y_checks.py's; e2e.py makes them on the real app too.

Not checked, because GTK 4.8 cannot do it: that a focus move into an entry
row is announced. The focus goes to the row's GtkText, which GTK 4.8 leaves
out of the tree (role "none"); no focus event names the field. GTK 4.8's
column titles take no focus either: the Sort Keys By menu sorts instead,
and is checked here.

Run by meson as  run-headless.sh python3 a11y.py  with RUN_HEADLESS_A11Y=1
and RUN_HEADLESS_XDOTOOL=1; AK_DEMO names the ak-ui-demo binary. Prints TAP.
"""

import os
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from ak_atspi import (DIALOG_ROLES, App, dump, give_focus, log, run_tap,  # noqa: E402
                      spoken_name, toplevel, wait_for, xdotool)
from ak_a11y_checks import Checks  # noqa: E402
import pyatspi  # noqa: E402

checks = Checks()


def demo_app(mode, language=None):
    """ak-ui-demo (AK_DEMO) in mode, in language if given."""
    env = {}
    if language is not None:
        # gettext ignores LANGUAGE in the C locale (see ak-ui-demo.c).
        env.update(LANGUAGE=language, LANG="C.UTF-8")
    return App([os.environ["AK_DEMO"], mode], env)


# Acting -----------------------------------------------------------------------

def tab_to(app, window, match, what):
    """Presses Tab until the focus is on a node that matches."""
    for _ in range(40):
        focused = window.findChild(lambda n: n.getState().contains(pyatspi.STATE_FOCUSED),
                                   retry=False, requireResult=False)
        if focused is not None and match(focused):
            return focused
        xdotool("key", "--clearmodifiers", "Tab")
        time.sleep(0.15)
    raise AssertionError("Tab never reached " + what)


def find(window, match, what):
    return wait_for(lambda: window.findChild(match, retry=False, requireResult=False), what)


def button(window, name):
    # Found by the end of its name too: a name said twice is the walk's to
    # report, not a reason to stop here.
    return find(window, lambda n: n.roleName in ("push button", "button", "toggle button")
                and (n.name == name or (n.name or "").endswith(" " + name))
                and "click" in n.actions, "the “%s” button" % name)


def click(window, name):
    button(window, name).doActionNamed("click")


def dialog_named(app, name):
    return wait_for(lambda: toplevel(app.app, name), "the “%s” window" % name)


def gone(app, name):
    wait_for(lambda: toplevel(app.app, name) is None, "“%s” to close" % name)


def menu_items(app):
    return app.app.findChildren(lambda n: n.roleName in ("menu item", "check menu item",
                                                         "radio menu item"))


def open_menu(app, button_name, what):
    click(app.frame, button_name)
    wait_for(lambda: menu_items(app), "the items of " + what)
    # Every open menu's items, wherever GTK puts the popover in the tree.
    n = 0
    for item in menu_items(app):
        n += checks.walk(item, what)
    checks.counts.append((what, n))
    log("%s: %d controls checked" % (what, n))
    xdotool("key", "--clearmodifiers", "Escape")
    wait_for(lambda: not menu_items(app), what + " to close")


# The walk ---------------------------------------------------------------------

def main_window(app):
    give_focus(app, "Access Keys")
    checks.count("main window", app.frame)
    open_menu(app, "Main Menu", "main menu")
    open_menu(app, "Account: Demo Cloud", "account menu")
    open_menu(app, "Actions for ci-deploy", "a key's menu")


OWNERS = {"nightly-backup": "alice", "AKIA4F2C9E7D1B3A5C80": "alice",
          "AKIA9B1D3F5E7A2C4E61": "bob", "AKIA7E3A1C9B5D2F8A44": "carol", "ci-deploy": "dave"}


def row_names(app):
    table = find(app.frame, lambda n: n.roleName == "tree table", "the list of keys")
    return [r.name for r in table.findChildren(lambda n: n.roleName == "table row")
            if r.name in OWNERS]


def sort_from_menu(app, label):
    click(app.frame, "Main Menu")
    submenu = wait_for(lambda: next((n for n in menu_items(app)
                                     if spoken_name(n) == "Sort Keys By"), None),
                       "Sort Keys By in the main menu")
    submenu.doActionNamed("click")
    item = wait_for(lambda: next((n for n in menu_items(app) if spoken_name(n) == label),
                                 None),
                    "“%s” in the Sort menu" % label)
    item.doActionNamed("click")
    if menu_items(app):
        xdotool("key", "--clearmodifiers", "Escape")
    wait_for(lambda: not menu_items(app), "the main menu to close")


def sort_menu(app):
    """Every column sorts from the menu, both ways: GTK 4.8's column titles
    take no keyboard focus."""
    give_focus(app, "Access Keys")
    sort_from_menu(app, "Owner")
    wait_for(lambda: [OWNERS[n] for n in row_names(app)] == sorted(OWNERS.values()),
             "the rows sorted by owner, A to Z (%s)" % row_names(app))
    sort_from_menu(app, "Reverse Order")
    wait_for(lambda: [OWNERS[n] for n in row_names(app)] == sorted(OWNERS.values(),
                                                                   reverse=True),
             "the rows sorted by owner, Z to A")
    sort_from_menu(app, "Reverse Order")
    sort_from_menu(app, "ID")
    wait_for(lambda: row_names(app)[0] == "nightly-backup", "the rows sorted by ID again")


def selection_mode(app):
    app.frame.doActionNamed("win.selection-mode")
    wait_for(lambda: app.frame.findChild(lambda n: n.roleName == "check box",
                                         retry=False, requireResult=False),
             "the rows' check boxes")
    checks.count("main window, selection mode", app.frame)
    xdotool("key", "--clearmodifiers", "Escape")


def details_pane(app):
    """The details pane of the focused key: every row and the Copy button
    named."""
    give_focus(app, "Access Keys")
    xdotool("key", "--clearmodifiers", "Down")
    app.frame.doActionNamed("win.show-details")
    wait_for(lambda: app.frame.findChild(lambda n: n.name == "Copy ID", retry=False,
                                         requireResult=False),
             "the details pane's Copy button")
    checks.count("main window, details pane", app.frame)
    app.frame.doActionNamed("win.show-details")
    wait_for(lambda: not app.frame.findChild(lambda n: n.name == "Copy ID" and n.showing,
                                             retry=False, requireResult=False),
             "the details pane hidden")


def add_account(app):
    app.frame.doActionNamed("win.add-account")
    window = dialog_named(app, "Add Account")
    checks.count("add-account dialog", window)
    hidden = checks.check_entries("add-account dialog", window)
    switch = find(window, lambda n: n.name == "Sign in with an application credential"
                  and "toggle" in n.actions, "the application credential switch")
    switch.doActionNamed("toggle")
    wait_for(lambda: window.findChild(lambda n: n.name == "Secret" and n.roleName == "text",
                                      retry=False, requireResult=False),
             "the Secret field")
    checks.count("add-account dialog, application credential", window)
    hidden += checks.check_entries("add-account dialog, application credential", window)
    assert hidden >= 2, "no hidden password or secret field was found"
    click(window, "Cancel")
    gone(app, "Add Account")


def create_key(app):
    app.frame.doActionNamed("win.create-key")
    window = dialog_named(app, "New Access Key")
    checks.count("create dialog", window)
    give_focus(app, "New Access Key")
    # GTK 4.8 offers no action on a check button: the keyboard chooses, as
    # a person would. The row has the focus, and passes it on.
    # (GTK 4.18 says "radio button" for a check button in a group.)
    tab_to(app, window, lambda n: n.roleName in ("check box", "radio button", "list item")
           and spoken_name(n).startswith("Application credential"),
           "the Application credential choice")
    xdotool("key", "--clearmodifiers", "space")
    find(window, lambda n: n.roleName in ("check box", "radio button")
         and spoken_name(n).startswith("Application credential")
         and n.getState().contains(pyatspi.STATE_CHECKED), "Application credential to be chosen")
    expires = find(window, lambda n: "toggle" in n.actions and spoken_name(n) == "Expires",
                   "the Expires switch")
    checks.count("create dialog, application credential", window)
    expires.doActionNamed("toggle")
    find(window, lambda n: n.name == "Expiry date", "the calendar")
    checks.count("create dialog, with its calendar", window)
    click(window, "Cancel")
    gone(app, "New Access Key")


def dialog_in(app, named):
    """A dialog whose name passes named: its own window (libadwaita 1.2), or
    inside the main window (1.5 and later: AdwAlertDialog, AdwAboutDialog)."""
    for window in app.app.children:
        if window.name != "Access Keys" and named(window.name or ""):
            return window
    return app.frame.findChild(lambda n: n.roleName in DIALOG_ROLES and named(n.name or ""),
                               retry=False, requireResult=False)


def delete_question(app):
    for key in ("access key AKIA9B1D3F5E7A2C4E61", "ci-deploy"):
        click(app.frame, "Actions for " + key)
        item = wait_for(lambda: next((n for n in menu_items(app)
                                      if spoken_name(n) == "Delete…"), None),
                        "Delete… in the menu of " + key)
        item.doActionNamed("click")
        window = wait_for(lambda: dialog_in(app, lambda name: name.startswith("Delete")),
                          "the question to delete " + key)
        checks.count("delete question (%s)" % key, window)
        click(window, "Cancel")
        wait_for(lambda: dialog_in(app, lambda name: name.startswith("Delete")) is None,
                 "the question to close")


def replace_key(app):
    """Replace…'s three steps, on alice's own application credential."""
    click(app.frame, "Actions for nightly-backup")
    item = wait_for(lambda: next((n for n in menu_items(app)
                                  if spoken_name(n) == "Replace…"), None),
                    "Replace… in the menu of nightly-backup")
    item.doActionNamed("click")
    window = dialog_named(app, "Replace Application Credential")
    checks.count("replace dialog, what will happen", window)
    expires = find(window, lambda n: "toggle" in n.actions
                   and spoken_name(n) == "New Expiry Date", "the New Expiry Date switch")
    expires.doActionNamed("toggle")
    find(window, lambda n: n.name == "Expiry date", "the calendar")
    checks.count("replace dialog, with its calendar", window)
    click(window, "Create New Key")
    button(window, "Copy Secret")
    checks.count("replace dialog, the new secret", window)
    click(window, "Next")
    button(window, "Keep Both for Now")
    # The question is checked as a person sees it, once the secret's page has
    # slid away (mid-slide, both pages are in the tree).
    wait_for(lambda: not window.findChild(lambda n: n.name == "Copy Secret" and n.showing,
                                          retry=False, requireResult=False),
             "the new secret's page to slide away")
    checks.count("replace dialog, delete the old key?", window)
    click(window, "Keep Both for Now")
    gone(app, "Replace Application Credential")


def window_from_action(app, action, title):
    app.frame.doActionNamed(action)
    window = wait_for(lambda: next((w for w in app.app.children if w.name == title), None),
                      "the “%s” window" % title)
    checks.count(title, window)
    window.doActionNamed("window.close")
    gone(app, title)


def history(app):
    window_from_action(app, "win.show-history", "History")


def history_with_entries(app):
    """The demo's History with a few changes in it, in an app of its own."""
    other = demo_app("history")
    try:
        window = wait_for(lambda: toplevel(other.app, "History"), "the History window")
        table = find(window, lambda n: n.roleName == "tree table", "the History's list")
        wait_for(lambda: len(table.findChildren(lambda n: n.roleName == "table row")) > 1,
                 "the History's rows")
        checks.count("History, with changes", window)
    finally:
        other.stop()


def in_chinese(app):
    """Where a mnemonic is written after the word, "取消(_C)": GTK 4.8 said
    "取消(_C) 取消(C)"."""
    other = demo_app("create", language="zh_CN")
    try:
        wait_for(lambda: len(other.app.children) > 1, "the create dialog")
        for window in other.app.children:
            checks.count("in Chinese: " + window.name, window)
    finally:
        other.stop()


def recently_deleted(app):
    window_from_action(app, "win.show-recently-deleted", "Recently Deleted")


def shortcuts(app):
    window_from_action(app, "win.show-help-overlay", "Keyboard Shortcuts")


def about(app):
    click(app.frame, "Main Menu")
    item = wait_for(lambda: next((n for n in menu_items(app)
                                  if spoken_name(n).startswith("About")), None),
                    "About in the main menu")
    item.doActionNamed("click")
    about = lambda: dialog_in(app, lambda name: name.startswith("About"))  # noqa: E731
    window = wait_for(about, "the About window")
    checks.count("about window", window)
    if "window.close" in window.actions:
        window.doActionNamed("window.close")
    else:
        # AdwAboutDialog, inside the main window: Escape closes it, as
        # a person would.
        give_focus(app, "Access Keys")
        xdotool("key", "--clearmodifiers", "Escape")
    wait_for(lambda: about() is None, "the About window to close")


STEPS = [
    ("the main window and its menus", main_window),
    ("the main window in selection mode", selection_mode),
    ("the keys sorted from the Sort menu", sort_menu),
    ("the details pane", details_pane),
    ("the add-account dialog, its password and secret", add_account),
    ("the create dialog and its calendar", create_key),
    ("the delete question", delete_question),
    ("the History window", history),
    ("the History window with changes in it", history_with_entries),
    ("the Recently Deleted window", recently_deleted),
    ("the main window and the create dialog in Chinese", in_chinese),
    ("the shortcuts window", shortcuts),
    ("the replace dialog's steps", replace_key),
    ("the About window", about),
]


def main():
    print("1..%d" % (len(STEPS) + 1), flush=True)
    app = demo_app("keys")
    failed = 0
    try:
        for number, (name, step) in enumerate(STEPS, 1):
            before = len(checks.problems)
            try:
                step(app)
                ok = True
            except Exception:
                # On stderr too: meson shows a failing test's stderr, not its TAP.
                for line in traceback.format_exc().splitlines():
                    print("# " + line)
                    print("# " + line, file=sys.stderr)
                if os.environ.get("AK_A11Y_DUMP"):
                    dump(app.app)
                ok = False
            for problem in checks.problems[before:]:
                print("# " + problem)
                print("# %s: %s" % (name, problem), file=sys.stderr)
            ok = ok and len(checks.problems) == before
            failed += not ok
            print("%s %d - %s" % ("ok" if ok else "not ok", number, name), flush=True)
    finally:
        app.stop()
    total = sum(n for _, n in checks.counts)
    log("%d controls checked in %d windows, menus and states; %d problems"
        % (total, len(checks.counts), len(checks.problems)))
    ok = total > 0 and app.proc.returncode in (0, -15)
    print("%s %d - the app lived and controls were checked (%d)"
          % ("ok" if ok else "not ok", len(STEPS) + 1, total), flush=True)
    return 1 if failed or not ok else 0


if __name__ == "__main__":
    run_tap(main)
