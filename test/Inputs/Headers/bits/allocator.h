// Mock <bits/allocator.h> for memreview tests: std::allocator, shared by the
// container mocks the way libstdc++ shares it.
#pragma once
#include <cstddef>
namespace std {
template <class T> class allocator {
public:
  using value_type = T;
  using size_type = size_t;
  allocator() noexcept {}
  template <class U> allocator(const allocator<U> &) noexcept {}
  T *allocate(size_t n);
  void deallocate(T *p, size_t n);
};
} // namespace std
