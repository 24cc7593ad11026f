// RUN: %check_memreview %s memreview-leak %t
//
// The basics of memreview-leak: every allocator of the ownership model, and
// the fates of an allocation (released, transferred, escaped, lost), through
// local copies, aliases, references and pointer arithmetic. Each mistake has
// its correct twin right after it, which must stay silent.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

struct Connection {
  int fd = -1;
};
struct Buffer {
  char bytes[64];
};

// Unknown functions: 'sendOn' may keep the connection, the others only read.
void sendOn(Connection *conn);
void logConnection(const Connection *conn);
void logBytes(const void *data);
void checksum(const char *data);
void consumeLine(char *line);
void notifyListeners();
void adoptConnection(Connection &conn);
void logConnectionRef(const Connection &conn);

// A program's own allocators, marked for the compiler.
void *xmalloc(std::size_t size) __attribute__((malloc));
void *arenaAlloc(std::size_t size) __attribute__((ownership_returns(malloc)));

// A factory of this file: its summary says that it returns fresh memory.
Connection *openConnection() { return new Connection; }

// ===== Allocators: each is followed to its release =====

// 'new': the connection is forgotten at the end of the scope.
void leakNewConnection() {
  Connection *conn = new Connection;
  conn->fd = 3;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here

// Twin: the connection is deleted.
void deleteNewConnection() {
  Connection *conn = new Connection;
  conn->fd = 3;
  delete conn;
}

// 'new[]': the array of buffers is never deleted.
void leakBufferArray() {
  Buffer *buffers = new Buffer[4];
  buffers[0].bytes[0] = 0;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new[]' is leaked: 'buffers' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:21: note: memory is allocated with 'new[]' here

// Twin: 'delete[]' releases the array.
void deleteBufferArray() {
  Buffer *buffers = new Buffer[4];
  buffers[0].bytes[0] = 0;
  delete[] buffers;
}

// 'malloc': the scratch space is not freed.
void leakMallocScratch() {
  char *scratch = (char *)malloc(256);
  if (scratch)
    scratch[0] = '\0';
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'malloc' is leaked: 'scratch' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:27: note: memory is allocated with 'malloc' here

// Twin: 'free' releases it.
void freeMallocScratch() {
  char *scratch = (char *)malloc(256);
  if (scratch)
    scratch[0] = '\0';
  free(scratch);
}

// 'calloc': the table of counters is not freed.
void leakCallocCounters() {
  int *counters = (int *)calloc(16, sizeof(int));
  if (counters)
    counters[3] = 1;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'calloc' is leaked: 'counters' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:26: note: memory is allocated with 'calloc' here

// Twin: the counters are freed.
void freeCallocCounters() {
  int *counters = (int *)calloc(16, sizeof(int));
  if (counters)
    counters[3] = 1;
  free(counters);
}

// 'realloc': the grown buffer is not freed (its failure is handled).
void leakReallocGrown(char *line) {
  char *grown = (char *)realloc(line, 512);
  if (!grown) {
    free(line);
    return;
  }
  grown[0] = '\0';
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'realloc' is leaked: 'grown' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-8]]:25: note: memory is allocated with 'realloc' here

// Twin: the grown buffer is freed.
void freeReallocGrown(char *line) {
  char *grown = (char *)realloc(line, 512);
  if (!grown) {
    free(line);
    return;
  }
  grown[0] = '\0';
  free(grown);
}

// 'realloc' may fail: then the only pointer to the old block is overwritten
// with null.
void growLineInPlace() {
  char *line = (char *)malloc(16);
  line = (char *)realloc(line, 32);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'malloc' is leaked: 'line' is overwritten while it holds the only pointer to it [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: memory is allocated with 'malloc' here
  // CHECK-NOTES: :[[@LINE-3]]:18: note: assuming 'realloc' fails: it returns null and the old block stays allocated
  consumeLine(line);
}

// Twin: the result goes to another variable, and the old block is freed when
// 'realloc' fails.
void growLineChecked() {
  char *line = (char *)malloc(16);
  char *grown = (char *)realloc(line, 32);
  if (!grown) {
    free(line);
    return;
  }
  consumeLine(grown);
}

// 'strdup': the copy of the host name is not freed.
void leakStrdupHost(const char *host) {
  char *copy = strdup(host);
  checksum(copy);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'strdup' is leaked: 'copy' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:16: note: memory is allocated with 'strdup' here

// Twin: the copy is freed.
void freeStrdupHost(const char *host) {
  char *copy = strdup(host);
  checksum(copy);
  free(copy);
}

// 'strndup': the prefix is not freed.
void leakStrndupPrefix(const char *path) {
  char *prefix = strndup(path, 8);
  checksum(prefix);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'strndup' is leaked: 'prefix' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:18: note: memory is allocated with 'strndup' here

// Twin: the prefix is freed.
void freeStrndupPrefix(const char *path) {
  char *prefix = strndup(path, 8);
  checksum(prefix);
  free(prefix);
}

// 'aligned_alloc': the page is not freed.
void leakAlignedPage() {
  void *page = aligned_alloc(64, 4096);
  logBytes(page);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'aligned_alloc' is leaked: 'page' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:16: note: memory is allocated with 'aligned_alloc' here

// Twin: the page is freed.
void freeAlignedPage() {
  void *page = aligned_alloc(64, 4096);
  logBytes(page);
  free(page);
}

// A function marked '__attribute__((malloc))' allocates.
void leakXmallocBlock() {
  void *block = xmalloc(32);
  logBytes(block);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'xmalloc' is leaked: 'block' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:17: note: memory is allocated with 'xmalloc' here

// Twin: its block is freed.
void freeXmallocBlock() {
  void *block = xmalloc(32);
  logBytes(block);
  free(block);
}

// A function marked 'ownership_returns(malloc)' allocates.
void leakArenaBlock() {
  void *block = arenaAlloc(32);
  logBytes(block);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'arenaAlloc' is leaked: 'block' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:17: note: memory is allocated with 'arenaAlloc' here

// Twin: its block is freed.
void freeArenaBlock() {
  void *block = arenaAlloc(32);
  logBytes(block);
  free(block);
}

// A factory of this file: the note names it.
void leakFactoryConnection() {
  Connection *conn = openConnection();
  conn->fd = 4;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated by 'openConnection' here

// Twin: the factory's connection is deleted.
void deleteFactoryConnection() {
  Connection *conn = openConnection();
  conn->fd = 4;
  delete conn;
}

// ===== Lost: overwritten, early return, discarded =====

// The first connection is lost when the variable is reused.
void overwriteConnection() {
  Connection *conn = new Connection;
  conn = new Connection;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'conn' is overwritten while it holds the only pointer to it [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: memory is allocated with 'new' here
  delete conn;
}

// Twin: the first connection is deleted before the variable is reused.
void deleteBeforeReuse() {
  Connection *conn = new Connection;
  delete conn;
  conn = new Connection;
  delete conn;
}

// An early return forgets the connection.
void leakOnEarlyReturn(bool offline) {
  Connection *conn = new Connection;
  if (offline)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:7: note: assuming 'offline' is true
  sendOn(conn);
}

// Twin: the early return deletes it first.
void deleteOnEarlyReturn(bool offline) {
  Connection *conn = new Connection;
  if (offline) {
    delete conn;
    return;
  }
  sendOn(conn);
}

// The result of 'malloc' is thrown away.
void discardMallocResult() {
  malloc(10);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'malloc' is leaked: the value holding it is discarded [memreview-leak]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: memory is allocated with 'malloc' here
}

// Twin: the result is kept and freed.
void keepMallocResult() {
  void *block = malloc(10);
  free(block);
}

// A 'new' expression whose value is thrown away.
void discardNewConnection() {
  new Connection;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: the value holding it is discarded [memreview-leak]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: memory is allocated with 'new' here
}

// Twin: the new connection is handed to its user.
void handNewConnection() {
  sendOn(new Connection);
}

// ===== Transferred: returned, stored in a global, a static, a member =====

// An error path returns null instead of the connection.
Connection *connectOrNull(bool reachable) {
  Connection *conn = new Connection;
  if (!reachable)
    return nullptr;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:7: note: assuming '!reachable' is true
  return conn;
}

// Twin: the caller receives the connection.
Connection *connectAlways() {
  Connection *conn = new Connection;
  conn->fd = 5;
  return conn;
}

Connection *gActiveConnection;

// A local variable where a global was meant.
void publishToLocal() {
  Connection *active = new Connection;
  active->fd = 6;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'active' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:24: note: memory is allocated with 'new' here

// Twin: the global owns the connection from now on.
void publishToGlobal() {
  Connection *conn = new Connection;
  conn->fd = 6;
  gActiveConnection = conn;
}

// A cache that forgot 'static': each call leaks its connection.
void cacheWithoutStatic() {
  Connection *cached = nullptr;
  if (!cached)
    cached = new Connection;
  logConnection(cached);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'cached' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:14: note: memory is allocated with 'new' here

// Twin: the static variable keeps the connection for the next call.
void cacheInStatic() {
  static Connection *cached = nullptr;
  if (!cached)
    cached = new Connection;
  logConnection(cached);
}

// Twin: a static initialised with 'new' keeps the connection created on the
// first call.
void cacheInStaticInitializer() {
  static Connection *cached = new Connection;
  logConnection(cached);
}

// The global is overwritten while it holds the only pointer to the first
// connection.
void replaceActiveConnection() {
  gActiveConnection = new Connection;
  gActiveConnection = new Connection;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'gActiveConnection' is overwritten while it holds the only pointer to it [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:23: note: memory is allocated with 'new' here
}

// Twin: the first connection is deleted before the global is overwritten.
void replaceActiveConnectionAfterDelete() {
  gActiveConnection = new Connection;
  delete gActiveConnection;
  gActiveConnection = new Connection;
}

// Twin: unknown code runs between the two stores; it can read the global and
// keep the first connection (or delete it).
void replaceActiveConnectionAfterNotify() {
  gActiveConnection = new Connection;
  notifyListeners();
  gActiveConnection = new Connection;
}

struct ConnectionPool {
  Connection *idle = nullptr;
  void replaceIdleCopy();
  void replaceIdle();
};

// The connection goes to a copy of the pool, which dies at the end of scope.
void ConnectionPool::replaceIdleCopy() {
  ConnectionPool copy = *this;
  copy.idle = new Connection;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'copy' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-3]]:15: note: memory is allocated with 'new' here

// Twin: the pool itself ('this') owns the connection.
void ConnectionPool::replaceIdle() {
  Connection *conn = new Connection;
  this->idle = conn;
}

// ===== Transferred: smart pointers and containers =====

// The raw pointer is used but never adopted.
void useRawConnection() {
  Connection *conn = new Connection;
  conn->fd = 7;
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here

// Twin: a 'std::unique_ptr' adopts it.
void adoptIntoUniquePtr() {
  Connection *conn = new Connection;
  std::unique_ptr<Connection> owner(conn);
  owner->fd = 7;
  logConnection(owner.get());
}

// Twin: a 'std::shared_ptr' adopts it.
void adoptIntoSharedPtr() {
  std::shared_ptr<Connection> owner(new Connection);
  logConnection(owner.get());
}

// Twin: a container of the caller receives it.
void pushIntoContainer(std::vector<Connection *> &pool) {
  Connection *conn = new Connection;
  pool.push_back(conn);
}

// A pair of values keeps only the descriptor; the connection is forgotten.
void pairKeepsOnlyDescriptor() {
  Connection *conn = new Connection;
  std::pair<int, int> entry(conn->fd, 1);
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here

// Twin: a 'std::pair' holds the connection, and its field is deleted.
void pairFieldDeleted() {
  std::pair<Connection *, int> entry(new Connection, 1);
  delete entry.first;
}

// FN: what 'std::unique_ptr::release()' returns is not followed (calls into
// the standard library are not analysed), so the released connection that
// goes out of scope is not reported.
void releaseFromUniquePtr() {
  std::unique_ptr<Connection> owner(new Connection);
  Connection *conn = owner.release();
  logConnection(conn);
}

// Not this check's: a local 'std::vector' of raw pointers that dies at the
// end of the scope is memreview-container-owning-pointers' finding.
void pushIntoLocalContainer() {
  std::vector<Connection *> pool;
  pool.push_back(new Connection);
}

// A local 'std::pair' holds the connection in its field, which is never
// deleted (the twin is 'pairFieldDeleted').
void pairFieldForgotten() {
  std::pair<Connection *, int> entry(new Connection, 1);
  logConnection(entry.first);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'entry' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:38: note: memory is allocated with 'new' here

// ===== Escaped: what unknown code receives =====

// An unknown function that takes a pointer to const only reads it.
void passToConstParameter() {
  Connection *conn = new Connection;
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here

// Twin: an unknown function that takes a non-const pointer may keep it.
void passToNonConstParameter() {
  Connection *conn = new Connection;
  sendOn(conn);
}

// An unknown function that takes a const reference to the object only reads
// it.
void passToConstReference() {
  Connection *conn = new Connection;
  logConnectionRef(*conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here

// Twin: an unknown function that takes a non-const reference to the object
// may keep its address, or delete it.
void passToNonConstReference() {
  Connection *conn = new Connection;
  adoptConnection(*conn);
}

// ===== Values: copies, aliases, references, pointer arithmetic =====

// Both the variable and its copy are cleared: nothing points to the buffer.
void clearBothAliases() {
  Buffer *buffer = new Buffer;
  Buffer *alias = buffer;
  buffer = nullptr;
  alias = nullptr;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'alias' is overwritten while it holds the only pointer to it [memreview-leak]
  // CHECK-NOTES: :[[@LINE-5]]:20: note: memory is allocated with 'new' here
}

// Twin: the copy is the one deleted.
void deleteThroughCopy() {
  Buffer *buffer = new Buffer;
  Buffer *alias = buffer;
  buffer = nullptr;
  delete alias;
}

// Overwriting through a reference loses the connection.
void clearThroughReference() {
  Connection *conn = new Connection;
  Connection *&slot = conn;
  slot = nullptr;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'slot' is overwritten while it holds the only pointer to it [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
}

// Twin: deleting through the reference releases it.
void deleteThroughReference() {
  Connection *conn = new Connection;
  Connection *&slot = conn;
  delete slot;
}

// A cursor moved into the buffer is the only pointer left.
void leakAdvancedCursor() {
  char *cursor = (char *)malloc(64);
  if (!cursor)
    return;
  cursor += 4;
  *cursor = 'x';
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'malloc' is leaked: 'cursor' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-7]]:26: note: memory is allocated with 'malloc' here
// CHECK-NOTES: :[[@LINE-7]]:7: note: assuming '!cursor' is false

// Twin: the cursor is moved back before 'free'.
void freeRewoundCursor() {
  char *cursor = (char *)malloc(64);
  if (!cursor)
    return;
  cursor += 4;
  *cursor = 'x';
  cursor -= 4;
  free(cursor);
}

// A conversion to 'void *' and back keeps the pointer.
void clearVoidAlias() {
  Connection *conn = new Connection;
  void *opaque = conn;
  conn = nullptr;
  opaque = nullptr;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'opaque' is overwritten while it holds the only pointer to it [memreview-leak]
  // CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here
}

// Twin: the 'void *' copy is converted back and deleted.
void deleteFromVoidAlias() {
  Connection *conn = new Connection;
  void *opaque = conn;
  conn = nullptr;
  delete static_cast<Connection *>(opaque);
}
