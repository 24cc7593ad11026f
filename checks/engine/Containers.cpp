//===--- Containers.cpp - standard containers of owning raw pointers ------===//
//
// Part of memreview. A standard container that receives memory the function
// owns ('orders.push_back(new Order)', 'counts[new Key] = 1') holds it in a
// slot: the memory stays reachable while the container lives. When the
// container drops its elements (it goes out of scope or is destroyed,
// cleared, resized to zero, assigned over, or loses an element the engine
// can name) what is not released elsewhere is lost: a
// memreview-container-owning-pointers finding. Loops that delete every
// element, std::for_each with a deleting callable, and functions of the
// translation unit that do, release the slots. A container type of the
// program holds what its member functions' summaries put into the standard
// containers inside it. Containers declared non-owning hold nothing.
//
//===----------------------------------------------------------------------===//

#include "engine/ExplorerImpl.h"
#include "engine/Classes.h"
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

bool Explorer::isUserContainer(QualType T) const {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || isContainer(T))
    return false;
  // Elements go in by one of the members of the standard containers, and
  // can be visited.
  bool Adds = false, Visits = false;
  for (const CXXMethodDecl *M : RD->getDefinition()->methods()) {
    if (M->getOverloadedOperator() == OO_Subscript) {
      Adds = Visits = true;
      continue;
    }
    if (!M->getIdentifier())
      continue;
    llvm::StringRef Name = M->getName();
    Adds |= llvm::is_contained(
        {"push_back", "emplace_back", "insert", "emplace", "push_front"}, Name);
    Visits |= llvm::is_contained({"begin", "size", "empty"}, Name);
  }
  return Adds && Visits;
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

/// Distinguish the markers from every element slot (by their addresses).
static const char ExactTag = 1;
static const char HandedOutTag = 2;

bool Explorer::isHandedOutMarker(RegionId R) const {
  return Regions[R].Kind == Region::Slot && Regions[R].Ptr == &HandedOutTag;
}

void Explorer::handOut(State &S, RegionId From, RegionId To) {
  RegionId Base = RegionBase[From];
  if (To && RegionBase[To] == Base)
    return;
  const Region &Info = Regions[Base];
  if (Info.Kind != Region::Object || !ObjectTable[Info.Obj].Origin)
    return;
  // What this function knows of the elements goes with them; the caller,
  // which may know more, learns it from the summary.
  escapeElements(S, From);
  Region Marker{Region::Slot};
  Marker.Parent = From;
  Marker.Ptr = &HandedOutTag;
  S.bind(intern(Marker), SVal::integer(1));
}

RegionId Explorer::exactRegion(RegionId Container) {
  Region R{Region::Slot};
  R.Parent = Container;
  R.Ptr = &ExactTag;
  return intern(R);
}

bool Explorer::isExact(const State &S, RegionId Container) {
  return S.lookup(exactRegion(Container)) != nullptr;
}

void Explorer::setExact(State &S, RegionId Container, bool Exact) {
  if (Exact)
    S.bind(exactRegion(Container), SVal::integer(1));
  else
    S.unbind(exactRegion(Container));
}

