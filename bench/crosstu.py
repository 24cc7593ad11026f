#!/usr/bin/env python3
"""Measures memreview's whole-program mode (the summary database, issue 8)
against `clang-19 -fsyntax-only` over the same translation units.

  bench/crosstu.py [--build DIR] [--units N] [--sizes A,B] [--seed S]
                   [--repeat N] [--skip-plugin] [--skip-determinism]

Projects: examples/inventory (configured with CMake into bench/out/inventory)
and a generated project of --units translation units (bench/gen_project.py,
into bench/out/project-N). It prints, each with its target and 'meets' or
'MISSES':

  a. whole program: CPU time of a cold `memreview -p DIR <every unit> -j1`
     (database removed first) / the sum of the parse-only CPU times of the
     units; target <= 1.6. Then the warm re-run (nothing changed): its time,
     and whether it did any summary work (analyses for summaries only,
     repeated analyses, rewritten function entries).
  b. incremental (generated project): after the full run, one file's function
     body is changed, once so that its summary changes (a release helper stops
     releasing) and once so that it does not. The driver's re-run is timed and
     compared with the parse-only time of the units it re-analysed (the unit
     manifests under .memreview/units/ it rewrote) and of the files whose
     findings changed; target <= 2. Both a run naming the changed file and a
     whole-program re-run are measured; the findings of the whole-program
     re-run are compared with those before the change.
  c. database size: bytes of every file under the database directory / the
     functions with a body in the program (counted with clang-query, each
     definition once); target <= 1 KiB. Also per entry under functions/, and
     what each part (functions/, overrides/, units/) takes.
  d. plugin memory (generated project at --sizes): peak RSS of clang-tidy-19
     with the plugin on one unit, with and without the database, for a unit
     that calls only its module's functions (same file at every size) and for
     src/common/dispatch.cpp (calls a virtual every module overrides); target:
     the module unit's extra memory does not grow with the program.

CPU time is user + system time of the process (os.wait4), which another
build on the machine disturbs less than wall time.
"""

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
CLANG = "clang-19"
CLANG_TIDY = "clang-tidy-19"
CLANG_QUERY = "clang-query-19"

WHOLE_TARGET = 1.6
INCREMENTAL_TARGET = 2.0
BYTES_TARGET = 1024
PLUGIN_TOLERANCE_KB = 1024

STATS_RE = re.compile(
    r"summary database '(?P<dir>.*)': (?P<units>\d+) units, (?P<uptodate>\d+) up to date; "
    r"(?P<finding>\d+) analyses for findings, (?P<summary>\d+) for summaries only, "
    r"(?P<reruns>\d+) repeated; (?P<rounds>\d+) rounds(?P<rest>.*)$")
ENGINE_RE = re.compile(r"engine: (\d+) functions analysed, (\d+) over budget")
FINDING_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): warning: (?P<msg>.*) \[(?P<check>[\w.,-]+)\]$")


def verdict(ok):
    return "meets" if ok else "MISSES"


class Run:
    def __init__(self, cpu, rss, code, stdout, stderr, wall):
        self.cpu, self.rss, self.code = cpu, rss, code
        self.stdout, self.stderr, self.wall = stdout, stderr, wall

    def stats(self):
        for line in self.stderr.splitlines():
            m = STATS_RE.search(line)
            if m:
                d = m.groupdict()
                return {k: (int(v) if v.isdigit() else v) for k, v in d.items()}
        return None

    def engine(self):
        m = ENGINE_RE.search(self.stderr)
        return (int(m.group(1)), int(m.group(2))) if m else (0, 0)

    def findings(self, root):
        out = set()
        for line in self.stdout.splitlines():
            m = FINDING_RE.match(line)
            if m:
                path = os.path.relpath(m.group("file"), root)
                out.add((path, int(m.group("line")), int(m.group("col")),
                         m.group("check"), m.group("msg")))
        return out


