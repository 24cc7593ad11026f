// RUN: %check_memreview %s memreview-leak %t -- -fexceptions
//
// memreview-leak and exceptions: a 'throw', or a call of a function of this
// file that throws, between an allocation and its release leaks on that path.
// A failing 'new' and unknown functions are assumed not to throw, and paths
// that end the program are not reported.
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
