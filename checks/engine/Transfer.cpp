//===--- Transfer.cpp - evaluation of expressions and statements ----------===//
//
// Part of memreview. Each CFG element is evaluated on a State: its value is
// computed from the values of its already evaluated children (which it
// consumes), and its effects (stores, allocations, releases) applied.
//
//===----------------------------------------------------------------------===//

#include "engine/ExplorerImpl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::memreview::engine {

const Expr *Explorer::skipParens(const Expr *E) const {
  while (true) {
    if (const auto *P = dyn_cast<ParenExpr>(E))
      E = P->getSubExpr();
    else if (const auto *C = dyn_cast<ConstantExpr>(E))
      E = C->getSubExpr();
    else if (const auto *F = dyn_cast<ExprWithCleanups>(E))
      E = F->getSubExpr();
    else
      return E;
  }
}

static int64_t sizeOfPointee(ASTContext &Context, QualType PointerType) {
  QualType Pointee = PointerType->getPointeeType();
  if (Pointee.isNull() || Pointee->isVoidType() || Pointee->isIncompleteType() ||
      Pointee->isDependentType() || Pointee->isFunctionType())
    return 1;
  return Context.getTypeSizeInChars(Pointee).getQuantity();
}

/// Expressions without effects whose evaluation waits for their parent.
static bool isPure(const Stmt *S) {
  switch (S->getStmtClass()) {
  case Stmt::DeclRefExprClass:
  case Stmt::IntegerLiteralClass:
  case Stmt::CharacterLiteralClass:
  case Stmt::CXXBoolLiteralExprClass:
  case Stmt::CXXNullPtrLiteralExprClass:
  case Stmt::GNUNullExprClass:
  case Stmt::StringLiteralClass:
  case Stmt::FloatingLiteralClass:
  case Stmt::ParenExprClass:
  case Stmt::CXXThisExprClass:
  case Stmt::ImplicitCastExprClass:
    return true;
  case Stmt::UnaryOperatorClass:
    return cast<UnaryOperator>(S)->getOpcode() == UO_AddrOf ||
           cast<UnaryOperator>(S)->getOpcode() == UO_Plus;
  default:
    return false;
  }
}

SVal Explorer::valueOf(State &S, const Expr *E) {
  if (!E)
    return SVal::unknown();
  if (const SVal *V = S.envLookup(E))
    return *V;
  switch (E->getStmtClass()) {
  case Stmt::ParenExprClass:
    return valueOf(S, cast<ParenExpr>(E)->getSubExpr());
  case Stmt::ConstantExprClass:
    return valueOf(S, cast<ConstantExpr>(E)->getSubExpr());
  case Stmt::ExprWithCleanupsClass:
    return valueOf(S, cast<ExprWithCleanups>(E)->getSubExpr());
  case Stmt::ImplicitCastExprClass: {
    const auto *Cast = cast<ImplicitCastExpr>(E);
    return castValue(S, Cast, valueOf(S, Cast->getSubExpr()));
  }
  case Stmt::DeclRefExprClass: {
    const ValueDecl *D = cast<DeclRefExpr>(E)->getDecl();
    if (const auto *Enum = dyn_cast<EnumConstantDecl>(D))
      return SVal::integer(Enum->getInitVal().getExtValue());
    if (const auto *Var = dyn_cast<VarDecl>(D)) {
      RegionId R = varRegion(Var);
      // A reference names its referent.
      if (Var->getType()->isReferenceType())
        return load(S, SVal::loc(R), Var->getType());
      return SVal::loc(R);
    }
    // 'auto [a, b] = s': each binding names a member of the hidden copy (or
    // of 's' itself for 'auto &[...]').
    if (const auto *Binding = dyn_cast<BindingDecl>(D))
      if (const Expr *Named = Binding->getBinding())
        return valueOf(S, Named);
    return SVal::unknown();
  }
  case Stmt::IntegerLiteralClass: {
    const llvm::APInt &V = cast<IntegerLiteral>(E)->getValue();
    return V.getActiveBits() < 64 ? SVal::integer(V.getZExtValue())
                                  : SVal::unknown();
  }
  case Stmt::CharacterLiteralClass:
    return SVal::integer(cast<CharacterLiteral>(E)->getValue());
  case Stmt::CXXBoolLiteralExprClass:
    return SVal::integer(cast<CXXBoolLiteralExpr>(E)->getValue());
  case Stmt::CXXNullPtrLiteralExprClass:
  case Stmt::GNUNullExprClass:
    return SVal::integer(0);
  case Stmt::StringLiteralClass:
    return SVal::loc(stringRegion(E));
  case Stmt::CXXThisExprClass:
    return ThisObject ? SVal::loc(objectRegion(*ThisObject)) : SVal::unknown();
  case Stmt::UnaryOperatorClass: {
    const auto *U = cast<UnaryOperator>(E);
    if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Plus)
      return valueOf(S, U->getSubExpr());
    break;
  }
  case Stmt::CXXDefaultArgExprClass:
    return valueOf(S, cast<CXXDefaultArgExpr>(E)->getExpr());
  case Stmt::CXXDefaultInitExprClass:
    return valueOf(S, cast<CXXDefaultInitExpr>(E)->getExpr());
  case Stmt::MaterializeTemporaryExprClass:
    return materializeTemporary(S, cast<MaterializeTemporaryExpr>(E));
  case Stmt::MemberExprClass: {
    // A member read without the checks of its evaluation as an element (a
    // structured binding names one).
    const auto *M = cast<MemberExpr>(E);
    SVal Base = valueOf(S, M->getBase());
    const auto *Field = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (!Field || !Base.isLoc() || Base.UnknownOffset)
      return SVal::unknown();
    RegionId R = fieldRegion(elementRegion(Base.Id, Base.Num, false), Field);
    if (Field->getType()->isReferenceType())
      return load(S, SVal::loc(R), Field->getType());
    return SVal::loc(R);
  }
  case Stmt::CXXBindTemporaryExprClass:
    return valueOf(S, cast<CXXBindTemporaryExpr>(E)->getSubExpr());
  default:
    break;
  }
  if (E->isPRValue() && E->getType()->isIntegralOrEnumerationType() &&
      !E->isValueDependent()) {
    Expr::EvalResult R;
    if (E->EvaluateAsInt(R, Context) && R.Val.getInt().getSignificantBits() <= 64)
      return SVal::integer(R.Val.getInt().getExtValue());
  }
  return SVal::unknown();
}

SVal Explorer::materializeTemporary(State &S,
                                   const MaterializeTemporaryExpr *M) {
  SVal V = valueOf(S, M->getSubExpr());
  // A record temporary already has its region; a scalar one (a pointer
  // bound to 'T *const &') gets one, so that the reference names a place.
  if (M->getType()->isRecordType() || M->getType()->isArrayType())
    return V;
  RegionId R = tempRegion(M);
  S.bind(R, V);
  return SVal::loc(R);
}

SVal Explorer::freshValue(State &S, QualType Type) {
  Type = Type.getCanonicalType();
  if (Type->isPointerType() || Type->isReferenceType() ||
      Type->isObjCObjectPointerType()) {
    ObjectInfo Info;
    Info.AddrSym = newSymbol();
    if (Type->isReferenceType())
      S.constrain(Info.AddrSym, RangeSet::allBut(0));
    return SVal::loc(objectRegion(newObject(Info)));
  }
  if (Type->isIntegralOrEnumerationType())
    return SVal::symbol(newSymbol());
  return SVal::unknown();
}

