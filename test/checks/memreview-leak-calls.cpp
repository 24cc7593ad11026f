// RUN: %check_memreview %s memreview-leak %t
//
// Interprocedural memreview-leak: functions of this file are applied through
// their summaries (what they release, return, store or let escape), so
// helpers that release, factories that allocate and functions that hand
// memory through out-parameters are followed across calls.
#include <cstdlib>
#include <cstring>
#include <vector>

struct Connection {
  int fd = -1;
};
struct Buffer {
  char bytes[64];
};
struct Session {
  Connection *conn;
  int id;
};
struct Node {
  Node *next;
  int value;
};

void logConnection(const Connection *conn);

// ===== Helpers that release their parameter =====

void closeConnection(Connection *conn) { delete conn; }
void inspectConnection(Connection *conn) { logConnection(conn); }
void releaseBuffer(char *data) { free(data); }
void clearBuffer(char *data) { memset(data, 0, 16); }

// A helper that only inspects the connection does not release it.
void inspectThenForget() {
  Connection *conn = new Connection;
  inspectConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here

// Twin: a helper whose summary deletes its parameter.
void closeThroughHelper() {
  Connection *conn = new Connection;
  inspectConnection(conn);
  closeConnection(conn);
}

// A helper that only clears the buffer does not free it.
void clearThenForget() {
  char *data = (char *)malloc(16);
  if (!data)
    return;
  clearBuffer(data);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'malloc' is leaked: 'data' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-6]]:24: note: memory is allocated with 'malloc' here
// CHECK-NOTES: :[[@LINE-6]]:7: note: assuming '!data' is false

// Twin: a helper whose summary frees its parameter.
void freeThroughHelper() {
  char *data = (char *)malloc(16);
  if (!data)
    return;
  clearBuffer(data);
  releaseBuffer(data);
}

void closeIfOpen(Connection *conn) {
  if (conn)
    delete conn;
}
void closeWhenLast(Connection *conn, bool last) {
  if (last)
    delete conn;
}

