// RUN: %check_memreview %s memreview-shared-ptr-this %t
#include <memory>

// ===== adopting 'this' without enable_shared_from_this =====

// A temporary shared_ptr adopting 'this'.
struct Widget {
  std::shared_ptr<Widget> self() { return std::shared_ptr<Widget>(this); }
  // CHECK-NOTES: :[[@LINE-1]]:43: warning: 'std::shared_ptr' adopts 'this', creating a second owner that deletes the object independently of its current owner; use 'shared_from_this()' [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: derive 'Widget' from 'std::enable_shared_from_this<Widget>' to be able to call 'shared_from_this()'
};

// ===== with enable_shared_from_this: fix-it =====

struct Session : std::enable_shared_from_this<Session> {
  std::shared_ptr<Session> handle() { return std::shared_ptr<Session>(this); }
  // CHECK-NOTES: :[[@LINE-1]]:46: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: 'Session' derives from 'std::enable_shared_from_this<Session>', so 'shared_from_this()' returns a pointer that shares the existing ownership
  // CHECK-FIXES: std::shared_ptr<Session> handle() { return shared_from_this(); }

  // The correct twin: shares the existing ownership.
  std::shared_ptr<Session> handleGood() { return shared_from_this(); }

  void adoptInto(std::shared_ptr<Session> &out) { out.reset(this); }
  // CHECK-NOTES: :[[@LINE-1]]:51: warning: 'reset' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-11]]:8: note: 'Session' derives from
  void adoptIntoGood(std::shared_ptr<Session> &out) { out = shared_from_this(); }
};

// ===== in a constructor: no fix, shared_from_this() would throw =====

struct Registered : std::enable_shared_from_this<Registered> {
  std::shared_ptr<Registered> keep;
  Registered() : keep(this) {}
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'shared_from_this()' cannot be used in a constructor either; create the 'std::shared_ptr' in a factory function after construction
};

// ===== silent: a custom (here no-op) deleter makes a non-owning pointer =====

struct Borrowed {
  std::shared_ptr<Borrowed> view() {
    return std::shared_ptr<Borrowed>(this, [](Borrowed *) {});
  }
};

// ===== silent: adopting another object =====

struct Factory {
  std::shared_ptr<Widget> make() { return std::shared_ptr<Widget>(new Widget); }
};
