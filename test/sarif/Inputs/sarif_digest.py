#!/usr/bin/env python3
"""Prints a line-oriented digest of a memreview SARIF log, for FileCheck:
the structure a consumer relies on, one fact per line, with paths and
regions made short ('src/a.cpp:7:5-7:11').

    sarif_digest.py LOG [--rules] [--fingerprints]

It also asserts what must hold in every log (and exits 1 when it does not):
a single run; every ruleIndex names the rule of its ruleId; every
artifactLocation index names an artifact with the same URI; '%SRCROOT%' is
an absolute file URI that ends with '/'; each code flow ends at the result's
primary location.
"""
import json
import sys

errors = []


def check(condition, message):
    if not condition:
        errors.append(message)


def where(location, artifacts):
    physical = location.get("physicalLocation", {})
    artifact = physical.get("artifactLocation", {})
    uri = artifact.get("uri", "?")
    if "index" in artifact:
        listed = artifacts[artifact["index"]]["location"]
        check(listed.get("uri") == uri and
              listed.get("uriBaseId") == artifact.get("uriBaseId"),
              "artifact index %d is %s, not %s" % (artifact["index"], listed,
                                                   uri))
    base = artifact.get("uriBaseId")
    text = ("%s:" % base if base and base != "%SRCROOT%" else "") + uri
    region = physical.get("region")
    if region:
        text += ":%d:%d-%d:%d" % (region.get("startLine", 0),
                                  region.get("startColumn", 0),
                                  region.get("endLine", 0),
                                  region.get("endColumn", 0))
    return text


def main():
    path = sys.argv[1]
    show_rules = "--rules" in sys.argv
    show_prints = "--fingerprints" in sys.argv
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    print("version: %s" % log.get("version"))
    check(len(log["runs"]) == 1, "%d runs" % len(log["runs"]))
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    print("tool: %s version=%s semanticVersion=%s informationUri=%s" % (
        driver["name"], driver.get("version"), driver.get("semanticVersion"),
        driver.get("informationUri")))
    rules = driver.get("rules", [])
    for index, rule in enumerate(rules):
        if not show_rules:
            continue
        props = rule.get("properties", {})
        print("rule[%d]: %s name=%s level=%s precision=%s severity=%s "
              "tags=%s" % (index, rule["id"], rule.get("name"),
                           rule.get("defaultConfiguration", {}).get("level"),
                           props.get("precision"),
                           props.get("problem.severity"),
                           ",".join(props.get("tags", []))))
        print("  short: %s" % rule.get("shortDescription", {}).get("text"))
        print("  full: %s" % rule.get("fullDescription", {}).get("text"))
        help_text = rule.get("help", {})
        print("  help: text=%d markdown=%d first=%s" % (
            len(help_text.get("text", "")), len(help_text.get("markdown", "")),
            help_text.get("markdown", "").split("\n")[0]))
        print("  helpUri: %s" % rule.get("helpUri"))
    bases = run.get("originalUriBaseIds", {})
    for name, base in sorted(bases.items()):
        uri = base.get("uri", "")
        check(uri.startswith("file:///") and uri.endswith("/"),
              "uriBaseId %s is %s" % (name, uri))
        print("base: %s" % name)
    print("columnKind: %s" % run.get("columnKind"))
    artifacts = run.get("artifacts", [])
    for index, artifact in enumerate(artifacts):
        location = artifact["location"]
        print("artifact[%d]: %s%s roles=%s" % (
            index, location.get("uri"),
            "" if location.get("uriBaseId") == "%SRCROOT%" else " (absolute)",
            ",".join(artifact.get("roles", []))))
    for invocation in run.get("invocations", []):
        print("invocation: executionSuccessful=%s" %
              str(invocation.get("executionSuccessful")).lower())
        for note in invocation.get("toolExecutionNotifications", []):
            print("notification: %s %s: %s" % (
                note.get("level"),
                where(note["locations"][0], artifacts)
                if note.get("locations") else "-",
                note["message"]["text"]))
    for result in run.get("results", []):
        rule_id = result.get("ruleId")
        index = result.get("ruleIndex")
        check(index is not None and rules[index]["id"] == rule_id,
              "ruleIndex %s of %s" % (index, rule_id))
        primary = (where(result["locations"][0], artifacts)
                   if result.get("locations") else "-")
        extra = ""
        if "baselineState" in result:
            extra += " baseline=" + result["baselineState"]
        if "suppressions" in result:
            extra += " suppressed=" + ",".join(
                s["kind"] for s in result["suppressions"])
        print("result: %s %s %s%s" % (result.get("level"), rule_id, primary,
                                      extra))
        print("  message: %s" % result["message"]["text"])
        if show_prints:
            print("  fingerprint: %s" %
                  result.get("partialFingerprints", {}).get("memreview/v2"))
        for related in result.get("relatedLocations", []):
            print("  related[%d]: %s %s" % (related.get("id", -1),
                                           where(related, artifacts),
                                           related["message"]["text"]))
        for flow in result.get("codeFlows", []):
            for thread in flow["threadFlows"]:
                steps = thread["locations"]
                for number, step in enumerate(steps):
                    print("  step[%d]: %s %s" % (
                        step.get("executionOrder", number + 1),
                        where(step["location"], artifacts),
                        step["location"].get("message", {}).get("text")))
                if result.get("locations"):
                    check(where(steps[-1]["location"], artifacts) == primary,
                          "the code flow of %s does not end at %s" %
                          (rule_id, primary))
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    print("  fix: %s:%d:%d-%d:%d -> '%s'" % (
                        change["artifactLocation"]["uri"],
                        region["startLine"], region["startColumn"],
                        region["endLine"], region["endColumn"],
                        replacement.get("insertedContent", {}).get("text")))
    for message in errors:
        print("error: " + message)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
