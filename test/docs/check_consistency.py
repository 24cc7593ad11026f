#!/usr/bin/env python3
"""Checks that the registered checks, their catalog entries, headers, docs
pages, tests and the docs index agree (convention 14; the memreview analogue
of clang-tidy's check_alphabetical_order.py).

  check_consistency.py --src-root DIR --registered FILE [--registered FILE...]
  check_consistency.py --self-test

Each --registered FILE holds the output of a `--list-checks` run (the
clang-tidy plugin or the memreview driver); all of them must list the same
checks. Asserted:

  1. the registered checks equal the entries of checks/CheckCatalog.cpp;
  2. they equal the stems of docs/checks/*.md (README.md aside);
  3. they equal the stems of test/checks/*.cpp, where a test file counts for
     the longest registered name it starts with ('memreview-leak-loops.cpp'
     tests memreview-leak), and no test file belongs to no check;
  4. docs/checks/README.md lists each check once, sorted, as
     '- [name](name.md): summary' with the catalog summary;
  5. each page starts with '# name', has a 'Status:' line that starts with the
     catalog status, the catalog summary as its first paragraph, and the
     sections of convention 14 in order;
  6. the '///' summary of each check's header (the lines before
     'See docs/checks/<name>.md') equals the catalog summary;
  7. each scenario of a test marked '// FN:' or '// FP:' (a comment at the
     start of a line, followed by the scenario's function) is named in the
     Limitations section of the check's page.

--self-test writes a small consistent tree of two made-up checks to a
temporary directory, breaks it in each of these ways in turn, and fails
unless every breakage is caught and the unbroken tree passes: it proves that
the assertions can fail, whatever the state of the repository.
"""

import argparse
import glob
import os
import re
import shutil
import sys
import tempfile

SECTIONS = ["Why it matters", "Examples", "Options", "Fix-its", "Limitations",
            "References"]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def registered_checks(path):
    return sorted(set(re.findall(r"^\s+(memreview-[a-z0-9-]+)\s*$", read(path),
                                 re.M)))


def c_string_literals(text):
    return "".join(bytes(s, "utf-8").decode("unicode_escape")
                   for s in re.findall(r'"((?:[^"\\]|\\.)*)"', text))


def catalog(root):
    """{name: (status, summary)} from checks/CheckCatalog.cpp."""
    text = read(os.path.join(root, "checks", "CheckCatalog.cpp"))
    entries = {}
    for m in re.finditer(r'\{\s*"(memreview-[^"]+)"\s*,\s*"([^"]*)"\s*,\s*"[^"]*"'
                         r'\s*,\s*"[^"]*"\s*,((?:\s*"(?:[^"\\]|\\.)*")+)'
                         r'\s*(?:,\s*(?:true|false)\s*){0,2}\}',
                         text):
        entries[m.group(1)] = (m.group(2), c_string_literals(m.group(3)))
    return entries


def header_summaries(root):
    """{name: summary} from the '///' comment before 'See docs/checks/...'."""
    found = {}
    for path in glob.glob(os.path.join(root, "checks", "**", "*.h"),
                          recursive=True):
        lines = read(path).splitlines()
        for i, line in enumerate(lines):
            m = re.match(r"\s*///\s*See docs/checks/(memreview-[a-z0-9-]+)\.md",
                         line)
            if not m:
                continue
            summary = []
            j = i - 1
            while j >= 0 and re.match(r"\s*///", lines[j]):
                summary.insert(0, re.sub(r"^\s*///\s?", "", lines[j]).strip())
                j -= 1
            found[m.group(1)] = (" ".join(summary), path)
    return found


def test_owner(stem, checks):
    """The longest registered check that the test file stem belongs to."""
    owners = [c for c in checks if stem == c or stem.startswith(c + "-")]
    return max(owners, key=len) if owners else None


