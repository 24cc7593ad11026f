//===--- Containers.cpp - standard containers of owning raw pointers ------===//
//
// Part of memreview. A standard container that receives memory the function
// owns ('orders.push_back(new Order)') holds it in a slot: the memory stays
// reachable while the container lives. When the container drops its elements
// (it goes out of scope or is destroyed, cleared, assigned over, or loses an
// element) what is not released elsewhere is lost: a
// memreview-container-owning-pointers finding. Loops that delete every
// element, and functions of the translation unit that do, release the slots.
//
//===----------------------------------------------------------------------===//

#include "engine/ExplorerImpl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::memreview::engine {

bool Explorer::isContainer(QualType T) const {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  const clang::DeclContext *Context = RD->getDeclContext();
  while (Context && !Context->isFileContext())
    Context = Context->getParent();
  if (!Context || !Context->isStdNamespace())
    return false;
  return llvm::StringSwitch<bool>(RD->getName())
      .Cases("vector", "deque", "list", "forward_list", "array", true)
      .Cases("set", "multiset", "unordered_set", "unordered_multiset", true)
      .Cases("map", "multimap", "unordered_map", "unordered_multimap", true)
      .Default(false);
}

RegionId Explorer::slotRegion(RegionId Container, ObjId Element) {
  Region R{Region::Slot};
  R.Parent = Container;
  R.Obj = Element;
  return intern(R);
}

RegionId Explorer::namedSlotRegion(RegionId Container, const Expr *Named,
                                   std::optional<SVal> Key) {
  Region R{Region::Slot};
  R.Parent = Container;
  if (Key && Key->Kind == SVal::Int) {
    // 'v[0]' is the same element wherever it is written.
    R.Index = Key->Num;
  } else if (Key && Key->Kind == SVal::Sym) {
    R.Ptr = Named;
    R.Index = Key->Id;
    R.UnknownIndex = true;
  } else {
    R.Ptr = Named;
  }
  return intern(R);
}

llvm::SmallVector<std::pair<RegionId, ObjId>, 4>
Explorer::elementsOf(const State &S, RegionId Container) const {
  llvm::SmallVector<std::pair<RegionId, ObjId>, 4> Out;
  for (const auto &[R, V] : S.Store) {
    const Region &Info = Regions[R];
    if (Info.Kind != Region::Slot || Info.Parent != Container)
      continue;
    if (std::optional<ObjId> O = objectOf(V))
      Out.push_back({R, *O});
  }
  return Out;
}

void Explorer::addElement(State &S, RegionId Container, SVal V,
                          const Expr *Site, llvm::StringRef Name) {
  std::optional<ObjId> O = objectOf(V);
  if (!O || V.Num != 0 || !ObjectTable[*O].Owned)
    return;
  const ObjectStatus *Status = S.status(*O);
  if (!Status || Status->Kind != ObjectStatus::Live)
    return;
  S.bind(slotRegion(Container, *O), V);
  addEvent(S, PathEvent::ObjectStep, *O, Site->getSourceRange(),
           "memory is stored in '" + Name.str() + "' here");
}

void Explorer::dropElements(State &S, RegionId Container, DropKind How,
                            SourceRange Where, llvm::StringRef Name) {
  llvm::SmallVector<std::pair<RegionId, ObjId>, 4> Elements =
      elementsOf(S, Container);
  if (Elements.empty())
    return;
  for (const auto &[R, O] : Elements)
    S.unbind(R);
  // The container's own name, for the message.
  ContainerLoss = {How, Name.str()};
  collectGarbage(S, Where, LossKind::ContainerDropped, Name);
  ContainerLoss.reset();
}

void Explorer::partialDrop(State &S, RegionId Container, SourceRange Where,
                           llvm::StringRef Name) {
  // Which element goes is known only when there is one.
  auto Elements = elementsOf(S, Container);
  if (Elements.size() <= 1) {
    dropElements(S, Container, DropKind::Erased, Where, Name);
    return;
  }
  for (const auto &[R, O] : Elements)
    escapeValue(S, SVal::loc(objectRegion(O)));
}

void Explorer::releaseElements(State &S, RegionId Container, Family Fam,
                               llvm::StringRef Deallocator, const Stmt *Site,
                               llvm::StringRef Name) {
  for (const auto &[R, O] : elementsOf(S, Container)) {
    const ObjectStatus *Status = S.status(O);
    // One release per element; a second loop over released elements is a
    // double delete.
    release(S, SVal::loc(objectRegion(O)), Fam, Deallocator, Site,
            "an element of '" + Name.str() + "'");
    (void)Status;
  }
  if (!llvm::is_contained(S.ElementsReleased, Container))
    S.ElementsReleased.push_back(Container);
}

