//===--- Explorer.cpp - paths, branches, loops, leaks and findings --------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "engine/ExplorerImpl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::memreview::engine {

Explorer::Explorer(const FunctionDecl &Function, ASTContext &Context,
                   SummaryProvider &Summaries, const Budget &Limits)
    : Function(Function), Context(Context), Summaries(Summaries),
      Limits(Limits) {
  // Id 0 is "none" for regions and objects.
  Regions.push_back(Region{Region::Var});
  RegionBase.push_back(0);
  ObjectTable.push_back(ObjectInfo());
}

// ===== regions, objects, symbols =====

RegionId Explorer::intern(const Region &R) {
  auto [It, Inserted] = RegionIndex.try_emplace(R.key(), Regions.size());
  if (Inserted) {
    Regions.push_back(R);
    bool Derived = R.isPart();
    RegionBase.push_back(Derived ? RegionBase[R.Parent] : It->second);
  }
  return It->second;
}

RegionId Explorer::varRegion(const VarDecl *V) {
  Region R{Region::Var};
  R.Ptr = V->getCanonicalDecl();
  return intern(R);
}

RegionId Explorer::fieldRegion(RegionId Parent, const FieldDecl *F) {
  Region R{Region::Field};
  R.Parent = Parent;
  R.Ptr = F->getCanonicalDecl();
  return intern(R);
}

RegionId Explorer::elementRegion(RegionId Parent, int64_t Index,
                                 bool Unknown) {
  if (!Unknown && Index == 0)
    return Parent;
  Region R{Region::Element};
  R.Parent = Parent;
  R.Index = Unknown ? 0 : Index;
  R.UnknownIndex = Unknown;
  return intern(R);
}

RegionId Explorer::objectRegion(ObjId O) {
  Region R{Region::Object};
  R.Obj = O;
  return intern(R);
}

RegionId Explorer::tempRegion(const Expr *E) {
  Region R{Region::Temp};
  R.Ptr = E;
  return intern(R);
}

RegionId Explorer::stringRegion(const Expr *E) {
  Region R{Region::String};
  R.Ptr = E;
  return intern(R);
}

ObjId Explorer::newObject(ObjectInfo Info) {
  if (Info.Origin)
    OriginSyms.push_back(Info.AddrSym);
  ObjectTable.push_back(std::move(Info));
  return ObjectTable.size() - 1;
}

void Explorer::setOrigin(ObjId O, const AccessPath &Path) {
  if (!ObjectTable[O].Origin)
    OriginSyms.push_back(ObjectTable[O].AddrSym);
  ObjectTable[O].Origin = Path;
}

unsigned Explorer::internRangeSet(const RangeSet &R) {
  for (unsigned I = 0; I < CondSets.size(); ++I)
    if (CondSets[I] == R)
      return I;
  CondSets.push_back(R);
  return CondSets.size() - 1;
}

std::optional<ObjId> Explorer::objectOf(SVal V) const {
  if (V.Kind != SVal::Loc)
    return std::nullopt;
  const Region &Base = Regions[RegionBase[V.Id]];
  if (Base.Kind != Region::Object)
    return std::nullopt;
  return Base.Obj;
}

// ===== names for messages =====

std::string Explorer::describe(const Expr *E) const {
  if (!E)
    return "the pointer";
  E = E->IgnoreParenImpCasts();
  const SourceManager &SM = Context.getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(E->getSourceRange());
  if (E->getBeginLoc().isMacroID() || E->getEndLoc().isMacroID())
    Range = SM.getExpansionRange(E->getSourceRange());
  std::string Text =
      Lexer::getSourceText(Range, SM, Context.getLangOpts()).str();
  if (Text.empty() || Text.size() > 48 || Text.find('\n') != std::string::npos)
    return "the pointer";
  return Text;
}

std::string Explorer::regionName(RegionId R) const {
  const Region &Info = Regions[R];
  switch (Info.Kind) {
  case Region::Var:
    return static_cast<const VarDecl *>(Info.Ptr)->getNameAsString();
  case Region::Field: {
    std::string Parent = regionName(Info.Parent);
    const auto *F = static_cast<const FieldDecl *>(Info.Ptr);
    const Region &P = Regions[Info.Parent];
    if (P.Kind == Region::Object)
      return Parent.empty() ? F->getNameAsString()
                            : Parent + "->" + F->getNameAsString();
    return Parent + "." + F->getNameAsString();
  }
  case Region::Element:
  case Region::Slot:
    return regionName(Info.Parent) + "[...]";
  case Region::Object:
    return ThisObject && Info.Obj == *ThisObject ? "this" : "";
  case Region::Temp:
  case Region::String:
    return "";
  }
  return "";
}

SourceRange Explorer::siteRange(const Stmt *Site) const {
  if (!Site)
    return SourceRange();
  // Implicit destructors run at the end of a block (or of the statement
  // whose condition or loop variable dies): its closing brace.
  if (isa<CompoundStmt, IfStmt, SwitchStmt, WhileStmt, ForStmt, DoStmt,
          CXXForRangeStmt>(Site))
    return SourceRange(Site->getEndLoc());
  return Site->getSourceRange();
}

std::string Explorer::calleeName(const FunctionDecl &Callee,
                                 const Stmt *Site) const {
  if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(&Callee))
    return "~" + Dtor->getParent()->getNameAsString();
  // A lambda (or another function object) is known by the variable or
  // member that holds it: its call operator's name, 'operator()', says
  // nothing.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
      Method && Method->getOverloadedOperator() == OO_Call)
    if (const auto *Call = dyn_cast_or_null<CXXOperatorCallExpr>(Site);
        Call && Call->getNumArgs() > 0) {
      // A lambda called where it is written has only its text.
      const Expr *Object = Call->getArg(0)->IgnoreImplicit();
      if (isa<DeclRefExpr, MemberExpr, LambdaExpr>(Object)) {
        std::string Name = describe(Object);
        if (Name != "the pointer")
          return Name;
      }
    }
  return Callee.getNameAsString();
}

// ===== the path loop =====

State Explorer::initialState() {
  State S;
  unsigned Index = 0;
  for (const ParmVarDecl *Param : Function.parameters()) {
    ParamIndex[Param] = Index;
    QualType T = Param->getType();
    std::optional<SymId> Exported;
    if (T->isPointerType() || T->isReferenceType()) {
      // The pointee (or referent) of a parameter: an object the function
      // does not own, known by its access path from the parameter.
      ObjectInfo Info;
      Info.AddrSym = newSymbol();
      Info.Origin = AccessPath{static_cast<int>(Index), {}};
      ObjId O = newObject(Info);
      if (T->isReferenceType())
        S.constrain(Info.AddrSym, RangeSet::allBut(0));
      else
        Exported = Info.AddrSym;
      S.bind(varRegion(Param), SVal::loc(objectRegion(O)));
    } else if (T->isIntegralOrEnumerationType()) {
      SymId Sym = newSymbol();
      S.bind(varRegion(Param), SVal::symbol(Sym));
      Exported = Sym;
    }
    ParamSyms.push_back(Exported);
    ++Index;
  }
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
      Method && Method->isInstance()) {
    ObjectInfo Info;
    Info.AddrSym = newSymbol();
    Info.Origin = AccessPath{-1, {}};
    ThisObject = newObject(Info);
    S.constrain(Info.AddrSym, RangeSet::allBut(0));
  }
  return S;
}

