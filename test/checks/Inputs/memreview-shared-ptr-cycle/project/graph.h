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
