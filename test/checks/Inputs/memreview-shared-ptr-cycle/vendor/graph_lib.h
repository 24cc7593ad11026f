// A third-party library (included with -isystem): its classes are not
// analysed, even when they own each other.
#pragma once
#include <memory>

namespace vendor {
struct Edge;
struct Vertex {
  std::shared_ptr<Edge> edge;
};
struct Edge {
  std::shared_ptr<Vertex> parent;
};
template <class T> struct Node {
  std::shared_ptr<Node> next;
  std::shared_ptr<Node> prev;
  T value;
};
} // namespace vendor
