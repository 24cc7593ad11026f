//===--- Calls.cpp - calls: library models, summaries, unknown code -------===//
//
// Part of memreview.
//
// A call is one of:
//  - an allocator or deallocator of the ownership model (Models.h);
//  - a function of the C library, which borrows its arguments (it does not
//    keep or release them) unless it is one of the few that keep a pointer;
//  - a function or class of the C++ standard library, which takes whatever
//    non-const pointer it is given (a smart pointer, a container...);
//  - a function of this translation unit, applied through its summary;
//  - unknown code: what it receives by non-const pointer or reference escapes.
//
//===----------------------------------------------------------------------===//

#include "engine/ExplorerImpl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::memreview::engine {

bool Explorer::isSystemDecl(const Decl *D) const {
  return Context.getSourceManager().isInSystemHeader(D->getLocation());
}

/// Inside namespace std (at any depth of classes).
static bool isInStd(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

/// A function of the C library: declared in a system header outside any class
/// and namespace other than std (where the C names are re-declared).
static bool isCFunction(const FunctionDecl &FD) {
  if (isa<CXXMethodDecl>(FD))
    return false;
  const DeclContext *DC = FD.getDeclContext()->getRedeclContext();
  return DC->isTranslationUnit() || DC->isExternCContext() ||
         DC->isStdNamespace();
}

/// C library functions that keep a pointer they are given.
static bool keepsPointerArguments(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("pthread_create", "pthread_setspecific", "setbuf", "setvbuf",
             true)
      .Cases("putenv", "atexit", "on_exit", "funopen", "fopencookie", true)
      .Cases("tsearch", "insque", "signal", "sigaction", "qsort_r", true)
      .Default(false);
}

/// C library functions that read or write the memory their pointer arguments
/// point to.
static bool dereferencesArguments(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("memcpy", "memmove", "memset", "memcmp", "memchr", true)
      .Cases("strlen", "strnlen", "strcpy", "strncpy", "strcat", true)
      .Cases("strncat", "strcmp", "strncmp", "strchr", "strrchr", true)
      .Cases("strstr", "strdup", "strndup", "puts", "fputs", true)
      .Cases("fwrite", "fread", "sprintf", "snprintf", "atoi", true)
      .Cases("strtol", "strtoul", "strtod", "atof", "atol", true)
      .Default(false);
}

static bool hasFunctionPointerParam(const FunctionDecl &FD) {
  return llvm::any_of(FD.parameters(), [](const ParmVarDecl *P) {
    QualType T = P->getType();
    return T->isFunctionPointerType() || T->isBlockPointerType() ||
           T->isMemberFunctionPointerType();
  });
}

/// The type a parameter of \p Callee expects for argument \p I (null for a
/// variadic argument).
static QualType paramType(const FunctionDecl *Callee, unsigned I) {
  if (!Callee || I >= Callee->getNumParams())
    return QualType();
  return Callee->getParamDecl(I)->getType();
}

static bool isInsideTry(const Stmt *E, const ParentMap &PM);

void Explorer::evalCall(const Expr *Call, State S, States &Next) {
  const auto *CE = dyn_cast<CallExpr>(Call);
  if (!CE) {
    S.envBind(Call, freshValue(S, Call->getType()));
    Next.push_back(std::move(S));
    return;
  }
  const FunctionDecl *Callee = CE->getDirectCallee();

  // The object of a member call, and the arguments matched to parameters.
  std::optional<SVal> This;
  llvm::SmallVector<const Expr *, 4> ArgExprs;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(CE)) {
    if (const SVal *V = S.envLookup(Member->getCallee()))
      This = *V;
    else if (const Expr *Object = Member->getImplicitObjectArgument())
      This = valueOf(S, Object);
    for (const Expr *Arg : CE->arguments())
      ArgExprs.push_back(Arg);
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
             Op && isa_and_nonnull<CXXMethodDecl>(Callee) &&
             cast<CXXMethodDecl>(Callee)->isInstance()) {
    This = valueOf(S, Op->getArg(0));
    for (unsigned I = 1; I < Op->getNumArgs(); ++I)
      ArgExprs.push_back(Op->getArg(I));
  } else {
    for (const Expr *Arg : CE->arguments())
      ArgExprs.push_back(Arg);
  }
  llvm::SmallVector<SVal, 4> Args;
  for (const Expr *Arg : ArgExprs)
    Args.push_back(valueOf(S, Arg));

  auto Done = [&](State &T, SVal V) {
    if (Call->getType()->isRecordType() && !V.isLoc())
      V = SVal::loc(tempRegion(Call));
    T.envBind(Call, V);
    Next.push_back(std::move(T));
  };

  if (!Callee) {
    callUnknown(nullptr, Args, ArgExprs, This, S);
    Done(S, freshValue(S, Call->getType()));
    return;
  }

  // Paths that end in a call that never returns are not followed: no leak is
  // reported on the way to 'abort()' or 'exit()'.
  if (Callee->isNoReturn() || Callee->hasAttr<AnalyzerNoReturnAttr>())
    return;

  switch (Callee->getBuiltinID()) {
  case Builtin::BI__builtin_expect:
  case Builtin::BI__builtin_expect_with_probability:
    Done(S, Args.empty() ? SVal::unknown() : Args[0]);
    return;
  case Builtin::BI__builtin_unreachable:
  case Builtin::BI__builtin_trap:
    return;
  default:
    break;
  }

  // The ownership model: allocators and deallocators.
  if (std::optional<CallAllocation> Alloc = allocationByCall(*CE)) {
    QualType Pointee = Call->getType()->getPointeeType();
    bool IsRealloc = Alloc->Callee == "realloc" || Alloc->Callee == "reallocarray";
    if (IsRealloc && !Args.empty() && Args[0].isLoc()) {
      // On success the old block is released and a new one returned; on
      // failure the old block stays and null is returned.
      State Failed = S;
      if (std::optional<ObjId> Old = objectOf(Args[0]))
        addEvent(Failed, PathEvent::CaseChoice, *Old, Call->getSourceRange(),
                 "assuming '" + Alloc->Callee.str() +
                     "' fails: it returns null and the old block stays "
                     "allocated");
      SVal New = allocate(S, Family::Malloc, Alloc->Callee, Call,
                          /*MayBeNull=*/false, Pointee);
      if (release(S, Args[0], Family::Malloc, Alloc->Callee, Call,
                  describe(ArgExprs[0])))
        Done(S, New);
      Done(Failed, SVal::integer(0));
      return;
    }
    bool MayBeNull = Alloc->Fam == Family::Malloc;
    Done(S, allocate(S, Alloc->Fam, Alloc->Callee, Call, MayBeNull, Pointee));
    return;
  }
  if (std::optional<CallRelease> Rel = releaseByCall(*CE)) {
    const Expr *Arg =
        Rel->ArgIndex < ArgExprs.size() ? ArgExprs[Rel->ArgIndex] : nullptr;
    SVal V = Rel->ArgIndex < Args.size() ? Args[Rel->ArgIndex] : SVal::unknown();
    if (Arg && !release(S, V, Rel->Fam, Rel->Callee, Call, describe(Arg)))
      return;
    Done(S, freshValue(S, Call->getType()));
    return;
  }

  if (isSystemDecl(Callee) || isInStd(Callee)) {
    callLibrary(Callee, Call, Args, ArgExprs, This, S, Next);
    return;
  }

  const FunctionDecl *Target = devirtualize(S, Callee, This);
  if (const FunctionDecl *Applied = nullptr;
      const FunctionSummary *Summary = summaryOfCall(Callee, Target, Applied)) {
    applySummary(*Summary, *Applied, Call, Call, Args, This, std::move(S), Next,
                 ArgExprs);
    return;
  }
  callUnknown(Target ? Target : Callee, Args, ArgExprs, This, S);
  mayThrow(Target ? Target : Callee, Call, S);
  Done(S, freshValue(S, Call->getType()));
}

