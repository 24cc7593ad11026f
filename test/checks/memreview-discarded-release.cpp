// RUN: %check_memreview %s memreview-discarded-release %t
#include <memory>
#include <utility>
#include <vector>

struct Session {
  int id = 0;
};
struct Buffer {
  char bytes[64];
};

// Takes ownership of the session.
void adoptSession(Session *session);
// Only reads the session.
void logSession(const Session *session);
// Uses the session without taking ownership.
void sendGreeting(Session *session);
Session *legacyCurrentSession;

struct SessionRegistry {
  // Takes ownership of the session.
  void adopt(Session *session);
};

// ===== discarded in statement position =====

// The released pointer is dropped: the session leaks.
void dropSession() {
  std::unique_ptr<Session> session(new Session);
  session.release();
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: the pointer returned by 'release()' is discarded, so the object that 'session' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}  session.reset();{{$}}
}

// Twin: 'reset()' deletes the session.
void closeSession() {
  std::unique_ptr<Session> session(new Session);
  session.reset();
}

// An array owner leaks all of its elements.
void dropBuffers() {
  std::unique_ptr<Buffer[]> buffers(new Buffer[8]);
  buffers.release();
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: the pointer returned by 'release()' is discarded, so the object that 'buffers' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}  buffers.reset();{{$}}
}

// Twin: the released array is deleted by hand.
void freeBuffers() {
  std::unique_ptr<Buffer[]> buffers(new Buffer[8]);
  delete[] buffers.release();
}

// Through a pointer to the smart pointer.
void dropSessionInSlot(std::unique_ptr<Session> *slot) {
  slot->release();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: the pointer returned by 'release()' is discarded, so the object that 'slot' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}  slot->reset();{{$}}
}

// Twin: the released session is returned to the caller.
Session *takeSessionFromSlot(std::unique_ptr<Session> *slot) {
  return slot->release();
}

// A member smart pointer.
struct Server {
  std::unique_ptr<Session> current;

  void disconnect() {
    current.release();
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: the pointer returned by 'release()' is discarded, so the object that 'current' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
    // CHECK-FIXES: {{^}}    current.reset();{{$}}
  }

  // Twin: the released session is stored in a raw owner.
  void detach() { legacyCurrentSession = current.release(); }
};

// ===== discarded in branches and loops =====

// The body of an 'if' without braces.
void dropSessionOnError(bool failed) {
  std::unique_ptr<Session> pending(new Session);
  if (failed)
    pending.release();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: the pointer returned by 'release()' is discarded, so the object that 'pending' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}    pending.reset();{{$}}
}

// Twin: in the branch, the session is handed to its new owner.
void handOverSessionOnSuccess(bool ready) {
  std::unique_ptr<Session> pending(new Session);
  if (ready)
    adoptSession(pending.release());
}

// The 'else' branch.
void dropSessionUnlessKept(bool keep, std::unique_ptr<Session> &pending) {
  if (keep)
    adoptSession(pending.release());
  else
    pending.release();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: the pointer returned by 'release()' is discarded, so the object that 'pending' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}    pending.reset();{{$}}
}

// Twin: the 'else' branch deletes the session.
void deleteSessionUnlessKept(bool keep, std::unique_ptr<Session> &pending) {
  if (keep)
    adoptSession(pending.release());
  else
    pending.reset();
}

// A range-for body.
void dropAllSessions(std::vector<std::unique_ptr<Session>> &sessions) {
  for (std::unique_ptr<Session> &session : sessions)
    session.release();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: the pointer returned by 'release()' is discarded, so the object that 'session' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}    session.reset();{{$}}
}

// Twin: each released session is handed to the registry.
void handOverAllSessions(std::vector<std::unique_ptr<Session>> &sessions,
                         SessionRegistry &registry) {
  for (std::unique_ptr<Session> &session : sessions)
    registry.adopt(session.release());
}

// A 'while' body.
void drainSessions(std::unique_ptr<Session> *sessions, int count) {
  while (count > 0)
    sessions[--count].release();
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: the pointer returned by 'release()' is discarded, so the object that 'sessions[--count]' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}    sessions[--count].reset();{{$}}
}

// A 'do' body.
// Twin: the 'while' body deletes each session.
void deleteSessions(std::unique_ptr<Session> *sessions, int count) {
  while (count > 0)
    sessions[--count].reset();
}

// A 'do' body.
void drainSessionsAtLeastOnce(std::unique_ptr<Session> *sessions, int count) {
  do
    sessions[--count].release();
  while (count > 0);
  // CHECK-NOTES: :[[@LINE-2]]:23: warning: the pointer returned by 'release()' is discarded, so the object that 'sessions[--count]' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}    sessions[--count].reset();{{$}}
}

