#!/usr/bin/env python3
"""Checks that stdin is reviewdog's rdjsonl (one JSON `Diagnostic` per line,
reviewdog's proto/rdf/reviewdog.proto and its JSON schema) and prints each
diagnostic in short, for FileCheck:

    <SEVERITY> <code> <path>:<line>:<col>-<line>:<col> <source> <code url>
      | <each line of the message>
      suggestion <line>:<col>-<line>:<col> '<text>'

Checked: every line parses as a JSON object; it has only the fields of
Diagnostic (message, location, severity, source, code, suggestions,
original_output); message and location.path are non-empty strings; ranges
have a start with line >= 1 and optional column >= 1, an optional end not
before the start; severity is one of UNKNOWN_SEVERITY, ERROR, WARNING, INFO;
source has a name (and optional url), code a value (and optional url);
suggestions have a range and a text. Exit status 1 on any violation.
"""
import json
import sys

DIAGNOSTIC = {"message", "location", "severity", "source", "code",
              "suggestions", "original_output"}
SEVERITIES = {"UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"}


def position(value, what):
    assert isinstance(value, dict), what + " is not an object"
    assert set(value) <= {"line", "column"}, what + " has unknown fields"
    assert isinstance(value.get("line"), int) and value["line"] >= 1, \
        what + ".line"
    if "column" in value:
        assert isinstance(value["column"], int) and value["column"] >= 1, \
            what + ".column"
    return (value["line"], value.get("column", 0))


def span(value, what):
    assert isinstance(value, dict) and set(value) <= {"start", "end"}, what
    start = position(value["start"], what + ".start")
    end = position(value["end"], what + ".end") if "end" in value else start
    assert end >= start, what + " ends before it starts"
    return "%d:%d-%d:%d" % (start + end)


def describe(diagnostic):
    assert isinstance(diagnostic, dict), "not an object"
    assert set(diagnostic) <= DIAGNOSTIC, "unknown fields %s" % (
        set(diagnostic) - DIAGNOSTIC)
    assert isinstance(diagnostic.get("message"), str) and diagnostic[
        "message"], "message"
    location = diagnostic["location"]
    assert set(location) <= {"path", "range"}, "location fields"
    assert isinstance(location.get("path"), str) and location["path"], "path"
    where = location["path"]
    if "range" in location:
        where += ":" + span(location["range"], "location.range")
    severity = diagnostic.get("severity", "UNKNOWN_SEVERITY")
    assert severity in SEVERITIES, "severity %r" % severity
    source = diagnostic.get("source", {})
    assert set(source) <= {"name", "url"} and source.get("name"), "source"
    code = diagnostic.get("code", {})
    assert set(code) <= {"value", "url"} and code.get("value"), "code"
    lines = ["%s %s %s %s %s" % (severity, code["value"], where,
                                 source["name"], code.get("url", "-"))]
    lines += ["  | " + text for text in diagnostic["message"].split("\n")]
    for suggestion in diagnostic.get("suggestions", []):
        assert set(suggestion) <= {"range", "text"}, "suggestion fields"
        assert isinstance(suggestion.get("text"), str), "suggestion text"
        lines.append("  suggestion %s '%s'" % (
            span(suggestion["range"], "suggestion.range"), suggestion["text"]))
    return lines


def main():
    failed = False
    for number, line in enumerate(sys.stdin.read().split("\n"), 1):
        if not line:
            continue
        try:
            print("\n".join(describe(json.loads(line))))
        except (ValueError, AssertionError, KeyError, TypeError) as e:
            print("error: line %d: %s" % (number, e))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
