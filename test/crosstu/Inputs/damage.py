#!/usr/bin/env python3
"""Damages a summary database for the tests of corrupt databases.

  damage.py entry DB NAME MODE   the entry of the function whose USR contains
                                 NAME (exactly one must match)
  damage.py unit DB FILE MODE    the manifest of the unit whose main file ends
                                 with FILE

MODE: 'truncate' keeps the first half of the file; 'garbage' replaces it
with bytes that are not JSON; 'wrong' replaces it with a JSON object of
another shape. Prints nothing; fails when no file or several match.
"""
import glob
import json
import os
import sys


def find(db, kind, name):
    matches = []
    if kind == "entry":
        for path in glob.glob(os.path.join(db, "functions", "*", "*.json")):
            with open(path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
            try:
                usr = json.loads(text).get("usr", "")
            except ValueError:
                continue  # damaged already
            if name in usr:
                matches.append(path)
    else:
        for path in glob.glob(os.path.join(db, "units", "*.json")):
            with open(path) as f:
                if json.load(f).get("file", "").endswith("/" + name):
                    matches.append(path)
    if len(matches) != 1:
        sys.exit("damage.py: %d %s files match '%s'" % (len(matches), kind, name))
    return matches[0]


def main():
    kind, db, name, mode = sys.argv[1:5]
    path = find(db, kind, name)
    with open(path, "rb") as f:
        data = f.read()
    if mode == "truncate":
        data = data[: len(data) // 2]
    elif mode == "garbage":
        data = b"\x00\xff not json {{{\n"
    elif mode == "wrong":
        data = b'{"usr": 42, "summary": []}\n'
    else:
        sys.exit("damage.py: unknown mode " + mode)
    # Keep the size and time of the file otherwise as they were: only the
    # contents are damaged.
    stat = os.stat(path)
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


if __name__ == "__main__":
    main()
