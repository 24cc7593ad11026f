//===--- UseAfterDeleteCheck.h - memreview-use-after-delete -*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_LIFETIME_USEAFTERDELETECHECK_H
#define MEMREVIEW_CHECKS_LIFETIME_USEAFTERDELETECHECK_H

#include "engine/EngineCheck.h"

namespace clang::tidy::memreview::lifetime {

/// Finds released memory that is dereferenced, accessed through, indexed or passed to a function that dereferences it.
/// See docs/checks/memreview-use-after-delete.md.
class UseAfterDeleteCheck : public engine::EngineCheck {
public:
  UseAfterDeleteCheck(StringRef Name, ClangTidyContext *Context)
      : EngineCheck(Name, Context, engine::FindingKind::UseAfterDelete) {}

protected:
  void warn(const engine::OwnershipFinding &F) override;
};

} // namespace clang::tidy::memreview::lifetime

#endif
