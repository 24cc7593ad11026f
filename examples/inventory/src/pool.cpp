#include "pool.h"

#include <utility>

namespace inventory {

std::unique_ptr<Connection> ConnectionPool::borrow() {
  if (idle_.empty())
    return std::make_unique<Connection>(host_);
  std::unique_ptr<Connection> connection = std::move(idle_.back());
  idle_.pop_back();
  return connection;
}

void ConnectionPool::giveBack(std::unique_ptr<Connection> connection) {
  if (connection && connection->healthy())
    idle_.push_back(std::move(connection));
}

void ConnectionPool::reconnect() {
  Connection *old = primary_;
  if (!old->healthy())
    delete old;
  primary_ = new Connection(host_);
  // MISTAKE(memreview-double-delete): when it was broken, the old primary
  //   connection was already deleted through 'old'.
  delete old;
}

void ConnectionPool::reconnectFixed() {
  Connection *old = primary_;
  primary_ = new Connection(host_);
  delete old;
}

} // namespace inventory
