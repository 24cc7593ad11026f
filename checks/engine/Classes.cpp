//===--- Classes.cpp - classes that own memory through raw members --------===//
//
// Part of memreview. A class owns what a raw pointer member points to when
// its member functions store fresh allocations there, or its default member
// initializer allocates ('int *p = new int;'). Whether it releases that
// memory, releases it once per copy, or loses it when the member is assigned
// again follows from the summaries of its member functions: this file reads
// them and reports memreview-owning-member findings.
//
//===----------------------------------------------------------------------===//

#include "engine/Classes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::memreview::engine {

namespace {

/// A fresh allocation a member function stores into a member of 'this', or
/// the member's default member initializer makes ('int *p = new int;').
struct Allocation {
  /// Null for a default member initializer.
  const CXXMethodDecl *Method;
  Family Fam;
  std::string Allocator;
  SourceLocation AllocSite;
  SourceLocation StoreSite;
  bool OverwritesLive;
};

/// A release of a member of 'this' by a member function.
struct Release {
  const CXXMethodDecl *Method;
  Family Fam;
  std::string Deallocator;
  SourceLocation Site;
  /// The same paths store a new allocation into the member: the function
  /// replaces what the member owns rather than disposing of it.
  bool Replaces = false;
};

struct MemberFacts {
  llvm::SmallVector<Allocation, 2> Allocations;
  llvm::SmallVector<Release, 2> Releases;
  /// A member function lets the member escape or returns it: ownership may
  /// be handed elsewhere.
  bool HandedOut = false;
};

bool isMemberPath(const AccessPath &P, const FieldDecl *&Field) {
  if (P.Param != -1 || P.Fields.size() != 1 || !P.Fields[0])
    return false;
  Field = P.Fields[0];
  return true;
}

/// Whether objects of \p RD can be copied (\p Assignment: copy-assigned) by
/// a constructor or operator the compiler writes or the user left public
/// and not deleted. Unsure answers are "no": the check then stays silent.
bool isCopyable(const CXXRecordDecl *RD, bool Assignment, unsigned Depth = 0) {
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD || Depth > 8)
    return false;
  bool UserDeclared = Assignment ? RD->hasUserDeclaredCopyAssignment()
                                 : RD->hasUserDeclaredCopyConstructor();
  if (UserDeclared) {
    for (const CXXMethodDecl *M : RD->methods()) {
      bool IsCopy = Assignment ? M->isCopyAssignmentOperator()
                               : isa<CXXConstructorDecl>(M) &&
                                     cast<CXXConstructorDecl>(M)
                                         ->isCopyConstructor();
      if (IsCopy && !M->isDeleted() && M->getAccess() == AS_public)
        return true;
    }
    return false;
  }
  // A user-declared move operation deletes the implicit copies.
  if (RD->hasUserDeclaredMoveConstructor() ||
      RD->hasUserDeclaredMoveAssignment())
    return false;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (!isCopyable(Base.getType()->getAsCXXRecordDecl(), Assignment,
                    Depth + 1))
      return false;
  for (const FieldDecl *F : RD->fields()) {
    QualType T = F->getType();
    if (Assignment && (T.isConstQualified() || T->isReferenceType()))
      return false;
    while (const auto *Array = dyn_cast<ConstantArrayType>(T.getTypePtr()))
      T = Array->getElementType();
    if (const auto *Member = T->getAsCXXRecordDecl())
      if (!isCopyable(Member, Assignment, Depth + 1))
        return false;
  }
  return true;
}

std::string memberName(const FieldDecl *F) {
  return F->getParent()->getNameAsString() + "::" + F->getNameAsString();
}

std::string methodName(const CXXMethodDecl *M) {
  if (isa<CXXConstructorDecl>(M))
    return M->getParent()->getNameAsString() + "::" +
           M->getParent()->getNameAsString();
  if (isa<CXXDestructorDecl>(M))
    return "~" + M->getParent()->getNameAsString();
  return M->getParent()->getNameAsString() + "::" + M->getNameAsString();
}

