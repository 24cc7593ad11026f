#!/usr/bin/env python3
"""Fails when a lit test writes a SARIF log that it does not validate: every
'--sarif=<path>' and every '--format=sarif ... > <path>' of a RUN line needs a
'%sarif_validate' of the same path in the same test, or a 'diff' of it against
one that is validated. A test that expects a log not to be written (an
unwritable path) says so: '# SARIF-NOT-WRITTEN: <path>'.

    every_log_validated.py <test dir>...
"""
import os
import re
import sys


def main():
    problems = []
    for top in sys.argv[1:]:
        for directory, _, names in os.walk(top):
            if "Inputs" in directory.split(os.sep):
                continue
            for name in sorted(names):
                if not name.endswith((".test", ".cpp")):
                    continue
                path = os.path.join(directory, name)
                runs = [line.split("RUN:", 1)[1] for line in open(path)
                        if "RUN:" in line]
                text = "\n".join(runs)
                written = set(re.findall(r"--sarif=(\S+)", text))
                for run in runs:
                    if "--format=sarif" in run:
                        written.update(re.findall(r">\s*(\S+\.sarif)", run))
                validated = set(re.findall(r"SARIF-NOT-WRITTEN:\s*(\S+)",
                                           open(path).read()))
                for run in runs:
                    if "%sarif_validate" in run:
                        validated.update(run.split("%sarif_validate", 1)[1]
                                         .split())
                for run in runs:
                    m = re.match(r"\s*diff (\S+) (\S+)", run)
                    if m and (m.group(1) in validated or
                              m.group(2) in validated):
                        validated.update(m.groups())
                for log in sorted(written - validated):
                    problems.append("%s: writes %s without validating it"
                                    % (path, log))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
