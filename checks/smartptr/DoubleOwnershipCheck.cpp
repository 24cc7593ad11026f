//===--- DoubleOwnershipCheck.cpp - memreview-double-ownership ------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "smartptr/DoubleOwnershipCheck.h"
#include "engine/Models.h"
#include "utils/AstHelpers.h"
#include "utils/ProgramOrder.h"
#include "utils/SmartPointers.h"
#include "clang/AST/ASTContext.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::smartptr {

static constexpr llvm::StringLiteral RawID = "raw";
static constexpr llvm::StringLiteral OwnerID = "owner";
static constexpr llvm::StringLiteral GetID = "get";
static constexpr llvm::StringLiteral CopyID = "copy";
static constexpr llvm::StringLiteral AdoptID = "adopt";
static constexpr llvm::StringLiteral ResetID = "reset";
static constexpr llvm::StringLiteral DeleteID = "delete";
static constexpr llvm::StringLiteral CallID = "call";
static constexpr llvm::StringLiteral FunctionID = "function";

/// The smart pointer variable that \p Adopt initialises or is assigned to:
/// 'std::unique_ptr<T> a(raw)', 'auto a = std::unique_ptr<T>(raw)' or
/// 'a = std::unique_ptr<T>(raw)'. Null for temporaries passed elsewhere.
static const ValueDecl *adoptingVariable(const CXXConstructExpr &Adopt,
                                         ASTContext &Context) {
  const Stmt *Current = &Adopt;
  while (true) {
    auto Parents = Context.getParentMapContext().getParents(*Current);
    if (Parents.size() != 1)
      return nullptr;
    if (const auto *Var = Parents[0].get<VarDecl>())
      return Var;
    const auto *Parent = Parents[0].get<Stmt>();
    if (!Parent)
      return nullptr;
    // Wrappers of the same value: casts, temporaries, elided copies.
    if (isa<CXXFunctionalCastExpr, ImplicitCastExpr, ExprWithCleanups,
            MaterializeTemporaryExpr, CXXBindTemporaryExpr, ParenExpr,
            CXXConstructExpr>(Parent)) {
      Current = Parent;
      continue;
    }
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(Parent))
      if (Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
          Assign->getArg(1)->IgnoreImplicit() ==
              cast<Expr>(Current)->IgnoreImplicit())
        return utils::ownerDecl(Assign->getArg(0));
    return nullptr;
  }
}

void DoubleOwnershipCheck::registerMatchers(MatchFinder *Finder) {
  const auto RawPointer = ignoringParenImpCasts(declRefExpr(
      to(varDecl(hasLocalStorage(), hasType(pointerType())).bind(RawID))));
  const auto GetCall = utils::smartPointerGet(OwnerID).bind(GetID);
  // A local copy of 'a.get()' that is adopted stands for 'a.get()' itself;
  // listed first so that it is not taken for an ordinary raw pointer.
  const auto CopyOfGet = ignoringParenImpCasts(declRefExpr(to(
      varDecl(hasLocalStorage(), hasInitializer(ignoringParenImpCasts(GetCall)))
          .bind(CopyID))));
  const auto Adopted = hasArgument(
      0, anyOf(CopyOfGet, RawPointer, ignoringParenImpCasts(GetCall)));
  const auto SmartClass =
      classTemplateSpecializationDecl(utils::smartPointerClass());
  const auto InFunction =
      forFunction(functionDecl(hasBody(stmt())).bind(FunctionID));

  // 'std::unique_ptr<T> a(raw)', 'std::shared_ptr<T>(a.get())'. A second
  // argument is a deleter, which may not delete: stay silent on those.
  Finder->addMatcher(cxxConstructExpr(hasType(SmartClass), argumentCountIs(1),
                                      Adopted, InFunction)
                         .bind(AdoptID),
                     this);
  // 'a.reset(raw)'.
  Finder->addMatcher(
      cxxMemberCallExpr(
          callee(cxxMethodDecl(hasName("reset"))),
          utils::onSmartPointer(utils::smartPointerClass()),
          argumentCountIs(1), Adopted, InFunction)
          .bind(ResetID),
      this);
  // 'delete raw', and 'free(raw)' or any release function of the model.
  Finder->addMatcher(cxxDeleteExpr(has(RawPointer), InFunction).bind(DeleteID),
                     this);
  Finder->addMatcher(
      callExpr(hasAnyArgument(RawPointer), InFunction).bind(CallID), this);
}

void DoubleOwnershipCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>(FunctionID);
  const auto *Raw = Result.Nodes.getNodeAs<VarDecl>(RawID);
  const auto *Owner = Result.Nodes.getNodeAs<Expr>(OwnerID);
  const auto *Get = Result.Nodes.getNodeAs<CXXMemberCallExpr>(GetID);
  const auto *Copy = Result.Nodes.getNodeAs<VarDecl>(CopyID);
  assert(Function && (Raw || Owner) && "matcher bound nothing");
  // Dependent code is analysed through its instantiations.
  if (Function->isDependentContext())
    return;

  Event E{nullptr, nullptr, true, {}};
  QualType SmartType;
  if (const auto *Adopt = Result.Nodes.getNodeAs<CXXConstructExpr>(AdoptID)) {
    E.Site = Adopt;
    SmartType = Adopt->getType();
    E.SmartVar = adoptingVariable(*Adopt, *Context);
  } else if (const auto *Reset =
                 Result.Nodes.getNodeAs<CXXMemberCallExpr>(ResetID)) {
    E.Site = Reset;
    SmartType = Reset->getImplicitObjectArgument()->getType();
    if (SmartType->isPointerType())
      SmartType = SmartType->getPointeeType();
    E.SmartVar = utils::ownerDecl(Reset->getImplicitObjectArgument());
  } else if (const auto *Delete =
                 Result.Nodes.getNodeAs<CXXDeleteExpr>(DeleteID)) {
    E = Event{Delete, nullptr, false,
              Delete->isArrayForm() ? "delete[]" : "delete"};
  } else {
    const auto *Call = Result.Nodes.getNodeAs<CallExpr>(CallID);
    std::optional<engine::CallRelease> Release = engine::releaseByCall(*Call);
    // Only calls that release the raw pointer itself.
    if (!Release || !Raw ||
        !isa<DeclRefExpr>(Call->getArg(Release->ArgIndex)->IgnoreParenImpCasts()) ||
        cast<DeclRefExpr>(Call->getArg(Release->ArgIndex)->IgnoreParenImpCasts())
                ->getDecl() != Raw)
      return;
    E = Event{Call, nullptr, false, Release->Callee};
  }
  if (E.IsAdoption && !utils::deletesWhatItOwns(SmartType))
    return;

  if (Owner) {
    reportAdoptionOfOwned(*cast<Expr>(E.Site), *Owner, *Get, Copy, *Function);
    return;
  }
  FunctionEvents &FE = Events[Function];
  FE.Function = Function;
  FE.ByPointer[Raw].push_back(E);
}

void DoubleOwnershipCheck::reportAdoptionOfOwned(
    const Expr &Site, const Expr &Owner, const CXXMemberCallExpr &Get,
    const VarDecl *Copy, const FunctionDecl &Function) {
  const Stmt &Body = *Function.getBody();
  // The first owner may give up ownership ('a.release()', a move): then the
  // second one is the only owner.
  const ValueDecl *OwnerVar = utils::ownerDecl(&Owner);
  if (utils::ownerMayChange(OwnerVar, Body, *Context))
    return;
  // A first owner with a custom deleter may only observe the object
  // ('std::shared_ptr<T> a(raw, [](T *) {})'): the second one may be the
  // real owner.
  if (!utils::deletesWhatItOwns(Owner.getType()) ||
      utils::hasDeleterArgument(OwnerVar))
    return;
  // A copy that is reassigned may no longer hold the owned pointer.
  if (Copy && ExprMutationAnalyzer(Body, *Context).isMutated(Copy))
    return;
  std::string GetText = utils::sourceText(&Get, *Context);
  if (GetText.empty())
    GetText = "get()";
  diag(Site.getBeginLoc(),
       "the pointer returned by '%0' is adopted by a second smart pointer "
       "while %1 still owns it; both delete the object")
      << GetText << OwnerVar << Site.getSourceRange();
  if (Copy)
    diag(Copy->getLocation(), "%0 holds the pointer returned by '%1' here",
         DiagnosticIDs::Note)
        << Copy << GetText;
  diag(OwnerVar->getLocation(),
       "%0 %select{owns|points to the smart pointer that owns}1 the object",
       DiagnosticIDs::Note)
      << OwnerVar << Owner.getType()->isPointerType();
}

/// Whether \p SmartVar gives up what it adopted somewhere in \p Body
/// ('a.release()'): then it is not an owner any more.
static bool releasesAdoption(const ValueDecl *SmartVar, const Stmt &Body,
                             ASTContext &Context) {
  if (!SmartVar)
    return false;
  return !match(findAll(cxxMemberCallExpr(
                    callee(cxxMethodDecl(hasName("release"))),
                    on(ignoringParenImpCasts(
                        anyOf(declRefExpr(to(equalsNode(SmartVar))),
                              memberExpr(member(equalsNode(SmartVar)))))))),
                Body, Context)
              .empty();
}

