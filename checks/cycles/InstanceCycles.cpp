//===--- InstanceCycles.cpp - cycles that a function builds ---------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "cycles/InstanceCycles.h"
#include "cycles/MemberEffects.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include <deque>
#include <set>

namespace clang::tidy::memreview::cycles {

//===-- The walk over one function ----------------------------------------===//

namespace {

/// The arms of branches a store is on: (branch statement, arm index).
using Arms = llvm::SmallVector<std::pair<const Stmt *, unsigned>, 4>;

static bool conflict(const Arms &A, const Arms &B) {
  for (const auto &[S, I] : A)
    for (const auto &[T, J] : B)
      if (S == T && I != J)
        return true;
  return false;
}

struct Object {
  std::string Name;
  const CXXRecordDecl *Class = nullptr;
  /// Created in this function and not yet named after a variable.
  bool Unnamed = false;
};

struct Edge {
  unsigned From, To;
  ClassEdge Class;
  const Stmt *Site;
  bool PreExisting;
  Arms Where;
};

struct State {
  /// The object each tracked variable points to; absent: unknown or null.
  llvm::DenseMap<const VarDecl *, unsigned> Vars;
  /// The edges in place.
  llvm::SmallVector<unsigned, 8> Live;
  /// No path reaches this point.
  bool Dead = false;
};

class Walker {
public:
  Walker(InstanceAnalysis &Analysis, const CXXRecordDecl *ThisClass)
      : Analysis(Analysis), Context(Analysis.Context),
        SM(Context.getSourceManager()), ThisClass(ThisClass) {}

  void run(const FunctionDecl &Function, const Stmt *Body,
           llvm::SmallVectorImpl<const LambdaExpr *> &Lambdas);

private:
  InstanceAnalysis &Analysis;
  ASTContext &Context;
  const SourceManager &SM;
  const CXXRecordDecl *ThisClass;
  std::vector<Object> Objects;
  std::vector<Edge> Edges;
  std::optional<unsigned> ThisObject;
  llvm::DenseMap<std::pair<unsigned, const FieldDecl *>, unsigned> Placeholders;
  llvm::DenseSet<std::pair<unsigned, const FieldDecl *>> Written;
  llvm::DenseSet<unsigned> Clobbered;
  Arms Current;
  std::vector<std::vector<unsigned>> Candidates;
  std::set<std::vector<unsigned>> CandidateObjects;
  std::vector<llvm::SmallVector<unsigned, 8>> Exits;
  std::vector<std::vector<State>> LoopExits;
  llvm::SmallVectorImpl<const LambdaExpr *> *Lambdas = nullptr;
  bool Unsure = false;

  unsigned newObject(std::string Name, const CXXRecordDecl *Class,
                     bool Unnamed = false) {
    Objects.push_back({std::move(Name), Class, Unnamed});
    return Objects.size() - 1;
  }
  std::string text(const Stmt *S) const {
    return Lexer::getSourceText(
               CharSourceRange::getTokenRange(S->getSourceRange()), SM,
               Context.getLangOpts())
        .str();
  }
  bool tracked(const ValueDecl *D) const {
    const auto *Var = dyn_cast_or_null<VarDecl>(D);
    return Var && Var->hasLocalStorage() && isSharedPtr(Var->getType());
  }
  static const VarDecl *varOf(const Expr *E) {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  }

  // Values.
  std::optional<unsigned> valueOf(const Expr *E, State &St);
  std::optional<unsigned> objectOf(const Expr *E, State &St);
  std::optional<unsigned> heldBy(unsigned Owner, const FieldDecl *Member,
                                 const Expr *Read, State &St);
  void bind(const VarDecl *Var, std::optional<unsigned> Value, State &St);

  // Stores.
  void writeMember(unsigned Owner, const FieldDecl *Member, State &St);
  void addEdge(unsigned From, unsigned To, const FieldDecl *Member,
               HoldKind Kind, bool InContainer, const Stmt *Site,
               SourceLocation CaptureLoc, llvm::StringRef CaptureName,
               bool PreExisting, State &St);
  void store(std::optional<unsigned> Owner, const FieldDecl *Member,
             const Expr *Value, bool Replaces, const Stmt *Site, State &St);
  void storeLambda(std::optional<unsigned> Owner, const FieldDecl *Member,
                   const LambdaExpr &Lambda, const Stmt *Site, State &St);