ExplorationResult Explorer::run() {
  Stmt *Body = Function.getBody();
  if (!Body) {
    Result.NoCFG = true;
    return std::move(Result);
  }
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.AddLifetime = true;
  Options.AddInitializers = true;
  Options.AddCXXDefaultInitExprInCtors = true;
  // Every expression becomes an element, in evaluation order.
  Options.setAllAlwaysAdd();
  DeclContext = std::make_unique<AnalysisDeclContext>(nullptr, &Function,
                                                      Options);
  Cfg = DeclContext->getCFG();
  if (!Cfg) {
    Result.NoCFG = true;
    return std::move(Result);
  }
  Parents = std::make_unique<ParentMap>(Body);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Function))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit()) {
        Parents->addStmt(Init->getInit());
        ConsumedElsewhere.insert(Init->getInit());
        // A default member initializer's expression is an element of the
        // CFG too, and the CXXDefaultInitExpr consumes its value: it is not
        // a full expression of its own (whose value would be discarded).
        if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(Init->getInit()))
          if (const Expr *Inner = Default->getExpr()) {
            Parents->addStmt(const_cast<Expr *>(Inner));
            Parents->setParent(Inner, Default);
          }
      }

  // Liveness lets dead variables be forgotten, so that paths merge. Small
  // functions have few paths to merge: computing it would cost more than it
  // saves.
  // A loop multiplies paths by the rounds it is unrolled: without liveness,
  // the variables of finished rounds keep the paths apart.
  constexpr unsigned MinBlocksForLiveness = 16;
  bool HasLoop = llvm::any_of(*Cfg, [](const CFGBlock *B) {
    return B && B->getLoopTarget();
  });
  if (Cfg->getNumBlockIDs() >= MinBlocksForLiveness || HasLoop)
    Liveness = DeclContext->getAnalysis<LiveVariables>();
  Deadline = std::chrono::steady_clock::now() +
             std::chrono::microseconds(
                 static_cast<int64_t>(Limits.MaxSecondsPerFunction * 1e6));
  Work.push_back({&Cfg->getEntry(), initialState()});
  while (!Work.empty()) {
    if (++BlockVisits > Limits.MaxBlockVisits ||
        (BlockVisits % 64 == 0 && std::chrono::steady_clock::now() > Deadline)) {
      Result.OverBudget = true;
      break;
    }
    WorkItem Item = std::move(Work.back());
    Work.pop_back();
    processBlock(*Item.Block, std::move(Item.S));
  }

  // A release that happens on some paths and not on others that look the
  // same to a caller (same conditions on the parameters, same result) depends
  // on something the caller cannot see, such as a reference count ('if
  // (--refs == 0) delete this'). For such a caller the object may or may not
  // be released: it escapes on the paths that do not release it.
  for (SummaryCase &A : ExitCases)
    for (const SummaryCase &B : ExitCases) {
      if (&A == &B || A.Throws != B.Throws || !(A.Return == B.Return) ||
          A.Conditions.size() != B.Conditions.size())
        continue;
      bool SameConditions = true;
      for (size_t I = 0; I < A.Conditions.size(); ++I)
        SameConditions &= A.Conditions[I].first == B.Conditions[I].first &&
                          A.Conditions[I].second == B.Conditions[I].second;
      if (!SameConditions)
        continue;
      for (const ReleaseEffect &R : B.Releases) {
        bool ReleasedHere = llvm::any_of(A.Releases, [&](const ReleaseEffect &X) {
          return X.Object == R.Object;
        });
        if (!ReleasedHere && !llvm::is_contained(A.Escapes, R.Object))
          A.Escapes.push_back(R.Object);
      }
    }

  FunctionSummary &Summary = Result.Summary;
  // No path reached the exit because loops cut them all: that says nothing
  // about whether the function returns.
  Summary.Known = !Result.OverBudget && ExitCases.size() <= MaxSummaryCases &&
                  !(ExitCases.empty() && PathsCutInLoops);
  Summary.TouchesGlobals = TouchesGlobals;
  Summary.Definition = Function.getLocation();
  if (Summary.Known)
    Summary.Cases.assign(ExitCases.begin(), ExitCases.end());
  return std::move(Result);
}

void Explorer::processBlock(const CFGBlock &Block, State S) {
  CurrentBlock = &Block;
  if (&Block == &Cfg->getExit()) {
    handleExit(std::move(S));
    return;
  }
  // A throw that reached a handler is caught (the try's dispatch block
  // passes it on: to the handlers, or to the exit when none matches).
  if (isa_and_nonnull<CXXCatchStmt>(Block.getLabel()))
    S.Throwing = nullptr;
  if (!Seen.insert({Block.getBlockID(), static_cast<uint64_t>(S.hash())})
           .second)
    return;
  if (!enterLoopHead(Block, S))
    return;

  CurrentBlock = &Block;
  // Usually one state goes through the block, evaluated in place; calls
  // with several summary cases add more.
  States Current;
  Current.push_back(std::move(S));
  for (const CFGElement &Element : Block) {
    States Extra;
    size_t Alive = 0;
    for (size_t I = 0; I < Current.size(); ++I) {
      if (!evalElement(Element, Block, Current[I], Extra))
        continue;
      if (Alive != I)
        Current[Alive] = std::move(Current[I]);
      ++Alive;
    }
    Current.truncate(Alive);
    for (State &T : Extra)
      Current.push_back(std::move(T));
    if (Current.empty())
      return;
    if (Current.size() > 1)
      mergeIdentical(Current);
    if (Current.size() > Limits.MaxStatesPerElement) {
      Result.OverBudget = true;
      Current.truncate(Limits.MaxStatesPerElement);
    }
  }
  for (State &St : Current)
    branch(Block, std::move(St));
}

void Explorer::mergeIdentical(States &Current) {
  States Unique;
  llvm::SmallVector<uint64_t, 8> Hashes;
  for (State &S : Current) {
    uint64_t H = S.hash();
    bool Duplicate = false;
    for (size_t I = 0; I < Unique.size() && !Duplicate; ++I)
      Duplicate = Hashes[I] == H && Unique[I] == S;
    if (Duplicate)
      continue;
    Hashes.push_back(H);
    Unique.push_back(std::move(S));
  }
  Current = std::move(Unique);
}

void Explorer::pushSuccessor(const CFGBlock *Succ, State S) {
  if (!Succ)
    return;
  // After the branch: the condition has been read.
  if (CurrentBlock)
    prune(S, *CurrentBlock);
  Work.push_back({Succ, std::move(S)});
}

void Explorer::prune(State &S, const CFGBlock &Block) {
  if (Liveness) {
    llvm::SmallVector<RegionId, 8> Dead;
    for (const auto &[R, V] : S.Store) {
      RegionId Base = RegionBase[R];
      const Region &Info = Regions[Base];
      if (Info.Kind != Region::Var)
        continue;
      const auto *Var = static_cast<const VarDecl *>(Info.Ptr);
      // A range-for's own variables ('__range1') stay: the loop's disposal
      // of a container is recognised through them at the loop head. So do
      // parameters: read again, they would no longer be the caller's
      // objects.
      if (!Var->hasLocalStorage() || Var->isImplicit() ||
          isa<ParmVarDecl>(Var) || Liveness->isLive(&Block, Var))
        continue;
      if (llvm::is_contained(Dead, Base))
        continue;
      bool HoldsOwned = llvm::any_of(S.Store, [&](const auto &Entry) {
        if (RegionBase[Entry.first] != Base)
          return false;
        std::optional<ObjId> O = objectOf(Entry.second);
        if (!O || !ObjectTable[*O].Owned)
          return false;
        const ObjectStatus *Status = S.status(*O);
        return Status && Status->Kind == ObjectStatus::Live;
      });
      // A variable whose address is held somewhere is still reachable.
      auto PointsInto = [&](SVal V) {
        return V.Kind == SVal::Loc && RegionBase[V.Id] == Base;
      };
      bool AddressTaken =
          llvm::any_of(S.Store, [&](const auto &E) { return PointsInto(E.second); }) ||
          llvm::any_of(S.Env, [&](const auto &E) { return PointsInto(E.second); });
      if (!HoldsOwned && !AddressTaken)
        Dead.push_back(Base);
    }
    for (RegionId R : Dead) {
      removeBindingsUnder(S, R);
    }
  }
  // Symbols still referred to, marked with this pass's epoch (no set to
  // build: a state holds a few dozen symbols, pruned at every edge).
  ++MarkEpoch;
  if (SymMarks.size() < NextSym)
    SymMarks.resize(NextSym, 0);
  if (ObjMarks.size() < ObjectTable.size())
    ObjMarks.resize(ObjectTable.size(), 0);
  auto Use = [&](SymId Sym) {
    if (Sym < SymMarks.size())
      SymMarks[Sym] = MarkEpoch;
  };
  auto Note = [&](SVal V) {
    if (V.Kind == SVal::Sym || V.Kind == SVal::Cond)
      Use(V.Id);
    else if (std::optional<ObjId> O = objectOf(V))
      Use(ObjectTable[*O].AddrSym);
  };
  for (const auto &Entry : S.Store)
    Note(Entry.second);
  for (const auto &Entry : S.Env)
    Note(Entry.second);
  if (S.Returned)
    Note(*S.Returned);
  for (const auto &Entry : S.Objects)
    if (ObjectTable[Entry.first].Owned)
      Use(ObjectTable[Entry.first].AddrSym);
  // What the path assumed about the pointers reached from parameters (their
  // null-ness) matters to summaries until the end.
  for (SymId Sym : OriginSyms)
    Use(Sym);
  for (const std::optional<SymId> &P : ParamSyms)
    if (P)
      Use(*P);
  llvm::erase_if(S.Constraints, [&](const auto &Entry) {
    return Entry.first >= SymMarks.size() ||
           SymMarks[Entry.first] != MarkEpoch;
  });
  // Statuses of objects nobody can reach or report on.
  for (const auto &Entry : S.Store)
    if (std::optional<ObjId> O = objectOf(Entry.second))
      ObjMarks[*O] = MarkEpoch;
  for (const auto &Entry : S.Env)
    if (std::optional<ObjId> O = objectOf(Entry.second))
      ObjMarks[*O] = MarkEpoch;
  llvm::erase_if(S.Objects, [&](const auto &Entry) {
    const ObjectInfo &Info = ObjectTable[Entry.first];
    if (Info.Origin || ObjMarks[Entry.first] == MarkEpoch)
      return false;
    // Released or lost memory nothing points to cannot be used again.
    if (Entry.second.Kind == ObjectStatus::Released ||
        Entry.second.Kind == ObjectStatus::Lost)
      return true;
    return !Info.Owned && Entry.second.Kind == ObjectStatus::Live &&
           !Entry.second.Derefed;
  });
}

