// RUN: %check_memreview %s memreview-owning-member %t
#include <cstdlib>
#include <cstring>
#include <memory>

// ===== Memory no member function releases =====

// The constructor allocates the array; nothing ever releases it.
class Histogram {
public:
  explicit Histogram(int buckets) : counts(new int[buckets]), size(buckets) {}
  // CHECK-NOTES: :[[@LINE-1]]:44: warning: 'Histogram::counts' owns memory allocated with 'new[]' that neither the destructor nor any member function of 'Histogram' releases: every 'Histogram' object leaks it [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'Histogram::counts' is declared here
  // CHECK-NOTES: :[[@LINE-3]]:44: note: 'Histogram::counts' receives memory allocated with 'new[]' here, in 'Histogram::Histogram'
  // CHECK-NOTES: :[[@LINE+3]]:3: note: use 'std::unique_ptr' (or 'std::vector' for an array) for 'counts' to release it automatically
  int buckets() const { return size; }
private:
  int *counts;
  int size;
};

// Twin: the destructor releases it, and copies are deleted.
class SafeHistogram {
public:
  explicit SafeHistogram(int buckets) : counts(new int[buckets]) {}
  ~SafeHistogram() { delete[] counts; }
  SafeHistogram(const SafeHistogram &) = delete;
  SafeHistogram &operator=(const SafeHistogram &) = delete;
private:
  int *counts;
};

// A user destructor that forgets the member.
class Session {
public:
  Session() { token = strdup("guest"); }
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: 'Session::token' owns memory allocated with 'strdup' that neither the destructor nor any member function of 'Session' releases: every 'Session' object leaks it [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+7]]:3: note: 'Session::token' is declared here
  // CHECK-NOTES: :[[@LINE-3]]:23: note: 'Session::token' receives memory allocated with 'strdup' here, in 'Session::Session'
  // CHECK-NOTES: :[[@LINE+2]]:3: note: '~Session' does not release it
  // CHECK-NOTES: :[[@LINE+4]]:3: note: use 'std::unique_ptr' (or 'std::vector' for an array) for 'token' to release it automatically
  ~Session() { closed = true; }
private:
  bool closed = false;
  char *token;
};

// Twin: a member function releases it (the class manages it by hand).
class ManualSession {
public:
  ManualSession() { token = strdup("guest"); }
  void close() {
    free(token);
    token = nullptr;
  }
private:
  char *token;
};

// Twin: the member only points to memory owned elsewhere.
class View {
public:
  explicit View(int *data) : data(data) {}
private:
  int *data;
};

// Twin: another class releases the member of the object it owns.
struct Rep {
  Rep() : filter(new int(0)) {}
  int *filter;
};
class Builder {
public:
  Builder() : rep(new Rep) {}
  ~Builder() {
    delete rep->filter;
    delete rep;
  }
  Builder(const Builder &) = delete;
  Builder &operator=(const Builder &) = delete;
private:
  Rep *rep;
};

// Twin: a member function hands the memory out.
class Factory {
public:
  Factory() : product(new int(7)) {}
  int *take() {
    int *result = product;
    product = nullptr;
    return result;
  }
private:
  int *product;
};

// Twin: a smart pointer member owns it.
class Owner {
public:
  Owner() : item(new int(1)) {}
private:
  std::unique_ptr<int> item;
};

// ===== The destructor releases with the wrong deallocator =====

class Table {
public:
  Table() : rows(new int[8]) {}
  ~Table() { delete rows; }
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'Table::rows' holds memory allocated with 'new[]' but the destructor releases it with 'delete'; use 'delete[]' [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: 'Table::rows' receives memory allocated with 'new[]' here, in 'Table::Table'
  Table(const Table &) = delete;
  Table &operator=(const Table &) = delete;
private:
  int *rows;
};

// Twin: the matching deallocator.
class GoodTable {
public:
  GoodTable() : rows(new int[8]) {}
  ~GoodTable() { delete[] rows; }
  GoodTable(const GoodTable &) = delete;
  GoodTable &operator=(const GoodTable &) = delete;
private:
  int *rows;
};

// ===== Assigned again without releasing =====

class Buffer {
public:
  explicit Buffer(int n) : data(new char[n]) {}
  ~Buffer() { delete[] data; }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  void grow(int n) { data = new char[n]; }
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'Buffer::data' is assigned memory allocated with 'new[]' in 'Buffer::grow' without releasing the memory it holds, which then leaks [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE-5]]:15: note: '~Buffer' releases 'data', so the member owns what it points to
  // Twin: the old buffer is released first.
  void resize(int n) {
    delete[] data;
    data = new char[n];
  }
  // Twin: only when the buffer is empty.
  void ensure(int n) {
    if (!data)
      data = new char[n];
  }
private:
  char *data;
};

