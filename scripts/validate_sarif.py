#!/usr/bin/env python3
"""Validates SARIF logs with Microsoft's SARIF multitool, GitHub's ingestion
rules included, and fails on any error or warning.

    scripts/validate_sarif.py [--multitool PATH] [--build-dir DIR] FILE...

It runs

    Sarif.Multitool validate FILE... --rule-kind "Sarif;Gh"
        --level "Error;Warning;Note" --log ForceOverwrite --output <log>

(the rules SARIF1xxx/SARIF2xxx of the SARIF specification and GH1xxx/GH2xxx
of GitHub code scanning), prints every error and warning (and with -v every
note) as "FILE: LEVEL RULE: message", and exits 1 when there is an error or a
warning. Notes (advice such as SARIF2002 "use message arguments") pass.

The multitool does not say when it cannot read a file as SARIF (an unknown
enum value, such as an artifact role, makes it skip the file and report
nothing). So each file is validated together with a copy that lacks
tool.driver.informationUri, which the rule SARIF2005 always reports: a copy
that gets no SARIF2005 means the file was skipped, and that is a failure too.

The multitool is `@microsoft/sarif-multitool` from npm, which
scripts/bootstrap.sh installs under <build>/tools/sarif-multitool. It is
looked for in --multitool, $MEMREVIEW_SARIF_MULTITOOL, <build dir> (--build-dir,
$MEMREVIEW_BUILD_DIR, else build/ of this repository)/tools/sarif-multitool,
and the global npm packages. Exit status: 0 valid, 1 invalid, 2 no multitool
or it failed.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

PACKAGE_BINARY = os.path.join("node_modules", "@microsoft",
                              "sarif-multitool-linux", "Sarif.Multitool")
CANARY_RULE = "SARIF2005"


def find_multitool(explicit, build_dir):
    candidates = []
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    if os.environ.get("MEMREVIEW_SARIF_MULTITOOL"):
        candidates.append(os.environ["MEMREVIEW_SARIF_MULTITOOL"])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for build in [build_dir, os.environ.get("MEMREVIEW_BUILD_DIR"),
                  os.path.join(root, "build")]:
        if build:
            candidates.append(os.path.join(build, "tools", "sarif-multitool",
                                           PACKAGE_BINARY))
    npm = shutil.which("npm")
    if npm:
        try:
            global_root = subprocess.run(
                [npm, "root", "-g"], stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, universal_newlines=True,
                timeout=60).stdout.strip()
            if global_root:
                candidates.append(os.path.join(
                    global_root, "@microsoft", "sarif-multitool-linux",
                    "Sarif.Multitool"))
        except (OSError, subprocess.SubprocessError):
            pass
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def uri_to_path(uri):
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme == "file":
        return os.path.realpath(urllib.parse.unquote(parsed.path))
    return os.path.realpath(urllib.parse.unquote(uri))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--multitool")
    parser.add_argument("--build-dir")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print the notes too")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    multitool = find_multitool(args.multitool, args.build_dir)
    if not multitool:
        sys.stderr.write(
            "validate_sarif.py: error: the SARIF multitool is not installed; "
            "run scripts/bootstrap.sh (it installs @microsoft/sarif-multitool "
            "under <build>/tools/sarif-multitool) or set "
            "MEMREVIEW_SARIF_MULTITOOL\n")
        return 2

    failures = 0
    counts = {"error": 0, "warning": 0, "note": 0}
    # One file at a time: a file the multitool cannot read makes it skip the
    # files after it too.
    for name in args.files:
        failures += validate(multitool, name, counts, args.verbose)
    print("validate_sarif.py: %d file(s): %d error(s), %d warning(s), "
          "%d note(s)%s" % (len(args.files), counts["error"],
                            counts["warning"], counts["note"],
                            "; INVALID" if failures else ""))
    return 1 if failures else 0


def message_text(result, rules):
    message = result.get("message", {})
    if "text" in message:
        return message["text"]
    index = result.get("ruleIndex")
    rule = rules[index] if isinstance(index, int) and index < len(rules) else {}
    template = rule.get("messageStrings", {}).get(
        message.get("id"), {}).get("text", message.get("id", ""))
    for number, argument in enumerate(message.get("arguments", [])):
        template = template.replace("{%d}" % number, str(argument))
    return template


def validate(multitool, name, counts, verbose):
    """Validates one file; returns the number of failures it adds."""
    path = os.path.realpath(name)
    try:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        print("%s: error: not readable as JSON: %s" % (name, e))
        return 1
    work = tempfile.mkdtemp(prefix="validate-sarif-")
    try:
        files = [path]
        canary = None
        try:
            log["runs"][0]["tool"]["driver"].pop("informationUri", None)
            canary = os.path.join(work, "canary.sarif")
            with open(canary, "w", encoding="utf-8") as f:
                json.dump(log, f)
            files.append(canary)
        except (KeyError, IndexError, TypeError, AttributeError):
            pass  # no tool.driver: the multitool reports what is missing
        output = os.path.join(work, "validation.sarif")
        env = dict(os.environ)
        # The multitool is a .NET program: no ICU library needed this way.
        env.setdefault("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        env.setdefault("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        # The files first: a list option ('--log') would take them as values.
        command = ([multitool, "validate"] + files +
                   ["--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note",
                    "--log", "ForceOverwrite", "--output", output])
        proc = subprocess.run(command, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT,
                              universal_newlines=True, env=env)
        if not os.path.exists(output):
            print("%s: error: the multitool failed (exit %d):\n%s" %
                  (name, proc.returncode, proc.stdout))
            return 1
        with open(output, encoding="utf-8-sig") as f:
            validation = json.load(f)

        failures = 0
        canary_seen = False
        for run in validation.get("runs", []):
            rules = run.get("tool", {}).get("driver", {}).get("rules", [])
            for invocation in run.get("invocations", []):
                for note in invocation.get("toolExecutionNotifications", []):
                    level = note.get("level", "error")
                    print("%s: multitool %s: %s" % (
                        name, level, note.get("message", {}).get("text", "")))
                    failures += level == "error"
            for result in run.get("results", []):
                try:
                    uri = result["locations"][0]["physicalLocation"][
                        "artifactLocation"]["uri"]
                    where = uri_to_path(uri)
                except (KeyError, IndexError):
                    where = path
                if canary and where == os.path.realpath(canary):
                    canary_seen |= result.get("ruleId") == CANARY_RULE
                    continue
                level = result.get("level", "warning")
                if level != "note" or verbose:
                    print("%s: %s %s: %s" % (name, level, result.get("ruleId"),
                                             message_text(result, rules)))
                counts[level] = counts.get(level, 0) + 1
                failures += level in ("error", "warning")
        if canary and not canary_seen:
            print("%s: error: the multitool skipped this file without a word: "
                  "it could not read it as SARIF 2.1.0 (an unknown enum "
                  "value?)" % name)
            counts["error"] += 1
            failures += 1
        return failures
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
