#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a validator and fail on anything it reports.

Usage: check-validate.py [--allow TAG]... [--expect TEXT]... [--expect-re REGEX]...
                         -- FILE COMMAND...

Runs COMMAND... FILE. Fails when the command exits non-zero, and also when it
prints any finding at all (desktop-file-validate's hints, appstreamcli's
infos), except appstreamcli findings that --allow names: a tag, or a tag and
the start of its detail ("unknown-tag developer"); `validate --strict` exiting
3 for nothing but allowed findings is no failure. Each
--expect TEXT must occur in FILE (to check that translations were merged);
--expect-re REGEX likewise, where tools differ in how they write it (gettext
0.21 merges xml:lang="zh_CN", 0.23 xml:lang="zh-Hans-CN").
"""

import re
import subprocess
import sys

# appstreamcli prints "I: component-id:line: tag detail"; the summary line starts with ✔/✘.
ASCLI_FINDING = re.compile(r'^([EWIP]): [^:]+:[^ ]*: (\S.*)$')
# appstreamcli's exit status when validation fails.
ASCLI_FAILED = 3


def main(argv):
    allowed, expected, expected_re = set(), [], []
    args = argv[1:]
    while args and args[0] != '--':
        if args[0] == '--allow' and len(args) > 1:
            allowed.add(args[1])
        elif args[0] == '--expect' and len(args) > 1:
            expected.append(args[1])
        elif args[0] == '--expect-re' and len(args) > 1:
            expected_re.append(args[1])
        else:
            print(__doc__, file=sys.stderr)
            return 2
        args = args[2:]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, command = args[1], args[2:]

    run = subprocess.run(command + [path], capture_output=True, text=True)
    output = (run.stdout + run.stderr).strip()
    print(f'$ {" ".join(command)} {path}\n{output}' if output else f'$ {" ".join(command)} {path}')
    failures, allowed_seen = [], 0
    for line in output.splitlines():
        if not line.strip() or line.startswith((' ', '\t')):
            continue  # blank, or the detail of the finding above
        line = line.strip()
        if line.startswith(('✔', '✘')):
            continue
        match = ASCLI_FINDING.match(line)
        if match and any(match.group(2) == a or match.group(2).startswith(a + ' ')
                         for a in allowed):
            allowed_seen += 1
            continue
        if match or ': hint:' in line or ': warning:' in line or ': error:' in line:
            failures.append(f'finding: {line}')
    # `appstreamcli validate --strict` exits 3 on any info, allowed ones too;
    # that exit is the verdict on findings already weighed above, so it counts
    # only when there is no other reason for it.
    strict_on_allowed = (run.returncode == ASCLI_FAILED and allowed_seen and not failures
                         and '✘ Validation failed' in output)
    if run.returncode != 0 and not strict_on_allowed:
        failures.insert(0, f'{command[0]} exited with {run.returncode}')

    with open(path, encoding='utf-8') as f:
        content = f.read()
    for text in expected:
        if text not in content:
            failures.append(f'{path} does not contain {text!r}')
    for pattern in expected_re:
        if not re.search(pattern, content):
            failures.append(f'{path} has nothing that matches {pattern!r}')

    for failure in failures:
        print('FAIL:', failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
