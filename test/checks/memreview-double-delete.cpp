// RUN: %check_memreview %s memreview-double-delete %t
#include <cstdlib>
#include <vector>

struct Widget {
  int id = 0;
};
struct Holder {
  Widget *item = nullptr;
};
void logAddress(const void *);

// ===== The same pointer released twice =====

// The second 'delete' releases memory that is already gone.
void deleteTwice() {
  Widget *widget = new Widget;
  delete widget;
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: one 'delete'.
void deleteOnce() {
  Widget *widget = new Widget;
  delete widget;
}

// Twin: the pointer is reset after the 'delete'; deleting null does nothing.
void deleteResetDelete() {
  Widget *widget = new Widget;
  delete widget;
  widget = nullptr;
  delete widget;
}

// 'delete[]' twice on an array.
void arrayDeleteTwice() {
  int *samples = new int[16];
  delete[] samples;
  delete[] samples;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete[]' releases 'samples', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:18: note: memory is allocated with 'new[]' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete[]' here
}

// Twin: one 'delete[]'.
void arrayDeleteOnce() {
  int *samples = new int[16];
  delete[] samples;
}

// 'free' twice on memory of the C allocator.
void freeTwice() {
  char *line = static_cast<char *>(std::malloc(80));
  std::free(line);
  std::free(line);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases 'line', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:36: note: memory is allocated with 'malloc' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'free' here
}

// Twin: one 'free'.
void freeOnce() {
  char *line = static_cast<char *>(std::malloc(80));
  std::free(line);
}

// ===== Through aliases =====

// A copy of the pointer is deleted after the original.
void deleteThroughCopy() {
  Widget *widget = new Widget;
  Widget *alias = widget;
  delete widget;
  delete alias;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'alias', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-5]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the copy is only used to log the address.
void deleteCopyOnce() {
  Widget *widget = new Widget;
  Widget *alias = widget;
  logAddress(alias);
  delete widget;
}

// A reference to the pointer deletes it, then the pointer itself.
void deleteThroughReference() {
  Widget *widget = new Widget;
  Widget *&ref = widget;
  delete ref;
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-5]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: resetting through the reference resets the pointer too.
void resetThroughReference() {
  Widget *widget = new Widget;
  Widget *&ref = widget;
  delete ref;
  ref = nullptr;
  delete widget;
}

// A struct field holds the same pointer as the local.
void deleteThroughField() {
  Widget *widget = new Widget;
  Holder holder;
  holder.item = widget;
  delete holder.item;
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-6]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the field is deleted once and cleared.
void deleteFieldOnce() {
  Widget *widget = new Widget;
  Holder holder;
  holder.item = widget;
  delete holder.item;
  holder.item = nullptr;
}

// A copied struct shares the pointer with the original.
void deleteThroughCopiedStruct() {
  Holder holder;
  holder.item = new Widget;
  Holder copy = holder;
  delete holder.item;
  delete copy.item;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'copy.item', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-5]]:17: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-5]]:17: note: 'holder' is copied into 'copy' here: both hold the same memory
  // CHECK-NOTES: :[[@LINE-5]]:3: note: memory is released with 'delete' here
}

// Twin: only one of the two copies releases the object.
void deleteCopiedStructOnce() {
  Holder holder;
  holder.item = new Widget;
  Holder copy = holder;
  delete copy.item;
}

// An array element holds the same pointer as the local.
void deleteThroughArrayElement() {
  Widget *widget = new Widget;
  Widget *slots[2] = {nullptr, nullptr};
  slots[1] = widget;
  delete slots[1];
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-6]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the slot is cleared, and the other slot was always empty.
void deleteArrayElementOnce() {
  Widget *widget = new Widget;
  Widget *slots[2] = {nullptr, nullptr};
  slots[1] = widget;
  delete slots[1];
  slots[1] = nullptr;
  delete slots[0];
}

// ===== Through helpers of the same file =====

// Helpers of this file: their summaries say what they release.
void destroyWidget(Widget *widget) { delete widget; }
void retireWidget(Widget *widget) { delete widget; }
int widgetId(const Widget *widget) { return widget->id; }
void destroyByReference(Widget *&widget) { delete widget; }
void destroyAndClear(Widget *&widget) {
  delete widget;
  widget = nullptr;
}
void destroyIf(Widget *widget, bool really) {
  if (really)
    delete widget;
}

// The helper releases its parameter, then the caller deletes it again.
void deleteAfterHelper() {
  Widget *widget = new Widget;
  destroyWidget(widget);
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by 'destroyWidget' here
  // CHECK-NOTES: :[[@LINE-21]]:38: note: 'destroyWidget' releases it with 'delete' here
}

