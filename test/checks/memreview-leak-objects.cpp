// RUN: %check_memreview %s memreview-leak %t
//
// memreview-leak and the objects that hold pointers: fields of local structs,
// elements of local arrays, members of local objects with and without
// destructors, heap objects that own other heap objects, struct copies,
// structs returned by value and structured bindings.
#include <cstdlib>
#include <cstring>

struct Connection {
  int fd = -1;
};
struct Request {
  Connection *conn;
  int id;
};
struct Route {
  Request request;
  int port;
};
struct Entry {
  char *key;
  char *value;
};
struct Node {
  Node *next = nullptr;
  int value = 0;
};

void logConnection(const Connection *conn);
void logText(const char *text);

// ===== Fields of local structs =====

// The struct dies with the only pointer to the connection in a field.
void leakRequestField() {
  Request request;
  request.conn = new Connection;
  request.id = 1;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'request' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:18: note: memory is allocated with 'new' here

// Twin: the field is deleted before the struct dies.
void deleteRequestField() {
  Request request;
  request.conn = new Connection;
  request.id = 1;
  delete request.conn;
}

// Aggregate initialisation stores the connection in a field.
void leakAggregateField() {
  Request request{new Connection, 2};
  logConnection(request.conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'request' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:19: note: memory is allocated with 'new' here

// Twin: the field initialised in the aggregate is deleted.
void deleteAggregateField() {
  Request request{new Connection, 2};
  logConnection(request.conn);
  delete request.conn;
}

// A field of a nested struct holds the only pointer.
void leakNestedField() {
  Route route;
  route.request.conn = new Connection;
  route.port = 80;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'route' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:24: note: memory is allocated with 'new' here

// Twin: the nested field is deleted.
void deleteNestedField() {
  Route route;
  route.request.conn = new Connection;
  route.port = 80;
  delete route.request.conn;
}

// One of two fields is freed, the other is forgotten.
void leakEntryValue() {
  Entry entry;
  entry.key = strdup("host");
  entry.value = strdup("localhost");
  free(entry.key);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'strdup' is leaked: 'entry' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:17: note: memory is allocated with 'strdup' here

// Twin: both fields are freed.
void freeEntryFields() {
  Entry entry;
  entry.key = strdup("host");
  entry.value = strdup("localhost");
  free(entry.key);
  free(entry.value);
}

// A structured binding copies the field; the copy is only logged.
void logThroughBinding() {
  Request request{new Connection, 5};
  auto [conn, id] = request;
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'request' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:19: note: memory is allocated with 'new' here

// Twin: the binding of a copy of the struct holds the same pointer, and it is
// deleted.
void deleteThroughBindingCopy() {
  Request request{new Connection, 5};
  auto [conn, id] = request;
  delete conn;
}

// Twin: a binding by reference names the field itself.
void deleteThroughBindingReference() {
  Request request{new Connection, 5};
  auto &[conn, id] = request;
  delete conn;
}

// ===== Struct copies =====

// Neither the struct nor its copy releases the connection.
void leakThroughStructCopy() {
  Request original;
  original.conn = new Connection;
  Request copy = original;
  copy.id = 3;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'original' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:19: note: memory is allocated with 'new' here

// Twin: the copy's field, the same pointer, is deleted.
void deleteThroughStructCopy() {
  Request original;
  original.conn = new Connection;
  Request copy = original;
  delete copy.conn;
}

// ===== A value passed through a struct and back =====

struct Envelope {
  Connection *conn;
  int tag;
};
void pack(Envelope *envelope, Connection *conn) { envelope->conn = conn; }
Connection *unpack(const Envelope *envelope) { return envelope->conn; }

// The connection goes into the envelope and comes back out, and is forgotten.
void leakThroughEnvelope() {
  Envelope envelope;
  pack(&envelope, new Connection);
  Connection *conn = unpack(&envelope);
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'envelope' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:19: note: memory is allocated with 'new' here

// Twin: what comes back out of the envelope is deleted.
void deleteThroughEnvelope() {
  Envelope envelope;
  pack(&envelope, new Connection);
  Connection *conn = unpack(&envelope);
  delete conn;
}

Envelope wrap(Connection *conn) {
  Envelope envelope;
  envelope.conn = conn;
  envelope.tag = 0;
  return envelope;
}
Envelope makeEnvelope() {
  Envelope envelope;
  envelope.conn = new Connection;
  envelope.tag = 1;
  return envelope;
}

// The connection travels into a struct returned by value, and is forgotten.
void wrapAndForget() {
  Envelope envelope = wrap(new Connection);
  envelope.tag = 2;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'envelope' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:28: note: memory is allocated with 'new' here

// Twin: the field of the returned struct is deleted.
void wrapAndDelete() {
  Envelope envelope = wrap(new Connection);
  delete envelope.conn;
}

// A factory returns a struct by value that holds a new connection; the
// caller forgets it.
void makeEnvelopeAndForget() {
  Envelope envelope = makeEnvelope();
  envelope.tag = 2;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'envelope' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:23: note: memory is allocated by 'makeEnvelope' here

// Twin: the caller deletes the field of the factory's struct.
void makeEnvelopeAndDelete() {
  Envelope envelope = makeEnvelope();
  delete envelope.conn;
}

// ===== Elements of local arrays =====

// Of the two words, only the first one is freed.
void leakSecondWord() {
  char *words[2];
  words[0] = strdup("get");
  words[1] = strdup("index");
  free(words[0]);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'strdup' is leaked: 'words' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:14: note: memory is allocated with 'strdup' here

// Twin: both words are freed.
void freeBothWords() {
  char *words[2];
  words[0] = strdup("get");
  words[1] = strdup("index");
  free(words[0]);
  free(words[1]);
}

// A loop fills the array; only the first slot is freed.
void leakSlotsAfterFill() {
  char *slots[2];
  for (int i = 0; i < 2; ++i)
    slots[i] = (char *)malloc(16);
  free(slots[0]);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'malloc' is leaked: 'slots' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:24: note: memory is allocated with 'malloc' here

// Twin: a second loop frees every slot.
void freeSlotsAfterFill() {
  char *slots[2];
  for (int i = 0; i < 2; ++i)
    slots[i] = (char *)malloc(16);
  for (int i = 0; i < 2; ++i)
    free(slots[i]);
}

// FN: a loop that runs more often than the engine unrolls loops is widened,
// and what it stored in the array is no longer followed.
void leakManySlotsAfterFill() {
  char *slots[8];
  for (int i = 0; i < 8; ++i)
    slots[i] = (char *)malloc(16);
  free(slots[0]);
}

// An element of a local array of structs holds the connection.
void leakRequestInArray() {
  Request requests[2];
  requests[1].conn = new Connection;
  requests[1].id = 4;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'requests' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here

// Twin: the element's field is deleted.
void deleteRequestInArray() {
  Request requests[2];
  requests[1].conn = new Connection;
  requests[1].id = 4;
  delete requests[1].conn;
}

// ===== Members of local objects =====

class Holder {
public:
  Connection *conn = nullptr;
};

// A class without a destructor: its member is forgotten with the object.
void leakHolderMember() {
  Holder holder;
  holder.conn = new Connection;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'holder' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-3]]:17: note: memory is allocated with 'new' here

// Twin: the member is deleted before the object dies.
void deleteHolderMember() {
  Holder holder;
  holder.conn = new Connection;
  delete holder.conn;
}

class Tracer {
public:
  Connection *conn = nullptr;
  ~Tracer() { logText("tracer done"); }
};

// A destructor that does not release the member: the object is destroyed
// while it holds the only pointer.
void leakThroughTracerDestructor() {
  Tracer tracer;
  tracer.conn = new Connection;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'tracer' is destroyed without releasing what it holds [memreview-leak]
// CHECK-NOTES: :[[@LINE-3]]:17: note: memory is allocated with 'new' here

// Twin: the member is deleted before the destructor runs.
void deleteBeforeTracerDestructor() {
  Tracer tracer;
  tracer.conn = new Connection;
  delete tracer.conn;
}

class Session {
public:
  Connection *conn = nullptr;
  ~Session() { delete conn; }
};

// Twin: the destructor deletes the member that was assigned.
void sessionDestructorDeletes() {
  Session session;
  session.conn = new Connection;
}

class Socket {
public:
  explicit Socket(Connection *c) : conn(c) {}
  ~Socket() { delete conn; }

private:
  Connection *conn;
};

// Twin: the constructor adopts the connection, the destructor deletes it
// (RAII).
void socketAdoptsConnection() { Socket socket(new Connection); }

// ===== Heap objects that own heap objects =====

// Deleting the head of a list forgets the node it points to.
void leakListTail() {
  Node *head = new Node;
  head->next = new Node;
  delete head;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'head' is destroyed without releasing what it holds [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: memory is allocated with 'new' here
}

// Twin: the tail is deleted before the head.
void deleteListTail() {
  Node *head = new Node;
  head->next = new Node;
  delete head->next;
  delete head;
}

// A heap request is freed while its field holds the connection.
void leakHeapRequestField() {
  Request *request = new Request;
  request->conn = new Connection;
  delete request;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'request' is destroyed without releasing what it holds [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:19: note: memory is allocated with 'new' here
}

// Twin: the field is deleted before the request.
void deleteHeapRequestField() {
  Request *request = new Request;
  request->conn = new Connection;
  delete request->conn;
  delete request;
}

// ===== Default member initializers =====

// Twin: a constructor whose body allocates runs the default member
// initializer of 'spare' too; its allocation is stored in the member, not
// discarded (memreview-owning-member judges whether the class releases it).
struct Slots {
  Slots() { first = new int(1); }
  ~Slots() {
    delete first;
    delete[] spare;
  }
  Slots(const Slots &) = delete;
  Slots &operator=(const Slots &) = delete;
  int *first;
  int *spare = new int[4];
};

// Parent-child ownership (Qt style): a constructor the engine cannot read
// that is given the object it may register with ('new Label("x", parent)')
// may hand the new object to that parent. Silent; a constructor given only
// values keeps the memory the caller's.
struct ParentWidget {
  ParentWidget(ParentWidget *parent);
  virtual ~ParentWidget();
};
struct ChildLabel : ParentWidget {
  ChildLabel(const char *text, ParentWidget *parent);
};
struct ValueOnly {
  ValueOnly(int n);
  ~ValueOnly();
};
void addChildLabel(ParentWidget *parent) {
  ChildLabel *label = new ChildLabel("name", parent);
  (void)label;
  new ChildLabel("anonymous", parent);
}
void leakValueOnly() {
  ValueOnly *value = new ValueOnly(3);
  (void)value;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'value' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
