// RUN: %check_memreview %s memreview-delete-non-heap %t
#include <cstdlib>
#include <cstring>

struct Header {
  int length = 0;
};
struct Packet {
  Header header;
  int checksum = 0;
  char *payload = nullptr;
};
struct Settings {
  int verbosity = 0;
};
struct Holder {
  int *item = nullptr;
};
Settings globalSettings;
char globalPool[64];
Settings *sharedSettings;
void logAddress(const void *);

// ===== Local variables =====

// The address of a local reaches 'delete'.
void deleteAddressOfLocal() {
  int count = 0;
  int *counter = &count;
  delete counter;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases the address of local variable 'count', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: the counter lives on the heap.
void deleteHeapCounter() {
  int *counter = new int(0);
  delete counter;
}

// The address of a local reaches 'delete' through a chain of copies.
void deleteAliasOfLocal() {
  int count = 0;
  int *alias = &count;
  int *again = alias;
  delete again;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases the address of local variable 'count', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: the copy is pointed at heap memory before the 'delete'.
void deleteAliasRepointedToHeap() {
  int count = 0;
  int *alias = &count;
  alias = new int(count);
  delete alias;
}

// The address of a local is stored in a struct field and deleted from there.
void deleteLocalThroughField() {
  int local = 0;
  Holder holder;
  holder.item = &local;
  delete holder.item;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases the address of local variable 'local', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: the field holds heap memory.
void deleteHeapThroughField() {
  Holder holder;
  holder.item = new int(0);
  delete holder.item;
}

// ===== Static and global variables =====

// A function-local static is not heap memory.
void deleteAddressOfStatic() {
  static Settings defaults;
  delete &defaults;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases the address of static variable 'defaults', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: what a static pointer points to may well be heap memory.
void deleteThroughStaticPointer() {
  static Settings *cached = nullptr;
  delete cached;
  cached = nullptr;
}

// A global is not heap memory either.
void deleteAddressOfGlobal() {
  Settings *settings = &globalSettings;
  delete settings;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases the address of static variable 'globalSettings', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: the global pointer's target is not known; nothing is reported.
void deleteThroughGlobalPointer() {
  delete sharedSettings;
  sharedSettings = nullptr;
}

// A static array is not heap memory.
void freeStaticArray() {
  static char pool[64];
  std::free(pool);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases the address of static variable 'pool', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: a static pointer to a block of 'malloc'.
void freeStaticBlock() {
  static char *pool = static_cast<char *>(std::malloc(64));
  std::free(pool);
  pool = nullptr;
}

// A global array is not heap memory either.
void freeGlobalArray() {
  std::free(globalPool);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases the address of static variable 'globalPool', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: the global array is only cleared.
void clearGlobalArray() {
  std::memset(globalPool, 0, sizeof(globalPool));
}

// ===== Members of local objects =====

// A member of a local object is part of the stack frame.
void deleteMemberOfLocal() {
  Packet packet;
  delete &packet.header;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases the address of member 'packet.header' of a local object, which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: a member of a heap object is only logged; the whole object is
// deleted.
void deleteWholeHeapObject() {
  Packet *packet = new Packet;
  logAddress(&packet->header);
  delete packet;
}

// 'free' of the address of a member.
void freeMemberOfLocal() {
  Packet packet;
  std::free(&packet.checksum);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases the address of member 'packet.checksum' of a local object, which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: what the member points to came from 'malloc'.
void freeWhatMemberPointsTo() {
  Packet packet;
  packet.payload = static_cast<char *>(std::malloc(32));
  std::free(packet.payload);
}

// ===== Local arrays =====

// A stack buffer released with 'delete[]'.
void deleteStackArray() {
  char line[64];
  char *text = line;
  text[0] = 0;
  delete[] text;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete[]' releases the local array 'line', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: the buffer comes from 'new[]'.
void deleteHeapArray() {
  char *text = new char[64];
  text[0] = 0;
  delete[] text;
}

// A stack buffer released with 'free'.
void freeStackArray() {
  char line[64];
  line[0] = 0;
  std::free(line);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases the local array 'line', which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: the buffer comes from 'malloc'.
void freeHeapArray() {
  char *line = static_cast<char *>(std::malloc(64));
  std::free(line);
}

// ===== String literals =====

// A string literal released with 'free'.
void freeStringLiteral() {
  const char *name = "anonymous";
  std::free(const_cast<char *>(name));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases a string literal, which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: a copy of the literal made by 'strdup'.
void freeDuplicatedString() {
  char *name = strdup("anonymous");
  std::free(name);
}

// A string literal released with 'delete[]'.
void deleteStringLiteral() {
  const char *name = "anonymous";
  delete[] name;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete[]' releases a string literal, which is not memory returned by an allocator [memreview-delete-non-heap]
}

// Twin: a copy of the literal in memory of 'new[]'.
void deleteCopiedString() {
  char *name = new char[10];
  std::strcpy(name, "anonymous");
  delete[] name;
}

// ===== Pointers into an allocation =====

// 'free' of a pointer 4 bytes into the block.
void freeInteriorPointer() {
  char *buffer = static_cast<char *>(std::malloc(16));
  std::free(buffer + 4);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases a pointer 4 bytes into memory allocated with 'malloc', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-3]]:38: note: memory is allocated with 'malloc' here
}

// Twin: the interior pointer is used, the start of the block is freed.
void freeBlockStart() {
  char *buffer = static_cast<char *>(std::malloc(16));
  char *payload = buffer + 4;
  payload[0] = 1;
  std::free(buffer);
}

// 'delete[]' of 'p + 1'.
void deleteArrayPlusOne() {
  int *values = new int[4];
  delete[] (values + 1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete[]' releases a pointer 4 bytes into memory allocated with 'new[]', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: memory is allocated with 'new[]' here
}

// Twin: 'delete[]' of the pointer 'new[]' returned.
void deleteArrayStart() {
  int *values = new int[4];
  int *second = values + 1;
  *second = 0;
  delete[] values;
}

// 'delete[]' of a 'char' buffer plus one: one byte into it.
void deleteCharPlusOne() {
  char *buffer = new char[16];
  delete[] (buffer + 1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete[]' releases a pointer 1 byte into memory allocated with 'new[]', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: memory is allocated with 'new[]' here
}

// Twin: the second byte is written, the buffer itself is released.
void deleteCharStart() {
  char *buffer = new char[16];
  buffer[1] = 0;
  delete[] buffer;
}

// A cursor advanced over the array is released instead of the array.
void deleteAdvancedCursor() {
  int *values = new int[4];
  int *cursor = values;
  ++cursor;
  delete[] cursor;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete[]' releases a pointer 4 bytes into memory allocated with 'new[]', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-5]]:17: note: memory is allocated with 'new[]' here
}

// Twin: the cursor is moved back before the release.
void deleteRewoundCursor() {
  int *values = new int[4];
  int *cursor = values;
  ++cursor;
  --cursor;
  delete[] cursor;
}

// Leading blanks are skipped, then the cursor is freed instead of the buffer:
// on the path where the loop ran, it points one byte in.
void freeTrimmed(const char *text) {
  char *buffer = strdup(text);
  char *cursor = buffer;
  while (*cursor == ' ')
    ++cursor;
  std::free(cursor);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases a pointer 1 byte into memory allocated with 'strdup', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-6]]:18: note: memory is allocated with 'strdup' here
  // CHECK-NOTES: :[[@LINE-5]]:10: note: assuming '*cursor == ' '' is true
  // CHECK-NOTES: :[[@LINE-6]]:10: note: assuming '*cursor == ' '' is false
}

// Twin: the blanks are skipped for reading, and the buffer is freed.
void freeTrimmedBuffer(const char *text) {
  char *buffer = strdup(text);
  char *cursor = buffer;
  while (*cursor == ' ')
    ++cursor;
  logAddress(cursor);
  std::free(buffer);
}

// 'free' of the address of an element other than the first.
void freeElementAddress() {
  char *buffer = static_cast<char *>(std::malloc(16));
  std::free(&buffer[2]);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases a pointer 2 bytes into memory allocated with 'malloc', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-3]]:38: note: memory is allocated with 'malloc' here
}

// Twin: the address of the first element is the block itself.
void freeFirstElementAddress() {
  char *buffer = static_cast<char *>(std::malloc(16));
  std::free(&buffer[0]);
}

// ===== Through helpers and branches =====

// Helpers of this file: their summaries say what they release.
void disposeCounter(int *counter) { delete counter; }
struct Session {
  int id = 0;
  void finish() { delete this; }
};

// The helper is given the address of a local.
void helperGivenLocal() {
  int counter = 0;
  disposeCounter(&counter);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'disposeCounter' releases the address of local variable 'counter', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-11]]:37: note: 'disposeCounter' releases it with 'delete' here
}

// Twin: the helper is given heap memory.
void helperGivenHeap() {
  int *counter = new int(0);
  disposeCounter(counter);
}

// A method that ends with 'delete this' is called on a local object.
void finishStackSession() {
  Session session;
  session.finish();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'finish' releases the address of local variable 'session', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-22]]:19: note: 'finish' releases it with 'delete' here
}

// Twin: the session lives on the heap.
void finishHeapSession() {
  Session *session = new Session;
  session->finish();
}

// The branch that chose the local fallback decides what 'delete' receives.
void deleteFallbackUnconditionally(bool useHeap) {
  int fallback = 0;
  int *value = useHeap ? new int(1) : &fallback;
  logAddress(value);
  delete value;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases the address of local variable 'fallback', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-4]]:16: note: assuming 'useHeap' is false
}

// The pointer is chosen by an 'if' instead.
void deleteFallbackChosenByIf(bool useHeap) {
  int fallback = 0;
  int *value = &fallback;
  if (useHeap)
    value = new int(1);
  logAddress(value);
  delete value;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases the address of local variable 'fallback', which is not memory returned by an allocator [memreview-delete-non-heap]
  // CHECK-NOTES: :[[@LINE-5]]:7: note: assuming 'useHeap' is false
}

// Twin: the 'if' form, released only when the heap was used.
void deleteFallbackChosenByIfOnlyFromHeap(bool useHeap) {
  int fallback = 0;
  int *value = &fallback;
  if (useHeap)
    value = new int(1);
  logAddress(value);
  if (useHeap)
    delete value;
}

// Twin: the local fallback is released only when the heap was used.
void deleteFallbackOnlyFromHeap(bool useHeap) {
  int fallback = 0;
  int *value = useHeap ? new int(1) : &fallback;
  logAddress(value);
  if (useHeap)
    delete value;
}

// Twin: the path that used the local fallback returns early.
void returnBeforeDeletingFallback(bool useHeap) {
  int fallback = 0;
  int *value = useHeap ? new int(1) : &fallback;
  logAddress(value);
  if (!useHeap)
    return;
  delete value;
}