void Explorer::escapeOtherElements(State &S, SVal Arg) {
  if (!Arg.isLoc())
    return;
  // A pointer to an element of a container ('&v[0]', 'v.data()'): the
  // function may reach every element.
  if (Regions[Arg.Id].Kind == Region::Slot) {
    for (const auto &[R, O] : elementsOf(S, Regions[Arg.Id].Parent))
      escapeValue(S, SVal::loc(objectRegion(O)));
    return;
  }
  // Element 0 is the array's own region.
  RegionId Array = Arg.Id;
  RegionId Pointed = elementRegion(Arg.Id, Arg.Num, Arg.UnknownOffset);
  llvm::SmallVector<SVal, 4> Others;
  for (const auto &[R, V] : S.Store) {
    const Region &Info = Regions[R];
    if (R != Pointed && ((Info.Kind == Region::Element && Info.Parent == Array) ||
                         (R == Array && Regions[Array].Kind != Region::Var)))
      Others.push_back(V);
  }
  for (SVal V : Others)
    escapeValue(S, V);
}

const FunctionSummary *Explorer::summaryOfCall(const FunctionDecl *Callee,
                                               const FunctionDecl *Target,
                                               const FunctionDecl *&Applied) {
  const FunctionSummary *Summary = nullptr;
  if (Target) {
    // The definition of this unit, or (without one) the summary database's
    // entry for the declaration.
    const FunctionDecl *Def = nullptr;
    Applied = Target->hasBody(Def) ? Def : Target;
    if (!isSystemDecl(Applied))
      Summary = Summaries.summaryFor(*Applied);
  } else if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
             Method && !isSystemDecl(Method)) {
    // A virtual call whose dynamic type is unknown.
    Applied = Method;
    Summary = Summaries.virtualSummaryFor(*Method);
  }
  return Summary && Summary->Known ? Summary : nullptr;
}

void Explorer::mayThrow(const FunctionDecl *Callee, const Expr *Call,
                        const State &S) {
  if (!engineConfig().UnknownCallsMayThrow ||
      !Context.getLangOpts().CXXExceptions || isInsideTry(Call, *Parents))
    return;
  if (Callee) {
    const auto *Proto = Callee->getType()->getAs<FunctionProtoType>();
    if ((Proto && Proto->isNothrow()) || Callee->isExternC())
      return;
  }
  // The path on which the call throws leaves the function at once.
  State Thrown = S;
  Thrown.Throwing = Call;
  Thrown.ThrowingCallee = Callee ? Callee->getNameAsString() : "the call";
  handleExit(std::move(Thrown));
}

