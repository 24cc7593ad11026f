// Reads orders from CSV lines: "customer,sku,quantity".
#pragma once

#include "orders.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace inventory {

// A fixed-size character buffer for the line being parsed.
class LineBuffer {
public:
  explicit LineBuffer(std::size_t capacity)
      : data_(new char[capacity]), capacity_(capacity) {}
  // MISTAKE(memreview-owning-member): the destructor releases data_, but
  //   LineBuffer has no copy constructor or copy assignment: a copy deletes
  //   the buffer twice (Rule of Three).
  ~LineBuffer() { delete[] data_; }
  void assign(const std::string &text);
  std::string str() const { return std::string(data_, size_); }

private:
  // Owned: new[] in the constructor, delete[] in the destructor.
  char *data_;
  std::size_t capacity_;
  std::size_t size_ = 0;
};

// Correct: the same buffer with an owning member that copies itself.
class SafeLineBuffer {
public:
  explicit SafeLineBuffer(std::size_t capacity) : data_(capacity) {}
  void assign(const std::string &text);
  std::string str() const { return std::string(data_.data(), size_); }

private:
  std::vector<char> data_;
  std::size_t size_ = 0;
};

struct ParseResult {
  std::vector<std::unique_ptr<Order>> orders;
  std::vector<std::string> errors;
};

// Returns the order of one line, or null with a message in 'error'.
Order *parseLine(const std::string &line, std::string &error);
std::unique_ptr<Order> parseLineFixed(const std::string &line,
                                      std::string &error);
ParseResult parseAll(const std::vector<std::string> &lines);

// Normalises a SKU: upper case, no spaces.
std::string normaliseSku(const std::string &sku);
std::string normaliseSkuFixed(const std::string &sku);

} // namespace inventory
