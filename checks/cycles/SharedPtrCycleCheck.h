//===--- SharedPtrCycleCheck.h - memreview-shared-ptr-cycle ----*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_CYCLES_SHAREDPTRCYCLECHECK_H
#define MEMREVIEW_CHECKS_CYCLES_SHAREDPTRCYCLECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include <vector>

namespace clang::tidy::memreview::cycles {

struct ClassCycle;
struct ClassEdge;
struct InstanceCycle;
class InstanceAnalysis;
enum class BackReason;

/// Finds classes and objects that own each other in a cycle of
/// 'std::shared_ptr's, so that none of them is ever destroyed.
/// See docs/checks/memreview-shared-ptr-cycle.md.
class SharedPtrCycleCheck : public ClangTidyCheck {
public:
  SharedPtrCycleCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// The translation unit being analysed, from its match to its end.
  ASTContext *Context = nullptr;

  void reportClassCycle(const ClassCycle &Cycle);
  void reportInstanceCycle(const InstanceCycle &Cycle,
                           InstanceAnalysis &Instances);
  void weakenNote(const ClassEdge &Back, BackReason Reason);
};

} // namespace clang::tidy::memreview::cycles

#endif
