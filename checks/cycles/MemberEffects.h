//===--- MemberEffects.h - stores, calls and what they change --*- C++ -*-===//
//
// Part of memreview.
//
// Small AST queries of memreview-shared-ptr-cycle's instance analysis: the
// shapes of stores into members ('x->m = v', 'm.push_back(v)', a lambda
// converted to 'std::function'), and what a member function may overwrite
// in its object.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_CYCLES_MEMBEREFFECTS_H
#define MEMREVIEW_CHECKS_CYCLES_MEMBEREFFECTS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include <initializer_list>

namespace clang::tidy::memreview::cycles {

/// Member functions of a container or smart pointer that remove what it owns.
bool removesOwned(llvm::StringRef Name);
/// Member functions of a container that add to what it owns.
bool addsOwned(llvm::StringRef Name);
/// Whether \p F is a function of namespace 'std' with one of \p Names.
bool isStdFunction(const FunctionDecl *F,
                   std::initializer_list<llvm::StringRef> Names);
/// \p E without the nodes that only wrap a value: parentheses, implicit
/// casts, temporaries, copies and conversions between smart pointers.
const Expr *stripValue(const Expr *E);
/// The lambda that \p E stores, through the conversions to 'std::function'.
const LambdaExpr *storedLambda(const Expr *E);
/// The member that \p E names on '*this' ('member', 'this->member').
const FieldDecl *thisMember(const Expr *E);
/// Whether \p E is 'nullptr', '{}' or a default-constructed smart pointer.
bool isEmptyValue(const Expr *E);
/// The parameter that argument \p I of \p Call binds to, if known.
const ParmVarDecl *parameterOf(const CallExpr &Call, unsigned I);
/// Whether a parameter lets the callee change the caller's variable.
bool isMutableReference(const ParmVarDecl *Param);

} // namespace clang::tidy::memreview::cycles

#endif
