//===--- AstHelpers.h - small AST queries shared by checks -----*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_UTILS_ASTHELPERS_H
#define MEMREVIEW_CHECKS_UTILS_ASTHELPERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::memreview::utils {

/// The single parent of \p S if it is a \c T, else null.
template <typename T>
const T *parentAs(const Stmt &S, ASTContext &Context) {
  auto Parents = Context.getParentMapContext().getParents(S);
  if (Parents.size() != 1)
    return nullptr;
  return Parents[0].get<T>();
}

/// Whether the value of \p E is thrown away: \p E is a full statement (of a
/// block, a branch or a loop body), a for-loop increment, the left operand of
/// a comma, or the right operand of a comma whose value is thrown away. An
/// explicit '(void)' cast is not discarding: it states intent.
bool isDiscardedValue(const Expr &E, ASTContext &Context);

} // namespace clang::tidy::memreview::utils

#endif
