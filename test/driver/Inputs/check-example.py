#!/usr/bin/env python3
"""Keeps the example project, its README and memreview's output in agreement.

    check-example.py <project dir> <README.md> <memreview stdout>

- Every '// MISTAKE(<check>): ...' comment of the project marks the first
  line after it that is not a comment.
- Every row of the README's table names such a line: | `src/f.cpp:12` |
  `<check>` | ... | yes ... | (the last column starts with 'yes' when
  memreview finds the mistake today, 'no' otherwise).
- The warnings of memreview are exactly the rows marked 'yes'.

Prints one line per disagreement and exits 1, or prints a summary line.
"""
import os
import re
import sys


def markers(project):
    found = set()
    for root, _, files in os.walk(project):
        for name in sorted(files):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(root, name)
            lines = open(path, encoding="utf-8").read().split("\n")
            for index, line in enumerate(lines):
                match = re.search(r"// MISTAKE\(([\w-]+)\)", line)
                if not match:
                    continue
                target = index + 1
                while target < len(lines) and \
                        lines[target].strip().startswith("//"):
                    target += 1
                rel = os.path.relpath(path, project)
                found.add((rel, target + 1, match.group(1)))
    return found


def readme_rows(readme):
    rows = {}
    row = re.compile(r"^\|\s*`([^`:]+):(\d+)`\s*\|\s*`([\w-]+)`\s*\|"
                     r".*\|\s*(yes|no)\b[^|]*\|\s*$")
    for line in open(readme, encoding="utf-8"):
        match = row.match(line.strip())
        if match:
            key = (match.group(1), int(match.group(2)), match.group(3))
            rows[key] = match.group(4) == "yes"
    return rows


def findings(output, project):
    found = set()
    warning = re.compile(r"^(.*?):(\d+):\d+: warning: .* \[([\w.-]+)\]$")
    real_project = os.path.realpath(project)
    for line in open(output, encoding="utf-8"):
        match = warning.match(line.rstrip("\n"))
        if not match:
            continue
        rel = os.path.relpath(os.path.realpath(match.group(1)), real_project)
        found.add((rel, int(match.group(2)), match.group(3)))
    return found


def show(key):
    return "%s:%d [%s]" % key


def main():
    project, readme, output = sys.argv[1:4]
    marked = markers(project)
    rows = readme_rows(readme)
    reported = findings(output, project)
    expected = {key for key, found_today in rows.items() if found_today}
    problems = []
    for key in sorted(marked - set(rows)):
        problems.append("marked in the source, missing from %s: %s"
                        % (readme, show(key)))
    for key in sorted(set(rows) - marked):
        problems.append("listed in %s, no MISTAKE marker there: %s"
                        % (readme, show(key)))
    for key in sorted(reported - expected):
        problems.append("reported by memreview, not marked 'yes' in %s: %s"
                        % (readme, show(key)))
    for key in sorted(expected - reported):
        problems.append("marked 'yes' in %s, not reported by memreview: %s"
                        % (readme, show(key)))
    if not marked:
        problems.append("no MISTAKE marker found under %s" % project)
    for problem in problems:
        print("check-example: " + problem)
    if problems:
        sys.exit(1)
    print("check-example: %d mistakes, %d found today; source, README and "
          "findings agree" % (len(marked), len(expected)))


if __name__ == "__main__":
    main()