SVal Explorer::lazyValue(State &S, RegionId R, QualType Type) {
  const Region &Base = Regions[RegionBase[R]];
  unsigned Epoch = 0;
  switch (Base.Kind) {
  case Region::Var: {
    const auto *Var = static_cast<const VarDecl *>(Base.Ptr);
    if (Var->hasLocalStorage() && !isa<ParmVarDecl>(Var))
      return SVal::unknown(); // uninitialised
    if (!Var->hasLocalStorage()) {
      // A constant ('const int kLimit = 4;', 'constexpr bool kDebug',
      // 'static const' members) reads as its value.
      const VarDecl *Def = nullptr;
      const Expr *Init = Var->getAnyInitializer(Def);
      if (Init && Var->getType().isConstQualified() &&
          Var->getType()->isIntegralOrEnumerationType() &&
          !Init->isValueDependent()) {
        Expr::EvalResult R;
        if (Init->EvaluateAsInt(R, Context) &&
            R.Val.getInt().getSignificantBits() <= 64)
          return SVal::integer(R.Val.getInt().getExtValue());
      }
      Epoch = S.GlobalEpoch + 1;
    }
    break;
  }
  case Region::Object:
    if (ObjectTable[Base.Obj].Owned)
      return SVal::unknown(); // uninitialised heap memory
    // Memory the function does not own may have been changed by unknown
    // code since the last call: a first read after it sees a new value.
    Epoch = S.GlobalEpoch;
    break;
  case Region::Temp:
  case Region::String:
  case Region::Field:
  case Region::Element:
  case Region::Slot:
    return SVal::unknown();
  }
  auto [It, Inserted] = LazyValues.try_emplace({R, Epoch}, SVal::unknown());
  if (Inserted) {
    SVal V = freshValue(S, Type);
    // The pointee of a pointer read from a parameter's object keeps an
    // access path, so that summaries can speak of it.
    if (std::optional<ObjId> O = objectOf(V);
        O && Base.Kind == Region::Object && ObjectTable[Base.Obj].Origin) {
      AccessPath Path = *ObjectTable[Base.Obj].Origin;
      const Region &Info = Regions[R];
      bool Direct = R == RegionBase[R];
      bool FieldOfBase =
          Info.Kind == Region::Field && Info.Parent == RegionBase[R];
      constexpr unsigned MaxPathDepth = 3;
      if ((Direct || FieldOfBase) && Path.Fields.size() < MaxPathDepth) {
        Path.Fields.push_back(
            Direct ? nullptr : static_cast<const FieldDecl *>(Info.Ptr));
        setOrigin(*O, Path);
      }
    }
    It->second = V;
    InitialValues[R].push_back(V);
  }
  S.bind(R, It->second);
  return It->second;
}

SVal Explorer::load(State &S, SVal Location, QualType Type) {
  if (Location.Kind != SVal::Loc || Location.UnknownOffset)
    return Type.isNull() ? SVal::unknown() : freshValue(S, Type);
  RegionId Key = elementRegion(Location.Id, Location.Num, false);
  if (const SVal *V = S.lookup(Key))
    return *V;
  if (Regions[RegionBase[Key]].Kind == Region::String)
    return SVal::unknown();
  SVal V = lazyValue(S, Key, Type);
  if (V.isUnknown() && !Type.isNull() &&
      Regions[RegionBase[Key]].Kind != Region::Var)
    return freshValue(S, Type);
  return V;
}

void Explorer::store(State &S, SVal Location, SVal V, const Stmt *Where,
                     llvm::StringRef TargetName) {
  if (Location.Kind != SVal::Loc || Location.UnknownOffset) {
    // Stored where the engine cannot follow.
    escapeValue(S, V);
    return;
  }
  RegionId Key = elementRegion(Location.Id, Location.Num, false);
  const Region &Base = Regions[RegionBase[Key]];
  if (Base.Kind == Region::String)
    return;
  if (Base.Kind == Region::Var &&
      !static_cast<const VarDecl *>(Base.Ptr)->hasLocalStorage())
    TouchesGlobals = true;
  // Memory of unknown provenance (what an unknown function or a library
  // returned a reference to: 'table[key] = p', 'list.back() = p'): the value
  // goes where the engine cannot follow.
  if (Base.Kind == Region::Object && !ObjectTable[Base.Obj].Owned &&
      !ObjectTable[Base.Obj].Origin)
    escapeValue(S, V);
  const SVal *Old = S.lookup(Key);
  std::optional<ObjId> OldObject = Old ? objectOf(*Old) : std::nullopt;
  S.bind(Key, V);
  recordStore(S, Key, V, Where);
  // 'table[key] = p': the container holds it now.
  if (Regions[Key].Kind == Region::Slot && Where)
    if (std::optional<ObjId> O = objectOf(V); O && ObjectTable[*O].Owned) {
      std::string Container = regionName(Regions[Key].Parent);
      if (!Container.empty())
        addEvent(S, PathEvent::ObjectStep, *O, Where->getSourceRange(),
                 "memory is stored in '" + Container + "' here");
    }
  if (Where)
    StoreSites[Key] = Where->getBeginLoc();
  if (OldObject && ObjectTable[*OldObject].Owned && objectOf(V) != OldObject)
    collectGarbage(S, siteRange(Where),
                   LossKind::Overwritten,
                   TargetName.empty() ? regionName(Key) : TargetName.str());
}

void Explorer::removeBindingsUnder(State &S, RegionId R) {
  llvm::erase_if(S.Store, [&](const auto &Entry) {
    for (RegionId K = Entry.first; K;
         K = Regions[K].isPart() ? Regions[K].Parent : 0)
      if (K == R)
        return true;
    return false;
  });
}

/// The chain of fields and elements from \p Base down to \p R (outermost
/// first), or nothing when \p R is not inside \p Base.
static std::optional<llvm::SmallVector<RegionId, 4>>
pathBelow(const std::vector<Region> &Regions, RegionId R, RegionId Base) {
  llvm::SmallVector<RegionId, 4> Chain;
  for (RegionId K = R; K; K = Regions[K].Parent) {
    if (K == Base) {
      std::reverse(Chain.begin(), Chain.end());
      return Chain;
    }
    if (!Regions[K].isPart())
      return std::nullopt;
    Chain.push_back(K);
  }
  return std::nullopt;
}

void Explorer::copyRecord(State &S, RegionId From, RegionId To) {
  if (From == To)
    return;
  llvm::SmallVector<std::pair<RegionId, SVal>, 8> Copies;
  for (const auto &[R, V] : S.Store) {
    auto Chain = pathBelow(Regions, R, From);
    if (!Chain || Chain->empty())
      continue;
    RegionId Target = To;
    for (RegionId Step : *Chain) {
      Region Info = Regions[Step];
      if (Info.Kind == Region::Field) {
        Target = fieldRegion(Target, static_cast<const FieldDecl *>(Info.Ptr));
      } else if (Info.Kind == Region::Slot) {
        Info.Parent = Target;
        Target = intern(Info);
      } else {
        Target = elementRegion(Target, Info.Index, Info.UnknownIndex);
      }
    }
    Copies.push_back({Target, V});
  }
  for (const auto &[R, V] : Copies)
    S.bind(R, V);
}