void Explorer::forgetExactness(State &S, SVal V) {
  if (!V.isLoc())
    return;
  RegionId Base = RegionBase[V.Id];
  llvm::erase_if(S.Store, [&](const auto &Entry) {
    const Region &Info = Regions[Entry.first];
    return Info.Kind == Region::Slot && Info.Ptr == &ExactTag &&
           RegionBase[Entry.first] == Base;
  });
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

bool Explorer::addElement(State &S, RegionId Container, SVal V,
                          const Expr *Site, llvm::StringRef Name) {
  std::optional<ObjId> O = objectOf(V);
  if (!O || V.Num != 0 || V.UnknownOffset)
    return false;
  const ObjectInfo &Info = ObjectTable[*O];
  const ObjectStatus *Status = S.status(*O);
  bool Live = Status ? Status->Kind == ObjectStatus::Live : !Info.Owned;
  // Memory this function owns, or the pointee of a parameter (whose
  // summary then says which container of the caller holds it).
  if (!Live || (!Info.Owned && !Info.Origin))
    return false;
  // A container declared not to own its elements: whoever does releases
  // them.
  if (isNonOwning(Container)) {
    escapeValue(S, V);
    return false;
  }
  S.bind(slotRegion(Container, *O), V);
  if (Info.Owned)
    addEvent(S, PathEvent::ObjectStep, *O, Site->getSourceRange(),
             "memory is stored in '" + Name.str() + "' here");
  return true;
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
  ContainerLoss = {How, Name.str(), Container};
  collectGarbage(S, Where, LossKind::ContainerDropped, Name);
  ContainerLoss.reset();
  // At the end of a scope, the variables that still point to the elements
  // ('T *p = new T; v.push_back(p);') die with the container: the loss is
  // the container's.
  if (How != DropKind::ScopeEnd)
    return;
  for (const auto &[R, O] : Elements) {
    const ObjectStatus *Status = S.status(O);
    if (!ObjectTable[O].Owned || !Status || Status->Kind != ObjectStatus::Live)
      continue;
    PathEvent E{PathEvent::ElementDropped, O, Where, Name.str(), CurrentBlock};
    E.Target = Container;
    E.Stored = SVal::integer(static_cast<int64_t>(How));
    S.addEvent(std::move(E));
  }
}

void Explorer::dropElement(State &S, RegionId Container, RegionId Slot,
                           SourceRange Where, llvm::StringRef Name) {
  S.unbind(Slot);
  ContainerLoss = {DropKind::Erased, Name.str(), Container};
  collectGarbage(S, Where, LossKind::ContainerDropped, Name);
  ContainerLoss.reset();
}

llvm::SmallVector<std::pair<RegionId, ObjId>, 4>
Explorer::elementsWithin(const State &S, RegionId Container) const {
  llvm::SmallVector<std::pair<RegionId, ObjId>, 4> Out;
  for (const auto &[R, V] : S.Store) {
    if (Regions[R].Kind != Region::Slot)
      continue;
    bool Inside = false;
    for (RegionId K = Regions[R].Parent; K && !Inside;
         K = Regions[K].isPart() ? Regions[K].Parent : 0)
      Inside = K == Container;
    if (!Inside)
      continue;
    if (std::optional<ObjId> O = objectOf(V))
      Out.push_back({R, *O});
  }
  return Out;
}

void Explorer::escapeElements(State &S, RegionId Container) {
  for (const auto &[R, O] : elementsWithin(S, Container))
    escapeValue(S, SVal::loc(objectRegion(O)));
}

void Explorer::releaseElements(State &S, RegionId Container, Family Fam,
                               llvm::StringRef Deallocator, const Stmt *Site,
                               llvm::StringRef Name) {
  // One release per element; a second loop over released elements is a
  // double delete. (The elements of a container type of the program are
  // those of the standard containers inside it.)
  for (const auto &[R, O] : elementsWithin(S, Container))
    release(S, SVal::loc(objectRegion(O)), Fam, Deallocator, Site,
            "an element of '" + Name.str() + "'");
  if (!llvm::is_contained(S.ElementsReleased, Container))
    S.ElementsReleased.push_back(Container);
}

void Explorer::swapContainers(State &S, RegionId A, RegionId B,
                              const Expr *Site) {
  handOut(S, A, B);
  handOut(S, B, A);
  auto Mine = elementsOf(S, A), Theirs = elementsOf(S, B);
  // Where the elements went, for the notes of a later finding.
  auto Moved = [&](ObjId O, RegionId To) {
    std::string Name = regionName(To);
    if (ObjectTable[O].Owned && !Name.empty())
      addEvent(S, PathEvent::ObjectStep, O, Site->getSourceRange(),
               "memory moves to '" + Name + "' here");
  };
  for (const auto &[R, O] : Mine)
    Moved(O, B);
  for (const auto &[R, O] : Theirs)
    Moved(O, A);
  bool ExactA = isExact(S, A), ExactB = isExact(S, B);
  for (const auto &[R, O] : Mine)
    S.unbind(R);
  for (const auto &[R, O] : Theirs)
    S.unbind(R);
  for (const auto &[R, O] : Mine)
    S.bind(slotRegion(B, O), SVal::loc(objectRegion(O)));
  for (const auto &[R, O] : Theirs)
    S.bind(slotRegion(A, O), SVal::loc(objectRegion(O)));
  setExact(S, A, ExactB);
  setExact(S, B, ExactA);
}

/// The container whose iterator \p E is ('c.begin()', 'c.end()',
/// 'std::begin(c)', 'c.cbegin()'...), with \p IsEnd telling which end and
/// \p Offset whether \p E is some distance from it ('c.begin() + 1',
/// 'std::next(c.begin())'); null when \p E is no such iterator.
static const Expr *containerOfIterator(const Expr *E, bool &IsEnd,
                                       bool *Offset = nullptr) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    const Expr *Moved = nullptr;
    if (const auto *B = dyn_cast<BinaryOperator>(E);
        B && (B->getOpcode() == BO_Add || B->getOpcode() == BO_Sub))
      Moved = B->getLHS();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
             Op && Op->getNumArgs() == 2 &&
             (Op->getOperator() == OO_Plus || Op->getOperator() == OO_Minus))
      Moved = Op->getArg(0);
    else if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          (Callee->getName() == "next" || Callee->getName() == "prev") &&
          Call->getNumArgs() >= 1)
        Moved = Call->getArg(0);
    if (Moved) {
      if (!Offset)
        return nullptr;
      *Offset = true;
      E = Moved;
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    break;
  }
  auto Classify = [&](const NamedDecl *D) {
    if (!D || !D->getIdentifier())
      return false;
    llvm::StringRef Name = D->getName();
    bool Begin = llvm::is_contained({"begin", "cbegin", "rbegin", "crbegin"},
                                    Name);
    bool End = llvm::is_contained({"end", "cend", "rend", "crend"}, Name);
    IsEnd = End;
    return Begin || End;
  };
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return Classify(Member->getMethodDecl()) && Member->getNumArgs() == 0
               ? Member->getImplicitObjectArgument()
               : nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->isInStdNamespace() && Call->getNumArgs() == 1 &&
        Classify(Callee))
      return Call->getArg(0);
  return nullptr;
}

