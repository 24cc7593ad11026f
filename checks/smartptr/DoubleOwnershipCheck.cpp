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
#include "clang/AST/DeclTemplate.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::smartptr {

static constexpr llvm::StringLiteral RawID = "raw";
static constexpr llvm::StringLiteral OwnerID = "owner";
static constexpr llvm::StringLiteral AdoptID = "adopt";
static constexpr llvm::StringLiteral ResetID = "reset";
static constexpr llvm::StringLiteral DeleteID = "delete";
static constexpr llvm::StringLiteral CallID = "call";
static constexpr llvm::StringLiteral FunctionID = "function";

/// A smart pointer class that deletes what it adopts: std::shared_ptr, or
/// std::unique_ptr with the default deleter (a custom deleter type may not
/// delete at all).
static bool deletesWhatItAdopts(QualType Smart) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Smart.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  if (Spec->getName() == "shared_ptr")
    return true;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() < 2 || Args[1].getKind() != TemplateArgument::Type)
    return true;
  const auto *Deleter = Args[1].getAsType()->getAsCXXRecordDecl();
  return Deleter && Deleter->getName() == "default_delete";
}

void DoubleOwnershipCheck::registerMatchers(MatchFinder *Finder) {
  const auto RawPointer = ignoringParenImpCasts(declRefExpr(
      to(varDecl(hasLocalStorage(), hasType(pointerType())).bind(RawID))));
  const auto Adopted =
      hasArgument(0, anyOf(RawPointer, ignoringParenImpCasts(
                                           utils::smartPointerGet(OwnerID))));
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
  assert(Function && (Raw || Owner) && "matcher bound nothing");
  // Dependent code is analysed through its instantiations.
  if (Function->isDependentContext())
    return;

  Event E{nullptr, nullptr, true, {}};
  QualType SmartType;
  if (const auto *Adopt = Result.Nodes.getNodeAs<CXXConstructExpr>(AdoptID)) {
    E.Site = Adopt;
    SmartType = Adopt->getType();
    E.SmartVar = utils::parentAs<VarDecl>(*Adopt, *Context);
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
  if (E.IsAdoption && !deletesWhatItAdopts(SmartType))
    return;

  if (Owner) {
    reportAdoptionOfOwned(*cast<Expr>(E.Site), *Owner, *Function);
    return;
  }
  FunctionEvents &FE = Events[Function];
  FE.Function = Function;
  FE.ByPointer[Raw].push_back(E);
}

void DoubleOwnershipCheck::reportAdoptionOfOwned(const Expr &Site,
                                                 const Expr &Owner,
                                                 const FunctionDecl &Function) {
  // The first owner may give up ownership ('a.release()', a move): then the
  // second one is the only owner.
  const ValueDecl *OwnerVar = utils::ownerDecl(&Owner);
  if (utils::ownerMayChange(OwnerVar, *Function.getBody(), *Context))
    return;
  diag(Site.getBeginLoc(),
       "the pointer returned by '%0.get()' is adopted by a second smart "
       "pointer while %1 still owns it; both delete the object")
      << utils::sourceText(&Owner, *Context) << OwnerVar
      << Site.getSourceRange();
  diag(OwnerVar->getLocation(), "%0 owns the object", DiagnosticIDs::Note)
      << OwnerVar;
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
