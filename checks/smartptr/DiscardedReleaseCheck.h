//===--- DiscardedReleaseCheck.h - memreview-discarded-release ----------------------------*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_SMARTPTR_DISCARDEDRELEASECHECK_H
#define MEMREVIEW_CHECKS_SMARTPTR_DISCARDEDRELEASECHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::memreview::smartptr {

/// Finds calls of 'std::unique_ptr::release()' whose result is thrown away, leaking the object.
/// See docs/checks/memreview-discarded-release.md.
class DiscardedReleaseCheck : public ClangTidyCheck {
public:
  DiscardedReleaseCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::memreview::smartptr

#endif
