// RUN: %check_memreview %s memreview-shared-ptr-cycle %t
#include <functional>
#include <memory>
#include <utility>
#include <vector>

// Classes whose types alone are too common to report: one member that owns
// another object of the same class (a peer, a list, a graph node), or a
// callback.
struct Peer {
  int id = 0;
  std::shared_ptr<Peer> peer;
};
struct Link {
  std::shared_ptr<Link> next;
};
struct Item : std::enable_shared_from_this<Item> {
  std::vector<std::shared_ptr<Item>> links;
  void adopt(std::shared_ptr<Item> child);
  void adoptWeakly(std::shared_ptr<Item> child);
};
struct Connection {
  std::function<void()> onData;
  void read();
};
struct Timer : std::enable_shared_from_this<Timer> {
  std::function<void()> onTick;
  void start();
  void startWeak();
  void fire();
};

// Takes its argument by non-const reference: may point it elsewhere.
void refresh(std::shared_ptr<Peer> &peer);
// Returns some peer the function does not know.
std::shared_ptr<Peer> lookup(int id);
// Only reads its argument.
void log(const std::shared_ptr<Peer> &peer);
bool ready();

// ===== two objects that own each other =====

// Two peers point at each other.
void linkPeers() {
  auto a = std::make_shared<Peer>();
  auto b = std::make_shared<Peer>();
  a->peer = b;
  b->peer = a;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'a' and 'b' own each other through std::shared_ptr, so neither object is ever destroyed; break the cycle before the objects are released, or make one of the links a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'a' now owns 'b' through 'Peer::peer'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'b' now owns 'a' through 'Peer::peer'
  log(a);
}

// Twin: the cycle is broken before the function returns.
void linkPeersThenUnlink() {
  auto a = std::make_shared<Peer>();
  auto b = std::make_shared<Peer>();
  a->peer = b;
  b->peer = a;
  a->peer = nullptr;
}

// Twin: the two links are stored on different branches.
void linkOneWay(bool forward) {
  auto a = std::make_shared<Peer>();
  auto b = std::make_shared<Peer>();
  if (forward)
    a->peer = b;
  else
    b->peer = a;
}

// Twin: the second link is only stored on a path that returns first.
void linkUnlessReady() {
  auto a = std::make_shared<Peer>();
  auto b = std::make_shared<Peer>();
  if (ready()) {
    a->peer = b;
    return;
  }
  b->peer = a;
}

// Twin: an unknown function may point 'b' at another peer in between.
void linkAfterRefresh() {
  auto a = std::make_shared<Peer>();
  auto b = std::make_shared<Peer>();
  a->peer = b;
  refresh(b);
  b->peer = a;
}

// Twin: 'b' is reassigned from something unknown.
void linkAfterLookup() {
  auto a = std::make_shared<Peer>();
  auto b = std::make_shared<Peer>();
  a->peer = b;
  b = lookup(a->id);
  b->peer = a;
}

// Parameters are objects too: the function links them both ways.
void linkParameters(std::shared_ptr<Peer> left, std::shared_ptr<Peer> right) {
  left->peer = right;
  right->peer = left;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'left' and 'right' own each other through std::shared_ptr, so neither object is ever destroyed; break the cycle before the objects are released, or make one of the links a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'left' now owns 'right' through 'Peer::peer'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'right' now owns 'left' through 'Peer::peer'
}

// Twin: the parameters are linked one way.
void linkParametersOneWay(std::shared_ptr<Peer> left,
                          std::shared_ptr<Peer> right) {
  left->peer = right;
}

// ===== rings =====

// Closing a singly linked list into a ring.
void buildRing() {
  auto head = std::make_shared<Link>();
  auto middle = std::make_shared<Link>();
  auto tail = std::make_shared<Link>();
  head->next = middle;
  middle->next = tail;
  tail->next = head;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'head', 'middle' and 'tail' own each other through std::shared_ptr, so none of the objects is ever destroyed; break the cycle before the objects are released, or make one of the links a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'head' now owns 'middle' through 'Link::next'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'middle' now owns 'tail' through 'Link::next'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'tail' now owns 'head' through 'Link::next'
}