void Explorer::noteSharedCopy(State &S, RegionId From,
                              const CXXConstructExpr &Construct) {
  // A temporary dies at once: its copy is the only owner left.
  if (Regions[RegionBase[From]].Kind == Region::Temp ||
      Construct.getNumArgs() == 0)
    return;
  llvm::SmallVector<ObjId, 2> Shared;
  for (const auto &[R, V] : S.Store) {
    auto Chain = pathBelow(Regions, R, From);
    if (!Chain || Chain->empty())
      continue;
    std::optional<ObjId> O = objectOf(V);
    const ObjectStatus *Status = O ? S.status(*O) : nullptr;
    if (O && ObjectTable[*O].Owned && Status &&
        Status->Kind == ObjectStatus::Live && !llvm::is_contained(Shared, *O))
      Shared.push_back(*O);
  }
  if (Shared.empty())
    return;
  std::string Source = describe(Construct.getArg(0)->IgnoreParenCasts());
  if (Source == "the pointer")
    return;
  // The variable the copy initialises, if any.
  std::string Copy;
  const Stmt *Parent = Parents->getParent(&Construct);
  while (isa_and_nonnull<FullExpr>(Parent))
    Parent = Parents->getParent(Parent);
  if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Parent))
    for (const clang::Decl *D : Decl->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && Var->getInit() &&
          Var->getInit()->IgnoreImplicit() == &Construct)
        Copy = Var->getNameAsString();
  llvm::StringRef Verb =
      Construct.getConstructor()->isMoveConstructor() ? "moved" : "copied";
  std::string Message =
      Copy.empty()
          ? "'" + Source + "' is " + Verb.str() +
                " here: the copy holds the same memory"
          : "'" + Source + "' is " + Verb.str() + " into '" + Copy +
                "' here: both hold the same memory";
  for (ObjId O : Shared)
    addEvent(S, PathEvent::Alias, O, Construct.getSourceRange(), Message);
}

void Explorer::escapeValue(State &S, SVal V) {
  if (V.Kind != SVal::Loc)
    return;
  std::optional<ObjId> O = objectOf(V);
  if (!O) {
    // The address of a variable or a temporary: what it holds escapes.
    escapeContents(S, RegionBase[V.Id]);
    return;
  }
  ObjectStatus &Status = S.statusRef(*O);
  if (Status.Kind != ObjectStatus::Live)
    return;
  Status.Kind = ObjectStatus::Escaped;
  escapeContents(S, objectRegion(*O));
}

void Explorer::escapeContents(State &S, RegionId R) {
  llvm::SmallVector<SVal, 4> Values;
  for (const auto &[K, V] : S.Store)
    if (pathBelow(Regions, K, R))
      Values.push_back(V);
  for (SVal V : Values)
    if (objectOf(V))
      escapeValue(S, V);
}

SVal Explorer::allocate(State &S, Family Fam, llvm::StringRef Allocator,
                        const Expr *Site, bool MayBeNull, QualType Type,
                        llvm::StringRef ByCallee, SourceLocation CalleeSite) {
  ObjectInfo Info;
  Info.Owned = true;
  Info.Fam = Fam;
  Info.AddrSym = newSymbol();
  Info.Site = Site;
  Info.Allocator = Allocator.str();
  Info.CalleeSite = CalleeSite;
  Info.AllocatedType = Type;
  ObjId O = newObject(Info);
  S.constrain(Info.AddrSym,
              MayBeNull ? RangeSet::satisfying(">=", 0)
                        : RangeSet::satisfying(">", 0));
  S.statusRef(O).Kind = ObjectStatus::Live;
  std::string Message = !ByCallee.empty()
                            ? "memory is allocated by '" + ByCallee.str() +
                                  "' here"
                            : "memory is allocated with '" + Allocator.str() +
                                  "' here";
  addEvent(S, PathEvent::ObjectStep, O, Site->getSourceRange(), Message);
  return SVal::loc(objectRegion(O));
}

bool Explorer::checkUse(State &S, SVal Ptr, const Expr *Use, UseKind Kind,
                        llvm::StringRef Callee, const Expr *Subject) {
  std::optional<ObjId> O = objectOf(Ptr);
  if (!O)
    return true;
  ObjectStatus &Status = S.statusRef(*O);
  if (Status.Kind == ObjectStatus::Released) {
    OwnershipFinding F;
    F.Kind = FindingKind::UseAfterDelete;
    F.Range = Use->getSourceRange();
    F.Variant = static_cast<unsigned>(Kind);
    // Name the pointer: the argument, the base of 'p->x' ('this' when
    // implicit), of 'p[i]' or of '*p'.
    const Expr *Named = Subject ? Subject : Use;
    if (Subject)
      Named = Subject;
    else if (const auto *Member = dyn_cast<MemberExpr>(Use))
      Named = Member->getBase();
    else if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(Use))
      Named = Sub->getBase();
    else if (const auto *Unary = dyn_cast<UnaryOperator>(Use))
      Named = Unary->getSubExpr();
    F.Subject = isa<CXXThisExpr>(Named->IgnoreParenImpCasts())
                    ? "this"
                    : describe(Named);
    F.Detail = Callee.str();
    F.Allocator = ObjectTable[*O].Allocator;
    report(std::move(F), S, *O, Use, {}, Named, Ptr);
    return false;
  }
  if (Status.Kind == ObjectStatus::Live && ObjectTable[*O].Origin)
    Status.Derefed = true;
  return true;
}