def marked_scenarios(test_text):
    """Names of the functions that follow '// FN:' / '// FP:' comments."""
    names = []
    lines = test_text.splitlines()
    for i, line in enumerate(lines):
        if not re.match(r"// (FN|FP):", line):
            continue
        for follow in lines[i + 1:]:
            if follow.startswith("//") or not follow.strip():
                continue
            m = re.match(r"(?:template\s*<[^>]*>\s*)?[\w:<>,*&\s]*?\b(\w+)\s*\(",
                         follow)
            if m and not follow[0].isspace():
                names.append(m.group(1))
            break
    return names


def doc_parts(text):
    """(title, status line, first paragraph after Status, {section: body},
    section order)."""
    lines = text.splitlines()
    title = lines[0] if lines else ""
    status, summary = None, None
    i = 0
    while i < len(lines):
        if lines[i].startswith("Status:"):
            status = lines[i][len("Status:"):].strip()
            i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
            paragraph = []
            while i < len(lines) and lines[i].strip():
                paragraph.append(lines[i].strip())
                i += 1
            summary = " ".join(paragraph)
            break
        i += 1
    sections, order, current = {}, [], None
    for line in lines:
        m = re.match(r"## (.*?)\s*$", line)
        if m:
            current = m.group(1)
            order.append(current)
            sections[current] = []
        elif current:
            sections[current].append(line)
    return title, status, summary, {k: "\n".join(v) for k, v in sections.items()}, order


def check(root, registered_lists):
    errors = []
    err = errors.append

    registered = registered_lists[0]
    for other in registered_lists[1:]:
        if other != registered:
            err("the front ends list different checks: %s vs %s"
                % (registered, other))
    if not registered:
        err("no memreview check is registered")
    reg = set(registered)

    def compare(what, names):
        names = set(names)
        for name in sorted(reg - names):
            err("%s: missing for registered check '%s'" % (what, name))
        for name in sorted(names - reg):
            err("%s: '%s' is not a registered check" % (what, name))

    cat = catalog(root)
    compare("checks/CheckCatalog.cpp", cat)

    doc_dir = os.path.join(root, "docs", "checks")
    docs = {os.path.splitext(os.path.basename(p))[0]: p
            for p in glob.glob(os.path.join(doc_dir, "*.md"))
            if os.path.basename(p) != "README.md"}
    compare("docs/checks/*.md", docs)

    tests = {}
    for path in sorted(glob.glob(os.path.join(root, "test", "checks", "*.cpp")) +
                       glob.glob(os.path.join(root, "test", "checks", "*.c"))):
        stem = os.path.splitext(os.path.basename(path))[0]
        owner = test_owner(stem, registered)
        if owner is None:
            err("test/checks/%s: belongs to no registered check"
                % os.path.basename(path))
        else:
            tests.setdefault(owner, []).append(path)
    compare("test/checks/*.cpp", tests)

    # The index.
    index_path = os.path.join(doc_dir, "README.md")
    if not os.path.exists(index_path):
        err("docs/checks/README.md is missing")
    else:
        listed = []
        for line in read(index_path).splitlines():
            if not line.startswith("- ["):
                continue
            m = re.match(r"- \[(memreview-[a-z0-9-]+)\]\(([^)]*)\): (.*)$", line)
            if not m:
                err("docs/checks/README.md: malformed entry %r" % line)
                continue
            name, link, summary = m.groups()
            listed.append(name)
            if link != name + ".md":
                err("docs/checks/README.md: '%s' links to '%s'" % (name, link))
            if name in cat and summary.strip() != cat[name][1]:
                err("docs/checks/README.md: the summary of '%s' differs from "
                    "the catalog:\n  index:   %s\n  catalog: %s"
                    % (name, summary.strip(), cat[name][1]))
        if listed != sorted(listed):
            err("docs/checks/README.md: entries are not sorted: %s" % listed)
        if len(listed) != len(set(listed)):
            err("docs/checks/README.md: an entry is listed twice: %s" % listed)
        compare("docs/checks/README.md", listed)

    # The pages.
    for name, path in sorted(docs.items()):
        title, status, summary, sections, order = doc_parts(read(path))
        where = "docs/checks/%s.md" % name
        if title != "# " + name:
            err("%s: the first line must be '# %s', not %r" % (where, name, title))
        if status is None:
            err("%s: no 'Status:' line" % where)
        elif name in cat and not status.startswith(cat[name][0]):
            err("%s: Status %r does not match the catalog status '%s'"
                % (where, status, cat[name][0]))
        if name in cat and summary != cat[name][1]:
            err("%s: the summary differs from the catalog:\n  page:    %s\n"
                "  catalog: %s" % (where, summary, cat[name][1]))
        present = [s for s in order if s in SECTIONS]
        if present != SECTIONS:
            err("%s: sections must be %s in this order; found %s"
                % (where, SECTIONS, order))
        for test in tests.get(name, []):
            for scenario in marked_scenarios(read(test)):
                if not re.search(r"\b%s\b" % re.escape(scenario),
                                 sections.get("Limitations", "")):
                    err("%s: the Limitations do not mention '%s', marked FN/FP "
                        "in %s" % (where, scenario, os.path.basename(test)))

    # The headers.
    headers = header_summaries(root)
    for name in sorted(reg):
        if name not in headers:
            err("no header under checks/ says 'See docs/checks/%s.md'" % name)
        elif name in cat and headers[name][0] != cat[name][1]:
            err("%s: the '///' summary differs from the catalog:\n  header:  "
                "%s\n  catalog: %s" % (os.path.relpath(headers[name][1], root),
                                       headers[name][0], cat[name][1]))
    return errors