// Twin: the helper alone releases it.
void releaseByHelperOnly() {
  Widget *widget = new Widget;
  destroyWidget(widget);
}

// Two helpers both release the same object.
void releaseInTwoHelpers() {
  Widget *widget = new Widget;
  destroyWidget(widget);
  retireWidget(widget);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'retireWidget' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by 'destroyWidget' here
  // CHECK-NOTES: :[[@LINE-38]]:38: note: 'destroyWidget' releases it with 'delete' here
  // CHECK-NOTES: :[[@LINE-38]]:37: note: 'retireWidget' releases it with 'delete' here
}

// Twin: the first helper only reads the object.
void readThenReleaseInHelper() {
  Widget *widget = new Widget;
  widgetId(widget);
  retireWidget(widget);
}

// A helper taking the pointer by reference releases it without resetting it.
void deleteAfterHelperByReference() {
  Widget *widget = new Widget;
  destroyByReference(widget);
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by 'destroyByReference' here
  // CHECK-NOTES: :[[@LINE-54]]:44: note: 'destroyByReference' releases it with 'delete' here
}

// Twin: the helper resets the caller's pointer, so the 'delete' sees null.
void deleteAfterHelperThatClears() {
  Widget *widget = new Widget;
  destroyAndClear(widget);
  delete widget;
}

// The helper releases when told to, and it is told to.
void deleteAfterConditionalHelper() {
  Widget *widget = new Widget;
  destroyIf(widget, true);
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by 'destroyIf' here
  // CHECK-NOTES: :[[@LINE-65]]:5: note: 'destroyIf' releases it with 'delete' here
}

// Twin: the helper is told not to release.
void deleteAfterSkippedHelper() {
  Widget *widget = new Widget;
  destroyIf(widget, false);
  delete widget;
}

// The caller deletes, then a helper releases the same object again.
void helperAfterDelete() {
  Widget *widget = new Widget;
  delete widget;
  destroyWidget(widget);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'destroyWidget' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
  // CHECK-NOTES: :[[@LINE-93]]:38: note: 'destroyWidget' releases it with 'delete' here
}

// Twin: the pointer is reset after the 'delete'; the helper deletes null.
void helperAfterDeleteAndReset() {
  Widget *widget = new Widget;
  delete widget;
  widget = nullptr;
  destroyWidget(widget);
}

struct Pool {
  Widget *head = nullptr;
  void clear() { delete head; }
  void clearAndReset() {
    delete head;
    head = nullptr;
  }
};

// A method that releases a member is called twice: both releases happen at
// the same 'delete' of the method, shown once.
void clearTwice() {
  Pool pool;
  pool.head = new Widget;
  pool.clear();
  pool.clear();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'clear' releases 'pool.head', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-4]]:15: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by 'clear' here
  // CHECK-NOTES: :[[@LINE-17]]:18: note: 'clear' releases it with 'delete' here
}

// Twin: the method resets the member, so the second call deletes null.
void clearAndResetTwice() {
  Pool pool;
  pool.head = new Widget;
  pool.clearAndReset();
  pool.clearAndReset();
}

// ===== Destructors =====

struct OwningHolder {
  Widget *item = nullptr;
  ~OwningHolder() { delete item; }
};

// Deleting the holder runs its destructor, which deletes the item; the caller
// deletes the item again.
void deleteHolderThenMember() {
  OwningHolder *holder = new OwningHolder;
  Widget *item = new Widget;
  holder->item = item;
  delete holder;
  delete item;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'item', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-5]]:18: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by '~OwningHolder' here
  // CHECK-NOTES: :[[@LINE-14]]:21: note: '~OwningHolder' releases it with 'delete' here
}

// Twin: the holder's destructor alone releases the item.
void deleteHolderOnly() {
  OwningHolder *holder = new OwningHolder;
  Widget *item = new Widget;
  holder->item = item;
  delete holder;
}

// The member is deleted, then the holder's destructor deletes it again where
// the holder goes out of scope (the closing brace).
void deleteMemberThenDestroy() {
  OwningHolder holder;
  holder.item = new Widget;
  delete holder.item;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: '~OwningHolder' releases 'holder.item', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
// CHECK-NOTES: :[[@LINE-4]]:17: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
// CHECK-NOTES: :[[@LINE-35]]:21: note: '~OwningHolder' releases it with 'delete' here

// Twin: the member is reset after the 'delete'; the destructor deletes null.
void deleteMemberResetThenDestroy() {
  OwningHolder holder;
  holder.item = new Widget;
  delete holder.item;
  holder.item = nullptr;
}

// The same at a return: the holder is destroyed there.
int deleteMemberThenReturn(bool early) {
  OwningHolder holder;
  holder.item = new Widget;
  delete holder.item;
  if (early)
    return 1;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: '~OwningHolder' releases 'holder.item', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-5]]:17: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: memory is released with 'delete' here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: assuming 'early' is true
  // CHECK-NOTES: :[[@LINE-56]]:21: note: '~OwningHolder' releases it with 'delete' here
  holder.item = nullptr;
  return 0;
}