bool Explorer::release(State &S, SVal Ptr, Family Fam,
                       llvm::StringRef Deallocator, const Stmt *Site,
                       const std::string &Subject, llvm::StringRef ByCallee,
                       SourceLocation CalleeSite, const Expr *Pointer) {
  if (Ptr.Kind != SVal::Loc)
    return true; // null, or nothing known
  // The released pointer: the argument of 'delete' or of the deallocator.
  if (!Pointer) {
    if (const auto *Delete = dyn_cast<CXXDeleteExpr>(Site))
      Pointer = Delete->getArgument();
    else if (const auto *Call = dyn_cast<CallExpr>(Site);
             Call && ByCallee.empty())
      if (std::optional<CallRelease> Rel = releaseByCall(*Call);
          Rel && Rel->ArgIndex < Call->getNumArgs())
        Pointer = Call->getArg(Rel->ArgIndex);
  }
  SourceRange Where = siteRange(Site);
  // Where a callee releases it, as the last note of a finding at its call.
  llvm::SmallVector<PathStep, 1> InCallee;
  if (CalleeSite.isValid())
    InCallee.push_back({SourceRange(CalleeSite),
                        "'" + ByCallee.str() + "' releases it with '" +
                            Deallocator.str() + "' here"});
  auto NonHeap = [&](NonHeapKind Kind, std::string Detail) {
    OwnershipFinding F;
    F.Kind = FindingKind::DeleteNonHeap;
    F.Range = Where;
    F.Variant = static_cast<unsigned>(Kind);
    F.Deallocator = ByCallee.empty() ? Deallocator.str() : ByCallee.str();
    F.Subject = Subject;
    F.Detail = std::move(Detail);
    report(std::move(F), S, 0, Site, InCallee, Pointer, Ptr);
  };

  const Region &Base = Regions[RegionBase[Ptr.Id]];
  switch (Base.Kind) {
  case Region::Var: {
    const auto *Var = static_cast<const VarDecl *>(Base.Ptr);
    std::string Name = "'" + Var->getNameAsString() + "'";
    if (Ptr.Id != RegionBase[Ptr.Id] &&
        Regions[Ptr.Id].Kind == Region::Field)
      NonHeap(NonHeapKind::Member, "'" + regionName(Ptr.Id) + "'");
    else if (Var->getType()->isArrayType() && Var->hasLocalStorage())
      NonHeap(NonHeapKind::LocalArray, Name);
    else if (Var->hasLocalStorage())
      NonHeap(NonHeapKind::LocalVariable, Name);
    else
      NonHeap(NonHeapKind::StaticVariable, Name);
    // Not memory of an allocator: nothing is released, the path goes on.
    return true;
  }
  case Region::String:
    NonHeap(NonHeapKind::StringLiteral, "");
    return true;
  case Region::Temp:
  case Region::Field:
  case Region::Element:
  case Region::Slot:
    return true;
  case Region::Object:
    break;
  }

  ObjId O = Base.Obj;
  const ObjectInfo &Info = ObjectTable[O];
  if (S.range(Info.AddrSym).singleValue() == 0)
    return true; // known null
  if (Ptr.UnknownOffset)
    return true;
  if (Ptr.Id != RegionBase[Ptr.Id] || Ptr.Num != 0) {
    if (Info.Owned && Ptr.Id == RegionBase[Ptr.Id]) {
      OwnershipFinding F;
      F.Kind = FindingKind::DeleteNonHeap;
      F.Range = Where;
      F.Variant = static_cast<unsigned>(NonHeapKind::InteriorPointer);
      F.Deallocator = ByCallee.empty() ? Deallocator.str() : ByCallee.str();
      F.Subject = Subject;
      F.Detail = std::to_string(Ptr.Num) + (Ptr.Num == 1 ? " byte" : " bytes");
      F.Allocator = Info.Allocator;
      report(std::move(F), S, O, Site, InCallee, Pointer, Ptr);
      // Whatever happens to the block next is undefined: no second finding
      // about it.
      S.statusRef(O).Kind = ObjectStatus::Escaped;
    }
    return true;
  }

  ObjectStatus &Status = S.statusRef(O);
  if (Status.Kind == ObjectStatus::Released) {
    OwnershipFinding F;
    F.Kind = FindingKind::DoubleDelete;
    F.Range = Where;
    F.Deallocator = Deallocator.str();
    F.Subject = Subject;
    F.Detail = ByCallee.str();
    F.Allocator = Info.Allocator;
    report(std::move(F), S, O, Site, InCallee, Pointer, Ptr);
    return false;
  }
  if (Status.Kind == ObjectStatus::Lost)
    return true;
  if (Info.Owned && Info.Fam != Family::Custom && Fam != Family::Custom &&
      !familiesMatch(Info.Fam, Fam)) {
    OwnershipFinding F;
    F.Kind = FindingKind::MismatchedDeallocation;
    F.Range = Where;
    F.Allocator = Info.Allocator.empty() ? allocatorName(Info.Fam).str()
                                         : Info.Allocator;
    F.Deallocator = Deallocator.str();
    F.Subject = deallocatorName(Info.Fam).str();
    F.Detail = ByCallee.str();
    report(std::move(F), S, O, Site, InCallee, Pointer, Ptr);
  }
  Status.Kind = ObjectStatus::Released;
  Status.ReleaseSite = Site;
  Status.ReleasedBy = Deallocator.str();
  Status.ReleaseFam = Fam;
  std::string Message =
      ByCallee.empty()
          ? "memory is released with '" + Deallocator.str() + "' here"
          : "memory is released by '" + ByCallee.str() + "' here";
  // A destructor run implicitly (at the end of a scope, at a return): the
  // place says which object it destroys only when the subject does.
  if (!ByCallee.empty() && !isa<Expr>(Site) && !Subject.empty())
    Message = "'" + Subject + "' is released by '" + ByCallee.str() + "' here";
  // With the pointer that released it: the branches that decided its value
  // are decisive for what happens to the memory next.
  PathEvent Released{PathEvent::ObjectStep, O, Where, Message, CurrentBlock};
  Released.Source = Pointer;
  Released.Stored = Ptr;
  S.addEvent(std::move(Released));
  if (CalleeSite.isValid())
    addEvent(S, PathEvent::ObjectStep, O, SourceRange(CalleeSite),
                "'" + ByCallee.str() + "' releases it with '" +
                    Deallocator.str() + "' here");
  // What the object held is no longer reachable through it.
  RegionId OR = objectRegion(O);
  bool HeldOwned = false;
  for (const auto &[K, V] : S.Store)
    if (RegionBase[K] == OR)
      if (std::optional<ObjId> Inner = objectOf(V))
        HeldOwned |= ObjectTable[*Inner].Owned;
  removeBindingsUnder(S, OR);
  if (HeldOwned)
    collectGarbage(S, Where, LossKind::ObjectDestroyed,
                   Subject);
  return true;
}

SVal Explorer::castValue(State &S, const CastExpr *Cast, SVal V) {
  switch (Cast->getCastKind()) {
  case CK_LValueToRValue:
    return load(S, V, Cast->getType());
  case CK_NullToPointer:
  case CK_NullToMemberPointer:
    return SVal::integer(0);
  case CK_ToVoid:
    return SVal::unknown();
  case CK_IntegralToBoolean:
  case CK_PointerToBoolean:
    if (V.Kind == SVal::Int)
      return SVal::integer(V.Num != 0);
    if (V.Kind == SVal::Sym)
      return SVal::cond(V.Id, internRangeSet(RangeSet::allBut(0)));
    return V;
  case CK_IntegralCast:
  case CK_BooleanToSignedIntegral:
    return V;
  case CK_PointerToIntegral:
    // An address turned into a number: no longer followed.
    escapeValue(S, V);
    return V.isNull() ? V : SVal::unknown();
  case CK_IntegralToPointer:
    return V.isNull() ? V : freshValue(S, Cast->getType());
  case CK_FunctionToPointerDecay:
  case CK_BuiltinFnToFnPtr:
    return SVal::unknown();
  case CK_NoOp:
  case CK_BitCast:
  case CK_LValueBitCast:
  case CK_ArrayToPointerDecay:
  case CK_DerivedToBase:
  case CK_UncheckedDerivedToBase:
  case CK_BaseToDerived:
  case CK_Dynamic:
  case CK_AddressSpaceConversion:
  case CK_ConstructorConversion:
  case CK_UserDefinedConversion:
  case CK_AtomicToNonAtomic:
  case CK_NonAtomicToAtomic:
    return V;
  default:
    return SVal::unknown();
  }
}

static llvm::StringRef comparisonSpelling(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_EQ:
    return "==";
  case BO_NE:
    return "!=";
  case BO_LT:
    return "<";
  case BO_LE:
    return "<=";
  case BO_GT:
    return ">";
  case BO_GE:
    return ">=";
  default:
    return "";
  }
}

static BinaryOperatorKind reverseComparison(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GT;
  case BO_GT:
    return BO_LT;
  case BO_LE:
    return BO_GE;
  case BO_GE:
    return BO_LE;
  default:
    return Op;
  }
}

SVal Explorer::compare(State &S, BinaryOperatorKind Op, SVal L, SVal R) {
  llvm::StringRef Spelling = comparisonSpelling(Op);
  if (L.Kind == SVal::Int && R.Kind == SVal::Int) {
    RangeSet Holds = RangeSet::satisfying(Spelling, R.Num);
    return SVal::integer(Holds.contains(L.Num));
  }
  if (L.Kind == SVal::Int && R.Kind != SVal::Int)
    return compare(S, reverseComparison(Op), R, L);
  if (L.Kind == SVal::Sym && R.Kind == SVal::Int)
    return SVal::cond(L.Id,
                      internRangeSet(RangeSet::satisfying(Spelling, R.Num)));
  if (L.Kind == SVal::Cond && R.Kind == SVal::Int &&
      (Op == BO_EQ || Op == BO_NE) && (R.Num == 0 || R.Num == 1)) {
    // '(x == 3) == false' and friends.
    bool Positive = (Op == BO_EQ) == (R.Num == 1);
    return Positive ? L
                    : SVal::cond(L.Id, internRangeSet(CondSets[L.Num].complement()));
  }
  if (L.Kind == SVal::Loc && R.Kind == SVal::Int && R.Num == 0 &&
      (Op == BO_EQ || Op == BO_NE)) {
    if (std::optional<ObjId> O = objectOf(L); O && L.Num == 0)
      return SVal::cond(ObjectTable[*O].AddrSym,
                        internRangeSet(RangeSet::satisfying(Spelling, 0)));
    return SVal::integer(Op == BO_NE);
  }
  if (L.Kind == SVal::Loc && R.Kind == SVal::Loc && !L.UnknownOffset &&
      !R.UnknownOffset && (Op == BO_EQ || Op == BO_NE)) {
    if (L.Id == R.Id && L.Num == R.Num)
      return SVal::integer(Op == BO_EQ);
    std::optional<ObjId> A = objectOf(L), B = objectOf(R);
    // Distinct variables, or memory this function allocated: distinct
    // addresses. Pointees of unknown pointers may alias anything.
    bool KnownDistinct = (!A || ObjectTable[*A].Owned) &&
                         (!B || ObjectTable[*B].Owned);
    if (KnownDistinct)
      return SVal::integer(Op == BO_NE);
  }
  return SVal::unknown();
}