/// Whether \p A and \p B name the same object: the same variable, or the
/// same member of the same object.
static bool sameObject(const Expr *A, const Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(A) && isa<CXXThisExpr>(B))
    return true;
  if (const auto *RA = dyn_cast<DeclRefExpr>(A))
    if (const auto *RB = dyn_cast<DeclRefExpr>(B))
      return RA->getDecl()->getCanonicalDecl() ==
             RB->getDecl()->getCanonicalDecl();
  if (const auto *MA = dyn_cast<MemberExpr>(A))
    if (const auto *MB = dyn_cast<MemberExpr>(B))
      return MA->getMemberDecl() == MB->getMemberDecl() &&
             sameObject(MA->getBase(), MB->getBase());
  return false;
}

bool Explorer::copyElementsFromRange(State &S, RegionId Container,
                                     const Expr *Range) {
  bool IsEnd = false;
  const Expr *From = containerOfIterator(Range, IsEnd);
  if (!From || !isContainer(From->getType()))
    return false;
  SVal Where = valueOf(S, From);
  if (!Where.isLoc() || Where.UnknownOffset)
    return true;
  RegionId Source = elementRegion(Where.Id, Where.Num, false);
  if (Source == Container)
    return true;
  handOut(S, Source, Container);
  for (const auto &[R, O] : elementsOf(S, Source))
    S.bind(slotRegion(Container, O), SVal::loc(objectRegion(O)));
  return true;
}

bool Explorer::isNonOwning(RegionId Container) const {
  for (RegionId R = Container; R;) {
    const Region &Info = Regions[R];
    switch (Info.Kind) {
    case Region::Var: {
      const auto *Var = static_cast<const VarDecl *>(Info.Ptr);
      return isDeclaredNonOwning(Var, Var->getType());
    }
    case Region::Field: {
      const auto *Field = static_cast<const FieldDecl *>(Info.Ptr);
      if (isDeclaredNonOwning(Field, Field->getType()))
        return true;
      R = Info.Parent;
      continue;
    }
    case Region::Element:
    case Region::Slot:
      R = Info.Parent;
      continue;
    case Region::Object: {
      // The container a parameter refers to, or one this function made.
      const ObjectInfo &Object = ObjectTable[Info.Obj];
      if (Object.Origin && Object.Origin->Param >= 0 &&
          Object.Origin->Fields.empty() &&
          static_cast<unsigned>(Object.Origin->Param) <
              Function.getNumParams()) {
        const ParmVarDecl *P = Function.getParamDecl(Object.Origin->Param);
        return isDeclaredNonOwning(P, P->getType());
      }
      return !Object.AllocatedType.isNull() &&
             isDeclaredNonOwning(nullptr, Object.AllocatedType);
    }
    default:
      return false;
    }
  }
  return false;
}

