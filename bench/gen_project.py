#!/usr/bin/env python3
"""Generates a multi-file C++17 project (no build system: it writes
compile_commands.json itself, for clang++-19 and the real libstdc++ headers)
whose ownership crosses translation units everywhere, for the whole-program
benchmark (bench/crosstu.py).

  gen_project.py [-n UNITS] [--seed S] -o DIR

The project is a set of modules (namespaces m000, m001, ...) of 14 units each,
plus 3 common units; -n gives the approximate number of units. A module is:

  include/mNNN/mNNN.h  the module's types and declarations
  src/mNNN/
    factory.cpp    make_item (new), make_label (new[]), make_counts (malloc)
    chain.cpp      build_item: make_item + make_label (a factory of factories)
    assemble.cpp   assemble_item: build_item (third factory of the chain) and
                   import_item: the previous module's assemble_item
    release.cpp    free_item, free_label, free_counts (release helpers),
                   touch_item (reads only), release_stats (plain arithmetic)
    pool_ctor.cpp  Pool::Pool and Cache::Cache allocate their members
    pool_dtor.cpp  Pool::~Pool and Cache::~Cache release them
    sink_a.cpp     DeletingSink: overrides of Sink::take (releases through
                   free_item) and Sink::peek (reads)
    sink_b.cpp     CountingSink: the same, and ModTask, an override of the
                   program-wide Task::consume
    fill.cpp       fill_items: fills a std::vector<Item *> with fresh items
    drain.cpp      drain_items: releases every element; count_items: reads
    user_a.cpp     callers of all of the above (correct code, and seeded bugs)
    user_b.cpp     more callers
    plain_a.cpp    plain code: strings, maps, algorithms, std::unique_ptr
    plain_b.cpp    more plain code
  src/common/      make_blob, free_blob and dispatch (calls Task::consume,
                   which every module overrides)

Module k's files depend only on --seed and k (not on -n), so the same unit
exists, byte for byte, in projects of every size that have module k.

Seeded bugs (two to four per module, chosen by a random generator seeded with
--seed and the module's number) are listed in DIR/expected.json with the file
and the line range of the function where a finding is expected; the rest of
the code is correct. expected.json also names the edits the incremental
benchmark makes: 'summary' (free_counts stops releasing: every correct caller
of free_counts now leaks) and 'neutral' (release_stats computes another
number: no summary changes).
"""

import argparse
import json
import os
import random

UNITS_PER_MODULE = 14
COMMON_UNITS = 3

COMMON_H = r'''#pragma once
// Program-wide types: every module overrides Task::consume.
struct Blob {
  int size;
  char *data;
};

struct Task {
  virtual ~Task() {}
  virtual void consume(Blob *blob) = 0;
};

Blob *make_blob(int size);
void free_blob(Blob *blob);
int dispatch(Task &task, int size);
'''

COMMON_BLOB = r'''#include "common.h"
#include <cstdlib>
#include <cstring>

Blob *make_blob(int size) {
  Blob *blob = new Blob;
  blob->size = size;
  blob->data = static_cast<char *>(std::malloc(size > 0 ? size : 1));
  std::memset(blob->data, 0, size > 0 ? size : 1);
  return blob;
}
'''

COMMON_FREE = r'''#include "common.h"
#include <cstdlib>

void free_blob(Blob *blob) {
  std::free(blob->data);
  delete blob;
}
'''

COMMON_DISPATCH = r'''#include "common.h"
#include <string>
#include <vector>

// Every override of Task::consume releases the blob.
int dispatch(Task &task, int size) {
  Blob *blob = make_blob(size);
  int n = blob->size;
  task.consume(blob);
  return n;
}

int dispatch_all(std::vector<Task *> &tasks, int size) {
  int total = 0;
  for (Task *task : tasks)
    total += dispatch(*task, size);
  return total;
}
'''


