// RUN: %check_memreview -check-suffix=DEFAULT %s memreview-container-owning-pointers %t
// RUN: %check_memreview -check-suffix=OPTION %s memreview-container-owning-pointers %t \
// RUN:   -config="{CheckOptions: {memreview-container-owning-pointers.NonOwningContainers: 'scheduleBatch::pending; Dispatcher::queue ;legacy::PtrList'}}"
// An invalid pattern is reported (and matches nothing):
// RUN: not %memreview %s --checks='-*,memreview-container-owning-pointers' \
// RUN:   --config="{CheckOptions: {memreview-container-owning-pointers.NonOwningContainers: 'a[;b'}}" \
// RUN:   -- -std=c++17 -nostdinc++ -isystem %mock_headers 2>&1 | FileCheck %s --check-prefix=INVALID
// RUN: %clang_tidy --load=%plugin %s --checks='-*,memreview-container-owning-pointers' \
// RUN:   --config="{CheckOptions: {memreview-container-owning-pointers.NonOwningContainers: 'a[;b'}}" \
// RUN:   --quiet -- -std=c++17 -nostdinc++ -isystem %mock_headers 2>&1 | FileCheck %s --check-prefix=INVALID
// INVALID: warning: invalid regular expression 'a[' in the NonOwningContainers option of 'memreview-container-owning-pointers': brackets ([ ]) not balanced [clang-tidy-config]
// INVALID: warning: memory allocated with 'new' that 'batch' holds is never released
#include <vector>

struct Order {
  int id = 0;
};
// Keeps the pointer and deletes the order when it is done: the check
// cannot see that.
void track(const Order *order);

// ===== The 'memreview::non_owning' annotation =====

// Reported without the annotation.
void scheduleUnmarked() {
  std::vector<Order *> batch;
  Order *order = new Order;
  track(order);
  batch.push_back(order);
}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'batch' holds is never released: 'batch' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-MESSAGES-OPTION: :[[@LINE-2]]:1: warning: memory allocated with 'new' that 'batch' holds is never released: 'batch' goes out of scope without releasing its elements [memreview-container-owning-pointers]

// Twin: a local variable declared non-owning.
void scheduleMarked() {
  [[clang::annotate("memreview::non_owning")]] std::vector<Order *> batch;
  Order *order = new Order;
  track(order);
  batch.push_back(order);
}

// Twin: a member declared non-owning.
class Scheduler {
public:
  void add() {
    Order *order = new Order;
    track(order);
    queue.push_back(order);
  }

private:
  [[clang::annotate("memreview::non_owning")]] std::vector<Order *> queue;
};

// Twin: a container class declared non-owning.
template <class T> class [[clang::annotate("memreview::non_owning")]] View {
public:
  void push_back(T item) { items.push_back(item); }
  unsigned size() const { return items.size(); }

private:
  std::vector<T> items;
};
void viewOfTracked() {
  View<Order *> view;
  Order *order = new Order;
  track(order);
  view.push_back(order);
}

// ===== The NonOwningContainers option =====

// A local variable ('function::variable').
void scheduleBatch() {
  std::vector<Order *> pending;
  Order *order = new Order;
  track(order);
  pending.push_back(order);
}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'pending' holds is never released: 'pending' goes out of scope without releasing its elements [memreview-container-owning-pointers]

// A member ('Class::member').
namespace jobs {
class Dispatcher {
public:
  void add() {
    Order *order = new Order;
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:20: warning: 'Dispatcher::queue' receives memory allocated with 'new' in 'Dispatcher::add' that neither the destructor nor any member function of 'Dispatcher' releases: the container's elements leak with every 'Dispatcher' object [memreview-container-owning-pointers]
    track(order);
    queue.push_back(order);
  }

private:
  std::vector<Order *> queue;
};
} // namespace jobs

// A container class ('namespace::Class').
namespace legacy {
class PtrList {
public:
  void push_back(Order *order) { orders.push_back(order); }
  bool empty() const { return orders.empty(); }

private:
  std::vector<Order *> orders;
};
} // namespace legacy
void legacyList() {
  legacy::PtrList list;
  Order *order = new Order;
  track(order);
  list.push_back(order);
}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'list' holds is never released: 'list' goes out of scope without releasing its elements [memreview-container-owning-pointers]
