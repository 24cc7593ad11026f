//===--- Explorer.h - explore the paths of one function --------*- C++ -*-===//
//
// Part of memreview. Explores the paths of one function's CFG, evaluating each
// element on a State, and yields the function's findings and its summary.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_EXPLORER_H
#define MEMREVIEW_CHECKS_ENGINE_EXPLORER_H

#include "engine/Engine.h"
#include "engine/Summary.h"

namespace clang::tidy::memreview::engine {

/// Budgets of one function's exploration. When one runs out, the exploration
/// stops: the findings already made stand (each holds on a feasible path),
/// the paths not explored yield none, and the function's summary becomes
/// unknown (callers treat the function as code they cannot see).
struct Budget {
  /// Blocks processed along all paths. A few thousand is enough for the
  /// functions reviewers write by hand; generated state machines exceed it.
  unsigned MaxBlockVisits = 4000;
  /// Times a path may enter the same loop head before the loop's variables
  /// are forgotten (widening) and the path leaves the loop.
  unsigned MaxLoopUnroll = 3;
  /// Depth of nested summary computations (a call chain being summarised).
  unsigned MaxSummaryDepth = 48;
  /// States alive at once inside one block: calls whose summaries have
  /// several cases multiply them.
  unsigned MaxStatesPerElement = 32;
  /// Wall-clock time for one function, a guard against pathological code
  /// (thousands of branches in one body) rather than a limit normal code
  /// meets.
  double MaxSecondsPerFunction = 0.5;
};

/// Computes summaries of callees on demand.
class SummaryProvider {
public:
  virtual ~SummaryProvider() = default;
  /// The summary of \p Callee, or null when it is unknown (no body in this
  /// translation unit, a system function, a recursive cycle, over budget).
  /// Functions defined in other translation units are looked up in the
  /// summary database, when there is one.
  virtual const FunctionSummary *summaryFor(const FunctionDecl &Callee) = 0;
  /// The summary shared by every definition a virtual call of \p Method may
  /// reach when the dynamic type is unknown: the overrides the program
  /// defines (known from the summary database) must all agree. Null when
  /// they do not, or when nobody knows them all.
  virtual const FunctionSummary *virtualSummaryFor(const CXXMethodDecl &Method) {
    return nullptr;
  }
};

struct ExplorationResult {
  llvm::SmallVector<OwnershipFinding, 4> Findings;
  FunctionSummary Summary;
  bool OverBudget = false;
  bool NoCFG = false;
};

ExplorationResult exploreFunction(const FunctionDecl &Function,
                                  ASTContext &Context,
                                  SummaryProvider &Summaries,
                                  const Budget &Limits);

} // namespace clang::tidy::memreview::engine

#endif