def module_header(k):
    prev = k - 1
    inc_prev = '#include "m%03d/m%03d.h"\n' % (prev, prev) if k > 0 else ""
    imp = ("m%03d::Item *import_item(int id); // assemble.cpp: m%03d::assemble_item\n"
           % (prev, prev)) if k > 0 else ""
    return r'''#pragma once
#include <string>
#include <vector>
#include "common.h"
%(inc_prev)s
namespace m%(k)03d {

struct Item {
  int id;
  int weight;
  char *label;
};

Item *make_item(int id);        // factory.cpp
char *make_label(int n);        // factory.cpp (new[])
int *make_counts(int n);        // factory.cpp (malloc)
Item *build_item(int id);       // chain.cpp
Item *assemble_item(int id);    // assemble.cpp
%(imp)s
void free_item(Item *item);     // release.cpp
void free_label(char *label);   // release.cpp
void free_counts(int *counts);  // release.cpp
void touch_item(Item *item);    // release.cpp
int release_stats(int x);       // release.cpp

class Pool { // constructor in pool_ctor.cpp, destructor in pool_dtor.cpp
public:
  explicit Pool(int n);
  ~Pool();
  Pool(const Pool &) = delete;
  Pool &operator=(const Pool &) = delete;
  int size() const { return count; }
  void put(int i, int v) { slots[i %% count] = v; }

private:
  int *slots;
  int count;
};

class Cache {
public:
  explicit Cache(int n);
  ~Cache();
  Cache(const Cache &) = delete;
  Cache &operator=(const Cache &) = delete;
  void remember(int v) { last = v; }

private:
  Item *entry;
  int last;
};

struct Sink {
  virtual ~Sink() {}
  virtual void take(Item *item) = 0; // every override releases the item
  virtual void peek(Item *item) = 0; // every override only reads it
};
Sink *make_deleting_sink();     // sink_a.cpp
Sink *make_counting_sink();     // sink_b.cpp
Task *make_task();              // sink_b.cpp

void fill_items(std::vector<Item *> &items, int n); // fill.cpp
void drain_items(std::vector<Item *> &items);       // drain.cpp
int count_items(const std::vector<Item *> &items);  // drain.cpp

int plain_a_entry(const std::string &text);        // plain_a.cpp
int plain_b_entry(const std::vector<int> &values); // plain_b.cpp

} // namespace m%(k)03d
''' % {"k": k, "inc_prev": inc_prev, "imp": imp}


def ns_open(k, includes):
    lines = ['#include "m%03d/m%03d.h"' % (k, k)]
    lines += ["#include <%s>" % i for i in includes]
    return "\n".join(lines) + "\n\nnamespace m%03d {\n" % k


def ns_close(k):
    return "\n} // namespace m%03d\n" % k


class File:
    """Source text built function by function, with line ranges."""

    def __init__(self, path, head):
        self.path = path
        self.text = head
        self.functions = {}

    def add(self, name, body):
        first = self.text.count("\n") + 2  # after the blank line
        self.text += "\n" + body.rstrip("\n") + "\n"
        last = self.text.count("\n")
        self.functions[name] = (first, last)

    def close(self, tail):
        self.text += tail


# Correct callers: (name, body) with {n} for the function's number and
# {p} for the previous module's namespace.
CORRECT = [
    ("use_factory", '''int use_factory_{n}(int id) {{
  Item *item = make_item(id);
  touch_item(item);
  int weight = item->weight;
  free_item(item);
  return weight;
}}'''),
    ("use_label", '''int use_label_{n}(int n) {{
  char *label = make_label(n + 2);
  label[0] = 'a';
  label[1] = 0;
  int first = label[0];
  free_label(label);
  return first;
}}'''),
    ("use_counts", '''int use_counts_{n}(int n) {{
  int *counts = make_counts(n + 1);
  counts[0] = n;
  int result = counts[0] * 2;
  free_counts(counts);
  return result;
}}'''),
    ("use_chain", '''int use_chain_{n}(int id) {{
  Item *item = assemble_item(id);
  int weight = item->weight + item->id;
  free_item(item);
  return weight;
}}'''),
    ("early_return", '''int early_return_{n}(int id) {{
  Item *item = build_item(id);
  if (id < 0) {{
    free_item(item);
    return -1;
  }}
  item->weight += id;
  int weight = item->weight;
  free_item(item);
  return weight;
}}'''),
    ("use_pool", '''int use_pool_{n}(int n) {{
  Pool pool(n + 1);
  pool.put(0, n);
  return pool.size();
}}'''),
    ("use_sink", '''void use_sink_{n}(Sink &sink, int id) {{
  Item *item = make_item(id);
  sink.peek(item);
  sink.take(item);
}}'''),
    ("peek_then_free", '''int peek_then_free_{n}(Sink &sink, int id) {{
  Item *item = build_item(id);
  sink.peek(item);
  int weight = item->weight;
  free_item(item);
  return weight;
}}'''),
    ("use_container", '''int use_container_{n}(int n) {{
  std::vector<Item *> items;
  fill_items(items, n);
  int total = count_items(items);
  drain_items(items);
  return total;
}}'''),
    ("use_sinks", '''void use_sinks_{n}(int id) {{
  Sink *sink = (id % 2) ? make_deleting_sink() : make_counting_sink();
  sink->take(make_item(id));
  delete sink;
}}'''),
    ("counts_loop", '''int counts_loop_{n}(int n) {{
  int total = 0;
  for (int i = 0; i < n; ++i) {{
    int *counts = make_counts(4);
    counts[0] = i;
    total += counts[0];
    free_counts(counts);
  }}
  return total;
}}'''),
    ("unique_label", '''int unique_label_{n}(int n) {{
  std::unique_ptr<char[]> label(make_label(n + 1));
  label[0] = 'z';
  return label[0];
}}'''),
    ("use_task", '''int use_task_{n}(int size) {{
  Task *task = make_task();
  int n = dispatch(*task, size);
  delete task;
  return n;
}}'''),
]