/// The loop statement whose condition block \p Block is.
static const Stmt *loopOf(const CFGBlock &Block) {
  const Stmt *T = Block.getTerminatorStmt();
  if (T && isa<WhileStmt, ForStmt, DoStmt, CXXForRangeStmt>(T))
    return T;
  return nullptr;
}

bool Explorer::enterLoopHead(const CFGBlock &Block, State &S) {
  const Stmt *Loop = loopOf(Block);
  if (!Loop)
    return true;
  unsigned Visits = S.loopVisits(Block.getBlockID()) + 1;
  S.setLoopVisits(Block.getBlockID(), Visits);
  // A loop that releases every element of a container does so as a whole.
  if (Visits == 1)
    applyDisposal(*Loop, S);
  if (Visits == Limits.MaxLoopUnroll + 1)
    widenLoop(*Loop, S);
  // After widening, one more round through the body, then the path ends
  // here: its exit was explored from the widened state.
  if (Visits > Limits.MaxLoopUnroll + 2) {
    PathsCutInLoops = true;
    return false;
  }
  return true;
}

SVal Explorer::widenedValue(State &S, const Stmt &Loop, const VarDecl *Var) {
  QualType T = Var->getType().getCanonicalType();
  if (!T->isIntegralOrEnumerationType())
    return freshValue(S, T);
  // Every path that widens this loop gives the variable the same symbol, so
  // that paths which differ only in what the unrolled rounds computed merge.
  // Within a path the symbol must stand for one value: when the state still
  // refers to it (an inner loop widened again, a copy of the old value), a
  // symbol of its own is taken instead.
  auto [It, New] = WidenedSyms.try_emplace({&Loop, Var}, 0);
  if (New)
    It->second = newSymbol();
  SymId Sym = It->second;
  auto Mentions = [&](SVal V) {
    return (V.Kind == SVal::Sym || V.Kind == SVal::Cond) && V.Id == Sym;
  };
  bool InUse =
      llvm::any_of(S.Store, [&](const auto &E) { return Mentions(E.second); }) ||
      llvm::any_of(S.Env, [&](const auto &E) { return Mentions(E.second); }) ||
      (S.Returned && Mentions(*S.Returned));
  if (InUse)
    return freshValue(S, T);
  llvm::erase_if(S.Constraints,
                 [&](const auto &Entry) { return Entry.first == Sym; });
  return SVal::symbol(Sym);
}

/// How \p Parent changes the variable \p Ref names: +1 when it only adds
/// (increment, '+=' of a positive constant), -1 when it only subtracts, 0
/// otherwise.
static int writeDirection(const Stmt *Parent, const DeclRefExpr *Ref) {
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Parent)) {
    if (U->isIncrementOp())
      return 1;
    if (U->isDecrementOp())
      return -1;
    return 0;
  }
  if (const auto *C = dyn_cast_or_null<CompoundAssignOperator>(Parent);
      C && C->getLHS()->IgnoreParens() == Ref) {
    const auto *Lit =
        dyn_cast<IntegerLiteral>(C->getRHS()->IgnoreParenImpCasts());
    if (!Lit || Lit->getValue().isZero())
      return 0;
    if (C->getOpcode() == BO_AddAssign)
      return 1;
    if (C->getOpcode() == BO_SubAssign)
      return -1;
  }
  return 0;
}

/// Local variables declared outside \p Loop that it may write.
static void collectLoopWrites(const Stmt &Loop, const ParentMap &Parents,
                              llvm::SmallVectorImpl<LoopWrite> &Out) {
  llvm::SmallVector<const Stmt *, 32> Stack{&Loop};
  // Variables declared in the body start afresh each round; the counter a
  // 'for' declares in its init statement lives across rounds. (The
  // iterators of a range-based 'for' are the engine's business: it models
  // the visit of the elements itself.)
  SourceRange LoopRange = Loop.getSourceRange();
  if (const auto *For = dyn_cast<ForStmt>(&Loop); For && For->getBody())
    LoopRange = For->getBody()->getSourceRange();
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    for (const Stmt *Child : S->children())
      Stack.push_back(Child);
    const auto *Ref = dyn_cast<DeclRefExpr>(S);
    if (!Ref)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || !Var->hasLocalStorage())
      continue;
    SourceLocation DeclLoc = Var->getLocation();
    if (LoopRange.getBegin() <= DeclLoc && DeclLoc <= LoopRange.getEnd())
      continue;
    // A read through an lvalue-to-rvalue conversion writes nothing; every
    // other use (assignment, increment, address, reference, member...)
    // counts as a write.
    const Stmt *Parent = Parents.getParentIgnoreParens(Ref);
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent))
      if (Cast->getCastKind() == CK_LValueToRValue)
        continue;
    int Direction = writeDirection(Parent, Ref);
    auto Known = llvm::find_if(
        Out, [&](const LoopWrite &W) { return W.Var == Var; });
    if (Known == Out.end())
      Out.push_back({Var, Direction});
    else if (Known->Direction != Direction)
      Known->Direction = 0;
  }
}

void Explorer::widenLoop(const Stmt &Loop, State &S) {
  auto It = LoopWrites.find(&Loop);
  if (It == LoopWrites.end()) {
    llvm::SmallVector<LoopWrite, 4> Writes;
    collectLoopWrites(Loop, *Parents, Writes);
    It = LoopWrites.try_emplace(&Loop, std::move(Writes)).first;
  }
  for (const LoopWrite &W : It->second) {
    const VarDecl *Var = W.Var;
    RegionId R = varRegion(Var);
    // A counter that only grows (or only shrinks) keeps that bound: 'n'
    // after three rounds of 'list[n++] = ...' is at least 3.
    std::optional<int64_t> Now;
    if (const SVal *Old = S.lookup(R); Old && Old->Kind == SVal::Int) {
      Now = Old->Num;
    } else if (Old && Old->Kind == SVal::Sym && W.Direction) {
      // Already widened by an inner loop: keep its bound.
      const auto &Intervals = S.range(Old->Id).intervals();
      if (!Intervals.empty())
        Now = W.Direction > 0 ? Intervals.front().first
                              : Intervals.back().second;
    }
    // What the variable held is no longer followed: the loop may have
    // handed it anywhere.
    escapeContents(S, R);
    removeBindingsUnder(S, R);
    if (Var->getType()->isRecordType() || Var->getType()->isArrayType())
      continue;
    SVal Fresh = widenedValue(S, Loop, Var);
    if (Now && W.Direction && Fresh.Kind == SVal::Sym)
      S.constrain(Fresh.Id, RangeSet::satisfying(W.Direction > 0 ? ">=" : "<=",
                                                 *Now));
    S.bind(R, Fresh);
  }
}

// ===== conditions =====

Explorer::Truth Explorer::truthOf(const State &S, SVal V) {
  auto FromRange = [](const RangeSet &R, const RangeSet &TrueSet) {
    if (R.intersect(TrueSet).isEmpty())
      return Truth::False;
    if (R.intersect(TrueSet.complement()).isEmpty())
      return Truth::True;
    return Truth::Unknown;
  };
  switch (V.Kind) {
  case SVal::Int:
    return V.Num ? Truth::True : Truth::False;
  case SVal::Sym:
    return FromRange(S.range(V.Id), RangeSet::allBut(0));
  case SVal::Cond:
    return FromRange(S.range(V.Id), CondSets[V.Num]);
  case SVal::Loc:
    if (std::optional<ObjId> O = objectOf(V); O && V.Num == 0 &&
                                              !V.UnknownOffset)
      return FromRange(S.range(ObjectTable[*O].AddrSym), RangeSet::allBut(0));
    return Truth::True;
  case SVal::Unknown:
    return Truth::Unknown;
  }
  return Truth::Unknown;
}

