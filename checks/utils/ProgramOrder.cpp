//===--- ProgramOrder.cpp - may one statement run after another? ----------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "utils/ProgramOrder.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::memreview::utils {

ProgramOrder::ProgramOrder(const FunctionDecl &Function, ASTContext &Context)
    : Function(Function) {
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

const Stmt *ProgramOrder::enclosingStatement(const Stmt *S) {
  if (!Parents)
    Parents = std::make_unique<ParentMap>(Function.getBody());
  const Stmt *Parent = Parents->getParent(S);
  // The initialiser of a variable, the body of a lambda and the initialiser
  // of its init-capture belong to a declaration, not to a statement: their
  // position is unknown.
  if (!Parent || isa<DeclStmt>(Parent))
    return nullptr;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Parent)) {
    if (S == Lambda->getBody())
      return nullptr;
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Lambda->isInitCapture(&Capture))
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
            Var && Var->getInit() == S)
          return nullptr;
  }
  return Parent;
}

std::optional<ProgramOrder::Position> ProgramOrder::positionOf(const Stmt *S) {
  // A statement that is not an element itself (a compound, a declaration)
  // takes the position of its closest enclosing element.
  for (; S; S = enclosingStatement(S)) {
    auto It = Positions.find(S);
    if (It != Positions.end())
      return It->second;
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
