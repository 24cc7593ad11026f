//===--- UseAfterDeleteCheck.cpp - memreview-use-after-delete ---===//
//
// Part of memreview. The analysis is the engine's (checks/engine/); this check
// renders its UseAfterDelete findings.
//
//===----------------------------------------------------------------------===//

#include "lifetime/UseAfterDeleteCheck.h"
#include "utils/Messages.h"

namespace clang::tidy::memreview::lifetime {

void UseAfterDeleteCheck::warn(const engine::OwnershipFinding &F) {
  diag(F.Range.getBegin(),
       "%select{%1 is dereferenced|a member is accessed through %1|%1 is "
       "indexed|%1 is passed to '%2', which dereferences it}0 after the "
       "memory it points to was released")
      << F.Variant << quoted(F.Subject) << F.Detail << F.Range;
}

} // namespace clang::tidy::memreview::lifetime
