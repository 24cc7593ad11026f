#include "item_cache.h"

#include <utility>

namespace inventory {

const Item *ItemCache::find(const std::string &sku) const {
  auto it = entries_.find(sku);
  return it == entries_.end() ? nullptr : it->second.get();
}

void ItemCache::evictIfFull() {
  if (entries_.size() >= capacity_ && !entries_.empty())
    entries_.erase(entries_.begin());
}

void ItemCache::put(std::unique_ptr<Item> item) {
  evictIfFull();
  std::string sku = item->sku;
  entries_[sku] = std::move(item);
}

void ItemCache::adoptLegacy(Item *item) {
  // Deletes the item if it is rejected below.
  std::unique_ptr<Item> guard(item);
  if (item->sku.empty() || item->quantity < 0)
    return;
  evictIfFull();
  // MISTAKE(memreview-double-ownership): 'guard' still owns the item; both
  //   delete it.
  entries_[item->sku] = std::unique_ptr<Item>(item);
}

void ItemCache::adoptLegacyFixed(Item *item) {
  std::unique_ptr<Item> guard(item);
  if (guard->sku.empty() || guard->quantity < 0)
    return;
  evictIfFull();
  std::string sku = guard->sku;
  entries_[sku] = std::move(guard);
}

void ItemCache::commitStaged() {
  if (staging_)
    put(std::move(staging_));
}

void ItemCache::abandonStaged() {
  // MISTAKE(memreview-discarded-release): 'release' gives the item up without
  //   deleting it.
  staging_.release();
}

void ItemCache::abandonStagedFixed() { staging_.reset(); }

void ItemCache::reprice(const std::string &sku, long priceCents) {
  const Item *current = find(sku);
  if (!current)
    return;
  Item copy = *current;
  copy.priceCents = priceCents;
  std::unique_ptr<Item> updated(new Item(copy));
  entries_[sku] = std::make_unique<Item>(*updated);
  // MISTAKE(memreview-delete-owned): 'updated' deletes the copy again when it
  //   goes out of scope.
  delete updated.get();
}

void ItemCache::repriceFixed(const std::string &sku, long priceCents) {
  const Item *current = find(sku);
  if (!current)
    return;
  auto updated = std::make_unique<Item>(*current);
  updated->priceCents = priceCents;
  entries_[sku] = std::move(updated);
}

void ItemCache::restock(const std::string &sku, int quantity) {
  std::unique_ptr<Item> incoming(new Item);
  incoming->sku = sku;
  incoming->quantity = quantity;
  put(std::make_unique<Item>(*incoming));
  // MISTAKE(memreview-delete-owned): the same mistake as in reprice(), with
  //   'incoming' used through '->' first.
  delete incoming.get();
}

void ItemCache::restockFixed(const std::string &sku, int quantity) {
  auto incoming = std::make_unique<Item>();
  incoming->sku = sku;
  incoming->quantity = quantity;
  put(std::move(incoming));
}

Item *ItemCache::take(const std::string &sku) {
  auto it = entries_.find(sku);
  if (it == entries_.end())
    return nullptr;
  // Correct: the caller receives the pointer that 'release' returns.
  Item *item = it->second.release();
  entries_.erase(it);
  return item;
}

} // namespace inventory