void Explorer::callLibrary(const FunctionDecl *Callee, const Expr *Call,
                           llvm::ArrayRef<SVal> Args,
                           llvm::ArrayRef<const Expr *> ArgExprs,
                           std::optional<SVal> This, State &S, States &Next) {
  auto Done = [&](SVal V) {
    if (Call->getType()->isRecordType() && !V.isLoc())
      V = SVal::loc(tempRegion(Call));
    S.envBind(Call, V);
    Next.push_back(std::move(S));
  };
  llvm::StringRef Name =
      Callee->getIdentifier() ? Callee->getName() : llvm::StringRef();

  // A standard container's member function.
  if (This && isa<CXXMethodDecl>(Callee) &&
      isContainer(cast<CXXMethodDecl>(Callee)->getThisType()->getPointeeType())) {
    SVal Result;
    if (containerCall(*Callee, Call, Args, ArgExprs, *This, S, Result)) {
      Done(Result);
      return;
    }
  }

  if (isCFunction(*Callee) && !isInStd(Callee) ? true
      : isCFunction(*Callee) && Callee->getDeclContext()
                                    ->getRedeclContext()
                                    ->isStdNamespace() &&
            Callee->isExternC()) {
    bool Keeps = keepsPointerArguments(Name) || hasFunctionPointerParam(*Callee);
    bool Reads = dereferencesArguments(Name);
    for (unsigned I = 0; I < Args.size(); ++I) {
      SVal V = Args[I];
      if (Reads && V.isLoc() && ArgExprs[I]->getType()->isPointerType() &&
          !checkUse(S, V, Call, UseKind::PassedToDereferencingCall, Name,
                    ArgExprs[I]))
        return;
      if (Keeps) {
        escapeValue(S, V);
        continue;
      }
      // It borrows the pointer, but may copy or overwrite what it points to.
      if (V.isLoc() && !paramType(Callee, I).isNull() &&
          !paramType(Callee, I)->getPointeeType().isConstQualified()) {
        RegionId Base = V.Id;
        escapeContents(S, Base);
        if (Regions[RegionBase[Base]].Kind == Region::Var && Base == RegionBase[Base]) {
          QualType T = static_cast<const VarDecl *>(Regions[Base].Ptr)->getType();
          if (!T->isRecordType() && !T->isArrayType())
            S.bind(Base, freshValue(S, T));
        }
      }
    }
    Done(freshValue(S, Call->getType()));
    return;
  }

  // The C++ standard library.
  if (isInStd(Callee)) {
    // 'std::swap(a, b)' of two containers.
    if (Name == "swap" && Args.size() == 2 && Args[0].isLoc() &&
        Args[1].isLoc() && isContainer(ArgExprs[0]->getType()) &&
        isContainer(ArgExprs[1]->getType())) {
      swapContainers(S, elementRegion(Args[0].Id, Args[0].Num, false),
                     elementRegion(Args[1].Id, Args[1].Num, false), Call);
      Done(freshValue(S, Call->getType()));
      return;
    }
    // 'std::make_pair(new Key, 1)': the pair holds the pointers.
    if (Name == "make_pair" && Args.size() == 2 &&
        Call->getType()->isRecordType()) {
      const auto *Pair = Call->getType()->getAsCXXRecordDecl();
      llvm::SmallVector<const FieldDecl *, 2> Fields(Pair->fields());
      if (Fields.size() == 2 &&
          llvm::none_of(Fields, [](const FieldDecl *F) {
            return F->getType()->isRecordType() ||
                   F->getType()->isReferenceType();
          })) {
        RegionId Made = tempRegion(Call);
        removeBindingsUnder(S, Made);
        for (unsigned I = 0; I < 2; ++I) {
          SVal V = Args[I];
          QualType P = paramType(Callee, I);
          if (!P.isNull() && P->isReferenceType() && V.isLoc())
            V = load(S, V, ArgExprs[I]->getType());
          S.bind(fieldRegion(Made, Fields[I]), V);
        }
        Done(SVal::loc(Made));
        return;
      }
    }
    // 'std::for_each(v.begin(), v.end(), deleter)'.
    if (!isa<CXXMethodDecl>(Callee))
      if (const auto *CE = dyn_cast<CallExpr>(Call))
        algorithmCall(*Callee, *CE, ArgExprs, S);
    // Casts in function form.
    if (Name == "move" || Name == "forward" || Name == "move_if_noexcept" ||
        Name == "as_const") {
      Done(Args.empty() ? SVal::unknown() : Args[0]);
      return;
    }
    if (Name == "addressof") {
      Done(Args.empty() ? SVal::unknown() : Args[0]);
      return;
    }
  }
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = paramType(Callee, I);
    SVal V = Args[I];
    // A container the library may add to.
    if (T.isNull() || !T->isReferenceType() ||
        !T.getNonReferenceType().isConstQualified())
      forgetExactness(S, V);
    if (!T.isNull() && T->isReferenceType()) {
      QualType Ref = T.getNonReferenceType();
      if (Ref->isPointerType()) {
        // A pointer passed by reference: the pointer value is what the
        // library keeps ('push_back(T *const &)').
        SVal P = load(S, V, Ref);
        if (!Ref->getPointeeType().isConstQualified())
          escapeValue(S, P);
        if (!Ref.isConstQualified())
          escapeValue(S, V);
        continue;
      }
      // Objects passed by reference may be copied or moved from.
      if (V.isLoc())
        escapeContents(S, V.Id);
      continue;
    }
    if (!T.isNull() && T->isPointerType() &&
        T->getPointeeType().isConstQualified())
      continue;
    escapeValue(S, V);
  }
  if (This && This->isLoc()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    if (!Method || !Method->isConst()) {
      escapeContents(S, This->Id);
      forgetExactness(S, *This);
    }
  }
  Done(freshValue(S, Call->getType()));
}

void Explorer::invalidateGlobals(State &S) {
  ++S.GlobalEpoch;
  llvm::SmallVector<RegionId, 4> Globals;
  for (const auto &[R, V] : S.Store) {
    const Region &Base = Regions[RegionBase[R]];
    if (Base.Kind == Region::Var &&
        !static_cast<const VarDecl *>(Base.Ptr)->hasLocalStorage() &&
        !llvm::is_contained(Globals, RegionBase[R]))
      Globals.push_back(RegionBase[R]);
  }
  for (RegionId G : Globals) {
    escapeContents(S, G);
    removeBindingsUnder(S, G);
  }
}

void Explorer::invalidateContents(State &S, SVal V) {
  if (!V.isLoc())
    return;
  RegionId R = RegionBase[V.Id];
  escapeContents(S, R);
  // The region itself stays (its address is known); what is inside it is
  // read anew.
  llvm::erase_if(S.Store, [&](const auto &Entry) {
    return RegionBase[Entry.first] == R && Entry.first != R;
  });
  if (Regions[R].Kind == Region::Object)
    S.unbind(R);
}