// Twin: the member is reset before the early return too.
int deleteMemberResetThenReturn(bool early) {
  OwningHolder holder;
  holder.item = new Widget;
  delete holder.item;
  holder.item = nullptr;
  if (early)
    return 1;
  return 0;
}

// The compiler's copy shares 'item': the copy's destructor releases it at the
// closing brace, then the original's destructor releases it again.
void shallowCopyOfOwner() {
  OwningHolder first;
  first.item = new Widget;
  OwningHolder second = first;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: '~OwningHolder' releases 'first.item', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
// CHECK-NOTES: :[[@LINE-4]]:16: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:25: note: 'first' is copied into 'second' here: both hold the same memory
// CHECK-NOTES: :[[@LINE-4]]:1: note: 'second.item' is released by '~OwningHolder' here
// CHECK-NOTES: :[[@LINE-83]]:21: note: '~OwningHolder' releases it with 'delete' here

// Twin: the copy gets an item of its own before both are destroyed.
void deepenCopyOfOwner() {
  OwningHolder first;
  first.item = new Widget;
  OwningHolder second = first;
  second.item = new Widget;
}

// ===== Branches and early returns =====

// Released on the failure path, then released again unconditionally.
void deleteOnFailureThenAgain(bool failed) {
  Widget *widget = new Widget;
  if (failed)
    delete widget;
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-5]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: assuming 'failed' is true
  // CHECK-NOTES: :[[@LINE-5]]:5: note: memory is released with 'delete' here
}

// An alias chosen by a branch: on the path where it is the first widget, that
// widget is released twice.
void deleteAliasChosenByBranch(bool preferFirst) {
  Widget *first = new Widget;
  Widget *second = new Widget;
  Widget *chosen = preferFirst ? first : second;
  delete first;
  delete chosen;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'chosen', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-6]]:19: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-5]]:20: note: assuming 'preferFirst' is true
  // CHECK-NOTES: :[[@LINE-5]]:3: note: memory is released with 'delete' here
}

// Twin: the alias is released in place of the widget it names.
void deleteAliasInstead(bool preferFirst) {
  Widget *first = new Widget;
  Widget *second = new Widget;
  Widget *chosen = preferFirst ? first : second;
  delete chosen;
  if (!preferFirst)
    delete first;
  else
    delete second;
}

// Twin: the two releases are guarded by opposite conditions.
void deleteOnCorrelatedBranches(bool failed) {
  Widget *widget = new Widget;
  if (failed)
    delete widget;
  logAddress(&failed);
  if (!failed)
    delete widget;
}

// The error path releases but forgets to return.
bool cleanupWithoutReturn(bool valid) {
  Widget *widget = new Widget;
  if (!valid) {
    delete widget;
  }
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-6]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-6]]:7: note: assuming '!valid' is true
  // CHECK-NOTES: :[[@LINE-6]]:5: note: memory is released with 'delete' here
  return valid;
}

// Twin: the error path returns after releasing.
bool cleanupWithReturn(bool valid) {
  Widget *widget = new Widget;
  if (!valid) {
    delete widget;
    return false;
  }
  delete widget;
  return true;
}

// The release and the early return use different thresholds: 4 and 5 release
// twice.
void deleteWithMismatchedThresholds(int attempts) {
  Widget *widget = new Widget;
  if (attempts > 3)
    delete widget;
  if (attempts > 5)
    return;
  delete widget;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-7]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-7]]:7: note: assuming 'attempts > 3' is true
  // CHECK-NOTES: :[[@LINE-7]]:5: note: memory is released with 'delete' here
  // CHECK-NOTES: :[[@LINE-7]]:7: note: assuming 'attempts > 5' is false
}

// Twin: the same threshold guards the release and the return.
void deleteWithMatchingThresholds(int attempts) {
  Widget *widget = new Widget;
  if (attempts > 3) {
    delete widget;
    return;
  }
  delete widget;
}

