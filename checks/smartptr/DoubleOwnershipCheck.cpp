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
#include "clang/ASTMatchers/ASTMatchersMacros.h"

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
static constexpr llvm::StringLiteral DeclarationID = "declaration";

namespace {
/// A call of a release function of the ownership model: 'free',
/// 'operator delete', a function with 'ownership_takes'.
AST_MATCHER(CallExpr, isReleaseCall) {
  return engine::releaseByCall(Node).has_value();
}
} // namespace

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

  // No matcher looks up for the enclosing function: adoptions and releases
  // of raw pointers are common, and the function of an event is only needed
  // for variables that a smart pointer adopts (onEndOfTranslationUnit).

  // 'std::unique_ptr<T> a(raw)', 'std::shared_ptr<T>(a.get())'. A second
  // argument is a deleter, which may not delete: stay silent on those.
  Finder->addMatcher(
      cxxConstructExpr(argumentCountIs(1), hasType(SmartClass), Adopted)
          .bind(AdoptID),
      this);
  // 'a.reset(raw)'.
  Finder->addMatcher(
      cxxMemberCallExpr(
          argumentCountIs(1), callee(cxxMethodDecl(hasName("reset"))),
          utils::onSmartPointer(utils::smartPointerClass()), Adopted)
          .bind(ResetID),
      this);
  // 'delete raw', and 'free(raw)' or any release function of the model (the
  // cheap test of the callee first: most calls release nothing).
  Finder->addMatcher(cxxDeleteExpr(has(RawPointer)).bind(DeleteID), this);
  Finder->addMatcher(
      callExpr(isReleaseCall(), hasAnyArgument(RawPointer)).bind(CallID), this);
}

void DoubleOwnershipCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  const auto *Raw = Result.Nodes.getNodeAs<VarDecl>(RawID);
  const auto *Owner = Result.Nodes.getNodeAs<Expr>(OwnerID);
  const auto *Get = Result.Nodes.getNodeAs<CXXMemberCallExpr>(GetID);
  const auto *Copy = Result.Nodes.getNodeAs<VarDecl>(CopyID);
  assert((Raw || Owner) && "matcher bound nothing");
  // Dependent code is analysed through its instantiations. The function of
  // an event on a local variable is the one that declares it, or a lambda
  // there, which is dependent when that function is.
  if (Raw && Raw->getDeclContext()->isDependentContext())
    return;

  Event E{nullptr, nullptr, true, {}, Raw};
  QualType SmartType;
  if (const auto *Adopt = Result.Nodes.getNodeAs<CXXConstructExpr>(AdoptID)) {
    E.Site = Adopt;
    SmartType = Adopt->getType();
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
              Delete->isArrayForm() ? "delete[]" : "delete", Raw};
  } else {
    const auto *Call = Result.Nodes.getNodeAs<CallExpr>(CallID);
    std::optional<engine::CallRelease> Release = engine::releaseByCall(*Call);
    // Only calls that release the raw pointer itself.
    if (!Release || !Raw ||
        !isa<DeclRefExpr>(Call->getArg(Release->ArgIndex)->IgnoreParenImpCasts()) ||
        cast<DeclRefExpr>(Call->getArg(Release->ArgIndex)->IgnoreParenImpCasts())
                ->getDecl() != Raw)
      return;
    E = Event{Call, nullptr, false, Release->Callee, Raw};
  }
  if (E.IsAdoption && !utils::deletesWhatItOwns(SmartType))
    return;

  if (Owner) {
    reportAdoptionOfOwned(*cast<Expr>(E.Site), *Owner, *Get, Copy);
    return;
  }
  Events[Raw].push_back(E);
}

