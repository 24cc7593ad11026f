//===--- DoubleOwnershipCheck.h - memreview-double-ownership ----------------------------*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_SMARTPTR_DOUBLEOWNERSHIPCHECK_H
#define MEMREVIEW_CHECKS_SMARTPTR_DOUBLEOWNERSHIPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::memreview::utils {
class ProgramOrder;
} // namespace clang::tidy::memreview::utils

namespace clang::tidy::memreview::smartptr {

/// Finds one raw pointer adopted by two owners: two smart pointers, or a smart pointer and a manual 'delete'.
/// See docs/checks/memreview-double-ownership.md.
class DoubleOwnershipCheck : public ClangTidyCheck {
public:
  DoubleOwnershipCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// One step in the life of a raw pointer variable: adopted by a smart
  /// pointer, or released by hand.
  struct Event {
    const Stmt *Site;
    /// The smart pointer variable that adopts, if named (null for releases
    /// and temporaries). For a construction, found at the end of the
    /// translation unit.
    const ValueDecl *SmartVar;
    bool IsAdoption;
    llvm::StringRef Deallocator;
    /// The raw pointer variable the event names: the variable itself or a
    /// local copy of it ('T *q = p;'). Set at the end of the translation
    /// unit.
    const VarDecl *Var = nullptr;
  };
  /// The events of each local raw pointer variable in the translation unit.
  /// Which function each event belongs to is worked out at its end, and only
  /// for variables that a smart pointer adopts.
  llvm::MapVector<const VarDecl *, llvm::SmallVector<Event, 4>> Events;
  ASTContext *Context = nullptr;

  void checkVariable(const VarDecl &Raw, llvm::ArrayRef<Event> RawEvents,
                     llvm::ArrayRef<const VarDecl *> Copies,
                     const FunctionDecl &Function, utils::ProgramOrder &Order);
  void noteCopies(const VarDecl &First, const VarDecl &Second);
  void reportAdoptionOfOwned(const Expr &Site, const Expr &Owner,
                             const CXXMemberCallExpr &Get, const VarDecl *Copy);
};

} // namespace clang::tidy::memreview::smartptr

#endif
