// RUN: %check_memreview %s memreview-delete-owned %t
#include <cstdlib>
#include <memory>
#include <utility>

struct Connection {
  int fd = -1;
};
struct Buffer {
  char bytes[64];
};
struct Session {
  int id = 0;
};
void logConnection(const Connection *);
void sendOn(Connection *);
void takeOwnership(Connection *);

// A deleter that does not delete: the smart pointer only observes.
struct NoopDeleter {
  void operator()(Connection *) const {}
};
// A deleter for memory of the C allocator.
struct FreeDeleter {
  void operator()(Buffer *b) const { std::free(b); }
};

// ===== 'delete p.get()' while 'p' still owns the object =====

// Deleting the owned pointer: the unique_ptr deletes it again when it dies.
void deleteThroughGet() {
  std::unique_ptr<Connection> conn(new Connection);
  delete conn.get();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::unique_ptr' 'conn' still owns; the smart pointer releases it again when it is destroyed or reset [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'conn' owns the object
  // CHECK-FIXES: {{^}}  conn.reset();{{$}}
}

// Twin: 'release()' gives up ownership before the delete.
void deleteThroughRelease() {
  std::unique_ptr<Connection> conn(new Connection);
  delete conn.release();
}

// Parentheses around the argument change nothing.
void deleteThroughParenthesizedGet() {
  std::unique_ptr<Connection> link(new Connection);
  delete (link.get());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::unique_ptr' 'link' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'link' owns the object
  // CHECK-FIXES: {{^}}  link.reset();{{$}}
}

// Twin: the owner forgets the object right after the delete.
void deleteThenForget() {
  std::unique_ptr<Connection> link(new Connection);
  delete link.get();
  link.release();
}

// A delete in one branch is still a second delete on that path.
void deleteThroughGetInBranch(bool failed) {
  std::unique_ptr<Connection> conn(new Connection);
  if (failed)
    delete conn.get();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'delete' releases memory that 'std::unique_ptr' 'conn' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-4]]:31: note: 'conn' owns the object
  // CHECK-FIXES: {{^}}    conn.reset();{{$}}
}

// Twin: 'reset()' in the branch deletes the object exactly once.
void resetInBranch(bool failed) {
  std::unique_ptr<Connection> conn(new Connection);
  if (failed)
    conn.reset();
}

// ===== 'delete[]' on std::unique_ptr<T[]> =====

// The array unique_ptr calls 'delete[]' again.
void deleteArrayThroughGet() {
  std::unique_ptr<Buffer[]> buffers(new Buffer[4]);
  delete[] buffers.get();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete[]' releases memory that 'std::unique_ptr' 'buffers' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:29: note: 'buffers' owns the object
  // CHECK-FIXES: {{^}}  buffers.reset();{{$}}
}

// Twin: release the array from its owner first.
void deleteArrayThroughRelease() {
  std::unique_ptr<Buffer[]> buffers(new Buffer[4]);
  delete[] buffers.release();
}

// ===== 'free' and the other release functions =====

// 'free' of owned memory: the owner releases it a second time.
void freeThroughGet() {
  std::unique_ptr<Buffer> scratch(new Buffer);
  std::free(scratch.get());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'free' releases memory that 'std::unique_ptr' 'scratch' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: 'scratch' owns the object
  // CHECK-FIXES: {{^}}  scratch.reset();{{$}}
}

// Twin: calls that only read or use the pointer release nothing.
void passGetToNonReleasingCalls() {
  std::unique_ptr<Connection> conn(new Connection);
  logConnection(conn.get());
  sendOn(conn.get());
}

// A direct call of 'operator delete' releases the memory too.
void operatorDeleteThroughGet() {
  std::unique_ptr<Session> session(new Session);
  ::operator delete(session.get());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'operator delete' releases memory that 'std::unique_ptr' 'session' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:28: note: 'session' owns the object
  // CHECK-FIXES: {{^}}  session.reset();{{$}}
}

// Twin: 'operator delete' of a released pointer.
void operatorDeleteThroughRelease() {
  std::unique_ptr<Session> session(new Session);
  Session *detached = session.release();
  detached->~Session();
  ::operator delete(detached);
}

