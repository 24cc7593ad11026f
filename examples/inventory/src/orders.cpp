#include "orders.h"

#include <algorithm>

namespace inventory {

Order *OrderBook::open(const std::string &customer, const std::string &sku,
                       int quantity) {
  // MISTAKE(memreview-container-owning-pointers): the order goes into
  //   pending_, whose elements OrderBook never deletes (it has no destructor).
  Order *order = new Order;
  order->id = nextId_++;
  order->customer = customer;
  order->sku = sku;
  order->quantity = quantity;
  pending_.push_back(order);
  log_.push_back("opened " + std::to_string(order->id));
  return order;
}

Order *OrderBook::find(int id) const {
  auto it = std::find_if(pending_.begin(), pending_.end(),
                         [id](const Order *order) { return order->id == id; });
  return it == pending_.end() ? nullptr : *it;
}

bool OrderBook::cancel(int id) {
  auto it = std::find_if(pending_.begin(), pending_.end(),
                         [id](const Order *order) { return order->id == id; });
  if (it == pending_.end())
    return false;
  Order *order = *it;
  pending_.erase(it);
  delete order;
  // MISTAKE(memreview-use-after-delete): 'order' was deleted on the line above.
  log_.push_back("cancelled " + std::to_string(order->id) + " for " +
                 order->customer);
  return true;
}

bool OrderBook::cancelFixed(int id) {
  auto it = std::find_if(pending_.begin(), pending_.end(),
                         [id](const Order *order) { return order->id == id; });
  if (it == pending_.end())
    return false;
  Order *order = *it;
  pending_.erase(it);
  log_.push_back("cancelled " + std::to_string(order->id) + " for " +
                 order->customer);
  delete order;
  return true;
}

void OrderBook::ship(int id) {
  auto it = std::find_if(pending_.begin(), pending_.end(),
                         [id](const Order *order) { return order->id == id; });
  if (it == pending_.end())
    return;
  // Correct: the archive adopts the order that the book gives up.
  std::unique_ptr<Order> order(*it);
  pending_.erase(it);
  order->shipped = true;
  log_.push_back("shipped " + std::to_string(order->id));
  archived_.push_back(std::move(order));
}

std::string describe(const Order *order) {
  if (!order)
    return "no order";
  return "order " + std::to_string(order->id) + ": " +
         std::to_string(order->quantity) + " x " + order->sku;
}

std::string describeAndDiscard(Order *order) {
  Order placeholder;
  placeholder.customer = "nobody";
  Order *shown = order ? order : &placeholder;
  std::string text = describe(shown) + " for " + shown->customer;
  // MISTAKE(memreview-delete-non-heap): without an order, 'shown' is the
  //   address of the local 'placeholder'.
  delete shown;
  return text;
}

std::string describeAndDiscardFixed(Order *order) {
  Order placeholder;
  placeholder.customer = "nobody";
  const Order *shown = order ? order : &placeholder;
  std::string text = describe(shown) + " for " + shown->customer;
  delete order;
  return text;
}

} // namespace inventory