// Twin: each session is handed over in the 'do' body.
void handOverSessionsAtLeastOnce(std::unique_ptr<Session> *sessions,
                                 int count) {
  do
    adoptSession(sessions[--count].release());
  while (count > 0);
}

// Both branches of an 'if' discard: two warnings.
void dropEitherSession(bool first, std::unique_ptr<Session> &primary,
                       std::unique_ptr<Session> &backup) {
  if (first)
    primary.release();
  else
    backup.release();
  // CHECK-NOTES: :[[@LINE-3]]:13: warning: the pointer returned by 'release()' is discarded, so the object that 'primary' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: the pointer returned by 'release()' is discarded, so the object that 'backup' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}    primary.reset();{{$}}
  // CHECK-FIXES: {{^}}    backup.reset();{{$}}
}

// Twin: both branches delete.
void deleteEitherSession(bool first, std::unique_ptr<Session> &primary,
                         std::unique_ptr<Session> &backup) {
  if (first)
    primary.reset();
  else
    backup.reset();
}

// A for-loop increment.
void dropSessionsInIncrement(std::unique_ptr<Session> *sessions, int count) {
  for (int i = 0; i < count; sessions[i].release(), ++i)
    logSession(sessions[i].get());
  // CHECK-NOTES: :[[@LINE-2]]:42: warning: the pointer returned by 'release()' is discarded, so the object that 'sessions[i]' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}  for (int i = 0; i < count; sessions[i].reset(), ++i){{$}}
}

// The right operand of a comma whose value is discarded, in an increment.
void dropSessionsLastInIncrement(std::unique_ptr<Session> *sessions,
                                 int count) {
  for (int i = 0; i < count; ++i, sessions[i - 1].release())
    logSession(sessions[i].get());
  // CHECK-NOTES: :[[@LINE-2]]:51: warning: the pointer returned by 'release()' is discarded, so the object that 'sessions[i - 1]' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}  for (int i = 0; i < count; ++i, sessions[i - 1].reset()){{$}}
}

// Twin: the right operand of the comma hands each session over.
void handOverSessionsLastInIncrement(std::unique_ptr<Session> *sessions,
                                     int count) {
  for (int i = 0; i < count; ++i, adoptSession(sessions[i - 1].release()))
    logSession(sessions[i].get());
}

// Twin: the increment hands each session over.
void handOverSessionsInIncrement(std::unique_ptr<Session> *sessions,
                                 int count) {
  for (int i = 0; i < count; adoptSession(sessions[i].release()), ++i)
    logSession(sessions[i].get());
}

// A 'case' of a switch.
void dropSessionOnCommand(int command, std::unique_ptr<Session> &session) {
  switch (command) {
  case 0:
    session.release();
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: the pointer returned by 'release()' is discarded, so the object that 'session' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
    // CHECK-FIXES: {{^}}    session.reset();{{$}}
    break;
  default:
    adoptSession(session.release());
    break;
  }
}

// Twin: the 'case' deletes the session.
void deleteSessionOnCommand(int command, std::unique_ptr<Session> &session) {
  switch (command) {
  case 0:
    session.reset();
    break;
  default:
    adoptSession(session.release());
    break;
  }
}

// ===== discarded by a comma =====

// The left operand of a comma.
bool dropSessionAndReport(std::unique_ptr<Session> &session) {
  return session.release(), true;
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: the pointer returned by 'release()' is discarded, so the object that 'session' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}  return session.reset(), true;{{$}}
}

// Twin: the right operand of a comma whose value is used.
bool handOverSessionAndReport(std::unique_ptr<Session> &session) {
  Session *taken = (logSession(session.get()), session.release());
  adoptSession(taken);
  return true;
}

// ===== the result is used =====

// Twin: stored in a variable, then deleted.
void releaseIntoLocal() {
  std::unique_ptr<Session> session(new Session);
  Session *raw = session.release();
  delete raw;
}

// Twin: returned.
Session *releaseToCaller() {
  std::unique_ptr<Session> session(new Session);
  return session.release();
}

// Twin: passed to the new owner.
void releaseIntoCall(SessionRegistry &registry) {
  std::unique_ptr<Session> session(new Session);
  registry.adopt(session.release());
}

// Twin: assigned to a raw owner.
void releaseIntoGlobal() {
  std::unique_ptr<Session> session(new Session);
  legacyCurrentSession = session.release();
}

// Twin: compared (the leak is then someone else's concern).
bool releaseAndTest(std::unique_ptr<Session> &session) {
  return session.release() != nullptr;
}

// ===== explicit intent: a cast to void =====

