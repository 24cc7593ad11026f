//===--- ProgramOrder.h - may one statement run after another? -*- C++ -*-===//
//
// Part of memreview. Answers "can B be evaluated after A on some path?" from a
// function's CFG (block reachability plus the order of elements in a block), so
// that AST-level checks do not pair events on exclusive branches.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_UTILS_PROGRAMORDER_H
#define MEMREVIEW_CHECKS_UTILS_PROGRAMORDER_H

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/Analyses/CFGReachabilityAnalysis.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::memreview::utils {

class ProgramOrder {
public:
  ProgramOrder(const FunctionDecl &Function, ASTContext &Context);

  /// False when no CFG could be built; then every query answers true.
  bool isValid() const { return TheCFG != nullptr; }

  /// Whether \p After may be evaluated after \p Before on some path.
  bool mayFollow(const Stmt *After, const Stmt *Before);

private:
  struct Position {
    const CFGBlock *Block = nullptr;
    unsigned Index = 0;
  };
  std::optional<Position> positionOf(const Stmt *S);
  const Stmt *enclosingStatement(const Stmt *S);

  const FunctionDecl &Function;
  std::unique_ptr<CFG> TheCFG;
  /// The parents of the body's statements, built on the first lookup of a
  /// statement that is not an element of the CFG.
  std::unique_ptr<ParentMap> Parents;
  std::unique_ptr<CFGReverseBlockReachabilityAnalysis> Reachability;
  llvm::DenseMap<const Stmt *, Position> Positions;
};

} // namespace clang::tidy::memreview::utils

#endif
