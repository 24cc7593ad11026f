// An article of the stock: what the cache, the orders and the parser share.
#pragma once

#include <string>

namespace inventory {

struct Item {
  std::string sku;
  std::string name;
  int quantity = 0;
  long priceCents = 0;
};

} // namespace inventory
