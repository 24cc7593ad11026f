#!/usr/bin/env python3
"""Checks that stdin holds GitHub Actions workflow commands as GitHub parses
them, and prints each one decoded, for FileCheck:

    ::warning file=F,line=L,col=C,endLine=E,endColumn=N,title=T::MESSAGE

A command is '::<name> <key>=<value>,...::<data>' on one line. In the data,
'%', CR and LF are escaped as %25, %0D and %0A; in property values also ':'
and ',' (%3A, %2C). Anything else that is not escaped where it must be, an
unknown command or property, or a malformed escape, is reported and the
script exits 1. The decoded output is

    <name>: file=<f> line=<l> col=<c> endLine=<e> endColumn=<n> title=<t>
      | <each line of the message>
"""
import re
import sys

COMMANDS = {"error", "warning", "notice"}
PROPERTIES = ["file", "line", "col", "endLine", "endColumn", "title"]


def unescape(text, is_property):
    allowed = {"%25": "%", "%0D": "\r", "%0A": "\n"}
    if is_property:
        allowed.update({"%3A": ":", "%2C": ","})
    out, i = "", 0
    while i < len(text):
        if text[i] == "%":
            code = text[i:i + 3]
            if code not in allowed:
                raise ValueError("bad escape %r" % code)
            out += allowed[code]
            i += 3
        else:
            out += text[i]
            i += 1
    return out


def main():
    failed = False
    for number, line in enumerate(sys.stdin.read().split("\n"), 1):
        if not line:
            continue
        match = re.match(r"^::([a-z]+)(?: ([^:]*))?::(.*)$", line)
        try:
            if not match or match.group(1) not in COMMANDS:
                raise ValueError("not a workflow command")
            name, props, data = match.groups()
            fields = {}
            for item in (props or "").split(","):
                key, sep, value = item.partition("=")
                if not sep or key not in PROPERTIES or key in fields:
                    raise ValueError("bad property %r" % item)
                fields[key] = unescape(value, True)
            for key in ("line", "col", "endLine", "endColumn"):
                if key in fields and not fields[key].isdigit():
                    raise ValueError("%s is not a number" % key)
            message = unescape(data, False)
        except ValueError as e:
            print("error: line %d: %s: %s" % (number, e, line))
            failed = True
            continue
        print("%s: %s" % (name, " ".join(
            "%s=%s" % (key, fields[key]) for key in PROPERTIES
            if key in fields)))
        for text in message.split("\n"):
            print("  | " + text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
