//===--- AstHelpers.cpp - small AST queries shared by checks --------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "utils/AstHelpers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::memreview::utils {

bool isDiscardedValue(const Expr &E, ASTContext &Context) {
  const Stmt *Current = &E;
  while (true) {
    auto Parents = Context.getParentMapContext().getParents(*Current);
    if (Parents.size() != 1)
      return false;
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (!Parent)
      return false;
    // Look through wrappers that do not use the value.
    if (isa<ExprWithCleanups, ParenExpr, CXXBindTemporaryExpr,
            MaterializeTemporaryExpr>(Parent)) {
      Current = Parent;
      continue;
    }
    if (isa<CompoundStmt, LabelStmt, SwitchCase, AttributedStmt>(Parent))
      return true;
    if (const auto *If = dyn_cast<IfStmt>(Parent))
      return If->getThen() == Current || If->getElse() == Current;
    if (const auto *While = dyn_cast<WhileStmt>(Parent))
      return While->getBody() == Current;
    if (const auto *Do = dyn_cast<DoStmt>(Parent))
      return Do->getBody() == Current;
    if (const auto *For = dyn_cast<ForStmt>(Parent))
      return For->getBody() == Current || For->getInc() == Current ||
             For->getInit() == Current;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
      return Range->getBody() == Current;
    if (const auto *Comma = dyn_cast<BinaryOperator>(Parent);
        Comma && Comma->getOpcode() == BO_Comma) {
      if (Comma->getLHS() == Current)
        return true;
      // The right operand is the value of the comma expression: discarded
      // when that is.
      Current = Parent;
      continue;
    }
    return false;
  }
}

} // namespace clang::tidy::memreview::utils