/// Where \p A happens, for notes: "in 'Image::Image'".
std::string allocationPlace(const Allocation &A) {
  if (!A.Method)
    return "in its default member initializer";
  return "in '" + methodName(A.Method) + "'";
}

/// The allocation that the default member initializer of \p Field makes:
/// 'int *p = new int;', 'T *p{new T};', 'char *s = strdup("x");', and in
/// \p AllocExpr the expression that allocates.
std::optional<Allocation>
defaultInitAllocation(const FieldDecl &Field,
                      const Expr **AllocExpr = nullptr) {
  const Expr *E = Field.getInClassInitializer();
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
      continue;
    }
    if (const auto *List = dyn_cast<InitListExpr>(E)) {
      if (List->getNumInits() != 1)
        return std::nullopt;
      E = List->getInit(0);
      continue;
    }
    break;
  }
  if (!E)
    return std::nullopt;
  if (AllocExpr)
    *AllocExpr = E;
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    std::optional<Family> Fam = allocatedFamily(*New);
    if (!Fam)
      return std::nullopt; // placement new: not an allocation
    return Allocation{nullptr, *Fam, New->isArray() ? "new[]" : "new",
                      New->getBeginLoc(), SourceLocation(), false};
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (std::optional<CallAllocation> A = allocationByCall(*Call))
      return Allocation{nullptr, A->Fam, A->Callee.str(), Call->getBeginLoc(),
                        SourceLocation(), false};
  return std::nullopt;
}

/// Whether \p Summary stores the allocation at \p Site, still owned, into
/// the member \p Field of 'this'.
bool storesFresh(const FunctionSummary &Summary, const FieldDecl &Field,
                 SourceLocation Site) {
  return llvm::any_of(Summary.Cases, [&](const SummaryCase &Case) {
    return llvm::any_of(Case.Stores, [&](const StoreEffect &Store) {
      return Store.Object.Param == -1 && Store.Object.Fields.empty() &&
             Store.Field == &Field && Store.Value.Kind == ValueDesc::Fresh &&
             Store.Value.Site == Site;
    });
  });
}

/// Whether the objects of \p RD own the memory that the default member
/// initializer of \p Field allocates (\p Init, by \p AllocExpr). The
/// constructors of this unit that run the initializer (those that do not
/// initialize the member themselves, the implicit one once it is needed)
/// tell through their summaries: 'new Child(this)' may hand the child to its
/// parent. When none of them is defined here (an implicit or defaulted
/// constructor this unit does not need, aggregate initialization), only an
/// allocation that no constructor sees counts: a library allocator, or 'new'
/// of a type without a constructor or with a trivial one. Constructors
/// defined in other units are not assumed to run it.
bool ownsDefaultInit(const CXXRecordDecl &RD, const FieldDecl &Field,
                     const Allocation &Init, const Expr &AllocExpr,
                     SummaryProvider &Summaries) {
  bool Owned = false;
  // No constructor declared: the implicit default constructor, or aggregate
  // initialization, runs it.
  bool RunsUndefined = !RD.hasUserDeclaredConstructor();
  for (const CXXConstructorDecl *Ctor : RD.ctors()) {
    if (Ctor->isDeleted())
      continue;
    // Compiler-written copies and moves copy the member instead.
    if (Ctor->isCopyOrMoveConstructor() &&
        (Ctor->isImplicit() || Ctor->isDefaulted()))
      continue;
    const FunctionDecl *Def = nullptr;
    if (!Ctor->hasBody(Def)) {
      // A default constructor the compiler writes (not yet needed here).
      if (Ctor->isDefaulted() && Ctor->isDefaultConstructor())
        RunsUndefined = true;
      continue;
    }
    if (llvm::none_of(cast<CXXConstructorDecl>(Def)->inits(),
                      [&](const CXXCtorInitializer *I) {
                        return I->getMember() == &Field &&
                               isa_and_nonnull<CXXDefaultInitExpr>(
                                   I->getInit());
                      }))
      continue;
    // A constructor that runs it and that the engine cannot follow, or
    // after which the member does not own the memory: stay silent.
    const FunctionSummary *Summary = Summaries.summaryFor(*Def);
    if (!Summary || !Summary->Known ||
        !storesFresh(*Summary, Field, Init.AllocSite))
      return false;
    Owned = true;
  }
  if (Owned)
    return true;
  if (!RunsUndefined)
    return false;
  if (isa<CallExpr>(AllocExpr))
    return true; // a library allocator
  const auto *New = dyn_cast<CXXNewExpr>(&AllocExpr);
  const CXXConstructExpr *Construct = New ? New->getConstructExpr() : nullptr;
  return New && (!Construct || Construct->getConstructor()->isTrivial());
}

