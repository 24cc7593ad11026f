//===--- ContainerOwningPointersCheck.h - memreview-container-owning-pointers ===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_CONTAINERS_CONTAINEROWNINGPOINTERSCHECK_H
#define MEMREVIEW_CHECKS_CONTAINERS_CONTAINEROWNINGPOINTERSCHECK_H

#include "engine/EngineCheck.h"

namespace clang::tidy::memreview::containers {

/// Finds containers that hold owning raw pointers and drop them without
/// releasing them: when the container goes out of scope, is cleared, erased
/// from, resized to zero or assigned over, or belongs to an object whose
/// class never releases its elements.
/// See docs/checks/memreview-container-owning-pointers.md.
class ContainerOwningPointersCheck : public engine::EngineCheck {
public:
  ContainerOwningPointersCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  void warn(const engine::OwnershipFinding &F) override;

private:
  /// Semicolon-separated regular expressions: containers whose variable,
  /// parameter or member (qualified name), or whose class, matches one do
  /// not own their elements. Every engine check hands it to the engine
  /// (EngineCheck); this check validates and stores it.
  const std::string NonOwningContainers;
};

} // namespace clang::tidy::memreview::containers

#endif