// ===== a local copy of 'p.get()' =====

// The copy still points to the object the unique_ptr owns; no fix-it.
void deleteLocalCopy() {
  std::unique_ptr<Connection> conn(new Connection);
  Connection *raw = conn.get();
  logConnection(raw);
  delete raw;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::unique_ptr' 'conn' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'raw' holds the pointer returned by 'conn.get()' here
  // CHECK-NOTES: :[[@LINE-6]]:31: note: 'conn' owns the object
}

// Twin: the owner gives the object up before the copy is deleted.
void deleteLocalCopyAfterRelease() {
  std::unique_ptr<Connection> conn(new Connection);
  Connection *raw = conn.get();
  logConnection(raw);
  conn.release();
  delete raw;
}

// A copy declared with 'auto *' and converted to a base class.
struct TlsConnection : Connection {};
void deleteConvertedLocalCopy() {
  std::unique_ptr<TlsConnection> tls(new TlsConnection);
  auto *raw = tls.get();
  Connection *base = tls.get();
  delete raw;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::unique_ptr' 'tls' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-4]]:9: note: 'raw' holds the pointer returned by 'tls.get()' here
  // CHECK-NOTES: :[[@LINE-6]]:34: note: 'tls' owns the object
  logConnection(base);
}

// Twin: the copy is reassigned to an object of its own before the delete.
void deleteReassignedLocalCopy() {
  std::unique_ptr<Connection> conn(new Connection);
  Connection *raw = conn.get();
  logConnection(raw);
  raw = new Connection;
  delete raw;
}

// Twin: the owner is moved into another unique_ptr, which gives the object up.
void deleteLocalCopyAfterMove() {
  std::unique_ptr<Connection> conn(new Connection);
  Connection *raw = conn.get();
  std::unique_ptr<Connection> keeper = std::move(conn);
  keeper.release();
  delete raw;
}

// FN: 'reset()' deletes the object and the copy deletes it again, but any
// change of the owner silences the check.
void deleteLocalCopyAfterReset() {
  std::unique_ptr<Connection> conn(new Connection);
  Connection *raw = conn.get();
  conn.reset();
  delete raw;
}

// FN: a copy assigned after its declaration is not followed.
void deleteAssignedCopy() {
  std::unique_ptr<Connection> conn(new Connection);
  Connection *raw;
  raw = conn.get();
  delete raw;
}

// FN: an owner that is not a variable, a parameter or a member (here an
// element of an array) is not tracked.
void deleteThroughElementOwner(std::unique_ptr<Connection> *slots) {
  delete slots[0].get();
}

// ===== member smart pointers =====

struct ConnectionPool {
  std::unique_ptr<Connection> primary;
  std::unique_ptr<Connection> standby;

  // 'delete member.get()' in a member function; the member deletes it again.
  void closePrimary() {
    delete primary.get();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'delete' releases memory that 'std::unique_ptr' 'primary' still owns; {{.*}} [memreview-delete-owned]
    // CHECK-NOTES: :[[@LINE-7]]:31: note: 'primary' owns the object
    // CHECK-FIXES: {{^}}    primary.reset();{{$}}
  }

  // Twin: 'reset()' on the member.
  void closePrimaryByReset() { primary.reset(); }

  // Through an explicit 'this->'.
  void closeStandby() {
    delete this->standby.get();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'delete' releases memory that 'std::unique_ptr' 'standby' still owns; {{.*}} [memreview-delete-owned]
    // CHECK-NOTES: :[[@LINE-17]]:31: note: 'standby' owns the object
    // CHECK-FIXES: {{^}}    this->standby.reset();{{$}}
  }

  // Twin: the member gives the object up in the same function.
  void handOverStandby() {
    Connection *raw = standby.get();
    standby.release();
    takeOwnership(raw);
  }
};

// ===== through a pointer or a reference to a smart pointer =====

