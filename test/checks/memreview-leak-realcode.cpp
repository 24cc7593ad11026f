// RUN: %check_memreview %s memreview-leak,memreview-double-delete,memreview-use-after-delete %t
// Reduced forms of false alarms seen on real projects (tinyxml2, leveldb,
// ninja). Each must stay silent.
// EXPECT-NO-FINDINGS
#include <vector>
#include <cstring>

// ===== ninja: a pointer stored through a library reference =====

struct Deps {
  explicit Deps(int count) : nodes(new int[count]), count(count) {}
  int *nodes;
  int count;
};

// 'deps_[id] = deps' stores into memory of the vector: the vector owns it.
class DepsLog {
public:
  bool update(int id, Deps *deps) {
    if (id >= (int)deps_.size())
      deps_.resize(id + 1);
    bool replaced = deps_[id] != nullptr;
    deps_[id] = deps;
    return replaced;
  }
  bool record(int id, int count) {
    Deps *deps = new Deps(count);
    update(id, deps);
    return true;
  }

private:
  std::vector<Deps *> deps_;
};

// 'paths_[key] = node': the member container holds the node.
struct Node {
  explicit Node(int id) : id(id) {}
  int id;
};
class State {
public:
  Node *getNode(int key) {
    Node *node = lookup(key);
    if (node)
      return node;
    node = new Node(key);
    paths_[key] = node;
    return node;
  }
  Node *lookup(int key) const;

private:
  std::vector<Node *> paths_;
};

// ===== leveldb: reference counting through 'delete this' =====

class MemTable {
public:
  void ref() { ++refs_; }
  void unref() {
    --refs_;
    if (refs_ <= 0)
      delete this;
  }

private:
  int refs_ = 0;
};

// Whether 'unref' deleted the table depends on the count, which the caller
// cannot see: it may or may not have been released.
void convertLogToTable(bool ok) {
  MemTable *mem = new MemTable;
  mem->ref();
  if (ok)
    mem->ref();
  mem->unref();
  mem = nullptr;
}

// ===== tinyxml2: a growable array that owns its buffer =====

template <class T, int N> class DynArray {
public:
  DynArray() : mem_(pool_), allocated_(N), size_(0) {}
  ~DynArray() {
    if (mem_ != pool_)
      delete[] mem_;
  }
  void push(T value) {
    ensureCapacity(size_ + 1);
    mem_[size_++] = value;
  }

private:
  void ensureCapacity(int cap) {
    if (cap > allocated_) {
      int newAllocated = cap * 2;
      T *newMem = new T[newAllocated];
      memcpy(newMem, mem_, sizeof(T) * size_);
      if (mem_ != pool_)
        delete[] mem_;
      mem_ = newMem;
      allocated_ = newAllocated;
    }
  }
  T *mem_;
  T pool_[N];
  int allocated_;
  int size_;
};

// The array is a member: pushing grows the buffer it owns.
class LineRecorder {
public:
  void record(char type, int line) {
    str_.push(type);
    str_.push(char('0' + line / 10));
    str_.push(char('0' + line % 10));
  }

private:
  DynArray<char, 10> str_;
};

// ===== leveldb: a status object whose copy assignment returns *this =====

// operator= returns a reference to the object it assigned: what it stored in
// the object's member is not a value returned by the call.
class Status {
public:
  Status() noexcept : state_(nullptr) {}
  ~Status() { delete[] state_; }
  Status(const Status &rhs) {
    state_ = rhs.state_ == nullptr ? nullptr : copyState(rhs.state_);
  }
  Status &operator=(const Status &rhs) {
    if (state_ != rhs.state_) {
      delete[] state_;
      state_ = rhs.state_ == nullptr ? nullptr : copyState(rhs.state_);
    }
    return *this;
  }
  bool ok() const { return state_ == nullptr; }
  static Status failure(const char *message) {
    Status s;
    s.state_ = copyState(message);
    return s;
  }

private:
  static const char *copyState(const char *state) {
    char *result = new char[16];
    std::memcpy(result, state, 16);
    return result;
  }
  const char *state_;
};

struct Reporter {
  Status *status;
  void corruption(const Status &s) {
    if (status != nullptr && status->ok())
      *status = s;
  }
};

// A status returned by value dies at the end of the full expression: its
// destructor releases what the constructor allocated.
Status corruption() { return Status::failure("corrupt"); }
void reportTemporary(Reporter &reporter) { reporter.corruption(corruption()); }
void discardTemporary() { corruption(); }

// ===== leveldb: an array of iterators filled in a loop, then merged =====

// After the loop, 'num' is at least the number of elements written: the
// callee's 'n == 0' case, which leaves the array alone, cannot run.
struct Child {
  int value;
};
struct Sink {
  void take(Child *child);
};
void handOver(Sink &sink, Child **children, int n) {
  if (n == 0)
    return;
  for (int i = 0; i < n; i++)
    sink.take(children[i]);
}
void collectChildren(Sink &sink, int count) {
  Child **list = new Child *[8];
  int num = 0;
  for (int i = 0; i < count; i++)
    list[num++] = new Child;
  handOver(sink, list, num);
  delete[] list;
}
