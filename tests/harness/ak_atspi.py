# SPDX-License-Identifier: GPL-3.0-or-later
"""Driving the real app through AT-SPI, as a person with a screen reader
would, for the scripts that do so (tests/e2e/e2e.py, tests/e2e/sign-in-loop.py,
tests/a11y/a11y.py): dogtail's settings, the app as a process, waiting for
what the app shows, and real key presses through the X server.

Imported by those scripts from this folder; run under run-headless.sh with
RUN_HEADLESS_A11Y=1 (and RUN_HEADLESS_XDOTOOL=1 for key presses)."""

import os
import subprocess
import sys
import time
import traceback

from dogtail.config import config

config.checkForA11y = False        # GTK 4 ignores the GSettings switch dogtail looks at
config.logDebugToFile = False
config.logDebugToStdOut = False
config.searchCutoffCount = 20
config.searchBackoffDuration = 0.25
config.actionDelay = 0.1
config.defaultDelay = 0.1
config.typingDelay = 0.02

import pyatspi  # noqa: E402
from dogtail import tree  # noqa: E402
from gi.repository import GLib  # noqa: E402

TIMEOUT = 30.0
T0 = time.time()
RUNNING = []  # the Apps being driven, to notice when one dies

# AT-SPI's names for buttons: "push button" on Debian 12 (GTK 4.8 exports
# toggle buttons as push buttons too), "button" and "toggle button" on
# Debian 13.
BUTTON_ROLES = ("push button", "button", "toggle button")
# A dialog: its own window ("dialog") on libadwaita 1.2; on 1.5 and later an
# AdwAlertDialog inside the main window.
DIALOG_ROLES = ("dialog", "alert", "alert dialog")


def log(msg):
    """A TAP comment, with the seconds since the script started."""
    text = "%6.2fs %s" % (time.time() - T0, msg)
    print("".join("# " + line + "\n" for line in text.splitlines()), end="", flush=True)


def wait_for(cond, what, timeout=TIMEOUT):
    """cond()'s first true value; fails after timeout seconds, or at once
    when the app being driven has died."""
    end = time.time() + timeout
    while True:
        for app in RUNNING:
            if app.proc.poll() is not None:
                raise AssertionError("the app exited (status %s) while waiting for %s"
                                     % (app.proc.returncode, what))
        try:
            value = cond()
        except GLib.Error as error:
            # A widget went while its node was read (a list reloading):
            # look again.
            log("looking again for %s: %s" % (what, error.message))
            value = None
        if value:
            return value
        if time.time() > end:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.1)


class App:
    """The program argv, started with criticals fatal, and found on the
    accessibility bus with its main window (its first frame). Not
    warnings: GTK 4.8 warns when AT-SPI asks for screen coordinates, which
    X11 cannot give."""

    def __init__(self, argv, env=None):
        env = dict(os.environ, **(env or {}), G_DEBUG="gc-friendly,fatal-criticals")
        self.proc = subprocess.Popen(argv, env=env)
        RUNNING.append(self)
        self.app = wait_for(lambda: next((a for a in tree.root.applications()
                                          if a.get_process_id() == self.proc.pid), None),
                            "the app on the accessibility bus")
        self.frame = wait_for(lambda: next((w for w in self.app.children
                                            if w.roleName == "frame"), None),
                              "the main window")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self in RUNNING:
            RUNNING.remove(self)


def toplevel(app, name):
    """The window named name of the application node app, or None."""
    return next((w for w in app.children if w.name == name), None)


def spoken_name(node):
    """The name a screen reader says: the node's own, or that of the
    widgets it is labelled by (GTK 4.18 names its menu items only that
    way)."""
    if node.name:
        return node.name
    names = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            names += [relation.getTarget(i).name or ""
                      for i in range(relation.getNTargets())]
    return " ".join(n for n in names if n)


def dump(node, depth=0):
    """The tree under node, as TAP comments: for a failure's log."""
    print("# " + "  " * depth + "%s %r %r %s" % (node.roleName, node.name, node.description,
                                                 list(node.actions)))
    for child in node.children:
        dump(child, depth + 1)


# Real key presses --------------------------------------------------------------
# GTK 4.8 cannot synthesise a key press in-process, and AT-SPI's own key
# events do not reach GTK 4. xdotool sends them through the X server's XTEST
# extension, as a keyboard does: they go to the window with the X input focus.
# Xvfb runs no window manager, so the scripts give the focus as one would: to
# a window when it opens, back to the main window when a dialog closes.

def xdotool(*args, check=True):
    try:
        done = subprocess.run(("xdotool",) + args, capture_output=True, text=True,
                              timeout=30)
    except FileNotFoundError:
        raise AssertionError("xdotool is missing: install it with build-aux/install-deps.sh") \
            from None
    if check and done.returncode != 0:
        raise AssertionError("xdotool %s failed: %s" % (" ".join(args), done.stderr.strip()))
    return done.stdout


def press(*keys):
    """Presses each key (an X keysym, with modifiers: "ctrl+f") and lets it go."""
    xdotool("key", "--clearmodifiers", *keys)


def give_focus(app, title, window=None):
    """The X input focus to the app's shown window titled title. The X
    server sends GTK the focus before any key pressed after it; with window,
    its node, this also waits until the window says it is active (GTK 4.8
    does not say so of a dialog)."""
    def x_window():
        shown = xdotool("search", "--onlyvisible", "--pid", str(app.proc.pid),
                        check=False).split()
        found = [w for w in shown if xdotool("getwindowname", w, check=False) == title + "\n"]
        return found[0] if len(found) == 1 else None
    xdotool("windowfocus", "--sync", wait_for(x_window, "the X window of “%s”" % title))
    if window is not None:
        wait_for(lambda: window.getState().contains(pyatspi.STATE_ACTIVE),
                 "“%s” to be the active window" % title)


def run_tap(main):
    """Exits with main()'s status; if setting up fails before any test
    ran, says so in TAP, where meson shows it (dogtail keeps the default
    traceback out of sight)."""
    try:
        sys.exit(main())
    except Exception:
        print("Bail out! setting up failed")
        for line in traceback.format_exc().splitlines():
            print("# " + line)
        sys.exit(1)
