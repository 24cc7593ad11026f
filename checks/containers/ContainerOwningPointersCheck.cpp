//===--- ContainerOwningPointersCheck.cpp ---------------------------------===//
//
// Part of memreview. The analysis is the engine's (checks/engine/
// Containers.cpp and Classes.cpp); this check renders its findings.
//
//===----------------------------------------------------------------------===//

#include "containers/ContainerOwningPointersCheck.h"
#include "llvm/Support/Regex.h"

namespace clang::tidy::memreview::containers {

ContainerOwningPointersCheck::ContainerOwningPointersCheck(
    StringRef Name, ClangTidyContext *Context)
    : EngineCheck(Name, Context, engine::FindingKind::ContainerOwningPointers),
      NonOwningContainers(Options.get("NonOwningContainers", "")) {
  llvm::SmallVector<StringRef, 4> Patterns;
  StringRef(NonOwningContainers).split(Patterns, ';', -1, false);
  for (StringRef P : Patterns) {
    std::string Error;
    if (!llvm::Regex(P.trim()).isValid(Error))
      configurationDiag("invalid regular expression '%0' in the "
                        "NonOwningContainers option of '%1': %2")
          << P.trim() << Name << Error;
  }
}

void ContainerOwningPointersCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  EngineCheck::storeOptions(Opts);
  Options.store(Opts, "NonOwningContainers", NonOwningContainers);
}

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
       "element is erased from '%1'|'%1' is assigned over|'%1' is resized to "
       "zero}2 without releasing its elements")
      << F.Allocator << F.Subject << F.Variant << F.Range;
}

} // namespace clang::tidy::memreview::containers