/// Members that some code of the translation unit releases directly:
/// 'delete x->member', 'free(x.member)', in any function, of any class.
class MemberReleaseFinder : public RecursiveASTVisitor<MemberReleaseFinder> {
public:
  explicit MemberReleaseFinder(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    note(E->getArgument());
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    if (std::optional<CallRelease> R = releaseByCall(*E))
      if (R->ArgIndex < E->getNumArgs())
        note(E->getArg(R->ArgIndex));
    return true;
  }
  /// 'for (T *p : x->items) delete p;' anywhere: the elements of 'items'
  /// are released by someone.
  bool VisitCXXForRangeStmt(CXXForRangeStmt *Loop) {
    const auto *Member =
        dyn_cast_or_null<MemberExpr>(Loop->getRangeInit()->IgnoreParenImpCasts());
    const VarDecl *Var = Loop->getLoopVariable();
    if (!Member || !Var)
      return true;
    llvm::SmallVector<const Stmt *, 16> Stack{Loop->getBody()};
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S)
        continue;
      for (const Stmt *Child : S->children())
        Stack.push_back(Child);
      const Expr *Arg = nullptr;
      if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S))
        Arg = Delete->getArgument();
      else if (const auto *Call = dyn_cast<CallExpr>(S))
        if (std::optional<CallRelease> R = releaseByCall(*Call))
          if (R->ArgIndex < Call->getNumArgs())
            Arg = Call->getArg(R->ArgIndex);
      if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
              Arg ? Arg->IgnoreParenImpCasts() : nullptr);
          Ref && Ref->getDecl() == Var)
        if (const auto *F = dyn_cast<FieldDecl>(Member->getMemberDecl()))
          ElementsReleased.insert(F->getCanonicalDecl());
    }
    return true;
  }
  llvm::DenseSet<const FieldDecl *> Released;
  llvm::DenseSet<const FieldDecl *> ElementsReleased;

private:
  void note(const Expr *E) {
    if (const auto *M = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()))
      if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl()))
        Released.insert(F->getCanonicalDecl());
  }
  const SourceManager &SM;
};

} // namespace

/// Whether \p M is a member function whose effects on the members matter,
/// and in \p Def its definition here or (defined in another unit) the
/// declaration, whose summary the database may have. Constructors are read
/// as allocation sites elsewhere; functions that cannot be called are not
/// read.
static bool isMemberFunctionToRead(const CXXMethodDecl *M,
                                   const FunctionDecl *&Def) {
  if (!M->isInstance() || isa<CXXConstructorDecl>(M) || M->isDeleted() ||
      M->isPureVirtual())
    return false;
  if (M->hasBody(Def))
    return true;
  // Compiler-generated members without a body do nothing to the members; a
  // private copy assignment that is declared and not defined is the
  // pre-C++11 way of forbidding copies.
  if (M->isImplicit() || M->isDefaulted() ||
      (M->getAccess() == AS_private &&
       (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator())))
    return false;
  Def = M;
  return true;
}

