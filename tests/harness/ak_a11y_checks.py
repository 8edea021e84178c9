# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader must find in the app, checked over the AT-SPI tree
of a window: every actionable control named once, and no hidden entry that
gives back what was typed into it. Used by tests/a11y/a11y.py (every window
and dialog of ak-ui-demo) and tests/e2e/e2e.py (the real app, signed in to
the real Keystone)."""

import re

import pyatspi
from gi.repository import GLib

from ak_atspi import log, spoken_name, wait_for

# What a person acts on. GTK 4.8 exports toggle buttons as push buttons and
# switches as check boxes; Debian 13's AT-SPI says "button", "toggle button",
# "switch".
ACTIONABLE = {
    "push button", "button", "toggle button", "check box", "radio button", "switch",
    "toggle switch", "menu item", "check menu item", "radio menu item", "text", "entry",
    "password text", "spin button", "combo box", "list item", "table row", "page tab",
    "link", "tree item", "slider",
}
# GTK 4.8 names a widget that has no name after its type: "GtkImage".
TYPE_NAME = re.compile(r"^(Gtk|Adw|Ak)[A-Z][A-Za-z]+$")
MNEMONIC = re.compile(r"_[^\W_]")
# A secret typed into every field; its characters are not those of any label.
SECRET = "Zq9#secret-Wx7"
DOTS = set("●•*∗⬤")


def name_problem(name):
    """What is wrong with a control's spoken name, or None."""
    if not name.strip():
        return "has no name"
    if TYPE_NAME.match(name):
        return "has no name (GTK says its type, “%s”)" % name
    words = [w.replace("_", "") for w in name.split()]
    half = len(words) // 2
    if words and len(words) % 2 == 0 and words[:half] == words[half:]:
        return "says its name twice: “%s”" % name
    if MNEMONIC.search(name):
        return "has the mnemonic's underscore in its name: “%s”" % name
    return None


def describe(node):
    """Where node is, by the named nodes around it, for a problem's sentence."""
    path = []
    while node is not None and node.roleName not in ("frame", "dialog", "window", "application"):
        if node.name:
            path.append("%s “%s”" % (node.roleName, node.name))
        node = node.parent
    return " in ".join(path[:3]) or "?"


def torn_down(node):
    """Whether node is the remnant of a widget being destroyed: while a page
    slides away, GTK 4.18 keeps answering for the nodes of the widgets it
    tears down, with no name, under parents that hold no child any more (so
    that no walk from the window reaches them again). Not the test of a
    node's index among its parent's children: GTK 4.8 gets those wrong for
    the live nodes of a stack's hidden pages."""
    try:
        parent = node.parent
        return parent is None or parent.childCount == 0
    except GLib.Error:
        return True


def line_at_start(text):
    """The first line of a Text, as the toolkit lets a screen reader ask:
    GetStringAtOffset (GTK 4.14 and later refuse the older GetTextAtOffset),
    else GetTextAtOffset (GTK 4.8 has only that)."""
    try:
        return text.getStringAtOffset(0, pyatspi.TEXT_GRANULARITY_LINE)[0]
    except GLib.Error:
        return text.getTextAtOffset(0, pyatspi.TEXT_BOUNDARY_LINE_START)[0]


def readbacks(node):
    """Everything the Text interface gives of node's text, by every method
    the toolkit answers."""
    text = node.queryText()
    n = text.characterCount
    reads = [text.getText(0, -1), text.getText(0, n), text.getText(0, n + 10)]
    reads.append("".join(chr(text.getCharacterAtOffset(i) or 32) for i in range(n)))
    for granularity in (pyatspi.TEXT_GRANULARITY_LINE, pyatspi.TEXT_GRANULARITY_WORD):
        try:
            reads.append(text.getStringAtOffset(0, granularity)[0])
        except GLib.Error:
            pass       # GTK 4.8 has no GetStringAtOffset
    for boundary in (pyatspi.TEXT_BOUNDARY_LINE_START, pyatspi.TEXT_BOUNDARY_WORD_START):
        try:
            reads.append(text.getTextAtOffset(0, boundary)[0])
        except GLib.Error:
            pass       # GTK 4.14 and later: deprecated, refused
    return reads


class Checks:
    """The controls checked, window by window, and the problems found, each
    a sentence."""

    def __init__(self):
        self.counts = []     # (window, controls checked)
        self.problems = []   # sentences

    def walk(self, window, where=None):
        """Checks every actionable control under window; returns how many."""
        checked = 0
        stack = [window]
        while stack:
            node = stack.pop()
            try:
                role = node.roleName
                children = list(node.children)
            except GLib.Error:
                continue
            stack.extend(reversed(children))
            if role not in ACTIONABLE:
                continue
            checked += 1
            problem = name_problem(spoken_name(node))
            if problem and torn_down(node):
                log("%s: a %s no longer in the tree, not counted" % (where or window.name, role))
                checked -= 1
            elif problem:
                self.problems.append("%s: a %s (%s) %s" % (where or window.name, role,
                                                            describe(node.parent), problem))
        return checked

    def count(self, what, node):
        n = self.walk(node, what)
        self.counts.append((what, n))
        log("%s: %d controls checked" % (what, n))

    def total(self):
        return sum(n for _, n in self.counts)

    def check_entries(self, what, window):
        """Types SECRET into every entry of window and reads it back as a
        screen reader can. Returns the number of hidden entries."""
        hidden = 0
        plain = 0
        entries = window.findChildren(lambda n: n.roleName in ("text", "entry", "password text")
                                      and "EditableText" in n.get_interfaces()
                                      and n.getState().contains(pyatspi.STATE_EDITABLE))
        for node in entries:
            assert node.queryEditableText().setTextContents(SECRET), \
                "“%s” refused the text" % node.name
            text = node.queryText()
            wait_for(lambda: text.characterCount == len(SECRET),
                     "“%s” to take the text" % node.name)
            shown = line_at_start(text)
            reads = readbacks(node)
            if node.roleName == "password text" or (shown and set(shown) <= DOTS):
                hidden += 1
                leaked = [r for r in reads if any(part in r for part in (SECRET, SECRET[:5]))]
                if leaked:
                    self.problems.append("%s: the hidden entry “%s” gives back the text typed "
                                         "into it through AT-SPI" % (what, node.name))
            else:
                plain += 1
                # A field that is not hidden reads back whole, as a screen
                # reader asks for it: this is how a leak would show.
                assert text.getText(0, len(SECRET)) == SECRET, \
                    "%s: the entry “%s” does not read back what was typed: %r" % (
                        what, node.name, reads)
            node.queryEditableText().setTextContents("")
        log("%s: %d hidden and %d plain entries read back" % (what, hidden, plain))
        return hidden
