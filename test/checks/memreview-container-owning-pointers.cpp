// RUN: %check_memreview %s memreview-container-owning-pointers %t
#include <vector>

struct Order {
  int id = 0;
};
void log(const Order *order);
void archive(std::vector<Order *> &orders);
void takeOwnership(Order *order);

// ===== Local containers that drop what they hold =====

// The container goes out of scope with its elements.
void collectAndForget(int count) {
  std::vector<Order *> orders;
  for (int i = 0; i < count; ++i)
    orders.push_back(new Order);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-4]]:19: note: assuming 'i < count' is true
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-5]]:5: note: memory is stored in 'orders' here
// CHECK-NOTES: :[[@LINE-7]]:19: note: assuming 'i < count' is false
// CHECK-NOTES: :[[@LINE-9]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Order>>') so that the container releases them

// Twin: a range-for loop deletes every element.
void collectAndDelete(int count) {
  std::vector<Order *> orders;
  for (int i = 0; i < count; ++i)
    orders.push_back(new Order);
  for (Order *order : orders)
    delete order;
}

// Twin: an index loop deletes every element.
void collectAndDeleteByIndex() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.push_back(new Order);
  for (unsigned i = 0; i < orders.size(); ++i)
    delete orders[i];
}

// Twin: an iterator loop deletes every element.
void collectAndDeleteByIterator() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (std::vector<Order *>::iterator it = orders.begin(); it != orders.end();
       ++it)
    delete *it;
}

// Twin: elements are popped and deleted one by one.
void collectAndPop() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.push_back(new Order);
  while (!orders.empty()) {
    delete orders.back();
    orders.pop_back();
  }
}

// Cleared without deleting.
void clearWithoutDelete() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  log(orders.front());
  orders.clear();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' is cleared without releasing its elements [memreview-container-owning-pointers]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: memory is stored in 'orders' here
  // CHECK-NOTES: :[[@LINE-7]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Order>>') so that the container releases them
}

// Twin: deleted before the clear.
void clearAfterDelete() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (Order *order : orders)
    delete order;
  orders.clear();
}

// Assigned over.
void assignOver(std::vector<Order *> &fresh) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders = fresh;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' is assigned over without releasing its elements [memreview-container-owning-pointers]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'orders' here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Order>>') so that the container releases them
}

// Twin: the elements are deleted before the container is assigned over.
void assignOverAfterDelete(std::vector<Order *> &fresh) {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (Order *order : orders)
    delete order;
  orders = fresh;
}

// The only element is erased.
void popTheOnlyElement() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  orders.pop_back();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' that 'orders' holds is never released: an element is erased from 'orders' without releasing its elements [memreview-container-owning-pointers]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'orders' here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Order>>') so that the container releases them
}

// Twin: the element is deleted before it is popped.
void deleteThenPop() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  delete orders.back();
  orders.pop_back();
}

// ===== Transfers: the container's elements go elsewhere =====

// Twin: the container is returned to the caller.
std::vector<Order *> collectForCaller() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  return orders;
}

// Twin: the container is passed by reference to unknown code.
void collectAndArchive() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  archive(orders);
}

// Twin: each element is handed to something that takes ownership.
void collectAndHandOver() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  for (Order *order : orders)
    takeOwnership(order);
}

// Twin: a container of pointers into another container owns nothing.
void viewOfOthers(std::vector<Order *> &all) {
  std::vector<Order *> view;
  for (Order *order : all)
    view.push_back(order);
}

// ===== Helpers of this file =====

static void deleteAll(std::vector<Order *> &orders) {
  for (Order *order : orders)
    delete order;
}

// Twin: a helper deletes every element.
void cleanedInHelper() {
  std::vector<Order *> orders;
  orders.push_back(new Order);
  deleteAll(orders);
}

// ===== Class members =====

// Member functions fill the container; nothing releases its elements.
class OrderBook {
public:
  void open(int id) {
    Order *order = new Order;
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'OrderBook::pending' receives memory allocated with 'new' in 'OrderBook::open' that neither the destructor nor any member function of 'OrderBook' releases: the container's elements leak with every 'OrderBook' object [memreview-container-owning-pointers]
    // CHECK-NOTES: :[[@LINE+9]]:3: note: 'OrderBook::pending' is declared here
    // CHECK-NOTES: :[[@LINE-3]]:20: note: memory allocated with 'new' is stored in 'pending' here, in 'OrderBook::open'
    // CHECK-NOTES: :[[@LINE+7]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Order>>') so that the container releases them
    order->id = id;
    pending.push_back(order);
  }
  int size() const { return (int)pending.size(); }

private:
  std::vector<Order *> pending;
};

