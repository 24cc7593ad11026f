//===--- ContainerOwningPointersCheck.cpp ---------------------------------===//
//
// Part of memreview. The analysis is the engine's (checks/engine/
// Containers.cpp and Classes.cpp); this check renders its findings.
//
//===----------------------------------------------------------------------===//

#include "containers/ContainerOwningPointersCheck.h"

namespace clang::tidy::memreview::containers {

void ContainerOwningPointersCheck::warn(const engine::OwnershipFinding &F) {
  using engine::ContainerDropKind;
  if (static_cast<ContainerDropKind>(F.Variant) ==
      ContainerDropKind::ClassMember) {
    diag(F.Range.getBegin(),
         "'%0' receives memory allocated with '%1' in '%2' that neither the "
         "destructor nor any member function of '%3' releases: the "
         "container's elements leak with every '%3' object")
        << F.Subject << F.Allocator << F.Detail << F.Deallocator << F.Range;
    return;
  }
  diag(F.Range.getBegin(),
       "memory allocated with '%0' that '%1' holds is never released: "
       "%select{'%1' goes out of scope|'%1' is destroyed|'%1' is cleared|an "
       "element is erased from '%1'|'%1' is assigned over}2 without "
       "releasing its elements")
      << F.Allocator << F.Subject << F.Variant << F.Range;
}

} // namespace clang::tidy::memreview::containers