/// The definition of \p Dtor in this unit, or the declaration when the
/// summary database knows what the destructor does.
static bool visibleDefinition(const CXXDestructorDecl *Dtor,
                              const FunctionDecl *&Def,
                              SummaryProvider &Summaries) {
  if (Dtor->hasBody(Def))
    return true;
  const FunctionSummary *Summary = Summaries.summaryFor(*Dtor);
  Def = Dtor;
  return Summary && Summary->Known;
}

/// Where \p Def is defined: its body in this unit, or, for a function
/// defined in another file, the definition its summary records.
static SourceLocation definitionSite(const FunctionDecl &Def,
                                     SummaryProvider &Summaries) {
  if (Def.doesThisDeclarationHaveABody())
    return Def.getLocation();
  const FunctionSummary *Summary = Summaries.summaryFor(Def);
  if (Summary && Summary->Definition.isValid())
    return Summary->Definition;
  return Def.getLocation();
}

/// Calls \p Callback for each fresh allocation that a member function among
/// \p Explored (with a known summary) stores, by the list \p List of its
/// summary cases (stores or element stores), into a member of its own
/// object of a class outside system headers.
template <typename ListT, typename Fn>
static void forEachFreshMemberStore(
    llvm::ArrayRef<const FunctionDecl *> Explored, SummaryProvider &Summaries,
    const SourceManager &SM, ListT SummaryCase::*List, Fn &&Callback) {
  for (const FunctionDecl *FD : Explored) {
    const auto *Method = dyn_cast<CXXMethodDecl>(FD);
    if (!Method || !Method->isInstance() || Method->getParent()->isLambda())
      continue;
    const FunctionSummary *Summary = Summaries.summaryFor(*Method);
    if (!Summary || !Summary->Known)
      continue;
    for (const SummaryCase &Case : Summary->Cases)
      for (const StoreEffect &Store : Case.*List) {
        if (Store.Object.Param != -1 || !Store.Object.Fields.empty() ||
            !Store.Field || Store.Value.Kind != ValueDesc::Fresh)
          continue;
        const auto *Owner = dyn_cast<CXXRecordDecl>(Store.Field->getParent());
        if (!Owner || SM.isInSystemHeader(Owner->getLocation()))
          continue;
        Callback(Method, Summary, Store, Owner);
      }
  }
}

