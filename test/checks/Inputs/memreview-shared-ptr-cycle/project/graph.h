// A header of the project (included with -I): its classes are analysed.
#pragma once
#include <memory>

struct Vertex {
  std::shared_ptr<Vertex> next;
  std::shared_ptr<Vertex> prev;
};

// Declared here, completed by the including file.
struct Scene;
struct Camera {
  std::shared_ptr<Scene> owner;
};

// Twin: the back link is weak.
struct WeakVertex {
  std::shared_ptr<WeakVertex> next;
  std::weak_ptr<WeakVertex> prev;
};

// Twin of Camera: declared here, completed by the including file; the lens
// observes its owner.
struct Studio;
struct Lens {
  std::weak_ptr<Studio> owner;
};