void Explorer::callUnknown(const FunctionDecl *Callee,
                           llvm::ArrayRef<SVal> Args,
                           llvm::ArrayRef<const Expr *> ArgExprs,
                           std::optional<SVal> This, State &S) {
  TouchesGlobals = true;
  invalidateGlobals(S);
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = paramType(Callee, I);
    if (T.isNull())
      T = ArgExprs[I]->getType();
    SVal V = Args[I];
    if (T->isReferenceType()) {
      QualType Ref = T.getNonReferenceType();
      if (Ref.isConstQualified() && !Ref->isPointerType())
        continue;
      if (Ref->isPointerType()) {
        // 'T *&': the callee may replace the caller's pointer; 'T *const &'
        // still hands over the pointee.
        SVal P = load(S, V, Ref);
        if (!Ref->getPointeeType().isConstQualified())
          escapeValue(S, P);
        if (!Ref.isConstQualified() && V.isLoc() &&
            Regions[V.Id].Kind == Region::Var) {
          escapeContents(S, V.Id);
          S.bind(V.Id, freshValue(S, Ref));
        }
        continue;
      }
      // An object passed by non-const reference may be deleted ('delete
      // &ref') or changed.
      escapeValue(S, V);
      invalidateContents(S, V);
      continue;
    }
    if (T->isPointerType()) {
      if (T->getPointeeType().isConstQualified())
        continue;
      // '&local': the callee may store anything there.
      if (V.isLoc() && Regions[V.Id].Kind == Region::Var) {
        escapeContents(S, V.Id);
        QualType VarType =
            static_cast<const VarDecl *>(Regions[V.Id].Ptr)->getType();
        if (!VarType->isRecordType() && !VarType->isArrayType())
          S.bind(V.Id, freshValue(S, VarType));
        else
          invalidateContents(S, V);
        continue;
      }
      escapeValue(S, V);
      invalidateContents(S, V);
      continue;
    }
    if (T->isRecordType() && V.isLoc()) {
      // A copy of a struct carries its pointers along.
      escapeContents(S, V.Id);
      continue;
    }
    escapeValue(S, V);
  }
  if (This && This->isLoc()) {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    if (!Method || !Method->isConst())
      invalidateContents(S, *This);
  }
}

const FunctionDecl *Explorer::devirtualize(const State &S,
                                           const FunctionDecl *Callee,
                                           std::optional<SVal> This) const {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || !Method->isVirtual())
    return Callee;
  if (Method->hasAttr<FinalAttr>() || Method->getParent()->hasAttr<FinalAttr>())
    return Callee;
  if (!This || !This->isLoc() || This->Num != 0)
    return nullptr;
  // The dynamic type is known for local objects and for objects this
  // function allocated.
  const CXXRecordDecl *Dynamic = nullptr;
  const Region &R = Regions[This->Id];
  if (R.Kind == Region::Var)
    Dynamic = static_cast<const VarDecl *>(R.Ptr)->getType()->getAsCXXRecordDecl();
  else if (R.Kind == Region::Object && ObjectTable[R.Obj].Owned &&
           !ObjectTable[R.Obj].AllocatedType.isNull())
    Dynamic = ObjectTable[R.Obj].AllocatedType->getAsCXXRecordDecl();
  if (!Dynamic || !Dynamic->hasDefinition())
    return nullptr;
  return Method->getCorrespondingMethodInClass(Dynamic);
}

