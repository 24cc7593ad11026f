// Customer sessions, carts, and the registry of open sessions.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace inventory {

class Customer;

class Cart {
public:
  void add(const std::string &sku) { skus_.push_back(sku); }
  std::size_t size() const { return skus_.size(); }
  // MISTAKE(memreview-shared-ptr-cycle): the customer owns its cart and the
  //   cart owns its customer: neither is ever deleted.
  std::shared_ptr<Customer> owner;

private:
  std::vector<std::string> skus_;
};

class Customer {
public:
  explicit Customer(std::string name) : name_(std::move(name)) {}
  const std::string &name() const { return name_; }
  std::shared_ptr<Cart> cart;

private:
  std::string name_;
};

// Correct: the cart refers to its customer without owning it.
class SafeCart {
public:
  std::weak_ptr<Customer> owner;
};

class Session;

class SessionRegistry {
public:
  void add(std::shared_ptr<Session> session);
  std::size_t size() const { return sessions_.size(); }
  void closeAll() { sessions_.clear(); }

private:
  std::vector<std::shared_ptr<Session>> sessions_;
};

// A session is created by openSession(), which returns a shared_ptr.
class Session {
public:
  explicit Session(std::string user) : user_(std::move(user)) {}
  const std::string &user() const { return user_; }
  void registerWith(SessionRegistry &registry);

private:
  std::string user_;
};

// Correct: derives from enable_shared_from_this to share its ownership.
class SharedSession : public std::enable_shared_from_this<SharedSession> {
public:
  explicit SharedSession(std::string user) : user_(std::move(user)) {}
  std::shared_ptr<SharedSession> handle() { return shared_from_this(); }

private:
  std::string user_;
};

std::shared_ptr<Session> openSession(const std::string &user,
                                     SessionRegistry &registry);
std::shared_ptr<Customer> newCustomer(const std::string &name);
std::shared_ptr<Customer> newCustomerFixed(const std::string &name,
                                           std::shared_ptr<SafeCart> &cart);

} // namespace inventory
