//===--- OwningMemberCheck.h - memreview-owning-member ----------*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_CLASSES_OWNINGMEMBERCHECK_H
#define MEMREVIEW_CHECKS_CLASSES_OWNINGMEMBERCHECK_H

#include "engine/EngineCheck.h"

namespace clang::tidy::memreview::classes {

/// Finds raw pointer members that own memory their class never releases,
/// releases with the wrong deallocator, loses by assigning them again, or
/// releases twice through compiler-generated copies.
/// See docs/checks/memreview-owning-member.md.
class OwningMemberCheck : public engine::EngineCheck {
public:
  OwningMemberCheck(StringRef Name, ClangTidyContext *Context)
      : EngineCheck(Name, Context, engine::FindingKind::OwningMember) {}

protected:
  void warn(const engine::OwnershipFinding &F) override;
};

} // namespace clang::tidy::memreview::classes

#endif