bool Explorer::constrainTruth(State &S, SVal V, bool Value) {
  RangeSet NonZero = RangeSet::allBut(0), Zero = RangeSet::single(0);
  switch (V.Kind) {
  case SVal::Int:
    return (V.Num != 0) == Value;
  case SVal::Sym:
    return S.constrain(V.Id, Value ? NonZero : Zero);
  case SVal::Cond:
    return S.constrain(V.Id, Value ? CondSets[V.Num]
                                   : CondSets[V.Num].complement());
  case SVal::Loc:
    if (std::optional<ObjId> O = objectOf(V); O && V.Num == 0 &&
                                              !V.UnknownOffset)
      return S.constrain(ObjectTable[*O].AddrSym, Value ? NonZero : Zero);
    return Value;
  case SVal::Unknown:
    return true;
  }
  return true;
}

llvm::SmallVector<std::pair<State, bool>, 2> Explorer::assume(State S,
                                                              SVal V) {
  llvm::SmallVector<std::pair<State, bool>, 2> Out;
  switch (truthOf(S, V)) {
  case Truth::True:
    Out.push_back({std::move(S), true});
    break;
  case Truth::False:
    Out.push_back({std::move(S), false});
    break;
  case Truth::Unknown: {
    State T = S;
    if (constrainTruth(T, V, true))
      Out.push_back({std::move(T), true});
    if (constrainTruth(S, V, false))
      Out.push_back({std::move(S), false});
    break;
  }
  }
  return Out;
}

/// Whether a handler for \p Caught (null: 'catch (...)') certainly catches
/// an exception of type \p Thrown (null: unknown).
bool Explorer::catches(QualType Caught, QualType Thrown) const {
  if (Caught.isNull())
    return true;
  if (Thrown.isNull())
    return false;
  QualType C = Caught.getNonReferenceType().getUnqualifiedType();
  QualType T;
  if (Thrown->isArrayType() || Thrown->isFunctionType())
    T = Context.getDecayedType(Thrown);
  else
    T = Thrown.getNonReferenceType().getUnqualifiedType();
  if (Context.hasSameUnqualifiedType(C, T))
    return true;
  auto DerivedFrom = [](QualType Derived, QualType Base) {
    const auto *D = Derived->getAsCXXRecordDecl();
    const auto *B = Base->getAsCXXRecordDecl();
    return D && B && D->hasDefinition() && D->isDerivedFrom(B);
  };
  if (DerivedFrom(T, C))
    return true;
  if (C->isPointerType() && T->isPointerType())
    return Context.hasSameUnqualifiedType(C->getPointeeType(),
                                          T->getPointeeType()) ||
           DerivedFrom(T->getPointeeType(), C->getPointeeType());
  return false;
}

/// Whether \p E lies inside \p Root (or is it).
static bool isWithin(const Expr *E, const Stmt *Root, const ParentMap &PM) {
  for (const Stmt *S = E; S; S = PM.getParent(S))
    if (S == Root)
      return true;
  return false;
}

void Explorer::branch(const CFGBlock &Block, State S) {
  const Stmt *Term = Block.getTerminatorStmt();
  auto Succ = [&](unsigned I) -> const CFGBlock * {
    if (I >= Block.succ_size())
      return nullptr;
    return Block.succ_begin()[I].getReachableBlock();
  };
  // Values of the condition are consumed by the branch.
  auto DropCondition = [&](State &St) {
    if (!Term || !isa<IfStmt, WhileStmt, ForStmt, DoStmt, SwitchStmt,
                      CXXForRangeStmt>(Term))
      return;
    llvm::erase_if(St.Env, [&](const auto &Entry) {
      return isWithin(Entry.first, Term, *Parents);
    });
  };

  if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(Term)) {
    SVal V = valueOf(S, Switch->getCond());
    DropCondition(S);
    RangeSet Covered = RangeSet::empty();
    const CFGBlock *Default = nullptr;
    for (const CFGBlock::AdjacentBlock &Adj : Block.succs()) {
      const CFGBlock *Target = Adj.getReachableBlock();
      if (!Target)
        continue;
      const auto *Case = dyn_cast_or_null<CaseStmt>(Target->getLabel());
      if (!Case) {
        Default = Target;
        continue;
      }
      Expr::EvalResult Lo, Hi;
      if (!Case->getLHS()->EvaluateAsInt(Lo, Context)) {
        pushSuccessor(Target, S);
        continue;
      }
      int64_t L = Lo.Val.getInt().getExtValue(), H = L;
      if (Case->getRHS() && Case->getRHS()->EvaluateAsInt(Hi, Context))
        H = Hi.Val.getInt().getExtValue();
      RangeSet Values = RangeSet::fromIntervals({{L, H}});
      Covered = Covered.unite(Values);
      if (V.Kind == SVal::Int) {
        if (Values.contains(V.Num))
          pushSuccessor(Target, S);
        continue;
      }
      State T = S;
      if (V.Kind == SVal::Sym && !T.constrain(V.Id, Values))
        continue;
      if (V.Kind == SVal::Sym && !S.range(V.Id).intersect(Values.complement())
                                       .isEmpty())
        addEvent(T, PathEvent::Assumption, 0, Case->getSourceRange(),
                    "assuming '" + describe(Switch->getCond()) + "' is " +
                        std::to_string(L));
      pushSuccessor(Target, std::move(T));
    }
    if (Default) {
      if (V.Kind == SVal::Int) {
        if (!Covered.contains(V.Num))
          pushSuccessor(Default, S);
      } else if (V.Kind != SVal::Sym || S.constrain(V.Id, Covered.complement())) {
        pushSuccessor(Default, std::move(S));
      }
    }
    return;
  }

  const Expr *Cond = Block.getLastCondition();
  bool Conditional = Term && Block.succ_size() == 2 && Cond &&
                     !isa<CXXTryStmt, GotoStmt>(Term);
  if (const auto *For = dyn_cast_or_null<ForStmt>(Term); For && !For->getCond())
    Conditional = false;
  if (!Conditional) {
    DropCondition(S);
    if (Term && isa<CXXTryStmt>(Term)) {
      // The dispatch to the handlers, reached only by a throw. The first
      // handler whose type matches catches it; the edge to the exit is the
      // exception that none catches.
      QualType Thrown;
      if (const auto *Throw = dyn_cast_or_null<CXXThrowExpr>(S.Throwing))
        if (const Expr *Sub = Throw->getSubExpr())
          Thrown = Sub->getType();
      for (unsigned I = 0; I < Block.succ_size(); ++I) {
        const CFGBlock *Target = Succ(I);
        if (!Target)
          continue;
        const auto *Handler = dyn_cast_or_null<CXXCatchStmt>(Target->getLabel());
        pushSuccessor(Target, S);
        if (Handler && catches(Handler->getCaughtType(), Thrown))
          return;
      }
      return;
    }
    for (unsigned I = 0; I < Block.succ_size(); ++I)
      pushSuccessor(Succ(I), S);
    return;
  }

  SVal V = valueOf(S, Cond);
  bool WasUnknown = truthOf(S, V) == Truth::Unknown;
  for (auto &[T, Taken] : assume(std::move(S), V)) {
    if (isa<AbstractConditionalOperator>(Term))
      T.envBind(cast<Expr>(Term), SVal::integer(Taken));
    if (const auto *Logical = dyn_cast<BinaryOperator>(Term)) {
      // The value of 'a && b' when 'a' is false (and of 'a || b' when 'a'
      // is true) is known at the branch.
      if (Logical->getOpcode() == BO_LAnd && !Taken)
        T.envBind(Logical, SVal::integer(0));
      if (Logical->getOpcode() == BO_LOr && Taken)
        T.envBind(Logical, SVal::integer(1));
    }
    if (WasUnknown) {
      addEvent(T, PathEvent::Assumption, 0, Cond->getSourceRange(), "");
      auto *Node = const_cast<PathNode *>(T.Path.get());
      Node->Event.Condition = Cond;
      Node->Event.Taken = Taken;
    }
    DropCondition(T);
    pushSuccessor(Succ(Taken ? 0 : 1), std::move(T));
  }
}

// ===== elements =====

