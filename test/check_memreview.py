#!/usr/bin/env python3
"""Runs memreview checks on a test file through both front ends and FileChecks
the output against the CHECK-MESSAGES / CHECK-NOTES / CHECK-FIXES lines of the
file (the format of clang-tidy's check_clang_tidy.py, written anew for
memreview).

  check_memreview.py [options] <source> <checks> <temp prefix> [-- <clang args>]

A file whose every case must stay silent says so with a line
'// EXPECT-NO-FINDINGS' instead of CHECK lines.

<checks> is a comma-separated list of check names (or globs). Both the
clang-tidy plugin (clang-tidy --load) and the memreview driver must produce
exactly the expected diagnostics: -implicit-check-not rejects any other
warning (and, with CHECK-NOTES, any other note).
"""

import argparse
import os
import re
import subprocess
import sys


def fail(message):
    sys.stderr.write("check_memreview.py: " + message + "\n")
    sys.exit(1)


def run(command, expect_codes, what):
    proc = subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    if proc.returncode not in expect_codes:
        fail("%s exited with %d (expected %s)\ncommand: %s\nstdout:\n%s\n"
             "stderr:\n%s" % (what, proc.returncode, expect_codes,
                              " ".join(command), proc.stdout, proc.stderr))
    return proc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--driver", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--headers", required=True)
    parser.add_argument("--frontend", choices=["both", "plugin", "driver"],
                        default="both")
    parser.add_argument("-check-suffix", "-check-suffixes", default="",
                        dest="suffixes")
    parser.add_argument("-config", default="{}")
    parser.add_argument("-std", default="c++17")
    parser.add_argument("source")
    parser.add_argument("checks")
    parser.add_argument("temp")
    args, extra = parser.parse_known_args()
    if extra and extra[0] == "--":
        extra = extra[1:]

    with open(args.source) as f:
        text = f.read()

    suffixes = [s for s in args.suffixes.split(",") if s]
    def prefixes(kind):
        if not suffixes:
            return ["CHECK-" + kind]
        return ["CHECK-%s-%s" % (kind, s) for s in suffixes]

    def present(kind):
        return [p for p in prefixes(kind) if re.search(re.escape(p) + r"(-NEXT|-SAME|-NOT|-DAG)?:", text)]

    messages, notes, fixes = present("MESSAGES"), present("NOTES"), present("FIXES")
    if messages and notes:
        fail("use CHECK-MESSAGES or CHECK-NOTES, not both")
    silent = "// EXPECT-NO-FINDINGS" in text
    if not (messages or notes or silent):
        fail("%s has no CHECK-MESSAGES or CHECK-NOTES line for the suffixes %r "
             "(nor an '// EXPECT-NO-FINDINGS' line): a test must assert "
             "something" % (args.source, suffixes))
    if silent and (messages or notes):
        fail("EXPECT-NO-FINDINGS contradicts the CHECK lines")
    expects_findings = bool(re.search(r"CHECK-(MESSAGES|NOTES)[-A-Z0-9]*:.*warning:", text))

    # Keep the line count; drop the expectations so fixes cannot touch them.
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text)
    ext = os.path.splitext(args.source)[1] or ".cpp"
    checks = "-*," + args.checks
    clang_args = ["-std=" + args.std, "-nostdinc++", "-isystem", args.headers] + extra

    frontends = ["plugin", "driver"] if args.frontend == "both" else [args.frontend]
    for frontend in frontends:
        for apply_fixes in ([False, True] if fixes else [False]):
            tag = frontend + (".fixed" if apply_fixes else "")
            path = "%s.%s%s" % (args.temp, tag, ext)
            with open(path, "w") as f:
                f.write(cleaned)
            fix_flag = ["--fix"] if apply_fixes else []
            if frontend == "plugin":
                command = [args.clang_tidy, "--load=" + args.plugin, path,
                           "--checks=" + checks, "--config=" + args.config,
                           "--quiet"] + fix_flag + ["--"] + clang_args
                codes = [0]
            else:
                command = [args.driver, path, "--checks=" + checks,
                           "--config=" + args.config, "--quiet"] + fix_flag + \
                          ["--"] + clang_args
                codes = [1] if expects_findings else [0]
            proc = run(command, codes, frontend)
            if apply_fixes:
                run(["FileCheck", "-input-file=" + path, args.source,
                     "-check-prefixes=" + ",".join(fixes), "-strict-whitespace"],
                    [0], "FileCheck of the fixes applied by the " + frontend)
                continue
            out_path = path + ".out"
            with open(out_path, "w") as f:
                f.write(proc.stdout)
            if silent:
                if re.search(r"(warning|error|note):", proc.stdout):
                    fail("the %s reports findings where none are expected:\n%s"
                         % (frontend, proc.stdout))
                continue
            if notes:
                check = ["-check-prefixes=" + ",".join(notes),
                         "-implicit-check-not={{note|warning|error}}:"]
            else:
                check = ["-check-prefixes=" + ",".join(messages),
                         "-implicit-check-not={{warning|error}}:"]
            run(["FileCheck", "-input-file=" + out_path, args.source] + check,
                [0], "FileCheck of the %s's diagnostics" % frontend)


if __name__ == "__main__":
    main()