/// Whether \p Adoption of \p Raw can run again in a later iteration of a
/// loop while \p Raw still holds the same pointer: the adoption follows
/// itself, the adopting smart pointer never gives the object up, and the
/// declaration of \p Raw is not part of the loop (a variable declared in the
/// loop body holds a new pointer in each iteration).
static bool adoptsAgainInLoop(const VarDecl &Raw, const Stmt &Adoption,
                              const ValueDecl *SmartVar,
                              utils::ProgramOrder &Order, const Stmt &Body,
                              ASTContext &Context) {
  if (!Order.isValid() || !Order.mayFollow(&Adoption, &Adoption))
    return false;
  if (releasesAdoption(SmartVar, Body, Context))
    return false;
  if (isa<ParmVarDecl>(Raw))
    return true;
  auto Parents = Context.getParentMapContext().getParents(Raw);
  const auto *Declaration =
      Parents.size() == 1 ? Parents[0].get<DeclStmt>() : nullptr;
  // Where the declaration is not a statement of its own, stay silent.
  if (!Declaration)
    return false;
  return !(Order.mayFollow(Declaration, &Adoption) &&
           Order.mayFollow(&Adoption, Declaration));
}

void DoubleOwnershipCheck::checkFunction(const FunctionEvents &FE) {
  const Stmt &Body = *FE.Function->getBody();
  std::optional<utils::ProgramOrder> Order;
  for (const auto &[Raw, RawEvents] : FE.ByPointer) {
    if (llvm::none_of(RawEvents, [](const Event &E) { return E.IsAdoption; }))
      continue;
    // Events of a reassigned variable may concern different objects.
    ExprMutationAnalyzer Mutation(Body, *Context);
    if (Mutation.isMutated(Raw))
      continue;
    if (!Order)
      Order.emplace(*FE.Function, *Context);

    bool Reported = false;
    for (const Event &Adoption : RawEvents) {
      if (Reported || !Adoption.IsAdoption ||
          !adoptsAgainInLoop(*Raw, *Adoption.Site, Adoption.SmartVar, *Order,
                             Body, *Context))
        continue;
      diag(Adoption.Site->getBeginLoc(),
           "%0 is adopted by a smart pointer in every iteration of a loop; "
           "the owners of different iterations delete the object again")
          << Raw;
      Reported = true;
    }
    for (size_t I = 0; I < RawEvents.size() && !Reported; ++I) {
      for (size_t J = 0; J < RawEvents.size() && !Reported; ++J) {
        const Event &First = RawEvents[I], &Second = RawEvents[J];
        if (I == J || (!First.IsAdoption && !Second.IsAdoption))
          continue;
        if (releasesAdoption(First.SmartVar, Body, *Context) ||
            releasesAdoption(Second.SmartVar, Body, *Context))
          continue;
        // 'Second' must be able to run after 'First'; of two events that can
        // each follow the other (a loop), report the later one in the source.
        if (!Order->mayFollow(Second.Site, First.Site))
          continue;
        if (Order->mayFollow(First.Site, Second.Site) &&
            Context->getSourceManager().isBeforeInTranslationUnit(
                Second.Site->getBeginLoc(), First.Site->getBeginLoc()))
          continue;

        if (First.IsAdoption && Second.IsAdoption)
          diag(Second.Site->getBeginLoc(),
               "%0 is adopted by a second smart pointer; both owners delete "
               "the object")
              << Raw;
        else if (First.IsAdoption)
          diag(Second.Site->getBeginLoc(),
               "%0 is released with '%1' while a smart pointer owns it; the "
               "smart pointer deletes the object again")
              << Raw << Second.Deallocator;
        else
          diag(Second.Site->getBeginLoc(),
               "%0 is adopted by a smart pointer after it was released with "
               "'%1'; the smart pointer deletes the object again")
              << Raw << First.Deallocator;
        diag(First.Site->getBeginLoc(),
             First.IsAdoption ? "%0 is adopted by a smart pointer here"
                              : "%0 is released here",
             DiagnosticIDs::Note)
            << Raw;
        Reported = true;
      }
    }
  }
}

void DoubleOwnershipCheck::onEndOfTranslationUnit() {
  for (const auto &Entry : Events)
    checkFunction(Entry.second);
  Events.clear();
}

} // namespace clang::tidy::memreview::smartptr
