// RUN: %check_memreview %s memreview-leak %t -- -fexceptions
//
// memreview-leak and exceptions: a 'throw', or a call of a function of this
// file that throws (a constructor too), between an allocation and its release
// leaks on that path, unless a handler of the function catches it. A failing
// 'new' and unknown functions are assumed not to throw, and paths that end the
// program are not reported.
#include <cstdlib>
#include <cstring>
#include <memory>

struct Connection {
  int fd = -1;
};
struct Buffer {
  char bytes[64];
};
struct ParseError {
  const char *what;
};

Connection *gActiveConnection;
void logConnection(const Connection *conn);
void flushLogs();

// Throws when the port is out of range.
void validatePort(int port) {
  if (port <= 0 || port > 65535)
    throw ParseError{"bad port"};
}

// Never returns: logs and ends the program.
[[noreturn]] void fatal(const char *message) {
  (void)message;
  abort();
}

// ===== A throw between allocation and release =====

// The message buffer is forgotten when the error is thrown.
void reportUnsupported(const char *feature) {
  Buffer *message = new Buffer;
  strcpy(message->bytes, feature);
  throw ParseError{"unsupported"};
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: an exception leaves the function before it is released [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:21: note: memory is allocated with 'new' here
}

// Twin: the buffer is deleted before the throw.
void reportUnsupportedAfterDelete(const char *feature) {
  Buffer *message = new Buffer;
  strcpy(message->bytes, feature);
  delete message;
  throw ParseError{"unsupported"};
}

// A bad port throws while the connection is held.
void openOrThrow(int port) {
  Connection *conn = new Connection;
  if (port <= 0)
    throw ParseError{"bad port"};
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: an exception leaves the function before it is released [memreview-leak]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:7: note: assuming 'port <= 0' is true
  conn->fd = port;
  delete conn;
}

// Twin: the connection is deleted before the throw.
void openOrThrowAfterDelete(int port) {
  Connection *conn = new Connection;
  if (port <= 0) {
    delete conn;
    throw ParseError{"bad port"};
  }
  conn->fd = port;
  delete conn;
}

// ===== Calls of functions of this file that throw =====

// The helper may throw while the connection is held by a raw pointer.
void connectThenValidate(int port) {
  Connection *conn = new Connection;
  validatePort(port);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: an exception thrown by 'validatePort' leaves the function before it is released [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: memory is allocated with 'new' here
  conn->fd = port;
  delete conn;
}

// Twin: the port is validated before anything is allocated.
void validateThenConnect(int port) {
  validatePort(port);
  Connection *conn = new Connection;
  conn->fd = port;
  delete conn;
}

// Twin: a 'std::unique_ptr' releases the connection when the exception
// passes.
void connectOwnedThenValidate(int port) {
  std::unique_ptr<Connection> conn(new Connection);
  validatePort(port);
  conn->fd = port;
}

// Twin: the connection is handed to a global before the helper may throw.
void publishThenValidate(int port) {
  Connection *conn = new Connection;
  gActiveConnection = conn;
  validatePort(port);
}

// Its constructor throws for a negative size.
struct Parser {
  explicit Parser(int size) {
    if (size < 0)
      throw size;
    capacity = size;
  }
  int capacity = 0;
};

// The constructor of a local may throw while the connection is held.
void constructLocalAfterAllocation(int size) {
  Connection *conn = new Connection;
  Parser parser(size);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: memory allocated with 'new' is leaked: an exception thrown by 'Parser' leaves the function before it is released [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: memory is allocated with 'new' here
  delete conn;
}

// Twin: the parser is constructed before anything is allocated.
void constructLocalBeforeAllocation(int size) {
  Parser parser(size);
  Connection *conn = new Connection;
  conn->fd = parser.capacity;
  delete conn;
}

// The constructor of a heap object may throw while the connection is held.
void constructOnHeapAfterAllocation(int size) {
  Connection *conn = new Connection;
  Parser *parser = new Parser(size);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: memory allocated with 'new' is leaked: an exception thrown by 'Parser' leaves the function before it is released [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: memory is allocated with 'new' here
  delete parser;
  delete conn;
}

// Twin: when the constructor throws, the new-expression frees the memory it
// allocated itself.
void constructOnHeapOnly(int size) {
  Parser *parser = new Parser(size);
  delete parser;
}

// ===== 'new' and unknown functions =====

// The first connection leaks when the helper between the allocations throws.
void pairWithValidation(int port) {
  Connection *primary = new Connection;
  validatePort(port);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: an exception thrown by 'validatePort' leaves the function before it is released [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:25: note: memory is allocated with 'new' here
  Connection *backup = new Connection;
  delete backup;
  delete primary;
}

// Twin: a failing 'new' throws 'std::bad_alloc'; that is not reported.
void pairWithoutValidation() {
  Connection *primary = new Connection;
  Connection *backup = new Connection;
  delete backup;
  delete primary;
}

// FN: unknown functions are assumed not to throw, so the exception that
// 'flushLogs' may throw is not followed.
void flushWhileHolding() {
  Connection *conn = new Connection;
  flushLogs();
  delete conn;
}

// ===== try and catch =====

// The handler returns and forgets the connection.
void returnFromHandler(int port) {
  Connection *conn = new Connection;
  try {
    if (port <= 0)
      throw 1;
  } catch (...) {
    return;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: the function returns without releasing it or handing it to its caller [memreview-leak]
    // CHECK-NOTES: :[[@LINE-7]]:22: note: memory is allocated with 'new' here
    // CHECK-NOTES: :[[@LINE-6]]:9: note: assuming 'port <= 0' is true
  }
  delete conn;
}

// Twin: the handler catches the 'int' thrown in the try block; the 'delete'
// after the try statement runs on every path.
void swallowTypedError(int port) {
  Connection *conn = new Connection;
  try {
    if (port <= 0)
      throw 1;
  } catch (int) {
    conn->fd = -1;
  }
  delete conn;
}

// The handler rethrows while the connection is held.
void rethrowFromHandler(int port) {
  Connection *conn = new Connection;
  try {
    if (port <= 0)
      throw 1;
  } catch (...) {
    throw;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: memory allocated with 'new' is leaked: an exception leaves the function before it is released [memreview-leak]
    // CHECK-NOTES: :[[@LINE-7]]:22: note: memory is allocated with 'new' here
    // CHECK-NOTES: :[[@LINE-6]]:9: note: assuming 'port <= 0' is true
  }
  delete conn;
}

// Twin: the handler deletes the connection before it rethrows.
void releaseInHandler(int port) {
  Connection *conn = new Connection;
  try {
    if (port <= 0)
      throw 1;
  } catch (...) {
    delete conn;
    throw;
  }
  delete conn;
}

// FN: the exceptions of calls inside a try block are not followed, so the
// handler's 'return' after a throwing 'validatePort' is not reported.
void returnFromHandlerOfCall(int port) {
  Connection *conn = new Connection;
  try {
    validatePort(port);
  } catch (...) {
    return;
  }
  delete conn;
}

// ===== Paths that end the program =====

// A check that throws leaves the buffer behind.
void checkedCopyThrows(const char *text, int port) {
  Buffer *copy = new Buffer;
  validatePort(port);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is leaked: an exception thrown by 'validatePort' leaves the function before it is released [memreview-leak]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: memory is allocated with 'new' here
  strcpy(copy->bytes, text);
  delete copy;
}

// Twin: a '[[noreturn]]' function that aborts ends the path; nothing leaks.
void checkedCopyAborts(const char *text) {
  Buffer *copy = new Buffer;
  if (!text)
    fatal("no text");
  strcpy(copy->bytes, text);
  delete copy;
}