PathStep Explorer::ownershipSuggestion(RegionId Container,
                                       SourceRange Fallback,
                                       ObjId Element) const {
  // The declaration of the container: a variable, a member, a parameter.
  const ValueDecl *Decl = nullptr;
  const Region &Info = Regions[Container];
  if (Info.Kind == Region::Var || Info.Kind == Region::Field) {
    Decl = static_cast<const ValueDecl *>(Info.Ptr);
  } else if (Info.Kind == Region::Object) {
    const ObjectInfo &Object = ObjectTable[Info.Obj];
    if (Object.Origin && Object.Origin->Param >= 0 &&
        Object.Origin->Fields.empty() &&
        static_cast<unsigned>(Object.Origin->Param) < Function.getNumParams())
      Decl = Function.getParamDecl(Object.Origin->Param);
  }
  QualType Type = Decl ? Decl->getType() : QualType();
  // Only the standard containers have a matching container of smart
  // pointers to suggest; of a user type, the note names none.
  std::string Text = engine::ownershipSuggestion(
      isContainer(Type) ? Type : QualType(Context.VoidTy),
      ObjectTable[Element].Fam, Context);
  return {Decl ? Decl->getSourceRange() : Fallback, Text};
}

/// What a member function of a standard container does to its elements.
enum class ContainerOp {
  Add,
  Clear,
  PopBack,
  PopFront,
  Erase,
  Remove,
  Resize,
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
      .Cases("insert_or_assign", "insert_after", "emplace_after",
             ContainerOp::Add)
      .Case("clear", ContainerOp::Clear)
      .Case("pop_back", ContainerOp::PopBack)
      .Case("pop_front", ContainerOp::PopFront)
      .Cases("erase", "erase_after", ContainerOp::Erase)
      .Case("remove", ContainerOp::Remove)
      .Case("resize", ContainerOp::Resize)
      .Cases("remove_if", "unique", "extract", "splice", "splice_after",
             ContainerOp::PartialDrop)
      .Case("merge", ContainerOp::PartialDrop)
      .Case("assign", ContainerOp::Assign)
      .Case("swap", ContainerOp::Swap)
      .Case("at", ContainerOp::NamedElement)
      .Cases("front", "back", ContainerOp::FrontBack)
      .Default(ContainerOp::Other);
}

/// A type the class \p RD declares ('iterator', 'key_type'), canonical.
static QualType memberType(const CXXRecordDecl *RD, llvm::StringRef Name,
                           const ASTContext &Context) {
  if (!RD)
    return QualType();
  for (const NamedDecl *D : RD->lookup(&Context.Idents.get(Name))) {
    if (const auto *Alias = dyn_cast<TypedefNameDecl>(D))
      return Alias->getUnderlyingType().getCanonicalType();
    if (const auto *Nested = dyn_cast<TypeDecl>(D))
      return Context.getTypeDeclType(Nested).getCanonicalType();
  }
  return QualType();
}

