// ItemCache: the items read from the stock database, by SKU.
#pragma once

#include "item.h"

#include <cstddef>
#include <map>
#include <memory>
#include <string>

namespace inventory {

class ItemCache {
public:
  explicit ItemCache(std::size_t capacity) : capacity_(capacity) {}

  const Item *find(const std::string &sku) const;
  std::size_t size() const { return entries_.size(); }

  // Takes ownership of the item.
  void put(std::unique_ptr<Item> item);
  // Takes ownership of an item allocated by the legacy import code.
  void adoptLegacy(Item *item);
  void adoptLegacyFixed(Item *item);

  // Items being imported are staged first, then committed or abandoned.
  void stage(std::unique_ptr<Item> item) { staging_ = std::move(item); }
  void commitStaged();
  void abandonStaged();
  void abandonStagedFixed();

  // Replaces an item by a copy with a new price.
  void reprice(const std::string &sku, long priceCents);
  void repriceFixed(const std::string &sku, long priceCents);

  // Adds a delivery of a new article.
  void restock(const std::string &sku, int quantity);
  void restockFixed(const std::string &sku, int quantity);

  // Hands an item over to the caller, who owns it from then on.
  Item *take(const std::string &sku);

private:
  void evictIfFull();

  std::size_t capacity_;
  std::map<std::string, std::unique_ptr<Item>> entries_;
  std::unique_ptr<Item> staging_;
};

} // namespace inventory