/// The values of \p R plus \p Delta (bounds at the ends of int64_t stay
/// there).
static RangeSet shifted(const RangeSet &R, int64_t Delta) {
  llvm::SmallVector<std::pair<int64_t, int64_t>, 2> Out;
  for (auto [Lo, Hi] : R.intervals()) {
    int64_t NewLo = Lo, NewHi = Hi;
    if (Lo != RangeSet::Min && __builtin_add_overflow(Lo, Delta, &NewLo))
      NewLo = Delta > 0 ? RangeSet::Max : RangeSet::Min;
    if (Hi != RangeSet::Max && __builtin_add_overflow(Hi, Delta, &NewHi))
      NewHi = Delta > 0 ? RangeSet::Max : RangeSet::Min;
    Out.push_back({NewLo, NewHi});
  }
  return RangeSet::fromIntervals(Out);
}

SVal Explorer::offsetSymbol(State &S, SymId Sym, int64_t Delta) {
  SVal New = SVal::symbol(newSymbol());
  RangeSet Old = S.range(Sym);
  if (!Old.isFull())
    S.constrain(New.Id, shifted(Old, Delta));
  return New;
}

static std::optional<int64_t> arithmetic(BinaryOperatorKind Op, int64_t A,
                                         int64_t B) {
  int64_t R = 0;
  switch (Op) {
  case BO_Add:
  case BO_AddAssign:
    if (__builtin_add_overflow(A, B, &R))
      return std::nullopt;
    return R;
  case BO_Sub:
  case BO_SubAssign:
    if (__builtin_sub_overflow(A, B, &R))
      return std::nullopt;
    return R;
  case BO_Mul:
  case BO_MulAssign:
    if (__builtin_mul_overflow(A, B, &R))
      return std::nullopt;
    return R;
  case BO_Div:
  case BO_DivAssign:
    if (B == 0 || (A == RangeSet::Min && B == -1))
      return std::nullopt;
    return A / B;
  case BO_Rem:
  case BO_RemAssign:
    if (B == 0 || (A == RangeSet::Min && B == -1))
      return std::nullopt;
    return A % B;
  case BO_And:
  case BO_AndAssign:
    return A & B;
  case BO_Or:
  case BO_OrAssign:
    return A | B;
  case BO_Xor:
  case BO_XorAssign:
    return A ^ B;
  case BO_Shl:
  case BO_ShlAssign:
    if (B < 0 || B > 62 || A < 0 || A > (int64_t(1) << (62 - B)))
      return std::nullopt;
    return A << B;
  case BO_Shr:
  case BO_ShrAssign:
    if (B < 0 || B > 63)
      return std::nullopt;
    return A >> B;
  default:
    return std::nullopt;
  }
}

SVal Explorer::evalBinary(State &S, const BinaryOperator *B) {
  BinaryOperatorKind Op = B->getOpcode();
  if (Op == BO_Comma)
    return valueOf(S, B->getRHS());
  if (Op == BO_LAnd || Op == BO_LOr) {
    // The short-circuit value, if the branch recorded one.
    if (const SVal *V = S.envLookup(B))
      return *V;
    SVal R = valueOf(S, B->getRHS());
    switch (truthOf(S, R)) {
    case Truth::True:
      return SVal::integer(1);
    case Truth::False:
      return SVal::integer(0);
    case Truth::Unknown:
      return R;
    }
  }
  if (B->isComparisonOp())
    return compare(S, Op, valueOf(S, B->getLHS()), valueOf(S, B->getRHS()));

  if (Op == BO_Assign) {
    SVal Target = valueOf(S, B->getLHS());
    SVal V = valueOf(S, B->getRHS());
    if (B->getType()->isRecordType()) {
      if (Target.isLoc() && V.isLoc())
        copyRecord(S, V.Id, Target.Id);
      return Target;
    }
    store(S, Target, V, B, describe(B->getLHS()));
    return Target;
  }

  SVal L, R;
  SVal Target;
  bool Compound = B->isCompoundAssignmentOp();
  if (Compound) {
    Target = valueOf(S, B->getLHS());
    L = load(S, Target, B->getLHS()->getType());
  } else {
    L = valueOf(S, B->getLHS());
  }
  R = valueOf(S, B->getRHS());

  SVal Result = SVal::unknown();
  QualType LT = B->getLHS()->getType(), RT = B->getRHS()->getType();
  if (L.Kind == SVal::Int && R.Kind == SVal::Int) {
    if (std::optional<int64_t> V = arithmetic(Op, L.Num, R.Num))
      Result = SVal::integer(*V);
  } else if ((Op == BO_Add || Op == BO_Sub || Op == BO_AddAssign ||
              Op == BO_SubAssign) &&
             L.Kind == SVal::Loc && RT->isIntegralOrEnumerationType()) {
    Result = L;
    int64_t Size = sizeOfPointee(Context, LT);
    bool Minus = Op == BO_Sub || Op == BO_SubAssign;
    if (R.Kind == SVal::Int && !L.UnknownOffset)
      Result.Num = L.Num + (Minus ? -R.Num : R.Num) * Size;
    else
      Result.UnknownOffset = true;
  } else if (Op == BO_Add && R.Kind == SVal::Loc &&
             LT->isIntegralOrEnumerationType()) {
    Result = R;
    if (L.Kind == SVal::Int && !R.UnknownOffset)
      Result.Num = R.Num + L.Num * sizeOfPointee(Context, RT);
    else
      Result.UnknownOffset = true;
  } else if ((Op == BO_Add || Op == BO_Sub || Op == BO_AddAssign ||
              Op == BO_SubAssign) &&
             L.Kind == SVal::Sym && R.Kind == SVal::Int &&
             R.Num != RangeSet::Min &&
             B->getType()->isIntegralOrEnumerationType()) {
    bool Minus = Op == BO_Sub || Op == BO_SubAssign;
    Result = offsetSymbol(S, L.Id, Minus ? -R.Num : R.Num);
  } else if (B->getType()->isIntegralOrEnumerationType()) {
    Result = SVal::symbol(newSymbol());
  }
  if (Compound) {
    store(S, Target, Result, B, describe(B->getLHS()));
    return Target;
  }
  return Result;
}

void Explorer::destroyRegion(State S, RegionId R, const CXXRecordDecl *Record,
                             const Stmt *Where, States &Next) {
  Record = Record->getDefinition();
  const CXXDestructorDecl *Dtor = Record ? Record->getDestructor() : nullptr;
  SourceRange Range = siteRange(Where);
  bool ScopeEnd = Where && isa<CompoundStmt, ReturnStmt>(Where);
  std::string Name = regionName(R);
  if (Name.empty())
    Name = "the container";
  // A standard container drops its elements.
  if (Record && isContainer(QualType(Record->getTypeForDecl(), 0))) {
    dropElements(S, R, ScopeEnd ? DropKind::ScopeEnd : DropKind::Destroyed,
                 Range, Name);
    if (Regions[R].Kind == Region::Temp)
      removeBindingsUnder(S, R);
    Next.push_back(std::move(S));
    return;
  }
  if (!Dtor || Dtor->isTrivial()) {
    Next.push_back(std::move(S));
    return;
  }
  const FunctionDecl *Def = nullptr;
  const FunctionSummary *Summary = summaryOfCall(Dtor, Dtor, Def);
  if (!Summary) {
    // A destructor the engine cannot see may release what the object holds.
    escapeContents(S, R);
    if (Regions[R].Kind == Region::Temp)
      removeBindingsUnder(S, R);
    Next.push_back(std::move(S));
    return;
  }
  States After;
  applySummary(*Summary, *Def, nullptr, Where, {}, SVal::loc(R), std::move(S),
               After);
  for (State &T : After) {
    // The containers inside the object (a user container type holding a
    // 'std::vector<T *>'): the elements its destructor did not release are
    // dropped with it.
    llvm::SmallVector<RegionId, 2> Containers;
    for (const auto &[K, V] : T.Store)
      if (Regions[K].Kind == Region::Slot && objectOf(V) &&
          pathBelow(Regions, Regions[K].Parent, R) &&
          !llvm::is_contained(Containers, Regions[K].Parent))
        Containers.push_back(Regions[K].Parent);
    for (RegionId C : Containers)
      dropElements(T, C, ScopeEnd ? DropKind::ScopeEnd : DropKind::Destroyed,
                   Range, Name);
    removeBindingsUnder(T, R);
    collectGarbage(T, Range, LossKind::ObjectDestroyed, regionName(R));
    Next.push_back(std::move(T));
  }
}

