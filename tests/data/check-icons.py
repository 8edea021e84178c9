#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the app icons.

Usage: check-icons.py SCALABLE_SVG SYMBOLIC_SVG

Both parse as SVG. The full-colour icon is drawn on the 128×128 grid of the
GNOME icon guidelines. The symbolic one is 16×16 and single-colour #2e3436,
which GTK recolours to the text colour: any other colour, a gradient or an
image would stay as drawn.
"""

import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
SYMBOLIC_COLOUR = '#2e3436'
PAINT_ATTRS = ('fill', 'stroke', 'stop-color', 'color')


def parse(path, failures):
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        failures.append(f'{path}: does not parse as XML: {e}')
        return None
    if root.tag != SVG + 'svg':
        failures.append(f'{path}: the root element is {root.tag}, not an SVG <svg>')
        return None
    return root


def size(root):
    box = root.get('viewBox', '').replace(',', ' ').split()
    return root.get('width'), root.get('height'), box


def paints(element):
    """Every colour an element paints with, from attributes and style."""
    found = [element.get(a) for a in PAINT_ATTRS if element.get(a)]
    for decl in element.get('style', '').split(';'):
        if ':' in decl:
            name, value = (s.strip() for s in decl.split(':', 1))
            if name in PAINT_ATTRS:
                found.append(value)
    return found


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    scalable, symbolic = argv[1], argv[2]
    failures = []

    root = parse(scalable, failures)
    if root is not None:
        width, height, box = size(root)
        if box != ['0', '0', '128', '128']:
            failures.append(f'{scalable}: viewBox is {box}, expected 0 0 128 128')
        if (width, height) != ('128', '128'):
            failures.append(f'{scalable}: size is {width}×{height}, expected 128×128')
        if len(list(root.iter())) < 5:
            failures.append(f'{scalable}: holds almost nothing to draw')

    root = parse(symbolic, failures)
    if root is not None:
        width, height, box = size(root)
        if (width, height) != ('16', '16'):
            failures.append(f'{symbolic}: size is {width}×{height}, expected 16×16')
        if box and box != ['0', '0', '16', '16']:
            failures.append(f'{symbolic}: viewBox is {box}, expected 0 0 16 16')
        shapes = 0
        for element in root.iter():
            tag = element.tag.replace(SVG, '')
            if tag in ('linearGradient', 'radialGradient', 'image', 'pattern', 'filter'):
                failures.append(f'{symbolic}: has a <{tag}>, which cannot be recoloured')
            if tag in ('path', 'rect', 'circle', 'ellipse', 'polygon'):
                shapes += 1
            for paint in paints(element):
                if paint.lower() not in (SYMBOLIC_COLOUR, 'none'):
                    failures.append(f'{symbolic}: <{tag}> paints with {paint}, '
                                    f'expected only {SYMBOLIC_COLOUR}')
            if tag in ('path', 'rect', 'circle', 'ellipse', 'polygon') and \
                    not any(p.lower() == SYMBOLIC_COLOUR for p in paints(element)):
                failures.append(f'{symbolic}: a <{tag}> does not say its colour '
                                f'(expected fill="{SYMBOLIC_COLOUR}")')
        if shapes == 0:
            failures.append(f'{symbolic}: draws nothing')

    for failure in failures:
        print('FAIL:', failure)
    if failures:
        return 1
    print('ok: scalable icon 128×128, symbolic icon 16×16 in #2e3436')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
