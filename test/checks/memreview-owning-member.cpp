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
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'Image::pixels' is declared here
  // CHECK-NOTES: :[[@LINE-4]]:37: note: 'Image::pixels' receives memory allocated with 'new[]' here, in 'Image::Image'
  // CHECK-NOTES: :[[@LINE-7]]:7: note: define the copy operations of 'Image' (or '= delete' them), or use 'std::unique_ptr' for 'pixels'
private:
  unsigned char *pixels;
};

// Only the copy assignment is left to the compiler.
// Twin: the copy operations copy the pixels (the Rule of Three).
class DeepImage {
public:
  explicit DeepImage(int size) : pixels(new unsigned char[size]), size(size) {}
  ~DeepImage() { delete[] pixels; }
  DeepImage(const DeepImage &other)
      : pixels(new unsigned char[other.size]), size(other.size) {
    memcpy(pixels, other.pixels, size);
  }
  DeepImage &operator=(const DeepImage &other) {
    if (this != &other) {
      unsigned char *copy = new unsigned char[other.size];
      memcpy(copy, other.pixels, other.size);
      delete[] pixels;
      pixels = copy;
      size = other.size;
    }
    return *this;
  }
private:
  unsigned char *pixels;
  int size;
};

// Only the copy assignment is left to the compiler.
class Sprite {
public:
  explicit Sprite(int size) : pixels(new unsigned char[size]), size(size) {}
  ~Sprite() { delete[] pixels; }
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'Sprite::pixels' is released by the destructor of 'Sprite' but the compiler-generated copy assignment operator copies the pointer: a copy and its original release the same memory [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+9]]:3: note: 'Sprite::pixels' is declared here
  // CHECK-NOTES: :[[@LINE-4]]:38: note: 'Sprite::pixels' receives memory allocated with 'new[]' here, in 'Sprite::Sprite'
  // CHECK-NOTES: :[[@LINE+3]]:16: note: 'Sprite::pixels' receives memory allocated with 'new[]' here, in 'Sprite::Sprite'
  // CHECK-NOTES: :[[@LINE-8]]:7: note: define the copy operations of 'Sprite' (or '= delete' them), or use 'std::unique_ptr' for 'pixels'
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

// ===== Default member initializers =====