/// Whether \p RD is a set or a map (elements found by key).
static bool isAssociative(const CXXRecordDecl *RD) {
  return RD && RD->getIdentifier() &&
         (RD->getName().ends_with("set") || RD->getName().ends_with("map"));
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
  const auto *Class = cast<CXXMethodDecl>(Method).getParent();
  QualType Iterator = memberType(Class, "iterator", Context);
  QualType ConstIterator = memberType(Class, "const_iterator", Context);
  auto IsIterator = [&](const Expr *E) {
    QualType T = E->getType().getNonReferenceType().getCanonicalType()
                     .getUnqualifiedType();
    return !T.isNull() && ((!Iterator.isNull() && T == Iterator) ||
                           (!ConstIterator.isNull() && T == ConstIterator));
  };
  // The pointer an argument passes, through the reference it binds to.
  auto PointerArg = [&](unsigned I) -> std::optional<SVal> {
    QualType T = ArgExprs[I]->getType();
    if (!T->isPointerType())
      return std::nullopt;
    SVal V = Args[I];
    if (V.isLoc() && I < Method.getNumParams() &&
        Method.getParamDecl(I)->getType()->isReferenceType())
      return load(S, V, T);
    return V;
  };
  // The element a key or value argument designates ('s.erase(p)',
  // 'm.erase(1)', 'l.remove(p)'), if the engine follows it.
  auto ElementNamed = [&](unsigned I) -> std::optional<RegionId> {
    if (std::optional<SVal> P = PointerArg(I)) {
      if (std::optional<ObjId> O = objectOf(*P))
        if (S.lookup(slotRegion(Container, *O)))
          return slotRegion(Container, *O);
      return std::nullopt;
    }
    SVal Key = Args[I];
    if (Key.isLoc() && ArgExprs[I]->getType()->isIntegralOrEnumerationType())
      Key = load(S, Key, ArgExprs[I]->getType());
    if (Key.Kind != SVal::Int)
      return std::nullopt;
    for (const auto &[R, O] : elementsOf(S, Container))
      if (Regions[R].Obj == 0 && !Regions[R].Ptr && !Regions[R].UnknownIndex &&
          Regions[R].Index == Key.Num)
        return R;
    return std::nullopt;
  };

  switch (classifyMethod(Method)) {
  case ContainerOp::Add: {
    bool Tracked = false;
    for (unsigned I = 0; I < Args.size(); ++I) {
      QualType T = ArgExprs[I]->getType();
      SVal V = Args[I];
      // 'v.insert(v.end(), other.begin(), other.end())': the elements of
      // 'other' are copied; the position names no element.
      if (IsIterator(ArgExprs[I])) {
        copyElementsFromRange(S, Container, ArgExprs[I]);
        continue;
      }
      // Arguments bind to references: what they name is the element (or a
      // pair holding it, for maps).
      if (V.isLoc() && Method.getNumParams() > 0 &&
          Method.getParamDecl(std::min<unsigned>(I, Method.getNumParams() - 1))
              ->getType()
              ->isReferenceType()) {
        if (T->isPointerType()) {
          Tracked |= addElement(S, Container, load(S, V, T), Call, Name);
          continue;
        }
        if (T->isRecordType()) {
          // A pair or a struct: each pointer it holds goes in.
          llvm::SmallVector<SVal, 2> Held;
          for (const auto &[K, Value] : S.Store)
            if (K != V.Id && RegionBase[K] == RegionBase[V.Id])
              Held.push_back(Value);
          for (SVal H : Held)
            Tracked |= addElement(S, Container, H, Call, Name);
          continue;
        }
      }
      if (T->isPointerType())
        Tracked |= addElement(S, Container, V, Call, Name);
    }
    // An element the engine does not follow went in: the container holds
    // more than the engine knows.
    if (!Tracked)
      setExact(S, Container, false);
    return true;
  }
  case ContainerOp::Clear:
    dropElements(S, Container, DropKind::Cleared, Call->getSourceRange(), Name);
    setExact(S, Container, true);
    return true;
  case ContainerOp::PopBack:
  case ContainerOp::PopFront:
  case ContainerOp::Erase:
  case ContainerOp::Remove: {
    auto Elements = elementsOf(S, Container);
    ContainerOp Op = classifyMethod(Method);
    // 's.erase(p)', 'm.erase(key)', 'l.remove(p)': the element with that
    // key or value goes, if there is one.
    bool ByKey = (Op == ContainerOp::Remove && Args.size() == 1) ||
                 (Op == ContainerOp::Erase && isAssociative(Class) &&
                  Args.size() == 1 && !IsIterator(ArgExprs[0]));
    if (ByKey) {
      if (std::optional<RegionId> Slot = ElementNamed(0)) {
        dropElement(S, Container, *Slot, Call->getSourceRange(), Name);
        return true;
      }
      // Which element goes is not known (perhaps none).
      escapeElements(S, Container);
      setExact(S, Container, false);
      return true;
    }
    // One element goes: which one is known only when the engine knows
    // every element and there is one ('v.erase(first, last)' drops an
    // unknown number).
    bool OneOfOne = Elements.size() == 1 && isExact(S, Container) &&
                    (Op != ContainerOp::Erase || Args.size() == 1);
    if (OneOfOne) {
      dropElements(S, Container, DropKind::Erased, Call->getSourceRange(),
                   Name);
      return true;
    }
    escapeElements(S, Container);
    setExact(S, Container, false);
    return true;
  }
  case ContainerOp::Resize: {
    auto Elements = elementsOf(S, Container);
    SVal Size = Args.empty() ? SVal::unknown() : Args[0];
    if (Size.Kind == SVal::Int && Size.Num == 0) {
      dropElements(S, Container, DropKind::Resized, Call->getSourceRange(),
                   Name);
      setExact(S, Container, true);
      return true;
    }
    // Growing keeps every element (and adds null ones); shrinking drops
    // elements the engine cannot name.
    bool Grows = Size.Kind == SVal::Int && isExact(S, Container) &&
                 Size.Num >= static_cast<int64_t>(Elements.size());
    if (!Grows)
      escapeElements(S, Container);
    setExact(S, Container, false);
    return true;
  }
  case ContainerOp::PartialDrop:
    // Some elements may go, or be handed to a node handle.
    escapeElements(S, Container);
    setExact(S, Container, false);
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
    setExact(S, Container, false);
    if (From) {
      handOut(S, *From, Container);
      copyRecord(S, *From, Container);
      if (ArgExprs[0]->isXValue()) {
        for (const auto &[R, O] : elementsOf(S, *From))
          S.unbind(R);
        setExact(S, *From, false);
      }
    } else {
      bool Range = false;
      for (unsigned I = 0; I < Args.size(); ++I)
        if (IsIterator(ArgExprs[I]))
          Range |= copyElementsFromRange(S, Container, ArgExprs[I]);
      if (!Range)
        for (SVal V : Args)
          escapeValue(S, V);
    }
    return true;
  }
  case ContainerOp::Swap:
    if (!Args.empty() && Args[0].isLoc() &&
        isContainer(ArgExprs[0]->getType())) {
      swapContainers(S, Container, Args[0].Id, Call);
      return true;
    }
    setExact(S, Container, false);
    return false;
  case ContainerOp::NamedElement: {
    // Declared not to own its elements: what is stored there goes where
    // the engine does not follow.
    if (isNonOwning(Container))
      return true;
    // 'm[new Key]': a map's key is an element too.
    if (isAssociative(Class) && Method.getOverloadedOperator() == OO_Subscript &&
        !Args.empty()) {
      std::optional<SVal> Key = PointerArg(0);
      if (!Key || !addElement(S, Container, *Key, Call, Name))
        setExact(S, Container, false);
    }
    // 'v[i]' names an element the engine does not know; an assignment to it
    // puts a value in the container. An integer key is read through the
    // reference it binds to ('m[1]').
    std::optional<SVal> Key;
    if (!Args.empty()) {
      Key = Args[0];
      if (Key->isLoc() && ArgExprs[0]->getType()->isIntegralOrEnumerationType())
        Key = load(S, *Key, ArgExprs[0]->getType());
    }
    // 'v[0]' of a vector the engine knows to hold one element is that
    // element (unless a loop released them all: its body names them again).
    auto Elements = elementsOf(S, Container);
    if (!isAssociative(Class) && Key && Key->Kind == SVal::Int &&
        Key->Num == 0 && Elements.size() == 1 && isExact(S, Container) &&
        !llvm::is_contained(S.ElementsReleased, Container)) {
      Result = SVal::loc(Elements.front().first);
      return true;
    }
    Result = SVal::loc(namedSlotRegion(Container, Call, Key));
    return true;
  }
  case ContainerOp::FrontBack: {
    // The element is known when the engine knows that it is the only one.
    auto Elements = elementsOf(S, Container);
    Result = Elements.size() == 1 && isExact(S, Container) &&
                     !llvm::is_contained(S.ElementsReleased, Container)
                 ? SVal::loc(Elements.front().first)
                 : SVal::loc(namedSlotRegion(Container, Call));
    return true;
  }
  case ContainerOp::Other: {
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
    bool Modelled =
        (isa<CXXMethodDecl>(Method) && cast<CXXMethodDecl>(Method).isConst()) ||
        llvm::StringSwitch<bool>(Method.getIdentifier() ? Method.getName() : "")
            .Cases("begin", "end", "cbegin", "cend", true)
            .Cases("rbegin", "rend", "find", "count", true)
            .Cases("size", "empty", "reserve", "shrink_to_fit", true)
            .Cases("lower_bound", "upper_bound", "equal_range", "contains",
                   true)
            .Case("before_begin", true)
            .Default(false);
    if (!Modelled)
      setExact(S, Container, false);
    return Modelled;
  }
  }
  return false;
}

