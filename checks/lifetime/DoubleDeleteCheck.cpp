//===--- DoubleDeleteCheck.cpp - memreview-double-delete ---===//
//
// Part of memreview. The analysis is the engine's (checks/engine/); this check
// renders its DoubleDelete findings.
//
//===----------------------------------------------------------------------===//

#include "lifetime/DoubleDeleteCheck.h"
#include "utils/Messages.h"

namespace clang::tidy::memreview::lifetime {

void DoubleDeleteCheck::warn(const engine::OwnershipFinding &F) {
  diag(F.Range.getBegin(),
       "%select{'%1'|'%2'}0 releases %3, which was already released; "
       "releasing memory twice corrupts the heap")
      << !F.Detail.empty() << F.Deallocator << F.Detail << quoted(F.Subject)
      << F.Range;
}

} // namespace clang::tidy::memreview::lifetime