void analyseClasses(ASTContext &Context, SummaryProvider &Summaries,
                    llvm::ArrayRef<const FunctionDecl *> Explored,
                    llvm::ArrayRef<const FieldDecl *> DefaultInitFields,
                    llvm::SmallVectorImpl<OwnershipFinding> &Out) {
  const SourceManager &SM = Context.getSourceManager();
  // Members that receive fresh allocations, class by class.
  llvm::MapVector<const CXXRecordDecl *,
                  llvm::MapVector<const FieldDecl *, MemberFacts>>
      Classes;
  forEachFreshMemberStore(
      Explored, Summaries, SM, &SummaryCase::Stores,
      [&](const CXXMethodDecl *Method, const FunctionSummary *Summary,
          const StoreEffect &Store, const CXXRecordDecl *Owner) {
        // A function that releases the old value on some paths and not on
        // others keeps ownership in a flag ('if (owns) delete[] p;'): on the
        // other paths the member did not own what it held.
        bool ReleasesSometimes = llvm::any_of(
            Summary->Cases, [&](const SummaryCase &Other) {
              return llvm::any_of(Other.Releases, [&](const ReleaseEffect &R) {
                const FieldDecl *F = nullptr;
                return isMemberPath(R.Object, F) && F == Store.Field;
              });
            });
        // A constructor that runs the member's default initializer: the
        // initializer allocates (added below, once).
        if (isa<CXXConstructorDecl>(Method))
          if (std::optional<Allocation> Init =
                  defaultInitAllocation(*Store.Field);
              Init && Init->AllocSite == Store.Value.Site)
            return;
        Classes[Owner][Store.Field].Allocations.push_back(
            {Method, Store.Value.Fam, Store.Value.Allocator, Store.Value.Site,
             Store.Site,
             Store.OverwritesLive && !ReleasesSometimes &&
                 !isa<CXXConstructorDecl>(Method)});
      });
  // Default member initializers that allocate, when a constructor runs them.
  for (const FieldDecl *Field : DefaultInitFields) {
    const auto *Owner = dyn_cast<CXXRecordDecl>(Field->getParent());
    if (!Owner || Owner->isUnion() || Owner->isAnonymousStructOrUnion() ||
        Owner->isLambda() || Owner->isDependentContext() ||
        SM.isInSystemHeader(Owner->getLocation()))
      continue;
    const Expr *AllocExpr = nullptr;
    std::optional<Allocation> Init = defaultInitAllocation(*Field, &AllocExpr);
    if (!Init || !ownsDefaultInit(*Owner, *Field, *Init, *AllocExpr, Summaries))
      continue;
    Classes[Owner][Field].Allocations.push_back(*Init);
  }

  if (Classes.empty())
    return;
  MemberReleaseFinder Finder(SM);
  Finder.TraverseDecl(Context.getTranslationUnitDecl());

  for (auto &[Class, Members] : Classes) {
    const CXXRecordDecl *RD = Class->getDefinition();
    if (!RD || RD->isDependentContext())
      continue;
    // What every member function with a body does to the members.
    const CXXDestructorDecl *Dtor = RD->getDestructor();
    const FunctionDecl *DtorDef = nullptr;
    bool UserDtor = Dtor && Dtor->isUserProvided();
    if (UserDtor && !visibleDefinition(Dtor, DtorDef, Summaries))
      continue; // a destructor the engine cannot see: stay silent
    bool DtorKnown = true;
    for (const CXXMethodDecl *M : RD->methods()) {
      const FunctionDecl *Def = nullptr;
      if (!isMemberFunctionToRead(M, Def))
        continue;
      const FunctionSummary *Summary = Summaries.summaryFor(*Def);
      if (!Summary || !Summary->Known) {
        if (isa<CXXDestructorDecl>(M))
          DtorKnown = false;
        // An unknown member function may release or hand out anything.
        for (auto &Entry : Members)
          Entry.second.HandedOut |= !isa<CXXDestructorDecl>(M);
        continue;
      }
      for (const SummaryCase &Case : Summary->Cases) {
        for (const ReleaseEffect &R : Case.Releases) {
          const FieldDecl *F = nullptr;
          if (isMemberPath(R.Object, F) && Members.count(F))
            Members[F].Releases.push_back(
                {cast<CXXMethodDecl>(Def), R.Fam, R.Deallocator, R.Site,
                 llvm::any_of(Case.Stores, [&](const StoreEffect &S) {
                   return S.Object.Param == -1 && S.Object.Fields.empty() &&
                          S.Field == F && S.Value.Kind == ValueDesc::Fresh;
                 })});
        }
        for (const AccessPath &P : Case.Escapes) {
          const FieldDecl *F = nullptr;
          if (isMemberPath(P, F) && Members.count(F))
            Members[F].HandedOut = true;
        }
        const FieldDecl *F = nullptr;
        if (Case.Return.Kind == ValueDesc::ObjectOf &&
            isMemberPath(Case.Return.Path, F) && Members.count(F))
          Members[F].HandedOut = true;
      }
    }
    if (!DtorKnown)
      continue;

    for (auto &MemberEntry : Members) {
      const FieldDecl *Field = MemberEntry.first;
      MemberFacts &Facts = MemberEntry.second;
      const Allocation &First = Facts.Allocations.front();
      llvm::SmallVector<const Release *, 2> DtorReleases;
      bool ReleasedElsewhere = false;
      for (const Release &R : Facts.Releases) {
        if (isa<CXXDestructorDecl>(R.Method))
          DtorReleases.push_back(&R);
        else if (!R.Replaces)
          ReleasedElsewhere = true;
      }
      std::string Member = memberName(Field);
      // Where the member receives the memory: the allocation, unless a
      // function of another file made it ('slot = makeItem()'), then the
      // store in the member function, which the allocation follows as a note.
      auto PlaceOf = [&](const Allocation &A) {
        if (A.StoreSite.isValid() && A.AllocSite.isValid() &&
            SM.getFileID(SM.getExpansionLoc(A.StoreSite)) !=
                SM.getFileID(SM.getExpansionLoc(A.AllocSite)))
          return A.StoreSite;
        return A.AllocSite;
      };
      auto AllocationNote = [&](OwnershipFinding &F, const Allocation &A) {
        SourceLocation Place = PlaceOf(A);
        F.Steps.push_back({SourceRange(Place),
                           "'" + Member + "' receives memory allocated with '" +
                               A.Allocator + "' here, " + allocationPlace(A)});
        if (Place != A.AllocSite)
          F.Steps.push_back({SourceRange(A.AllocSite),
                             "the memory is allocated with '" + A.Allocator +
                                 "' here"});
      };
      auto AllocationNotes = [&](OwnershipFinding &F) {
        for (const Allocation &A : Facts.Allocations)
          AllocationNote(F, A);
      };

      // No destructor releases it, and no member function hands it on.
      if (DtorReleases.empty()) {
        // Released by other code ('delete owner->rep->member'), or handed on.
        if (ReleasedElsewhere || Facts.HandedOut ||
            Finder.Released.count(Field->getCanonicalDecl()))
          continue;
        OwnershipFinding F;
        F.Kind = FindingKind::OwningMember;
        F.Variant = static_cast<unsigned>(OwningMemberKind::NeverReleased);
        // At the allocation (in the source file, where reviewers look), with
        // the member's declaration as a note.
        F.Range = SourceRange(PlaceOf(First));
        F.Subject = Member;
        F.Detail = RD->getNameAsString();
        F.Allocator = First.Allocator;
        F.Steps.push_back({Field->getSourceRange(),
                           "'" + Member + "' is declared here"});
        AllocationNotes(F);
        if (UserDtor)
          F.Steps.push_back({SourceRange(definitionSite(*DtorDef, Summaries)),
                             "'~" + RD->getNameAsString() +
                                 "' does not release it"});
        F.Steps.push_back(
            {Field->getSourceRange(),
             std::string("use 'std::unique_ptr' (or 'std::vector' for an "
                         "array) for '") +
                 Field->getNameAsString() + "' to release it automatically"});
        Out.push_back(std::move(F));
        continue;
      }

      // The destructor releases it with the deallocator of another family
      // (one report per member).
      [&] {
        for (const Release *R : DtorReleases)
          for (const Allocation &A : Facts.Allocations) {
            if (A.Fam == Family::Custom || R->Fam == Family::Custom ||
                familiesMatch(A.Fam, R->Fam))
              continue;
            OwnershipFinding F;
            F.Kind = FindingKind::OwningMember;
            F.Variant = static_cast<unsigned>(OwningMemberKind::WrongRelease);
            F.Range = SourceRange(R->Site);
            F.Subject = Member;
            F.Allocator = A.Allocator;
            F.Deallocator = R->Deallocator;
            F.Detail = deallocatorName(A.Fam).str();
            AllocationNote(F, A);
            Out.push_back(std::move(F));
            return;
          }
      }();

      // Assigned again without releasing what it held.
      for (const Allocation &A : Facts.Allocations) {
        if (!A.OverwritesLive)
          continue;
        OwnershipFinding F;
        F.Kind = FindingKind::OwningMember;
        F.Variant = static_cast<unsigned>(OwningMemberKind::Overwritten);
        F.Range = SourceRange(A.StoreSite.isValid() ? A.StoreSite : A.AllocSite);
        F.Subject = Member;
        F.Detail = methodName(A.Method);
        F.Allocator = A.Allocator;
        F.Steps.push_back({SourceRange(DtorReleases.front()->Site),
                           "'~" + RD->getNameAsString() + "' releases '" +
                               Field->getNameAsString() +
                               "', so the member owns what it points to"});
        Out.push_back(std::move(F));
      }

      // The rule of three: the destructor releases it, the compiler's copy
      // operations copy the pointer.
      bool CopyCtor = isCopyable(RD, /*Assignment=*/false);
      bool CopyAssign = isCopyable(RD, /*Assignment=*/true);
      bool UserCopyCtor = RD->hasUserDeclaredCopyConstructor();
      bool UserCopyAssign = RD->hasUserDeclaredCopyAssignment();
      bool ImplicitCtor = CopyCtor && !UserCopyCtor;
      bool ImplicitAssign = CopyAssign && !UserCopyAssign;
      if (ImplicitCtor || ImplicitAssign) {
        OwnershipFinding F;
        F.Kind = FindingKind::OwningMember;
        F.Variant = static_cast<unsigned>(OwningMemberKind::ShallowCopy);
        F.Range = SourceRange(DtorReleases.front()->Site);
        F.Subject = Member;
        F.Detail = RD->getNameAsString();
        // Which copies the compiler writes: constructor, assignment, both.
        F.Extra = ImplicitCtor && ImplicitAssign ? 2 : ImplicitCtor ? 0 : 1;
        F.Steps.push_back({Field->getSourceRange(),
                           "'" + Member + "' is declared here"});
        AllocationNotes(F);
        F.Steps.push_back(
            {SourceRange(RD->getLocation()),
             "define the copy operations of '" + RD->getNameAsString() +
                 "' (or '= delete' them), or use 'std::unique_ptr' for '" +
                 Field->getNameAsString() + "'"});
        Out.push_back(std::move(F));
      }
    }
  }
}