void Explorer::evalConstruct(const CXXConstructExpr *Construct,
                             RegionId Target, State S, States &Next) {
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  llvm::SmallVector<const Expr *, 4> ArgExprs(Construct->arguments());
  llvm::SmallVector<SVal, 4> Args;
  for (const Expr *Arg : ArgExprs)
    Args.push_back(valueOf(S, Arg));
  SVal This = SVal::loc(Target);

  if (Ctor->isCopyOrMoveConstructor() &&
      (Ctor->isTrivial() || Ctor->isDefaulted()) && !Args.empty()) {
    if (Args[0].isLoc() && !Args[0].UnknownOffset && Args[0].Num == 0) {
      copyRecord(S, Args[0].Id, Target);
      noteSharedCopy(S, Args[0].Id, *Construct);
    }
    Next.push_back(std::move(S));
    return;
  }
  // A container copied or moved from another: the copy holds the same
  // elements.
  if (isContainer(Construct->getType()) && Args.size() == 1 &&
      isContainer(ArgExprs[0]->getType()) && Args[0].isLoc() &&
      Ctor->isCopyOrMoveConstructor()) {
    handOut(S, Args[0].Id, Target);
    copyRecord(S, Args[0].Id, Target);
    if (Ctor->isMoveConstructor()) {
      for (const auto &[R, O] : elementsOf(S, Args[0].Id))
        S.unbind(R);
      setExact(S, Args[0].Id, false);
    }
    Next.push_back(std::move(S));
    return;
  }
  if (isContainer(Construct->getType()) && isInStd(Ctor)) {
    // An empty container: the engine knows all it will hold. One made from
    // a range of another ('std::vector<T *> v(w.begin(), w.end())') holds
    // its elements.
    if (Ctor->isDefaultConstructor())
      setExact(S, Target, true);
    for (const Expr *Arg : ArgExprs)
      copyElementsFromRange(S, Target, Arg);
  }
  // 'std::pair<K *, V *>(k, v)', '{new Key, 1}': the pair holds the
  // pointers (a container it goes into holds them next).
  if (const auto *Pair = Construct->getType()->getAsCXXRecordDecl();
      Pair && isInStd(Pair) && Pair->getIdentifier() &&
      Pair->getName() == "pair" && !Ctor->isCopyOrMoveConstructor() &&
      (Args.size() == 2 || Args.size() == 1)) {
    llvm::SmallVector<const FieldDecl *, 2> Fields(Pair->fields());
    llvm::SmallVector<std::optional<SVal>, 2> Values;
    const CXXRecordDecl *From =
        Args.size() == 1
            ? ArgExprs[0]->getType().getNonReferenceType()->getAsCXXRecordDecl()
            : nullptr;
    if (From && (!From->getIdentifier() || From->getName() != "pair"))
      From = nullptr;
    bool Modelled = Fields.size() == 2 && (Args.size() == 2 || From);
    for (unsigned I = 0; I < 2 && Modelled; ++I) {
      QualType T = Fields[I]->getType();
      if (T->isRecordType() || T->isReferenceType()) {
        Modelled = false;
        break;
      }
      if (Args.size() == 1) {
        // A pair converted from another pair: field by field.
        llvm::SmallVector<const FieldDecl *, 2> Source(From->fields());
        if (!Args[0].isLoc() || Args[0].UnknownOffset || Source.size() != 2) {
          Modelled = false;
          break;
        }
        Values.push_back(load(
            S, SVal::loc(fieldRegion(elementRegion(Args[0].Id, Args[0].Num, false),
                                     Source[I])),
            T));
        continue;
      }
      SVal V = Args[I];
      QualType P = paramType(Ctor, I);
      if (!P.isNull() && P->isReferenceType() && V.isLoc() &&
          !ArgExprs[I]->getType()->isRecordType())
        V = load(S, V, ArgExprs[I]->getType());
      Values.push_back(V);
    }
    if (Modelled) {
      for (unsigned I = 0; I < 2; ++I)
        if (Values[I])
          S.bind(fieldRegion(Target, Fields[I]), *Values[I]);
      Next.push_back(std::move(S));
      return;
    }
  }
  // A constructor the engine cannot read that is given another object it
  // may change ('new Label("name", parent)'): the new object may register
  // itself there, which then owns it (Qt's parent-child ownership).
  auto MayRegisterWith = [&]() {
    if (isInStd(Ctor))
      return false;
    for (unsigned I = 0; I < Args.size(); ++I) {
      QualType T = paramType(Ctor, I);
      if (T.isNull() || !Args[I].isLoc())
        continue;
      QualType Pointee = T->isPointerType() || T->isReferenceType()
                             ? T->getPointeeType()
                             : QualType();
      if (!Pointee.isNull() && Pointee->isRecordType() &&
          !Pointee.isConstQualified())
        return true;
    }
    return false;
  };
  if (isSystemDecl(Ctor) || isInStd(Ctor)) {
    if (MayRegisterWith())
      escapeValue(S, This);
    // A library class takes what it is given: 'std::unique_ptr<T>(p)'.
    for (unsigned I = 0; I < Args.size(); ++I) {
      QualType T = paramType(Ctor, I);
      if (!T.isNull() && T->isPointerType() &&
          T->getPointeeType().isConstQualified())
        continue;
      if (!T.isNull() && T->isReferenceType()) {
        QualType Ref = T.getNonReferenceType();
        if (Ref->isPointerType()) {
          if (!Ref->getPointeeType().isConstQualified())
            escapeValue(S, load(S, Args[I], Ref));
          continue;
        }
        if (Args[I].isLoc())
          escapeContents(S, Args[I].Id);
        continue;
      }
      escapeValue(S, Args[I]);
    }
    Next.push_back(std::move(S));
    return;
  }
  if (const FunctionDecl *Applied = nullptr;
      const FunctionSummary *Summary = summaryOfCall(Ctor, Ctor, Applied)) {
    applySummary(*Summary, *Applied, nullptr, Construct, Args, This,
                 std::move(S), Next, ArgExprs);
    return;
  }
  if (Ctor->isTrivial()) {
    Next.push_back(std::move(S));
    return;
  }
  if (MayRegisterWith())
    escapeValue(S, This);
  callUnknown(Ctor, Args, ArgExprs, This, S);
  Next.push_back(std::move(S));
}

std::optional<SVal> Explorer::resolvePath(State &S, const AccessPath &Path,
                                          llvm::ArrayRef<SVal> Args,
                                          std::optional<SVal> This) {
  SVal Base = SVal::unknown();
  if (Path.Param == -1) {
    if (This)
      Base = *This;
  } else if (static_cast<size_t>(Path.Param) < Args.size()) {
    Base = Args[Path.Param];
  }
  if (!Base.isLoc())
    return std::nullopt;
  for (const FieldDecl *Field : Path.Fields) {
    if (Base.UnknownOffset)
      return std::nullopt;
    RegionId Object = elementRegion(Base.Id, Base.Num, false);
    SVal Location = Field ? SVal::loc(fieldRegion(Object, Field))
                          : SVal::loc(Object);
    Base = load(S, Location, Field ? Field->getType() : Context.VoidPtrTy);
    if (!Base.isLoc())
      return std::nullopt;
  }
  return Base;
}

SVal Explorer::materialize(State &S, const ValueDesc &D, const Expr *Call,
                           const FunctionDecl &Callee,
                           llvm::ArrayRef<SVal> Args, std::optional<SVal> This,
                           QualType Type) {
  switch (D.Kind) {
  case ValueDesc::Unknown:
    return Type.isNull() ? SVal::unknown() : freshValue(S, Type);
  case ValueDesc::Null:
    return SVal::integer(0);
  case ValueDesc::Constant:
    return SVal::integer(D.Value);
  case ValueDesc::ObjectOf:
    if (std::optional<SVal> V = resolvePath(S, D.Path, Args, This))
      return *V;
    return Type.isNull() ? SVal::unknown() : freshValue(S, Type);
  case ValueDesc::Fresh: {
    if (!Call)
      return SVal::unknown();
    QualType Pointee;
    if (!Type.isNull() && Type->isPointerType())
      Pointee = Type->getPointeeType();
    return allocate(S, D.Fam, D.Allocator, Call, D.MaybeNull, Pointee,
                    calleeName(Callee, Call), D.Site);
  }
  }
  return SVal::unknown();
}