  // The walk.
  void stmt(const Stmt *S, State &St);
  void expr(const Expr *E, State &St);
  void handle(const Expr *E, State &St);
  void assignment(const Expr *LHS, const Expr *RHS, const Stmt *Site,
                  State &St);
  void memberCall(const CXXMemberCallExpr &Call, State &St);
  void callArguments(const CallExpr &Call, State &St);
  void loop(const Stmt *Loop, const Stmt *Init, const Expr *Cond,
            const Stmt *Inc, const Stmt *Body, bool RunsOnce, State &St);
  void forgetAssigned(const Stmt *S, State &St);
  static State join(const State &A, const State &B);

  std::optional<std::vector<unsigned>> cycleThrough(unsigned New,
                                                    const State &St);
  void report();
};

} // namespace

//===-- Values ------------------------------------------------------------===//

std::optional<unsigned> Walker::valueOf(const Expr *E, State &St) {
  E = stripValue(E);
  if (!E)
    return std::nullopt;
  if (const VarDecl *Var = varOf(E)) {
    auto It = St.Vars.find(Var);
    return It == St.Vars.end() ? std::nullopt
                               : std::optional<unsigned>(It->second);
  }
  // 'std::shared_ptr<T>(new T)'.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && isSharedPtr(Construct->getType()) &&
      Construct->getNumArgs() == 1)
    if (const auto *New =
            dyn_cast<CXXNewExpr>(Construct->getArg(0)->IgnoreParenImpCasts()))
      if (const CXXRecordDecl *Class = sharedPointee(Construct->getType(), SM))
        return newObject(text(New), Class, true);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isStdFunction(Callee, {"make_shared", "allocate_shared"}))
      if (const CXXRecordDecl *Class = sharedPointee(Call->getType(), SM))
        return newObject(text(Call), Class, true);
    if (isStdFunction(Callee, {"move", "static_pointer_cast",
                               "dynamic_pointer_cast", "const_pointer_cast"}) &&
        Call->getNumArgs() == 1)
      return valueOf(Call->getArg(0), St);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (Method && Method->getDeclName().isIdentifier() &&
          Method->getName() == "shared_from_this" &&
          Method->getParent()->isInStdNamespace())
        return objectOf(Member->getImplicitObjectArgument(), St);
    }
    return std::nullopt;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || !sharedPointee(Field->getType(), SM))
      return std::nullopt;
    std::optional<unsigned> Owner = objectOf(Member->getBase(), St);
    return Owner ? heldBy(*Owner, Field, Member, St) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<unsigned> Walker::objectOf(const Expr *E, State &St) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E)) {
    if (!ThisObject)
      ThisObject = newObject("*this", ThisClass);
    return ThisObject;
  }
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    return objectOf(Deref->getSubExpr(), St);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
      Op->getNumArgs() == 1 &&
      isSharedPtr(Op->getArg(0)->IgnoreParenImpCasts()->getType()))
    return valueOf(Op->getArg(0), St);
  if (const auto *Get = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Get->getMethodDecl();
    if (Method && Method->getDeclName().isIdentifier() &&
        Method->getName() == "get" &&
        isSharedPtr(
            Get->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType()))
      return valueOf(Get->getImplicitObjectArgument(), St);
  }
  return std::nullopt;
}

std::optional<unsigned> Walker::heldBy(unsigned Owner, const FieldDecl *Member,
                                       const Expr *Read, State &St) {
  std::optional<unsigned> Held;
  for (unsigned Id : St.Live) {
    const Edge &E = Edges[Id];
    if (E.From != Owner || E.Class.Member != Member || E.Class.InContainer)
      continue;
    if (Held && *Held != E.To)
      return std::nullopt;
    Held = E.To;
  }
  if (Held)
    return Held;
  // What the member owned on entry, unless the function may have changed it.
  if (Written.count({Owner, Member}) || Clobbered.count(Owner))
    return std::nullopt;
  auto [It, Inserted] = Placeholders.try_emplace({Owner, Member}, 0);
  if (!Inserted)
    return std::nullopt;
  std::string Name =
      Objects[Owner].Name == "*this"
          ? "this->" + Member->getNameAsString()
          : Objects[Owner].Name + "->" + Member->getNameAsString();
  It->second = newObject(Name, sharedPointee(Member->getType(), SM));
  addEdge(Owner, It->second, Member, HoldKind::Shared, false, Read, {}, "",
          /*PreExisting=*/true, St);
  return It->second;
}

