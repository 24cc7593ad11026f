// RUN: %check_memreview %s memreview-mismatched-deallocation %t
#include <cstdlib>
#include <cstring>
#include <new>

struct Widget {
  int id = 0;
};
struct Record {
  int key = 0;
};
struct Message {
  char *body = nullptr;
};
void logAddress(const void *);

// ===== 'new' and 'new[]' =====

// A single object released with the array form.
void newReleasedWithArrayDelete() {
  Widget *widget = new Widget;
  delete[] widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is released with 'delete[]'; use 'delete' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: memory is allocated with 'new' here
}

// Twin: 'delete' for 'new'.
void newReleasedWithDelete() {
  Widget *widget = new Widget;
  delete widget;
}

// An array released with the single-object form.
void arrayNewReleasedWithDelete() {
  Record *records = new Record[4];
  delete records;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new[]' is released with 'delete'; use 'delete[]' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:21: note: memory is allocated with 'new[]' here
}

// Twin: 'delete[]' for 'new[]'.
void arrayNewReleasedWithArrayDelete() {
  Record *records = new Record[4];
  delete[] records;
}

// 'new (std::nothrow) T[n]' is still an array allocation.
void nothrowArrayReleasedWithDelete() {
  int *values = new (std::nothrow) int[4];
  delete values;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new[]' is released with 'delete'; use 'delete[]' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: memory is allocated with 'new[]' here
}

// Twin: 'delete[]' for it.
void nothrowArrayReleasedWithArrayDelete() {
  int *values = new (std::nothrow) int[4];
  delete[] values;
}

// ===== 'new' and the C allocator =====

// Memory of 'malloc' released with 'delete'.
void mallocReleasedWithDelete() {
  int *values = static_cast<int *>(std::malloc(4 * sizeof(int)));
  delete values;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'malloc' is released with 'delete'; use 'free' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:36: note: memory is allocated with 'malloc' here
}

// Twin: 'free' for 'malloc'.
void mallocReleasedWithFree() {
  int *values = static_cast<int *>(std::malloc(4 * sizeof(int)));
  std::free(values);
}

// An object of 'new' released with 'free'.
void newReleasedWithFree() {
  Widget *widget = new Widget;
  std::free(widget);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is released with 'free'; use 'delete' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: memory is allocated with 'new' here
}

// Twin: 'delete' for 'new', also when the allocation may fail.
void nothrowNewReleasedWithDelete() {
  Widget *widget = new (std::nothrow) Widget;
  delete widget;
}

// Memory of 'calloc' released with 'delete[]'.
void callocReleasedWithArrayDelete() {
  int *counts = static_cast<int *>(std::calloc(8, sizeof(int)));
  delete[] counts;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'calloc' is released with 'delete[]'; use 'free' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:36: note: memory is allocated with 'calloc' here
}

// Twin: 'free' for 'calloc'.
void callocReleasedWithFree() {
  int *counts = static_cast<int *>(std::calloc(8, sizeof(int)));
  std::free(counts);
}

// The copy made by 'strdup' released with 'delete[]'.
void strdupReleasedWithArrayDelete(const char *name) {
  char *copy = strdup(name);
  delete[] copy;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'strdup' is released with 'delete[]'; use 'free' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: memory is allocated with 'strdup' here
}

// Twin: 'free' for 'strdup'.
void strdupReleasedWithFree(const char *name) {
  char *copy = strdup(name);
  free(copy);
}

// The block returned by 'realloc' released with 'delete[]'.
void reallocResultReleasedWithArrayDelete() {
  char *buffer = static_cast<char *>(std::malloc(16));
  char *grown = static_cast<char *>(std::realloc(buffer, 64));
  if (grown)
    delete[] grown;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'realloc' is released with 'delete[]'; use 'free' [memreview-mismatched-deallocation]
    // CHECK-NOTES: :[[@LINE-4]]:37: note: memory is allocated with 'realloc' here
  else
    std::free(buffer);
}

// Twin: 'free' for what 'realloc' returns.
void reallocResultReleasedWithFree() {
  char *buffer = static_cast<char *>(std::malloc(16));
  char *grown = static_cast<char *>(std::realloc(buffer, 64));
  if (grown)
    std::free(grown);
  else
    std::free(buffer);
}

// 'realloc' of memory from 'new[]': 'realloc' releases the old block.
char *reallocOfArrayNew() {
  char *buffer = new char[8];
  return static_cast<char *>(std::realloc(buffer, 16));
  // CHECK-NOTES: :[[@LINE-1]]:30: warning: memory allocated with 'new[]' is released with 'realloc'; use 'delete[]' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: memory is allocated with 'new[]' here
}

// Twin: growing a 'new[]' buffer with 'new[]' and 'delete[]'.
char *growArrayNew() {
  char *buffer = new char[8];
  char *grown = new char[16];
  std::memcpy(grown, buffer, 8);
  delete[] buffer;
  return grown;
}

// ===== 'operator new' =====

