//===--- DoubleDeleteCheck.h - memreview-double-delete -*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_LIFETIME_DOUBLEDELETECHECK_H
#define MEMREVIEW_CHECKS_LIFETIME_DOUBLEDELETECHECK_H

#include "engine/EngineCheck.h"

namespace clang::tidy::memreview::lifetime {

/// Finds memory that is released twice on some path, through any alias.
/// See docs/checks/memreview-double-delete.md.
class DoubleDeleteCheck : public engine::EngineCheck {
public:
  DoubleDeleteCheck(StringRef Name, ClangTidyContext *Context)
      : EngineCheck(Name, Context, engine::FindingKind::DoubleDelete) {}

protected:
  void warn(const engine::OwnershipFinding &F) override;
};

} // namespace clang::tidy::memreview::lifetime

#endif