void Walker::bind(const VarDecl *Var, std::optional<unsigned> Value,
                  State &St) {
  if (!Value) {
    St.Vars.erase(Var);
    return;
  }
  St.Vars[Var] = *Value;
  Object &O = Objects[*Value];
  if (O.Unnamed) {
    O.Name = Var->getNameAsString();
    O.Unnamed = false;
  }
}

//===-- Stores ------------------------------------------------------------===//

void Walker::writeMember(unsigned Owner, const FieldDecl *Member, State &St) {
  Written.insert({Owner, Member});
  llvm::erase_if(St.Live, [&](unsigned Id) {
    return Edges[Id].From == Owner && Edges[Id].Class.Member == Member;
  });
}

/// Stores followed in one function. Each store searches the edges in place
/// for a cycle, so a function with thousands of stores (generated code)
/// would cost quadratic time; past this, the function stays silent. Hand
/// written functions store a few dozen at most.
static constexpr unsigned MaxStoresPerFunction = 1000;

void Walker::addEdge(unsigned From, unsigned To, const FieldDecl *Member,
                     HoldKind Kind, bool InContainer, const Stmt *Site,
                     SourceLocation CaptureLoc, llvm::StringRef CaptureName,
                     bool PreExisting, State &St) {
  if (Edges.size() >= MaxStoresPerFunction) {
    Unsure = true;
    return;
  }
  Edge E;
  E.From = From;
  E.To = To;
  E.Class.From = Objects[From].Class;
  E.Class.To = E.Class.Declared = Objects[To].Class;
  E.Class.Member = Member;
  E.Class.Kind = Kind;
  E.Class.InContainer = InContainer;
  if (Kind == HoldKind::Shared) {
    llvm::SmallVector<OwnedClass, 2> Owned;
    bool HoldsCallback = false;
    ownedClasses(Member->getType(), SM, Owned, HoldsCallback);
    for (const OwnedClass &O : Owned)
      if (O.Kind == HoldKind::Shared) {
        E.Class.InContainer = O.InContainer;
        E.Class.Many = O.Many;
        break;
      }
  }
  E.Class.Loc = CaptureLoc.isValid() ? CaptureLoc : Member->getLocation();
  E.Class.CaptureName = CaptureName.str();
  E.Site = Site;
  E.PreExisting = PreExisting;
  if (!PreExisting)
    E.Where = Current;
  Edges.push_back(std::move(E));
  unsigned Id = Edges.size() - 1;
  St.Live.push_back(Id);
  if (!Objects[From].Class || !Objects[To].Class)
    return;
  if (std::optional<std::vector<unsigned>> Cycle = cycleThrough(Id, St)) {
    std::vector<unsigned> Members;
    for (unsigned EdgeId : *Cycle)
      Members.push_back(Edges[EdgeId].From);
    llvm::sort(Members);
    if (CandidateObjects.insert(Members).second)
      Candidates.push_back(std::move(*Cycle));
  }
}

/// The live edges that lead from the target of edge \p New back to its
/// source, on one path with it; the cycle ends with \p New.
std::optional<std::vector<unsigned>> Walker::cycleThrough(unsigned New,
                                                          const State &St) {
  const Edge &Closing = Edges[New];
  if (Closing.From == Closing.To)
    return std::vector<unsigned>{New};
  llvm::DenseMap<unsigned, unsigned> ReachedBy;
  std::deque<unsigned> Queue{Closing.To};
  ReachedBy[Closing.To] = ~0u;
  while (!Queue.empty() && !ReachedBy.count(Closing.From)) {
    unsigned At = Queue.front();
    Queue.pop_front();
    for (unsigned Id : St.Live) {
      const Edge &E = Edges[Id];
      if (Id == New || E.From != At || ReachedBy.count(E.To) ||
          conflict(E.Where, Closing.Where))
        continue;
      ReachedBy[E.To] = Id;
      Queue.push_back(E.To);
    }
  }
  if (!ReachedBy.count(Closing.From))
    return std::nullopt;
  std::vector<unsigned> Path;
  for (unsigned At = Closing.From; At != Closing.To;) {
    unsigned Id = ReachedBy[At];
    Path.insert(Path.begin(), Id);
    At = Edges[Id].From;
  }
  // Every pair of stores must be able to happen on one path.
  for (size_t I = 0; I < Path.size(); ++I)
    for (size_t J = I + 1; J < Path.size(); ++J)
      if (conflict(Edges[Path[I]].Where, Edges[Path[J]].Where))
        return std::nullopt;
  Path.push_back(New);
  return Path;
}