CORRECT_IMPORT = ("use_import", '''int use_import_{n}(int id) {{
  {p}::Item *item = import_item(id);
  int weight = item->weight;
  {p}::free_item(item);
  return weight;
}}''')

# Seeded bugs: (kind, checks expected, body).
BUGS = [
    ("leak_factory", ["memreview-leak"], '''int bug_leak_factory_{n}(int id) {{
  Item *item = make_item(id);
  touch_item(item);
  return item->weight;
}}'''),
    ("leak_chain", ["memreview-leak"], '''int bug_leak_chain_{n}(int id) {{
  Item *item = assemble_item(id);
  return item->id;
}}'''),
    ("double_delete_helper", ["memreview-double-delete"], '''void bug_double_delete_{n}(int id) {{
  Item *item = make_item(id);
  free_item(item);
  delete item;
}}'''),
    ("use_after_release", ["memreview-use-after-delete"], '''int bug_use_after_release_{n}(int id) {{
  Item *item = build_item(id);
  free_item(item);
  return item->weight;
}}'''),
    ("mismatched", ["memreview-mismatched-deallocation"], '''void bug_mismatched_{n}(int n) {{
  char *label = make_label(n + 1);
  label[0] = 0;
  delete label;
}}'''),
    ("sink_double", ["memreview-double-delete"], '''void bug_sink_double_{n}(Sink &sink, int id) {{
  Item *item = make_item(id);
  sink.take(item);
  free_item(item);
}}'''),
    ("sink_peek_leak", ["memreview-leak"], '''void bug_sink_peek_leak_{n}(Sink &sink, int id) {{
  Item *item = make_item(id);
  sink.peek(item);
}}'''),
    ("container_leak", ["memreview-leak", "memreview-container-owning-pointers"],
     '''int bug_container_leak_{n}(int n) {{
  std::vector<Item *> items;
  fill_items(items, n);
  return count_items(items);
}}'''),
    ("counts_early", ["memreview-leak"], '''int bug_counts_early_{n}(int n) {{
  int *counts = make_counts(n + 1);
  if (n > 8)
    return -1;
  counts[0] = n;
  int r = counts[0];
  free_counts(counts);
  return r;
}}'''),
]

BUG_IMPORT = ("leak_import", ["memreview-leak"], '''int bug_leak_import_{n}(int id) {{
  {p}::Item *item = import_item(id);
  return item->id;
}}''')