FIXTURE_CHECKS = ["memreview-alpha", "memreview-alpha-array"]
FIXTURE_SUMMARIES = {
    "memreview-alpha": "Finds alpha mistakes in 'code'.",
    "memreview-alpha-array": "Finds alpha mistakes in arrays, split over two "
                             "lines.",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_fixture(root):
    """A small consistent tree: two checks, one the prefix of the other, and
    a test file with a suffix that belongs to the shorter one."""
    catalog_entries = "".join(
        '    {"%s", "stable", "error", "high",\n     "%s"\n     "%s"},\n'
        % (name, summary[:20], summary[20:])
        for name, summary in FIXTURE_SUMMARIES.items())
    write(os.path.join(root, "checks", "CheckCatalog.cpp"),
          "static constexpr CheckInfo Catalog[] = {\n%s};\n" % catalog_entries)
    for name, summary in FIXTURE_SUMMARIES.items():
        words = summary.split(" ")
        half = len(words) // 2
        write(os.path.join(root, "checks", "group", name + ".h"),
              "/// %s\n/// %s\n/// See docs/checks/%s.md.\nclass C;\n"
              % (" ".join(words[:half]), " ".join(words[half:]), name))
        write(os.path.join(root, "docs", "checks", name + ".md"),
              "# %s\n\nStatus: stable, on by default.\n\n%s\n\n"
              "## Why it matters\n\n## Examples\n\n## Options\n\nNone.\n\n"
              "## Fix-its\n\n## Limitations\n\n- FN: `knownGap`.\n\n"
              "## References\n" % (name, summary))
    write(os.path.join(root, "docs", "checks", "README.md"),
          "# Checks\n\n" + "".join("- [%s](%s.md): %s\n" % (n, n, s)
                                   for n, s in FIXTURE_SUMMARIES.items()))
    write(os.path.join(root, "test", "checks", "memreview-alpha.cpp"),
          "// RUN: true\n\n// FN: a gap.\nvoid knownGap() {\n"
          "  // FN: inside a function, not a scenario marker.\n  use();\n}\n")
    write(os.path.join(root, "test", "checks", "memreview-alpha-edge-cases.cpp"),
          "// RUN: true\n")
    write(os.path.join(root, "test", "checks", "memreview-alpha-array.cpp"),
          "// RUN: true\n")


def self_test():
    """Breaks a fixture tree in each checked way; every breakage must be
    reported, and the unbroken fixture must pass."""
    first, last = FIXTURE_CHECKS[0], FIXTURE_CHECKS[-1]

    def edit(path, old, new):
        text = read(path)
        if old not in text:
            raise RuntimeError("self-test: %r not found in %s" % (old, path))
        write(path, text.replace(old, new, 1))

    def page(tmp, name):
        return os.path.join(tmp, "docs", "checks", name + ".md")

    def index(tmp):
        return os.path.join(tmp, "docs", "checks", "README.md")

    def test_file(tmp, name):
        return os.path.join(tmp, "test", "checks", name + ".cpp")

    def swap_index(tmp):
        lines = read(index(tmp)).splitlines(True)
        entries = [i for i, l in enumerate(lines) if l.startswith("- [")]
        lines[entries[0]], lines[entries[-1]] = lines[entries[-1]], lines[entries[0]]
        write(index(tmp), "".join(lines))

    def add_marked_scenario(tmp):
        with open(test_file(tmp, first), "a", encoding="utf-8") as f:
            f.write("\n// FP: a gap that the page does not mention.\n"
                    "template <class T> void undocumentedGap(T) {}\n")

    breakages = [
        ("a page is missing", lambda tmp: os.remove(page(tmp, first))),
        ("a page has no check",
         lambda tmp: shutil.copy(page(tmp, first),
                                 page(tmp, "memreview-no-such-check"))),
        ("a check has no test (its name prefixes another's test)",
         lambda tmp: os.remove(test_file(tmp, last))),
        ("a test has no check",
         lambda tmp: write(test_file(tmp, "memreview-no-such-check"), "")),
        ("the index is not sorted", swap_index),
        ("the index misses a check",
         lambda tmp: edit(index(tmp), "- [%s]" % last, "- [memreview-zzz]")),
        ("the index summary differs",
         lambda tmp: edit(index(tmp), "'code'.", "code.")),
        ("a page summary differs",
         lambda tmp: edit(page(tmp, first), "'code'.", "code.")),
        ("a page has a different status",
         lambda tmp: edit(page(tmp, first), "Status: stable",
                          "Status: experimental")),
        ("a page lacks a section",
         lambda tmp: edit(page(tmp, last), "## Options", "## Settings")),
        ("a page has the wrong title",
         lambda tmp: edit(page(tmp, last), "# " + last, "# " + last + "-old")),
        ("the catalog misses a check",
         lambda tmp: edit(os.path.join(tmp, "checks", "CheckCatalog.cpp"),
                          '"%s"' % last, '"memreview-renamed"')),
        ("a header summary differs",
         lambda tmp: edit(os.path.join(tmp, "checks", "group", first + ".h"),
                          "/// Finds", "/// Reports")),
        ("a header is missing",
         lambda tmp: os.remove(os.path.join(tmp, "checks", "group",
                                            last + ".h"))),
        ("an FP scenario is not in the Limitations", add_marked_scenario),
        ("the front ends disagree", None),
    ]

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        make_fixture(tmp)
        problems = check(tmp, [FIXTURE_CHECKS, FIXTURE_CHECKS])
        if problems:
            failures.append("the unbroken fixture fails:\n  " +
                            "\n  ".join(problems))
    for what, breakage in breakages:
        with tempfile.TemporaryDirectory() as tmp:
            make_fixture(tmp)
            lists = [FIXTURE_CHECKS, FIXTURE_CHECKS]
            if breakage:
                breakage(tmp)
            else:
                lists = [FIXTURE_CHECKS, FIXTURE_CHECKS[:1]]
            if not check(tmp, lists):
                failures.append("not caught: " + what)
            else:
                print("caught: " + what)
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--src-root")
    parser.add_argument("--registered", action="append", default=[],
                        help="output of a --list-checks run")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()

    if args.self_test:
        failures = self_test()
        for failure in failures:
            print("check_consistency.py: self-test: " + failure, file=sys.stderr)
        if failures:
            return 1
        print("self-test passed")
        return 0

    if not args.registered:
        parser.error("--registered is required")
    registered_lists = [registered_checks(p) for p in args.registered]
    errors = check(args.src_root, registered_lists)
    for error in errors:
        print("check_consistency.py: " + error, file=sys.stderr)
    if errors:
        return 1
    print("consistent: %d checks" % len(registered_lists[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
