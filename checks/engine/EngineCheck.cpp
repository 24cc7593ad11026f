//===--- EngineCheck.cpp - base of the checks built on the engine ---------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "engine/EngineCheck.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::engine {

void EngineCheck::registerMatchers(MatchFinder *Finder) {
  // Called once per translation unit, before it is parsed.
  resetEngineForNewTranslationUnit();
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void EngineCheck::check(const MatchFinder::MatchResult &Result) {
  // Analyses with uncompilable errors describe code that does not exist.
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  for (const OwnershipFinding &F : analyseTranslationUnit(*Result.Context)) {
    if (F.Kind != Kind)
      continue;
    warn(F);
    for (const PathStep &Step : F.Steps)
      diag(Step.Range.getBegin(), "%0", DiagnosticIDs::Note)
          << Step.Message << Step.Range;
  }
}

} // namespace clang::tidy::memreview::engine