// Twin: the destructor deletes every element.
class SafeOrderBook {
public:
  ~SafeOrderBook() {
    for (Order *order : pending)
      delete order;
  }
  void open(int id) {
    Order *order = new Order;
    order->id = id;
    pending.push_back(order);
  }

private:
  std::vector<Order *> pending;
};

// Twin: a member function the destructor calls deletes them.
class ManagedOrderBook {
public:
  ~ManagedOrderBook() { reset(); }
  void open() { pending.push_back(new Order); }
  void reset() {
    for (Order *order : pending)
      delete order;
    pending.clear();
  }

private:
  std::vector<Order *> pending;
};

// ===== Reference-counted elements =====

// The destructor only reads the elements: they leak.
struct Page {
  int refs = 1;
  int size() const { return refs; }
  void unref() {
    if (--refs <= 0)
      delete this;
  }
};
class PageTable {
public:
  void add() {
    Page *page = new Page;
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'PageTable::pages' receives memory allocated with 'new' in 'PageTable::add' that neither the destructor nor any member function of 'PageTable' releases: the container's elements leak with every 'PageTable' object [memreview-container-owning-pointers]
    // CHECK-NOTES: :[[@LINE+13]]:3: note: 'PageTable::pages' is declared here
    // CHECK-NOTES: :[[@LINE-3]]:18: note: memory allocated with 'new' is stored in 'pages' here, in 'PageTable::add'
    // CHECK-NOTES: :[[@LINE+11]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Page>>') so that the container releases them
    pages.push_back(page);
  }
  ~PageTable() {
    int total = 0;
    for (Page *page : pages)
      total += page->size();
    (void)total;
  }

private:
  std::vector<Page *> pages;
};

// Twin: the destructor drops its reference to each element, which deletes
// itself when no reference is left (leveldb's InMemoryEnv, reduced).
class SharedPageTable {
public:
  void add() {
    Page *page = new Page;
    pages.push_back(page);
  }
  ~SharedPageTable() {
    for (Page *page : pages)
      page->unref();
  }

private:
  std::vector<Page *> pages;
};

// ===== Elements handed over through a pointer into the container =====

struct Part {
  int value;
};
struct Assembly {
  void adopt(Part **parts, unsigned long count);
};
Part *combine(Assembly &assembly, Part **parts, unsigned long count) {
  if (count == 0)
    return nullptr;
  if (count == 1)
    return parts[0];
  assembly.adopt(parts, count);
  return nullptr;
}

// Twin: '&list[0]' gives the function every element, and 'list.size()' is
// at least one (leveldb's DBImpl::NewInternalIterator, reduced).
Part *gather(Assembly &assembly, bool extra) {
  std::vector<Part *> list;
  list.push_back(new Part);
  if (extra)
    list.push_back(new Part);
  return combine(assembly, &list[0], list.size());
}

// The elements go nowhere.
void gatherAndDrop(bool extra) {
  std::vector<Part *> list;
  list.push_back(new Part);
  if (extra)
    list.push_back(new Part);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'list' holds is never released: 'list' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-5]]:18: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: memory is stored in 'list' here
// CHECK-NOTES: :[[@LINE-8]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Part>>') so that the container releases them

// ===== A helper of this file fills the caller's container =====

void appendOrder(std::vector<Order *> &orders) { orders.push_back(new Order); }
void drainOrders(std::vector<Order *> &orders) {
  for (Order *order : orders)
    delete order;
  orders.clear();
}
void appendTwiceAndDrop() {
  std::vector<Order *> orders;
  appendOrder(orders);
  appendOrder(orders);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'orders' holds is never released: 'orders' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is allocated by 'appendOrder' here
// CHECK-NOTES: :[[@LINE-5]]:3: note: memory is stored in 'orders' here
// CHECK-NOTES: :[[@LINE-7]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Order>>') so that the container releases them

// Twins: the caller releases the elements itself or through a helper, or the
// container is the caller's caller's.
void appendAndDelete() {
  std::vector<Order *> orders;
  appendOrder(orders);
  for (Order *order : orders)
    delete order;
}
void appendAndDrain() {
  std::vector<Order *> orders;
  appendOrder(orders);
  appendOrder(orders);
  drainOrders(orders);
}
void appendForCaller(std::vector<Order *> &out) { appendOrder(out); }
std::vector<Order *> appendAndReturn() {
  std::vector<Order *> orders;
  appendOrder(orders);
  return orders;
}
