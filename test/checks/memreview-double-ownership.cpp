// RUN: %check_memreview %s memreview-double-ownership %t
#include <cstdlib>
#include <memory>
#include <utility>
#include <vector>

struct Connection {
  int fd = -1;
  bool open();
};
struct Buffer {
  char bytes[64];
};
struct Session {
  int id = 0;
};

// A deleter that does not delete: the smart pointer only observes.
struct NoopDeleter {
  void operator()(Connection *) const {}
};
// Takes ownership of the connection.
void registerConnection(std::unique_ptr<Connection> connection);
// Does not take ownership.
void logConnection(const Connection *connection);
bool shuttingDown();

// ===== two smart pointers adopt the same raw pointer =====

// A unique_ptr and a shared_ptr both adopt 'raw'.
void adoptByUniqueAndShared() {
  Connection *raw = new Connection;
  std::unique_ptr<Connection> primary(raw);
  std::shared_ptr<Connection> shared(raw);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: 'raw' is adopted by a second smart pointer; both owners delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'raw' is adopted by a smart pointer here
}

// Twin: the second owner shares the first one's ownership.
void shareAdoptedPointer() {
  Connection *raw = new Connection;
  std::shared_ptr<Connection> primary(raw);
  std::shared_ptr<Connection> shared(primary);
}

// Two shared_ptrs with separate reference counts.
void adoptByTwoShared() {
  Session *raw = new Session;
  std::shared_ptr<Session> first(raw);
  std::shared_ptr<Session> second(raw);
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: 'raw' is adopted by a second smart pointer; both owners delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:28: note: 'raw' is adopted by a smart pointer here
}

// Twin: the first owner gives the object up before the second adopts it.
void adoptAfterRelease() {
  Session *raw = new Session;
  std::unique_ptr<Session> first(raw);
  first.release();
  std::shared_ptr<Session> second(raw);
}

// 'reset(raw)' adopts too.
void adoptByReset(std::unique_ptr<Connection> &slot) {
  Connection *raw = new Connection;
  std::unique_ptr<Connection> local(raw);
  slot.reset(raw);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'raw' is adopted by a second smart pointer; both owners delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'raw' is adopted by a smart pointer here
}

// Twin: ownership moves from the local to the slot.
void moveIntoSlot(std::unique_ptr<Connection> &slot) {
  Connection *raw = new Connection;
  std::unique_ptr<Connection> local(raw);
  slot = std::move(local);
}

// A temporary adopting the pointer owns it just as well.
void adoptByTemporaryAndLocal() {
  Connection *raw = new Connection;
  registerConnection(std::unique_ptr<Connection>(raw));
  std::unique_ptr<Connection> local(raw);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: 'raw' is adopted by a second smart pointer; both owners delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: 'raw' is adopted by a smart pointer here
}

// Twin: the pointer is adopted once and then only observed.
void adoptOnceThenObserve() {
  Connection *raw = new Connection;
  registerConnection(std::unique_ptr<Connection>(raw));
  logConnection(raw);
}

// A parameter adopted twice.
void adoptParameterTwice(Session *incoming) {
  std::unique_ptr<Session> owner(incoming);
  std::unique_ptr<Session> backup(incoming);
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: 'incoming' is adopted by a second smart pointer; both owners delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:28: note: 'incoming' is adopted by a smart pointer here
}

// Twin: the parameter is adopted once, and the second owner shares it.
void adoptParameterOnceAndShare(Session *incoming) {
  std::shared_ptr<Session> owner(incoming);
  std::shared_ptr<Session> backup(owner);
}

// Twin: a variable that owns the object, initialised with 'auto' and
// released later.
void adoptByAutoThenRelease() {
  Connection *raw = new Connection;
  auto first = std::unique_ptr<Connection>(raw);
  first.release();
  std::unique_ptr<Connection> second(raw);
}

// Twin: a smart pointer assigned the adoption, released later.
void adoptByAssignmentThenRelease() {
  Connection *raw = new Connection;
  std::unique_ptr<Connection> first;
  first = std::unique_ptr<Connection>(raw);
  first.release();
  std::unique_ptr<Connection> second(raw);
}

// ===== a smart pointer and a manual release =====