PLAIN = [
    '''int word_count_{n}(const std::string &text) {{
  int words = 0;
  bool in_word = false;
  for (char c : text) {{
    bool space = c == ' ' || c == '\\t' || c == '\\n';
    if (!space && !in_word)
      ++words;
    in_word = !space;
  }}
  return words;
}}''',
    '''std::map<std::string, int> histogram_{n}(const std::vector<std::string> &words) {{
  std::map<std::string, int> counts;
  for (const std::string &w : words)
    ++counts[w];
  return counts;
}}''',
    '''std::vector<int> sorted_unique_{n}(std::vector<int> values) {{
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}}''',
    '''std::string join_{n}(const std::vector<std::string> &parts, char sep) {{
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {{
    if (i)
      out += sep;
    out += parts[i];
  }}
  return out;
}}''',
    '''struct Config_{n} {{
  std::string name;
  std::vector<int> limits;
  std::unique_ptr<int> extra;
}};

int configure_{n}(const std::string &name, int limit) {{
  Config_{n} config;
  config.name = name;
  config.limits.push_back(limit);
  config.extra = std::make_unique<int>(limit * 2);
  return *config.extra + static_cast<int>(config.name.size());
}}''',
    '''long checksum_{n}(const std::vector<int> &values) {{
  long sum = 0;
  for (size_t i = 0; i < values.size(); ++i)
    sum = sum * 31 + values[i] * static_cast<long>(i + 1);
  return sum % 1000003;
}}''',
    '''class Counter_{n} {{
public:
  void add(const std::string &key) {{ ++table[key]; }}
  int get(const std::string &key) const {{
    auto it = table.find(key);
    return it == table.end() ? 0 : it->second;
  }}

private:
  std::map<std::string, int> table;
}};

int count_keys_{n}(const std::vector<std::string> &keys) {{
  Counter_{n} counter;
  for (const std::string &k : keys)
    counter.add(k);
  return keys.empty() ? 0 : counter.get(keys.front());
}}''',
    '''std::vector<std::unique_ptr<std::string>> own_strings_{n}(int n) {{
  std::vector<std::unique_ptr<std::string>> out;
  for (int i = 0; i < n; ++i)
    out.push_back(std::make_unique<std::string>(std::to_string(i)));
  return out;
}}''',
    '''int clamp_sum_{n}(const std::vector<int> &values, int lo, int hi) {{
  int total = 0;
  for (int v : values)
    total += std::min(hi, std::max(lo, v));
  return total;
}}''',
]