// Twin: the list stays open.
void buildChain() {
  auto head = std::make_shared<Link>();
  auto middle = std::make_shared<Link>();
  auto tail = std::make_shared<Link>();
  head->next = middle;
  middle->next = tail;
}

// Closing the ring on one branch is enough: that path leaks.
void maybeBuildRing(bool circular) {
  auto head = std::make_shared<Link>();
  auto tail = std::make_shared<Link>();
  head->next = tail;
  if (circular)
    tail->next = head;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'head' and 'tail' own each other through std::shared_ptr, so neither object is ever destroyed; break the cycle before the objects are released, or make one of the links a std::weak_ptr [memreview-shared-ptr-cycle]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: 'head' now owns 'tail' through 'Link::next'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'tail' now owns 'head' through 'Link::next'
}

// Twin: the ring closed on one branch is opened again before the function
// returns.
void maybeBuildRingThenOpen(bool circular) {
  auto head = std::make_shared<Link>();
  auto tail = std::make_shared<Link>();
  head->next = tail;
  if (circular) {
    tail->next = head;
    tail->next = nullptr;
  }
}

// Twin: the list is built in a loop; which node 'tail' is afterwards is not
// followed.
void buildListInLoop(int n) {
  auto head = std::make_shared<Link>();
  auto tail = head;
  for (int i = 0; i < n; ++i) {
    auto node = std::make_shared<Link>();
    tail->next = node;
    tail = node;
  }
}

// FN: 'tail' is reassigned in the loop, so the store after the loop that
// closes the ring is not followed.
void buildRingInLoop(int n) {
  auto head = std::make_shared<Link>();
  auto tail = head;
  for (int i = 0; i < n; ++i) {
    auto node = std::make_shared<Link>();
    tail->next = node;
    tail = node;
  }
  tail->next = head;
}

// ===== a child stores its parent =====

// The parent stores the child, and the child stores 'shared_from_this()'.
void Item::adopt(std::shared_ptr<Item> child) {
  links.push_back(child);
  child->links.push_back(shared_from_this());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: '*this' and 'child' own each other through std::shared_ptr, so neither object is ever destroyed; break the cycle before the objects are released, or make one of the links a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: '*this' now owns 'child' through 'Item::links'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'child' now owns '*this' through 'Item::links'
}

// Twin: only the parent stores.
void Item::adoptWeakly(std::shared_ptr<Item> child) {
  links.push_back(child);
}

// ===== callbacks =====

// A connection whose callback captures the connection itself.
void listen() {
  auto connection = std::make_shared<Connection>();
  connection->onData = [connection] { connection->read(); };
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'connection' owns itself through 'Connection::onData', so it is never destroyed; make the lambda stored in 'Connection::onData' capture a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'connection' now owns itself through 'Connection::onData': the lambda stored there captures 'connection'
  // CHECK-NOTES: :[[@LINE-3]]:25: note: make the lambda stored in 'Connection::onData' capture a std::weak_ptr: a stored callback should not keep its target alive
}

// Twin: the callback captures a std::weak_ptr.
void listenWeakly() {
  auto connection = std::make_shared<Connection>();
  std::weak_ptr<Connection> weak = connection;
  connection->onData = [weak] {
    if (std::shared_ptr<Connection> alive = weak.lock())
      alive->read();
  };
}

// Twin: a capture by reference does not own.
void listenByReference() {
  auto connection = std::make_shared<Connection>();
  connection->onData = [&connection] { connection->read(); };
}

// A timer stores a callback that owns the timer.
void Timer::start() {
  onTick = [self = shared_from_this()] { self->fire(); };
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: '*this' owns itself through 'Timer::onTick', so it is never destroyed; make the lambda stored in 'Timer::onTick' capture a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: '*this' now owns itself through 'Timer::onTick': the lambda stored there captures 'self'
  // CHECK-NOTES: :[[@LINE-3]]:13: note: make the lambda stored in 'Timer::onTick' capture a std::weak_ptr: a stored callback should not keep its target alive
}