/// Whether the value of \p S is complete and nothing consumes it any more: a
/// declaration or return statement, or an expression in statement position
/// (whose value is discarded). Conditions are consumed by their branch.
static bool isFullExpressionRoot(const Stmt *S, const ParentMap &PM,
                                 const llvm::DenseSet<const Expr *> &Consumed) {
  if (isa<DeclStmt, ReturnStmt>(S))
    return true;
  const auto *E = dyn_cast<Expr>(S);
  if (!E || Consumed.count(E))
    return false;
  // 'ExprWithCleanups' (and 'ConstantExpr') wrap a full expression without
  // being elements of their own.
  const Stmt *Parent = PM.getParent(S);
  while (isa_and_nonnull<FullExpr>(Parent)) {
    S = Parent;
    if (Consumed.count(cast<Expr>(S)))
      return false;
    Parent = PM.getParent(S);
  }
  if (!Parent || isa<CompoundStmt, LabelStmt, AttributedStmt, SwitchCase>(Parent))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return If->getThen() == S || If->getElse() == S;
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return While->getBody() == S;
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Do->getBody() == S;
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return For->getBody() == S || For->getInc() == S || For->getInit() == S;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
    return Range->getBody() == S;
  return false;
}

bool Explorer::evalStmt(const Stmt *St, State &S, States &Extra) {
  auto Finish = [&](State &T, std::optional<SVal> V) {
    if (const auto *E = dyn_cast<Expr>(St)) {
      // A construction inside 'new' waits for its object: keep its
      // arguments for the new-expression.
      bool Deferred = isa<CXXConstructExpr>(St) &&
                      isa_and_nonnull<CXXNewExpr>(Parents->getParent(St));
      if (!Deferred)
        for (const Stmt *Child : St->children())
          if (const auto *CE = dyn_cast_or_null<Expr>(Child)) {
            T.envErase(CE);
            T.envErase(skipParens(CE));
          }
      if (V)
        T.envBind(E, *V);
    } else {
      for (const Stmt *Child : St->children())
        if (const auto *CE = dyn_cast_or_null<Expr>(Child)) {
          T.envErase(CE);
          T.envErase(skipParens(CE));
        }
    }
    if (isFullExpressionRoot(St, *Parents, ConsumedElsewhere))
      endFullExpression(*St, T);
  };
  // The states of an evaluation that may split: the first continues as S,
  // the others as extra paths.
  auto Continue = [&](States &After, auto &&FinishEach) {
    if (After.empty())
      return false;
    for (State &T : After)
      FinishEach(T);
    S = std::move(After.front());
    for (size_t I = 1; I < After.size(); ++I)
      Extra.push_back(std::move(After[I]));
    return true;
  };

  // Pure expressions are evaluated when their parent reads them.
  if (isPure(St))
    return true;

  switch (St->getStmtClass()) {
  case Stmt::IntegerLiteralClass: {
    const llvm::APInt &V = cast<IntegerLiteral>(St)->getValue();
    Finish(S, V.getActiveBits() < 64 ? SVal::integer(V.getZExtValue())
                                     : SVal::unknown());
    return true;
  }
  case Stmt::CharacterLiteralClass:
    Finish(S, SVal::integer(cast<CharacterLiteral>(St)->getValue()));
    return true;
  case Stmt::CXXBoolLiteralExprClass:
    Finish(S, SVal::integer(cast<CXXBoolLiteralExpr>(St)->getValue()));
    return true;
  case Stmt::CXXNullPtrLiteralExprClass:
  case Stmt::GNUNullExprClass:
  case Stmt::ImplicitValueInitExprClass:
  case Stmt::CXXScalarValueInitExprClass:
    Finish(S, SVal::integer(0));
    return true;
  case Stmt::StringLiteralClass:
    Finish(S, SVal::loc(stringRegion(cast<Expr>(St))));
    return true;
  case Stmt::ParenExprClass:
  case Stmt::ConstantExprClass:
  case Stmt::ExprWithCleanupsClass:
  case Stmt::MaterializeTemporaryExprClass:
  case Stmt::CXXBindTemporaryExprClass:
  case Stmt::CXXDefaultArgExprClass:
  case Stmt::CXXDefaultInitExprClass: {
    const Expr *Inner = nullptr;
    if (const auto *P = dyn_cast<ParenExpr>(St))
      Inner = P->getSubExpr();
    else if (const auto *C = dyn_cast<ConstantExpr>(St))
      Inner = C->getSubExpr();
    else if (const auto *F = dyn_cast<ExprWithCleanups>(St))
      Inner = F->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(St)) {
      SVal V = materializeTemporary(S, M);
      S.envErase(M->getSubExpr());
      Finish(S, V);
      return true;
    }
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(St))
      Inner = B->getSubExpr();
    else if (const auto *D = dyn_cast<CXXDefaultArgExpr>(St))
      Inner = D->getExpr();
    else
      Inner = cast<CXXDefaultInitExpr>(St)->getExpr();
    SVal V = valueOf(S, Inner);
    S.envErase(Inner);
    Finish(S, V);
    return true;
  }
  case Stmt::DeclRefExprClass: {
    const auto *Ref = cast<DeclRefExpr>(St);
    const ValueDecl *D = Ref->getDecl();
    if (const auto *Var = dyn_cast<VarDecl>(D)) {
      RegionId R = varRegion(Var);
      if (Var->getType()->isReferenceType()) {
        // A reference names its referent.
        SVal Referent = load(S, SVal::loc(R), Var->getType());
        Finish(S, Referent);
        return true;
      }
      Finish(S, SVal::loc(R));
      return true;
    }
    if (const auto *Enum = dyn_cast<EnumConstantDecl>(D)) {
      Finish(S, SVal::integer(Enum->getInitVal().getExtValue()));
      return true;
    }
    Finish(S, SVal::unknown());
    return true;
  }
  case Stmt::CXXThisExprClass:
    Finish(S, ThisObject ? SVal::loc(objectRegion(*ThisObject))
                         : SVal::unknown());
    return true;
  case Stmt::ImplicitCastExprClass:
  case Stmt::CStyleCastExprClass:
  case Stmt::CXXStaticCastExprClass:
  case Stmt::CXXReinterpretCastExprClass:
  case Stmt::CXXConstCastExprClass:
  case Stmt::CXXDynamicCastExprClass:
  case Stmt::CXXFunctionalCastExprClass: {
    const auto *Cast = cast<CastExpr>(St);
    SVal V = castValue(S, Cast, valueOf(S, Cast->getSubExpr()));
    Finish(S, V);
    return true;
  }
  case Stmt::UnaryOperatorClass: {
    const auto *U = cast<UnaryOperator>(St);
    const Expr *Sub = U->getSubExpr();
    SVal V = valueOf(S, Sub);
    switch (U->getOpcode()) {
    case UO_Deref: {
      // '&*p' and 'sizeof' do not read the memory.
      const Stmt *Parent = Parents->getParentIgnoreParens(U);
      bool Reads = !(isa_and_nonnull<UnaryOperator>(Parent) &&
                     cast<UnaryOperator>(Parent)->getOpcode() == UO_AddrOf);
      if (Reads && !checkUse(S, V, U, UseKind::Dereference))
        return false;
      Finish(S, V.Kind == SVal::Loc ? V : SVal::unknown());
      return true;
    }
    case UO_AddrOf:
      Finish(S, V);
      return true;
    case UO_LNot:
      switch (V.Kind) {
      case SVal::Int:
        Finish(S, SVal::integer(V.Num == 0));
        return true;
      case SVal::Sym:
        Finish(S, SVal::cond(V.Id, internRangeSet(RangeSet::single(0))));
        return true;
      case SVal::Cond:
        Finish(S, SVal::cond(V.Id, internRangeSet(CondSets[V.Num].complement())));
        return true;
      case SVal::Loc:
        if (std::optional<ObjId> O = objectOf(V); O && V.Num == 0) {
          Finish(S, SVal::cond(ObjectTable[*O].AddrSym,
                               internRangeSet(RangeSet::single(0))));
          return true;
        }
        Finish(S, SVal::integer(0));
        return true;
      case SVal::Unknown:
        Finish(S, SVal::unknown());
        return true;
      }
      return true;
    case UO_Minus:
      Finish(S, V.Kind == SVal::Int && V.Num != RangeSet::Min
                    ? SVal::integer(-V.Num)
                    : SVal::unknown());
      return true;
    case UO_Not:
      Finish(S, V.Kind == SVal::Int ? SVal::integer(~V.Num) : SVal::unknown());
      return true;
    case UO_Plus:
    case UO_Extension:
      Finish(S, V);
      return true;
    case UO_PreInc:
    case UO_PreDec:
    case UO_PostInc:
    case UO_PostDec: {
      QualType T = Sub->getType();
      SVal Old = load(S, V, T);
      SVal New = SVal::unknown();
      int64_t Delta = U->isIncrementOp() ? 1 : -1;
      if (Old.Kind == SVal::Int && Old.Num != RangeSet::Max &&
          Old.Num != RangeSet::Min)
        New = SVal::integer(Old.Num + Delta);
      else if (Old.Kind == SVal::Loc) {
        New = Old;
        New.Num += Delta * sizeOfPointee(Context, T);
      } else if (Old.Kind == SVal::Sym)
        New = offsetSymbol(S, Old.Id, Delta);
      else if (T->isIntegralOrEnumerationType())
        New = SVal::symbol(newSymbol());
      store(S, V, New, U, describe(Sub));
      Finish(S, U->isPrefix() ? V : Old);
      return true;
    }
    default:
      Finish(S, SVal::unknown());
      return true;
    }
  }
  case Stmt::BinaryOperatorClass:
  case Stmt::CompoundAssignOperatorClass: {
    SVal V = evalBinary(S, cast<BinaryOperator>(St));
    Finish(S, V);
    return true;
  }
  case Stmt::ConditionalOperatorClass:
  case Stmt::BinaryConditionalOperatorClass: {
    const auto *C = cast<AbstractConditionalOperator>(St);
    // The branch recorded which side ran.
    SVal V = SVal::unknown();
    if (const SVal *Taken = S.envLookup(C))
      V = valueOf(S, Taken->Num ? C->getTrueExpr() : C->getFalseExpr());
    S.envErase(C->getTrueExpr());
    S.envErase(skipParens(C->getTrueExpr()));
    S.envErase(C->getFalseExpr());
    S.envErase(skipParens(C->getFalseExpr()));
    S.envErase(C);
    Finish(S, V);
    return true;
  }
  case Stmt::MemberExprClass: {
    const auto *M = cast<MemberExpr>(St);
    SVal Base = valueOf(S, M->getBase());
    if (M->isArrow() && !checkUse(S, Base, M, UseKind::MemberAccess))
      return false;
    const auto *Field = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (!Field) {
      if (const auto *Var = dyn_cast<VarDecl>(M->getMemberDecl())) {
        Finish(S, SVal::loc(varRegion(Var)));
        return true;
      }
      // A method: the object, for the call that follows.
      Finish(S, Base);
      return true;
    }
    if (Base.Kind != SVal::Loc || Base.UnknownOffset) {
      Finish(S, SVal::unknown());
      return true;
    }
    RegionId Object = elementRegion(Base.Id, Base.Num, false);
    if (Field->getType()->isReferenceType()) {
      Finish(S, load(S, SVal::loc(fieldRegion(Object, Field)), Field->getType()));
      return true;
    }
    Finish(S, SVal::loc(fieldRegion(Object, Field)));
    return true;
  }
  case Stmt::ArraySubscriptExprClass: {
    const auto *A = cast<ArraySubscriptExpr>(St);
    SVal Base = valueOf(S, A->getBase());
    SVal Index = valueOf(S, A->getIdx());
    if (!checkUse(S, Base, A, UseKind::Index))
      return false;
    if (Base.Kind != SVal::Loc) {
      Finish(S, SVal::unknown());
      return true;
    }
    SVal Element = Base;
    if (Index.Kind == SVal::Int && !Base.UnknownOffset) {
      int64_t Size = 1;
      QualType T = A->getType();
      if (!T->isIncompleteType() && !T->isDependentType())
        Size = Context.getTypeSizeInChars(T).getQuantity();
      Element.Num = Base.Num + Index.Num * Size;
    } else {
      Element.UnknownOffset = true;
    }
    Finish(S, Element);
    return true;
  }
  case Stmt::CallExprClass:
  case Stmt::CXXMemberCallExprClass:
  case Stmt::CXXOperatorCallExprClass:
  case Stmt::UserDefinedLiteralClass: {
    States After;
    evalCall(cast<Expr>(St), std::move(S), After);
    return Continue(After, [&](State &T) { Finish(T, std::nullopt); });
  }
  case Stmt::CXXConstructExprClass:
  case Stmt::CXXTemporaryObjectExprClass: {
    const auto *Construct = cast<CXXConstructExpr>(St);
    if (isa_and_nonnull<CXXNewExpr>(Parents->getParent(St))) {
      Finish(S, std::nullopt);
      return true;
    }
    States After;
    RegionId Target = tempRegion(Construct);
    removeBindingsUnder(S, Target);
    evalConstruct(Construct, Target, std::move(S), After);
    return Continue(After,
                    [&](State &T) { Finish(T, SVal::loc(Target)); });
  }
  case Stmt::CXXNewExprClass: {
    const auto *New = cast<CXXNewExpr>(St);
    std::optional<Family> Fam = allocatedFamily(*New);
    if (!Fam) {
      // Placement new: the memory is the placement argument's.
      SVal Place = valueOf(S, New->getPlacementArg(0));
      Finish(S, Place);
      return true;
    }
    bool MayBeNull = New->shouldNullCheckAllocation();
    SVal Ptr = allocate(S, *Fam, New->isArray() ? "new[]" : "new", New,
                        MayBeNull, New->getAllocatedType());
    const Expr *Init = New->getInitializer();
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
        Construct && !New->isArray()) {
      States After;
      evalConstruct(Construct, Ptr.Id, std::move(S), After);
      return Continue(After, [&](State &T) {
        for (const Expr *Arg : Construct->arguments()) {
          T.envErase(Arg);
          T.envErase(skipParens(Arg));
        }
        Finish(T, Ptr);
      });
    }
    if (Init && !New->isArray() && !Init->getType()->isRecordType())
      store(S, Ptr, valueOf(S, Init), New, "");
    Finish(S, Ptr);
    return true;
  }
  case Stmt::CXXDeleteExprClass: {
    const auto *Delete = cast<CXXDeleteExpr>(St);
    SVal Ptr = valueOf(S, Delete->getArgument());
    const Expr *Arg = Delete->getArgument();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Arg))
      Arg = Cast->getSubExpr();
    QualType Destroyed = Delete->getDestroyedType();
    const CXXRecordDecl *Record =
        Destroyed.isNull() ? nullptr : Destroyed->getAsCXXRecordDecl();
    auto Release = [&](State &T) {
      if (!release(T, Ptr, releasedFamily(*Delete),
                   Delete->isArrayForm() ? "delete[]" : "delete", Delete,
                   describe(Arg)))
        return false;
      Finish(T, std::nullopt);
      return true;
    };
    std::optional<ObjId> O = objectOf(Ptr);
    if (Record && O && !Delete->isArrayForm() && S.status(*O) &&
        (S.status(*O)->Kind == ObjectStatus::Live ||
         S.status(*O)->Kind == ObjectStatus::Escaped)) {
      // The destructor runs first, on the object being deleted. A virtual
      // destructor of an object of unknown dynamic type is unknown code.
      const ObjectInfo &Info = ObjectTable[*O];
      const CXXRecordDecl *Dynamic = Record;
      if (!Info.AllocatedType.isNull())
        if (const auto *R = Info.AllocatedType->getAsCXXRecordDecl())
          Dynamic = R;
      const CXXDestructorDecl *Dtor =
          Dynamic->hasDefinition() ? Dynamic->getDestructor() : nullptr;
      if (Dtor && Dtor->isVirtual() && Info.AllocatedType.isNull()) {
        escapeContents(S, objectRegion(*O));
        return Release(S);
      }
      States After;
      destroyRegion(std::move(S), objectRegion(*O), Dynamic, Delete, After);
      States Released;
      for (State &T : After)
        if (Release(T))
          Released.push_back(std::move(T));
      return Continue(Released, [](State &) {});
    }
    return Release(S);
  }
  case Stmt::DeclStmtClass: {
    for (const Decl *D : cast<DeclStmt>(St)->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var)
        continue;
      if (!Var->hasLocalStorage()) {
        // A static local: initialised once, kept for the program's life.
        if (const Expr *Init = Var->getInit();
            Init && !Var->getType()->isRecordType() &&
            !Var->getType()->isReferenceType())
          store(S, SVal::loc(varRegion(Var)), valueOf(S, Init), St,
                Var->getName());
        continue;
      }
      RegionId R = varRegion(Var);
      removeBindingsUnder(S, R);
      const Expr *Init = Var->getInit();
      if (!Init)
        continue;
      SVal V = valueOf(S, Init);
      QualType T = Var->getType();
      if (T->isReferenceType()) {
        S.bind(R, V);
      } else if (T->isRecordType() || T->isArrayType()) {
        if (V.isLoc() && !V.UnknownOffset && V.Num == 0) {
          copyRecord(S, V.Id, R);
          if (Regions[V.Id].Kind == Region::Temp)
            removeBindingsUnder(S, V.Id);
        }
      } else {
        S.bind(R, V);
        recordStore(S, R, V, Init);
      }
      S.envErase(Init);
      S.envErase(skipParens(Init));
    }
    Finish(S, std::nullopt);
    return true;
  }
  case Stmt::ReturnStmtClass: {
    const auto *Return = cast<ReturnStmt>(St);
    if (const Expr *Value = Return->getRetValue()) {
      SVal V = valueOf(S, Value);
      // A reference or pointer to a container of the caller's: its
      // elements are the caller's to dispose of.
      QualType Returned = Function.getReturnType();
      if ((Returned->isReferenceType() || Returned->isPointerType()) &&
          V.isLoc() && !V.UnknownOffset &&
          (isContainer(Returned->getPointeeType()) ||
           isUserContainer(Returned->getPointeeType())))
        handOut(S, elementRegion(V.Id, V.Num, false), 0);
      if (Value->getType()->isRecordType() && V.isLoc()) {
        // The returned object outlives the function's variables.
        RegionId Out = tempRegion(Value);
        copyRecord(S, V.Id, Out);
        V = SVal::loc(Out);
      } else if (Function.getReturnType()->isReferenceType()) {
        V = SVal::unknown();
      }
      S.Returned = V;
    }
    S.LastReturn = Return;
    Finish(S, std::nullopt);
    return true;
  }
  case Stmt::CXXThrowExprClass: {
    const auto *Throw = cast<CXXThrowExpr>(St);
    if (const Expr *Sub = Throw->getSubExpr())
      escapeValue(S, valueOf(S, Sub));
    S.Throwing = Throw;
    S.ThrowingCallee.clear();
    Finish(S, std::nullopt);
    return true;
  }
  case Stmt::InitListExprClass: {
    const auto *List = cast<InitListExpr>(St);
    RegionId Target = tempRegion(List);
    removeBindingsUnder(S, Target);
    QualType T = List->getType();
    if (const auto *Record = T->getAsRecordDecl()) {
      unsigned I = 0;
      for (const FieldDecl *Field : Record->fields()) {
        if (I >= List->getNumInits())
          break;
        if (!Field->getType()->isRecordType())
          S.bind(fieldRegion(Target, Field), valueOf(S, List->getInit(I)));
        ++I;
      }
      Finish(S, SVal::loc(Target));
      return true;
    }
    if (const auto *Array = Context.getAsConstantArrayType(T)) {
      int64_t Size = Context.getTypeSizeInChars(Array->getElementType())
                         .getQuantity();
      for (unsigned I = 0; I < List->getNumInits(); ++I)
        S.bind(elementRegion(Target, I * Size, false),
               valueOf(S, List->getInit(I)));
      Finish(S, SVal::loc(Target));
      return true;
    }
    Finish(S, List->getNumInits() == 1 ? valueOf(S, List->getInit(0))
                                       : SVal::unknown());
    return true;
  }
  case Stmt::UnaryExprOrTypeTraitExprClass: {
    Expr::EvalResult R;
    if (cast<Expr>(St)->EvaluateAsInt(R, Context) &&
        R.Val.getInt().getSignificantBits() <= 64) {
      Finish(S, SVal::integer(R.Val.getInt().getExtValue()));
      return true;
    }
    Finish(S, SVal::unknown());
    return true;
  }
  case Stmt::LambdaExprClass: {
    // Captured pointers go wherever the closure goes.
    for (const Expr *Init : cast<LambdaExpr>(St)->capture_inits())
      if (Init)
        escapeValue(S, valueOf(S, Init));
    Finish(S, SVal::unknown());
    return true;
  }
  case Stmt::NullStmtClass:
  case Stmt::CompoundStmtClass:
  case Stmt::LabelStmtClass:
  case Stmt::CaseStmtClass:
  case Stmt::DefaultStmtClass:
  case Stmt::BreakStmtClass:
  case Stmt::ContinueStmtClass:
  case Stmt::GotoStmtClass:
  case Stmt::FloatingLiteralClass:
  case Stmt::CXXNoexceptExprClass:
  case Stmt::TypeTraitExprClass:
  case Stmt::CXXTypeidExprClass:
    Finish(S, isa<Expr>(St) ? std::optional<SVal>(SVal::unknown())
                            : std::nullopt);
    return true;
  default:
    // Unmodelled: whatever owned memory flows into it is no longer
    // followed.
    for (const Stmt *Child : St->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        escapeValue(S, valueOf(S, CE));
    Finish(S, isa<Expr>(St) ? std::optional<SVal>(SVal::unknown())
                            : std::nullopt);
    return true;
  }
}

} // namespace clang::tidy::memreview::engine
