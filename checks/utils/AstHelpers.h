//===--- AstHelpers.h - small AST queries shared by checks -----*- C++ -*-===//
//
// Part of memreview.
//
// A note on parents. ASTContext::getParents, and whatever looks up through
// it ('forFunction', 'hasParent', 'hasAncestor', ExprMutationAnalyzer), builds
// on its first use a map of the whole translation unit, system headers
// included: a second traversal of the AST that costs 14% of the instructions
// of 'clang -fsyntax-only' on leveldb's db_impl.cc. Checks therefore match
// top-down where they can (discardedValueMatchers), look up inside one
// function with FunctionParents, and use the TU-wide lookups only on a
// candidate that has passed every cheap filter.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_UTILS_ASTHELPERS_H
#define MEMREVIEW_CHECKS_UTILS_ASTHELPERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::memreview::utils {

/// The parents of the statements of one function definition: its body, its
/// constructor initialisers, and the lambdas inside them. Building it visits
/// that function only.
class FunctionParents {
public:
  /// \p Function must have a body.
  explicit FunctionParents(const FunctionDecl &Function);

  const FunctionDecl &function() const { return Function; }

  /// Whether \p S is a statement of the function, lambdas included.
  bool contains(const Stmt &S) const;

  /// The statement that holds \p S; null for the body, a constructor
  /// initialiser, or a statement that is not part of the function. The
  /// initialiser of a local variable has the declaration statement as its
  /// parent.
  const Stmt *parent(const Stmt &S) const { return Map.getParent(&S); }

  /// The function that evaluates \p S, as the 'forFunction' matcher finds it:
  /// the call operator of the closest lambda around \p S, or the function
  /// itself. Null when \p S is not part of the function.
  const FunctionDecl *evaluatingFunction(const Stmt &S) const;

private:
  const FunctionDecl &Function;
  ParentMap Map;
  llvm::SmallPtrSet<const Stmt *, 4> Roots;
};

/// The function that evaluates \p S, found the way the 'forFunction' matcher
/// finds it: the closest enclosing function (with a body, if \p MustHaveBody)
/// or the call operator of the closest enclosing lambda. When \p Local is a
/// variable of automatic storage that \p S refers to, the search stays within
/// the function that declares it; otherwise it builds the TU-wide parent map,
/// so call it on rare candidates only.
const FunctionDecl *enclosingFunction(const Stmt &S, const VarDecl *Local,
                                      ASTContext &Context,
                                      bool MustHaveBody = true);

/// The single parent of \p S if it is a \c T, else null. Builds the TU-wide
/// parent map: call it on rare candidates only.
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
/// explicit '(void)' cast is not discarding: it states intent. \p E must be
/// part of the function of \p Parents.
bool isDiscardedValue(const Expr &E, const FunctionParents &Parents);

/// Top-down matchers for an expression matching \p Inner whose value is
/// thrown away, in the sense of isDiscardedValue: one matcher per kind of
/// statement that can throw a value away, so that the match finder tries each
/// only on its own kind of node. Register all of them; each match binds what
/// \p Inner binds.
llvm::SmallVector<ast_matchers::internal::BindableMatcher<Stmt>, 10>
discardedValueMatchers(const ast_matchers::internal::Matcher<Expr> &Inner);

} // namespace clang::tidy::memreview::utils

#endif