// Twin: '(void)' says the object is owned elsewhere now.
void releaseToVoid(std::unique_ptr<Session> &session) {
  (void)session.release();
}

// Twin: 'static_cast<void>' says the same.
void releaseToStaticCastVoid(std::unique_ptr<Session> &session) {
  static_cast<void>(session.release());
}

// ===== the transfer idiom: 'f(p.get()); p.release();' =====

// Twin: the registry adopts the pointer first; 'release()' only stops the
// unique_ptr from deleting it too.
void transferToRegistry(SessionRegistry &registry) {
  std::unique_ptr<Session> session(new Session);
  registry.adopt(session.get());
  session.release();
}

// Twin: the same with a free function.
void transferToFunction() {
  std::unique_ptr<Session> session(new Session);
  adoptSession(session.get());
  session.release();
}

// Twin: the pointer is stored in a global owner first.
void transferToGlobal() {
  std::unique_ptr<Session> session(new Session);
  legacyCurrentSession = session.get();
  session.release();
}

// A call that takes 'const Session *' only reads: not a transfer.
void logThenDropSession() {
  std::unique_ptr<Session> session(new Session);
  logSession(session.get());
  session.release();
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: the pointer returned by 'release()' is discarded, so the object that 'session' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}  session.reset();{{$}}
}

// Twin: the object was deleted through 'get()'; 'release()' only forgets it.
void deleteThenForget(std::unique_ptr<Session> &session) {
  delete session.get();
  session.release();
}

// ===== disarming a guard: 'std::unique_ptr<T> guard(raw); ... guard.release();' =====

bool prepare(Session *session);

// Twin: the guard deletes the session on the early return; once the registry
// owns it (through 'session'), 'release()' disarms the guard.
void registerWithGuard(SessionRegistry &registry) {
  Session *session = new Session;
  std::unique_ptr<Session> guard(session);
  if (!prepare(session))
    return;
  registry.adopt(session);
  guard.release();
}

// Twin: the same with 'reset(raw)' on a guard declared earlier.
void registerWithResetGuard(SessionRegistry &registry, Session *session) {
  std::unique_ptr<Session> guard;
  guard.reset(session);
  if (!prepare(session))
    return;
  registry.adopt(session);
  guard.release();
}

// Twin: a guard assigned a temporary that adopts the pointer.
void registerWithAssignedGuard(SessionRegistry &registry, Session *session) {
  std::unique_ptr<Session> guard;
  guard = std::unique_ptr<Session>(session);
  if (!prepare(session))
    return;
  registry.adopt(session);
  guard.release();
}

// FN: a guard that adopted a named pointer is never reported, even when the
// pointer is not handed on after 'release()'.
void disarmGuardAndLeak() {
  Session *session = new Session;
  std::unique_ptr<Session> guard(session);
  guard.release();
}

// ===== macros and templates =====

#define DROP(owner) (owner).release()

// A 'release()' spelled in a macro is reported but not rewritten.
void dropSessionInMacro() {
  std::unique_ptr<Session> session(new Session);
  DROP(session);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the pointer returned by 'release()' is discarded, so the object that the smart pointer owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-NOTES: :[[@LINE-7]]:29: note: expanded from macro 'DROP'
  // CHECK-FIXES: {{^}}  DROP(session);{{$}}
}

// Twin: a macro that resets.
#define CLOSE(owner) (owner).reset()
void closeSessionInMacro() {
  std::unique_ptr<Session> session(new Session);
  CLOSE(session);
}

// A template is reported once for all of its instantiations.
template <class Resource> void dropResource() {
  std::unique_ptr<Resource> resource(new Resource);
  resource.release();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the pointer returned by 'release()' is discarded, so the object that 'resource' owned is never deleted; use 'reset()' to delete it [memreview-discarded-release]
  // CHECK-FIXES: {{^}}  resource.reset();{{$}}
}
template void dropResource<Session>();
template void dropResource<Buffer>();

// Twin: the template returns what it releases.
template <class Resource> Resource *detachResource() {
  std::unique_ptr<Resource> resource(new Resource);
  return resource.release();
}
template Session *detachResource<Session>();

// ===== known gaps =====

// FN: the value of a conditional is discarded, but its branches are not
// looked into (and 'reset()' could not replace 'release()' there).
void dropSessionInConditional(bool keep, std::unique_ptr<Session> &session) {
  keep ? session.get() : session.release();
}

// FN: any call that receives 'p.get()' with a non-const parameter counts as
// a transfer, even one that only uses the object.
void useThenDropSession() {
  std::unique_ptr<Session> session(new Session);
  sendGreeting(session.get());
  session.release();
}