ValueDesc Explorer::describeValue(const State &S, SVal V) const {
  ValueDesc D;
  if (V.Kind == SVal::Int) {
    D.Kind = V.Num == 0 ? ValueDesc::Null : ValueDesc::Constant;
    D.Value = V.Num;
    return D;
  }
  std::optional<ObjId> O = objectOf(V);
  if (!O || V.Num != 0 || V.UnknownOffset || V.Id != RegionBase[V.Id])
    return D;
  const ObjectInfo &Info = ObjectTable[*O];
  const ObjectStatus *Status = S.status(*O);
  if (Info.Owned && Status && Status->Kind == ObjectStatus::Live) {
    D.Kind = ValueDesc::Fresh;
    D.Fam = Info.Fam;
    D.MaybeNull = S.range(Info.AddrSym).contains(0);
    D.Site = Info.CalleeSite.isValid() ? Info.CalleeSite
                                       : Info.Site->getBeginLoc();
    D.Allocator = Info.Allocator;
    return D;
  }
  if (Info.Origin && (!Status || Status->Kind == ObjectStatus::Live)) {
    D.Kind = ValueDesc::ObjectOf;
    D.Path = *Info.Origin;
  }
  return D;
}

std::string Explorer::describePath(const AccessPath &Path,
                                  llvm::ArrayRef<const Expr *> ArgExprs,
                                  std::optional<SVal> This,
                                  const Stmt *Site) const {
  std::string Text;
  // Whether the text names the object itself ('holder') or a pointer to it
  // ('conn'): fields follow with '.' or '->'.
  bool ThroughPointer = true;
  if (Path.Param >= 0) {
    if (static_cast<size_t>(Path.Param) >= ArgExprs.size())
      return "";
    const Expr *Arg = ArgExprs[Path.Param]->IgnoreParenImpCasts();
    if (const auto *Addr = dyn_cast<UnaryOperator>(Arg);
        Addr && Addr->getOpcode() == UO_AddrOf) {
      Arg = Addr->getSubExpr();
      ThroughPointer = false;
    } else if (!Arg->getType()->isPointerType()) {
      ThroughPointer = false; // a reference parameter
    }
    Text = describe(Arg);
  } else if (This && This->isLoc() && Regions[This->Id].Kind == Region::Var) {
    Text = regionName(This->Id);
    ThroughPointer = false;
  } else if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(Site)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Object)
      return "";
    Text = describe(Object);
    ThroughPointer = Object->getType()->isPointerType();
  } else if (const auto *Delete = dyn_cast_or_null<CXXDeleteExpr>(Site)) {
    Text = describe(Delete->getArgument());
  } else {
    Text = "this";
  }
  if (Text == "the pointer")
    return "";
  for (const FieldDecl *Field : Path.Fields) {
    if (!Field)
      return Path.Fields.size() == 1 ? "*" + Text : "";
    Text += (ThroughPointer ? "->" : ".") + Field->getNameAsString();
    ThroughPointer = true;
  }
  return Text;
}

/// Whether \p E is inside a try block of the function.
static bool isInsideTry(const Stmt *E, const ParentMap &PM) {
  for (const Stmt *S = E; S;) {
    const Stmt *Parent = PM.getParent(S);
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(Parent);
        Try && Try->getTryBlock() == S)
      return true;
    S = Parent;
  }
  return false;
}

/// What the case a path chose does, for its note: "releases 'conn'",
/// "does not release 'conn'", "returns false"...
std::string Explorer::describeCase(const SummaryCase &C,
                                   llvm::ArrayRef<const SummaryCase *> Others,
                                   const FunctionDecl &Callee,
                                   llvm::ArrayRef<const Expr *> ArgExprs,
                                   std::optional<SVal> This,
                                   const Stmt *Site) const {
  if (C.Throws)
    return "throws";
  llvm::SmallVector<std::string, 2> Parts;
  auto Name = [&](const AccessPath &P) {
    std::string N = describePath(P, ArgExprs, This, Site);
    return N.empty() ? std::string("its argument") : "'" + N + "'";
  };
  for (const ReleaseEffect &R : C.Releases)
    Parts.push_back("releases " + Name(R.Object));
  for (const SummaryCase *O : Others)
    for (const ReleaseEffect &R : O->Releases)
      if (llvm::none_of(C.Releases, [&](const ReleaseEffect &X) {
            return X.Object == R.Object;
          })) {
        std::string Part = "does not release " + Name(R.Object);
        if (!llvm::is_contained(Parts, Part))
          Parts.push_back(Part);
      }
  for (const StoreEffect &E : C.ElementStores)
    if (E.Value.Kind == ValueDesc::Fresh && E.Object.Param >= 0) {
      std::string Part = "puts new memory into " + Name(E.Object);
      if (!llvm::is_contained(Parts, Part))
        Parts.push_back(Part);
    }
  QualType Type = Callee.getReturnType();
  if (C.Return.Kind == ValueDesc::Constant || C.Return.Kind == ValueDesc::Null) {
    if (Type->isBooleanType())
      Parts.push_back(C.Return.Value ? "returns true" : "returns false");
    else if (Type->isPointerType())
      Parts.push_back("returns null");
    else
      Parts.push_back("returns " + std::to_string(C.Return.Value));
  }
  if (Parts.empty())
    return "returns normally";
  std::string Text = Parts.front();
  for (size_t I = 1; I < Parts.size(); ++I)
    Text += " and " + Parts[I];
  return Text;
}

