// RUN: %check_memreview %s memreview-container-owning-pointers %t
#include <vector>

struct Order {
  int id = 0;
};

// A container type of the program: push_back, insert and operator[] keep
// what they are given in a std::vector; the destructor leaves it.
template <class T> class Bag {
public:
  void push_back(T item) { items.push_back(item); }
  void insert(const T &item) { items.push_back(item); }
  T &operator[](unsigned i) { return items[i]; }
  unsigned size() const { return items.size(); }

private:
  std::vector<T> items;
};

void bagForgotten() {
  Bag<Order *> bag;
  bag.push_back(new Order);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'bag' holds is never released: 'bag' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-3]]:17: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'bag' here
// CHECK-NOTES: :[[@LINE-10]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Order>>') so that the container releases them

void bagInsertedAndForgotten() {
  Bag<Order *> bag;
  Order *order = new Order;
  bag.insert(order);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' that 'bag' holds is never released: 'bag' goes out of scope without releasing its elements [memreview-container-owning-pointers]
// CHECK-NOTES: :[[@LINE-4]]:18: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is stored in 'bag' here
// CHECK-NOTES: :[[@LINE-20]]:3: note: hold the elements in std::unique_ptr (for example 'std::vector<std::unique_ptr<Order>>') so that the container releases them

// Twin: every element is deleted through operator[].
void bagEmptied() {
  Bag<Order *> bag;
  bag.push_back(new Order);
  for (unsigned i = 0; i < bag.size(); ++i)
    delete bag[i];
}

// Twin: a container type whose destructor deletes its elements.
template <class T> class OwningBag {
public:
  ~OwningBag() {
    for (T item : items)
      delete item;
  }
  void push_back(T item) { items.push_back(item); }
  void emplace_back(T item) { items.emplace_back(item); }

private:
  std::vector<T> items;
};
void owningBag() {
  OwningBag<Order *> bag;
  bag.push_back(new Order);
  bag.emplace_back(new Order);
}

// Twin: one whose clear() deletes them.
class OrderPool {
public:
  void insert(Order *order) { orders.push_back(order); }
  void clear() {
    for (Order *order : orders)
      delete order;
    orders.clear();
  }

private:
  std::vector<Order *> orders;
};
void poolCleared() {
  OrderPool pool;
  pool.insert(new Order);
  pool.clear();
}

// Twin: a container type whose code is elsewhere may release its elements.
class Registry {
public:
  ~Registry();
  void push_back(Order *order);
};
void registryKeeps() {
  Registry registry;
  registry.push_back(new Order);
}

// Twin: a container type that keeps its elements where the engine does not
// follow them (a built-in array).
class FixedList {
public:
  void push_back(Order *order) { slots[count++] = order; }
  unsigned size() const { return count; }

private:
  Order *slots[8];
  unsigned count = 0;
};
void fixedListKeeps() {
  FixedList list;
  list.push_back(new Order);
}

// Twin: a member of another class that fills it is that class's business.
class Desk {
public:
  void open() { bag.push_back(new Order); }

private:
  Bag<Order *> bag;
};

// ===== Elements handed out by the container type =====

template <class T> class Shelf {
public:
  void push_back(T item) { items.push_back(item); }
  std::vector<T> take() { return std::move(items); }
  std::vector<T> &all() { return items; }
  void moveInto(std::vector<T> &out) { out.swap(items); }
  void clear() {
    std::vector<T> old;
    old.swap(items);
    for (T item : old)
      delete item;
  }
  unsigned size() const { return items.size(); }

private:
  std::vector<T> items;
};

// Twins: the elements are taken out, reached through a reference, swapped
// out and deleted there, or deleted after a swap inside the class.
void shelfTaken() {
  Shelf<Order *> shelf;
  shelf.push_back(new Order);
  std::vector<Order *> taken = shelf.take();
  for (Order *order : taken)
    delete order;
}
void shelfReached() {
  Shelf<Order *> shelf;
  shelf.push_back(new Order);
  for (Order *order : shelf.all())
    delete order;
}
void shelfMoved() {
  Shelf<Order *> shelf;
  shelf.push_back(new Order);
  std::vector<Order *> out;
  shelf.moveInto(out);
  for (Order *order : out)
    delete order;
}
void shelfCleared() {
  Shelf<Order *> shelf;
  shelf.push_back(new Order);
  shelf.clear();
}