// ===== algorithms with a callable =====

/// The function a callable argument invokes: a function, or the single
/// call operator taking one argument of a lambda or function object.
static const FunctionDecl *calledFunction(const Expr *E,
                                          const ASTContext &Context) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E);
        Cast && isa<CXXFunctionalCastExpr, CXXStaticCastExpr>(Cast)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_AddrOf) {
      E = Unary->getSubExpr();
      continue;
    }
    break;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl()))
      return Function;
  const CXXRecordDecl *RD =
      E->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return nullptr;
  const FunctionDecl *Found = nullptr;
  unsigned Candidates = 0;
  auto Consider = [&](const FunctionDecl *F) {
    if (F->getNumParams() != 1)
      return;
    ++Candidates;
    Found = F;
  };
  for (const NamedDecl *D : RD->getDefinition()->lookup(
           Context.DeclarationNames.getCXXOperatorName(OO_Call))) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(D))
      Consider(M);
    else if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      for (const FunctionDecl *Spec : T->specializations())
        Consider(Spec);
  }
  return Candidates == 1 ? Found : nullptr;
}

/// Whether \p Path, reached from the only parameter of a callable, is the
/// element the callable receives: the pointer itself, through a reference
/// to it, or a member of a pair ('kv.second').
static bool isElementPath(const AccessPath &Path, const FunctionDecl &Callable) {
  if (Path.Param != 0)
    return false;
  QualType T = Callable.getParamDecl(0)->getType();
  if (T->isPointerType())
    return Path.Fields.empty();
  if (!T->isReferenceType())
    return false;
  QualType Referent = T.getNonReferenceType();
  if (Referent->isPointerType())
    return Path.Fields.size() == 1 && !Path.Fields[0];
  return Referent->isRecordType() && Path.Fields.size() == 1 &&
         Path.Fields[0] && Path.Fields[0]->getType()->isPointerType();
}

