#include "parser.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace inventory {

void LineBuffer::assign(const std::string &text) {
  size_ = text.size() < capacity_ ? text.size() : capacity_;
  std::memcpy(data_, text.data(), size_);
}

void SafeLineBuffer::assign(const std::string &text) {
  size_ = text.size() < data_.size() ? text.size() : data_.size();
  std::memcpy(data_.data(), text.data(), size_);
}

static std::vector<std::string> splitFields(const std::string &line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ','))
    fields.push_back(field);
  return fields;
}

Order *parseLine(const std::string &line, std::string &error) {
  Order *order = new Order;
  std::vector<std::string> fields = splitFields(line);
  if (fields.size() != 3) {
    error = "expected 3 fields in '" + line + "'";
    // MISTAKE(memreview-leak): 'order' is not deleted on this error path.
    return nullptr;
  }
  order->customer = fields[0];
  order->sku = normaliseSkuFixed(fields[1]);
  order->quantity = std::atoi(fields[2].c_str());
  if (order->quantity <= 0) {
    error = "bad quantity in '" + line + "'";
    delete order;
    return nullptr;
  }
  return order;
}

std::unique_ptr<Order> parseLineFixed(const std::string &line,
                                      std::string &error) {
  auto order = std::make_unique<Order>();
  std::vector<std::string> fields = splitFields(line);
  if (fields.size() != 3) {
    error = "expected 3 fields in '" + line + "'";
    return nullptr;
  }
  order->customer = fields[0];
  order->sku = normaliseSkuFixed(fields[1]);
  order->quantity = std::atoi(fields[2].c_str());
  if (order->quantity <= 0) {
    error = "bad quantity in '" + line + "'";
    return nullptr;
  }
  return order;
}

ParseResult parseAll(const std::vector<std::string> &lines) {
  ParseResult result;
  SafeLineBuffer buffer(256);
  for (const std::string &line : lines) {
    buffer.assign(line);
    std::string error;
    if (std::unique_ptr<Order> order = parseLineFixed(buffer.str(), error))
      result.orders.push_back(std::move(order));
    else
      result.errors.push_back(error);
  }
  return result;
}

std::string normaliseSku(const std::string &sku) {
  char *upper = new char[sku.size() + 1];
  std::size_t length = 0;
  for (char c : sku) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (!std::isspace(byte))
      upper[length++] = static_cast<char>(std::toupper(byte));
  }
  std::string result(upper, length);
  // MISTAKE(memreview-mismatched-deallocation): 'upper' comes from 'new[]' and
  //   needs 'delete[]'.
  delete upper;
  return result;
}

std::string normaliseSkuFixed(const std::string &sku) {
  std::string result;
  for (char c : sku) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (!std::isspace(byte))
      result += static_cast<char>(std::toupper(byte));
  }
  return result;
}

} // namespace inventory