// ===== The rule of three =====

// The destructor releases, the compiler's copies copy the pointer.
class Image {
public:
  explicit Image(int size) : pixels(new unsigned char[size]) {}
  ~Image() { delete[] pixels; }
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'Image::pixels' is released by the destructor of 'Image' but the compiler-generated copy constructor and copy assignment operator copy the pointer: a copy and its original release the same memory [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'Image::pixels' is declared here
  // CHECK-NOTES: :[[@LINE-6]]:7: note: define the copy operations of 'Image' (or '= delete' them), or use 'std::unique_ptr' for 'pixels'
private:
  unsigned char *pixels;
};

// Only the copy assignment is left to the compiler.
class Sprite {
public:
  explicit Sprite(int size) : pixels(new unsigned char[size]), size(size) {}
  ~Sprite() { delete[] pixels; }
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'Sprite::pixels' is released by the destructor of 'Sprite' but the compiler-generated copy assignment operator copies the pointer: a copy and its original release the same memory [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+7]]:3: note: 'Sprite::pixels' is declared here
  // CHECK-NOTES: :[[@LINE-6]]:7: note: define the copy operations of 'Sprite' (or '= delete' them), or use 'std::unique_ptr' for 'pixels'
  Sprite(const Sprite &other)
      : pixels(new unsigned char[other.size]), size(other.size) {
    memcpy(pixels, other.pixels, size);
  }
private:
  unsigned char *pixels;
  int size;
};

// Twin: copying disabled by a non-copyable base.
class NonCopyable {
public:
  NonCopyable() = default;
  NonCopyable(const NonCopyable &) = delete;
  NonCopyable &operator=(const NonCopyable &) = delete;
};
class Texture : NonCopyable {
public:
  explicit Texture(int size) : pixels(new unsigned char[size]) {}
  ~Texture() { delete[] pixels; }
private:
  unsigned char *pixels;
};

// Twin: copying disabled by a move-only member.
class Frame {
public:
  explicit Frame(int size) : pixels(new unsigned char[size]) {}
  ~Frame() { delete[] pixels; }
private:
  unsigned char *pixels;
  std::unique_ptr<int> tag;
};

// Twin: private copy operations (the pre-C++11 idiom).
class Canvas {
public:
  explicit Canvas(int size) : pixels(new unsigned char[size]) {}
  ~Canvas() { delete[] pixels; }
private:
  Canvas(const Canvas &);
  Canvas &operator=(const Canvas &);
  unsigned char *pixels;
};

// ===== Member functions that replace or dispose of the member =====

// A member function that deletes the old object and allocates a new one
// replaces what the member owns: after it, the member still owns memory that
// nothing releases.
class Link {
public:
  Link() : peer(new int(0)) {}
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 'Link::peer' owns memory allocated with 'new' that neither the destructor nor any member function of 'Link' releases: every 'Link' object leaks it [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+12]]:3: note: 'Link::peer' is declared here
  // CHECK-NOTES: :[[@LINE-3]]:17: note: 'Link::peer' receives memory allocated with 'new' here, in 'Link::Link'
  // CHECK-NOTES: :[[@LINE+5]]:12: note: 'Link::peer' receives memory allocated with 'new' here, in 'Link::reset'
  // CHECK-NOTES: :[[@LINE+9]]:3: note: use 'std::unique_ptr' (or 'std::vector' for an array) for 'peer' to release it automatically
  void reset() {
    int *old = peer;
    delete old;
    peer = new int(1);
  }
  int value() const { return *peer; }

private:
  int *peer;
};

// Twin: a member function that disposes of the member (users call close()
// before dropping the object).
class Socket {
public:
  Socket() : handle(new int(0)) {}
  void close() {
    delete handle;
    handle = nullptr;
  }

private:
  int *handle;
};

// Twin: a member function defined in another file may release the member;
// without its summary, the check stays silent.
class Channel {
public:
  Channel() : buffer(new char[64]) {}
  void shutdown();

private:
  char *buffer;
};

// Twin: ownership kept in a flag (tinyxml2's StrPair, reduced): reset()
// releases the text only when the object owns it, and set() calls reset()
// before it allocates.
class Text {
public:
  Text() = default;
  ~Text() { reset(); }
  Text(const Text &) = delete;
  Text &operator=(const Text &) = delete;
  void reset() {
    if (owns)
      delete[] start;
    start = nullptr;
    owns = false;
  }
  void set(const char *text, int length) {
    reset();
    start = new char[length + 1];
    for (int i = 0; i <= length; i++)
      start[i] = text[i];
    owns = true;
  }
  void borrow(char *text) {
    reset();
    start = text;
  }

private:
  char *start = nullptr;
  bool owns = false;
};