void Walker::storeLambda(std::optional<unsigned> Owner, const FieldDecl *Member,
                         const LambdaExpr &Lambda, const Stmt *Site,
                         State &St) {
  for (const LambdaCapture &Capture : Lambda.captures()) {
    if (!Capture.capturesVariable() ||
        (Capture.getCaptureKind() != LCK_ByCopy &&
         !Lambda.isInitCapture(&Capture)))
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var)
      continue;
    const CXXRecordDecl *Captured = sharedPointee(Var->getType(), SM);
    if (!Captured)
      continue;
    Analysis.Callbacks.push_back(
        {Member, Captured, Capture.getLocation(), Var->getNameAsString()});
    if (!Owner)
      continue;
    std::optional<unsigned> Target;
    if (Lambda.isInitCapture(&Capture)) {
      Target = valueOf(Var->getInit(), St);
    } else if (auto It = St.Vars.find(Var); It != St.Vars.end()) {
      Target = It->second;
    }
    if (Target)
      addEdge(*Owner, *Target, Member, HoldKind::Callback, false, Site,
              Capture.getLocation(), Var->getName(), false, St);
  }
}

/// Stores \p Value in \p Member of \p Owner; \p Replaces when the store
/// replaces what the member held (an assignment, not an insertion).
void Walker::store(std::optional<unsigned> Owner, const FieldDecl *Member,
                   const Expr *Value, bool Replaces, const Stmt *Site,
                   State &St) {
  llvm::SmallVector<OwnedClass, 2> Owned;
  bool HoldsCallback = false;
  ownedClasses(Member->getType(), SM, Owned, HoldsCallback);
  if (!isProjectClass(dyn_cast<CXXRecordDecl>(Member->getParent()), SM))
    return;
  if (Owner && Replaces)
    writeMember(*Owner, Member, St);
  if (!Value)
    return;
  if (HoldsCallback)
    if (const LambdaExpr *Lambda = storedLambda(Value)) {
      storeLambda(Owner, Member, *Lambda, Site, St);
      return;
    }
  if (!Owner || llvm::none_of(Owned, [](const OwnedClass &O) {
        return O.Kind == HoldKind::Shared;
      }))
    return;
  // 'map.insert({key, value})', 'list.push_back(std::make_pair(a, b))'.
  llvm::SmallVector<const Expr *, 4> Values{Value};
  while (!Values.empty()) {
    const Expr *V = stripValue(Values.pop_back_val());
    if (const auto *List = dyn_cast<InitListExpr>(V)) {
      llvm::append_range(Values, List->inits());
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(V);
        Construct && !isSharedPtr(Construct->getType())) {
      llvm::append_range(Values, Construct->arguments());
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(V);
        Call &&
        isStdFunction(Call->getDirectCallee(), {"make_pair", "make_tuple"})) {
      llvm::append_range(Values, Call->arguments());
      continue;
    }
    if (!isSharedPtr(V->getType()))
      continue;
    if (std::optional<unsigned> Target = valueOf(V, St)) {
      bool Direct = sharedPointee(Member->getType(), SM) != nullptr;
      addEdge(*Owner, *Target, Member, HoldKind::Shared, !Direct, Site, {}, "",
              false, St);
    }
  }
}

//===-- The walk ----------------------------------------------------------===//

State Walker::join(const State &A, const State &B) {
  if (A.Dead)
    return B;
  if (B.Dead)
    return A;
  State Result;
  for (const auto &[Var, Value] : A.Vars) {
    auto It = B.Vars.find(Var);
    if (It != B.Vars.end() && It->second == Value)
      Result.Vars[Var] = Value;
  }
  Result.Live = A.Live;
  for (unsigned Id : B.Live)
    if (!llvm::is_contained(Result.Live, Id))
      Result.Live.push_back(Id);
  return Result;
}