def measure(command, cwd, allowed=(0, 1), what=None):
    """Runs command; CPU seconds (user + sys), peak RSS (KiB), output."""
    start = time.time()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    # Read both pipes (communicate) and then reap with wait4 for the usage.
    stdout, stderr = _drain(proc)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    run = Run(usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode,
              stdout, stderr, time.time() - start)
    if allowed is not None and run.code not in allowed:
        sys.exit("crosstu: %s exited with %d\n%s" % (
            what or " ".join(command[:4]), run.code, stderr[-3000:]))
    return run


def _drain(proc):
    """Reads stdout and stderr to the end without reaping the process."""
    import threading
    chunks = {"out": [], "err": []}

    def reader(stream, key):
        for data in iter(lambda: stream.read(65536), ""):
            chunks[key].append(data)
        stream.close()

    threads = [threading.Thread(target=reader, args=(proc.stdout, "out")),
               threading.Thread(target=reader, args=(proc.stderr, "err"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return "".join(chunks["out"]), "".join(chunks["err"])


def best(command, cwd, repeat, **kw):
    runs = [measure(command, cwd, **kw) for _ in range(max(1, repeat))]
    return min(runs, key=lambda r: r.cpu)


# ---------------------------------------------------------------------------
# Projects

class Project:
    def __init__(self, name, build, root):
        self.name, self.build, self.root = name, build, root
        self.db = os.path.join(build, ".memreview")
        self.entries = json.load(open(os.path.join(build, "compile_commands.json")))
        self.files = [os.path.normpath(os.path.join(e["directory"], e["file"]))
                      for e in self.entries]
        self.expected = None
        exp = os.path.join(root, "expected.json")
        if os.path.exists(exp):
            self.expected = json.load(open(exp))

    def rel(self, path):
        return os.path.relpath(path, self.root)

    def parse_command(self, entry):
        return parse_only_command(entry)


def parse_only_command(entry):
    """`clang-19 -fsyntax-only` with the flags of a compile_commands.json
    entry (without its output, dependency-file and -c arguments)."""
    args = (shlex.split(entry["command"]) if "command" in entry
            else list(entry["arguments"]))
    file = entry["file"]
    flags, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a == "-c" or a == file or os.path.normpath(
                os.path.join(entry["directory"], a)) == os.path.normpath(
                os.path.join(entry["directory"], file)) or a.startswith("-M"):
            continue
        flags.append(a)
    return [CLANG, "-fsyntax-only"] + flags + [file]


def configure_inventory():
    build = os.path.join(OUT, "inventory")
    subprocess.run(["cmake", "-S", os.path.join(ROOT, "examples", "inventory"),
                    "-B", build, "-G", "Ninja", "-DCMAKE_CXX_COMPILER=clang++-19",
                    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"],
                   check=True, stdout=subprocess.DEVNULL)
    return Project("examples/inventory", build,
                   os.path.join(ROOT, "examples", "inventory"))


def generate(units, seed):
    out = os.path.join(OUT, "project-%d" % units)
    if os.path.exists(out):
        shutil.rmtree(out)
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_project.py"),
                    "-n", str(units), "--seed", str(seed), "-o", out],
                   check=True, stdout=subprocess.DEVNULL)
    p = Project("generated (%d units)" % units, out, out)
    p.name = "generated, %d units" % len(p.files)
    return p


# ---------------------------------------------------------------------------
# The database on disk

def snapshot(db):
    """relative path -> (size, mtime_ns, sha1) of every file of the database."""
    snap = {}
    for dirpath, _, names in os.walk(db):
        for n in names:
            path = os.path.join(dirpath, n)
            st = os.stat(path)
            with open(path, "rb") as f:
                digest = hashlib.sha1(f.read()).hexdigest()
            snap[os.path.relpath(path, db)] = (st.st_size, st.st_mtime_ns, digest)
    return snap


def changed(before, after, prefix):
    """Files under prefix written (new, other content or other time)."""
    return sorted(p for p, v in after.items()
                  if p.startswith(prefix) and before.get(p) != v)


def manifest_file(db, rel):
    with open(os.path.join(db, rel)) as f:
        return json.load(f)["file"]


def restore(src, dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, copy_function=shutil.copy2)


# ---------------------------------------------------------------------------
# a. whole program

def memreview_all(memreview, p, jobs=1, extra=()):
    return [memreview, "-p", p.build] + p.files + ["-j%d" % jobs, "--quiet", "--stats"] + list(extra)


def stats_text(s):
    if not s:
        return "(no summary database line)"
    return ("%d units, %d up to date; %d analyses for findings, %d for summaries only, "
            "%d repeated; %d rounds%s" % (s["units"], s["uptodate"], s["finding"],
                                          s["summary"], s["reruns"], s["rounds"], s["rest"]))


def whole_program(memreview, p, repeat, results):
    print("== %s: whole program (%d units) ==" % (p.name, len(p.files)))
    parse = {}
    for entry, file in zip(p.entries, p.files):
        r = best(p.parse_command(entry), entry["directory"], repeat, allowed=(0,),
                 what="%s -fsyntax-only %s" % (CLANG, p.rel(file)))
        parse[file] = r.cpu
    parse_total = sum(parse.values())

    colds = []
    for _ in range(max(1, repeat)):
        if os.path.exists(p.db):
            shutil.rmtree(p.db)
        colds.append(measure(memreview_all(memreview, p), p.build, what="memreview (cold)"))
    cold = min(colds, key=lambda r: r.cpu)
    cs = cold.stats()
    ratio = cold.cpu / parse_total
    print("parse-only (sum of %d units)   %8.2f s CPU" % (len(p.files), parse_total))
    print("memreview cold, -j1            %8.2f s CPU (%.1f s wall), peak %.0f MB" % (
        cold.cpu, cold.wall, cold.rss / 1024))
    print("  database work: %s" % stats_text(cs))
    fn, over = cold.engine()
    print("  engine: %d functions analysed, %d over budget" % (fn, over))
    print("whole-program ratio %.2f (target <= %.1f): %s" % (ratio, WHOLE_TARGET, verdict(ratio <= WHOLE_TARGET)))

    before = snapshot(p.db)
    warm = best(memreview_all(memreview, p), p.build, repeat, what="memreview (warm)")
    after = snapshot(p.db)
    ws = warm.stats()
    rewritten_entries = changed(before, after, "functions") + changed(before, after, "overrides")
    rewritten_units = changed(before, after, "units")
    no_summary_work = (ws is not None and ws["summary"] == 0 and ws["reruns"] == 0
                       and ws["rounds"] <= 1 and not rewritten_entries)
    print("memreview warm re-run, -j1     %8.2f s CPU (%.2f x parse-only)" % (warm.cpu, warm.cpu / parse_total))
    print("  database work: %s; %d function/override entries and %d unit manifests rewritten" % (
        stats_text(ws), len(rewritten_entries), len(rewritten_units)))
    if ws is not None and ws["finding"] == len(p.files):
        print("  (every unit named on the command line is analysed again for its findings: "
              "findings are not cached)")
    print("warm re-run does no summary work: %s" % verdict(no_summary_work))

    one = p.files[len(p.files) // 2]
    warm1 = best([memreview, "-p", p.build, one, "-j1", "--quiet", "--stats"], p.build, repeat)
    print("memreview warm, one file (%s) %.2f s CPU vs its parse %.2f s: %s" % (
        p.rel(one), warm1.cpu, parse[one], stats_text(warm1.stats())))
    if cold.findings(p.root) != warm.findings(p.root):
        print("SUSPICIOUS: the warm re-run's findings differ from the cold run's")
    results.update(parse=parse, parse_total=parse_total, cold=cold, warm=warm,
                   ratio=ratio, no_summary_work=no_summary_work)
    return cold


# ---------------------------------------------------------------------------
# Seeded bugs of the generated project

def check_findings(p, findings):
    exp = p.expected
    used = set()
    missed = []
    for b in exp["bugs"]:
        hits = [f for f in findings if f[0] == b["file"] and b["first"] <= f[1] <= b["last"]
                and f[3] in b["checks"]]
        if b["kind"] == "cache_dtor":
            # Reported at the member's allocation: in Cache::Cache or in the
            # factory it calls (make_item).
            mod = os.path.dirname(b["file"])
            fr = exp["functions"][mod + "/factory.cpp"]["make_item"]
            hits += [f for f in findings if f[3] in b["checks"] and f[0] == mod + "/factory.cpp"
                     and fr[0] <= f[1] <= fr[1]]
        used.update(hits)
        if not hits:
            missed.append(b)
    unexpected = sorted(f for f in findings if f not in used)
    by_kind = {}
    for b in exp["bugs"]:
        k = by_kind.setdefault(b["kind"], [0, 0])
        k[0] += 1
        k[1] += b not in missed
    print("seeded bugs: %d, found %d, missed %d; findings outside seeded bugs: %d" % (
        len(exp["bugs"]), len(exp["bugs"]) - len(missed), len(missed), len(unexpected)))
    print("  by kind (found/seeded): " + ", ".join(
        "%s %d/%d" % (k, v[1], v[0]) for k, v in sorted(by_kind.items())))
    for b in missed[:12]:
        print("  missed: %s %s:%d (%s)" % (b["kind"], b["file"], b["first"], b["function"]))
    if len(missed) > 12:
        print("  ... %d more missed" % (len(missed) - 12))
    for f in unexpected[:20]:
        print("  UNEXPECTED (false finding on correct code?): %s:%d:%d: %s [%s]" % (
            f[0], f[1], f[2], f[4], f[3]))
    return missed, unexpected


def function_at(p, path, line):
    for name, (first, last) in p.expected["functions"].get(path, {}).items():
        if first <= line <= last:
            return name
    return None


# ---------------------------------------------------------------------------
# b. incremental

def incremental(memreview, p, results, cold_findings):
    print("== %s: incremental re-runs ==" % p.name)
    parse = results["parse"]
    backup = p.db + ".bench-backup"
    restore(p.db, backup)
    outcome = {}
    for case in ("summary", "neutral"):
        edit = p.expected["edits"][case]
        path = os.path.join(p.root, edit["file"])
        with open(path) as f:
            original = f.read()
        st = os.stat(path)
        assert edit["old"] in original, edit
        with open(path, "w") as f:
            f.write(original.replace(edit["old"], edit["new"]))
        # An edit a few seconds later than the analysed version.
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5 * 10**9))
        try:
            before = snapshot(p.db)
            one = measure([memreview, "-p", p.build, path, "-j1", "--quiet", "--stats"],
                          p.build, what="memreview (changed file)")
            after = snapshot(p.db)
            reanalysed = sorted(p.rel(manifest_file(p.db, m)) for m in changed(before, after, "units"))
            entries = changed(before, after, "functions")
            entry_units = _entry_units(p, entries)
            restore(backup, p.db)
            whole = measure(memreview_all(memreview, p), p.build, what="memreview (whole, changed)")
            new = whole.findings(p.root)
        finally:
            with open(path, "w") as f:
                f.write(original)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            restore(backup, p.db)
        gained, lost = sorted(new - cold_findings), sorted(cold_findings - new)
        affected_files = sorted({f[0] for f in gained + lost})
        # The units the change affects: the edited file, the units whose
        # summaries changed and the files whose findings changed.
        affected = sorted(set(affected_files) | set(entry_units) | {edit["file"]})
        strict = sum(parse[os.path.join(p.root, f)] for f in affected)
        lenient_set = sorted(set(reanalysed) | set(affected))
        lenient = sum(parse[os.path.join(p.root, f)] for f in lenient_set)
        ones, wholes = one.stats(), whole.stats()
        print("-- edit '%s' in %s: %s" % (case, edit["file"],
                                          "its summary changes" if case == "summary" else "no summary changes"))
        print("  units the driver re-analysed (unit manifests it rewrote): %d: %s" % (
            len(reanalysed), ", ".join(reanalysed)))
        print("  function entries rewritten: %d (of %s); files whose findings changed: %s" % (
            len(entries), ", ".join(entry_units) or "no unit", ", ".join(affected_files) or "none"))
        print("  affected units (edited file, units whose entries changed, files whose findings changed): %d, parse-only %.2f s" % (
            len(affected), strict))
        print("  re-analysed units and affected units: %d, parse-only %.2f s" % (len(lenient_set), lenient))
        r1 = one.cpu / strict
        print("  memreview -p DIR <edited file>: %.2f s CPU (%.2f x parse of the re-analysed units), %s" % (
            one.cpu, one.cpu / lenient, stats_text(ones)))
        print("  incremental ratio (run naming the edited file) %.2f (target <= %.1f): %s" % (
            r1, INCREMENTAL_TARGET, verdict(r1 <= INCREMENTAL_TARGET)))
        r2 = whole.cpu / strict
        print("  memreview -p DIR <every unit>: %.2f s CPU, %s" % (whole.cpu, stats_text(wholes)))
        print("  incremental ratio (whole-program re-run) %.2f (target <= %.1f): %s" % (
            r2, INCREMENTAL_TARGET, verdict(r2 <= INCREMENTAL_TARGET)))
        extra = [u for u in reanalysed if u not in affected]
        if extra:
            print("  note: %d re-analysed units neither define a changed entry nor have changed findings: %s" % (
                len(extra), ", ".join(extra)))
        missing = [f for f in affected_files if f not in reanalysed]
        if missing:
            print("  SUSPICIOUS: findings changed in units the changed-file run did not re-analyse: %s"
                  % ", ".join(missing))
        # Expected change of the findings.
        want = {(c["file"], c["function"]) for c in edit["new_leaks"]}
        got = {(f[0], function_at(p, f[0], f[1])) for f in gained if f[3] == "memreview-leak"}
        other_gained = [f for f in gained if (f[0], function_at(p, f[0], f[1])) not in want]
        callers_of_edit = set()
        for f in gained + lost:
            fn = function_at(p, f[0], f[1])
            body = _function_text(p, f[0], fn)
            if "free_counts(" in body:
                callers_of_edit.add((f[0], fn))
        unexplained = [f for f in gained + lost if (f[0], function_at(p, f[0], f[1])) not in callers_of_edit]
        ok = want <= got and not unexplained
        for f in gained:
            print("  + %s:%d:%d: %s [%s]" % (f[0], f[1], f[2], f[4], f[3]))
        for f in lost:
            print("  - %s:%d:%d: %s [%s]" % (f[0], f[1], f[2], f[4], f[3]))
        print("  findings changed as expected (%d new leaks in the %d correct callers%s): %s" % (
            len(got & want), len(want),
            "; every other change in a caller of the edited function" if not unexplained else
            "; %d changes elsewhere" % len(unexplained), verdict(ok)))
        outcome[case] = dict(one=r1, whole=r2, ok=ok, reanalysed=reanalysed,
                             affected=affected_files)
    shutil.rmtree(backup)
    results["incremental"] = outcome


def _entry_units(p, entries):
    units = set()
    for e in entries:
        try:
            with open(os.path.join(p.db, e)) as f:
                units.add(p.rel(json.load(f)["unit"]))
        except (OSError, ValueError, KeyError):
            pass
    return sorted(units)


def _function_text(p, path, name):
    if not name:
        return ""
    first, last = p.expected["functions"][path][name]
    with open(os.path.join(p.root, path)) as f:
        return "".join(f.readlines()[first - 1:last])


# ---------------------------------------------------------------------------
# c. database size

def count_functions(p):
    """Distinct function definitions with a body in the program's own files
    (not system headers), each counted once however many units see it."""
    query = shutil.which(CLANG_QUERY) or "/usr/lib/llvm-19/bin/clang-query"
    cmd = [query, "-p", p.build,
           "-c", "match functionDecl(isDefinition(), unless(isExpansionInSystemHeader()), "
                 "unless(isImplicit()))"] + p.files
    proc = subprocess.run(cmd, cwd=p.build, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    locs = set(re.findall(r"^(.*:\d+:\d+): note: \"root\" binds here", proc.stdout, re.M))
    return len(locs)


def database_size(p, results):
    print("== %s: database size ==" % p.name)
    parts = {}
    total = blocks = 0
    for dirpath, _, names in os.walk(p.db):
        for n in names:
            path = os.path.join(dirpath, n)
            st = os.stat(path)
            rel = os.path.relpath(path, p.db)
            part = rel.split(os.sep)[0] if os.sep in rel else rel
            v = parts.setdefault(part, [0, 0])
            v[0] += 1
            v[1] += st.st_size
            total += st.st_size
            blocks += st.st_blocks * 512
    functions = count_functions(p)
    entries = parts.get("functions", [0, 0])[0]
    per_function = total / functions if functions else 0
    print("database %d bytes in %d files (%d bytes on disk in blocks)" % (
        total, sum(v[0] for v in parts.values()), blocks))
    for part, (n, size) in sorted(parts.items()):
        print("  %-10s %5d files %9d bytes (%4.1f%%), %6.0f bytes per file" % (
            part + "/" if part != "VERSION" else part, n, size, 100.0 * size / total, size / n))
    print("functions with a body in the program: %d; entries under functions/: %d" % (functions, entries))
    if entries:
        print("bytes per entry under functions/: %.0f; whole database per entry: %.0f" % (
            parts["functions"][1] / entries, total / entries))
    print("on disk (allocated blocks): %.0f bytes per function; the files are small, most of "
          "each block is unused" % (blocks / functions if functions else 0))
    print("bytes per function %.0f (target <= %d): %s" % (per_function, BYTES_TARGET,
                                                         verdict(per_function <= BYTES_TARGET)))
    if per_function > BYTES_TARGET:
        dom = max(parts.items(), key=lambda kv: kv[1][1])
        print("  dominated by %s/ (%d bytes, %.0f%%)" % (dom[0], dom[1][1], 100.0 * dom[1][1] / total))
    results["bytes_per_function"] = per_function
    return per_function


# ---------------------------------------------------------------------------
# Determinism: a cold run with -j2 into another directory writes the same files

def determinism(memreview, p):
    other = os.path.join(OUT, "determinism-db")
    if os.path.exists(other):
        shutil.rmtree(other)
    measure(memreview_all(memreview, p, jobs=2, extra=["--summary-db=" + other]),
            p.build, what="memreview -j2 (determinism)")
    a, b = snapshot(p.db), snapshot(other)
    diff = sorted(k for k in set(a) | set(b)
                  if (a.get(k) or (0, 0, None))[2] != (b.get(k) or (0, 0, None))[2])
    print("database of a cold -j2 run == database of the cold -j1 run: %s" % (
        "yes" if not diff else "NO, %d files differ (e.g. %s)" % (len(diff), ", ".join(diff[:5]))))
    shutil.rmtree(other)
    return not diff


# ---------------------------------------------------------------------------
# d. plugin memory

def files_read(command, cwd, db):
    """Database files the command opened, by part (functions, overrides,
    units), with strace; None without strace."""
    strace = shutil.which("strace")
    if not strace:
        return None
    log = os.path.join(OUT, "plugin.strace")
    subprocess.run([strace, "-f", "-qq", "-e", "trace=openat,open", "-o", log] + command,
                   cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = {}
    seen = set()
    with open(log) as f:
        for line in f:
            m = re.search(r'open(?:at)?\((?:[^,]*, )?"([^"]+)"[^)]*\) = \d+', line)
            if not m or not m.group(1).startswith(db + "/"):
                continue
            rel = os.path.relpath(m.group(1), db)
            if rel in seen or os.path.isdir(m.group(1)):
                continue
            seen.add(rel)
            part = rel.split(os.sep)[0]
            parts[part] = parts.get(part, 0) + 1
    os.remove(log)
    return parts


def plugin_memory(memreview, plugin, sizes, seed, repeat, driver_findings=None):
    print("== plugin memory (clang-tidy-19 --load=%s) ==" % os.path.relpath(plugin, ROOT))
    rows = []
    agree = []
    reads = {}
    for size in sizes:
        p = generate(size, seed)
        tus = [("module", p.expected["plugin_units"]["module"]),
               ("dispatch", p.expected["plugin_units"]["dispatch"])]
        build = measure([memreview, "-p", p.build] + [os.path.join(p.root, t) for _, t in tus] +
                        ["-j2", "--quiet", "--stats"], p.build, what="memreview (plugin db)")
        functions = sum(1 for _, _, n in os.walk(os.path.join(p.db, "functions")) for _ in n)
        for kind, tu in tus:
            base = [CLANG_TIDY, "--load=" + plugin, "--checks=-*,memreview-*",
                    "-p", p.build, "--quiet", os.path.join(p.root, tu)]
            with_db = base[:1] + ["--config={CheckOptions: {SummaryDatabase: '%s'}}" % p.db] + base[1:]
            w = [measure(with_db, p.build, allowed=(0, 1)) for _ in range(max(3, repeat))]
            off = p.db + ".off"
            os.rename(p.db, off)
            try:
                wo = [measure(base, p.build, allowed=(0, 1)) for _ in range(max(3, repeat))]
            finally:
                os.rename(off, p.db)
            rw, rwo = min(r.rss for r in w), min(r.rss for r in wo)
            reads[(size, kind)] = files_read(with_db, p.build, p.db)
            fw = {f[:4] for f in w[0].findings(p.root)}
            nw = len(fw)
            nwo = len(wo[0].findings(p.root))
            rows.append((size, len(p.files), functions, kind, tu, rwo, rw, nwo, nw))
            if driver_findings is not None:
                fd = {f[:4] for f in driver_findings if f[0] == tu}
                if fd == fw:
                    agree.append("%s at %d units: the same %d findings as the driver" % (tu, len(p.files), nw))
                else:
                    agree.append("%s at %d units: DIFFERENT from the driver: plugin only %s; driver only %s" % (
                        tu, len(p.files), sorted(fw - fd), sorted(fd - fw)))
    print("peak RSS of clang-tidy-19 with the plugin, without and with the database "
          "(findings: without -> with)")
    print("%6s %8s  %-34s %10s %10s %9s %9s" % (
        "units", "entries", "translation unit", "no db KB", "db KB", "extra KB", "findings"))
    for size, n, functions, kind, tu, rwo, rw, nwo, nw in rows:
        print("%6d %8d  %-34s %10d %10d %9d %4d -> %d" % (
            n, functions, "%s (%s)" % (tu, kind), rwo, rw, rw - rwo, nwo, nw))
    for line in agree:
        print("plugin with the database, " + line)
    for (size, kind), r in sorted(reads.items()):
        if r is not None:
            print("database files the plugin opened (strace), %s unit, %d-unit project: %s" % (
                kind, [x[1] for x in rows if x[0] == size][0],
                ", ".join("%d %s" % (n, part) for part, n in sorted(r.items())) or "none"))
    extra = {(r[0], r[3]): r[6] - r[5] for r in rows}
    small, large = sizes[0], sizes[-1]
    grow = extra[(large, "module")] - extra[(small, "module")]
    ok = grow <= PLUGIN_TOLERANCE_KB
    rs, rl = reads.get((small, "module")), reads.get((large, "module"))
    if rs is not None and rl is not None:
        same = sum(rs.values()) == sum(rl.values())
        print("module unit opens %d database files at %d units and %d at %d units: %s" % (
            sum(rs.values()), rows[0][1], sum(rl.values()), rows[-1][1],
            "the same" if same else "NOT the same"))
        ok = ok and same
    print("module unit's extra memory: %d KB at %d units, %d KB at %d units (growth %d KB, "
          "target <= %d KB): %s" % (extra[(small, "module")], rows[0][1],
                                    extra[(large, "module")], rows[-1][1], grow,
                                    PLUGIN_TOLERANCE_KB, verdict(ok)))
    dgrow = extra[(large, "dispatch")] - extra[(small, "dispatch")]
    print("dispatch unit's extra memory grows by %d KB (it calls Task::consume, which every "
          "module overrides: what it calls grows with the program)" % dgrow)
    return ok


# ---------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--units", type=int, default=300)
    ap.add_argument("--sizes", default="100,400")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per measurement on the generated project (the fastest counts)")
    ap.add_argument("--skip-plugin", action="store_true")
    ap.add_argument("--skip-determinism", action="store_true")
    args = ap.parse_args(argv)
    args.build = os.path.abspath(args.build)

    memreview = os.path.join(args.build, "bin", "memreview")
    plugin = os.path.join(args.build, "lib", "libmemreview.so")
    if not os.access(memreview, os.X_OK):
        sys.exit("crosstu: no memreview at %s; build it first (scripts/build.sh)" % memreview)
    os.makedirs(OUT, exist_ok=True)
    start = time.time()
    summary = []

    inv = configure_inventory()
    r = {}
    whole_program(memreview, inv, max(3, args.repeat), r)
    summary.append(("whole program, %s" % inv.name, "%.2f x" % r["ratio"], "<= %.1f x" % WHOLE_TARGET,
                    r["ratio"] <= WHOLE_TARGET))
    summary.append(("warm re-run without summary work, %s" % inv.name, "", "", r["no_summary_work"]))
    bpf = database_size(inv, r)
    summary.append(("database, %s" % inv.name, "%.0f B/function" % bpf, "<= %d B" % BYTES_TARGET,
                    bpf <= BYTES_TARGET))
    print()

    gen = generate(args.units, args.seed)
    r = {}
    cold = whole_program(memreview, gen, args.repeat, r)
    summary.append(("whole program, %s" % gen.name, "%.2f x" % r["ratio"], "<= %.1f x" % WHOLE_TARGET,
                    r["ratio"] <= WHOLE_TARGET))
    summary.append(("warm re-run without summary work, %s" % gen.name, "", "", r["no_summary_work"]))
    cold_findings = cold.findings(gen.root)
    check_findings(gen, cold_findings)
    bpf = database_size(gen, r)
    summary.append(("database, %s" % gen.name, "%.0f B/function" % bpf, "<= %d B" % BYTES_TARGET,
                    bpf <= BYTES_TARGET))
    if not args.skip_determinism:
        same = determinism(memreview, gen)
        summary.append(("database identical for -j1 and -j2", "", "", same))
    incremental(memreview, gen, r, cold_findings)
    for case, o in r["incremental"].items():
        summary.append(("incremental (%s edit), run naming the file" % case, "%.2f x" % o["one"],
                        "<= %.1f x" % INCREMENTAL_TARGET, o["one"] <= INCREMENTAL_TARGET))
        summary.append(("incremental (%s edit), whole-program re-run" % case, "%.2f x" % o["whole"],
                        "<= %.1f x" % INCREMENTAL_TARGET, o["whole"] <= INCREMENTAL_TARGET))
        summary.append(("findings after the %s edit as expected" % case, "", "", o["ok"]))
    print()
    if not args.skip_plugin:
        sizes = [int(s) for s in args.sizes.split(",")]
        ok = plugin_memory(memreview, plugin, sizes, args.seed, args.repeat, cold_findings)
        summary.append(("plugin extra memory independent of program size", "", "", ok))
        print()

    print("== summary (%.0f s) ==" % (time.time() - start))
    for what, value, target, ok in summary:
        print("%-58s %16s %10s  %s" % (what, value, target, verdict(ok)))


if __name__ == "__main__":
    main()
