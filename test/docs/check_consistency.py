#!/usr/bin/env python3
"""Checks that the registered checks, their catalog entries, headers, docs
pages, tests and the docs index agree (convention 14; the memreview analogue
of clang-tidy's check_alphabetical_order.py).

  check_consistency.py --src-root DIR --registered FILE [--registered FILE...]
  check_consistency.py --src-root DIR --registered FILE --self-test

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

--self-test copies the inputs to a temporary directory, breaks them in each
of these ways in turn, and fails unless every breakage is caught and the
unbroken copy passes.
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
                         r'\s*,\s*"[^"]*"\s*,((?:\s*"(?:[^"\\]|\\.)*")+)\s*\}',
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


def self_test(root, registered_lists):
    """Breaks a copy of the inputs in each checked way; every breakage must be
    reported and the unbroken copy must pass."""
    failures = []
    checks = registered_lists[0]
    first, last = checks[0], checks[-1]

    def edit(path, old, new):
        text = read(path)
        if old not in text:
            raise RuntimeError("self-test: %r not found in %s" % (old, path))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))

    def readme_lines(tmp):
        return os.path.join(tmp, "docs", "checks", "README.md")

    def swap_index(tmp):
        path = readme_lines(tmp)
        lines = read(path).splitlines(True)
        entries = [i for i, l in enumerate(lines) if l.startswith("- [")]
        lines[entries[0]], lines[entries[-1]] = lines[entries[-1]], lines[entries[0]]
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(lines))

    def page(tmp, name):
        return os.path.join(tmp, "docs", "checks", name + ".md")

    def first_test(tmp, name):
        return sorted(glob.glob(os.path.join(tmp, "test", "checks",
                                             name + "*.cpp")))[0]

    def add_marked_scenario(tmp):
        with open(first_test(tmp, first), "a", encoding="utf-8") as f:
            f.write("\n// FN: a gap that the page does not mention.\n"
                    "void undocumentedGap() {}\n")

    def catalog_summary_of(tmp, name):
        return catalog(tmp)[name][1]

    breakages = [
        ("a page is missing",
         lambda tmp: os.remove(page(tmp, first))),
        ("a page has no check",
         lambda tmp: shutil.copy(page(tmp, first), page(tmp, "memreview-no-such-check"))),
        ("a check has no test",
         lambda tmp: [os.remove(p) for p in glob.glob(
             os.path.join(tmp, "test", "checks", last + "*.cpp"))]),
        ("a test has no check",
         lambda tmp: open(os.path.join(tmp, "test", "checks",
                                       "memreview-no-such-check.cpp"), "w").close()),
        ("the index is not sorted", swap_index),
        ("the index misses a check",
         lambda tmp: edit(readme_lines(tmp), "- [%s]" % last, "- [memreview-zzz]")),
        ("a page summary differs",
         lambda tmp: edit(page(tmp, first), catalog_summary_of(tmp, first),
                          catalog_summary_of(tmp, first).rstrip(".") + " too.")),
        ("a page lacks a section",
         lambda tmp: edit(page(tmp, last), "## Options", "## Settings")),
        ("a page has the wrong title",
         lambda tmp: edit(page(tmp, last), "# " + last, "# " + last + "-old")),
        ("the catalog misses a check",
         lambda tmp: edit(os.path.join(tmp, "checks", "CheckCatalog.cpp"),
                          '"%s"' % last, '"memreview-renamed"')),
        ("an FN scenario is not in the Limitations", add_marked_scenario),
        ("a header summary differs",
         lambda tmp: edit(header_summaries(tmp)[first][1], "/// Finds",
                          "/// Reports")),
    ]

    def copy_inputs(tmp):
        for sub in ["docs/checks", "test/checks"]:
            shutil.copytree(os.path.join(root, sub), os.path.join(tmp, sub),
                            ignore=shutil.ignore_patterns("Output", "*.tmp*"))
        for path in glob.glob(os.path.join(root, "checks", "**", "*"),
                              recursive=True):
            if path.endswith((".h", "CheckCatalog.cpp")):
                dest = os.path.join(tmp, os.path.relpath(path, root))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copy(path, dest)

    with tempfile.TemporaryDirectory() as tmp:
        copy_inputs(tmp)
        problems = check(tmp, registered_lists)
        if problems:
            failures.append("the unbroken copy fails:\n  " + "\n  ".join(problems))
    for what, breakage in breakages:
        with tempfile.TemporaryDirectory() as tmp:
            copy_inputs(tmp)
            breakage(tmp)
            if not check(tmp, registered_lists):
                failures.append("not caught: " + what)
            else:
                print("caught: " + what)
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--src-root", required=True)
    parser.add_argument("--registered", action="append", required=True,
                        help="output of a --list-checks run")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    registered_lists = [registered_checks(p) for p in args.registered]

    if args.self_test:
        failures = self_test(args.src_root, registered_lists)
        for failure in failures:
            print("check_consistency.py: self-test: " + failure, file=sys.stderr)
        if failures:
            return 1
        print("self-test passed")
        return 0

    errors = check(args.src_root, registered_lists)
    for error in errors:
        print("check_consistency.py: " + error, file=sys.stderr)
    if errors:
        return 1
    print("consistent: %d checks" % len(registered_lists[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