void Explorer::algorithmCall(const FunctionDecl &Callee, const CallExpr &Call,
                             llvm::ArrayRef<const Expr *> ArgExprs,
                             State &S) {
  if (ArgExprs.size() < 2 || !Callee.getIdentifier())
    return;
  bool FirstIsEnd = false, Partial = false;
  const Expr *Visited = containerOfIterator(ArgExprs[0], FirstIsEnd, &Partial);
  if (!Visited || !isContainer(Visited->getType()))
    return;
  Partial |= FirstIsEnd;
  const FunctionDecl *Callable = calledFunction(ArgExprs.back(), Context);
  if (!Callable || Callable->getNumParams() == 0)
    return;
  SVal Where = valueOf(S, Visited);
  if (!Where.isLoc() || Where.UnknownOffset)
    return;
  RegionId Container = elementRegion(Where.Id, Where.Num, false);
  std::string Name = describe(Visited);

  // Over every element: '(c.begin(), c.end(), f)', '(c.begin(), c.size(), f)'.
  llvm::StringRef Algorithm = Callee.getName();
  bool Whole = false;
  if (Algorithm == "for_each" && ArgExprs.size() == 3) {
    bool IsEnd = false;
    const Expr *Last = containerOfIterator(ArgExprs[1], IsEnd);
    Whole = Last && IsEnd && sameObject(Visited, Last);
  } else if (Algorithm == "for_each_n" && ArgExprs.size() == 3) {
    const auto *Size =
        dyn_cast<CXXMemberCallExpr>(ArgExprs[1]->IgnoreParenImpCasts());
    Whole = Size && Size->getMethodDecl() &&
            Size->getMethodDecl()->getIdentifier() &&
            Size->getMethodDecl()->getName() == "size" &&
            sameObject(Visited, Size->getImplicitObjectArgument());
  }

  // What the callable does to the element it receives (a callable of the
  // library, 'std::function' or 'std::mem_fn', is not analysed: unknown).
  const FunctionSummary *Summary =
      isSystemDecl(Callable) ? nullptr : Summaries.summaryFor(*Callable);
  bool ReleasesEach = Summary && Summary->Known;
  bool Touches = !Summary || !Summary->Known;
  Family Fam = Family::New;
  std::string Deallocator = "delete";
  if (Summary && Summary->Known) {
    bool AnyCase = false;
    for (const SummaryCase &Case : Summary->Cases) {
      if (Case.Throws)
        continue;
      AnyCase = true;
      bool Releases = false;
      for (const ReleaseEffect &R : Case.Releases)
        if (isElementPath(R.Object, *Callable)) {
          Releases = true;
          Fam = R.Fam;
          Deallocator = R.Deallocator;
        }
      ReleasesEach &= Releases;
      auto FromParam = [](const AccessPath &P) { return P.Param == 0; };
      auto StoresParam = [&](const StoreEffect &St) {
        return St.Value.Kind == ValueDesc::ObjectOf &&
               FromParam(St.Value.Path);
      };
      Touches |= Releases || llvm::any_of(Case.Escapes, FromParam) ||
                 llvm::any_of(Case.Stores, StoresParam) ||
                 llvm::any_of(Case.ElementStores, StoresParam) ||
                 llvm::any_of(Case.Releases, [&](const ReleaseEffect &R) {
                   return FromParam(R.Object);
                 });
    }
    ReleasesEach &= AnyCase;
  }
  if (ReleasesEach && Whole && !Partial) {
    releaseElements(S, Container, Fam, Deallocator, &Call, Name);
    return;
  }
  if (!Touches)
    return;
  // The callable releases some elements, or hands them on, or is unknown:
  // they are no longer this container's concern.
  escapeElements(S, Container);
  const Region &Base = Regions[RegionBase[Container]];
  if (Base.Kind == Region::Object && ObjectTable[Base.Obj].Origin)
    escapeValue(S, SVal::loc(RegionBase[Container]));
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

/// The object of the first call to a member function named \p A or \p B in
/// \p Cond (a loop condition: 'i < c.size()', '!c.empty()'), if any.
static const Expr *objectOfCallIn(const Stmt *Cond, llvm::StringRef A,
                                  llvm::StringRef B) {
  llvm::SmallVector<const Stmt *, 8> Stack{Cond};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
      if (const auto *M = Call->getMethodDecl();
          M && M->getIdentifier() && (M->getName() == A || M->getName() == B))
        return Call->getImplicitObjectArgument();
    for (const Stmt *Child : S->children())
      Stack.push_back(Child);
  }
  return nullptr;
}

