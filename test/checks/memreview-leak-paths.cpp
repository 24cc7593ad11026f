// RUN: %check_memreview %s memreview-leak %t
//
// Path sensitivity of memreview-leak: branches decided by constants and by
// what the path already knows, null checks, switches, loops, gotos, early
// returns and paths that end the program. A leak is reported only on a path
// that can run, with the decisive assumptions as notes.
#include <cstdlib>
#include <cstring>
#include <new>

struct Connection {
  int fd = -1;
};
struct Header {
  char magic[4];
  int length;
};
struct Buffer {
  char bytes[64];
};

void sendOn(Connection *conn);
void logConnection(const Connection *conn);
void logError(const char *message);
bool handshake(const Connection *conn);

// ===== Branches decided by constants =====

// A literal true guard: the 'delete' is dead code.
void returnBeforeDeleteAlways() {
  Connection *conn = new Connection;
  if (1)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  delete conn;
}

// Twin: a literal false guard never returns early.
void returnBeforeDeleteNever() {
  Connection *conn = new Connection;
  if (0)
    return;
  delete conn;
}

const bool kDryRun = true;
const bool kTracing = false;

// A const global that is true: the dry run skips the cleanup.
void dryRunSkipsCleanup() {
  Connection *conn = new Connection;
  if (kDryRun)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  delete conn;
}

// Twin: a const global that is false never takes the early return.
void tracingOffKeepsCleanup() {
  Connection *conn = new Connection;
  if (kTracing)
    return;
  delete conn;
}

constexpr int kMaxRetries = 3;

// A constexpr comparison that holds: the early return is taken.
void retriesAboveLimit() {
  Connection *conn = new Connection;
  if (kMaxRetries > 2)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  delete conn;
}

// Twin: a constexpr comparison that fails: no early return.
void retriesBelowLimit() {
  Connection *conn = new Connection;
  if (kMaxRetries > 5)
    return;
  delete conn;
}

enum class Transport { Tcp, Udp };
constexpr Transport kTransport = Transport::Tcp;

// An enum constant that matches: the connection is forgotten.
void tcpSkipsCleanup() {
  Connection *conn = new Connection;
  if (kTransport == Transport::Tcp)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  delete conn;
}

// Twin: an enum constant that does not match.
void udpOnlyEarlyReturn() {
  Connection *conn = new Connection;
  if (kTransport == Transport::Udp)
    return;
  delete conn;
}

// 'sizeof' is a constant: the header fits, so the return is taken.
void smallHeaderReturns() {
  Buffer *buffer = new Buffer;
  if (sizeof(Header) <= sizeof(Buffer))
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: memory is allocated with 'new' here
  delete buffer;
}

// Twin: the header never exceeds the buffer.
void largeHeaderOnlyReturns() {
  Buffer *buffer = new Buffer;
  if (sizeof(Header) > sizeof(Buffer))
    return;
  delete buffer;
}

bool isDryRun() { return true; }
bool isTracing() { return false; }

// A function of this file that returns true decides the branch.
void dryRunFunctionSkipsCleanup() {
  Connection *conn = new Connection;
  if (isDryRun())
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  delete conn;
}

// Twin: a function of this file that returns false.
void tracingFunctionKeepsCleanup() {
  Connection *conn = new Connection;
  if (isTracing())
    return;
  delete conn;
}

// A switch on a constant reaches the case that returns.
void switchOnTransportReturns() {
  Connection *conn = new Connection;
  switch (kTransport) {
  case Transport::Tcp:
    return;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
    // CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here
  case Transport::Udp:
    break;
  }
  delete conn;
}

// Twin: the constant selects the case that falls through to the 'delete'.
void switchOnTransportBreaks() {
  Connection *conn = new Connection;
  switch (kTransport) {
  case Transport::Udp:
    return;
  case Transport::Tcp:
    break;
  }
  delete conn;
}

// ===== Correlated branches: what the path already knows =====

// The flag tested twice, the second time inverted: the owned connection is
// never deleted.
void ownedFlagInverted(bool owned) {
  Connection *conn = nullptr;
  if (owned)
    conn = new Connection;
  logConnection(conn);
  if (!owned)
    delete conn;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-7]]:7: note: assuming 'owned' is true
// CHECK-NOTES: :[[@LINE-7]]:12: note: memory is allocated with 'new' here

