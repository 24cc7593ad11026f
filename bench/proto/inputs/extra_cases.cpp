// Extra probes beyond the hardest pair: where does the dataflow-framework
// model break?  Same ok_/bug_ convention as hardest_pair.cpp.
#include <cstdlib>

void work();
int compute(int x);
static void releaseBuffer(char *p) { free(p); }
static void releaseVia2(char *p) { releaseBuffer(p); }     // 2-level helper
static void releaseVia3(char *p) { releaseVia2(p); }       // 3-level helper

// alloc before loop, free after loop, condition correlated across the loop
void ok_loop_between(int mode, int n) {
  char *p = NULL;
  if (mode == 1)
    p = (char *)malloc(8);
  for (int i = 0; i < n; ++i)
    work();
  if (mode == 1)
    free(p);
}

// alloc and free inside a loop with `continue` on null
void ok_loop_inside(int n) {
  for (int i = 0; i < n; ++i) {
    char *b = (char *)malloc(16);
    if (!b)
      continue;
    work();
    free(b);
  }
}

// copy through a second variable
void ok_copy(bool flag) {
  char *p = nullptr;
  if (flag)
    p = (char *)malloc(4);
  char *q = p;
  if (flag)
    releaseBuffer(q);
}

// the mode variable changes between the two tests -> correlation must break
void bug_mode_reassigned(int mode) {
  char *p = NULL;
  if (mode == 1)
    p = (char *)malloc(8);
  mode = compute(mode);
  if (mode == 1)
    free(p);
}

// switch instead of if
void ok_switch(int mode) {
  char *p = NULL;
  switch (mode) {
  case 3: p = (char *)malloc(8); break;
  default: break;
  }
  work();
  if (mode == 3)
    free(p);
}

// relational condition instead of equality
void ok_relational(int n) {
  char *p = NULL;
  if (n > 10)
    p = (char *)malloc(n);
  work();
  if (n > 10)
    free(p);
}

// ternary allocation
void ok_ternary(bool flag) {
  char *p = flag ? (char *)malloc(8) : nullptr;
  if (flag)
    free(p);
}

// helper chain depth 3 (inline depth limit is 2 by default)
void ok_deep_helper() {
  char *p = (char *)malloc(8);
  releaseVia3(p);
}

// early return with the release hoisted into both branches
void ok_both_branches(bool a, bool b) {
  char *p = (char *)malloc(8);
  if (!p) return;
  if (a && b) {
    free(p);
    return;
  }
  free(p);
}

void bug_and_condition(bool a, bool b) {
  char *p = (char *)malloc(8);
  if (!p) return;
  if (a && b)
    return;                       // leak when a && b
  free(p);
}

// plain leak, no branches
void bug_plain() {
  char *p = (char *)malloc(8);
  p[0] = 1;
}

// release inside a loop, guarded by the pointer itself (needs widening)
void ok_free_once_in_loop(int n) {
  char *p = (char *)malloc(8);
  for (int i = 0; i < n; ++i) {
    if (p) {
      free(p);
      p = nullptr;
    }
    work();
  }
  if (p)
    free(p);
}

// loop that conditionally frees: genuinely leaks when n <= 0 and !flag
void bug_loop_cond_free(int n, bool flag) {
  char *p = (char *)malloc(8);
  if (!p) return;
  for (int i = 0; i < n; ++i) {
    if (flag) {
      free(p);
      return;
    }
    work();
  }
}
