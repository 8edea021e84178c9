#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sign-in, 50 times over, with a screen reader reading everything.

Each round starts the real app with fresh folders (so it opens on its first-run
page), signs the member in through the Add Account dialog with dogtail, and
waits for her key in the list, while a second client reads the whole
accessibility tree as fast as the app answers: every object's role, state,
relations, parent, index and children, and children past the last one, as a
screen reader does with a count read a moment before. Signing in closes the
dialog, so the app's window count shrinks under those questions.

This is the crash of issue 12: GTK 4.8's accessibility root answers a window
index past the visible ones with the last of the application's toplevels, and
a hidden toplevel has no object path: two criticals
(g_variant_is_object_path, from g_variant_new in GTK's root) and a SIGSEGV.
The app kept such a window (GTK's automatic help overlay) until it built its
shortcuts window only when asked for (src/ui/ak-window-actions.c,
show_help_overlay_action); with that window put back every round fails.

The app runs with criticals fatal (ak_atspi.App). A round fails when the app dies,
ends with anything but the SIGTERM this script sends, or does not show the key.
Prints TAP; AK_SIGN_IN_LOOP_COUNT sets the number of rounds."""

import os
import signal
import sys
import tempfile
import threading
import time

from gi.repository import Gio, GLib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
import e2e  # noqa: E402  (the sign-in and the Keystone helpers)
from ak_atspi import log, wait_for  # noqa: E402

COUNT = int(os.environ.get("AK_SIGN_IN_LOOP_COUNT", "50"))
ROOT = "/org/a11y/atspi/accessible/root"
ACCESSIBLE = "org.a11y.atspi.Accessible"
PROPERTIES = "org.freedesktop.DBus.Properties"


class ScreenReader(threading.Thread):
    """Reads the accessibility tree of the process pid, again and again,
    on a connection of its own, until stopped."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.stopping = threading.Event()
        self.walks = 0
        self.questions = 0
        self.gone = 0          # objects that went while being read: expected
        self.peer = None       # the app's name on the bus
        session = Gio.bus_get_sync(Gio.BusType.SESSION)
        address = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                    "GetAddress", None, GLib.VariantType("(s)"), 0,
                                    5000).unpack()[0]
        self.bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)

    def ask(self, path, interface, method, args=None):
        self.questions += 1
        return self.bus.call_sync(self.peer, path, interface, method, args, None, 0,
                                  5000).unpack()

    def read(self, path, name):
        return self.ask(path, PROPERTIES, "Get", GLib.Variant("(ss)", (ACCESSIBLE, name)))[0]

    def find_app(self):
        def dbus(method, *args):
            return self.bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                      "org.freedesktop.DBus", method,
                                      GLib.Variant("(%s)" % ("s" * len(args)), args)
                                      if args else None, None, 0, 5000).unpack()[0]
        for name in dbus("ListNames"):
            if name.startswith(":") and dbus("GetConnectionUnixProcessID", name) == self.pid:
                return name
        return None

    def windows(self):
        """The app's windows, and one past the last, as counted just now."""
        count = self.read(ROOT, "ChildCount")
        for index in (count - 1, count, count + 1):
            try:
                self.ask(ROOT, ACCESSIBLE, "GetChildAtIndex", GLib.Variant("(i)", (index,)))
            except GLib.Error:
                pass

    def walk(self, path, depth=0):
        self.windows()
        for method in ("GetRole", "GetState", "GetRelationSet", "GetIndexInParent"):
            self.ask(path, ACCESSIBLE, method)
        self.read(path, "Name")
        self.read(path, "Parent")
        count = self.read(path, "ChildCount")
        for index in range(count + 2):
            try:
                self.ask(path, ACCESSIBLE, "GetChildAtIndex", GLib.Variant("(i)", (index,)))
            except GLib.Error:
                pass       # "no child with that index": the answer GTK should give
        for _, child in self.ask(path, ACCESSIBLE, "GetChildren")[0]:
            if depth < 40 and not self.stopping.is_set():
                try:
                    self.walk(child, depth + 1)
                except GLib.Error:
                    self.gone += 1

    def run(self):
        while not self.stopping.is_set():
            try:
                if self.peer is None:
                    self.peer = self.find_app()
                else:
                    self.walk(ROOT)
                    self.walks += 1
            except GLib.Error:
                self.gone += 1

    def stop(self):
        self.stopping.set()
        self.join()


def fresh_folders():
    """Folders of its own for the next app: it starts with no account."""
    home = tempfile.mkdtemp(prefix="round-", dir=BASE)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = os.path.join(home, name.lower())
        os.makedirs(os.environ[name])


def one_round(key):
    app = e2e.start_app()
    reader = ScreenReader(app.proc.pid)
    reader.start()
    try:
        e2e.add_account(app, e2e.MEMBER, lambda: e2e.click(app.frame, "Add Account"))
        wait_for(lambda: e2e.shown_key_ids(app.frame) == [key], "the member's key")
    finally:
        reader.stop()
        app.stop()
    log("%d walks of the tree, %d questions, %d objects gone while read"
            % (reader.walks, reader.questions, reader.gone))
    status = app.proc.returncode
    assert status == -signal.SIGTERM, "the app ended with %s" % (
        signal.Signals(-status).name if status < 0 else "status %d" % status)
    assert reader.walks > 0, "the screen reader never read the whole tree"


BASE = os.environ["XDG_DATA_HOME"]


def main():
    key = e2e.create_ec2(e2e.sign_in(e2e.MEMBER), e2e.MEMBER)
    print("1..%d" % COUNT, flush=True)
    failed = 0
    for number in range(1, COUNT + 1):
        fresh_folders()
        start = time.time()
        try:
            one_round(key)
            print("ok %d - sign-in %d under a screen reader (%.1f s)"
                  % (number, number, time.time() - start), flush=True)
        except Exception as error:
            failed += 1
            print("# %s" % error)
            print("not ok %d - sign-in %d under a screen reader" % (number, number), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