void DoubleOwnershipCheck::reportAdoptionOfOwned(const Expr &Site,
                                                 const Expr &Owner,
                                                 const CXXMemberCallExpr &Get,
                                                 const VarDecl *Copy) {
  // An owner that is neither a variable nor a member is not tracked: it may
  // have changed (see ownerMayChange).
  const ValueDecl *OwnerVar = utils::ownerDecl(&Owner);
  if (!OwnerVar)
    return;
  // A first owner with a custom deleter may only observe the object
  // ('std::shared_ptr<T> a(raw, [](T *) {})'): the second one may be the
  // real owner.
  if (!utils::deletesWhatItOwns(Owner.getType()) ||
      utils::hasDeleterArgument(OwnerVar))
    return;
  // Adopting what a smart pointer owns is rare: only now look for the
  // function, through the local copy or owner when there is one.
  const FunctionDecl *Function = utils::enclosingFunction(
      Site, Copy ? Copy : dyn_cast<VarDecl>(OwnerVar), *Context);
  if (!Function || Function->isDependentContext())
    return;
  const Stmt &Body = *Function->getBody();
  // The first owner may give up ownership ('a.release()', a move): then the
  // second one is the only owner.
  if (utils::ownerMayChange(OwnerVar, Body, *Context))
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

/// The smart pointer variable that \p Adopt initialises or is assigned to:
/// 'std::unique_ptr<T> a(raw)', 'auto a = std::unique_ptr<T>(raw)' or
/// 'a = std::unique_ptr<T>(raw)'. Null for temporaries passed elsewhere.
static const ValueDecl *
adoptingVariable(const CXXConstructExpr &Adopt,
                 const utils::FunctionParents &Parents) {
  const Stmt *Current = &Adopt;
  while (const Stmt *Parent = Parents.parent(*Current)) {
    // Wrappers of the same value: casts, temporaries, elided copies.
    if (isa<CXXFunctionalCastExpr, ImplicitCastExpr, ExprWithCleanups,
            MaterializeTemporaryExpr, CXXBindTemporaryExpr, ParenExpr,
            CXXConstructExpr>(Parent)) {
      Current = Parent;
      continue;
    }
    if (const auto *Declaration = dyn_cast<DeclStmt>(Parent)) {
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->getInit() == Current)
          return Var;
      return nullptr;
    }
    // '[a = std::unique_ptr<T>(raw)] { ... }'.
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Parent)) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Lambda->isInitCapture(&Capture))
          if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
              Var && Var->getInit() == Current)
            return Var;
      return nullptr;
    }
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(Parent))
      if (Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
          Assign->getArg(1)->IgnoreImplicit() ==
              cast<Expr>(Current)->IgnoreImplicit())
        return utils::ownerDecl(Assign->getArg(0));
    return nullptr;
  }
  return nullptr;
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

/// The local raw pointer variable that \p Var copies ('T *q = p;', through
/// implicit conversions only), if it is one of the same function.
static const VarDecl *copiedVariable(const VarDecl &Var) {
  if (isa<ParmVarDecl>(Var) || !Var.hasLocalStorage() || !Var.getInit())
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Var.getInit()->IgnoreParenImpCasts());
  const auto *Source = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Source || Source == &Var || !Source->hasLocalStorage() ||
      !Source->getType()->isPointerType() ||
      Source->getDeclContext() != Var.getDeclContext())
    return nullptr;
  return Source;
}

/// The variable that \p Var copies, directly or through other copies, and
/// the chain from \p Var to it (\p Var first). A variable that copies no
/// other is its own root.
static const VarDecl *rootVariable(const VarDecl &Var,
                                   llvm::SmallVectorImpl<const VarDecl *> *Chain =
                                       nullptr) {
  const VarDecl *Current = &Var;
  if (Chain)
    Chain->push_back(Current);
  // A few steps are enough for real code, and bound a pathological chain.
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    const VarDecl *Source = copiedVariable(*Current);
    if (!Source)
      break;
    Current = Source;
    if (Chain)
      Chain->push_back(Current);
  }
  return Current;
}

/// The statement that declares the local variable \p Raw, if it is one of
/// the function that declares it.
static const DeclStmt *declarationOf(const VarDecl &Raw, ASTContext &Context) {
  const auto *Declaring = dyn_cast<FunctionDecl>(Raw.getDeclContext());
  if (!Declaring || !Declaring->getBody())
    return nullptr;
  return selectFirst<DeclStmt>(
      DeclarationID,
      match(
          findAll(declStmt(has(varDecl(equalsNode(&Raw)))).bind(DeclarationID)),
          *Declaring->getBody(), Context));
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
  const DeclStmt *Declaration = declarationOf(Raw, Context);
  // Where the declaration is not a statement of its own, stay silent.
  if (!Declaration)
    return false;
  return !(Order.mayFollow(Declaration, &Adoption) &&
           Order.mayFollow(&Adoption, Declaration));
}