std::string ownershipSuggestion(QualType ContainerType, Family Fam,
                                const ASTContext &Context) {
  std::string Example = "std::vector<std::unique_ptr<T>>";
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      ContainerType.getNonReferenceType()->getAsCXXRecordDecl());
  bool Spelled = false;
  if (Spec && Spec->getDeclContext()->isStdNamespace() &&
      Spec->getIdentifier() && (Fam == Family::New || Fam == Family::NewArray)) {
    llvm::StringRef Name = Spec->getName();
    // The arguments a reader writes: the element type, or the key and the
    // mapped type, or the element type and the size.
    unsigned Shown = Name.ends_with("map") || Name == "array" ? 2 : 1;
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    PrintingPolicy Policy(Context.getLangOpts());
    Policy.SuppressTagKeyword = true;
    Policy.SuppressScope = false;
    std::string Text = "std::" + Name.str() + "<";
    Spelled = Args.size() >= Shown;
    for (unsigned I = 0; I < Shown && Spelled; ++I) {
      const TemplateArgument &A = Args[I];
      if (I)
        Text += ", ";
      if (A.getKind() == TemplateArgument::Integral) {
        Text += std::to_string(A.getAsIntegral().getExtValue());
      } else if (A.getKind() != TemplateArgument::Type) {
        Spelled = false;
      } else if (QualType T = A.getAsType(); T->isPointerType() &&
                                             T->getPointeeType()->isObjectType()) {
        Text += "std::unique_ptr<" +
                T->getPointeeType().getAsString(Policy) +
                (Fam == Family::NewArray ? "[]" : "") + ">";
      } else {
        Text += T.getAsString(Policy);
      }
    }
    Text += ">";
    if (Spelled)
      Example = Text;
  }
  return "hold the elements in std::unique_ptr (for example '" + Example +
         "') so that the container releases them";
}