// Twin: the same flag guards the allocation and the release.
void ownedFlagTestedTwice(bool owned) {
  Connection *conn = nullptr;
  if (owned)
    conn = new Connection;
  logConnection(conn);
  if (owned)
    delete conn;
}

// The connection is deleted only when the work is done.
void releaseWhenDone(bool done) {
  Connection *conn = new Connection;
  if (done)
    delete conn;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-5]]:7: note: assuming 'done' is false

// Twin: when the work is not done, the connection is handed on.
void releaseWhenDoneOrHandOn(bool done) {
  Connection *conn = new Connection;
  if (done)
    delete conn;
  else
    sendOn(conn);
}

// The release is guarded by another flag than the allocation.
void releaseOnOtherFlag(bool owned, bool done) {
  Connection *conn = nullptr;
  if (owned)
    conn = new Connection;
  logConnection(conn);
  if (done)
    delete conn;
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-7]]:7: note: assuming 'owned' is true
// CHECK-NOTES: :[[@LINE-7]]:12: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-6]]:7: note: assuming 'done' is false

// Twin: the other flag only guards the logging; the release is unconditional.
void releaseRegardlessOfOtherFlag(bool owned, bool done) {
  Connection *conn = nullptr;
  if (owned)
    conn = new Connection;
  if (done)
    logConnection(conn);
  delete conn;
}

// ===== Null checks of the tracked pointer =====

// The second allocation fails and the first one is forgotten.
char *joinLeakOnSecondFailure(std::size_t size) {
  char *head = (char *)malloc(size);
  if (!head)
    return nullptr;
  char *tail = (char *)malloc(size);
  if (!tail)
    return nullptr;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'malloc' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-7]]:24: note: memory is allocated with 'malloc' here
  // CHECK-NOTES: :[[@LINE-7]]:7: note: assuming '!head' is false
  // CHECK-NOTES: :[[@LINE-5]]:7: note: assuming '!tail' is true
  free(tail);
  return head;
}

// Twin: a failed 'malloc' returned null, which is not a leak; the first
// block is freed on the error path.
char *joinFreeOnSecondFailure(std::size_t size) {
  char *head = (char *)malloc(size);
  if (!head)
    return nullptr;
  char *tail = (char *)malloc(size);
  if (!tail) {
    free(head);
    return nullptr;
  }
  free(tail);
  return head;
}

// 'new (std::nothrow)' may return null; on success the connection leaks.
void nothrowConnectionLeaks() {
  Connection *conn = new (std::nothrow) Connection;
  if (conn == nullptr)
    return;
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-6]]:22: note: memory is allocated with 'new' here
// CHECK-NOTES: :[[@LINE-6]]:7: note: assuming 'conn == nullptr' is false

// Twin: a null result is not a leak, and the connection is deleted.
void nothrowConnectionDeleted() {
  Connection *conn = new (std::nothrow) Connection;
  if (conn == nullptr)
    return;
  logConnection(conn);
  delete conn;
}

// ===== Error paths that return early =====

// A failed handshake returns without the connection.
bool connectLeaksOnFailedHandshake() {
  Connection *conn = new Connection;
  if (!handshake(conn))
    return false;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:7: note: assuming '!handshake(conn)' is true
  sendOn(conn);
  return true;
}

// Twin: the failed handshake deletes it first.
bool connectDeletesOnFailedHandshake() {
  Connection *conn = new Connection;
  if (!handshake(conn)) {
    delete conn;
    return false;
  }
  sendOn(conn);
  return true;
}

// ===== Loops =====