/// Notes how \p First and \p Second, two variables of one chain of copies,
/// come to hold the same pointer: each copy between them and the variable
/// both copy.
void DoubleOwnershipCheck::noteCopies(const VarDecl &First,
                                      const VarDecl &Second) {
  if (&First == &Second)
    return;
  llvm::SmallVector<const VarDecl *, 4> FirstChain, SecondChain;
  rootVariable(First, &FirstChain);
  rootVariable(Second, &SecondChain);
  // The nearest variable that both copy (or are).
  const VarDecl *Common = nullptr;
  for (const VarDecl *V : SecondChain)
    if (llvm::is_contained(FirstChain, V)) {
      Common = V;
      break;
    }
  if (!Common)
    return;
  for (const auto *Chain : {&FirstChain, &SecondChain})
    for (const VarDecl *V : *Chain) {
      if (V == Common)
        break;
      diag(V->getLocation(), "%0 is a copy of %1 and holds the same pointer",
           DiagnosticIDs::Note)
          << V << copiedVariable(*V);
    }
}

void DoubleOwnershipCheck::checkVariable(const VarDecl &Raw,
                                         llvm::ArrayRef<Event> RawEvents,
                                         llvm::ArrayRef<const VarDecl *> Copies,
                                         const FunctionDecl &Function,
                                         utils::ProgramOrder &Order) {
  const Stmt &Body = *Function.getBody();
  // Events of a reassigned variable (or of a copy of it, or of a copy that
  // is reassigned) may concern different objects. Asked last, once there is
  // something to report: ExprMutationAnalyzer builds the TU-wide parent map.
  const auto IsReassigned = [&] {
    ExprMutationAnalyzer Analyzer(Body, *Context);
    return Analyzer.isMutated(&Raw) ||
           llvm::any_of(Copies, [&](const VarDecl *Copy) {
             return Analyzer.isMutated(Copy);
           });
  };

  for (const Event &Adoption : RawEvents) {
    // A copy declared in the loop holds the pointer anew in each iteration:
    // the loop is judged by the variable the adoption names.
    if (!Adoption.IsAdoption ||
        !adoptsAgainInLoop(*Adoption.Var, *Adoption.Site, Adoption.SmartVar,
                           Order, Body, *Context))
      continue;
    if (IsReassigned())
      return;
    diag(Adoption.Site->getBeginLoc(),
         "%0 is adopted by a smart pointer in every iteration of a loop; "
         "the owners of different iterations delete the object again")
        << Adoption.Var;
    return;
  }
  for (size_t I = 0; I < RawEvents.size(); ++I) {
    for (size_t J = 0; J < RawEvents.size(); ++J) {
      const Event &First = RawEvents[I], &Second = RawEvents[J];
      if (I == J || (!First.IsAdoption && !Second.IsAdoption))
        continue;
      if (releasesAdoption(First.SmartVar, Body, *Context) ||
          releasesAdoption(Second.SmartVar, Body, *Context))
        continue;
      // 'Second' must be able to run after 'First'; of two events that can
      // each follow the other (a loop), report the later one in the source.
      if (!Order.mayFollow(Second.Site, First.Site))
        continue;
      if (Order.mayFollow(First.Site, Second.Site) &&
          Context->getSourceManager().isBeforeInTranslationUnit(
              Second.Site->getBeginLoc(), First.Site->getBeginLoc()))
        continue;
      if (IsReassigned())
        return;

      if (First.IsAdoption && Second.IsAdoption)
        diag(Second.Site->getBeginLoc(),
             "%0 is adopted by a second smart pointer; both owners delete "
             "the object")
            << Second.Var;
      else if (First.IsAdoption)
        diag(Second.Site->getBeginLoc(),
             "%0 is released with '%1' while a smart pointer owns it; the "
             "smart pointer deletes the object again")
            << Second.Var << Second.Deallocator;
      else
        diag(Second.Site->getBeginLoc(),
             "%0 is adopted by a smart pointer after it was released with "
             "'%1'; the smart pointer deletes the object again")
            << Second.Var << First.Deallocator;
      diag(First.Site->getBeginLoc(),
           First.IsAdoption ? "%0 is adopted by a smart pointer here"
                            : "%0 is released here",
           DiagnosticIDs::Note)
          << First.Var;
      noteCopies(*First.Var, *Second.Var);
      return;
    }
  }
}

