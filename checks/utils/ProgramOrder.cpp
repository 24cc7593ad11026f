//===--- ProgramOrder.cpp - may one statement run after another? ----------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "utils/ProgramOrder.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::memreview::utils {

ProgramOrder::ProgramOrder(const FunctionDecl &Function, ASTContext &Context)
    : Context(Context) {
  if (!Function.hasBody())
    return;
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.AddInitializers = true;
  // Every expression becomes an element, so that each statement has a
  // position of its own.
  Options.setAllAlwaysAdd();
  TheCFG = CFG::buildCFG(&Function, Function.getBody(), &Context, Options);
  if (!TheCFG)
    return;
  Reachability = std::make_unique<CFGReverseBlockReachabilityAnalysis>(*TheCFG);
  for (const CFGBlock *Block : *TheCFG) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (auto S = Element.getAs<CFGStmt>())
        Positions.try_emplace(S->getStmt(), Position{Block, Index});
      ++Index;
    }
  }
}

std::optional<ProgramOrder::Position>
ProgramOrder::positionOf(const Stmt *S) const {
  // A statement that is not an element itself (a compound, a declaration)
  // takes the position of its closest enclosing element.
  while (S) {
    auto It = Positions.find(S);
    if (It != Positions.end())
      return It->second;
    auto Parents = Context.getParentMapContext().getParents(*S);
    if (Parents.empty())
      return std::nullopt;
    S = Parents[0].get<Stmt>();
  }
  return std::nullopt;
}

bool ProgramOrder::mayFollow(const Stmt *After, const Stmt *Before) {
  if (!isValid())
    return true;
  std::optional<Position> A = positionOf(After), B = positionOf(Before);
  if (!A || !B)
    return true;
  if (A->Block != B->Block)
    return Reachability->isReachable(B->Block, A->Block);
  if (B->Index < A->Index)
    return true;
  // Same block, 'After' first: only a loop brings control back.
  for (const CFGBlock *Succ : B->Block->succs())
    if (Succ && Reachability->isReachable(Succ, B->Block))
      return true;
  return false;
}

} // namespace clang::tidy::memreview::utils