void analyseContainerMembers(ASTContext &Context, SummaryProvider &Summaries,
                             llvm::ArrayRef<const FunctionDecl *> Explored,
                             llvm::SmallVectorImpl<OwnershipFinding> &Out) {
  const SourceManager &SM = Context.getSourceManager();
  struct Add {
    const CXXMethodDecl *Method;
    std::string Allocator;
    Family Fam;
    SourceLocation Site;
  };
  llvm::MapVector<const CXXRecordDecl *,
                  llvm::MapVector<const FieldDecl *, llvm::SmallVector<Add, 2>>>
      Classes;
  forEachFreshMemberStore(
      Explored, Summaries, SM, &SummaryCase::ElementStores,
      [&](const CXXMethodDecl *Method, const FunctionSummary *,
          const StoreEffect &Store, const CXXRecordDecl *Owner) {
        // Declared not to own its elements.
        if (isDeclaredNonOwning(Store.Field, Store.Field->getType()))
          return;
        Classes[Owner][Store.Field].push_back(
            {Method, Store.Value.Allocator, Store.Value.Fam, Store.Value.Site});
      });
  if (Classes.empty())
    return;
  MemberReleaseFinder Finder(SM);
  Finder.TraverseDecl(Context.getTranslationUnitDecl());

  for (auto &[Class, Members] : Classes) {
    const CXXRecordDecl *RD = Class->getDefinition();
    if (!RD || RD->isDependentContext())
      continue;
    const CXXDestructorDecl *Dtor = RD->getDestructor();
    const FunctionDecl *DtorDef = nullptr;
    if (Dtor && Dtor->isUserProvided() &&
        !visibleDefinition(Dtor, DtorDef, Summaries))
      continue;
    // Member functions that release the elements, or let the container (or
    // the whole object) go where the engine cannot follow.
    llvm::DenseSet<const FieldDecl *> Released;
    bool Unknown = false;
    for (const CXXMethodDecl *M : RD->methods()) {
      const FunctionDecl *Def = nullptr;
      if (!isMemberFunctionToRead(M, Def))
        continue;
      const FunctionSummary *Summary = Summaries.summaryFor(*Def);
      if (!Summary || !Summary->Known) {
        Unknown = true;
        continue;
      }
      for (const SummaryCase &Case : Summary->Cases) {
        for (const auto &[Path, Field] : Case.ElementReleases)
          if (Path.Param == -1 && Path.Fields.empty() && Field)
            Released.insert(Field);
        // A member function that lets the elements go (moves or swaps the
        // container away, returns it for change): whoever gets them may
        // release them. A const getter only shows them.
        if (!M->isConst())
          for (const auto &[Path, Field] : Case.ElementEscapes)
            if (Path.Param == -1 && Path.Fields.empty() && Field)
              Released.insert(Field);
        for (const AccessPath &P : Case.Escapes)
          if (P.Param == -1)
            Unknown = true;
      }
    }
    if (Unknown)
      continue;
    for (auto &[Field, Adds] : Members) {
      if (Released.count(Field) ||
          Finder.ElementsReleased.count(Field->getCanonicalDecl()))
        continue;
      std::string Member = memberName(Field);
      const Add &First = Adds.front();
      OwnershipFinding F;
      F.Kind = FindingKind::ContainerOwningPointers;
      F.Variant = static_cast<unsigned>(ContainerDropKind::ClassMember);
      F.Range = SourceRange(First.Site);
      F.Subject = Member;
      F.Allocator = First.Allocator;
      F.Detail = methodName(First.Method);
      F.Deallocator = RD->getNameAsString();
      F.Steps.push_back({Field->getSourceRange(),
                         "'" + Member + "' is declared here"});
      for (const Add &A : Adds)
        F.Steps.push_back({SourceRange(A.Site),
                           "memory allocated with '" + A.Allocator +
                               "' is stored in '" + Field->getNameAsString() +
                               "' here, in '" + methodName(A.Method) + "'"});
      F.Steps.push_back({Field->getSourceRange(),
                         ownershipSuggestion(Field->getType(), First.Fam,
                                             Context)});
      Out.push_back(std::move(F));
    }
  }
}

} // namespace clang::tidy::memreview::engine
