//===--- Engine.cpp - analyse a translation unit --------------------------===//
//
// Part of memreview. Finds the functions worth exploring, explores them (and,
// on demand, the callees they reach, for summaries), and caches the findings
// per translation unit so that every engine check shares one analysis.
//
//===----------------------------------------------------------------------===//

#include "engine/Engine.h"
#include "engine/Classes.h"
#include "engine/Explorer.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include <chrono>

namespace clang::tidy::memreview::engine {

namespace {

/// Functions defined in the main file, with what each calls and whether its
/// own body allocates or releases.
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  explicit FunctionCollector(ASTContext &Context)
      : SM(Context.getSourceManager()) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    // The main file and the project's own headers are analysed (findings in
    // headers are shown as the header filter says); system headers are not.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !FD->isInvalidDecl())
      Functions.push_back(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    if (CXXMethodDecl *Op = L->getCallOperator();
        Op && Op->hasBody() && !Op->isDependentContext())
      Functions.push_back(Op);
    return true;
  }

  std::vector<const FunctionDecl *> Functions;

private:
  const SourceManager &SM;
};

/// What a body does that matters for ownership, syntactically.
class BodyScanner : public RecursiveASTVisitor<BodyScanner> {
public:
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    Relevant = true;
    if (const CXXConstructorDecl *Ctor =
            E->getConstructExpr() ? E->getConstructExpr()->getConstructor()
                                  : nullptr)
      Callees.push_back(Ctor);
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *) {
    Relevant = true;
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    if (allocationByCall(*E) || releaseByCall(*E))
      Relevant = true;
    else if (const FunctionDecl *Callee = E->getDirectCallee())
      Callees.push_back(Callee);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    Callees.push_back(E->getConstructor());
    if (const CXXRecordDecl *RD = E->getType()->getAsCXXRecordDecl())
      if (RD->hasDefinition())
        if (const CXXDestructorDecl *Dtor = RD->getDestructor())
          Callees.push_back(Dtor);
    return true;
  }
  bool Relevant = false;
  llvm::SmallVector<const FunctionDecl *, 8> Callees;
};

class TranslationUnitAnalysis : public SummaryProvider {
public:
  explicit TranslationUnitAnalysis(ASTContext &Context) : Context(Context) {}

  const FunctionSummary *summaryFor(const FunctionDecl &Callee) override {
    const FunctionDecl *Def = Callee.getDefinition();
    if (!Def || !Def->hasBody())
      return nullptr;
    Entry &E = Entries[Def];
    if (E.State == Entry::InProgress)
      return nullptr; // recursion: the cycle sees itself as unknown
    if (E.State == Entry::Done)
      return &E.Result.Summary;
    if (Depth >= Limits.MaxSummaryDepth)
      return nullptr;
    explore(*Def);
    return &Entries[Def].Result.Summary;
  }

  void explore(const FunctionDecl &Function) {
    Entry &E = Entries[&Function];
    if (E.State != Entry::NotStarted)
      return;
    E.State = Entry::InProgress;
    ++Depth;
    auto T0 = std::chrono::steady_clock::now();
    if (getenv("MEMREVIEW_DEBUG"))
      llvm::errs() << "exploring " << Function.getNameAsString() << "\n";
    ExplorationResult R = exploreFunction(Function, Context, *this, Limits);
    --Depth;
    if (getenv("MEMREVIEW_DEBUG"))
      llvm::errs() << "explored " << Function.getNameAsString() << " in "
                   << std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - T0)
                          .count()
                   << "s over=" << R.OverBudget << "\n";
    if (getenv("MEMREVIEW_DEBUG"))
      dumpSummary(R.Summary, llvm::errs());
    ++Stats.FunctionsAnalysed;
    Stats.FunctionsOverBudget += R.OverBudget;
    Stats.FunctionsWithoutCFG += R.NoCFG;
    Entry &After = Entries[&Function];
    After.Result = std::move(R);
    After.State = Entry::Done;
  }

  void collectFindings(llvm::SmallVectorImpl<OwnershipFinding> &Out) {
    for (auto &Item : Entries)
      for (OwnershipFinding &F : Item.second.Result.Findings)
        Out.push_back(std::move(F));
  }

  EngineStats Stats;