/// Forgets the variables that \p S may reassign: a loop body runs more than
/// once, so what they hold at its start is not known.
void Walker::forgetAssigned(const Stmt *S, State &St) {
  llvm::SmallVector<const Stmt *, 32> Work{S};
  while (!Work.empty()) {
    const Stmt *Current = Work.pop_back_val();
    if (!Current)
      continue;
    llvm::append_range(Work, Current->children());
    if (const auto *Decl = dyn_cast<DeclStmt>(Current))
      for (const auto *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          St.Vars.erase(Var);
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Current);
        Op && Op->getOperator() == OO_Equal)
      if (const VarDecl *Var = varOf(Op->getArg(0)))
        St.Vars.erase(Var);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Current))
      if (const VarDecl *Var = varOf(Member->getImplicitObjectArgument()))
        St.Vars.erase(Var);
    if (const auto *Call = dyn_cast<CallExpr>(Current))
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (const VarDecl *Var = varOf(Call->getArg(I));
            Var && isMutableReference(parameterOf(*Call, I)))
          St.Vars.erase(Var);
    if (const auto *Unary = dyn_cast<UnaryOperator>(Current);
        Unary && Unary->getOpcode() == UO_AddrOf)
      if (const VarDecl *Var = varOf(Unary->getSubExpr()))
        St.Vars.erase(Var);
  }
}

void Walker::loop(const Stmt *Loop, const Stmt *Init, const Expr *Cond,
                  const Stmt *Inc, const Stmt *Body, bool RunsOnce, State &St) {
  stmt(Init, St);
  forgetAssigned(Body, St);
  forgetAssigned(Cond, St);
  forgetAssigned(Inc, St);
  if (!RunsOnce)
    expr(Cond, St);
  LoopExits.emplace_back();
  State Iteration = St;
  stmt(Body, Iteration);
  std::vector<State> Exits = std::move(LoopExits.back());
  LoopExits.pop_back();
  Iteration.Dead = false;
  for (State &Exit : Exits) {
    Exit.Dead = false;
    Iteration = join(Iteration, Exit);
  }
  stmt(Inc, Iteration);
  if (RunsOnce)
    expr(Cond, Iteration);
  St = RunsOnce ? Iteration : join(St, Iteration);
  (void)Loop;
}

