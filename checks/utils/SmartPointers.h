//===--- SmartPointers.h - matchers and queries on std smart pointers -----===//
//
// Part of memreview. Shared by the AST-level smart-pointer checks so that they
// agree on what a smart pointer is and when its ownership may have changed.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_UTILS_SMARTPOINTERS_H
#define MEMREVIEW_CHECKS_UTILS_SMARTPOINTERS_H

#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::memreview::utils {

/// `std::unique_ptr` or `std::shared_ptr` (any specialisation).
ast_matchers::internal::Matcher<NamedDecl> smartPointerClass();
/// `std::unique_ptr` only.
ast_matchers::internal::Matcher<NamedDecl> uniquePointerClass();
/// `std::shared_ptr` only.
ast_matchers::internal::Matcher<NamedDecl> sharedPointerClass();
/// A type whose unqualified, desugared form is a smart pointer class.
ast_matchers::internal::Matcher<QualType> smartPointerType();

/// A member call on an object (or through a pointer to an object) of a smart
/// pointer class matching \p Class. Matches inherited members too: libstdc++'s
/// shared_ptr gets 'get' and 'reset' from its base '__shared_ptr'.
ast_matchers::internal::Matcher<CXXMemberCallExpr>
onSmartPointer(ast_matchers::internal::Matcher<NamedDecl> Class);

/// A call `owner.get()` on a smart pointer; binds the object as \p OwnerID.
ast_matchers::internal::BindableMatcher<Stmt> smartPointerGet(llvm::StringRef OwnerID);

/// Whether a smart pointer of type \p Smart (or pointed to by \p Smart)
/// deletes the object it owns by its type: 'std::shared_ptr', or
/// 'std::unique_ptr' with the default deleter. A custom deleter type may do
/// anything, even nothing.
bool deletesWhatItOwns(QualType Smart);

/// Whether \p Owner is a 'std::shared_ptr' variable initialised with a
/// deleter argument, 'std::shared_ptr<T> p(raw, deleter)': the deleter of a
/// shared_ptr is not part of its type, and it may not delete at all.
bool hasDeleterArgument(const ValueDecl *Owner);

/// Spelling of a smart pointer class for messages: 'std::unique_ptr' etc.
llvm::StringRef smartPointerName(QualType T);

/// The variable or field that \p OwnerExpr (the object of a `.get()` call)
/// names, or null when it is anything else (a temporary, an element, ...).
const ValueDecl *ownerDecl(const Expr *OwnerExpr);

/// Whether the smart pointer named by \p Owner may change what it owns
/// somewhere in \p Body: `release()`, `reset()`, assignment, `swap`, a move,
/// or a pass by non-const reference. Unknown owners count as changed, so
/// callers stay silent on them. ExprMutationAnalyzer looks for unevaluated
/// contexts with 'hasAncestor', which builds the TU-wide parent map: call it
/// on rare candidates only.
bool ownerMayChange(const ValueDecl *Owner, const Stmt &Body,
                    ASTContext &Context);

/// The source text of \p E, or an empty string inside macros.
std::string sourceText(const Expr *E, const ASTContext &Context);

} // namespace clang::tidy::memreview::utils

#endif
