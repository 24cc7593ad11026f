//===--- DeleteNonHeapCheck.h - memreview-delete-non-heap -*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_DEALLOC_DELETENONHEAPCHECK_H
#define MEMREVIEW_CHECKS_DEALLOC_DELETENONHEAPCHECK_H

#include "engine/EngineCheck.h"

namespace clang::tidy::memreview::dealloc {

/// Finds 'delete' or 'free' of memory that no allocator returned: the address of a variable, a string literal, or a pointer into the middle of an allocation.
/// See docs/checks/memreview-delete-non-heap.md.
class DeleteNonHeapCheck : public engine::EngineCheck {
public:
  DeleteNonHeapCheck(StringRef Name, ClangTidyContext *Context)
      : EngineCheck(Name, Context, engine::FindingKind::DeleteNonHeap) {}

protected:
  void warn(const engine::OwnershipFinding &F) override;
};

} // namespace clang::tidy::memreview::dealloc

#endif