std::optional<Explorer::Disposal> Explorer::disposalOf(const Stmt &Loop) {
  auto Cached = Disposals.find(&Loop);
  if (Cached != Disposals.end())
    return Cached->second;
  std::optional<Disposal> Result;
  const Expr *Container = nullptr;
  const VarDecl *LoopVar = nullptr, *Iterator = nullptr;
  const Stmt *Body = nullptr;
  bool Empties = false;

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
    Container = objectOfCallIn(For->getCond(), "size", "end");
  } else if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
    // 'while (!c.empty()) { delete c.back(); c.pop_back(); }'
    Body = While->getBody();
    Empties = true;
    Container = objectOfCallIn(While->getCond(), "empty", "size");
  }
  if (Container && Body &&
      (isContainer(Container->getType()) ||
       isUserContainer(Container->getType()))) {
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
      // Adopted by an object under construction ('std::unique_ptr<T>(p)',
      // 'Owner o(p)'): no longer this container's concern.
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
        for (const Expr *Arg : Construct->arguments())
          if (namesElement(Arg, LoopVar, Iterator, Container, Context) &&
              Arg->getType()->isPointerType())
            Result = Disposal{Container, false, Family::New, "", Construct};
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
  if (Result)
    Result->Empties = Empties;
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
    // The loop's own body releases the elements the engine released as a
    // whole: 'v[0]' there is no second release of the element stored as
    // 'v[0]'. A loop that pops as it releases leaves the container empty.
    for (const auto &[R, O] : elementsWithin(S, Container))
      if (D->Empties || Regions[R].Obj == 0)
        S.unbind(R);
    if (D->Empties)
      setExact(S, Container, true);
    return;
  }
  escapeElements(S, Container);
  // The elements of a caller's container (a member, through 'this'), which
  // this function does not know, go the same way: a summary cannot say so,
  // so the object holding the container escapes.
  const Region &Base = Regions[RegionBase[Container]];
  if (Base.Kind == Region::Object && ObjectTable[Base.Obj].Origin)
    escapeValue(S, SVal::loc(RegionBase[Container]));
}

} // namespace clang::tidy::memreview::engine
