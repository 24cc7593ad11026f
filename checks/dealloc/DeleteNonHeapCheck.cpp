//===--- DeleteNonHeapCheck.cpp - memreview-delete-non-heap ---===//
//
// Part of memreview. The analysis is the engine's (checks/engine/); this check
// renders its DeleteNonHeap findings.
//
//===----------------------------------------------------------------------===//

#include "dealloc/DeleteNonHeapCheck.h"
#include "utils/Messages.h"

namespace clang::tidy::memreview::dealloc {

void DeleteNonHeapCheck::warn(const engine::OwnershipFinding &F) {
  diag(F.Range.getBegin(),
       "'%0' releases %select{the address of local variable %1|the address "
       "of static variable %1|a string literal|a pointer %1 into memory "
       "allocated with '%2'|the local array %1|the address of member %1 of a "
       "local object}3, which is not memory returned by an allocator")
      << F.Deallocator << F.Detail << F.Allocator << F.Variant << F.Range;
}

} // namespace clang::tidy::memreview::dealloc