bool Explorer::evalElement(const CFGElement &Element, const CFGBlock &Block,
                           State &S, States &Extra) {
  // Takes the states of a step that may split: the first continues as S.
  auto Continue = [&](States &After) {
    if (After.empty())
      return false;
    S = std::move(After.front());
    for (size_t I = 1; I < After.size(); ++I)
      Extra.push_back(std::move(After[I]));
    return true;
  };
  switch (Element.getKind()) {
  case CFGElement::Statement:
  case CFGElement::Constructor:
  case CFGElement::CXXRecordTypedCall:
    return evalStmt(Element.castAs<CFGStmt>().getStmt(), S, Extra);
  case CFGElement::LifetimeEnds: {
    auto Ends = Element.castAs<CFGLifetimeEnds>();
    const VarDecl *Var = Ends.getVarDecl();
    if (!Var->hasLocalStorage())
      return true;
    SourceRange Where;
    LossKind Kind = LossKind::ScopeEnd;
    if (S.LastReturn) {
      Where = S.LastReturn->getSourceRange();
      Kind = LossKind::Return;
    } else if (const Stmt *Trigger = Ends.getTriggerStmt()) {
      Where = siteRange(Trigger);
    }
    // A container without a destructor of its own ('std::array<T *, N>')
    // drops its elements here.
    if (!Var->getType()->isReferenceType() && isContainer(Var->getType()))
      dropElements(S, varRegion(Var), DropKind::ScopeEnd, Where,
                   Var->getName());
    removeBindingsUnder(S, varRegion(Var));
    collectGarbage(S, Where, Kind, Var->getName());
    return true;
  }
  case CFGElement::AutomaticObjectDtor: {
    auto Dtor = Element.castAs<CFGAutomaticObjDtor>();
    // Reported where the scope ends: the closing brace of a block.
    const Stmt *Trigger = Dtor.getTriggerStmt();
    const VarDecl *Var = Dtor.getVarDecl();
    const CXXRecordDecl *Record =
        Var->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (!Record || Var->getType()->isReferenceType())
      return true;
    States After;
    destroyRegion(std::move(S), varRegion(Var), Record, Trigger, After);
    return Continue(After);
  }
  case CFGElement::TemporaryDtor: {
    const CXXBindTemporaryExpr *Bind =
        Element.castAs<CFGTemporaryDtor>().getBindTemporaryExpr();
    const CXXRecordDecl *Record = Bind->getType()->getAsCXXRecordDecl();
    if (!Record)
      return true;
    States After;
    destroyRegion(std::move(S), tempRegion(Bind->getSubExpr()), Record, Bind,
                  After);
    return Continue(After);
  }
  case CFGElement::Initializer: {
    const CXXCtorInitializer *Init =
        Element.castAs<CFGInitializer>().getInitializer();
    const FieldDecl *Field = Init->getMember();
    if (Field && ThisObject && Init->getInit()) {
      const Expr *InitExpr = Init->getInit();
      SVal V = valueOf(S, InitExpr);
      RegionId Target = fieldRegion(objectRegion(*ThisObject), Field);
      if (Field->getType()->isRecordType()) {
        if (V.isLoc() && V.Num == 0)
          copyRecord(S, V.Id, Target);
      } else {
        store(S, SVal::loc(Target), V, InitExpr, Field->getName());
      }
      S.envErase(InitExpr);
      S.envErase(skipParens(InitExpr));
      endFullExpression(*InitExpr, S);
    }
    return true;
  }
  default:
    return true;
  }
}

void Explorer::endFullExpression(const Stmt &Root, State &S) {
  // The branch consumes its condition.
  if (CurrentBlock) {
    const Expr *Cond = CurrentBlock->getLastCondition();
    if (Cond && (Cond == &Root || skipParens(Cond) == &Root))
      return;
  }
  // Temporaries die at the end of their full expression (unless a reference
  // extends their life, or the function returns them).
  llvm::SmallVector<RegionId, 4> DeadTemps;
  for (const auto &[R, V] : S.Store) {
    RegionId Base = RegionBase[R];
    const Region &Info = Regions[Base];
    if (Info.Kind != Region::Temp || llvm::is_contained(DeadTemps, Base))
      continue;
    const auto *E = static_cast<const Expr *>(Info.Ptr);
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E);
        M && M->getExtendingDecl())
      continue;
    if (S.Returned && S.Returned->isLoc() && RegionBase[S.Returned->Id] == Base)
      continue;
    // A temporary with a destructor dies when the CFG runs it, after this
    // full expression.
    if (isa_and_nonnull<CXXBindTemporaryExpr>(Parents->getParent(E)))
      continue;
    if (isWithin(E, &Root, *Parents))
      DeadTemps.push_back(Base);
  }
  bool DiscardedOwned = false;
  for (RegionId R : DeadTemps) {
    for (const auto &[K, V] : S.Store)
      if (RegionBase[K] == R)
        if (std::optional<ObjId> O = objectOf(V))
          DiscardedOwned |= ObjectTable[*O].Owned;
    removeBindingsUnder(S, R);
  }
  for (size_t I = 0; I < S.Env.size();) {
    const Expr *E = S.Env[I].first;
    if (!isWithin(E, &Root, *Parents)) {
      ++I;
      continue;
    }
    if (std::optional<ObjId> O = objectOf(S.Env[I].second))
      DiscardedOwned |= ObjectTable[*O].Owned;
    S.Env.erase(S.Env.begin() + I);
  }
  if (DiscardedOwned)
    collectGarbage(S, Root.getSourceRange(), LossKind::Discarded, "");
}

// ===== leaks =====

void Explorer::collectGarbage(State &S, SourceRange Where, LossKind Kind,
                              llvm::StringRef Subject) {
  // Fast path: nothing owned is alive.
  bool AnyOwnedLive = llvm::any_of(S.Objects, [&](const auto &Entry) {
    return ObjectTable[Entry.first].Owned &&
           Entry.second.Kind == ObjectStatus::Live;
  });
  if (!AnyOwnedLive)
    return;

  llvm::SmallDenseSet<ObjId, 16> Reached;
  llvm::SmallVector<ObjId, 16> Stack;
  auto Visit = [&](SVal V) {
    if (std::optional<ObjId> O = objectOf(V))
      if (ObjectTable[*O].Owned && Reached.insert(*O).second)
        Stack.push_back(*O);
  };
  for (const auto &Entry : S.Env)
    Visit(Entry.second);
  if (S.Returned)
    Visit(*S.Returned);
  // Roots: everything not inside a live owned object (variables,
  // temporaries, memory the function does not own, and owned memory that
  // escaped: what it holds is reachable from wherever it went).
  for (const auto &[R, V] : S.Store) {
    const Region &Base = Regions[RegionBase[R]];
    if (Base.Kind != Region::Object || !ObjectTable[Base.Obj].Owned) {
      Visit(V);
      continue;
    }
    const ObjectStatus *Status = S.status(Base.Obj);
    if (Status && Status->Kind == ObjectStatus::Escaped)
      Visit(V);
  }
  while (!Stack.empty()) {
    ObjId O = Stack.pop_back_val();
    RegionId OR = objectRegion(O);
    for (const auto &[R, V] : S.Store)
      if (RegionBase[R] == OR)
        Visit(V);
  }

  for (auto &[O, Status] : S.Objects) {
    const ObjectInfo &Info = ObjectTable[O];
    if (!Info.Owned || Status.Kind != ObjectStatus::Live || Reached.count(O))
      continue;
    // A failed allocation (null) is not a leak.
    RangeSet Addr = S.range(Info.AddrSym);
    if (Addr.singleValue() == 0)
      continue;
    Status.Kind = ObjectStatus::Lost;
    OwnershipFinding F;
    F.Kind = FindingKind::Leak;
    F.Range = Where.isValid() ? Where : Function.getBody()->getEndLoc();
    F.Variant = static_cast<unsigned>(Kind);
    F.Allocator = Info.Allocator;
    F.Subject = Subject.str();
    llvm::SmallVector<PathStep, 1> Trailing;
    if (Kind == LossKind::ContainerDropped && ContainerLoss) {
      F.Kind = FindingKind::ContainerOwningPointers;
      F.Variant = static_cast<unsigned>(ContainerLoss->How);
      F.Subject = ContainerLoss->Name;
      // The fix, as for member containers.
      Trailing.push_back(
          ownershipSuggestion(ContainerLoss->Container, F.Range, O));
    } else if (Kind == LossKind::ScopeEnd || Kind == LossKind::Return) {
      // A container of this scope dropped it a moment ago, while the
      // variable that dies now still pointed to it.
      for (const PathNode *N = S.Path.get(); N && N->Event.Block == CurrentBlock;
           N = N->Prev.get()) {
        const PathEvent &E = N->Event;
        if (E.Kind != PathEvent::ElementDropped || E.Obj != O)
          continue;
        F.Kind = FindingKind::ContainerOwningPointers;
        F.Variant = static_cast<unsigned>(E.Stored.Num);
        F.Subject = E.Message;
        F.Range = E.Range;
        Trailing.push_back(ownershipSuggestion(E.Target, F.Range, O));
        break;
      }
    }
    if (Kind == LossKind::Exception && !S.ThrowingCallee.empty()) {
      F.Variant = static_cast<unsigned>(LossKind::ExceptionFromCall);
      F.Subject = S.ThrowingCallee;
    }
    report(std::move(F), S, O, Info.Site, Trailing);
  }
}

