//===--- DeleteOwnedCheck.cpp - memreview-delete-owned --------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "smartptr/DeleteOwnedCheck.h"
#include "engine/Models.h"
#include "utils/AstHelpers.h"
#include "utils/SmartPointers.h"
#include "clang/AST/ASTContext.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchersMacros.h"

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::smartptr {

static constexpr llvm::StringLiteral OwnerID = "owner";
static constexpr llvm::StringLiteral GetID = "get";
static constexpr llvm::StringLiteral CopyID = "copy";
static constexpr llvm::StringLiteral DeleteID = "delete";
static constexpr llvm::StringLiteral FreeID = "free";

namespace {
/// A call of a release function of the ownership model: 'free',
/// 'operator delete', a function with 'ownership_takes'.
AST_MATCHER(CallExpr, isReleaseCall) {
  return engine::releaseByCall(Node).has_value();
}
} // namespace

void DeleteOwnedCheck::registerMatchers(MatchFinder *Finder) {
  const auto GetCall = utils::smartPointerGet(OwnerID).bind(GetID);
  // The released pointer: 'p.get()' itself, or a local copy 'raw' initialised
  // with it ('T *raw = p.get();').
  const auto Released = ignoringParenImpCasts(anyOf(
      GetCall,
      declRefExpr(to(varDecl(hasLocalStorage(),
                             hasInitializer(ignoringParenImpCasts(GetCall)))
                         .bind(CopyID)))));

  // 'delete p.get()' and 'delete raw'.
  Finder->addMatcher(cxxDeleteExpr(has(Released)).bind(DeleteID), this);
  // 'free(p.get())' and the other release functions of the ownership model.
  // Calls that receive 'p.get()' are common: the cheap test of the callee
  // comes first.
  Finder->addMatcher(
      callExpr(isReleaseCall(), hasAnyArgument(Released)).bind(FreeID), this);
}

void DeleteOwnedCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Owner = Result.Nodes.getNodeAs<Expr>(OwnerID);
  const auto *Get = Result.Nodes.getNodeAs<CXXMemberCallExpr>(GetID);
  const auto *Copy = Result.Nodes.getNodeAs<VarDecl>(CopyID);
  const auto *Delete = Result.Nodes.getNodeAs<CXXDeleteExpr>(DeleteID);
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>(FreeID);
  assert(Owner && Get && (Delete || Call) && "matcher bound nothing");
  ASTContext &Context = *Result.Context;

  const Expr *ReleasedArg = nullptr;
  llvm::StringRef Deallocator;
  if (Delete) {
    ReleasedArg = Delete->getArgument();
    Deallocator = Delete->isArrayForm() ? "delete[]" : "delete";
  } else {
    std::optional<engine::CallRelease> Release = engine::releaseByCall(*Call);
    // Only a call that releases the matched argument; other calls merely
    // receive the pointer.
    if (!Release)
      return;
    ReleasedArg = Call->getArg(Release->ArgIndex);
    Deallocator = Release->Callee;
  }
  const Expr *Arg = ReleasedArg->IgnoreParenImpCasts();
  if (Arg != Get && !(Copy && isa<DeclRefExpr>(Arg)))
    return;

  // A custom deleter may not delete at all ('std::unique_ptr<T, NoopDeleter>',
  // 'std::shared_ptr<T> p(raw, [](T *) {})'): then the smart pointer only
  // observes the object, and deleting it by hand may be how it ends.
  const ValueDecl *OwnerVar = utils::ownerDecl(Owner);
  // An owner that is neither a variable nor a member (an element, a
  // temporary) is not tracked: it may have changed (see ownerMayChange).
  if (!OwnerVar)
    return;
  if (!utils::deletesWhatItOwns(Owner->getType()) ||
      utils::hasDeleterArgument(OwnerVar))
    return;
  const Expr *Site = Delete ? static_cast<const Expr *>(Delete) : Call;
  // Releasing what a smart pointer holds is rare: only now look for the
  // function, through the local copy or owner when there is one.
  const FunctionDecl *Function = utils::enclosingFunction(
      *Site, Copy ? Copy : dyn_cast_or_null<VarDecl>(OwnerVar), Context);
  if (!Function)
    return;
  // The smart pointer may have given up ownership before the release
  // ('p.release()', 'p.reset(other)', a move): then nothing is released twice.
  if (utils::ownerMayChange(OwnerVar, *Function->getBody(), Context))
    return;
  // A copy that is reassigned may no longer hold the owned pointer.
  if (Copy &&
      ExprMutationAnalyzer(*Function->getBody(), Context).isMutated(Copy))
    return;

  const QualType OwnerType = Owner->getType()->isPointerType()
                                 ? Owner->getType()->getPointeeType()
                                 : Owner->getType();
  {
    auto D = diag(Site->getBeginLoc(),
                  "'%0' releases memory that '%1' %2 still owns; the smart "
                  "pointer releases it again when it is destroyed or reset")
             << Deallocator << utils::smartPointerName(OwnerType)
             << OwnerVar << Site->getSourceRange();
    // 'delete p.get();' as a whole statement becomes 'p.reset();', which
    // releases the object exactly once.
    std::string OwnerText = utils::sourceText(Owner, Context);
    if (!Copy && !OwnerText.empty() && !Site->getBeginLoc().isMacroID() &&
        utils::isDiscardedValue(*Site, utils::FunctionParents(*Function)))
      D << FixItHint::CreateReplacement(
          Site->getSourceRange(),
          OwnerText + (Get->getCallee()->getType()->isPointerType() ||
                               cast<MemberExpr>(Get->getCallee())->isArrow()
                           ? "->reset()"
                           : ".reset()"));
  }
  if (Copy)
    diag(Copy->getLocation(), "%0 holds the pointer returned by '%1' here",
         DiagnosticIDs::Note)
        << Copy << (utils::sourceText(Get, Context).empty()
                        ? std::string("get()")
                        : utils::sourceText(Get, Context));
  diag(OwnerVar->getLocation(),
       "%0 %select{owns|points to the smart pointer that owns}1 the object",
       DiagnosticIDs::Note)
      << OwnerVar << Owner->getType()->isPointerType();
}

} // namespace clang::tidy::memreview::smartptr
