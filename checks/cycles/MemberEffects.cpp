//===--- MemberEffects.cpp - stores, calls and what they change -----------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "cycles/MemberEffects.h"
#include "cycles/InstanceCycles.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::memreview::cycles {

/// Member functions of a container or smart pointer that remove what it owns.
bool removesOwned(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("reset", "clear", "erase", "pop_back", "pop_front", true)
      .Cases("pop", "swap", "remove", "remove_if", "resize", true)
      .Cases("assign", "release", "extract", "operator=", true)
      .Default(false);
}

/// Member functions of a container that add to what it owns.
bool addsOwned(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("push_back", "push_front", "emplace_back", "emplace_front", true)
      .Cases("insert", "emplace", "emplace_hint", "try_emplace", true)
      .Cases("insert_or_assign", "push", true)
      .Default(false);
}

/// A function of namespace 'std' called \p Name.
bool isStdFunction(const FunctionDecl *F,
                   std::initializer_list<llvm::StringRef> Names) {
  if (!F || !F->isInStdNamespace() || !F->getDeclName().isIdentifier())
    return false;
  return llvm::is_contained(Names, F->getName());
}

/// \p E without the nodes that only wrap a value: parentheses, implicit
/// casts, temporaries, copies and conversions between smart pointers.
const Expr *stripValue(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Next))
      Next = Cleanups->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = Cast->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next);
             Construct && Construct->getNumArgs() >= 1 &&
             !isa<CXXTemporaryObjectExpr>(Construct) &&
             (Construct->getNumArgs() == 1 ||
              isa<CXXDefaultArgExpr>(Construct->getArg(1))) &&
             Construct->getArg(0)->getType()->getAsCXXRecordDecl() &&
             (isSharedPtr(Construct->getArg(0)->getType()) ||
              Construct->getConstructor()->isCopyOrMoveConstructor()))
      Next = Construct->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// The lambda that \p E stores, through the conversions to 'std::function'.
const LambdaExpr *storedLambda(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda;
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1)
      E = Construct->getArg(0);
    else
      return nullptr;
  }
  return nullptr;
}

/// The member that \p E names on '*this' ('member', 'this->member').
const FieldDecl *thisMember(const Expr *E) {
  const auto *Member =
      dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

/// Whether \p E is 'nullptr', '{}' or a default-constructed smart pointer.
bool isEmptyValue(const Expr *E) {
  E = stripValue(E);
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return true;
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0 ||
           isa<CXXNullPtrLiteralExpr>(
               Construct->getArg(0)->IgnoreParenImpCasts());
  return false;
}

/// The parameter that argument \p I of \p Call binds to, if known.
const ParmVarDecl *parameterOf(const CallExpr &Call, unsigned I) {
  const auto *Callee = Call.getDirectCallee();
  if (!Callee)
    return nullptr;
  // A member operator's first argument is the object.
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee)) {
    if (I == 0)
      return nullptr;
    --I;
  }
  return I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
}

/// Whether a parameter lets the callee change the caller's variable.
bool isMutableReference(const ParmVarDecl *Param) {
  if (!Param)
    return false;
  QualType T = Param->getType();
  return (T->isLValueReferenceType() || T->isRValueReferenceType()) &&
         !T.getNonReferenceType().isConstQualified();
}

//===-- Effects of member functions ---------------------------------------===//

/// Member functions called through this many levels are followed; deeper
/// ones may write anything.
static constexpr unsigned MaxEffectDepth = 3;

const InstanceAnalysis::Effect &
InstanceAnalysis::effectOf(const CXXMethodDecl *Method, unsigned Depth) {
  auto &Slot = Effects[Method];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<Effect>();
  Effect &Result = *Slot;
  const FunctionDecl *Definition = nullptr;
  if (Method->isConst() || Method->isStatic())
    return Result;
  if (Depth > MaxEffectDepth || !Method->hasBody(Definition) ||
      (Method->isVirtual() && !Method->hasAttr<FinalAttr>() &&
       !Method->getParent()->hasAttr<FinalAttr>())) {
    Result.All = true;
    return Result;
  }
  llvm::SmallVector<const Stmt *, 32> Work{Definition->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    llvm::append_range(Work, S->children());
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
        Op && Op->getOperator() == OO_Equal)
      if (const FieldDecl *F = thisMember(Op->getArg(0)))
        Result.Fields.insert(F);
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      continue;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *Callee = Member->getMethodDecl();
      const Expr *Object = Member->getImplicitObjectArgument();
      if (const FieldDecl *F = thisMember(Object);
          F && Callee && !Callee->isConst())
        Result.Fields.insert(F);
      if (Callee && Object && isa<CXXThisExpr>(Object->IgnoreParenImpCasts()) &&
          !Callee->getParent()->isInStdNamespace()) {
        const Effect &Called = effectOf(Callee, Depth + 1);
        Result.All |= Called.All;
        Result.Fields.insert(Called.Fields.begin(), Called.Fields.end());
      }
    }
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      if (isStdFunction(Call->getDirectCallee(), {"move"}) ||
          isMutableReference(parameterOf(*Call, I)))
        if (const FieldDecl *F = thisMember(Arg))
          Result.Fields.insert(F);
    }
  }
  return Result;
}

bool InstanceAnalysis::clearedByClass(const CXXRecordDecl *Class,
                                      const FieldDecl *Member) {
  auto &Slot = Cleared[Class];
  if (!Slot) {
    Slot = std::make_unique<llvm::DenseSet<const FieldDecl *>>();
    llvm::SmallVector<const CXXRecordDecl *, 4> Holders{Class};
    for (size_t H = 0; H < Holders.size(); ++H) {
      for (const CXXBaseSpecifier &Base : Holders[H]->bases())
        if (const auto *B = Base.getType()->getAsCXXRecordDecl())
          if ((B = B->getDefinition()) && !B->isInStdNamespace() &&
              !llvm::is_contained(Holders, B))
            Holders.push_back(B);
      for (const CXXMethodDecl *Method : Holders[H]->methods()) {
        const FunctionDecl *Definition = nullptr;
        if (isa<CXXConstructorDecl, CXXDestructorDecl>(Method) ||
            Method->isCopyAssignmentOperator() ||
            Method->isMoveAssignmentOperator() || !Method->hasBody(Definition))
          continue;
        llvm::SmallVector<const Stmt *, 32> Work{Definition->getBody()};
        while (!Work.empty()) {
          const Stmt *S = Work.pop_back_val();
          if (!S)
            continue;
          llvm::append_range(Work, S->children());
          if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
              Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
              isEmptyValue(Op->getArg(1)))
            if (const FieldDecl *F = thisMember(Op->getArg(0)))
              Slot->insert(F);
          if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
            const CXXMethodDecl *Callee = Call->getMethodDecl();
            if (!Callee || !Callee->getDeclName().isIdentifier())
              continue;
            llvm::StringRef Name = Callee->getName();
            bool Clears =
                Name == "reset"
                    ? Call->getNumArgs() == 0
                    : removesOwned(Name) && Name != "swap" && Name != "assign";
            if (const FieldDecl *F =
                    thisMember(Call->getImplicitObjectArgument());
                F && Clears)
              Slot->insert(F);
          }
        }
      }
    }
  }
  return Slot->count(Member);
}

} // namespace clang::tidy::memreview::cycles