void Explorer::handleExit(State S) {
  // Locals and parameters die; what they held is lost unless returned.
  llvm::SmallVector<RegionId, 8> Dead;
  for (const auto &[R, V] : S.Store) {
    const Region &Base = Regions[RegionBase[R]];
    if (Base.Kind == Region::Var &&
        static_cast<const VarDecl *>(Base.Ptr)->hasLocalStorage())
      Dead.push_back(RegionBase[R]);
  }
  for (RegionId R : Dead)
    removeBindingsUnder(S, R);
  if (S.Throwing) {
    collectGarbage(S, siteRange(S.Throwing), LossKind::Exception, "");
  } else {
    SourceRange Where = S.LastReturn ? S.LastReturn->getSourceRange()
                                     : SourceRange(Function.getBody()->getEndLoc());
    collectGarbage(S, Where, LossKind::Return, "");
  }
  recordSummaryCase(S);
}

// ===== findings =====

void Explorer::addEvent(State &S, PathEvent::KindTy Kind, ObjId Obj,
                        SourceRange Range, std::string Message) {
  PathEvent E{Kind, Obj, Range, std::move(Message), CurrentBlock};
  S.Path = std::make_shared<PathNode>(PathNode{std::move(E), S.Path});
}

/// Whether \p S releases something: a delete, a deallocator, or a call of a
/// function of the program (which may release what it is given).
static bool mayRelease(const Stmt *S, const SourceManager &SM) {
  if (isa<CXXDeleteExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (releaseByCall(*Call))
      return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->hasBody() &&
           !SM.isInSystemHeader(Callee->getLocation());
  }
  return false;
}

/// The blocks of the branch not taken at assumption \p E, up to where both
/// branches meet (at most 32 blocks); empty when \p E is no two-way branch.
static llvm::SmallPtrSet<const CFGBlock *, 16>
untakenRegion(const PathEvent &E, ControlDependencyCalculator &ControlDeps) {
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  const auto *Branch = static_cast<const CFGBlock *>(E.Block);
  if (!Branch || Branch->succ_size() != 2 || !E.Condition)
    return Seen;
  const CFGBlock *Untaken =
      Branch->succ_begin()[E.Taken ? 1 : 0].getReachableBlock();
  if (!Untaken)
    return Seen;
  auto &PostDom = const_cast<CFGPostDomTree &>(ControlDeps.getCFGPostDomTree());
  const CFGBlock *Join = nullptr;
  if (auto *Node = PostDom.getBase().getNode(const_cast<CFGBlock *>(Branch)))
    if (auto *IDom = Node->getIDom())
      Join = IDom->getBlock();
  llvm::SmallVector<const CFGBlock *, 8> Work{Untaken};
  constexpr unsigned MaxRegionBlocks = 32;
  while (!Work.empty() && Seen.size() < MaxRegionBlocks) {
    const CFGBlock *B = Work.pop_back_val();
    if (B == Join || !Seen.insert(B).second)
      continue;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        Work.push_back(Next);
  }
  return Seen;
}

bool Explorer::skipsRelease(const PathEvent &E) {
  if (!ControlDeps)
    ControlDeps = std::make_unique<ControlDependencyCalculator>(Cfg);
  for (const CFGBlock *B : untakenRegion(E, *ControlDeps))
    for (const CFGElement &Element : *B)
      if (auto Stmt = Element.getAs<CFGStmt>())
        if (mayRelease(Stmt->getStmt(), Context.getSourceManager()))
          return true;
  return false;
}

void Explorer::recordStore(State &S, RegionId Target, SVal V,
                           const Stmt *Where) {
  // Only pointers: findings are about where a pointer points.
  if (!V.isLoc())
    return;
  PathEvent E{PathEvent::ValueStore, 0, SourceRange(), "", CurrentBlock};
  E.Target = Target;
  E.Stored = V;
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(Where)) {
    if (B->isAssignmentOp()) {
      E.Source = B->getRHS();
      E.FromOldValue = B->isCompoundAssignmentOp();
    }
  } else if (const auto *U = dyn_cast_or_null<UnaryOperator>(Where)) {
    E.FromOldValue = U->isIncrementDecrementOp();
  } else if (const auto *X = dyn_cast_or_null<Expr>(Where)) {
    // An initialiser, or what a 'new' or a call stored.
    E.Source = X;
  }
  S.addEvent(std::move(E));
}

std::optional<RegionId> Explorer::namedRegion(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && !Var->getType()->isReferenceType())
      return varRegion(Var);
    return std::nullopt;
  }
  if (const auto *M = dyn_cast<MemberExpr>(E); M && !M->isArrow())
    if (const auto *Field = dyn_cast<FieldDecl>(M->getMemberDecl());
        Field && !Field->getType()->isReferenceType())
      if (std::optional<RegionId> Base = namedRegion(M->getBase()))
        return fieldRegion(*Base, Field);
  return std::nullopt;
}

void Explorer::valueOrigins(const Expr *E, const PathNode *From,
                            std::optional<RegionId> Region,
                            ValueOrigins &Out) {
  constexpr unsigned MaxSteps = 32;
  if (!E || ++Out.Steps > MaxSteps)
    return;
  E = E->IgnoreParenCasts();
  if (DeclContext)
    if (CFGStmtMap *Map = DeclContext->getCFGStmtMap())
      if (const CFGBlock *B = Map->getBlock(const_cast<Expr *>(E)))
        Out.Keys.push_back(B);

  // 'c ? a : b': the arm the path took (when it had to assume the
  // condition; a decided condition is no step of the path).
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    for (const PathNode *N = From; N; N = N->Prev.get()) {
      const PathEvent &Ev = N->Event;
      const auto *Branch = static_cast<const CFGBlock *>(Ev.Block);
      if (Ev.Kind == PathEvent::Assumption && Branch &&
          Branch->getTerminatorStmt() == C) {
        valueOrigins(Ev.Taken ? C->getTrueExpr() : C->getFalseExpr(), From,
                     Region, Out);
        return;
      }
    }
    return;
  }
  const Expr *Named = E;
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->isAdditiveOp()) {
      // Pointer arithmetic: the pointer operand (the other one has no
      // stores of pointers).
      valueOrigins(B->getLHS(), From, Region, Out);
      valueOrigins(B->getRHS(), From, Region, Out);
      return;
    }
    if (B->getOpcode() == BO_Comma) {
      valueOrigins(B->getRHS(), From, Region, Out);
      return;
    }
    if (!B->isAssignmentOp())
      return;
    // 'p = q' as a value: what 'p' holds after the store.
    Named = B->getLHS();
  } else if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_AddrOf) {
      // '&p[2]', '&p->field': the memory 'p' points into.
      const Expr *Sub = U->getSubExpr()->IgnoreParens();
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(Sub))
        valueOrigins(A->getBase(), From, Region, Out);
      else if (const auto *M = dyn_cast<MemberExpr>(Sub); M && M->isArrow())
        valueOrigins(M->getBase(), From, Region, Out);
      return;
    }
    if (!U->isIncrementDecrementOp())
      return;
    Named = U->getSubExpr();
  }

  // A variable, or a field of one: the stores the path made to it, latest
  // first, back to one that did not derive from the old value; and the
  // branches in between that skipped a store to it.
  std::optional<RegionId> Target = namedRegion(Named);
  if (!Target)
    return;
  for (const PathNode *N = From; N; N = N->Prev.get()) {
    const PathEvent &Ev = N->Event;
    if (Ev.Kind == PathEvent::Assumption) {
      if (skipsStore(Ev, *Target))
        Out.Skipping.push_back(static_cast<const CFGBlock *>(Ev.Block));
      continue;
    }
    if (Ev.Kind != PathEvent::ValueStore || Ev.Target != *Target)
      continue;
    // A store of a value that points elsewhere is not the origin: something
    // the path does not record (unknown code, a widened loop) wrote the
    // location since.
    if (Region && (!Ev.Stored.isLoc() || Ev.Stored.Id != *Region))
      return;
    Out.Keys.push_back(static_cast<const CFGBlock *>(Ev.Block));
    if (Ev.Source)
      valueOrigins(Ev.Source, N->Prev.get(), Ev.Stored.Id, Out);
    if (!Ev.FromOldValue || ++Out.Steps > MaxSteps)
      return;
    Region = Ev.Stored.Id;
  }
}