// Each iteration allocates a buffer and forgets it.
void leakBufferPerIteration(int count) {
  for (int i = 0; i < count; ++i) {
    Buffer *buffer = new Buffer;
    buffer->bytes[0] = (char)i;
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'buffer' goes out of scope without releasing it [memreview-leak]
  // CHECK-NOTES: :[[@LINE-5]]:19: note: assuming 'i < count' is true
  // CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here
}

// Twin: each iteration deletes its buffer.
void deleteBufferPerIteration(int count) {
  for (int i = 0; i < count; ++i) {
    Buffer *buffer = new Buffer;
    buffer->bytes[0] = (char)i;
    delete buffer;
  }
}

// A loop with constant bounds leaks on every iteration.
void leakBufferPerConstantIteration() {
  for (int i = 0; i < 3; ++i) {
    Buffer *buffer = new Buffer;
    buffer->bytes[0] = (char)i;
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: 'buffer' goes out of scope without releasing it [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
}

// Twin: a loop with constant bounds deletes on every iteration.
void deleteBufferPerConstantIteration() {
  for (int i = 0; i < 3; ++i) {
    Buffer *buffer = new Buffer;
    buffer->bytes[0] = (char)i;
    delete buffer;
  }
}

// A retry loop overwrites the connection of the previous attempt.
void retryOverwritesAttempt(int retries) {
  Connection *conn = nullptr;
  do {
    conn = new Connection;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: 'conn' is overwritten while it holds the only pointer to it [memreview-leak]
    // CHECK-NOTES: :[[@LINE-2]]:12: note: memory is allocated with 'new' here
    // CHECK-NOTES: :[[@LINE+1]]:12: note: assuming '--retries > 0 && !handshake(conn)' is true
  } while (--retries > 0 && !handshake(conn));
  delete conn;
}

// Twin: each failed attempt is deleted before the next one.
void retryDeletesAttempt(int retries) {
  Connection *conn = nullptr;
  do {
    delete conn;
    conn = new Connection;
  } while (--retries > 0 && !handshake(conn));
  delete conn;
}

// The body of a do-while loop runs at least once: the connection exists and
// is forgotten.
void leakAfterAtLeastOnceLoop() {
  Connection *conn = nullptr;
  do {
    conn = new Connection;
  } while (false);
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-5]]:12: note: memory is allocated with 'new' here

// Twin: the connection made by the loop is deleted after it.
void deleteAfterAtLeastOnceLoop() {
  Connection *conn = nullptr;
  do {
    conn = new Connection;
  } while (false);
  delete conn;
}

// An endless loop left with 'break': after it, the connection is forgotten.
void pollUntilClosedLeaks(int events) {
  Connection *conn = new Connection;
  for (;;) {
    if (events-- == 0)
      break;
    logConnection(conn);
  }
  logConnection(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: memory allocated with 'new' is leaked: 'conn' goes out of scope without releasing it [memreview-leak]
// CHECK-NOTES: :[[@LINE-9]]:22: note: memory is allocated with 'new' here

// Twin: the connection is deleted after the loop.
void pollUntilClosedDeletes(int events) {
  Connection *conn = new Connection;
  for (;;) {
    if (events-- == 0)
      break;
    logConnection(conn);
  }
  delete conn;
}

// ===== goto =====

// The error label forgets the buffer.
int parseHeaderLeaksOnError(const char *text) {
  Buffer *buffer = new Buffer;
  if (!text)
    goto fail;
  strcpy(buffer->bytes, text);
  delete buffer;
  return 0;
fail:
  return -1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-9]]:20: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-9]]:7: note: assuming '!text' is true
}

// Twin: the error label deletes the buffer ('goto cleanup' idiom).
int parseHeaderDeletesOnError(const char *text) {
  int status = -1;
  Buffer *buffer = new Buffer;
  if (!text)
    goto cleanup;
  strcpy(buffer->bytes, text);
  status = 0;
cleanup:
  delete buffer;
  return status;
}

// The 'goto' jumps over the 'delete' to a label shared with the normal path.
void gotoPastCleanup(bool failed) {
  Connection *conn = new Connection;
  if (failed)
    goto out;
  delete conn;
out:
  return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
  // CHECK-NOTES: :[[@LINE-7]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-7]]:7: note: assuming 'failed' is true
}

// Twin: the 'delete' follows the label, so both paths run it.
void gotoToCleanup(bool failed) {
  Connection *conn = new Connection;
  if (failed)
    goto out;
  logConnection(conn);
out:
  delete conn;
}

// ===== Paths that end the program =====

// A fatal error logged and returned from forgets the connection.
void fatalErrorReturns(bool corrupted) {
  Connection *conn = new Connection;
  if (corrupted) {
    logError("corrupted stream");
    return;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
    // CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here
    // CHECK-NOTES: :[[@LINE-5]]:7: note: assuming 'corrupted' is true
  }
  delete conn;
}

// Twin: 'abort()' ends the program; nothing leaks on that path.
void fatalErrorAborts(bool corrupted) {
  Connection *conn = new Connection;
  if (corrupted) {
    logError("corrupted stream");
    abort();
  }
  delete conn;
}

// Twin: 'exit()' ends the program too.
void fatalErrorExits(bool corrupted) {
  Connection *conn = new Connection;
  if (corrupted) {
    logError("corrupted stream");
    exit(1);
  }
  delete conn;
}