// Raw memory of 'operator new' released with 'free'.
void operatorNewReleasedWithFree() {
  void *raw = ::operator new(64);
  std::free(raw);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'operator new' is released with 'free'; use 'operator delete' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: memory is allocated with 'operator new' here
}

// Twin: 'operator delete' for 'operator new'.
void operatorNewReleasedWithOperatorDelete() {
  void *raw = ::operator new(64);
  ::operator delete(raw);
}

// ===== Through aliases =====

// A copy of the pointer is released with the wrong form.
void mismatchThroughAlias() {
  char *buffer = new char[32];
  char *cursor = buffer;
  delete cursor;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new[]' is released with 'delete'; use 'delete[]' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-4]]:18: note: memory is allocated with 'new[]' here
}

// Twin: the copy is released with 'delete[]'.
void matchThroughAlias() {
  char *buffer = new char[32];
  char *cursor = buffer;
  delete[] cursor;
}

// A struct field holds an array released with 'delete'.
void mismatchThroughField() {
  Message message;
  message.body = new char[8];
  delete message.body;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new[]' is released with 'delete'; use 'delete[]' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: memory is allocated with 'new[]' here
}

// Twin: the field is released with 'delete[]'.
void matchThroughField() {
  Message message;
  message.body = new char[8];
  delete[] message.body;
}

// ===== Branches and early returns =====

// One branch allocates with 'malloc', and the release assumes 'new[]'.
void mismatchOnOneBranch(bool small) {
  char *buffer;
  if (small)
    buffer = new char[16];
  else
    buffer = static_cast<char *>(std::malloc(1024));
  logAddress(buffer);
  delete[] buffer;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'malloc' is released with 'delete[]'; use 'free' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-7]]:7: note: assuming 'small' is false
  // CHECK-NOTES: :[[@LINE-5]]:34: note: memory is allocated with 'malloc' here
}

// Twin: the release follows the same condition as the allocation.
void matchOnCorrelatedBranches(bool small) {
  char *buffer;
  if (small)
    buffer = new char[16];
  else
    buffer = static_cast<char *>(std::malloc(1024));
  logAddress(buffer);
  if (small)
    delete[] buffer;
  else
    std::free(buffer);
}

// The error path releases with 'free', the normal path with 'delete[]'.
bool loadWithWrongCleanupOnError(bool valid) {
  char *text = new char[256];
  if (!valid) {
    std::free(text);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new[]' is released with 'free'; use 'delete[]' [memreview-mismatched-deallocation]
    // CHECK-NOTES: :[[@LINE-4]]:16: note: memory is allocated with 'new[]' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: assuming '!valid' is true
    return false;
  }
  delete[] text;
  return true;
}

// Twin: both paths release with 'delete[]'.
bool loadWithCleanupOnError(bool valid) {
  char *text = new char[256];
  if (!valid) {
    delete[] text;
    return false;
  }
  delete[] text;
  return true;
}

// ===== Through calls =====

// A factory of this file returns 'new[]' memory; the caller uses 'delete'.
char *makeBuffer(std::size_t size) { return new char[size]; }

void factoryArrayReleasedWithDelete() {
  char *buffer = makeBuffer(64);
  delete buffer;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new[]' is released with 'delete'; use 'delete[]' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: memory is allocated by 'makeBuffer' here
}

// Twin: the caller uses 'delete[]'.
void factoryArrayReleasedWithArrayDelete() {
  char *buffer = makeBuffer(64);
  delete[] buffer;
}

// A helper of this file releases an array with 'delete'.
void releaseRecord(Record *record) { delete record; }

void helperReleasesArrayWithDelete() {
  Record *records = new Record[4];
  releaseRecord(records);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new[]' is released with 'delete' by 'releaseRecord'; use 'delete[]' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:21: note: memory is allocated with 'new[]' here
  // CHECK-NOTES: :[[@LINE-7]]:38: note: 'releaseRecord' releases it with 'delete' here
}

// Twin: a helper that releases with the right form.
void releaseRecords(Record *records) { delete[] records; }

void helperReleasesArrayWithArrayDelete() {
  Record *records = new Record[4];
  releaseRecords(records);
}

// A helper of this file deletes memory of 'malloc'.
void releaseWidget(Widget *widget) { delete widget; }

void mallocPassedToDeletingHelper() {
  Widget *widget = static_cast<Widget *>(std::malloc(sizeof(Widget)));
  releaseWidget(widget);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'malloc' is released with 'delete' by 'releaseWidget'; use 'free' [memreview-mismatched-deallocation]
  // CHECK-NOTES: :[[@LINE-3]]:42: note: memory is allocated with 'malloc' here
  // CHECK-NOTES: :[[@LINE-7]]:38: note: 'releaseWidget' releases it with 'delete' here
}

// Twin: a helper that frees with 'free'.
void freeWidget(Widget *widget) { std::free(widget); }

void mallocPassedToFreeingHelper() {
  Widget *widget = static_cast<Widget *>(std::malloc(sizeof(Widget)));
  freeWidget(widget);
}