private:
  struct Entry {
    enum { NotStarted, InProgress, Done } State = NotStarted;
    ExplorationResult Result;
  };
  ASTContext &Context;
  Budget Limits;
  std::map<const FunctionDecl *, Entry> Entries;
  unsigned Depth = 0;
};

struct Cache {
  ASTContext *Context = nullptr;
  llvm::SmallVector<OwnershipFinding, 8> Findings;
  EngineStats Stats;
};

thread_local Cache TheCache;
thread_local EngineConfig TheConfig;

} // namespace

EngineConfig &engineConfig() { return TheConfig; }

void resetEngineForNewTranslationUnit() { TheCache = Cache(); }

const EngineStats &lastEngineStats() { return TheCache.Stats; }

const llvm::SmallVector<OwnershipFinding, 8> &
analyseTranslationUnit(ASTContext &Context) {
  if (TheCache.Context == &Context)
    return TheCache.Findings;
  auto Start = std::chrono::steady_clock::now();
  TheCache = Cache();
  TheCache.Context = &Context;

  FunctionCollector Collector(Context);
  Collector.TraverseDecl(Context.getTranslationUnitDecl());

  // A function is worth exploring when it allocates or releases, or calls
  // (transitively) a function of this file that does.
  llvm::DenseMap<const FunctionDecl *, bool> Relevant;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *, 8>>
      Calls;
  std::function<bool(const FunctionDecl *)> IsRelevant;
  llvm::DenseMap<const FunctionDecl *, bool> Scanned;
  auto Scan = [&](const FunctionDecl *FD) {
    BodyScanner Scanner;
    Scanner.TraverseStmt(FD->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        Scanner.TraverseStmt(Init->getInit());
    Relevant[FD] = Scanner.Relevant;
    auto &Out = Calls[FD];
    for (const FunctionDecl *Callee : Scanner.Callees)
      if (const FunctionDecl *Def = Callee->getDefinition();
          Def && Def->hasBody() &&
          !Context.getSourceManager().isInSystemHeader(Def->getLocation()))
        Out.push_back(Def);
  };
  // Propagate relevance to callers until nothing changes (bounded by the
  // number of functions).
  std::vector<const FunctionDecl *> Worklist(Collector.Functions.begin(),
                                             Collector.Functions.end());
  for (size_t I = 0; I < Worklist.size(); ++I) {
    const FunctionDecl *FD = Worklist[I];
    if (Scanned[FD])
      continue;
    Scanned[FD] = true;
    Scan(FD);
    for (const FunctionDecl *Callee : Calls[FD])
      if (!Scanned.count(Callee))
        Worklist.push_back(Callee);
  }
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (auto &[FD, Callees] : Calls) {
      if (Relevant[FD])
        continue;
      for (const FunctionDecl *Callee : Callees)
        if (Relevant[Callee]) {
          Relevant[FD] = true;
          Changed = true;
          break;
        }
    }
  }

  TranslationUnitAnalysis Analysis(Context);
  for (const FunctionDecl *FD : Collector.Functions)
    if (Relevant[FD])
      Analysis.explore(*FD);
  std::vector<const FunctionDecl *> Explored;
  for (const FunctionDecl *FD : Collector.Functions)
    if (Relevant[FD])
      Explored.push_back(FD);
  analyseClasses(Context, Analysis, Explored, TheCache.Findings);
  analyseContainerMembers(Context, Analysis, Explored, TheCache.Findings);
  Analysis.collectFindings(TheCache.Findings);
  const SourceManager &SM = Context.getSourceManager();
  llvm::stable_sort(TheCache.Findings, [&](const OwnershipFinding &A,
                                           const OwnershipFinding &B) {
    return SM.isBeforeInTranslationUnit(A.Range.getBegin(), B.Range.getBegin());
  });
  TheCache.Stats = Analysis.Stats;
  TheCache.Stats.Seconds = std::chrono::duration<double>(
                               std::chrono::steady_clock::now() - Start)
                               .count();
  return TheCache.Findings;
}

} // namespace clang::tidy::memreview::engine
