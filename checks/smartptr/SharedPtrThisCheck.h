//===--- SharedPtrThisCheck.h - memreview-shared-ptr-this ------*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_SMARTPTR_SHAREDPTRTHISCHECK_H
#define MEMREVIEW_CHECKS_SMARTPTR_SHAREDPTRTHISCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::memreview::smartptr {

/// Finds a 'std::shared_ptr' that adopts 'this', creating a second,
/// independent owner of an object.
/// See docs/checks/memreview-shared-ptr-this.md.
class SharedPtrThisCheck : public ClangTidyCheck {
public:
  SharedPtrThisCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::memreview::smartptr

#endif
