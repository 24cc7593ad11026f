// Orders and the book of open orders.
#pragma once

#include "item.h"

#include <memory>
#include <string>
#include <vector>

namespace inventory {

struct Order {
  int id = 0;
  std::string customer;
  std::string sku;
  int quantity = 0;
  bool shipped = false;
};

class OrderBook {
public:
  // Records a new order and returns it; the book owns it.
  Order *open(const std::string &customer, const std::string &sku,
              int quantity);
  Order *find(int id) const;
  // Removes an order from the book and deletes it.
  bool cancel(int id);
  bool cancelFixed(int id);
  // Marks an order shipped and archives it.
  void ship(int id);
  std::size_t openCount() const { return pending_.size(); }
  std::size_t archivedCount() const { return archived_.size(); }
  const std::vector<std::string> &log() const { return log_; }

private:
  int nextId_ = 1;
  // Filled with 'new' in open(), never deleted.
  std::vector<Order *> pending_;
  // Correct: the archive owns its orders.
  std::vector<std::unique_ptr<Order>> archived_;
  std::vector<std::string> log_;
};

// The order to show on the status page: the given one, or a placeholder.
std::string describe(const Order *order);
std::string describeAndDiscard(Order *order);
std::string describeAndDiscardFixed(Order *order);

} // namespace inventory
