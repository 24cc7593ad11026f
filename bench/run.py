#!/usr/bin/env python3
"""Measures memreview against `clang-19 -fsyntax-only` on the same translation
units and prints the ratios of CPU time and of peak memory.

  bench/run.py [--build DIR] [--repeat N] [--functions N] [--callgrind]
               [--no-crosstu] [--units N] [--sizes A,B]

Inputs:
  examples  every translation unit of examples/inventory (through its
            compile_commands.json, configured into bench/out/)
  tests     every test input of test/checks (with the mock std headers)
  large     bench/gen_large.py: thousands of functions of the shapes the
            engine analyses, with the mock std headers (dense: most functions
            manage memory by hand)
  large-std the same functions with the real libstdc++ headers, as a real
            translation unit would include them

Each command runs --repeat times; the fastest run counts (the least disturbed
by other work on the machine). CPU time is user + system time of the process,
peak memory its largest resident set. With --callgrind the generated files are
also measured in instructions (valgrind), which do not depend on machine load.

Targets (issue 5): memreview's total time at most 1.3 x parse-only, its peak
memory at most 1.5 x parse-only's. These runs analyse one translation unit at a
time (the examples with --no-cross-tu): the whole-program mode and its summary
database (issue 8) are measured by bench/crosstu.py, which this script runs
afterwards (--no-crosstu skips it; --units and --sizes are passed to it).

Test inputs are compiled with the flags of their RUN line (-std, and what
follows '--'); one that still does not parse is skipped with the reason.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

import crosstu  # bench/, the script's own folder

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLANG = "clang-19"
TIME_TARGET = 1.3
MEMORY_TARGET = 1.5


def run_measured(command, cwd):
    """CPU seconds and peak RSS (KiB) of one run of command."""
    with open(os.devnull, "w") as null:
        proc = subprocess.Popen(command, cwd=cwd, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code


def best_of(command, cwd, repeat, allowed_codes):
    best_cpu, best_rss = None, 0
    for _ in range(repeat):
        cpu, rss, code = run_measured(command, cwd)
        if code not in allowed_codes:
            sys.exit("bench: %s exited with %d" % (" ".join(command), code))
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        best_rss = max(best_rss, rss)
    return best_cpu, best_rss


def callgrind_instructions(command, cwd):
    out = os.path.join(ROOT, "bench", "out", "callgrind.out")
    proc = subprocess.run(["valgrind", "--tool=callgrind",
                           "--callgrind-out-file=" + out] + command, cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          universal_newlines=True)
    m = re.search(r"Collected : (\d+)", proc.stderr)
    return int(m.group(1)) if m else None


class Unit:
    def __init__(self, group, name, cwd, parse_cmd, memreview_cmd):
        self.group, self.name, self.cwd = group, name, cwd
        self.parse_cmd, self.memreview_cmd = parse_cmd, memreview_cmd


def example_units(memreview):
    inventory = crosstu.configure_inventory()
    units = []
    for entry in inventory.entries:
        units.append(Unit("examples", os.path.relpath(entry["file"], ROOT),
                          entry["directory"], crosstu.parse_only_command(entry),
                          [memreview, "-p", inventory.build, entry["file"],
                           "--quiet", "-j1", "--no-cross-tu"]))
    return units


def run_line_flags(path, text, headers):
    """The compiler flags of a test input as its RUN line gives them to
    check_memreview.py: -std (c++17 unless the line says otherwise), the mock
    std headers, and what follows '--', with lit's %s and %S substituted."""
    std = "c++17"
    extra = []
    for line in text.splitlines():
        m = re.search(r"RUN:\s*%check_memreview\s+(.*)$", line)
        if not m:
            continue
        args = m.group(1).replace("%s", path).replace("%S", os.path.dirname(path))
        words = shlex.split(args)
        if "--" in words:
            extra = words[words.index("--") + 1:]
            words = words[:words.index("--")]
        for i, w in enumerate(words):
            if w.startswith("-std="):
                std = w[len("-std="):]
            elif w == "-std" and i + 1 < len(words):
                std = words[i + 1]
        break
    return ["-std=" + std, "-nostdinc++", "-isystem", headers] + extra


