//===--- MismatchedDeallocationCheck.h - memreview-mismatched-deallocation -*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_DEALLOC_MISMATCHEDDEALLOCATIONCHECK_H
#define MEMREVIEW_CHECKS_DEALLOC_MISMATCHEDDEALLOCATIONCHECK_H

#include "engine/EngineCheck.h"

namespace clang::tidy::memreview::dealloc {

/// Finds memory released with the deallocator of another allocation family, such as 'new[]' with 'delete' or 'malloc' with 'delete'.
/// See docs/checks/memreview-mismatched-deallocation.md.
class MismatchedDeallocationCheck : public engine::EngineCheck {
public:
  MismatchedDeallocationCheck(StringRef Name, ClangTidyContext *Context)
      : EngineCheck(Name, Context, engine::FindingKind::MismatchedDeallocation) {}

protected:
  void warn(const engine::OwnershipFinding &F) override;
};

} // namespace clang::tidy::memreview::dealloc

#endif