bool Explorer::skipsStore(const PathEvent &E, RegionId Target) {
  if (!ControlDeps)
    ControlDeps = std::make_unique<ControlDependencyCalculator>(Cfg);
  for (const CFGBlock *B : untakenRegion(E, *ControlDeps))
    for (const CFGElement &Element : *B) {
      auto Stmt = Element.getAs<CFGStmt>();
      if (!Stmt)
        continue;
      const Expr *Written = nullptr;
      if (const auto *Assign = dyn_cast<BinaryOperator>(Stmt->getStmt());
          Assign && Assign->isAssignmentOp())
        Written = Assign->getLHS();
      else if (const auto *U = dyn_cast<UnaryOperator>(Stmt->getStmt());
               U && U->isIncrementDecrementOp())
        Written = U->getSubExpr();
      if (Written && namedRegion(Written) == Target)
        return true;
    }
  return false;
}

void Explorer::report(OwnershipFinding F, const State &S, ObjId About,
                      const void *Key, llvm::ArrayRef<PathStep> Trailing,
                      const Expr *Pointer, SVal PointerValue) {
  F.Function = &Function;
  if (!FindingKeys
           .insert({static_cast<unsigned>(F.Kind),
                    F.Range.getBegin().getRawEncoding(), Key})
           .second)
    return;

  // The decisive branches are those on which the key blocks (where the
  // object was allocated, released, used or lost) are control dependent,
  // directly or through other branches. Other assumptions of the path are
  // not shown.
  llvm::SmallVector<CFGBlock *, 8> Pending;
  auto AddKey = [&](const void *B) {
    if (B)
      Pending.push_back(const_cast<CFGBlock *>(static_cast<const CFGBlock *>(B)));
  };
  AddKey(CurrentBlock);
  if (DeclContext)
    if (CFGStmtMap *Map = DeclContext->getCFGStmtMap()) {
      if (S.LastReturn)
        AddKey(Map->getBlock(const_cast<Stmt *>(S.LastReturn)));
      if (S.Throwing)
        AddKey(Map->getBlock(const_cast<Stmt *>(S.Throwing)));
    }
  // Where a pointer's value came from (the branch that chose '&local' over
  // 'new', the loop that advanced a cursor): the pointer of the finding, and
  // the pointers of the steps of the object (the alias an earlier 'delete'
  // released).
  ValueOrigins Origins;
  auto AddOrigins = [&](const Expr *E, const PathNode *From, SVal V) {
    std::optional<RegionId> Into;
    if (V.isLoc())
      Into = V.Id;
    valueOrigins(E, From, Into, Origins);
  };
  bool Leak = F.Kind == FindingKind::Leak ||
              F.Kind == FindingKind::ContainerOwningPointers;
  auto IsStep = [&](const PathEvent &E) {
    return About && E.Obj == About &&
           (E.Kind == PathEvent::ObjectStep ||
            (E.Kind == PathEvent::Alias && !Leak));
  };
  for (const PathNode *N = S.Path.get(); N; N = N->Prev.get())
    if (IsStep(N->Event)) {
      AddKey(N->Event.Block);
      if (N->Event.Source)
        AddOrigins(N->Event.Source, N->Prev.get(), N->Event.Stored);
    }
  if (Pointer)
    AddOrigins(Pointer, S.Path.get(), PointerValue);
  for (const CFGBlock *B : Origins.Keys)
    AddKey(B);
  if (!ControlDeps)
    ControlDeps = std::make_unique<ControlDependencyCalculator>(Cfg);
  llvm::SmallPtrSet<const CFGBlock *, 16> Decisive, Visited;
  for (const CFGBlock *B : Origins.Skipping) {
    Decisive.insert(B);
    AddKey(B);
  }
  while (!Pending.empty()) {
    CFGBlock *B = Pending.pop_back_val();
    if (!Visited.insert(B).second)
      continue;
    for (CFGBlock *D : ControlDeps->getControlDependencies(B)) {
      Decisive.insert(D);
      Pending.push_back(D);
    }
  }

  llvm::SmallVector<const PathEvent *, 16> Events;
  unsigned Assumptions = 0;
  constexpr unsigned MaxAssumptionNotes = 8;
  for (const PathNode *N = S.Path.get(); N; N = N->Prev.get()) {
    const PathEvent &E = N->Event;
    bool Keep = false;
    if (E.Kind == PathEvent::CaseChoice)
      Keep = About && E.Obj == About;
    else if (E.Kind == PathEvent::ObjectStep || E.Kind == PathEvent::Alias)
      Keep = IsStep(E);
    else if (E.Kind == PathEvent::Assumption)
      Keep = (Decisive.count(static_cast<const CFGBlock *>(E.Block)) ||
              (F.Kind == FindingKind::Leak && skipsRelease(E))) &&
             Assumptions++ < MaxAssumptionNotes;
    if (Keep)
      Events.push_back(&E);
  }
  // A step that repeats the one before it (a loop's condition assumed true
  // on each round; a callee that releases at the same place as the release
  // before it) says nothing new.
  auto AddStep = [&](const PathStep &Step) {
    if (!F.Steps.empty() && F.Steps.back().Range == Step.Range &&
        F.Steps.back().Message == Step.Message)
      return;
    F.Steps.push_back(Step);
  };
  for (auto It = Events.rbegin(); It != Events.rend(); ++It) {
    const PathEvent &E = **It;
    std::string Message = E.Message;
    const auto *Block = static_cast<const CFGBlock *>(E.Block);
    const auto *RangeFor = Block ? dyn_cast_or_null<CXXForRangeStmt>(
                                       Block->getTerminatorStmt())
                                 : nullptr;
    if (Message.empty() && RangeFor && RangeFor->getRangeInit())
      // The condition of a range-based for is the compiler's own
      // ('__begin1 != __end1'): say what it means.
      Message = "assuming the loop over '" +
                describe(RangeFor->getRangeInit()) + "' " +
                (E.Taken ? "runs" : "ends");
    else if (Message.empty() && E.Condition)
      Message = "assuming '" + describe(E.Condition) + "' is " +
                (E.Taken ? "true" : "false");
    AddStep({E.Range, Message});
  }
  for (const PathStep &Step : Trailing)
    AddStep(Step);
  Result.Findings.push_back(std::move(F));
}

// ===== summaries =====

