#!/usr/bin/env python3
"""Runs a command and prints what it did, for FileCheck, in a fixed order:

    <its stdout, verbatim>
    stderr: <each line of its stderr>
    exit: <its exit status>

and exits 0 whatever the command did (so `not` is never needed), except when
the command was killed by a signal, which always fails the test. The prefix
lets a test assert exactly what went to stderr, e.g. that a bad input gives
one line and no stack trace:

    RUN: %python %S/Inputs/status.py %memreview nosuch.cpp \\
    RUN:   | FileCheck %s --implicit-check-not=stderr: --check-prefix=MISSING
    MISSING: stderr: memreview: error: no such file: 'nosuch.cpp'
    MISSING-NEXT: exit: 2

Options before the command:
    --in-fresh-dir FILE   copy FILE into a new empty temporary directory and
                          run the command there (to test what happens when no
                          compile_commands.json exists above a file; the
                          temporary directory of lit tests is inside the build
                          tree, which has one).
"""
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    args = sys.argv[1:]
    copies = []
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if option == "--":
            break
        if option == "--in-fresh-dir":
            copies.append(args.pop(0))
        else:
            sys.exit("status.py: unknown option %s" % option)
    if not args:
        sys.exit("status.py: no command")

    cwd = None
    if copies:
        cwd = tempfile.mkdtemp(prefix="memreview-lit-")
        for path in copies:
            shutil.copy(path, cwd)
    try:
        proc = subprocess.run(args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, cwd=cwd)
    finally:
        if cwd:
            shutil.rmtree(cwd, ignore_errors=True)

    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    sys.stdout.write(out)
    if out and not out.endswith("\n"):
        sys.stdout.write("\n")
    for line in err.splitlines():
        sys.stdout.write("stderr: " + line + "\n")
    if proc.returncode < 0:
        sys.stdout.write("killed by signal %d\n" % -proc.returncode)
        sys.exit(1)
    sys.stdout.write("exit: %d\n" % proc.returncode)


if __name__ == "__main__":
    main()