void Explorer::applySummary(const FunctionSummary &Summary,
                            const FunctionDecl &Callee, const Expr *Call,
                            const Stmt *Site, llvm::ArrayRef<SVal> Args,
                            std::optional<SVal> This, State S, States &Next,
                            llvm::ArrayRef<const Expr *> ArgExprs) {
  std::string Name = calleeName(Callee, Site);
  // A container the callee may add to holds elements the engine does not
  // know (a summary names only the memory it follows).
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = paramType(&Callee, I);
    QualType Pointee = T.isNull() ? QualType() : T->getPointeeType();
    if (Pointee.isNull() || !Pointee.isConstQualified())
      forgetExactness(S, Args[I]);
  }
  if (This)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
        !Method || !Method->isConst())
      forgetExactness(S, *This);
  // A struct passed by value is a copy the summary does not follow (its
  // effects are on the callee's own parameter object): the pointers it
  // carries may be released or kept by the callee.
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = paramType(&Callee, I);
    if (!T.isNull() && !T->isReferenceType() && T->isRecordType() &&
        Args[I].isLoc())
      escapeContents(S, Args[I].Id);
  }
  unsigned Feasible = 0;
  struct Outcome {
    State S;
    const SummaryCase *Case;
    /// The object the case did something to (released, let escape, or
    /// allocated and handed over), for the note of a path that chose it.
    ObjId Affected;
  };
  llvm::SmallVector<Outcome, 2> Out;
  for (const SummaryCase &Case : Summary.Cases) {
    State T = S;
    bool Ok = true;
    for (const auto &[Param, Range] : Case.Conditions) {
      if (static_cast<size_t>(Param) >= Args.size())
        continue;
      SVal V = Args[Param];
      switch (V.Kind) {
      case SVal::Int:
        Ok &= Range.contains(V.Num);
        break;
      case SVal::Sym:
        Ok &= T.constrain(V.Id, Range);
        break;
      case SVal::Cond:
        if (!Range.contains(0))
          Ok &= constrainTruth(T, V, true);
        else if (!Range.contains(1))
          Ok &= constrainTruth(T, V, false);
        break;
      case SVal::Loc:
        if (std::optional<ObjId> O = objectOf(V); O && V.Num == 0)
          Ok &= T.constrain(ObjectTable[*O].AddrSym, Range);
        else
          Ok &= !Range.intersect(RangeSet::allBut(0)).isEmpty();
        break;
      case SVal::Unknown:
        break;
      }
    }
    if (!Ok)
      continue;
    ++Feasible;
    if (Summary.TouchesGlobals)
      invalidateGlobals(T);

    auto ArgExpr = [&](const AccessPath &Path) -> const Expr * {
      if (Path.Param >= 0 && static_cast<size_t>(Path.Param) < ArgExprs.size())
        return ArgExprs[Path.Param]->IgnoreParenImpCasts();
      return nullptr;
    };
    // An array handed to the function: a summary names only the element the
    // argument points to, so what the function did with the others (stored,
    // released) is unknown when it used the parameter at all.
    for (unsigned I = 0; I < Args.size(); ++I) {
      auto Mentions = [&](const AccessPath &P) { return P.Param == (int)I; };
      if (llvm::any_of(Case.Derefs, Mentions) ||
          llvm::any_of(Case.Escapes, Mentions) ||
          llvm::any_of(Case.Releases, [&](const ReleaseEffect &R) {
            return Mentions(R.Object);
          }))
        escapeOtherElements(T, Args[I]);
    }
    bool Alive = true;
    ObjId Affected = 0;
    auto Touch = [&](SVal V) {
      if (std::optional<ObjId> O = objectOf(V); O && !Affected)
        Affected = *O;
    };
    for (const AccessPath &Path : Case.Derefs)
      if (std::optional<SVal> Loc = resolvePath(T, Path, Args, This);
          Loc && Site && isa<Expr>(Site))
        if (!checkUse(T, *Loc, cast<Expr>(Site),
                      UseKind::PassedToDereferencingCall, Name,
                      ArgExpr(Path))) {
          Alive = false;
          break;
        }
    for (const ReleaseEffect &R : Case.Releases) {
      if (!Alive)
        break;
      std::optional<SVal> Loc = resolvePath(T, R.Object, Args, This);
      if (!Loc || !Site)
        continue;
      Touch(*Loc);
      Alive = release(T, *Loc, R.Fam, R.Deallocator, Site,
                      describePath(R.Object, ArgExprs, This, Site), Name,
                      R.Site,
                      R.Object.Fields.empty() ? ArgExpr(R.Object) : nullptr);
    }
    if (!Alive)
      continue;
    // A function that releases every element of a container it is given.
    for (const auto &[Path, Field] : Case.ElementReleases)
      if (std::optional<SVal> Loc = resolvePath(T, Path, Args, This);
          Loc && !Loc->UnknownOffset && Site) {
        RegionId Container = elementRegion(Loc->Id, Loc->Num, false);
        if (Field)
          Container = fieldRegion(Container, Field);
        releaseElements(T, Container, Family::New, "delete", Site,
                        describePath(Path, ArgExprs, This, Site));
      }
    // One that lets them go where the caller cannot follow them.
    for (const auto &[Path, Field] : Case.ElementEscapes)
      if (std::optional<SVal> Loc = resolvePath(T, Path, Args, This);
          Loc && !Loc->UnknownOffset) {
        RegionId Container = elementRegion(Loc->Id, Loc->Num, false);
        if (Field)
          Container = fieldRegion(Container, Field);
        escapeElements(T, Container);
        handOut(T, Container, 0);
      }
    for (const AccessPath &Path : Case.Escapes)
      if (std::optional<SVal> Loc = resolvePath(T, Path, Args, This)) {
        Touch(*Loc);
        escapeValue(T, *Loc);
      }
    for (const StoreEffect &Store : Case.Stores) {
      std::optional<SVal> Loc;
      if (Store.Object.Param == -2) {
        // A field of the struct the call returns by value.
        if (!Call || !Call->getType()->isRecordType())
          continue;
        Loc = SVal::loc(tempRegion(Call));
      } else {
        Loc = resolvePath(T, Store.Object, Args, This);
      }
      if (!Loc)
        continue;
      SVal Target = *Loc;
      if (Store.Field && !Target.UnknownOffset)
        Target = SVal::loc(
            fieldRegion(elementRegion(Target.Id, Target.Num, false), Store.Field));
      QualType Type = Store.Field ? Store.Field->getType() : Context.VoidPtrTy;
      // Memory a callee leaves in the caller's own variables or objects is
      // the caller's to release; left in memory the caller does not own
      // (behind 'this' or a parameter), it belongs to that memory's owner.
      ValueDesc Desc = Store.Value;
      bool CallerOwnsTarget = false;
      if (Target.isLoc()) {
        const Region &Base = Regions[RegionBase[Target.Id]];
        CallerOwnsTarget =
            (Base.Kind == Region::Var &&
             static_cast<const VarDecl *>(Base.Ptr)->hasLocalStorage()) ||
            Base.Kind == Region::Temp ||
            (Base.Kind == Region::Object && ObjectTable[Base.Obj].Owned);
      }
      if (Desc.Kind == ValueDesc::Fresh && !CallerOwnsTarget)
        Desc.Kind = ValueDesc::Unknown;
      SVal V = materialize(T, Desc, Call ? Call : dyn_cast_or_null<Expr>(Site),
                           Callee, Args, This, Type);
      if (Desc.Kind == ValueDesc::Fresh)
        Touch(V);
      store(T, Target, V, Site,
            Store.Field ? Store.Field->getName() : llvm::StringRef());
    }
    // Memory the callee put into a container of the caller (a local
    // 'std::vector<T *>' passed by reference): that container holds it now.
    for (const StoreEffect &Store : Case.ElementStores) {
      // A method filling its own object's member container with fresh
      // memory is the class's business (memreview-owning-member and the
      // container check judge the class), not each caller's. What the
      // caller handed over, put into a container (a user container type:
      // 'bag.push_back(new T)' fills the 'std::vector<T *>' inside 'bag'),
      // is held there when the caller follows that container.
      bool Handed = Store.Value.Kind == ValueDesc::ObjectOf;
      if (!Handed &&
          (Store.Value.Kind != ValueDesc::Fresh || Store.Object.Param < 0))
        continue;
      std::optional<SVal> Element;
      if (Handed && !(Element = resolvePath(T, Store.Value.Path, Args, This)))
        continue;
      // The container: the caller's own (a local variable, memory it owns)
      // or, for what it handed over, its own caller's.
      std::optional<RegionId> Container;
      std::optional<SVal> Loc = resolvePath(T, Store.Object, Args, This);
      if (Loc && !Loc->UnknownOffset && Site && isa<Expr>(Site)) {
        RegionId C = elementRegion(Loc->Id, Loc->Num, false);
        if (Store.Field)
          C = fieldRegion(C, Store.Field);
        const Region &Base = Regions[RegionBase[C]];
        bool Local = Base.Kind == Region::Var &&
                     static_cast<const VarDecl *>(Base.Ptr)->hasLocalStorage();
        bool Object = Base.Kind == Region::Object;
        if (Local || (Object && ObjectTable[Base.Obj].Owned) ||
            (Handed && Object && ObjectTable[Base.Obj].Origin))
          Container = C;
      }
      if (!Container) {
        // Somewhere the engine does not follow.
        if (Handed)
          escapeValue(T, *Element);
        continue;
      }
      if (!Handed) {
        Element = materialize(T, Store.Value, cast<Expr>(Site), Callee, Args,
                              This, QualType());
        Touch(*Element);
      }
      if (!addElement(T, *Container, *Element, cast<Expr>(Site),
                      describePath(Store.Object, ArgExprs, This, Site)) &&
          Handed)
        escapeValue(T, *Element);
    }
    if (Call) {
      SVal V = materialize(T, Case.Return, Call, Callee, Args, This,
                           Call->getType());
      if (Call->getType()->isRecordType() && !V.isLoc())
        V = SVal::loc(tempRegion(Call));
      if (Case.Return.Kind == ValueDesc::Fresh)
        Touch(V);
      T.envBind(Call, V);
    }
    if (Case.Throws) {
      // The exception leaves this function unless a try block catches it,
      // which is not followed.
      if (!Site || isInsideTry(Site, *Parents))
        continue;
      // A constructor that throws inside 'new': the new-expression frees the
      // memory it allocated.
      if (This && isa<CXXConstructExpr>(Site) &&
          isa_and_nonnull<CXXNewExpr>(Parents->getParent(Site)))
        if (std::optional<ObjId> O = objectOf(*This))
          T.statusRef(*O).Kind = ObjectStatus::Escaped;
      T.Throwing = Site;
      T.ThrowingCallee = Name;
      handleExit(std::move(T));
      continue;
    }
    Out.push_back({std::move(T), &Case, Affected});
  }
  // A choice concerns the objects any of the cases does something to: a
  // case that leaves an object alone matters for it as much as one that
  // releases it.
  ObjId AnyAffected = 0;
  for (const Outcome &O : Out)
    if (O.Affected && !AnyAffected)
      AnyAffected = O.Affected;
  llvm::SmallVector<const SummaryCase *, 4> Chosen;
  for (const Outcome &O : Out)
    Chosen.push_back(O.Case);
  for (Outcome &O : Out) {
    // The path had to choose between the ways the callee can go.
    if (Feasible > 1 && Site)
      addEvent(O.S, PathEvent::CaseChoice,
               O.Affected ? O.Affected : AnyAffected, siteRange(Site),
               "assuming '" + Name + "' " +
                   describeCase(*O.Case, Chosen, Callee, ArgExprs, This,
                                Site));
    Next.push_back(std::move(O.S));
  }
}

} // namespace clang::tidy::memreview::engine
