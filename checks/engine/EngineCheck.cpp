//===--- EngineCheck.cpp - base of the checks built on the engine ---------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "engine/EngineCheck.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::engine {

EngineCheck::EngineCheck(StringRef Name, ClangTidyContext *Context,
                         FindingKind Kind)
    : ClangTidyCheck(Name, Context), Kind(Kind), TidyContext(Context),
      SummaryDatabase(Options.getLocalOrGlobal("SummaryDatabase", "")),
      UnknownCallsMayThrow(false) {
  const ClangTidyOptions::OptionMap &All = Context->getOptions().CheckOptions;
  auto It = All.find("memreview-leak.AssumeUnknownCallsThrow");
  if (It != All.end()) {
    llvm::StringRef Value = It->second.Value;
    UnknownCallsMayThrow = Value.equals_insensitive("true") || Value == "1";
  }
  // The same for memreview-container-owning-pointers' NonOwningContainers:
  // what goes into a non-owning container is not followed by any check.
  It = All.find("memreview-container-owning-pointers.NonOwningContainers");
  if (It != All.end())
    NonOwningContainers = It->second.Value;
}

void EngineCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  if (!SummaryDatabase.empty())
    Options.store(Opts, "SummaryDatabase", SummaryDatabase);
}

void EngineCheck::registerMatchers(MatchFinder *Finder) {
  // Called once per translation unit, before it is parsed.
  resetEngineForNewTranslationUnit();
  engineConfig().UnknownCallsMayThrow = UnknownCallsMayThrow;
  engineConfig().NonOwningContainers = NonOwningContainers;
  // Any engine check may name the database (the analysis is shared).
  if (!SummaryDatabase.empty())
    engineConfig().SummaryDatabase = SummaryDatabase;
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void EngineCheck::check(const MatchFinder::MatchResult &Result) {
  // Analyses with uncompilable errors describe code that does not exist.
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  EngineConfig &Config = engineConfig();
  Config.BuildDirectory = TidyContext->getCurrentBuildDirectory();
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
