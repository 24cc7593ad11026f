// RUN: %check_memreview %s memreview-container-owning-pointers %t
#include <deque>
#include <list>
#include <map>
#include <set>
#include <utility>
#include <vector>

struct Order {
  int id = 0;
};
void log(const Order *order);
void record(std::vector<Order *> &orders);

// ===== erase =====

void eraseTheOnlyElement() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.erase(orders.begin());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: an element is erased from 'orders' without releasing its elements [memreview-container-owning-pointers]
}

// Twin: deleted first.
void deleteThenErase() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  delete orders.front();
  orders.erase(orders.begin());
}

// Twin (silent): the container held elements the engine does not know;
// which one goes is unknown.
void eraseFromCallersVector(std::vector<Order *> &orders) {
  orders.push_back(new Order);
  orders.erase(orders.begin());
}

void eraseFromSet() {
  std::set<Order *> orders;
  orders.insert(new Order);
  orders.erase(orders.begin());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: an element is erased from 'orders' without releasing its elements [memreview-container-owning-pointers]
}

// Twin: erased, then deleted.
void eraseKeyThenDelete() {
  std::set<Order *> orders;
  Order *order = new Order;
  orders.insert(order);
  orders.erase(order);
  delete order;
}

void eraseMapEntry() {
  std::map<int, Order *> byId;
  byId[1] = new Order;
  byId.erase(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'byId' holds is never released: an element is erased from 'byId' without releasing its elements [memreview-container-owning-pointers]
}

// Twins: deleted before its entry is erased; another key is erased.
void deleteThenEraseMapEntry() {
  std::map<int, Order *> byId;
  byId[1] = new Order;
  delete byId[1];
  byId.erase(1);
}
void eraseOtherKey() {
  std::map<int, Order *> byId;
  byId[1] = new Order;
  byId.erase(2);
  for (auto &entry : byId)
    delete entry.second;
}

// ===== pop_back, pop_front =====

void popFront() {
  std::deque<Order *> queue;
  queue.push_back(new Order);
  queue.pop_front();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'queue' holds is never released: an element is erased from 'queue' without releasing its elements [memreview-container-owning-pointers]
}

// Twin: the element popped is one the engine does not follow.
void popNull() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.push_back(nullptr);
  orders.pop_back();
  for (Order *order : orders)
    delete order;
}

// FN: one of two elements is popped; the engine does not know which.
void popOneOfTwo() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.push_back(new Order);
  orders.pop_back();
  delete orders.front();
}

// ===== remove =====

void removeValue() {
  std::list<Order *> orders;
  orders.push_back(new Order);
  orders.remove(orders.front());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: an element is erased from 'orders' without releasing its elements [memreview-container-owning-pointers]
}

// Twin: another value is removed.
void removeNull() {
  std::list<Order *> orders;
  orders.push_back(new Order);
  orders.remove(nullptr);
  for (Order *order : orders)
    delete order;
}

// ===== resize =====

// One element or several: resize(0) drops them all.
void resizeToZero() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.push_back(new Order);
  orders.resize(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' is resized to zero without releasing its elements [memreview-container-owning-pointers]
}

// Twin: growing keeps the elements.
void resizeLarger() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.resize(10);
  for (Order *order : orders)
    delete order;
}
// FN: shrinking to an unknown size drops elements the engine cannot name.
void resizeSmaller(unsigned size) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.push_back(new Order);
  orders.resize(size);
}

// ===== assignment =====

void assignedFromEmpty() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders = std::vector<Order *>();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' is assigned over without releasing its elements [memreview-container-owning-pointers]
}

// Twin: the elements are deleted before the container is assigned over.
void deleteThenAssign() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (Order *order : orders)
    delete order;
  orders = std::vector<Order *>();
}

// Twin: assigned from itself moved into another first.
void moveThenAssign(std::vector<Order *> &kept) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  kept = std::move(orders);
  orders = std::vector<Order *>();
}

// ===== swap =====

void swappedAway() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  {
    std::vector<Order *> old;
    old.swap(orders);
  }
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'old' holds is never released: 'old' goes out of scope without releasing its elements [memreview-container-owning-pointers]
}

void stdSwappedAway() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  {
    std::vector<Order *> old;
    std::swap(old, orders);
  }
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'old' holds is never released: 'old' goes out of scope without releasing its elements [memreview-container-owning-pointers]
}

// Twins: the elements come back, or the other container is the caller's.
void swappedBack() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::vector<Order *> old;
  old.swap(orders);
  orders.swap(old);
  for (Order *order : orders)
    delete order;
}
void swappedIntoCallers(std::vector<Order *> &out) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.swap(out);
}
