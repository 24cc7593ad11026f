// RUN: %check_memreview %s memreview-container-owning-pointers %t
#include <algorithm>
#include <array>
#include <deque>
#include <forward_list>
#include <list>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

struct Order {
  int id = 0;
};
struct Key {
  int id = 0;
};

// ===== std::deque =====

void dequeForgotten() {
  std::deque<Order *> queue;
  queue.push_back(new Order);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'queue' holds is never released: 'queue' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:19: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'queue' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::deque<std::unique_ptr<Order>>') so that the container releases them

// Twin: popped and deleted from the front until empty.
void dequeDrained() {
  std::deque<Order *> queue;
  queue.push_back(new Order);
  while (!queue.empty()) {
    delete queue.front();
    queue.pop_front();
  }
}

// ===== std::list =====

void listCleared() {
  std::list<Order *> orders;
  orders.push_front(new Order);
  orders.clear();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' is cleared without releasing its elements [memreview-container-owning-pointers]
  // CHECK-NOTES: :[[@LINE-3]]:21: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'orders' here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::list<std::unique_ptr<Order>>') so that the container releases them
}

// Twin: an iterator loop deletes every element first.
void listDeletedByIterator() {
  std::list<Order *> orders;
  orders.push_front(new Order);
  for (std::list<Order *>::iterator it = orders.begin(); it != orders.end();
       ++it)
    delete *it;
  orders.clear();
}

// ===== std::forward_list =====

void forwardListForgotten() {
  std::forward_list<Order *> orders;
  orders.push_front(new Order);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:21: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'orders' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::forward_list<std::unique_ptr<Order>>') so that the container releases them

// Twin: a range-for loop deletes every element.
void forwardListDeleted() {
  std::forward_list<Order *> orders;
  orders.push_front(new Order);
  for (Order *order : orders)
    delete order;
}

// ===== std::set and std::multiset =====

void setForgotten() {
  std::set<Order *> orders;
  orders.insert(new Order);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:17: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'orders' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::set<std::unique_ptr<Order>>') so that the container releases them

// Twin: a range-for loop deletes every element.
void setDeleted() {
  std::set<Order *> orders;
  orders.insert(new Order);
  for (Order *order : orders)
    delete order;
}

void multisetForgotten() {
  std::multiset<Order *> orders;
  orders.emplace(new Order);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:18: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'orders' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::multiset<std::unique_ptr<Order>>') so that the container releases them

// Twin: std::for_each deletes every element.
void multisetDeleted() {
  std::multiset<Order *> orders;
  orders.emplace(new Order);
  std::for_each(orders.begin(), orders.end(), [](Order *order) { delete order; });
}

// ===== std::map: values =====

void mapValuesForgotten() {
  std::map<int, Order *> byId;
  byId[1] = new Order;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'byId' holds is never released: 'byId' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:13: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'byId' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::map<int, std::unique_ptr<Order>>') so that the container releases them

// Twin: a range-for loop deletes every value.
void mapValuesDeleted() {
  std::map<int, Order *> byId;
  byId[1] = new Order;
  byId.insert_or_assign(2, new Order);
  for (auto &entry : byId)
    delete entry.second;
}

// ===== std::map: keys =====

void mapKeyBySubscript() {
  std::map<Key *, int> counts;
  counts[new Key] = 1;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'counts' holds is never released: 'counts' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:10: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'counts' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::map<std::unique_ptr<Key>, int>') so that the container releases them

void mapKeyInserted() {
  std::map<Key *, int> counts;
  counts.insert({new Key, 1});
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'counts' holds is never released: 'counts' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:18: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'counts' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::map<std::unique_ptr<Key>, int>') so that the container releases them

void mapKeyEmplaced() {
  std::map<Key *, int> counts;
  counts.emplace(new Key, 1);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'counts' holds is never released: 'counts' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:18: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'counts' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::map<std::unique_ptr<Key>, int>') so that the container releases them

void mapKeyFromMakePair() {
  std::map<Key *, int> counts;
  counts.insert(std::make_pair(new Key, 1));
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'counts' holds is never released: 'counts' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:32: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'counts' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::map<std::unique_ptr<Key>, int>') so that the container releases them

// Twins: a loop deletes every key.
void mapKeysDeleted() {
  std::map<Key *, int> counts;
  counts[new Key] = 1;
  counts.insert({new Key, 2});
  counts.emplace(new Key, 3);
  for (auto &entry : counts)
    delete entry.first;
}
void mapKeysDeletedByBinding() {
  std::map<Key *, int> counts;
  counts.insert(std::make_pair(new Key, 1));
  for (auto &[key, count] : counts)
    delete key;
}

// ===== std::unordered_map =====

void unorderedMapForgotten() {
  std::unordered_map<int, Order *> byId;
  byId.emplace(7, new Order);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'byId' holds is never released: 'byId' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:19: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'byId' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::unordered_map<int, std::unique_ptr<Order>>') so that the container releases them

void unorderedMapKeyForgotten() {
  std::unordered_map<Key *, Order *> byKey;
  byKey.try_emplace(new Key, nullptr);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'byKey' holds is never released: 'byKey' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:21: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'byKey' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::unordered_map<std::unique_ptr<Key>, std::unique_ptr<Order>>') so that the container releases them

// Twin: an iterator loop deletes every value.
void unorderedMapDeleted() {
  std::unordered_map<int, Order *> byId;
  byId[1] = new Order;
  for (auto it = byId.begin(); it != byId.end(); ++it)
    delete it->second;
}

// ===== std::array =====

void arrayForgotten() {
  std::array<Order *, 2> slots;
  slots[0] = new Order;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'slots' holds is never released: 'slots' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:14: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'slots' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::array<std::unique_ptr<Order>, 2>') so that the container releases them

// Twins: an index loop or a range-for loop deletes every element.
void arrayDeletedByIndex() {
  std::array<Order *, 2> slots;
  slots[0] = new Order;
  slots[1] = new Order;
  for (unsigned i = 0; i < slots.size(); ++i)
    delete slots[i];
}
void arrayDeleted() {
  std::array<Order *, 2> slots;
  slots[0] = new Order;
  slots[1] = nullptr;
  for (Order *order : slots)
    delete order;
}

// ===== Members: std::array and map keys =====

class Slots {
public:
  void fill() { slots[0] = new Order; }
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: 'Slots::slots' receives memory allocated with 'new' in 'Slots::fill' that neither the destructor nor any member function of 'Slots' releases: the container's elements leak with every 'Slots' object [memreview-container-owning-pointers]
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'Slots::slots' is declared here
  // CHECK-NOTES: :[[@LINE-3]]:28: note: memory allocated with 'new' is stored in 'slots' here, in 'Slots::fill'
  // CHECK-NOTES: :[[@LINE+3]]:3: note: hold the elements in std::unique_ptr (for example 'std::array<std::unique_ptr<Order>, 4>') so that the container releases them

private:
  std::array<Order *, 4> slots;
};

class KeyedCounts {
public:
  void add() { counts[new Key] = 0; }
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: 'KeyedCounts::counts' receives memory allocated with 'new' in 'KeyedCounts::add' that neither the destructor nor any member function of 'KeyedCounts' releases: the container's elements leak with every 'KeyedCounts' object [memreview-container-owning-pointers]
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'KeyedCounts::counts' is declared here
  // CHECK-NOTES: :[[@LINE-3]]:23: note: memory allocated with 'new' is stored in 'counts' here, in 'KeyedCounts::add'
  // CHECK-NOTES: :[[@LINE+3]]:3: note: hold the elements in std::unique_ptr (for example 'std::map<std::unique_ptr<Key>, int>') so that the container releases them

private:
  std::map<Key *, int> counts;
};

// Twins: the destructor deletes every element, with std::for_each or a
// loop over the keys.
class CleanSlots {
public:
  ~CleanSlots() {
    std::for_each(slots.begin(), slots.end(), [](Order *order) { delete order; });
  }
  void fill() { slots[0] = new Order; }

private:
  std::array<Order *, 4> slots;
};

class CleanCounts {
public:
  ~CleanCounts() {
    for (auto &entry : counts)
      delete entry.first;
  }
  void add() { counts.emplace(new Key, 0); }

private:
  std::map<Key *, int> counts;
};
