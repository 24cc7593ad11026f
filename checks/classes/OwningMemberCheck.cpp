//===--- OwningMemberCheck.cpp - memreview-owning-member ------------------===//
//
// Part of memreview. The analysis is the engine's (checks/engine/Classes.cpp,
// from the summaries of each class's member functions); this check renders
// its findings.
//
//===----------------------------------------------------------------------===//

#include "classes/OwningMemberCheck.h"

namespace clang::tidy::memreview::classes {

void OwningMemberCheck::warn(const engine::OwnershipFinding &F) {
  using engine::OwningMemberKind;
  switch (static_cast<OwningMemberKind>(F.Variant)) {
  case OwningMemberKind::NeverReleased:
    diag(F.Range.getBegin(),
         "'%0' owns memory allocated with '%1' that neither the destructor "
         "nor any member function of '%2' releases: every '%2' object leaks "
         "it")
        << F.Subject << F.Allocator << F.Detail << F.Range;
    return;
  case OwningMemberKind::WrongRelease:
    diag(F.Range.getBegin(),
         "'%0' holds memory allocated with '%1' but the destructor releases "
         "it with '%2'; use '%3'")
        << F.Subject << F.Allocator << F.Deallocator << F.Detail << F.Range;
    return;
  case OwningMemberKind::Overwritten:
    diag(F.Range.getBegin(),
         "'%0' is assigned memory allocated with '%1' in '%2' without "
         "releasing the memory it holds, which then leaks")
        << F.Subject << F.Allocator << F.Detail << F.Range;
    return;
  case OwningMemberKind::ShallowCopy:
    diag(F.Range.getBegin(),
         "'%0' is released by the destructor of '%1' but the "
         "compiler-generated copy %select{constructor copies|assignment "
         "operator copies|constructor and copy assignment operator copy}2 "
         "the pointer: a copy and its original release the same memory")
        << F.Subject << F.Detail << F.Extra << F.Range;
    return;
  }
}

} // namespace clang::tidy::memreview::classes