void Walker::stmt(const Stmt *S, State &St) {
  if (!S || St.Dead || Unsure)
    return;
  if (const auto *E = dyn_cast<Expr>(S)) {
    expr(E, St);
    return;
  }
  switch (S->getStmtClass()) {
  case Stmt::DeclStmtClass:
    for (const Decl *D : cast<DeclStmt>(S)->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var)
        continue;
      if (Var->getInit())
        expr(Var->getInit(), St);
      if (tracked(Var))
        bind(Var, Var->getInit() ? valueOf(Var->getInit(), St) : std::nullopt,
             St);
    }
    return;
  case Stmt::IfStmtClass: {
    const auto *If = cast<IfStmt>(S);
    stmt(If->getInit(), St);
    stmt(If->getConditionVariableDeclStmt(), St);
    expr(If->getCond(), St);
    State Then = St, Else = St;
    Current.push_back({If, 0});
    stmt(If->getThen(), Then);
    Current.back().second = 1;
    stmt(If->getElse(), Else);
    Current.pop_back();
    St = join(Then, Else);
    if (Then.Dead && Else.Dead)
      St.Dead = true;
    return;
  }
  case Stmt::ForStmtClass: {
    const auto *For = cast<ForStmt>(S);
    loop(For, For->getInit(), For->getCond(), For->getInc(), For->getBody(),
         false, St);
    return;
  }
  case Stmt::WhileStmtClass: {
    const auto *While = cast<WhileStmt>(S);
    stmt(While->getConditionVariableDeclStmt(), St);
    loop(While, nullptr, While->getCond(), nullptr, While->getBody(), false,
         St);
    return;
  }
  case Stmt::DoStmtClass: {
    const auto *Do = cast<DoStmt>(S);
    loop(Do, nullptr, Do->getCond(), nullptr, Do->getBody(), true, St);
    return;
  }
  case Stmt::CXXForRangeStmtClass: {
    const auto *For = cast<CXXForRangeStmt>(S);
    stmt(For->getInit(), St);
    expr(For->getRangeInit(), St);
    // The loop variable holds another element in each iteration.
    St.Vars.erase(For->getLoopVariable());
    loop(For, nullptr, nullptr, nullptr, For->getBody(), false, St);
    return;
  }
  case Stmt::SwitchStmtClass: {
    const auto *Switch = cast<SwitchStmt>(S);
    stmt(Switch->getInit(), St);
    stmt(Switch->getConditionVariableDeclStmt(), St);
    expr(Switch->getCond(), St);
    forgetAssigned(Switch->getBody(), St);
    // Each case is an arm that starts from the state before the switch; a
    // fall through from one case into the next is not followed.
    State Before = St, Result = St;
    LoopExits.emplace_back();
    State Arm = Before;
    Arm.Dead = true;
    unsigned Index = 0;
    Current.push_back({Switch, 0});
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Switch->getBody());
    if (!Body) {
      // 'switch (x) case 1: ...;' has a single arm.
      Arm = Before;
      stmt(Switch->getBody(), Arm);
    } else {
      for (const Stmt *Child : Body->body()) {
        while (const auto *Case = dyn_cast<SwitchCase>(Child)) {
          Result = join(Result, Arm);
          Arm = Before;
          Current.back().second = ++Index;
          Child = Case->getSubStmt();
        }
        stmt(Child, Arm);
      }
    }
    Current.pop_back();
    Result = join(Result, Arm);
    for (State &Exit : LoopExits.back()) {
      Exit.Dead = false;
      Result = join(Result, Exit);
    }
    LoopExits.pop_back();
    St = Result;
    return;
  }
  case Stmt::ReturnStmtClass:
    expr(cast<ReturnStmt>(S)->getRetValue(), St);
    Exits.push_back(St.Live);
    St.Dead = true;
    return;
  case Stmt::BreakStmtClass:
  case Stmt::ContinueStmtClass:
    if (!LoopExits.empty())
      LoopExits.back().push_back(St);
    St.Dead = true;
    return;
  case Stmt::GotoStmtClass:
  case Stmt::IndirectGotoStmtClass:
  case Stmt::CoroutineBodyStmtClass:
  case Stmt::CoreturnStmtClass:
    Unsure = true;
    return;
  case Stmt::CXXTryStmtClass: {
    const auto *Try = cast<CXXTryStmt>(S);
    State Before = St;
    stmt(Try->getTryBlock(), St);
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      // A handler starts anywhere in the try block: from what is known both
      // before and after it.
      State Handler = join(Before, St);
      Current.push_back({Try, I + 1});
      stmt(Try->getHandler(I)->getHandlerBlock(), Handler);
      Current.pop_back();
      St = join(St, Handler);
    }
    return;
  }
  default:
    for (const Stmt *Child : S->children())
      stmt(Child, St);
    return;
  }
}

void Walker::expr(const Expr *E, State &St) {
  if (!E || St.Dead || Unsure)
    return;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    // The body runs later: it is analysed on its own. A variable captured by
    // reference may be changed there.
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          St.Vars.erase(Var);
    for (const Expr *Init : Lambda->capture_inits())
      expr(Init, St);
    if (Lambdas)
      Lambdas->push_back(Lambda);
    return;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    expr(Cond->getCond(), St);
    State True = St, False = St;
    Current.push_back({Cond, 0});
    expr(Cond->getTrueExpr(), True);
    Current.back().second = 1;
    expr(Cond->getFalseExpr(), False);
    Current.pop_back();
    St = join(True, False);
    return;
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E);
      Binary && Binary->isLogicalOp()) {
    expr(Binary->getLHS(), St);
    State Right = St;
    Current.push_back({Binary, 1});
    expr(Binary->getRHS(), Right);
    Current.pop_back();
    St = join(St, Right);
    return;
  }
  if (const auto *StmtE = dyn_cast<StmtExpr>(E)) {
    stmt(StmtE->getSubStmt(), St);
    return;
  }
  for (const Stmt *Child : E->children())
    if (const auto *ChildE = dyn_cast_or_null<Expr>(Child))
      expr(ChildE, St);
  handle(E, St);
  // A call of a function that does not return ends the path.
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getDirectCallee() && Call->getDirectCallee()->isNoReturn())
    St.Dead = true;
  if (isa<CXXThrowExpr>(E))
    St.Dead = true;
}