// A helper that releases only when told to: here it is told not to.
void closeWhenLastFalse() {
  Connection *conn = new Connection;
  closeWhenLast(conn, false);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here

// Twin: the helper is told to release.
void closeWhenLastTrue() {
  Connection *conn = new Connection;
  closeWhenLast(conn, true);
}

// Twin: a helper that checks for null releases a connection that exists.
void closeIfOpenReleases() {
  Connection *conn = new Connection;
  closeIfOpen(conn);
}

// The caller passes its own flag on: when it is false, the helper keeps its
// hands off and the connection is forgotten.
void closeWhenLastFlag(bool last) {
  Connection *conn = new Connection;
  closeWhenLast(conn, last);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: assuming 'closeWhenLast' does not release 'conn'

// Twin: the caller deletes the connection when the helper did not.
void closeWhenLastChecked(bool last) {
  Connection *conn = new Connection;
  closeWhenLast(conn, last);
  if (!last)
    delete conn;
}

bool tryClose(Connection *conn) {
  if (conn->fd < 0)
    return false;
  delete conn;
  return true;
}

// A helper that may refuse to release: its result is ignored.
void tryCloseAndForget() {
  Connection *conn = new Connection;
  tryClose(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-4]]:3: note: assuming 'tryClose' does not release 'conn' and returns false

// Twin: the caller deletes the connection when the helper refused.
void tryCloseOrDelete() {
  Connection *conn = new Connection;
  if (!tryClose(conn))
    delete conn;
}

// ===== Helpers that return or keep their parameter =====

Connection *configure(Connection *conn) {
  conn->fd = 0;
  return conn;
}

// The helper hands the connection back, and the caller forgets it.
void configureThenForget() {
  Connection *conn = configure(new Connection);
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:32: note: memory is allocated with 'new' here

// Twin: the caller deletes what the helper returned.
void configureThenDelete() {
  Connection *conn = configure(new Connection);
  logConnection(conn);
  delete conn;
}

Connection *gRegistered;
void registerConnection(Connection *conn) { gRegistered = conn; }
bool isRegistered(const Connection *conn) { return conn == gRegistered; }

// A helper that only compares the connection does not keep it.
void checkRegistrationThenForget() {
  Connection *conn = new Connection;
  if (isRegistered(conn))
    logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here

// Twin: a helper that stores the connection in a global takes it over.
void registerThroughHelper() {
  Connection *conn = new Connection;
  registerConnection(conn);
}

// ===== Factories: functions that allocate and return =====

Connection *openConnection() { return new Connection; }
Connection *openDefaultConnection() { return openConnection(); }

// A factory's connection, handed through another factory, is forgotten.
void leakFromFactoryChain() {
  Connection *conn = openDefaultConnection();
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated by 'openDefaultConnection' here

// Twin: the caller of the factory chain deletes it.
void deleteFromFactoryChain() {
  Connection *conn = openDefaultConnection();
  logConnection(conn);
  delete conn;
}

// A lambda of this file allocates and returns: the note names the lambda by
// the variable that holds it (there is no 'new' at its call).
void leakFromLambdaFactory() {
  auto open = [] { return new Connection; };
  Connection *conn = open();
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated by 'open' here

// Twin: the caller deletes what the lambda returned.
void deleteFromLambdaFactory() {
  auto open = [] { return new Connection; };
  Connection *conn = open();
  logConnection(conn);
  delete conn;
}

// Twin: a factory that hands its product to its own caller does not leak.
Connection *openAndConfigure() {
  Connection *conn = openConnection();
  conn->fd = 8;
  return conn;
}

// The result of a factory is thrown away.
void discardFactoryResult() {
  openConnection();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: the value holding it is discarded [memreview-leak]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: memory is allocated by 'openConnection' here
}

// Twin: the result of the factory goes straight to a helper that deletes it.
void closeFactoryResult() {
  closeConnection(openConnection());
}

Connection *findCached(int id) {
  (void)id;
  return nullptr;
}
Connection *connectionFor(int kind) {
  if (kind == 0)
    return nullptr;
  return new Connection;
}

// A factory that allocates for this argument: the connection is forgotten.
void connectionForStreamLeaks() {
  Connection *conn = connectionFor(1);
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated by 'connectionFor' here

// Twin: for this argument the factory returns a constant (null).
void connectionForNoneIsSilent() {
  Connection *conn = connectionFor(0);
  logConnection(conn);
}

// Twin: a function that returns a constant allocates nothing.
void cachedLookupIsSilent() {
  Connection *conn = findCached(3);
  logConnection(conn);
}

// ===== Out-parameters =====

void openInto(Connection **out) { *out = new Connection; }
void openIntoReference(Connection *&out) { out = new Connection; }
void attachConnection(Session *session) { session->conn = new Connection; }

// A pointer-to-pointer out-parameter receives a connection that is forgotten.
void leakFromOutParameter() {
  Connection *conn = nullptr;
  openInto(&conn);
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is allocated by 'openInto' here

// Twin: the connection received through the out-parameter is deleted.
void deleteFromOutParameter() {
  Connection *conn = nullptr;
  openInto(&conn);
  logConnection(conn);
  delete conn;
}

// A reference-to-pointer out-parameter receives a connection that is
// forgotten.
void leakFromReferenceOutParameter() {
  Connection *conn = nullptr;
  openIntoReference(conn);
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:3: note: memory is allocated by 'openIntoReference' here

// Twin: the connection received through the reference is deleted.
void deleteFromReferenceOutParameter() {
  Connection *conn = nullptr;
  openIntoReference(conn);
  logConnection(conn);
  delete conn;
}

// A helper fills a field of a local struct; the struct dies with it.
void leakFromAttachedSession() {
  Session session;
  attachConnection(&session);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'session' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-3]]:3: note: memory is allocated by 'attachConnection' here

// Twin: the field filled by the helper is deleted.
void deleteFromAttachedSession() {
  Session session;
  attachConnection(&session);
  delete session.conn;
}

// ===== Recursion =====

// A recursive function leaks its scratch buffer on every level.
int countNodes(const Node *node) {
  if (!node)
    return 0;
  Buffer *scratch = new Buffer;
  scratch->bytes[0] = 0;
  return 1 + countNodes(node->next);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-6]]:7: note: assuming '!node' is false
  // CHECK-NOTES: :[[@LINE-5]]:21: note: memory is allocated with 'new' here
}

// Twin: each level deletes its scratch buffer before recursing.
int countNodesDeletingScratch(const Node *node) {
  if (!node)
    return 0;
  Buffer *scratch = new Buffer;
  scratch->bytes[0] = 0;
  delete scratch;
  return 1 + countNodesDeletingScratch(node->next);
}

void walkHops(Connection *conn, int hops) {
  if (hops == 0) {
    logConnection(conn);
    return;
  }
  walkHops(conn, hops - 1);
}
void closeAfterHops(Connection *conn, int hops) {
  if (hops == 0) {
    delete conn;
    return;
  }
  closeAfterHops(conn, hops - 1);
}

// FN: calls inside one recursive cycle see each other as unknown code, so a
// connection passed to a recursive helper escapes, whether the helper
// releases it or not; this one only walks.
void leakThroughRecursiveWalk() {
  Connection *conn = new Connection;
  walkHops(conn, 3);
}

// Twin: a recursive helper that deletes its parameter in its base case.
void closeThroughRecursion() {
  Connection *conn = new Connection;
  closeAfterHops(conn, 3);
}

Connection *openAfterHops(int hops) {
  if (hops == 0)
    return new Connection;
  return openAfterHops(hops - 1);
}

// FN: for the same reason, what a recursive factory returns is not followed.
void leakFromRecursiveFactory() {
  Connection *conn = openAfterHops(2);
  logConnection(conn);
}

// A registry that keeps what it creates and returns it to the caller only
// as a borrowed pointer: discarding the pointer leaks nothing.
struct Registry {
  std::vector<Connection *> all;
  Connection *primary = nullptr;
  Connection *track();
  Connection *makePrimary();
  Connection *create();
};
Connection *Registry::track() {
  Connection *conn = new Connection;
  all.push_back(conn);
  return conn;
}
Connection *Registry::makePrimary() {
  primary = new Connection;
  return primary;
}
void discardBorrowedResults(Registry &registry) {
  registry.track();
  registry.makePrimary();
}

// Twin: a member function that hands its product over is a factory.
Connection *Registry::create() { return new Connection; }
void discardCreatedResult(Registry &registry) {
  registry.create();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: the value holding it is discarded [memreview-leak]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: memory is allocated by 'create' here
}

// Twin: the created connection is deleted.
void deleteCreatedResult(Registry &registry) { delete registry.create(); }

// A factory whose loop runs more rounds than the engine unrolls still
// returns: its summary hands the memory over (leveldb's NewLRUCache).
struct Shards {
  int capacity[16];
};
Shards *makeShards() {
  Shards *shards = new Shards;
  for (int i = 0; i < 16; i++)
    shards->capacity[i] = 0;
  return shards;
}
void leakShards() {
  Shards *shards = makeShards();
  (void)shards;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'shards' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated by 'makeShards' here

// Twin: the caller releases it.
void releaseShards() {
  Shards *shards = makeShards();
  delete shards;
}

// A struct handed over by value: the callee releases what its copy holds.
// The summary does not follow the copy, so the caller stays silent.
struct PartPair {
  Connection *first;
  Connection *second;
};
void disposePairCopy(PartPair pair) {
  delete pair.first;
  delete pair.second;
}
void disposeByValue() {
  PartPair pair;
  pair.first = new Connection;
  pair.second = new Connection;
  disposePairCopy(pair);
}

// An array of pointers filled by one helper and leaked, then the same array
// released element by element by another helper.
void fillSlots(Connection **slots, int n) {
  for (int i = 0; i < n; ++i)
    slots[i] = new Connection;
}
void drainSlots(Connection **slots, int n) {
  for (int i = 0; i < n; ++i)
    delete slots[i];
}
void fillAndDrain() {
  Connection *slots[4];
  fillSlots(slots, 4);
  drainSlots(slots, 4);
}
void fillAndForget() {
  Connection *slots[4];
  fillSlots(slots, 4);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'slots' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-3]]:3: note: memory is allocated by 'fillSlots' here