void Explorer::recordSummaryCase(const State &S) {
  SummaryCase Case;
  // Allocations stored into memory the caller's objects hold.
  llvm::SmallDenseSet<ObjId, 4> HandedOver;
  for (unsigned I = 0; I < ParamSyms.size(); ++I)
    if (ParamSyms[I]) {
      RangeSet R = S.range(*ParamSyms[I]);
      if (!R.isFull())
        Case.Conditions.push_back({static_cast<int>(I), R});
    }
  for (const auto &[O, Status] : S.Objects) {
    const ObjectInfo &Info = ObjectTable[O];
    if (!Info.Origin)
      continue;
    if (Status.Kind == ObjectStatus::Released)
      Case.Releases.push_back({*Info.Origin, Status.ReleaseFam,
                               Status.ReleasedBy,
                               Status.ReleaseSite
                                   ? Status.ReleaseSite->getBeginLoc()
                                   : SourceLocation()});
    if (Status.Kind == ObjectStatus::Escaped)
      Case.Escapes.push_back(*Info.Origin);
    if (Status.Derefed)
      Case.Derefs.push_back(*Info.Origin);
  }
  for (const auto &[R, V] : S.Store) {
    const Region &Base = Regions[RegionBase[R]];
    if (Base.Kind == Region::Var) {
      // A parameter's object stored into a global escapes.
      if (!static_cast<const VarDecl *>(Base.Ptr)->hasLocalStorage())
        if (std::optional<ObjId> O = objectOf(V); O && ObjectTable[*O].Origin)
          Case.Escapes.push_back(*ObjectTable[*O].Origin);
      continue;
    }
    // A parameter's object stored into memory this function allocated: the
    // new object (returned, or kept somewhere) holds it now.
    if (Base.Kind == Region::Object && ObjectTable[Base.Obj].Owned) {
      if (std::optional<ObjId> O = objectOf(V); O && ObjectTable[*O].Origin)
        Case.Escapes.push_back(*ObjectTable[*O].Origin);
      continue;
    }
    if (Base.Kind != Region::Object || !ObjectTable[Base.Obj].Origin)
      continue;
    const FieldDecl *Field = nullptr;
    if (R != RegionBase[R]) {
      const Region &Info = Regions[R];
      if (Info.Kind == Region::Slot) {
        // A container reached from a parameter whose elements went where
        // the caller cannot follow them.
        if (isHandedOutMarker(R)) {
          const Region &ContainerInfo = Regions[Info.Parent];
          if (Info.Parent == RegionBase[R])
            Case.ElementEscapes.push_back({*ObjectTable[Base.Obj].Origin, nullptr});
          else if (ContainerInfo.Kind == Region::Field &&
                   ContainerInfo.Parent == RegionBase[R])
            Case.ElementEscapes.push_back(
                {*ObjectTable[Base.Obj].Origin,
                 static_cast<const FieldDecl *>(ContainerInfo.Ptr)});
          else
            Case.Escapes.push_back(*ObjectTable[Base.Obj].Origin);
          continue;
        }
        // An element of a container reached from a parameter: what the
        // caller gave goes into memory the caller does not own.
        std::optional<ObjId> O = objectOf(V);
        if (!O)
          continue;
        const Region &ContainerInfo = Regions[Info.Parent];
        // A member container of the parameter's object, or the object
        // itself ('std::vector<T *> &list').
        bool Member = ContainerInfo.Kind == Region::Field &&
                      ContainerInfo.Parent == RegionBase[R];
        bool Itself = Info.Parent == RegionBase[R];
        if (ObjectTable[*O].Origin) {
          // What the caller gave, put into a container it can name (a
          // method of a user container type putting its argument into its
          // 'std::vector<T *>'): the caller's container holds it. Deeper,
          // it goes where the caller cannot follow.
          const ObjectStatus *Status = S.status(*O);
          if ((Member || Itself) &&
              (!Status || Status->Kind == ObjectStatus::Live))
            Case.ElementStores.push_back(
                {*ObjectTable[Base.Obj].Origin,
                 Member ? static_cast<const FieldDecl *>(ContainerInfo.Ptr)
                        : nullptr,
                 describeValue(S, V), false, SourceLocation()});
          else
            Case.Escapes.push_back(*ObjectTable[*O].Origin);
          continue;
        }
        if (ObjectTable[*O].Owned && (Member || Itself)) {
          HandedOver.insert(*O);
          Case.ElementStores.push_back(
              {*ObjectTable[Base.Obj].Origin,
               Member ? static_cast<const FieldDecl *>(ContainerInfo.Ptr)
                      : nullptr,
               describeValue(S, V), false, SourceLocation()});
        }
        continue;
      }
      if (Info.Kind != Region::Field || Info.Parent != RegionBase[R]) {
        // Deeper inside the object (a member of a member): a summary cannot
        // say where, so a parameter's object stored there escapes.
        if (std::optional<ObjId> O = objectOf(V); O && ObjectTable[*O].Origin)
          Case.Escapes.push_back(*ObjectTable[*O].Origin);
        continue;
      }
      Field = static_cast<const FieldDecl *>(Info.Ptr);
    }
    // A value read lazily (the region's content on entry, or after unknown
    // code ran) was not stored by this function.
    auto Initial = InitialValues.find(R);
    if (Initial != InitialValues.end() && llvm::is_contained(Initial->second, V))
      continue;
    StoreEffect Store{*ObjectTable[Base.Obj].Origin, Field, describeValue(S, V),
                      false, SourceLocation()};
    // The old content: known null, or released by this function, or not.
    Store.OverwritesLive = true;
    if (Initial != InitialValues.end())
      for (SVal Old : Initial->second)
        if (std::optional<ObjId> O = objectOf(Old)) {
          const ObjectStatus *Status = S.status(*O);
          if (S.range(ObjectTable[*O].AddrSym).singleValue() == 0 ||
              (Status && Status->Kind == ObjectStatus::Released))
            Store.OverwritesLive = false;
        }
    if (auto Site = StoreSites.find(R); Site != StoreSites.end())
      Store.Site = Site->second;
    if (std::optional<ObjId> O = objectOf(V))
      HandedOver.insert(*O);
    Case.Stores.push_back(Store);
  }
  for (RegionId C : S.ElementsReleased) {
    // A container reached from a parameter whose elements were all released.
    const Region &Info = Regions[C];
    const Region &Base = Regions[RegionBase[C]];
    if (Info.Kind == Region::Field && Info.Parent == RegionBase[C] &&
        Base.Kind == Region::Object && ObjectTable[Base.Obj].Origin)
      Case.ElementReleases.push_back(
          {*ObjectTable[Base.Obj].Origin,
           static_cast<const FieldDecl *>(Info.Ptr)});
    else if (C == RegionBase[C] && Base.Kind == Region::Object &&
             ObjectTable[Base.Obj].Origin)
      Case.ElementReleases.push_back({*ObjectTable[Base.Obj].Origin, nullptr});
  }
  if (S.Returned) {
    // Memory the function also stored where its caller's objects own it (a
    // member, a member container) is lent to the caller, not handed over.
    std::optional<ObjId> Returned = objectOf(*S.Returned);
    if (!Returned || !HandedOver.count(*Returned))
      Case.Return = describeValue(S, *S.Returned);
    // A struct returned by value: what its fields hold (param -2 is the
    // returned object).
    SVal R = *S.Returned;
    if (R.isLoc() && Regions[R.Id].Kind == Region::Temp &&
        Function.getReturnType()->isRecordType())
      for (const auto &[K, V] : S.Store) {
        const Region &Info = Regions[K];
        if (Info.Kind == Region::Field && Info.Parent == R.Id)
          Case.Stores.push_back({AccessPath{-2, {}},
                                 static_cast<const FieldDecl *>(Info.Ptr),
                                 describeValue(S, V), false,
                                 SourceLocation()});
      }
  }
  Case.Throws = S.Throwing != nullptr;
  llvm::sort(Case.Releases, [](const ReleaseEffect &A, const ReleaseEffect &B) {
    return A.Object < B.Object;
  });
  llvm::sort(Case.Derefs);
  llvm::sort(Case.Escapes);
  Case.Escapes.erase(std::unique(Case.Escapes.begin(), Case.Escapes.end()),
                     Case.Escapes.end());
  llvm::sort(Case.Stores, [](const StoreEffect &A, const StoreEffect &B) {
    return std::tie(A.Object, A.Field) < std::tie(B.Object, B.Field);
  });

  // Merge with a case of the same effects when their conditions differ in at
  // most one parameter (the union is then exact).
  for (SummaryCase &Existing : ExitCases) {
    if (!Existing.sameEffects(Case))
      continue;
    auto RangeOf = [](const SummaryCase &C, int Param) {
      for (const auto &[P, R] : C.Conditions)
        if (P == Param)
          return R;
      return RangeSet::full();
    };
    llvm::SmallVector<int, 4> ParamsUsed;
    for (const auto &[P, R] : Existing.Conditions)
      ParamsUsed.push_back(P);
    for (const auto &[P, R] : Case.Conditions)
      if (!llvm::is_contained(ParamsUsed, P))
        ParamsUsed.push_back(P);
    unsigned Differ = 0;
    for (int P : ParamsUsed)
      Differ += RangeOf(Existing, P) != RangeOf(Case, P);
    if (Differ > 1)
      continue;
    llvm::SmallVector<std::pair<int, RangeSet>, 2> Merged;
    for (int P : ParamsUsed) {
      RangeSet U = RangeOf(Existing, P).unite(RangeOf(Case, P));
      if (!U.isFull())
        Merged.push_back({P, U});
    }
    Existing.Conditions = std::move(Merged);
    return;
  }
  ExitCases.push_back(std::move(Case));
}

} // namespace clang::tidy::memreview::engine

namespace clang::tidy::memreview::engine {

ExplorationResult exploreFunction(const FunctionDecl &Function,
                                  ASTContext &Context,
                                  SummaryProvider &Summaries,
                                  const Budget &Limits) {
  Explorer E(Function, Context, Summaries, Limits);
  return E.run();
}

} // namespace clang::tidy::memreview::engine