/// What a member function of a standard container does to its elements.
enum class ContainerOp {
  Add,
  Clear,
  PartialDrop,
  Assign,
  Swap,
  NamedElement,
  FrontBack,
  Other,
};

static ContainerOp classifyMethod(const FunctionDecl &Method) {
  if (Method.getOverloadedOperator() == OO_Equal)
    return ContainerOp::Assign;
  if (Method.getOverloadedOperator() == OO_Subscript)
    return ContainerOp::NamedElement;
  if (!Method.getIdentifier())
    return ContainerOp::Other;
  return llvm::StringSwitch<ContainerOp>(Method.getName())
      .Cases("push_back", "push_front", "emplace_back", "emplace_front",
             ContainerOp::Add)
      .Cases("insert", "emplace", "emplace_hint", "try_emplace",
             ContainerOp::Add)
      .Case("insert_or_assign", ContainerOp::Add)
      .Case("clear", ContainerOp::Clear)
      .Cases("pop_back", "pop_front", "erase", "resize", "remove",
             ContainerOp::PartialDrop)
      .Cases("remove_if", "unique", "erase_after", "extract",
             ContainerOp::PartialDrop)
      .Case("assign", ContainerOp::Assign)
      .Case("swap", ContainerOp::Swap)
      .Case("at", ContainerOp::NamedElement)
      .Cases("front", "back", ContainerOp::FrontBack)
      .Default(ContainerOp::Other);
}

bool Explorer::containerCall(const FunctionDecl &Method, const Expr *Call,
                             llvm::ArrayRef<SVal> Args,
                             llvm::ArrayRef<const Expr *> ArgExprs,
                             SVal Object, State &S, SVal &Result) {
  if (!Object.isLoc() || Object.UnknownOffset)
    return false;
  RegionId Container = elementRegion(Object.Id, Object.Num, false);
  std::string Name;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Name = describe(Member->getImplicitObjectArgument());
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    Name = describe(Op->getArg(0));
  if (Name == "the pointer")
    Name = "the container";
  Result = freshValue(S, Call->getType());

  switch (classifyMethod(Method)) {
  case ContainerOp::Add:
    for (unsigned I = 0; I < Args.size(); ++I) {
      QualType T = ArgExprs[I]->getType();
      SVal V = Args[I];
      // Arguments bind to references: what they name is the element (or a
      // pair holding it, for maps).
      if (V.isLoc() && Method.getParamDecl(std::min<unsigned>(
                                               I, Method.getNumParams() - 1))
                           ->getType()
                           ->isReferenceType()) {
        if (T->isPointerType()) {
          addElement(S, Container, load(S, V, T), Call, Name);
          continue;
        }
        if (T->isRecordType()) {
          // A pair or a struct: each pointer it holds goes in.
          llvm::SmallVector<SVal, 2> Held;
          for (const auto &[K, Value] : S.Store)
            if (K != V.Id && RegionBase[K] == RegionBase[V.Id])
              Held.push_back(Value);
          for (SVal H : Held)
            addElement(S, Container, H, Call, Name);
          continue;
        }
      }
      if (T->isPointerType())
        addElement(S, Container, V, Call, Name);
    }
    return true;
  case ContainerOp::Clear:
    dropElements(S, Container, DropKind::Cleared, Call->getSourceRange(), Name);
    return true;
  case ContainerOp::PartialDrop:
    partialDrop(S, Container, Call->getSourceRange(), Name);
    return true;
  case ContainerOp::Assign: {
    // The old elements are dropped; those of a container assigned from are
    // copied (or moved).
    std::optional<RegionId> From;
    if (!Args.empty() && ArgExprs[0]->getType()->isRecordType() &&
        isContainer(ArgExprs[0]->getType()) && Args[0].isLoc())
      From = Args[0].Id;
    if (From && *From == Container)
      return true;
    dropElements(S, Container, DropKind::Assigned, Call->getSourceRange(),
                 Name);
    if (From) {
      copyRecord(S, *From, Container);
      if (ArgExprs[0]->isXValue())
        for (const auto &[R, O] : elementsOf(S, *From))
          S.unbind(R);
    } else {
      for (SVal V : Args)
        escapeValue(S, V);
    }
    return true;
  }
  case ContainerOp::Swap:
    if (!Args.empty() && Args[0].isLoc() && isContainer(ArgExprs[0]->getType())) {
      RegionId Other = Args[0].Id;
      auto Mine = elementsOf(S, Container), Theirs = elementsOf(S, Other);
      for (const auto &[R, O] : Mine)
        S.unbind(R);
      for (const auto &[R, O] : Theirs)
        S.unbind(R);
      for (const auto &[R, O] : Mine)
        S.bind(slotRegion(Other, O), SVal::loc(objectRegion(O)));
      for (const auto &[R, O] : Theirs)
        S.bind(slotRegion(Container, O), SVal::loc(objectRegion(O)));
      return true;
    }
    return false;
  case ContainerOp::NamedElement:
    // 'v[i]' names an element the engine does not know; an assignment to it
    // puts a value in the container.
    Result = SVal::loc(namedSlotRegion(
        Container, Call,
        Args.empty() ? std::nullopt : std::optional<SVal>(Args[0])));
    return true;
  case ContainerOp::FrontBack: {
    auto Elements = elementsOf(S, Container);
    Result = Elements.size() == 1
                 ? SVal::loc(Elements.front().first)
                 : SVal::loc(namedSlotRegion(Container, Call));
    return true;
  }
  case ContainerOp::Other:
    // The elements the engine knows (each added with its own value) are a
    // lower bound of the size.
    if (Method.getIdentifier() &&
        (Method.getName() == "size" || Method.getName() == "empty")) {
      int64_t Known = 0;
      for (const auto &[R, O] : elementsOf(S, Container))
        Known += Regions[R].Obj != 0;
      if (Known > 0 && Result.Kind == SVal::Sym)
        S.constrain(Result.Id, Method.getName() == "size"
                                   ? RangeSet::satisfying(">=", Known)
                                   : RangeSet::single(0));
    }
    // Reads (size, empty, begin, find...), and the rest: the elements stay.
    return (isa<CXXMethodDecl>(Method) && cast<CXXMethodDecl>(Method).isConst()) ||
           llvm::StringSwitch<bool>(
                                   Method.getIdentifier() ? Method.getName()
                                                          : "")
                                   .Cases("begin", "end", "cbegin", "cend",
                                          true)
                                   .Cases("rbegin", "rend", "find", "count",
                                          true)
                                   .Cases("size", "empty", "reserve",
                                          "shrink_to_fit", true)
                                   .Cases("lower_bound", "upper_bound",
                                          "equal_range", "contains", true)
                                   .Default(false);
  }
  return false;
}

