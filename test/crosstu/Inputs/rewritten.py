#!/usr/bin/env python3
"""Prints 'rewritten: <main file name>' for every unit manifest of a summary
database (<db>/units/*.json) modified after 2000-01-02, sorted by name.

Tests set the manifests' times to 2000-01-01 (touch -d) before a run of the
driver: the manifests it prints afterwards are those of the units that run
analysed (the driver writes a unit's manifest after every analysis of it, and
leaves up-to-date units alone).
"""
import json
import os
import sys

CUTOFF = 946771200  # 2000-01-02 00:00:00 UTC

units = os.path.join(sys.argv[1], "units")
names = []
for entry in os.listdir(units):
    path = os.path.join(units, entry)
    if entry.endswith(".json") and os.stat(path).st_mtime > CUTOFF:
        with open(path) as f:
            names.append(os.path.basename(json.load(f)["file"]))
for name in sorted(names):
    print("rewritten: " + name)
