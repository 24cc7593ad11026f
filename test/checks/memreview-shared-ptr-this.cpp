// RUN: %check_memreview %s memreview-shared-ptr-this %t
#include <memory>

// ===== adopting 'this' without enable_shared_from_this =====

// A temporary shared_ptr adopting 'this'.
struct Widget {
  std::shared_ptr<Widget> self() { return std::shared_ptr<Widget>(this); }
  // CHECK-NOTES: :[[@LINE-1]]:43: warning: 'std::shared_ptr' adopts 'this', creating a second owner that deletes the object independently of its current owner; use 'shared_from_this()' [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: derive 'Widget' from 'std::enable_shared_from_this<Widget>' to be able to call 'shared_from_this()'
};

// Twin: the class derives from enable_shared_from_this and shares the
// existing ownership.
struct SharedWidget : std::enable_shared_from_this<SharedWidget> {
  std::shared_ptr<SharedWidget> self() { return shared_from_this(); }
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

// Twin: a factory function creates the owner after construction, then the
// object may share it.
struct Enrolled : std::enable_shared_from_this<Enrolled> {
  static std::shared_ptr<Enrolled> create() {
    std::shared_ptr<Enrolled> created(new Enrolled);
    created->enroll();
    return created;
  }
  void enroll() { registry = shared_from_this(); }
  std::weak_ptr<Enrolled> registry;

private:
  Enrolled() = default;
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

// ===== other spellings of the adoption =====

struct Channel : std::enable_shared_from_this<Channel> {
  // A braced temporary.
  std::shared_ptr<Channel> braced() { return std::shared_ptr<Channel>{this}; }
  // CHECK-NOTES: :[[@LINE-1]]:46: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-4]]:8: note: 'Channel' derives from 'std::enable_shared_from_this<Channel>', so 'shared_from_this()' returns a pointer that shares the existing ownership
  // CHECK-FIXES: std::shared_ptr<Channel> braced() { return shared_from_this(); }

  // Twin: a braced copy of the shared ownership.
  std::shared_ptr<Channel> bracedGood() {
    return std::shared_ptr<Channel>{shared_from_this()};
  }

  // A cast of 'this' inside the temporary.
  std::shared_ptr<Channel> cast() {
    return std::shared_ptr<Channel>(static_cast<Channel *>(this));
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
    // CHECK-NOTES: :[[@LINE-16]]:8: note: 'Channel' derives from
    // CHECK-FIXES: {{^}}    return shared_from_this();{{$}}
  }

  // Twin: the cast applies to the shared ownership.
  std::shared_ptr<Channel> castGood() {
    return std::static_pointer_cast<Channel>(shared_from_this());
  }

  // A named variable: reported, but the fix is left to the reader.
  std::shared_ptr<Channel> named() {
    std::shared_ptr<Channel> self(this);
    // CHECK-NOTES: :[[@LINE-1]]:30: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
    // CHECK-NOTES: :[[@LINE-29]]:8: note: 'Channel' derives from
    // CHECK-FIXES: {{^}}    std::shared_ptr<Channel> self(this);{{$}}
    return self;
  }

  // Twin: the named variable shares the existing ownership.
  std::shared_ptr<Channel> namedGood() {
    std::shared_ptr<Channel> self = shared_from_this();
    return self;
  }

  // 'reset(this)' through a pointer to the shared_ptr.
  void publish(std::shared_ptr<Channel> *slot) { slot->reset(this); }
  // CHECK-NOTES: :[[@LINE-1]]:50: warning: 'reset' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-43]]:8: note: 'Channel' derives from

  // Twin: assign the shared ownership through the pointer.
  void publishGood(std::shared_ptr<Channel> *slot) { *slot = shared_from_this(); }

  // In a lambda of a member function.
  void post() {
    auto task = [this] { return std::shared_ptr<Channel>(this); };
    // CHECK-NOTES: :[[@LINE-1]]:33: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
    // CHECK-NOTES: :[[@LINE-52]]:8: note: 'Channel' derives from
    // CHECK-FIXES: {{^}}    auto task = [this] { return shared_from_this(); };{{$}}
    task();
  }

