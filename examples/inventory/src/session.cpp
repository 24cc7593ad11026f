#include "session.h"

#include <utility>

namespace inventory {

void SessionRegistry::add(std::shared_ptr<Session> session) {
  sessions_.push_back(std::move(session));
}

void Session::registerWith(SessionRegistry &registry) {
  // MISTAKE(memreview-shared-ptr-this): a second, independent owner of a
  //   session that openSession() already owns.
  registry.add(std::shared_ptr<Session>(this));
}

std::shared_ptr<Session> openSession(const std::string &user,
                                     SessionRegistry &registry) {
  auto session = std::make_shared<Session>(user);
  // Correct: the registry shares the ownership of 'session'.
  registry.add(session);
  return session;
}

std::shared_ptr<Customer> newCustomer(const std::string &name) {
  auto customer = std::make_shared<Customer>(name);
  customer->cart = std::make_shared<Cart>();
  customer->cart->owner = customer;
  return customer;
}

std::shared_ptr<Customer> newCustomerFixed(const std::string &name,
                                           std::shared_ptr<SafeCart> &cart) {
  auto customer = std::make_shared<Customer>(name);
  cart = std::make_shared<SafeCart>();
  cart->owner = customer;
  return customer;
}

} // namespace inventory
