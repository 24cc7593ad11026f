// inventory-demo: opens a few orders, ships one, and prints the book. It only
// takes the correct paths; the mistakes sit in functions it does not call or
// on error paths it does not take.
#include "item_cache.h"
#include "orders.h"
#include "parser.h"
#include "pool.h"
#include "session.h"

#include <iostream>

using namespace inventory;

int main() {
  ItemCache cache(16);
  auto widget = std::make_unique<Item>();
  widget->sku = "W-1";
  widget->name = "widget";
  widget->quantity = 40;
  widget->priceCents = 250;
  cache.put(std::move(widget));
  cache.repriceFixed("W-1", 275);

  ParseResult parsed = parseAll({"ada,w-1,3", "bob,w 2", "eve,W-1,0"});
  OrderBook book;
  for (const auto &order : parsed.orders)
    book.open(order->customer, order->sku, order->quantity);
  for (const std::string &error : parsed.errors)
    std::cout << "skipped: " << error << "\n";
  book.ship(1);

  SafeConnectionPool pool("stock-db");
  SessionRegistry sessions;
  auto session = openSession("ada", sessions);
  std::cout << pool.primary().query("SELECT 1") << "\n"
            << "session of " << session->user() << ", "
            << book.openCount() << " open, " << book.archivedCount()
            << " shipped, " << cache.size() << " items\n";
  for (const std::string &line : book.log())
    std::cout << line << "\n";
  return 0;
}