// The implicit constructor runs the initializer; nothing releases the counter.
class HitCounter {
public:
  int hits() const { return *count; }
private:
  int *count = new int(0);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'HitCounter::count' owns memory allocated with 'new' that neither the destructor nor any member function of 'HitCounter' releases: every 'HitCounter' object leaks it [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'HitCounter::count' is declared here
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'HitCounter::count' receives memory allocated with 'new' here, in its default member initializer
  // CHECK-NOTES: :[[@LINE-4]]:3: note: use 'std::unique_ptr' (or 'std::vector' for an array) for 'count' to release it automatically
};
// The implicit constructor is defined here: its summary says that the member
// owns the memory.
int readHits() {
  HitCounter counter;
  return counter.hits();
}

// Twin: the destructor releases it, and copies are deleted.
class SafeHitCounter {
public:
  SafeHitCounter() = default;
  ~SafeHitCounter() { delete count; }
  SafeHitCounter(const SafeHitCounter &) = delete;
  SafeHitCounter &operator=(const SafeHitCounter &) = delete;
  int hits() const { return *count; }
private:
  int *count = new int(0);
};

// A constructor that does not name the member runs its initializer; the
// destructor forgets it.
class Packet {
public:
  explicit Packet(int kind) : kind(kind) {}
  ~Packet() { kind = 0; }
private:
  int kind;
  char *payload = new char[64];
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'Packet::payload' owns memory allocated with 'new[]' that neither the destructor nor any member function of 'Packet' releases: every 'Packet' object leaks it [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'Packet::payload' is declared here
  // CHECK-NOTES: :[[@LINE-3]]:19: note: 'Packet::payload' receives memory allocated with 'new[]' here, in its default member initializer
  // CHECK-NOTES: :[[@LINE-7]]:3: note: '~Packet' does not release it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: use 'std::unique_ptr' (or 'std::vector' for an array) for 'payload' to release it automatically
};

// Twin: the member is a smart pointer.
class SmartPacket {
public:
  explicit SmartPacket(int kind) : kind(kind) {}
private:
  int kind;
  std::unique_ptr<char[]> payload{new char[64]};
  std::unique_ptr<int> checksum = std::make_unique<int>(0);
};

// Twin: every constructor initializes the member itself, so the initializer
// never runs.
class BorrowedPacket {
public:
  explicit BorrowedPacket(char *payload) : payload(payload) {}
private:
  char *payload = new char[64];
};

// Twin: a member function hands the memory out.
class Mailbox {
public:
  char *take() {
    char *result = letter;
    letter = nullptr;
    return result;
  }
private:
  char *letter = strdup("hello");
};

// Twin: the constructor that runs the initializer hands the memory to code
// that may keep it.
void track(int *slot);
class Tracked {
public:
  Tracked() { track(slot); }
private:
  int *slot = new int(0);
};

// The rule of three, with a braced initializer: the destructor releases the
// member, the compiler's copies copy the pointer.
class Tile {
public:
  Tile() = default;
  ~Tile() { delete[] pixels; }
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'Tile::pixels' is released by the destructor of 'Tile' but the compiler-generated copy constructor and copy assignment operator copy the pointer: a copy and its original release the same memory [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'Tile::pixels' is declared here
  // CHECK-NOTES: :[[@LINE+4]]:25: note: 'Tile::pixels' receives memory allocated with 'new[]' here, in its default member initializer
  // CHECK-NOTES: :[[@LINE-7]]:7: note: define the copy operations of 'Tile' (or '= delete' them), or use 'std::unique_ptr' for 'pixels'
  int size() const { return 16; }
private:
  unsigned char *pixels{new unsigned char[16]};
};

// Twin: private copy operations.
class PrivateTile {
public:
  PrivateTile() {}
  ~PrivateTile() { delete[] pixels; }
private:
  PrivateTile(const PrivateTile &);
  PrivateTile &operator=(const PrivateTile &);
  unsigned char *pixels{new unsigned char[16]};
};

// Twin: copying disabled by a non-copyable base.
class BaseTile : NonCopyable {
public:
  ~BaseTile() { delete[] pixels; }
private:
  unsigned char *pixels = new unsigned char[16];
};

// Twin: a user-declared move constructor deletes the implicit copies.
class MovableTile {
public:
  MovableTile() = default;
  MovableTile(MovableTile &&other) : pixels(other.pixels) {
    other.pixels = nullptr;
  }
  ~MovableTile() { delete[] pixels; }
private:
  unsigned char *pixels = new unsigned char[16];
};

// The destructor releases an array initializer with 'delete'.
class Grid {
public:
  Grid() {}
  ~Grid() { delete cells; }
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'Grid::cells' holds memory allocated with 'new[]' but the destructor releases it with 'delete'; use 'delete[]' [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+5]]:16: note: 'Grid::cells' receives memory allocated with 'new[]' here, in its default member initializer
  Grid(const Grid &) = delete;
  Grid &operator=(const Grid &) = delete;

private:
  int *cells = new int[8];
};

// Twin: the matching deallocator.
class GoodGrid {
public:
  GoodGrid() {}
  ~GoodGrid() { delete[] cells; }
  GoodGrid(const GoodGrid &) = delete;
  GoodGrid &operator=(const GoodGrid &) = delete;

private:
  int *cells = new int[8];
};

// A C allocation released with 'delete'.
class Label {
public:
  Label() = default;
  ~Label() { delete text; }
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'Label::text' holds memory allocated with 'malloc' but the destructor releases it with 'delete'; use 'free' [memreview-owning-member]
  // CHECK-NOTES: :[[@LINE+5]]:36: note: 'Label::text' receives memory allocated with 'malloc' here, in its default member initializer
  Label(const Label &) = delete;
  Label &operator=(const Label &) = delete;

private:
  char *text = static_cast<char *>(malloc(32));
};

// Twin: released with 'free'.
class GoodLabel {
public:
  GoodLabel() = default;
  ~GoodLabel() { free(text); }
  GoodLabel(const GoodLabel &) = delete;
  GoodLabel &operator=(const GoodLabel &) = delete;

private:
  char *text = static_cast<char *>(malloc(32));
};

// Twin: initializers that do not allocate.
alignas(int) static char slot[sizeof(int)];
class Placed {
public:
  int *value = new (slot) int(0);
  int *none = nullptr;
};

// Twin: a constructor that allocates another member and a destructor that
// releases both (the constructor's body is explored with the initializer).
class Pair {
public:
  Pair() { first = new int(1); }
  ~Pair() {
    delete first;
    delete[] second;
  }
  Pair(const Pair &) = delete;
  Pair &operator=(const Pair &) = delete;

private:
  int *first;
  int *second = new int[2];
};