def gen_module(k, seed):
    rng = random.Random("%d:module:%d" % (seed, k))
    ns = "m%03d" % k
    p = "m%03d" % (k - 1) if k > 0 else None
    d = "src/" + ns
    files = {}
    bugs = []

    def new(name, includes, extra_head=""):
        f = File("%s/%s" % (d, name), ns_open(k, includes) + extra_head)
        files[name] = f
        return f

    # Seeded bugs of this module.
    kinds = list(BUGS) + ([BUG_IMPORT] if k > 0 else [])
    chosen = rng.sample(kinds, rng.randint(2, 3))
    cache_bug = rng.random() < 0.25

    f = new("factory.cpp", ["cstdlib"])
    f.add("make_item", '''Item *make_item(int id) {
  Item *item = new Item;
  item->id = id;
  item->weight = 0;
  item->label = nullptr;
  return item;
}''')
    f.add("make_label", '''char *make_label(int n) {
  char *label = new char[n > 0 ? n : 1];
  label[0] = 0;
  return label;
}''')
    f.add("make_counts", '''int *make_counts(int n) {
  return static_cast<int *>(std::calloc(n > 0 ? n : 1, sizeof(int)));
}''')
    f.close(ns_close(k))

    f = new("chain.cpp", [])
    f.add("build_item", '''Item *build_item(int id) {
  Item *item = make_item(id);
  item->label = make_label(16);
  item->weight = id %% %d;
  return item;
}''' % rng.randint(3, 17))
    f.close(ns_close(k))

    f = new("assemble.cpp", [])
    f.add("assemble_item", '''Item *assemble_item(int id) {
  Item *item = build_item(id);
  item->weight += 1;
  return item;
}''')
    if k > 0:
        f.add("import_item", '''%s::Item *import_item(int id) {
  %s::Item *item = %s::assemble_item(id);
  item->weight *= 2;
  return item;
}''' % (p, p, p))
    f.close(ns_close(k))

    f = new("release.cpp", ["cstdlib"])
    f.add("free_label", '''void free_label(char *label) { delete[] label; }''')
    f.add("free_item", '''void free_item(Item *item) {
  free_label(item->label);
  delete item;
}''')
    f.add("free_counts", '''void free_counts(int *counts) { std::free(counts); }''')
    f.add("touch_item", '''void touch_item(Item *item) { item->weight++; }''')
    f.add("release_stats", '''int release_stats(int x) { return x * 3 + %d; }''' % rng.randint(1, 9))
    f.close(ns_close(k))

    f = new("pool_ctor.cpp", [])
    f.add("Pool::Pool", '''Pool::Pool(int n) : slots(new int[n > 0 ? n : 1]), count(n > 0 ? n : 1) {
  for (int i = 0; i < count; ++i)
    slots[i] = 0;
}''')
    f.add("Cache::Cache", '''Cache::Cache(int n) : entry(make_item(n)), last(0) {}''')
    f.close(ns_close(k))

    f = new("pool_dtor.cpp", [])
    f.add("Pool::~Pool", '''Pool::~Pool() { delete[] slots; }''')
    if cache_bug:
        f.add("Cache::~Cache", '''Cache::~Cache() { last = entry->weight; }''')
    else:
        f.add("Cache::~Cache", '''Cache::~Cache() { free_item(entry); }''')
    f.close(ns_close(k))

    f = new("sink_a.cpp", [], '''
struct DeletingSink : Sink {
  void take(Item *item) override;
  void peek(Item *item) override;
};
''')
    f.add("DeletingSink::take", '''void DeletingSink::take(Item *item) { free_item(item); }''')
    f.add("DeletingSink::peek", '''void DeletingSink::peek(Item *item) { item->weight += 1; }''')
    f.add("make_deleting_sink", '''Sink *make_deleting_sink() { return new DeletingSink; }''')
    f.close(ns_close(k))

    f = new("sink_b.cpp", [], '''
struct CountingSink : Sink {
  int taken = 0;
  void take(Item *item) override;
  void peek(Item *item) override;
};

struct ModTask : Task {
  int consumed = 0;
  void consume(Blob *blob) override;
};
''')
    f.add("CountingSink::take", '''void CountingSink::take(Item *item) {
  taken += item->weight;
  free_item(item);
}''')
    f.add("CountingSink::peek", '''void CountingSink::peek(Item *item) { taken += item->id; }''')
    f.add("make_counting_sink", '''Sink *make_counting_sink() { return new CountingSink; }''')
    f.add("ModTask::consume", '''void ModTask::consume(Blob *blob) {
  consumed += blob->size;
  free_blob(blob);
}''')
    f.add("make_task", '''Task *make_task() { return new ModTask; }''')
    f.close(ns_close(k))

    f = new("fill.cpp", [])
    f.add("fill_items", '''void fill_items(std::vector<Item *> &items, int n) {
  for (int i = 0; i < n; ++i)
    items.push_back(make_item(i));
}''')
    f.close(ns_close(k))

    f = new("drain.cpp", [])
    f.add("drain_items", '''void drain_items(std::vector<Item *> &items) {
  for (Item *item : items)
    free_item(item);
  items.clear();
}''')
    f.add("count_items", '''int count_items(const std::vector<Item *> &items) {
  int total = 0;
  for (const Item *item : items)
    total += item->weight;
  return total;
}''')
    f.close(ns_close(k))

    # Callers: every correct shape once over the two files (shuffled), a few
    # more at random, the seeded bugs, and the users of Cache.
    correct = list(CORRECT) + ([CORRECT_IMPORT] if k > 0 else [])
    correct += [rng.choice(correct) for _ in range(rng.randint(2, 6))]
    rng.shuffle(correct)
    items = [("ok", c) for c in correct] + [("bug", b) for b in chosen]
    rng.shuffle(items)
    users = [new("user_a.cpp", ["memory"]), new("user_b.cpp", ["memory"])]
    n = 0
    for i, (what, entry) in enumerate(items):
        f = users[i % 2]
        n += 1
        if what == "ok":
            name, body = entry
            f.add("%s_%d" % (name, n), body.format(n=n, p=p))
        else:
            kind, checks, body = entry
            fname = "bug_%s_%d" % (kind, n)
            f.add(fname, body.format(n=n, p=p))
            first, last = f.functions[fname]
            bugs.append({"file": f.path, "function": fname, "first": first,
                         "last": last, "kind": kind, "checks": checks})
    # Cache users: leak only when Cache's destructor is the buggy one.
    f = users[1]
    n += 1
    fname = "use_cache_%d" % n
    f.add(fname, '''int use_cache_%d(int n) {
  Cache cache(n);
  cache.remember(n);
  return n;
}''' % n)
    if cache_bug:
        first, last = f.functions[fname]
        bugs.append({"file": f.path, "function": fname, "first": first,
                     "last": last, "kind": "cache_dtor_user",
                     "checks": ["memreview-leak"]})
        ctor = files["pool_ctor.cpp"]
        first, last = ctor.functions["Cache::Cache"]
        bugs.append({"file": ctor.path, "function": "Cache::Cache", "first": first,
                     "last": last, "kind": "cache_dtor",
                     "checks": ["memreview-owning-member"]})
    for f in users:
        f.close(ns_close(k))

    for name, includes in (("plain_a.cpp", ["algorithm", "map", "memory"]),
                           ("plain_b.cpp", ["algorithm", "map", "memory", "numeric"])):
        f = new(name, includes)
        picks = rng.sample(range(len(PLAIN)), rng.randint(4, 7))
        for j, idx in enumerate(picks):
            f.add("plain_%d" % j, PLAIN[idx].format(n=j))
        if name == "plain_a.cpp":
            f.add("plain_a_entry", '''int plain_a_entry(const std::string &text) {
  return static_cast<int>(text.size()) + release_stats(1);
}''')
        else:
            f.add("plain_b_entry", '''int plain_b_entry(const std::vector<int> &values) {
  return std::accumulate(values.begin(), values.end(), 0);
}''')
        f.close(ns_close(k))

    # Callers of free_counts in correct code: what the 'summary' edit makes leak.
    callers = []
    for f in users:
        for fname, (first, last) in f.functions.items():
            if fname.startswith(("use_counts_", "counts_loop_")):
                callers.append({"file": f.path, "function": fname,
                                "first": first, "last": last})
    return files, bugs, callers


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def modules_for(units):
    return max(2, round((units - COMMON_UNITS) / UNITS_PER_MODULE))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--units", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args()

    out = os.path.abspath(args.out)
    modules = modules_for(args.units)
    units = []
    write(os.path.join(out, "include", "common.h"), COMMON_H)
    for name, text in (("blob.cpp", COMMON_BLOB), ("blob_free.cpp", COMMON_FREE),
                       ("dispatch.cpp", COMMON_DISPATCH)):
        write(os.path.join(out, "src", "common", name), text)
        units.append("src/common/" + name)
    expected = {"modules": modules, "seed": args.seed, "bugs": [],
                "functions": {}}
    edit_module = 1
    for k in range(modules):
        write(os.path.join(out, "include", "m%03d" % k, "m%03d.h" % k), module_header(k))
        files, bugs, callers = gen_module(k, args.seed)
        expected["bugs"] += bugs
        for f in files.values():
            write(os.path.join(out, f.path), f.text)
            units.append(f.path)
            expected["functions"][f.path] = f.functions
        if k == edit_module:
            release = "src/m%03d/release.cpp" % k
            stats_line = [l for l in files["release.cpp"].text.splitlines()
                          if l.startswith("int release_stats")][0]
            expected["edits"] = {
                "summary": {
                    "file": release,
                    "old": "void free_counts(int *counts) { std::free(counts); }",
                    "new": "void free_counts(int *counts) { counts[0] = 0; }",
                    "new_leaks": callers,
                },
                "neutral": {
                    "file": release,
                    "old": stats_line,
                    "new": stats_line.replace("x * 3", "x * 5"),
                    "new_leaks": [],
                },
            }
    expected["plugin_units"] = {
        "module": "src/m%03d/user_a.cpp" % edit_module,
        "dispatch": "src/common/dispatch.cpp",
    }
    commands = []
    for u in units:
        obj = "build/" + u[len("src/"):-len(".cpp")] + ".o"
        commands.append({
            "directory": out,
            "file": os.path.join(out, u),
            "arguments": ["clang++-19", "-std=c++17", "-Wall", "-I" + os.path.join(out, "include"),
                          "-c", os.path.join(out, u), "-o", obj],
        })
    write(os.path.join(out, "compile_commands.json"), json.dumps(commands, indent=1) + "\n")
    write(os.path.join(out, "expected.json"), json.dumps(expected, indent=1, sort_keys=True) + "\n")
    print("gen_project: %d units (%d modules), %d seeded bugs, in %s" % (
        len(units), modules, len(expected["bugs"]), out))


if __name__ == "__main__":
    main()