// A case falls through into the next one, which releases again.
void deleteInFallthrough(int mode) {
  Widget *widget = new Widget;
  switch (mode) {
  case 1:
    delete widget;
  case 2:
    delete widget;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'delete' releases 'widget', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
    // CHECK-NOTES: :[[@LINE-7]]:20: note: memory is allocated with 'new' here
    // CHECK-NOTES: :[[@LINE-6]]:3: note: assuming 'mode' is 1
    // CHECK-NOTES: :[[@LINE-6]]:5: note: memory is released with 'delete' here
    break;
  default:
    delete widget;
  }
}

// Twin: every case ends with 'break'.
void deleteInEachCase(int mode) {
  Widget *widget = new Widget;
  switch (mode) {
  case 1:
    delete widget;
    break;
  case 2:
    delete widget;
    break;
  default:
    delete widget;
  }
}

// ===== Globals and members re-pointed by calls =====

struct Cache {
  int size = 0;
};
Cache *gCache;
void resetCache() { gCache = nullptr; }
void reloadCacheElsewhere();

// Nothing changes the global between the two releases.
void shutdownTwice() {
  delete gCache;
  delete gCache;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases 'gCache', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: memory is released with 'delete' here
}

// Twin: a function of this file resets the global to null in between.
void shutdownWithKnownReset() {
  delete gCache;
  resetCache();
  delete gCache;
}

// Twin: a function of another file may re-point the global in between.
void shutdownWithUnknownReset() {
  delete gCache;
  reloadCacheElsewhere();
  delete gCache;
}

struct Registry {
  Cache *current = nullptr;
  void reload(); // defined in another file; may set 'current'
  void rebuildTwice() {
    delete current;
    delete current;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'delete' releases 'current', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: memory is released with 'delete' here
  }
  // Twin: an unknown method of the object may re-point the member in
  // between.
  void rebuild() {
    delete current;
    reload();
    delete current;
  }
};

// ===== Loops =====

// The pointer is not reset, so the second iteration releases it again.
void deleteInLoopWithoutReset(int rounds) {
  Widget *cached = new Widget;
  for (int i = 0; i < rounds; ++i) {
    if (cached)
      delete cached;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'delete' releases 'cached', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
    // CHECK-NOTES: :[[@LINE-5]]:20: note: memory is allocated with 'new' here
    // CHECK-NOTES: :[[@LINE-5]]:19: note: assuming 'i < rounds' is true
    // CHECK-NOTES: :[[@LINE-4]]:7: note: memory is released with 'delete' here
    // CHECK-NOTES: :[[@LINE-7]]:19: note: assuming 'i < rounds' is true
  }
}

// Twin: the pointer is reset after the release.
void deleteInLoopWithReset(int rounds) {
  Widget *cached = new Widget;
  for (int i = 0; i < rounds; ++i) {
    if (cached) {
      delete cached;
      cached = nullptr;
    }
  }
  delete cached;
}

// ===== realloc =====

// A successful 'realloc' released the old block; freeing it again is a double
// free.
void freeOldBlockAfterRealloc() {
  char *buffer = static_cast<char *>(std::malloc(32));
  char *bigger = static_cast<char *>(std::realloc(buffer, 64));
  if (bigger) {
    std::free(buffer);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'free' releases 'buffer', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
    // CHECK-NOTES: :[[@LINE-5]]:38: note: memory is allocated with 'malloc' here
    // CHECK-NOTES: :[[@LINE-5]]:38: note: memory is released with 'realloc' here
    std::free(bigger);
  }
}

// Twin: the old block is freed only when 'realloc' failed.
void freeOldBlockOnlyOnFailure() {
  char *buffer = static_cast<char *>(std::malloc(32));
  char *bigger = static_cast<char *>(std::realloc(buffer, 64));
  if (bigger)
    std::free(bigger);
  else
    std::free(buffer);
}

// ===== Elements of a container released by two loops =====

void deleteElementsTwice() {
  std::vector<Widget *> widgets;
  widgets.push_back(new Widget);
  for (Widget *w : widgets)
    delete w;
  for (Widget *w : widgets)
    delete w;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'delete' releases an element of 'widgets', which was already released; releasing memory twice corrupts the heap [memreview-double-delete]
  // CHECK-NOTES: :[[@LINE-6]]:21: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-7]]:3: note: memory is stored in 'widgets' here
  // CHECK-NOTES: :[[@LINE-6]]:5: note: memory is released with 'delete' here
  // CHECK-NOTES: :[[@LINE-8]]:18: note: assuming the loop over 'widgets' ends
}

// Twin: one loop releases them, the other only reads them first.
void readThenDeleteElements() {
  std::vector<Widget *> widgets;
  widgets.push_back(new Widget);
  for (Widget *w : widgets)
    logAddress(w);
  for (Widget *w : widgets)
    delete w;
}
