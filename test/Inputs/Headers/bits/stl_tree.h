// Mock <bits/stl_tree.h> for memreview tests: the red-black tree that <map>
// and <set> share in libstdc++.
#pragma once
#include <cstddef>
namespace std {
struct _Rb_tree_node_base {
  _Rb_tree_node_base *_M_parent;
  _Rb_tree_node_base *_M_left;
  _Rb_tree_node_base *_M_right;
};
template <class Key, class Value, class Compare, class Alloc> class _Rb_tree {
  Compare _M_key_compare;
  _Rb_tree_node_base _M_header;
  size_t _M_node_count = 0;
public:
  size_t size() const noexcept { return _M_node_count; }
};
} // namespace std