// 'delete' after the adoption.
void deleteAfterAdoption() {
  Connection *raw = new Connection;
  std::unique_ptr<Connection> owner(raw);
  delete raw;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'raw' is released with 'delete' while a smart pointer owns it; the smart pointer deletes the object again [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'raw' is adopted by a smart pointer here
}

// Twin: 'release()' first.
void deleteAfterRelease() {
  Connection *raw = new Connection;
  std::unique_ptr<Connection> owner(raw);
  owner.release();
  delete raw;
}

// 'delete' before the adoption: the smart pointer deletes freed memory.
void adoptionAfterDelete() {
  Connection *raw = new Connection;
  delete raw;
  std::shared_ptr<Connection> owner(raw);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: 'raw' is adopted by a smart pointer after it was released with 'delete'; the smart pointer deletes the object again [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'raw' is released here
}

// Twin: the variable holds a new object when it is adopted.
void adoptionAfterDeleteAndReassignment() {
  Connection *raw = new Connection;
  delete raw;
  raw = new Connection;
  std::shared_ptr<Connection> owner(raw);
}

// 'delete[]' of an array that a unique_ptr<T[]> owns.
void deleteArrayAfterAdoption() {
  Buffer *raw = new Buffer[4];
  std::unique_ptr<Buffer[]> owner(raw);
  delete[] raw;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'raw' is released with 'delete[]' while a smart pointer owns it; the smart pointer deletes the object again [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:29: note: 'raw' is adopted by a smart pointer here
}

// Twin: the unique_ptr<T[]> alone deletes the array.
void deleteArrayByOwner() {
  Buffer *raw = new Buffer[4];
  std::unique_ptr<Buffer[]> owner(raw);
  raw[0].bytes[0] = 0;
}

// 'free' after the adoption.
void freeAfterAdoption() {
  Buffer *raw = static_cast<Buffer *>(std::malloc(sizeof(Buffer)));
  std::shared_ptr<Buffer> owner(raw);
  std::free(raw);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'raw' is released with 'free' while a smart pointer owns it; the smart pointer deletes the object again [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: 'raw' is adopted by a smart pointer here
}

// Twin: the shared_ptr frees the memory with a deleter of its own.
void freeByDeleter() {
  Buffer *raw = static_cast<Buffer *>(std::malloc(sizeof(Buffer)));
  std::shared_ptr<Buffer> owner(raw, [](Buffer *b) { std::free(b); });
}

// 'free' before the adoption.
void adoptionAfterFree() {
  Buffer *raw = static_cast<Buffer *>(std::malloc(sizeof(Buffer)));
  std::free(raw);
  std::unique_ptr<Buffer> owner(raw);
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'raw' is adopted by a smart pointer after it was released with 'free'; the smart pointer deletes the object again [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'raw' is released here
}

// Twin: the block is freed only on the path that does not adopt it, and its
// owner frees it with 'free'.
void freeUnlessAdopted(bool keep) {
  Buffer *raw = static_cast<Buffer *>(std::malloc(sizeof(Buffer)));
  if (!keep) {
    std::free(raw);
    return;
  }
  std::shared_ptr<Buffer> owner(raw, [](Buffer *b) { std::free(b); });
}

// ===== exclusive paths =====

// Twin: the two owners are on exclusive branches.
void adoptOnExclusiveBranches(bool shared) {
  Connection *raw = new Connection;
  if (shared) {
    std::shared_ptr<Connection> owner(raw);
    logConnection(owner.get());
  } else {
    std::unique_ptr<Connection> owner(raw);
    logConnection(owner.get());
  }
}

// Twin: the adopting path returns before the manual delete.
void adoptOrDeleteOnEarlyReturn() {
  Connection *raw = new Connection;
  if (raw->open()) {
    registerConnection(std::unique_ptr<Connection>(raw));
    return;
  }
  delete raw;
}

// Twin: the error path deletes and returns before the adoption.
void deleteOnErrorThenAdopt() {
  Connection *raw = new Connection;
  if (!raw->open()) {
    delete raw;
    return;
  }
  registerConnection(std::unique_ptr<Connection>(raw));
}

// ===== adoption in a loop =====

// A pointer declared before the loop is adopted again in every iteration.
void adoptInEveryIteration(std::vector<std::shared_ptr<Session>> &slots) {
  Session *shared = new Session;
  for (std::shared_ptr<Session> &slot : slots)
    slot.reset(shared);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'shared' is adopted by a smart pointer in every iteration of a loop; the owners of different iterations delete the object again [memreview-double-ownership]
}

// Twin: a pointer declared in the loop body is a new object each time.
void adoptNewPointerInEveryIteration(Session **pending, int count) {
  for (int i = 0; i < count; ++i) {
    Session *raw = pending[i];
    std::unique_ptr<Session> owner(raw);
  }
}

// Twin: the loop ends right after the adoption.
void adoptOnceInLoop(std::vector<std::shared_ptr<Session>> &slots) {
  Session *shared = new Session;
  for (std::shared_ptr<Session> &slot : slots) {
    if (!slot) {
      slot.reset(shared);
      break;
    }
  }
}

// FN: the loop of the adoption is nested in the loop that declares the
// pointer; a declaration in any enclosing loop silences the check.
void adoptInNestedLoop(Session **rows, int count) {
  for (int row = 0; row < count; ++row) {
    Session *raw = rows[row];
    for (int copy = 0; copy < 2; ++copy) {
      std::unique_ptr<Session> owner(raw);
    }
  }
}

// ===== 'b(a.get())': adopting what a smart pointer owns =====

// A shared_ptr adopting another one's pointer has its own reference count.
void adoptSharedGet() {
  std::shared_ptr<Session> session(new Session);
  std::shared_ptr<Session> alias(session.get());
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: the pointer returned by 'session.get()' is adopted by a second smart pointer while 'session' still owns it; both delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:28: note: 'session' owns the object
}

// Twin: copying the shared_ptr shares the reference count.
void copyShared() {
  std::shared_ptr<Session> session(new Session);
  std::shared_ptr<Session> alias(session);
}

// 'reset(a.get())' and a temporary adopting 'a.get()'.
void resetToUniqueGet(std::unique_ptr<Connection> &slot) {
  std::unique_ptr<Connection> connection(new Connection);
  slot.reset(connection.get());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the pointer returned by 'connection.get()' is adopted by a second smart pointer while 'connection' still owns it; both delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'connection' owns the object
}

// Twin: 'release()' hands the object over instead.
void resetToUniqueRelease(std::unique_ptr<Connection> &slot) {
  std::unique_ptr<Connection> connection(new Connection);
  slot.reset(connection.release());
}

// Through a pointer to the first owner.
void adoptGetThroughPointer(std::unique_ptr<Session> *owner) {
  std::shared_ptr<Session> shared(owner->get());
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: the pointer returned by 'owner->get()' is adopted by a second smart pointer while 'owner' still owns it; both delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:55: note: 'owner' points to the smart pointer that owns the object
}

// Twin: the first owner is converted into a shared one.
void convertThroughPointer(std::unique_ptr<Session> *owner) {
  std::shared_ptr<Session> shared(std::move(*owner));
}

// A local copy of 'a.get()' that is adopted.
void adoptCopyOfGet() {
  std::unique_ptr<Connection> connection(new Connection);
  Connection *raw = connection.get();
  std::shared_ptr<Connection> shared(raw);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: the pointer returned by 'connection.get()' is adopted by a second smart pointer while 'connection' still owns it; both delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'raw' holds the pointer returned by 'connection.get()' here
  // CHECK-NOTES: :[[@LINE-5]]:31: note: 'connection' owns the object
}

// Twin: the copy is reassigned before the adoption.
void adoptReassignedCopyOfGet() {
  std::unique_ptr<Connection> connection(new Connection);
  Connection *raw = connection.get();
  logConnection(raw);
  raw = new Connection;
  std::shared_ptr<Connection> shared(raw);
}

// Twin: the first owner releases the object in the same function.
void adoptGetThenRelease() {
  std::unique_ptr<Connection> connection(new Connection);
  std::shared_ptr<Connection> shared(connection.get());
  connection.release();
}

// A member smart pointer whose pointer is adopted.
struct ConnectionCache {
  std::unique_ptr<Connection> cached;
  std::shared_ptr<Connection> share() {
    return std::shared_ptr<Connection>(cached.get());
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: the pointer returned by 'cached.get()' is adopted by a second smart pointer while 'cached' still owns it; both delete the object [memreview-double-ownership]
    // CHECK-NOTES: :[[@LINE-4]]:31: note: 'cached' owns the object
  }
  // Twin: the member gives the object up to the shared_ptr.
  std::shared_ptr<Connection> shareByMove() {
    return std::shared_ptr<Connection>(std::move(cached));
  }
};

// ===== custom deleters =====

// Twin: a shared_ptr with a no-op deleter does not delete.
void observeWithNoopDeleter() {
  Connection *raw = new Connection;
  std::unique_ptr<Connection> owner(raw);
  std::shared_ptr<Connection> view(raw, [](Connection *) {});
}

// Twin: a unique_ptr whose deleter type does not delete.
void observeWithNoopDeleterType() {
  Connection *raw = new Connection;
  std::unique_ptr<Connection, NoopDeleter> view(raw);
  std::unique_ptr<Connection> owner(raw);
}

// Twin: the first owner only observes through its no-op deleter, so the
// second one is the real owner of 'a.get()'.
void adoptGetOfObserver(Connection *borrowed) {
  std::shared_ptr<Connection> view(borrowed, [](Connection *) {});
  std::unique_ptr<Connection> owner(view.get());
}

// ===== lambdas: analysed apart from the function around them =====

// Both adoptions in one lambda.
void adoptTwiceInLambda() {
  Connection *raw = new Connection;
  auto adopt = [raw] {
    std::unique_ptr<Connection> first(raw);
    std::shared_ptr<Connection> second(raw);
    // CHECK-NOTES: :[[@LINE-1]]:33: warning: 'raw' is adopted by a second smart pointer; both owners delete the object [memreview-double-ownership]
    // CHECK-NOTES: :[[@LINE-3]]:33: note: 'raw' is adopted by a smart pointer here
  };
  adopt();
}

// Twin: the lambda adopts the pointer once.
void adoptOnceInLambda() {
  Connection *raw = new Connection;
  auto adopt = [raw] { return std::unique_ptr<Connection>(raw); };
  registerConnection(adopt());
}

// ===== templates =====

// Reported once for all instantiations.
template <class Resource> void adoptTwice() {
  Resource *raw = new Resource;
  std::unique_ptr<Resource> first(raw);
  std::shared_ptr<Resource> second(raw);
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: 'raw' is adopted by a second smart pointer; both owners delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:29: note: 'raw' is adopted by a smart pointer here
}
template void adoptTwice<Session>();
template void adoptTwice<Connection>();

// Twin: the template adopts once.
template <class Resource> void adoptOnce() {
  Resource *raw = new Resource;
  std::unique_ptr<Resource> first(raw);
}
template void adoptOnce<Session>();

// ===== local copies of the raw pointer =====

// Adopted twice, once through a copy.
void adoptThroughCopy() {
  Connection *raw = new Connection;
  Connection *alias = raw;
  std::unique_ptr<Connection> first(raw);
  std::unique_ptr<Connection> second(alias);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: 'alias' is adopted by a second smart pointer; both owners delete the object [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'raw' is adopted by a smart pointer here
  // CHECK-NOTES: :[[@LINE-5]]:15: note: 'alias' is a copy of 'raw' and holds the same pointer
}

// Twin: the copy only observes the object.
void observeThroughCopy() {
  Connection *raw = new Connection;
  Connection *alias = raw;
  std::unique_ptr<Connection> first(raw);
  logConnection(alias);
}

// Twin: the copy points to another object before it is adopted.
void adoptReassignedCopy() {
  Connection *raw = new Connection;
  Connection *alias = raw;
  std::unique_ptr<Connection> first(raw);
  alias = new Connection;
  std::unique_ptr<Connection> second(alias);
}

// A copy of a copy deleted while a smart pointer owns the object.
void deleteThroughCopyOfCopy() {
  Session *raw = new Session;
  Session *alias = raw;
  Session *last = alias;
  std::shared_ptr<Session> owner(last);
  delete raw;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'raw' is released with 'delete' while a smart pointer owns it; the smart pointer deletes the object again [memreview-double-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:28: note: 'last' is adopted by a smart pointer here
  // CHECK-NOTES: :[[@LINE-5]]:12: note: 'last' is a copy of 'alias' and holds the same pointer
  // CHECK-NOTES: :[[@LINE-7]]:12: note: 'alias' is a copy of 'raw' and holds the same pointer
}

// Twin: the smart pointer gives the object up before the delete.
void deleteThroughCopyAfterRelease() {
  Session *raw = new Session;
  Session *alias = raw;
  std::unique_ptr<Session> owner(alias);
  owner.release();
  delete raw;
}

// Twin: the copies are adopted on exclusive branches.
void adoptCopyOnExclusiveBranches(bool shared) {
  Connection *raw = new Connection;
  Connection *alias = raw;
  if (shared)
    registerConnection(std::unique_ptr<Connection>(raw));
  else
    registerConnection(std::unique_ptr<Connection>(alias));
}
