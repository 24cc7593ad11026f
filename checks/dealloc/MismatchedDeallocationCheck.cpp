//===--- MismatchedDeallocationCheck.cpp - memreview-mismatched-deallocation ---===//
//
// Part of memreview. The analysis is the engine's (checks/engine/); this check
// renders its MismatchedDeallocation findings.
//
//===----------------------------------------------------------------------===//

#include "dealloc/MismatchedDeallocationCheck.h"
#include "utils/Messages.h"

namespace clang::tidy::memreview::dealloc {

void MismatchedDeallocationCheck::warn(const engine::OwnershipFinding &F) {
  diag(F.Range.getBegin(),
       "memory allocated with '%0' is released with '%1'%select{| by '%3'}2; "
       "use '%4'")
      << F.Allocator << F.Deallocator << !F.Detail.empty() << F.Detail
      << F.Subject << F.Range;
}

} // namespace clang::tidy::memreview::dealloc
