//===--- EngineCheck.h - base of the checks built on the engine -*- C++ -*-===//
//
// Part of memreview. An engine check asks the engine for the findings of the
// translation unit (computed once, shared by all engine checks) and renders
// those of its kind: one warning, then one note per path step.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_ENGINECHECK_H
#define MEMREVIEW_CHECKS_ENGINE_ENGINECHECK_H

#include "engine/Engine.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::memreview::engine {

class EngineCheck : public ClangTidyCheck {
public:
  EngineCheck(StringRef Name, ClangTidyContext *Context, FindingKind Kind);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  /// Emits the warning of \p F (the notes follow).
  virtual void warn(const OwnershipFinding &F) = 0;

private:
  FindingKind Kind;
  ClangTidyContext *TidyContext;
  /// The summary database to read (docs/summary-db.md); empty: the
  /// '.memreview' directory of the build directory, if there is one.
  std::string SummaryDatabase;
  /// memreview-leak's AssumeUnknownCallsThrow, which changes the summaries
  /// all engine checks share: every engine check sets it, so that it does
  /// not depend on which of them are enabled.
  bool UnknownCallsMayThrow;
  /// memreview-container-owning-pointers' NonOwningContainers, set by every
  /// engine check for the same reason.
  std::string NonOwningContainers;
};

} // namespace clang::tidy::memreview::engine

#endif
