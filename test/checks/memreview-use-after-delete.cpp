// RUN: %check_memreview %s memreview-use-after-delete %t
#include <cstdlib>
#include <cstring>
#include <vector>

struct Connection {
  int fd = -1;
  void close();
};
struct Holder {
  Connection *item = nullptr;
};
struct Node {
  int value = 0;
  Node *next = nullptr;
};
void logAddress(const void *);
Connection *currentConnection;

// ===== Dereference =====

// The value is read after the 'delete'.
int derefAfterDelete() {
  int *count = new int(0);
  delete count;
  return *count;
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'count' is dereferenced after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:16: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the value is read first.
int derefBeforeDelete() {
  int *count = new int(0);
  int result = *count;
  delete count;
  return result;
}

// '(*p).field' dereferences the pointer.
void derefMemberAfterDelete() {
  Connection *conn = new Connection;
  delete conn;
  (*conn).fd = -1;
  // CHECK-NOTES: :[[@LINE-1]]:4: warning: 'conn' is dereferenced after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the field is written before the 'delete'.
void derefMemberBeforeDelete() {
  Connection *conn = new Connection;
  (*conn).fd = -1;
  delete conn;
}

// ===== Member access and member calls =====

// A field is written after the 'delete'.
void memberAfterDelete() {
  Connection *conn = new Connection;
  delete conn;
  conn->fd = -1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'conn' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the field is written first.
void memberBeforeDelete() {
  Connection *conn = new Connection;
  conn->fd = -1;
  delete conn;
}

// A method is called on the deleted object.
void methodAfterDelete() {
  Connection *conn = new Connection;
  delete conn;
  conn->close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'conn' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the method is called first.
void methodBeforeDelete() {
  Connection *conn = new Connection;
  conn->close();
  delete conn;
}

struct Session {
  int count = 0;
  // A method deletes its own object, then writes a member through the
  // implicit 'this'.
  void finishThenCount() {
    delete this;
    count++;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: a member is accessed through 'this' after the memory it points to was released [memreview-use-after-delete]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: memory is released with 'delete' here
  }
  // Twin: the member is written before the object deletes itself.
  void countThenFinish() {
    count++;
    delete this;
  }
};

// ===== Indexing =====

// An element is written after 'delete[]'.
void indexAfterDelete() {
  int *samples = new int[8];
  delete[] samples;
  samples[0] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'samples' is indexed after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:18: note: memory is allocated with 'new[]' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete[]' here
}

// Twin: the element is written first.
void indexBeforeDelete() {
  int *samples = new int[8];
  samples[0] = 1;
  delete[] samples;
}

// A successful 'realloc' released the old block, which is still written.
void indexOldBlockAfterRealloc() {
  char *buffer = static_cast<char *>(std::malloc(16));
  char *bigger = static_cast<char *>(std::realloc(buffer, 64));
  if (bigger) {
    buffer[0] = 0;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'buffer' is indexed after the memory it points to was released [memreview-use-after-delete]
    // CHECK-NOTES: :[[@LINE-5]]:38: note: memory is allocated with 'malloc' here
    // CHECK-NOTES: :[[@LINE-5]]:38: note: memory is released with 'realloc' here
    std::free(bigger);
  } else {
    std::free(buffer);
  }
}

// Twin: the new block is written.
void indexNewBlockAfterRealloc() {
  char *buffer = static_cast<char *>(std::malloc(16));
  char *bigger = static_cast<char *>(std::realloc(buffer, 64));
  if (bigger) {
    bigger[0] = 0;
    std::free(bigger);
  } else {
    std::free(buffer);
  }
}

// ===== Through aliases =====

// A copy of the pointer is used after the original is deleted.
void useThroughAlias() {
  Connection *conn = new Connection;
  Connection *alias = conn;
  delete conn;
  alias->fd = 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'alias' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the copy is used before the 'delete'.
void useAliasBeforeDelete() {
  Connection *conn = new Connection;
  Connection *alias = conn;
  alias->fd = 0;
  delete conn;
}

// An alias chosen by a branch names the deleted connection on one path.
void useAliasChosenByBranch(bool preferFirst) {
  Connection *first = new Connection;
  Connection *second = new Connection;
  Connection *chosen = preferFirst ? first : second;
  delete first;
  chosen->fd = 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'chosen' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-6]]:23: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-5]]:24: note: assuming 'preferFirst' is true
  // CHECK-NOTES: :[[@LINE-5]]:3: note: memory is released with 'delete' here
  delete second;
}

// Twin: the alias is used before the 'delete'.
void useAliasChosenBeforeDelete(bool preferFirst) {
  Connection *first = new Connection;
  Connection *second = new Connection;
  Connection *chosen = preferFirst ? first : second;
  chosen->fd = 0;
  delete first;
  delete second;
}

// A struct field still holds the pointer that a local copy deleted.
void useFieldAfterDeletingCopy() {
  Holder holder;
  holder.item = new Connection;
  Connection *conn = holder.item;
  delete conn;
  holder.item->fd = 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'holder.item' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-5]]:17: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the field is cleared after the 'delete', and checked before use.
