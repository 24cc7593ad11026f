// Hardest pair for memreview's ownership engine prototype.
// Convention: functions named ok_* must NOT be reported; bug_* MUST be
// reported (exactly one leak each). `work()` / `log_error()` are opaque
// external calls that take no pointer.
#include <cstdlib>

void work();
void log_error(int code);
int compute(int x);

// ---------------------------------------------------------------- helpers
static void releaseBuffer(char *p) { free(p); }
static void releaseBufferNoop(char *p) { (void)p; }          // forgets to free
static void releaseIfSet(char *p, int should) { if (should) free(p); }

struct Widget { int a; int b; };
static void destroyWidget(Widget *w) { delete w; }
static void destroyWidgetNoop(Widget *w) { (void)w; }        // forgets to delete

// ------------------------------------------------ (a) int mode, malloc/free
void ok_a_mode(int mode) {
  char *p = NULL;
  if (mode == 1)
    p = (char *)malloc(16);
  work();
  if (mode == 1)
    releaseBuffer(p);
}

void bug_a_mode_other_cond(int mode) {
  char *p = NULL;
  if (mode == 1)
    p = (char *)malloc(16);
  work();
  if (mode == 2)                   // different condition -> leak when mode==1
    releaseBuffer(p);
}

void bug_a_mode_helper_noop(int mode) {
  char *p = NULL;
  if (mode == 1)
    p = (char *)malloc(16);
  work();
  if (mode == 1)
    releaseBufferNoop(p);          // helper does not free -> leak
}

void ok_a_flag(bool flag) {
  char *p = nullptr;
  if (flag)
    p = static_cast<char *>(malloc(32));
  work();
  if (flag)
    releaseBuffer(p);
}

void bug_a_flag_negated(bool flag) {
  char *p = nullptr;
  if (flag)
    p = static_cast<char *>(malloc(32));
  work();
  if (!flag)                       // wrong polarity -> leak when flag
    releaseBuffer(p);
}

void ok_a_cond_helper(int mode) {
  char *p = NULL;
  if (mode == 1)
    p = (char *)malloc(16);
  work();
  releaseIfSet(p, mode == 1);      // condition passed into the helper
}

// --------------------------------------------- (b) bool flag, new/delete
void ok_b_flag(bool flag) {
  Widget *w = nullptr;
  if (flag)
    w = new Widget();
  work();
  if (flag)
    destroyWidget(w);
}

void bug_b_other_flag(bool flag, bool flag2) {
  Widget *w = nullptr;
  if (flag)
    w = new Widget();
  work();
  if (flag2)                       // unrelated flag -> leak when flag && !flag2
    destroyWidget(w);
}

void bug_b_helper_noop(bool flag) {
  Widget *w = nullptr;
  if (flag)
    w = new Widget();
  work();
  if (flag)
    destroyWidgetNoop(w);          // helper does not delete -> leak
}

// ------------------------------------ (c) correlated early-return error path
void ok_c_error_path(int n, int err) {
  char *p = (char *)malloc(n);
  if (!p)
    return;
  p[0] = 0;
  if (err) {
    log_error(err);
    releaseBuffer(p);
    return;
  }
  work();
  releaseBuffer(p);
}

void bug_c_error_path(int n, int err) {
  char *p = (char *)malloc(n);
  if (!p)
    return;
  p[0] = 0;
  if (err) {
    log_error(err);
    return;                        // forgot releaseBuffer(p) -> leak
  }
  work();
  releaseBuffer(p);
}

void ok_c_null_compare(int n, int err) {
  char *p = (char *)malloc(n);
  if (p == NULL)
    return;
  if (err != 0) {
    releaseBuffer(p);
    return;
  }
  releaseBuffer(p);
}

void bug_c_null_compare(int n, int err) {
  char *p = (char *)malloc(n);
  if (p == NULL)
    return;
  if (err != 0)
    return;                        // leak on error path
  releaseBuffer(p);
}

void ok_c_new_twice_correlated(int err) {
  Widget *w = new Widget();
  if (err) {
    destroyWidget(w);
    return;
  }
  w->a = compute(1);
  destroyWidget(w);
}

void bug_c_new_error_path(int err) {
  Widget *w = new Widget();
  if (err)
    return;                        // leak
  w->a = compute(1);
  destroyWidget(w);
}
