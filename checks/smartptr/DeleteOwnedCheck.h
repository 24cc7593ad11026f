//===--- DeleteOwnedCheck.h - memreview-delete-owned ----------------------------*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_SMARTPTR_DELETEOWNEDCHECK_H
#define MEMREVIEW_CHECKS_SMARTPTR_DELETEOWNEDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::memreview::smartptr {

/// Finds 'delete' or 'free' of a pointer that a smart pointer still owns.
/// See docs/checks/memreview-delete-owned.md.
class DeleteOwnedCheck : public ClangTidyCheck {
public:
  DeleteOwnedCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::memreview::smartptr

#endif
