// Mock <bits/stl_function.h> for memreview tests: the comparison function
// objects that <map>, <set> and <functional> share in libstdc++.
#pragma once
namespace std {
template <class T = void> struct less {
  bool operator()(const T &a, const T &b) const { return a < b; }
};
template <class T = void> struct equal_to {
  bool operator()(const T &a, const T &b) const { return a == b; }
};
} // namespace std
