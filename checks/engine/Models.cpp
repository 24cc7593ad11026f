//===--- Models.cpp - what allocates and what releases --------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "engine/Models.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::memreview::engine {

llvm::StringRef allocatorName(Family F) {
  switch (F) {
  case Family::New:
    return "new";
  case Family::NewArray:
    return "new[]";
  case Family::Malloc:
    return "malloc";
  case Family::OperatorNew:
    return "operator new";
  case Family::Custom:
    return "a custom allocator";
  }
  llvm_unreachable("unknown family");
}

llvm::StringRef deallocatorName(Family F) {
  switch (F) {
  case Family::New:
    return "delete";
  case Family::NewArray:
    return "delete[]";
  case Family::Malloc:
    return "free";
  case Family::OperatorNew:
    return "operator delete";
  case Family::Custom:
    return "its custom deallocator";
  }
  llvm_unreachable("unknown family");
}

bool familiesMatch(Family Allocated, Family Released) {
  if (Allocated == Family::Custom || Released == Family::Custom)
    return true;
  return Allocated == Released;
}

/// A C library function: declared at namespace scope (global or std), with C
/// linkage or in namespace std, and not a member.
static bool isLibraryFunction(const FunctionDecl &FD) {
  if (isa<CXXMethodDecl>(FD) || !FD.getIdentifier())
    return false;
  const DeclContext *DC = FD.getDeclContext()->getRedeclContext();
  if (DC->isTranslationUnit() || DC->isExternCContext())
    return true;
  return DC->isStdNamespace();
}

std::optional<CallAllocation> allocationByCall(const CallExpr &Call) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD)
    return std::nullopt;

  if (FD->getDeclName().getCXXOverloadedOperator() == OO_New ||
      FD->getDeclName().getCXXOverloadedOperator() == OO_Array_New) {
    // 'operator new(size)' called directly; placement forms (more than a size
    // and an alignment / nothrow tag) do not allocate.
    if (Call.getNumArgs() >= 1 && Call.getNumArgs() <= 2 &&
        FD->getDeclContext()->getRedeclContext()->isTranslationUnit())
      return CallAllocation{Family::OperatorNew, "operator new"};
    return std::nullopt;
  }

  if (isLibraryFunction(*FD)) {
    llvm::StringRef Name = FD->getName();
    bool IsC = llvm::StringSwitch<bool>(Name)
                   .Cases("malloc", "calloc", "realloc", "strdup", "strndup",
                          true)
                   .Cases("aligned_alloc", "valloc", "memalign", "pvalloc",
                          "reallocarray", true)
                   .Cases("wcsdup", "_strdup", "__strdup", true)
                   .Default(false);
    if (IsC)
      return CallAllocation{Family::Malloc, Name};
  }

  for (const auto *Own : FD->specific_attrs<OwnershipAttr>())
    if (Own->getOwnKind() == OwnershipAttr::Returns) {
      bool IsMalloc = Own->getModule() && Own->getModule()->getName() == "malloc";
      return CallAllocation{IsMalloc ? Family::Malloc : Family::Custom,
                            FD->getName()};
    }
  // '__attribute__((malloc))' on a function of the program (an 'xmalloc').
  // The C library marks functions whose result needs another release this
  // way too ('fopen', 'opendir'): those are modelled by name above or not
  // at all.
  if (FD->hasAttr<RestrictAttr>() && FD->getReturnType()->isPointerType() &&
      FD->getIdentifier() &&
      !FD->getASTContext().getSourceManager().isInSystemHeader(
          FD->getLocation()))
    return CallAllocation{Family::Custom, FD->getName()};
  return std::nullopt;
}

std::optional<CallRelease> releaseByCall(const CallExpr &Call) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || Call.getNumArgs() == 0)
    return std::nullopt;

  OverloadedOperatorKind Op = FD->getDeclName().getCXXOverloadedOperator();
  if (Op == OO_Delete || Op == OO_Array_Delete) {
    if (FD->getDeclContext()->getRedeclContext()->isTranslationUnit())
      return CallRelease{Family::OperatorNew, 0, "operator delete"};
    return std::nullopt;
  }

  if (isLibraryFunction(*FD)) {
    llvm::StringRef Name = FD->getName();
    if (Name == "free" || Name == "realloc" || Name == "reallocarray")
      return CallRelease{Family::Malloc, 0, Name};
  }

  for (const auto *Own : FD->specific_attrs<OwnershipAttr>()) {
    if (Own->getOwnKind() != OwnershipAttr::Takes || Own->args_size() == 0)
      continue;
    bool IsMalloc = Own->getModule() && Own->getModule()->getName() == "malloc";
    unsigned Index = Own->args_begin()->getASTIndex();
    if (Index < Call.getNumArgs())
      return CallRelease{IsMalloc ? Family::Malloc : Family::Custom, Index,
                         FD->getName()};
  }
  return std::nullopt;
}

std::optional<Family> allocatedFamily(const CXXNewExpr &New) {
  // Placement new constructs in storage it does not own. 'new (std::nothrow)'
  // is an ordinary allocation with a tag argument.
  if (New.getNumPlacementArgs() > 0) {
    const Expr *Arg = New.getPlacementArg(0)->IgnoreParenImpCasts();
    const auto *Record = Arg->getType()->getAsCXXRecordDecl();
    bool IsNothrowTag = Record && Record->getName() == "nothrow_t";
    bool IsAlignTag = Arg->getType()->isEnumeralType();
    if (!IsNothrowTag && !IsAlignTag)
      return std::nullopt;
  }
  return New.isArray() ? Family::NewArray : Family::New;
}

} // namespace clang::tidy::memreview::engine
