// A pool of connections to the stock database.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace inventory {

class Connection {
public:
  explicit Connection(std::string host) : host_(std::move(host)) {}
  const std::string &host() const { return host_; }
  bool healthy() const { return healthy_; }
  void markBroken() { healthy_ = false; }
  std::string query(const std::string &sql) const { return host_ + ": " + sql; }

private:
  std::string host_;
  bool healthy_ = true;
};

class ConnectionPool {
public:
  explicit ConnectionPool(const std::string &host)
      // MISTAKE(memreview-owning-member): primary_ receives a connection here,
      //   but ConnectionPool has no destructor that deletes it: it leaks.
      : host_(host), primary_(new Connection(host)) {}

  Connection &primary() { return *primary_; }
  // Lends a connection; give it back with giveBack().
  std::unique_ptr<Connection> borrow();
  void giveBack(std::unique_ptr<Connection> connection);
  std::size_t idleCount() const { return idle_.size(); }
  // Replaces a broken primary connection.
  void reconnect();
  void reconnectFixed();

private:
  std::string host_;
  // Allocated in the constructor, never deleted.
  Connection *primary_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// Correct: the same pool, with an owning smart pointer.
class SafeConnectionPool {
public:
  explicit SafeConnectionPool(const std::string &host)
      : primary_(std::make_unique<Connection>(host)) {}
  Connection &primary() { return *primary_; }

private:
  std::unique_ptr<Connection> primary_;
};

} // namespace inventory