// ===== loops that dispose of every element =====

/// Whether \p E names the element a loop is visiting: the loop variable (or
/// a binding or member of it: 'kv.second', '[key, value]'), '*it',
/// 'it->second', 'c[i]', 'c.back()', 'c.front()'.
static bool namesElement(const Expr *E, const VarDecl *LoopVar,
                         const VarDecl *Iterator, const Expr *Container,
                         const ASTContext &Context) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (LoopVar && Ref->getDecl() == LoopVar)
      return true;
    if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl()))
      return LoopVar && Binding->getDecomposedDecl() == LoopVar;
    return false;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return namesElement(Member->getBase(), LoopVar, Iterator, Container,
                        Context);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind K = Op->getOperator();
    if ((K == OO_Star || K == OO_Arrow) && Iterator && Op->getNumArgs() >= 1)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
        return Ref->getDecl() == Iterator;
    if (K == OO_Subscript && Container && Op->getNumArgs() >= 1)
      return Op->getArg(0)->IgnoreParenImpCasts()->getReferencedDeclOfCallee() ==
                 Container->IgnoreParenImpCasts()->getReferencedDeclOfCallee() &&
             Container->IgnoreParenImpCasts()->getReferencedDeclOfCallee();
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const auto *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        (Method->getName() == "back" || Method->getName() == "front") &&
        Container)
      return Call->getImplicitObjectArgument()
                     ->IgnoreParenImpCasts()
                     ->getReferencedDeclOfCallee() ==
                 Container->IgnoreParenImpCasts()->getReferencedDeclOfCallee() &&
             Container->IgnoreParenImpCasts()->getReferencedDeclOfCallee();
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    if (Unary->getOpcode() == UO_Deref && Iterator)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Unary->getSubExpr()->IgnoreParenImpCasts()))
        return Ref->getDecl() == Iterator;
  return false;
}

