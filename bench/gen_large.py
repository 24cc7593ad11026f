#!/usr/bin/env python3
"""Generates a large translation unit of the shapes memreview's engine and
checks analyse: correlated branches, release helpers, factories, error paths
that return early, loops that allocate per iteration, values passed through
structs, containers and classes owning memory, shared_ptr graphs, plus
ordinary code without ownership. Roughly one function in four is buggy.

  gen_large.py [-n FUNCTIONS] [-o OUT]
"""
import argparse
import random

PRELUDE = r'''
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

struct Buffer { char *data; int size; };
struct Node { Node *next; int value; };
struct Connection { int fd; char *name; };
extern void log_message(const char *msg);
extern void consume(Connection *c);
extern int poll_events(int fd);
static void release_buffer(Buffer *b) { free(b->data); delete b; }
static Buffer *make_buffer(int n) {
  Buffer *b = new Buffer;
  b->data = (char *)malloc(n);
  b->size = n;
  return b;
}
static Connection *open_connection(int fd) {
  if (fd < 0)
    return nullptr;
  Connection *c = new Connection;
  c->fd = fd;
  c->name = strdup("peer");
  return c;
}
static void close_connection(Connection *c) {
  if (!c)
    return;
  free(c->name);
  delete c;
}
'''

SHAPES = []

def shape(f):
    SHAPES.append(f)
    return f

@shape
def correlated(i, bug):
    second = "mode == 2" if bug else "mode == 1"
    return f'''
int correlated_{i}(int mode, int n) {{
  char *scratch = nullptr;
  if (mode == 1)
    scratch = (char *)malloc(n + {i % 7 + 1});
  int total = 0;
  for (int k = 0; k < n; ++k)
    total += k * {i % 5 + 1};
  if ({second})
    free(scratch);
  return total;
}}
'''

@shape
def helper_release(i, bug):
    rel = "" if bug else "  release_buffer(b);\n"
    return f'''
int helper_{i}(int n) {{
  Buffer *b = make_buffer(n + {i % 9});
  if (!b->data) {{
    release_buffer(b);
    return -1;
  }}
  memset(b->data, 0, b->size);
  int size = b->size;
{rel}  return size;
}}
'''

@shape
def early_return(i, bug):
    cleanup = "" if bug else "    close_connection(c);\n"
    return f'''
int early_{i}(int fd) {{
  Connection *c = open_connection(fd);
  if (!c)
    return -1;
  int events = poll_events(c->fd);
  if (events < 0) {{
{cleanup}    return -2;
  }}
  consume(c);
  return events;
}}
'''

@shape
def loop_alloc(i, bug):
    rel = "" if bug else "    delete node;\n"
    return f'''
int loop_{i}(int count) {{
  int sum = 0;
  for (int k = 0; k < count; ++k) {{
    Node *node = new Node{{nullptr, k}};
    sum += node->value;
{rel}  }}
  return sum;
}}
'''

@shape
def through_struct(i, bug):
    rel = "free(holder.data);" if not bug else "holder.size = 0;"
    return f'''
void struct_{i}(int n) {{
  Buffer holder;
  holder.data = (char *)calloc(n, {i % 3 + 1});
  holder.size = n;
  Buffer copy = holder;
  log_message(copy.data);
  {rel}
}}
'''

@shape
def smart(i, bug):
    return f'''
std::unique_ptr<Node> smart_{i}(int v) {{
  auto head = std::make_unique<Node>();
  head->value = v + {i};
  std::vector<std::unique_ptr<Node>> list;
  list.push_back(std::move(head));
  return std::make_unique<Node>();
}}
'''

@shape
def arithmetic(i, bug):
    return f'''
int arith_{i}(int a, int b) {{
  int r = 0;
  for (int k = 0; k < a; ++k) {{
    if (k % {i % 4 + 2} == 0)
      r += b;
    else
      r -= k;
  }}
  switch (r & 3) {{
  case 0: return r;
  case 1: return r * 2;
  default: return -r;
  }}
}}
'''

@shape
def owning_class(i, bug):
    dtor = "" if bug else f"  ~Holder_{i}() {{ delete[] items; }}\n  Holder_{i}(const Holder_{i} &) = delete;\n  Holder_{i} &operator=(const Holder_{i} &) = delete;\n"
    return f'''
class Holder_{i} {{
public:
  explicit Holder_{i}(int n) : items(new int[n]), count(n) {{}}
{dtor}  int sum() const {{
    int s = 0;
    for (int k = 0; k < count; ++k)
      s += items[k];
    return s;
  }}
private:
  int *items;
  int count;
}};
int use_holder_{i}(int n) {{ Holder_{i} h(n); return h.sum(); }}
'''


@shape
def container_local(i, bug):
    cleanup = "" if bug else "  for (Node *n : nodes)\n    delete n;\n"
    return f'''
int container_{i}(int count) {{
  std::vector<Node *> nodes;
  for (int k = 0; k < count; ++k)
    nodes.push_back(new Node{{nullptr, k + {i % 5}}});
  int sum = 0;
  for (Node *n : nodes)
    sum += n->value;
{cleanup}  return sum;
}}
'''

@shape
def container_member(i, bug):
    dtor = "" if bug else f"  ~Registry_{i}() {{\n    for (Connection *c : open_)\n      close_connection(c);\n  }}\n"
    return f'''
class Registry_{i} {{
public:
{dtor}  void add(int fd) {{
    Connection *c = open_connection(fd);
    if (c)
      open_.push_back(c);
  }}
  int size() const {{ return (int)open_.size(); }}
private:
  std::vector<Connection *> open_;
}};
'''

@shape
def shared_graph(i, bug):
    back = "std::shared_ptr" if bug else "std::weak_ptr"
    return f'''
struct Child_{i};
struct Parent_{i} {{
  std::vector<std::shared_ptr<Child_{i}>> children;
  int id = {i};
}};
struct Child_{i} {{
  {back}<Parent_{i}> parent;
  int id = {i};
}};
int link_{i}() {{
  auto p = std::make_shared<Parent_{i}>();
  auto c = std::make_shared<Child_{i}>();
  c->parent = p;
  p->children.push_back(c);
  return p->id + c->id;
}}
'''


def main():
    p = argparse.ArgumentParser()
    p.add_argument("-n", type=int, default=4000)
    p.add_argument("-o", default="-")
    args = p.parse_args()
    rnd = random.Random(7)
    out = [PRELUDE]
    for i in range(args.n):
        f = SHAPES[i % len(SHAPES)]
        out.append(f(i, rnd.random() < 0.25))
    text = "".join(out)
    if args.o == "-":
        print(text)
    else:
        open(args.o, "w").write(text)


if __name__ == "__main__":
    main()