void useFieldAfterClearing() {
  Holder holder;
  holder.item = new Connection;
  Connection *conn = holder.item;
  delete conn;
  holder.item = nullptr;
  if (holder.item)
    holder.item->fd = 0;
}

// ===== Through helpers of the same file =====

// Helpers of this file: their summaries say what they release and what they
// dereference.
void destroyConnection(Connection *conn) { delete conn; }
bool isCurrent(const Connection *conn) { return conn == currentConnection; }

// The helper released the object, then the caller writes to it.
void useAfterHelperRelease() {
  Connection *conn = new Connection;
  destroyConnection(conn);
  conn->fd = 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'conn' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by 'destroyConnection' here
  // CHECK-NOTES: :[[@LINE-11]]:44: note: 'destroyConnection' releases it with 'delete' here
}

// Twin: the caller writes before the helper releases.
void useBeforeHelperRelease() {
  Connection *conn = new Connection;
  conn->fd = 0;
  destroyConnection(conn);
}

// The helper released the object that a struct field still points to.
void useFieldAfterHelperRelease() {
  Holder holder;
  holder.item = new Connection;
  destroyConnection(holder.item);
  holder.item->close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'holder.item' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:17: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by 'destroyConnection' here
  // CHECK-NOTES: :[[@LINE-30]]:44: note: 'destroyConnection' releases it with 'delete' here
}

// Twin: the method is called before the helper releases.
void useFieldBeforeHelperRelease() {
  Holder holder;
  holder.item = new Connection;
  holder.item->close();
  destroyConnection(holder.item);
}

// Twin: a helper that only compares the pointer does not dereference it.
bool compareInHelperAfterDelete() {
  Connection *conn = new Connection;
  delete conn;
  return isCurrent(conn);
}

// ===== Passed to functions that dereference =====

int readFd(const Connection *conn) { return conn->fd; }

// A helper of this file reads the deleted object.
int passToReaderAfterDelete() {
  Connection *conn = new Connection;
  delete conn;
  return readFd(conn);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'conn' is passed to 'readFd', which dereferences it after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'delete' here
}

// Twin: the helper reads the object before the 'delete'.
int passToReaderBeforeDelete() {
  Connection *conn = new Connection;
  int fd = readFd(conn);
  delete conn;
  return fd;
}

// 'strlen' reads the freed string.
size_t strlenAfterFree() {
  char *name = strdup("worker");
  std::free(name);
  return strlen(name);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'name' is passed to 'strlen', which dereferences it after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-4]]:16: note: memory is allocated with 'strdup' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released with 'free' here
}

// Twin: the length is taken before the 'free'.
size_t strlenBeforeFree() {
  char *name = strdup("worker");
  size_t length = strlen(name);
  std::free(name);
  return length;
}

// ===== Destructors =====

struct OwningHolder {
  Connection *item = nullptr;
  ~OwningHolder() { delete item; }
};

// Deleting the holder runs its destructor, which deletes the item; the caller
// still writes to it.
void useAfterHolderDeleted() {
  OwningHolder *holder = new OwningHolder;
  Connection *item = new Connection;
  holder->item = item;
  delete holder;
  item->fd = 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'item' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: memory is released by '~OwningHolder' here
  // CHECK-NOTES: :[[@LINE-14]]:21: note: '~OwningHolder' releases it with 'delete' here
}

// Twin: the item is written before the holder is deleted.
void useBeforeHolderDeleted() {
  OwningHolder *holder = new OwningHolder;
  Connection *item = new Connection;
  holder->item = item;
  item->fd = 1;
  delete holder;
}

// ===== Globals re-pointed by calls =====

struct Cache {
  int size = 0;
};
Cache *gCache;
void reloadCache() { gCache = new Cache; }
void reloadCacheElsewhere();

