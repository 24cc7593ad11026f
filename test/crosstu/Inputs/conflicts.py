#!/usr/bin/env python3
"""Prints what a summary database holds about units and conflicts:

    units: <main file names of the manifests, sorted, comma-separated>
    conflict: <usr> <main file names of the units it lists, comma-separated>

one 'conflict' line per conflict entry, sorted by USR.
"""
import glob
import json
import os
import sys

db = sys.argv[1]
units = []
for path in glob.glob(os.path.join(db, "units", "*.json")):
    with open(path) as f:
        units.append(os.path.basename(json.load(f)["file"]))
print("units: " + ",".join(sorted(units)))
conflicts = []
for path in glob.glob(os.path.join(db, "functions", "*", "*.json")):
    with open(path) as f:
        entry = json.load(f)
    if "conflict" in entry:
        names = [os.path.basename(u) for u in entry["conflict"]]
        conflicts.append("conflict: %s %s" % (entry["usr"], ",".join(names)))
for line in sorted(conflicts):
    print(line)