void Walker::assignment(const Expr *LHS, const Expr *RHS, const Stmt *Site,
                        State &St) {
  LHS = LHS->IgnoreParenImpCasts();
  if (const VarDecl *Var = varOf(LHS)) {
    if (tracked(Var))
      bind(Var, valueOf(RHS, St), St);
    return;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(LHS)) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      store(objectOf(Member->getBase(), St), Field, RHS, /*Replaces=*/true,
            Site, St);
    return;
  }
  // 'owner->map[key] = value'.
  if (const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(LHS);
      Subscript && Subscript->getOperator() == OO_Subscript)
    if (const auto *Member =
            dyn_cast<MemberExpr>(Subscript->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
        store(objectOf(Member->getBase(), St), Field, RHS, /*Replaces=*/false,
              Site, St);
}

void Walker::memberCall(const CXXMemberCallExpr &Call, State &St) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const Expr *Object = Call.getImplicitObjectArgument();
  if (!Method || !Object || !Method->getDeclName().isIdentifier())
    return;
  llvm::StringRef Name = Method->getName();
  Object = Object->IgnoreParenImpCasts();

  // A smart pointer variable: 'a.reset()', 'a.reset(new T)', 'a.swap(b)'.
  if (const VarDecl *Var = varOf(Object); Var && tracked(Var)) {
    if (Name == "reset")
      bind(Var,
           Call.getNumArgs() == 1 ? valueOf(Call.getArg(0), St) : std::nullopt,
           St);
    else if (!Method->isConst())
      St.Vars.erase(Var);
    return;
  }
  // A member that owns: 'this->children.push_back(c)', 'peer.reset()'.
  if (const auto *Member = dyn_cast<MemberExpr>(Object)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || Method->isConst())
      return;
    std::optional<unsigned> Owner = objectOf(Member->getBase(), St);
    if (addsOwned(Name)) {
      for (const Expr *Arg : Call.arguments())
        store(Owner, Field, Arg, /*Replaces=*/false, &Call, St);
    } else if (Name == "reset" && Call.getNumArgs() == 1) {
      store(Owner, Field, Call.getArg(0), /*Replaces=*/true, &Call, St);
    } else if (removesOwned(Name) && Owner) {
      writeMember(*Owner, Field, St);
    }
    return;
  }
  // A member function of a tracked object: what it may overwrite is gone.
  if (Method->isConst() || Method->getParent()->isInStdNamespace())
    return;
  std::optional<unsigned> Owner = objectOf(Object, St);
  if (!Owner)
    return;
  const InstanceAnalysis::Effect &Effect = Analysis.effectOf(Method);
  if (Effect.All) {
    Clobbered.insert(*Owner);
    llvm::erase_if(St.Live,
                   [&](unsigned Id) { return Edges[Id].From == *Owner; });
    return;
  }
  for (const FieldDecl *Field : Effect.Fields)
    writeMember(*Owner, Field, St);
}

void Walker::callArguments(const CallExpr &Call, State &St) {
  if (isStdFunction(Call.getDirectCallee(),
                    {"move", "forward", "static_pointer_cast",
                     "dynamic_pointer_cast", "const_pointer_cast",
                     "make_shared", "make_pair", "make_tuple"}))
    return;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    const ParmVarDecl *Param = parameterOf(Call, I);
    const Expr *Arg = Call.getArg(I)->IgnoreParenImpCasts();
    // 'f(std::move(a))' into an rvalue reference may empty 'a'.
    if (const auto *Move = dyn_cast<CallExpr>(Arg);
        Move && isStdFunction(Move->getDirectCallee(), {"move"}) &&
        Move->getNumArgs() == 1)
      Arg = Move->getArg(0)->IgnoreParenImpCasts();
    if (!isMutableReference(Param))
      continue;
    if (const VarDecl *Var = varOf(Arg)) {
      St.Vars.erase(Var);
    } else if (const auto *Member = dyn_cast<MemberExpr>(Arg)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      std::optional<unsigned> Owner = objectOf(Member->getBase(), St);
      if (Field && Owner)
        writeMember(*Owner, Field, St);
    }
  }
}

void Walker::handle(const Expr *E, State &St) {
  // Who creates what: 'std::make_shared<X>' or 'new X' in a member of Y.
  if (ThisClass) {
    const CXXRecordDecl *Created = nullptr;
    if (const auto *New = dyn_cast<CXXNewExpr>(E))
      Created = New->getAllocatedType()->getAsCXXRecordDecl();
    else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && isStdFunction(Call->getDirectCallee(), {"make_shared"}))
      Created = sharedPointee(Call->getType(), SM);
    if (Created && isProjectClass(Created->getDefinition(), SM))
      Analysis.Creators[ThisClass].insert(Created->getDefinition());
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
    assignment(Op->getArg(0), Op->getArg(1), Op, St);
    callArguments(*Op, St);
    return;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    memberCall(*Member, St);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    callArguments(*Call, St);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    if (const VarDecl *Var = varOf(Unary->getSubExpr()))
      St.Vars.erase(Var);
}

