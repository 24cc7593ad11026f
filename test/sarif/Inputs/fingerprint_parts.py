#!/usr/bin/env python3
"""Recomputes the fingerprints of a memreview SARIF log from the recipe of
docs/fingerprints.md, to show which enclosing definition each one names.

    fingerprint_parts.py LOG SOURCE_ROOT NAMES

NAMES is a file of candidate qualified names, one a line. For each result
the script hashes the documented parts with each candidate, and with the
empty name, and prints

    result: <rule> <path>:<line> enclosing=<the candidate that reproduces
                                          the hash, or '' for the empty one>
      occurrence: <n>

or 'enclosing=?' when none does (the scheme and the docs disagree, or the
name is not among the candidates). It exits 1 when a fingerprint is not
'<32 hex digits>:<n>'.
"""
import hashlib
import json
import re
import sys

KEY = "memreview/v2"


def normalise(line):
    return " ".join(line.split())


def main():
    log_path, root, names_path = sys.argv[1:4]
    with open(names_path, encoding="utf-8") as f:
        candidates = [""] + [line.rstrip("\n") for line in f if line.strip()]
    with open(log_path, encoding="utf-8") as f:
        log = json.load(f)
    status = 0
    for result in log["runs"][0].get("results", []):
        location = result["locations"][0]["physicalLocation"]
        path = location["artifactLocation"]["uri"]
        line = location["region"]["startLine"]
        with open("%s/%s" % (root, path), encoding="utf-8") as f:
            lines = f.read().split("\n")
        around = [lines[n - 1] if 1 <= n <= len(lines) else ""
                  for n in (line - 1, line, line + 1)]
        printed = result["partialFingerprints"][KEY]
        match = re.fullmatch(r"([0-9a-f]{32}):([1-9][0-9]*)", printed)
        if not match:
            print("error: malformed fingerprint %s" % printed)
            status = 1
            continue
        found = "?"
        for name in candidates:
            text = "".join(part + "\n" for part in
                           [KEY, result["ruleId"], path, name] +
                           [normalise(l) for l in around])
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
            if digest == match.group(1):
                found = "'%s'" % name
                break
        print("result: %s %s:%d enclosing=%s" % (result["ruleId"], path, line,
                                                 found))
        print("  occurrence: %s" % match.group(2))
    return status


if __name__ == "__main__":
    sys.exit(main())
