// RUN: %check_memreview %s memreview-shared-ptr-cycle %t -config="{HeaderFilterRegex: 'graph'}" -- -I %S/Inputs/memreview-shared-ptr-cycle/project -isystem %S/Inputs/memreview-shared-ptr-cycle/vendor
#include <graph_lib.h>
#include <memory>
#include <vector>

#include "graph.h"

// ===== classes of project headers =====

// The header's class owns itself both ways; reported in the header. Its twin
// there, WeakVertex (a weak back link), stays silent.
// CHECK-NOTES-DAG: graph.h:7:27: warning: 'Vertex::next' and 'Vertex::prev' own each other through std::shared_ptr, so neither object is ever destroyed; make 'Vertex::prev' a std::weak_ptr [memreview-shared-ptr-cycle]
// CHECK-NOTES-DAG: graph.h:6:27: note: 'Vertex' owns another 'Vertex' through 'Vertex::next'
// CHECK-NOTES-DAG: graph.h:7:27: note: 'Vertex' owns another 'Vertex' through 'Vertex::prev'
// CHECK-NOTES-DAG: graph.h:7:27: note: make 'Vertex::prev' a std::weak_ptr: its name says that it points back to a parent, an owner or a previous element
// CHECK-NOTES-DAG: graph.h:13:26: warning: 'Scene::cameras' and 'Camera::owner' own each other through std::shared_ptr, so neither object is ever destroyed; make 'Camera::owner' a std::weak_ptr [memreview-shared-ptr-cycle]
// CHECK-NOTES-DAG: graph.h:13:26: note: 'Camera' owns 'Scene' through 'Camera::owner'
// CHECK-NOTES-DAG: graph.h:13:26: note: make 'Camera::owner' a std::weak_ptr: its name says that it points back to a parent, an owner or a previous element

// A class of this file closes a cycle with a class of the header.
struct Scene {
  std::vector<std::shared_ptr<Camera>> cameras;
  // CHECK-NOTES-DAG: :[[@LINE-1]]:40: note: 'Scene' owns 'Camera' through 'Scene::cameras'
};

// Twin: the header's Lens observes the studio that holds it.
struct Studio {
  std::vector<std::shared_ptr<Lens>> lenses;
};

// ===== classes of system headers =====

// Twin: the library's classes own each other, and using them is silent.
struct Map {
  vendor::Vertex start;
  vendor::Node<int> list;
};

// ===== templates =====

// A template instantiated with the class that owns it.
template <class T> struct Handle {
  std::shared_ptr<T> target;
  // CHECK-NOTES-DAG: :[[@LINE-1]]:22: note: 'Handle<Right>' owns 'Right' through 'Handle<Right>::target'
};
struct Right;
struct Left {
  Handle<Right> right;
  // CHECK-NOTES-DAG: :[[@LINE-1]]:17: note: 'Left' owns 'Handle<Right>' through 'Left::right'
};
struct Right {
  std::shared_ptr<Left> owner;
  // CHECK-NOTES-DAG: :[[@LINE-1]]:25: warning: 'Left::right', 'Handle<Right>::target' and 'Right::owner' own each other through std::shared_ptr, so none of the objects is ever destroyed; make 'Right::owner' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES-DAG: :[[@LINE-2]]:25: note: 'Right' owns 'Left' through 'Right::owner'
  // CHECK-NOTES-DAG: :[[@LINE-3]]:25: note: make 'Right::owner' a std::weak_ptr: its name says that it points back to a parent, an owner or a previous element
};

// Twin: the same template, and the class it points to observes its owner.
struct WeakRight;
struct WeakLeft {
  Handle<WeakRight> right;
};
struct WeakRight {
  std::weak_ptr<WeakLeft> owner;
};

// Instantiated twice: one report at the template's members.
template <class T> struct TreeOf {
  std::vector<std::shared_ptr<TreeOf>> children;
  // CHECK-NOTES-DAG: :[[@LINE-1]]:40: note: 'TreeOf<int>' owns another 'TreeOf<int>' through 'TreeOf<int>::children'
  std::shared_ptr<TreeOf> parent;
  // CHECK-NOTES-DAG: :[[@LINE-1]]:27: warning: 'TreeOf<int>::children' and 'TreeOf<int>::parent' own each other through std::shared_ptr, so neither object is ever destroyed; make 'TreeOf<int>::parent' a std::weak_ptr [memreview-shared-ptr-cycle]
  // CHECK-NOTES-DAG: :[[@LINE-2]]:27: note: 'TreeOf<int>' owns another 'TreeOf<int>' through 'TreeOf<int>::parent'
  // CHECK-NOTES-DAG: :[[@LINE-3]]:27: note: make 'TreeOf<int>::parent' a std::weak_ptr: its name says that it points back to a parent, an owner or a previous element
  T value;
};
TreeOf<int> intTree;
TreeOf<long> longTree;

// Twin: a template that is never instantiated is not analysed.
template <class T> struct UnusedTree {
  std::vector<std::shared_ptr<UnusedTree>> children;
  std::shared_ptr<UnusedTree> parent;
};

// Twin: instantiated with a weak parent.
template <class T, template <class> class ParentPtr> struct Tree {
  std::vector<std::shared_ptr<Tree>> children;
  ParentPtr<Tree> parent;
};
Tree<int, std::weak_ptr> weakTree;