std::optional<Explorer::Disposal> Explorer::disposalOf(const Stmt &Loop) {
  auto Cached = Disposals.find(&Loop);
  if (Cached != Disposals.end())
    return Cached->second;
  std::optional<Disposal> Result;
  const Expr *Container = nullptr;
  const VarDecl *LoopVar = nullptr, *Iterator = nullptr;
  const Stmt *Body = nullptr;

  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
    Container = Range->getRangeInit();
    LoopVar = Range->getLoopVariable();
    Body = Range->getBody();
  } else if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    // 'for (auto it = c.begin(); it != c.end(); ++it)' and
    // 'for (i = 0; i < c.size(); ++i)': the container is the object of the
    // size()/end() call in the condition.
    Body = For->getBody();
    if (const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit()))
      if (Init->isSingleDecl())
        Iterator = dyn_cast<VarDecl>(Init->getSingleDecl());
    llvm::SmallVector<const Stmt *, 8> Stack{For->getCond()};
    while (!Stack.empty() && !Container) {
      const Stmt *S = Stack.pop_back_val();
      if (!S)
        continue;
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
        if (const auto *M = Call->getMethodDecl();
            M && M->getIdentifier() &&
            (M->getName() == "size" || M->getName() == "end"))
          Container = Call->getImplicitObjectArgument();
      for (const Stmt *Child : S->children())
        Stack.push_back(Child);
    }
  } else if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
    // 'while (!c.empty()) { delete c.back(); c.pop_back(); }'
    Body = While->getBody();
    llvm::SmallVector<const Stmt *, 8> Stack{While->getCond()};
    while (!Stack.empty() && !Container) {
      const Stmt *S = Stack.pop_back_val();
      if (!S)
        continue;
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
        if (const auto *M = Call->getMethodDecl();
            M && M->getIdentifier() &&
            (M->getName() == "empty" || M->getName() == "size"))
          Container = Call->getImplicitObjectArgument();
      for (const Stmt *Child : S->children())
        Stack.push_back(Child);
    }
  }
  if (Container && Body && isContainer(Container->getType())) {
    // The body releases the element, or hands it to something else.
    llvm::SmallVector<const Stmt *, 16> Stack{Body};
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S)
        continue;
      for (const Stmt *Child : S->children())
        Stack.push_back(Child);
      if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S)) {
        if (namesElement(Delete->getArgument(), LoopVar, Iterator, Container,
                         Context)) {
          Result = Disposal{Container, true, releasedFamily(*Delete),
                            Delete->isArrayForm() ? "delete[]" : "delete",
                            Delete};
          break;
        }
        continue;
      }
      const auto *Call = dyn_cast<CallExpr>(S);
      if (!Call)
        continue;
      // A member function of the element that may change it ('unref()',
      // 'release()', 'close()'): a reference-counted element may delete
      // itself there.
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
        if (const CXXMethodDecl *M = Member->getMethodDecl();
            M && !M->isConst() &&
            namesElement(Member->getImplicitObjectArgument(), LoopVar,
                         Iterator, Container, Context) &&
            Member->getImplicitObjectArgument()->getType()->isPointerType())
          Result = Disposal{Container, false, Family::New, "", Call};
      if (std::optional<CallRelease> R = releaseByCall(*Call))
        if (R->ArgIndex < Call->getNumArgs() &&
            namesElement(Call->getArg(R->ArgIndex), LoopVar, Iterator,
                         Container, Context)) {
          Result = Disposal{Container, true, R->Fam, R->Callee.str(), Call};
          break;
        }
      // Handed to another call (a helper that releases it, a smart
      // pointer, another container): no longer this container's concern.
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (namesElement(Call->getArg(I), LoopVar, Iterator, Container,
                         Context) &&
            Call->getArg(I)->getType()->isPointerType())
          Result = Disposal{Container, false, Family::New, "", Call};
    }
  }
  Disposals[&Loop] = Result;
  return Result;
}

void Explorer::applyDisposal(const Stmt &Loop, State &S) {
  std::optional<Disposal> D = disposalOf(Loop);
  if (!D)
    return;
  SVal Where = valueOf(S, D->Container);
  if (!Where.isLoc() || Where.UnknownOffset)
    return;
  RegionId Container = elementRegion(Where.Id, Where.Num, false);
  std::string Name = describe(D->Container);
  if (D->Releases) {
    releaseElements(S, Container, D->Fam, D->Deallocator, D->Site, Name);
    return;
  }
  for (const auto &[R, O] : elementsOf(S, Container))
    escapeValue(S, SVal::loc(objectRegion(O)));
  // The elements of a caller's container (a member, through 'this'), which
  // this function does not know, go the same way: a summary cannot say so,
  // so the object holding the container escapes.
  const Region &Base = Regions[RegionBase[Container]];
  if (Base.Kind == Region::Object && ObjectTable[Base.Obj].Origin)
    escapeValue(S, SVal::loc(RegionBase[Container]));
}

} // namespace clang::tidy::memreview::engine