// 'slot->get()' on a pointer to a unique_ptr.
void deleteThroughPointerToOwner(std::unique_ptr<Session> *slot) {
  delete slot->get();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::unique_ptr' 'slot' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:60: note: 'slot' points to the smart pointer that owns the object
  // CHECK-FIXES: {{^}}  slot->reset();{{$}}
}

// Twin: release through the pointer.
void releaseThroughPointerToOwner(std::unique_ptr<Session> *slot) {
  delete slot->release();
}

// A reference parameter is an owner like a local.
void deleteThroughReferenceToOwner(std::unique_ptr<Session> &slot) {
  delete slot.get();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::unique_ptr' 'slot' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:62: note: 'slot' owns the object
  // CHECK-FIXES: {{^}}  slot.reset();{{$}}
}

// Twin: the caller's smart pointer is reset through the reference.
void resetThroughReferenceToOwner(std::unique_ptr<Session> &slot) {
  slot.reset();
}

// ===== std::shared_ptr (libstdc++ inherits 'get' from '__shared_ptr') =====

// Deleting what a shared_ptr owns.
void deleteSharedThroughGet() {
  std::shared_ptr<Session> session(new Session);
  delete session.get();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::shared_ptr' 'session' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:28: note: 'session' owns the object
  // CHECK-FIXES: {{^}}  session.reset();{{$}}
}

// Twin: drop this owner with 'reset()'.
void resetShared() {
  std::shared_ptr<Session> session(new Session);
  session.reset();
}

// A local copy of a shared_ptr's pointer.
void deleteSharedLocalCopy() {
  std::shared_ptr<Session> session(new Session);
  Session *current = session.get();
  delete current;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::shared_ptr' 'session' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'current' holds the pointer returned by 'session.get()' here
  // CHECK-NOTES: :[[@LINE-5]]:28: note: 'session' owns the object
}

// Twin: a shared_ptr with a no-op deleter only observes the object, which
// the function deletes itself.
void deleteThroughObservingShared(Session *borrowed) {
  std::shared_ptr<Session> view(borrowed, [](Session *) {});
  delete view.get();
}

// ===== custom deleters =====

// Twin: a unique_ptr whose deleter does not delete is no owner.
void deleteThroughNonOwningUnique(Connection *borrowed) {
  std::unique_ptr<Connection, NoopDeleter> view(borrowed);
  delete view.get();
}

// FN: the custom deleter frees the memory too, but what a custom deleter does
// is not analysed.
void freeThroughGetWithFreeDeleter() {
  std::unique_ptr<Buffer, FreeDeleter> scratch(
      static_cast<Buffer *>(std::malloc(sizeof(Buffer))));
  std::free(scratch.get());
}

// ===== macros: reported, never rewritten =====

#define DESTROY_OWNED(owner) delete (owner).get()

// The warning points into the macro; no fix-it.
void deleteThroughGetInMacro() {
  std::unique_ptr<Connection> conn(new Connection);
  DESTROY_OWNED(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::unique_ptr' 'conn' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-7]]:30: note: expanded from macro 'DESTROY_OWNED'
  // CHECK-NOTES: :[[@LINE-4]]:31: note: 'conn' owns the object
  // CHECK-FIXES: {{^}}  DESTROY_OWNED(conn);{{$}}
}

// Twin: the macro-free 'reset()'.
void resetWithoutMacro() {
  std::unique_ptr<Connection> conn(new Connection);
  conn.reset();
}

// ===== templates: analysed per instantiation, reported once =====

template <class Resource> void destroyOwned() {
  std::unique_ptr<Resource> resource(new Resource);
  delete resource.get();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'delete' releases memory that 'std::unique_ptr' 'resource' still owns; {{.*}} [memreview-delete-owned]
  // CHECK-NOTES: :[[@LINE-3]]:29: note: 'resource' owns the object
  // CHECK-FIXES: {{^}}  resource.reset();{{$}}
}
template void destroyOwned<Connection>();
template void destroyOwned<Session>();

// Twin: the template releases before deleting.
template <class Resource> void destroyReleased() {
  std::unique_ptr<Resource> resource(new Resource);
  delete resource.release();
}
template void destroyReleased<Connection>();