// Twin: the callback holds the timer weakly.
void Timer::startWeak() {
  onTick = [weak = weak_from_this()] {
    if (std::shared_ptr<Timer> self = weak.lock())
      self->fire();
  };
}

// ===== the class breaks its cycles itself =====

// 'disconnect()' clears the link: the program is assumed to call it.
struct Endpoint {
  std::shared_ptr<Endpoint> remote;
  void disconnect() { remote.reset(); }
};
void connectEndpoints() {
  auto a = std::make_shared<Endpoint>();
  auto b = std::make_shared<Endpoint>();
  a->remote = b;
  b->remote = a;
}

// A member function that is not defined here may clear the link.
struct Socket {
  std::shared_ptr<Socket> other;
  void close();
};
void pairSockets() {
  auto a = std::make_shared<Socket>();
  auto b = std::make_shared<Socket>();
  a->other = b;
  b->other = a;
  a->close();
}

// ===== what a member already owns =====

// 'link' owns some widget; making that widget own '*this' closes a cycle.
struct Widget : std::enable_shared_from_this<Widget> {
  std::shared_ptr<Widget> link;
  void linkBack() { link->link = shared_from_this(); }
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: '*this' and 'this->link' own each other through std::shared_ptr, so neither object is ever destroyed; break the cycle before the objects are released, or make one of the links a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-2]]:21: note: '*this' owns 'this->link' through 'Widget::link'
  // CHECK-NOTES: :[[@LINE-3]]:21: note: 'this->link' now owns '*this' through 'Widget::link'
  void linkForward(std::shared_ptr<Widget> next) { link = next; }
};

// Twin: the widget that 'link' owns only observes '*this'.
struct WeakWidget : std::enable_shared_from_this<WeakWidget> {
  std::shared_ptr<WeakWidget> link;
  std::weak_ptr<WeakWidget> back;
  void linkBack() { link->back = weak_from_this(); }
};

// ===== templates =====

// The instantiation is analysed, once per instantiation.
template <class T> void pairUp(std::shared_ptr<T> a, std::shared_ptr<T> b) {
  a->peer = b;
  b->peer = a;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'a' and 'b' own each other through std::shared_ptr, so neither object is ever destroyed; break the cycle before the objects are released, or make one of the links a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'a' now owns 'b' through 'Peer::peer'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'b' now owns 'a' through 'Peer::peer'
}
void usePairUp() { pairUp(std::make_shared<Peer>(), std::make_shared<Peer>()); }

// Twin: an instantiated template that links one way.
template <class T> void chainUp(std::shared_ptr<T> a, std::shared_ptr<T> b) {
  a->peer = b;
}
void useChainUp() { chainUp(std::make_shared<Peer>(), std::make_shared<Peer>()); }

// Twin: a template that is never instantiated is not analysed.
template <class T> void pairUpUnused(std::shared_ptr<T> a, std::shared_ptr<T> b) {
  a->peer = b;
  b->peer = a;
}

// ===== switches and loops =====

// Twin: the two links are on different cases.
void linkBySwitch(int how) {
  auto a = std::make_shared<Peer>();
  auto b = std::make_shared<Peer>();
  switch (how) {
  case 0:
    a->peer = b;
    break;
  case 1:
    b->peer = a;
    break;
  default:
    break;
  }
}

// Both links inside one loop iteration.
void linkInLoop(int n) {
  for (int i = 0; i < n; ++i) {
    auto a = std::make_shared<Peer>();
    auto b = std::make_shared<Peer>();
    a->peer = b;
    b->peer = a;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'a' and 'b' own each other through std::shared_ptr, so neither object is ever destroyed; break the cycle before the objects are released, or make one of the links a std::weak_ptr [memreview-shared-ptr-cycle]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'a' now owns 'b' through 'Peer::peer'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'b' now owns 'a' through 'Peer::peer'
  }
}

// Twin: each iteration breaks its cycle before the objects are released.
void linkInLoopThenUnlink(int n) {
  for (int i = 0; i < n; ++i) {
    auto a = std::make_shared<Peer>();
    auto b = std::make_shared<Peer>();
    a->peer = b;
    b->peer = a;
    b->peer = nullptr;
  }
}