def test_units(memreview):
    headers = os.path.join(ROOT, "test", "Inputs", "Headers")
    units = []
    checks_dir = os.path.join(ROOT, "test", "checks")
    for name in sorted(os.listdir(checks_dir)):
        if not name.endswith(".cpp"):
            continue
        path = os.path.join(checks_dir, name)
        text = open(path).read()
        flags = run_line_flags(path, text, headers)
        parse = [CLANG, "-fsyntax-only"] + flags + [path]
        # A test input that does not parse on its own (one that expects a
        # compile error, say) measures nothing: skipped, with the reason.
        proc = subprocess.run(parse, cwd=checks_dir, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, universal_newlines=True)
        if proc.returncode != 0:
            first = (proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[0]
            print("bench: skipping test/checks/%s: it does not parse with the flags of "
                  "its RUN line: %s" % (name, first))
            continue
        units.append(Unit("tests", "test/checks/" + name, checks_dir, parse,
                          [memreview, path, "--quiet", "-j1", "--"] + flags))
    return units


def generated_units(memreview, out, functions):
    large = os.path.join(out, "large.cpp")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_large.py"),
                    "-n", str(functions), "-o", large], check=True)
    headers = os.path.join(ROOT, "test", "Inputs", "Headers")
    mock = ["-std=c++17", "-nostdinc++", "-isystem", headers]
    real = ["-std=c++17"]
    return [
        Unit("large", "large.cpp (mock std headers)", out,
             [CLANG, "-fsyntax-only"] + mock + [large],
             [memreview, large, "--quiet", "-j1", "--"] + mock),
        Unit("large-std", "large.cpp (libstdc++ headers)", out,
             [CLANG, "-fsyntax-only"] + real + [large],
             [memreview, large, "--quiet", "-j1", "--"] + real),
    ]


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--functions", type=int, default=4000)
    p.add_argument("--callgrind", action="store_true")
    p.add_argument("--no-crosstu", action="store_true",
                   help="skip the whole-program measurements (bench/crosstu.py)")
    p.add_argument("--units", type=int, default=300,
                   help="units of the generated project of bench/crosstu.py")
    p.add_argument("--sizes", default="100,400",
                   help="project sizes of the plugin memory measurement")
    args = p.parse_args()
    args.build = os.path.abspath(args.build)

    memreview = os.path.join(args.build, "bin", "memreview")
    if not os.access(memreview, os.X_OK):
        sys.exit("bench: no memreview at %s; build it first (scripts/build.sh)" % memreview)
    out = os.path.join(ROOT, "bench", "out")
    os.makedirs(out, exist_ok=True)

    units = (example_units(memreview) + test_units(memreview) +
             generated_units(memreview, out, args.functions))

    groups = {}
    print("%-48s %9s %9s %6s %9s %9s %6s" % ("translation unit", "parse s", "memrev s",
                                             "ratio", "parse MB", "memrev MB", "ratio"))
    for u in units:
        pc, pr = best_of(u.parse_cmd, u.cwd, args.repeat, (0,))
        mc, mr = best_of(u.memreview_cmd, u.cwd, args.repeat, (0, 1))
        g = groups.setdefault(u.group, [0.0, 0.0, 0, 0, 0])
        g[0] += pc
        g[1] += mc
        g[2] = max(g[2], pr)
        g[3] = max(g[3], mr)
        g[4] += 1
        if u.group in ("large", "large-std", "examples"):
            print("%-48s %9.3f %9.3f %6.2f %9.1f %9.1f %6.2f" % (
                u.name[-48:], pc, mc, mc / pc if pc else 0, pr / 1024, mr / 1024,
                mr / pr if pr else 0))

    print()
    print("%-20s %5s %9s %9s %6s %9s %9s %6s" % ("group", "units", "parse s", "memrev s",
                                                 "time", "parse MB", "memrev MB", "memory"))
    total = [0.0, 0.0, 0, 0]
    for name, g in groups.items():
        print("%-20s %5d %9.3f %9.3f %6.2f %9.1f %9.1f %6.2f" % (
            name, g[4], g[0], g[1], g[1] / g[0], g[2] / 1024, g[3] / 1024, g[3] / g[2]))
        total[0] += g[0]
        total[1] += g[1]
        total[2] = max(total[2], g[2])
        total[3] = max(total[3], g[3])
    time_ratio = total[1] / total[0]
    memory_ratio = total[3] / total[2]
    print("%-20s %5s %9.3f %9.3f %6.2f %9.1f %9.1f %6.2f" % (
        "all", "", total[0], total[1], time_ratio, total[2] / 1024, total[3] / 1024,
        memory_ratio))
    print()
    print("time ratio   %.2f (target <= %.1f): %s" % (
        time_ratio, TIME_TARGET, "meets the target" if time_ratio <= TIME_TARGET else "MISSES the target"))
    print("memory ratio %.2f (target <= %.1f): %s" % (
        memory_ratio, MEMORY_TARGET,
        "meets the target" if memory_ratio <= MEMORY_TARGET else "MISSES the target"))

    if args.callgrind:
        print()
        for u in units:
            if u.group not in ("large", "large-std"):
                continue
            pi = callgrind_instructions(u.parse_cmd, u.cwd)
            mi = callgrind_instructions(u.memreview_cmd, u.cwd)
            if pi and mi:
                print("instructions %-32s parse %d, memreview %d, ratio %.2f" % (
                    u.name, pi, mi, mi / pi))


    if not args.no_crosstu:
        # The whole-program mode (issue 8): bench/crosstu.py.
        print()
        sys.stdout.flush()
        crosstu.main(["--build", args.build, "--units", str(args.units),
                      "--sizes", args.sizes])


if __name__ == "__main__":
    main()
