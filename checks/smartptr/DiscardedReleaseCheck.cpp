//===--- DiscardedReleaseCheck.cpp - memreview-discarded-release ----------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "smartptr/DiscardedReleaseCheck.h"
#include "utils/AstHelpers.h"
#include "utils/SmartPointers.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang-tidy/utils/ASTUtils.h"

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::smartptr {

static constexpr llvm::StringLiteral CallID = "call";
static constexpr llvm::StringLiteral OwnerID = "owner";

void DiscardedReleaseCheck::registerMatchers(MatchFinder *Finder) {
  const auto Release =
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("release"))),
                        utils::onSmartPointer(utils::uniquePointerClass()),
                        on(expr().bind(OwnerID)))
          .bind(CallID);
  // 'p.release()' on a std::unique_ptr where its value is thrown away. Calls
  // of 'release()' are common, so they are found from the statement that
  // discards them rather than by looking up from each call.
  for (const auto &Discarded : utils::discardedValueMatchers(Release))
    Finder->addMatcher(Discarded, this);
}

/// Whether the pointer of \p Owner is handed out with 'get()' somewhere in
/// \p Body: passed to a call or a constructor, deleted, assigned, or stored
/// in a variable. Then 'f(p.get()); p.release();' is the idiom that transfers
/// ownership to 'f' (and 'delete p.get(); p.release();' forgets a deleted
/// object), and the discarded result is intended.
static bool isHandedOutWithGet(const Expr &Owner, const Stmt &Body,
                               ASTContext &Context) {
  const auto GetCall = utils::smartPointerGet(OwnerID);
  const auto HandedOut = ignoringParenImpCasts(GetCall);
  // A parameter of type 'const T *' only reads the object ('log(p.get())'):
  // such a call does not take ownership.
  const auto MayTakeOwnership =
      parmVarDecl(unless(hasType(pointerType(pointee(isConstQualified())))));
  const auto Uses =
      match(findAll(stmt(anyOf(
                callExpr(forEachArgumentWithParam(HandedOut, MayTakeOwnership)),
                cxxConstructExpr(
                    forEachArgumentWithParam(HandedOut, MayTakeOwnership)),
                cxxDeleteExpr(has(HandedOut)),
                binaryOperator(isAssignmentOperator(), hasRHS(HandedOut)),
                declStmt(has(varDecl(hasInitializer(HandedOut))))))),
            Body, Context);
  for (const auto &Use : Uses)
    if (tidy::utils::areStatementsIdentical(
            Use.getNodeAs<Expr>(OwnerID)->IgnoreParenImpCasts(),
            Owner.IgnoreParenImpCasts(), Context))
      return true;
  return false;
}

/// Whether \p Owner adopts, somewhere in \p Body, a pointer that a named
/// variable holds too: 'std::unique_ptr<T> guard(raw)', 'guard.reset(raw)' or
/// 'guard = std::unique_ptr<T>(raw)'. Then 'guard.release()' disarms a guard
/// that deleted the object on early exits, and 'raw' still names the object.
static bool adoptsNamedPointer(const Expr &Owner, const Stmt &Body,
                               ASTContext &Context) {
  const auto NamedPointer =
      hasArgument(0, ignoringParenImpCasts(
                         declRefExpr(to(varDecl(hasType(pointerType()))))));
  const auto AdoptsNamed = ignoringImplicit(
      anyOf(cxxConstructExpr(NamedPointer),
            cxxFunctionalCastExpr(
                has(ignoringImplicit(cxxConstructExpr(NamedPointer))))));
  const auto *Var = dyn_cast_or_null<VarDecl>(utils::ownerDecl(&Owner));
  if (Var && Var->getInit() &&
      !match(expr(AdoptsNamed), *Var->getInit(), Context).empty())
    return true;
  const auto Adoptions = match(
      findAll(expr(anyOf(
          cxxMemberCallExpr(callee(cxxMethodDecl(hasName("reset"))),
                            on(expr().bind(OwnerID)), NamedPointer),
          cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                              hasArgument(0, expr().bind(OwnerID)),
                              hasArgument(1, AdoptsNamed))))),
      Body, Context);
  for (const auto &Adoption : Adoptions)
    if (tidy::utils::areStatementsIdentical(
            Adoption.getNodeAs<Expr>(OwnerID)->IgnoreParenImpCasts(),
            Owner.IgnoreParenImpCasts(), Context))
      return true;
  return false;
}

void DiscardedReleaseCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>(CallID);
  const auto *Owner = Result.Nodes.getNodeAs<Expr>(OwnerID);
  assert(Call && Owner && "matcher bound nothing");
  ASTContext &Context = *Result.Context;

  // A discarded 'release()' is rare: only now look for its function.
  const FunctionDecl *Function = utils::enclosingFunction(
      *Call, dyn_cast_or_null<VarDecl>(utils::ownerDecl(Owner)), Context);
  if (!Function)
    return;
  // 'f(p.get()); p.release();' hands the object to 'f' first: intended.
  if (isHandedOutWithGet(*Owner, *Function->getBody(), Context))
    return;
  // 'std::unique_ptr<T> guard(raw); ...; guard.release();' disarms a guard:
  // 'raw' still names the object, and is what hands it on.
  if (adoptsNamedPointer(*Owner, *Function->getBody(), Context))
    return;
  std::string OwnerText = utils::sourceText(Owner, Context);

  const auto *Member = cast<MemberExpr>(Call->getCallee());
  auto D = diag(Member->getMemberLoc(),
                "the pointer returned by 'release()' is discarded, so the "
                "object that %0 owned is never deleted; use 'reset()' to "
                "delete it")
           << (OwnerText.empty() ? std::string("the smart pointer")
                                 : "'" + OwnerText + "'")
           << Call->getSourceRange();
  if (!Member->getMemberLoc().isMacroID())
    D << FixItHint::CreateReplacement(Member->getMemberLoc(), "reset");
}

} // namespace clang::tidy::memreview::smartptr