// Nothing re-points the global between the 'delete' and the write.
void refreshWithoutReload() {
  delete gCache;
  gCache->size = 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'gCache' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: memory is released with 'delete' here
}

// Twin: a function of this file points the global at new memory.
void refreshWithKnownReload() {
  delete gCache;
  reloadCache();
  gCache->size = 0;
}

// Twin: a function of another file may point the global at new memory.
void refreshWithUnknownReload() {
  delete gCache;
  reloadCacheElsewhere();
  gCache->size = 0;
}

// ===== Only the pointer value =====

// Twin: printing and comparing the address does not touch the memory.
bool compareAddressAfterDelete(const Connection *other) {
  Connection *conn = new Connection;
  delete conn;
  logAddress(conn);
  return conn == other;
}

// Twin: the pointer is given new memory before it is used.
void reassignBeforeUse() {
  Connection *conn = new Connection;
  delete conn;
  conn = new Connection;
  conn->fd = 3;
  delete conn;
}

// ===== Branches and early returns =====

// The failure path deletes, then both paths write.
void useOnFailurePath(bool failed) {
  Connection *conn = new Connection;
  if (failed)
    delete conn;
  conn->fd = 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: a member is accessed through 'conn' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-5]]:22: note: memory is allocated with 'new' here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: assuming 'failed' is true
  // CHECK-NOTES: :[[@LINE-5]]:5: note: memory is released with 'delete' here
  delete conn;
}

// Twin: the write is on the other branch.
void useOnOtherBranch(bool failed) {
  Connection *conn = new Connection;
  if (failed) {
    delete conn;
  } else {
    conn->fd = 1;
    delete conn;
  }
}

// Twin: the write is guarded by the opposite condition.
void useOnCorrelatedBranch(bool failed) {
  Connection *conn = new Connection;
  if (failed)
    delete conn;
  if (!failed) {
    conn->fd = 1;
    delete conn;
  }
}

// Twin: the failure path returns after the 'delete'.
void useAfterEarlyReturn(bool failed) {
  Connection *conn = new Connection;
  if (failed) {
    delete conn;
    return;
  }
  conn->fd = 1;
  delete conn;
}

// ===== Loops =====

// The second iteration writes to the object the first one deleted.
void useInLoopAfterDelete(int rounds) {
  Connection *conn = new Connection;
  for (int i = 0; i < rounds; ++i) {
    conn->fd = i;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: a member is accessed through 'conn' after the memory it points to was released [memreview-use-after-delete]
    // CHECK-NOTES: :[[@LINE-4]]:22: note: memory is allocated with 'new' here
    // CHECK-NOTES: :[[@LINE-4]]:19: note: assuming 'i < rounds' is true
    // CHECK-NOTES: :[[@LINE+2]]:5: note: memory is released with 'delete' here
    // CHECK-NOTES: :[[@LINE-6]]:19: note: assuming 'i < rounds' is true
    delete conn;
  }
}

// Twin: each iteration allocates its own object.
void allocateInEachIteration(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    Connection *conn = new Connection;
    conn->fd = i;
    delete conn;
  }
}

// Freeing a list: the loop reads 'next' from the node it just deleted.
void freeListReadingDeletedNode(Node *head) {
  for (Node *node = head; node; node = node->next)
    delete node;
  // CHECK-NOTES: :[[@LINE-2]]:40: warning: a member is accessed through 'node' after the memory it points to was released [memreview-use-after-delete]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: assuming 'node' is true
  // CHECK-NOTES: :[[@LINE-3]]:5: note: memory is released with 'delete' here
}

// Twin: 'next' is read before the node is deleted.
void freeListSavingNext(Node *head) {
  while (head) {
    Node *next = head->next;
    delete head;
    head = next;
  }
}

// An element of a vector read again after it was released (leveldb's
// Version destructor, reduced, is the twin).
struct FileList {
  std::vector<int *> files;
  void dropFirst() {
    int *first = files[0];
    delete first;
    int *again = files[0];
    *again = 0;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'again' is dereferenced after the memory it points to was released [memreview-use-after-delete]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: memory is released with 'delete' here
  }
  // Twin: 'files[i]' after 'i++' is another element.
  void unrefAll() {
    for (unsigned long i = 0; i < files.size(); i++) {
      int *file = files[i];
      *file -= 1;
      if (*file <= 0)
        delete file;
    }
  }
};