void DoubleOwnershipCheck::onEndOfTranslationUnit() {
  // The events of each function, by variable, for the variables that a smart
  // pointer adopts. A local copy of a variable ('T *q = p;') counts as the
  // variable it copies: its events are grouped under that one.
  llvm::MapVector<const FunctionDecl *,
                  llvm::MapVector<const VarDecl *, llvm::SmallVector<Event, 4>>>
      ByFunction;
  // The copies of each variable whose events are grouped under it, with the
  // copies in between.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const VarDecl *, 2>>
      CopiesOf;
  llvm::DenseSet<const VarDecl *> Adopted;
  for (const auto &[Raw, RawEvents] : Events)
    if (llvm::any_of(RawEvents, [](const Event &E) { return E.IsAdoption; }))
      Adopted.insert(rootVariable(*Raw));
  {
    // The parents of each function met, built once.
    llvm::DenseMap<const FunctionDecl *,
                   std::unique_ptr<utils::FunctionParents>>
        ParentsOf;
    const auto ParentsFor =
        [&](const FunctionDecl &Function) -> const utils::FunctionParents & {
      auto &Parents = ParentsOf[&Function];
      if (!Parents)
        Parents = std::make_unique<utils::FunctionParents>(Function);
      return *Parents;
    };
    for (const auto &[Raw, RawEvents] : Events) {
      llvm::SmallVector<const VarDecl *, 4> Chain;
      const VarDecl *Root = rootVariable(*Raw, &Chain);
      // Without an adoption, no smart pointer is involved.
      if (!Adopted.count(Root))
        continue;
      for (const VarDecl *Copy : Chain)
        if (Copy != Root && !llvm::is_contained(CopiesOf[Root], Copy))
          CopiesOf[Root].push_back(Copy);
      // An event belongs to the function that declares 'Raw' or to a lambda
      // there; the parents of that one function tell which.
      const auto *Declaring = dyn_cast<FunctionDecl>(Raw->getDeclContext());
      if (Declaring && !Declaring->getBody())
        Declaring = nullptr;
      for (Event E : RawEvents) {
        const utils::FunctionParents *Parents =
            Declaring ? &ParentsFor(*Declaring) : nullptr;
        const FunctionDecl *Function =
            Parents ? Parents->evaluatingFunction(*E.Site) : nullptr;
        // Elsewhere (a local class, a block): look up through the whole
        // translation unit.
        if (!Function) {
          Function = utils::enclosingFunction(*E.Site, nullptr, *Context);
          Parents = Function ? &ParentsFor(*Function) : nullptr;
        }
        if (!Function || Function->isDependentContext())
          continue;
        if (const auto *Adopt = dyn_cast<CXXConstructExpr>(E.Site))
          E.SmartVar = adoptingVariable(*Adopt, *Parents);
        ByFunction[Function][Root].push_back(E);
      }
    }
  }
  Events.clear();

  for (const auto &[Function, ByPointer] : ByFunction) {
    // One control-flow graph per function, built for the first variable that
    // it adopts.
    std::optional<utils::ProgramOrder> Order;
    for (const auto &[Raw, RawEvents] : ByPointer) {
      if (llvm::none_of(RawEvents, [](const Event &E) { return E.IsAdoption; }))
        continue;
      if (!Order)
        Order.emplace(*Function, *Context);
      checkVariable(*Raw, RawEvents, CopiesOf.lookup(Raw), *Function, *Order);
    }
  }
}

} // namespace clang::tidy::memreview::smartptr