  // Twin: the lambda captures a shared owner.
  void postGood() {
    auto task = [self = shared_from_this()] { return self; };
    task();
  }
};

// ===== const objects =====

struct Reader : std::enable_shared_from_this<Reader> {
  // A const member function: 'shared_from_this()' returns a pointer to const.
  std::shared_ptr<const Reader> view() const {
    return std::shared_ptr<const Reader>(this);
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
    // CHECK-NOTES: :[[@LINE-5]]:8: note: 'Reader' derives from 'std::enable_shared_from_this<Reader>', so
    // CHECK-FIXES: {{^}}    return shared_from_this();{{$}}
  }
  // Twin.
  std::shared_ptr<const Reader> viewGood() const { return shared_from_this(); }
};

// ===== enable_shared_from_this in a base class =====

struct Endpoint : std::enable_shared_from_this<Endpoint> {};

struct TcpEndpoint : Endpoint {
  // The base's 'shared_from_this()' returns 'std::shared_ptr<Endpoint>', not
  // a pointer to the derived class: no fix-it.
  std::shared_ptr<TcpEndpoint> self() { return std::shared_ptr<TcpEndpoint>(this); }
  // CHECK-NOTES: :[[@LINE-1]]:48: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-5]]:8: note: 'TcpEndpoint' derives from 'std::enable_shared_from_this<Endpoint>', so 'shared_from_this()' returns a pointer that shares the existing ownership
  // CHECK-FIXES: {{^}}  std::shared_ptr<TcpEndpoint> self() { return std::shared_ptr<TcpEndpoint>(this); }{{$}}

  // The same type as the base: fixed.
  std::shared_ptr<Endpoint> asEndpoint() { return std::shared_ptr<Endpoint>(this); }
  // CHECK-NOTES: :[[@LINE-1]]:51: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-11]]:8: note: 'TcpEndpoint' derives from 'std::enable_shared_from_this<Endpoint>', so
  // CHECK-FIXES: {{^}}  std::shared_ptr<Endpoint> asEndpoint() { return shared_from_this(); }{{$}}

  // Twin: the base's shared_from_this as it is.
  std::shared_ptr<Endpoint> asEndpointGood() { return shared_from_this(); }

  // Twin: the base's shared_from_this, converted.
  std::shared_ptr<TcpEndpoint> selfGood() {
    return std::static_pointer_cast<TcpEndpoint>(shared_from_this());
  }
};

// ===== class templates: the base is dependent, so the fix says 'this->' =====

template <class Payload> struct Message : std::enable_shared_from_this<Message<Payload>> {
  std::shared_ptr<Message> self() { return std::shared_ptr<Message>(this); }
  // CHECK-NOTES: :[[@LINE-1]]:44: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-3]]:33: note: 'Message<int>' derives from 'std::enable_shared_from_this<Message<int>>', so 'shared_from_this()' returns a pointer that shares the existing ownership
  // CHECK-FIXES: {{^}}  std::shared_ptr<Message> self() { return this->shared_from_this(); }{{$}}

  // Twin.
  std::shared_ptr<Message> selfGood() { return this->shared_from_this(); }
};
template struct Message<int>;
template struct Message<long>;

// ===== in a destructor: no fix, shared_from_this() would throw =====

struct Subscription : std::enable_shared_from_this<Subscription> {
  ~Subscription() { std::shared_ptr<Subscription>(this).reset(); }
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: 'std::shared_ptr' adopts 'this'{{.*}} [memreview-shared-ptr-this]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'shared_from_this()' cannot be used in a destructor either; the last owner is already destroying the object
  // CHECK-FIXES: {{^}}  ~Subscription() { std::shared_ptr<Subscription>(this).reset(); }{{$}}
};

// Twin: the destructor only uses 'this' as a plain pointer; the last owner is
// already destroying the object.
struct Listener;
void unsubscribe(Listener *listener);
struct Listener : std::enable_shared_from_this<Listener> {
  ~Listener() { unsubscribe(this); }
};

// ===== silent: other smart pointers and copies of '*this' =====

struct Document {
  // A unique_ptr adopting 'this' is not this check's concern.
  std::unique_ptr<Document> detach() { return std::unique_ptr<Document>(this); }
  // A copy of the object gets an owner of its own.
  std::shared_ptr<Document> snapshot() const { return std::make_shared<Document>(*this); }
};
