// RUN: %check_memreview %s memreview-container-owning-pointers %t
#include <algorithm>
#include <map>
#include <memory>
#include <utility>
#include <vector>

struct Order {
  int id = 0;
};
void log(const Order *order);
void archive(std::vector<Order *> &orders);
void release(Order *order);

// ===== std::for_each and other algorithms =====

void forEachLogs() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::for_each(orders.begin(), orders.end(), [](Order *order) { log(order); });
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' goes out of scope without releasing its elements [memreview-container-owning-pointers]

// Twins: the callable deletes every element: a lambda, a generic lambda, a
// function object, a function, 'for_each_n' over the whole container, a
// lambda taking the element by reference, a map's values.
void forEachLambda() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::for_each(orders.begin(), orders.end(), [](Order *order) { delete order; });
}
void forEachGenericLambda() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::for_each(orders.begin(), orders.end(), [](auto *order) { delete order; });
}
struct DeleteOrder {
  void operator()(Order *order) const { delete order; }
};
void forEachFunctionObject() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::for_each(orders.begin(), orders.end(), DeleteOrder());
}
static void destroyOrder(Order *order) { delete order; }
void forEachFunction() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::for_each(orders.begin(), orders.end(), destroyOrder);
}
void forEachN() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::for_each_n(orders.begin(), orders.size(), DeleteOrder());
}
void forEachByReference() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::for_each(orders.begin(), orders.end(), [](Order *&order) {
    delete order;
    order = nullptr;
  });
}
void forEachMapValue() {
  std::map<int, Order *> byId;
  byId[1] = new Order;
  std::for_each(byId.begin(), byId.end(),
                [](std::pair<const int, Order *> &entry) { delete entry.second; });
}

// Twins (silent): the callable deletes some elements, hands them on, or is
// not visible; part of the container is visited.
void removeIfDeletes() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::find_if(orders.begin(), orders.end(), [](Order *order) {
    delete order;
    return true;
  });
}
void forEachHandsOn() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::for_each(orders.begin(), orders.end(), release);
}
void forEachPart() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.push_back(new Order);
  std::for_each(orders.begin() + 1, orders.end(), DeleteOrder());
  delete orders.front();
}

// A helper of this file that deletes every element with std::for_each.
static void deleteAll(std::vector<Order *> &orders) {
  std::for_each(orders.begin(), orders.end(), DeleteOrder());
}
void cleanedByForEachHelper() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  deleteAll(orders);
}

// ===== Each element moved into a smart pointer =====

void adoptedByUniquePtrs(std::vector<std::unique_ptr<Order>> &owned) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (Order *order : orders)
    owned.push_back(std::unique_ptr<Order>(order));
}
void adoptedByEmplace(std::vector<std::unique_ptr<Order>> &owned) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (Order *order : orders)
    owned.emplace_back(order);
}
void adoptedOneByOne() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (unsigned i = 0; i < orders.size(); ++i) {
    std::unique_ptr<Order> owner(orders[i]);
    log(owner.get());
  }
}

// ===== Transfers =====

struct Desk {
  std::vector<Order *> orders;
  ~Desk() {
    for (Order *order : orders)
      delete order;
  }
};
std::vector<Order *> pendingOrders;

void movedIntoMember(Desk &desk) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  desk.orders = std::move(orders);
}
void movedIntoGlobal() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  pendingOrders = std::move(orders);
}
void passedToUnknownCode() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  archive(orders);
}
std::vector<Order *> returned() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  return orders;
}

// ===== Not owning =====

// A container of pointers into another container.
void indexOf(std::vector<Order *> &all, std::map<int, Order *> &byId) {
  for (unsigned i = 0; i < all.size(); ++i)
    byId[all[i]->id] = all[i];
}

// Elements handed to an object that owns them.
struct Ledger {
  void adopt(Order *order);
};
void handedToOwner(Ledger &ledger) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.push_back(new Order);
  for (Order *order : orders)
    ledger.adopt(order);
}

// ===== Silent shapes: copies, ranges, single elements =====

// A pair of pointers goes into the container with both its members.
void pairsDeleted() {
  std::pair<Order *, Order *> both(new Order, new Order);
  std::vector<std::pair<Order *, Order *>> pairs;
  pairs.push_back(both);
  for (auto &entry : pairs) {
    delete entry.first;
    delete entry.second;
  }
}
void nestedPairDeleted() {
  std::map<int, std::pair<Order *, int>> byId;
  byId[1] = std::make_pair(new Order, 1);
  for (auto &entry : byId)
    delete entry.second.first;
}
// A copy made from a range holds the same elements.
void copiedFromRange() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::vector<Order *> copy(orders.begin(), orders.end());
  for (Order *order : copy)
    delete order;
}
void insertedFromRange() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  std::vector<Order *> all;
  all.insert(all.end(), orders.begin(), orders.end());
  for (Order *order : all)
    delete order;
}
// A search only reads the elements.
void searched() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  auto found = std::find_if(orders.begin(), orders.end(),
                            [](Order *order) { return order->id == 1; });
  if (found != orders.end())
    log(*found);
  for (Order *order : orders)
    delete order;
}
// The only element, read by index, is deleted after the clear.
void readByIndexThenCleared() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  Order *first = orders[0];
  orders.clear();
  delete first;
}
// Loops over a single element.
void onlyElementDeletedByIndex() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (unsigned i = 0; i < orders.size(); ++i)
    delete orders[i];
}
void onlyElementPopped() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  while (!orders.empty()) {
    delete orders.back();
    orders.pop_back();
  }
}

// ===== Member containers handed out =====

// A const getter only shows the elements: the class still owns them.
class Scene {
public:
  void add() { nodes.push_back(new Order); }
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'Scene::nodes' receives memory allocated with 'new' in 'Scene::add' that neither the destructor nor any member function of 'Scene' releases: the container's elements leak with every 'Scene' object [memreview-container-owning-pointers]
  const std::vector<Order *> &all() const { return nodes; }

private:
  std::vector<Order *> nodes;
};

// Twins: the destructor swaps the elements out and deletes them; a member
// function moves them out to the caller.
class SwappingScene {
public:
  ~SwappingScene() {
    std::vector<Order *> old;
    old.swap(nodes);
    for (Order *order : old)
      delete order;
  }
  void add() { nodes.push_back(new Order); }

private:
  std::vector<Order *> nodes;
};
class TakingScene {
public:
  void add() { nodes.push_back(new Order); }
  std::vector<Order *> take() { return std::move(nodes); }

private:
  std::vector<Order *> nodes;
};