void Walker::run(const FunctionDecl &Function, const Stmt *Body,
                 llvm::SmallVectorImpl<const LambdaExpr *> &LambdasOut) {
  Lambdas = &LambdasOut;
  State St;
  for (const ParmVarDecl *Param : Function.parameters())
    if (tracked(Param))
      if (const CXXRecordDecl *Class = sharedPointee(Param->getType(), SM))
        St.Vars[Param] = newObject(Param->getNameAsString(), Class);
  // Constructor initialisers store into the members of '*this'.
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Function))
    for (const CXXCtorInitializer *Init : Constructor->inits()) {
      if (!Init->isWritten() || !Init->getMember())
        continue;
      expr(Init->getInit(), St);
      if (!ThisObject)
        ThisObject = newObject("*this", ThisClass);
      store(ThisObject, Init->getMember(), Init->getInit(), true,
            Init->getInit(), St);
    }
  stmt(Body, St);
  if (!St.Dead)
    Exits.push_back(St.Live);
  if (!Unsure)
    report();
}

void Walker::report() {
  for (const std::vector<unsigned> &Cycle : Candidates) {
    // Every store of the cycle must still be in place at some exit.
    bool Kept = llvm::any_of(Exits, [&](const auto &Live) {
      return llvm::all_of(
          Cycle, [&](unsigned Id) { return llvm::is_contained(Live, Id); });
    });
    if (!Kept)
      continue;
    InstanceCycle Result;
    llvm::DenseMap<unsigned, unsigned> Index;
    // Objects in cycle order, starting with the target of the closing step.
    const Edge &Closing = Edges[Cycle.back()];
    unsigned At = Closing.To;
    for (size_t N = 0; N < Cycle.size(); ++N) {
      Index[At] = Result.Objects.size();
      Result.Objects.push_back({Objects[At].Name, Objects[At].Class});
      for (unsigned Id : Cycle)
        if (Edges[Id].From == At) {
          At = Edges[Id].To;
          break;
        }
    }
    // Steps in the order of execution: pre-existing edges first, then by
    // creation.
    std::vector<unsigned> Order(Cycle.begin(), Cycle.end());
    llvm::sort(Order, [&](unsigned A, unsigned B) {
      if (Edges[A].PreExisting != Edges[B].PreExisting)
        return Edges[A].PreExisting;
      return A < B;
    });
    for (unsigned Id : Order) {
      const Edge &E = Edges[Id];
      InstanceStep Step;
      Step.Site = E.Site;
      Step.From = Index.lookup(E.From);
      Step.To = Index.lookup(E.To);
      Step.Edge = E.Class;
      Step.PreExisting = E.PreExisting;
      Result.Steps.push_back(std::move(Step));
    }
    // The closing store stays last.
    if (Edges[Cycle.back()].PreExisting)
      continue;
    Analysis.Cycles.push_back(std::move(Result));
  }
}

//===-- The analysis ------------------------------------------------------===//

InstanceAnalysis::InstanceAnalysis(ASTContext &Context) : Context(Context) {}
InstanceAnalysis::~InstanceAnalysis() = default;

void InstanceAnalysis::analyze(const FunctionDecl &Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  const CXXRecordDecl *ThisClass =
      Method && Method->isInstance() ? Method->getParent() : nullptr;
  llvm::SmallVector<const LambdaExpr *, 4> Lambdas;
  Walker(*this, ThisClass).run(Function, Function.getBody(), Lambdas);
  // Each lambda on its own, with the '*this' of the enclosing function.
  for (size_t I = 0; I < Lambdas.size(); ++I) {
    const LambdaExpr *Lambda = Lambdas[I];
    llvm::SmallVector<const LambdaExpr *, 4> Nested;
    Walker(*this, ThisClass)
        .run(*Lambda->getCallOperator(), Lambda->getBody(), Nested);
    Lambdas.append(Nested.begin(), Nested.end());
  }
}

} // namespace clang::tidy::memreview::cycles
