//===--- SharedPtrThisCheck.cpp - memreview-shared-ptr-this ---------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "smartptr/SharedPtrThisCheck.h"
#include "utils/AstHelpers.h"
#include "utils/SmartPointers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::smartptr {

static constexpr llvm::StringLiteral ConstructID = "construct";
static constexpr llvm::StringLiteral ResetID = "reset";
static constexpr llvm::StringLiteral ThisID = "this";

void SharedPtrThisCheck::registerMatchers(MatchFinder *Finder) {
  const auto SharedPtr = classTemplateSpecializationDecl(
      utils::sharedPointerClass());
  const auto AdoptsThis =
      hasArgument(0, ignoringParenCasts(cxxThisExpr().bind(ThisID)));

  // The cheap tests of the argument come first: constructions and 'reset'
  // calls are common, 'this' as their argument is not.

  // 'std::shared_ptr<T>(this)' and 'std::shared_ptr<T> p(this)'. A second
  // argument is a custom deleter, which may well be a no-op: stay silent.
  Finder->addMatcher(
      cxxConstructExpr(argumentCountIs(1), AdoptsThis, hasType(SharedPtr))
          .bind(ConstructID),
      this);
  // 'p.reset(this)'.
  Finder->addMatcher(
      cxxMemberCallExpr(argumentCountIs(1), AdoptsThis,
                        callee(cxxMethodDecl(hasName("reset"))),
                        utils::onSmartPointer(utils::sharedPointerClass()))
          .bind(ResetID),
      this);
}

/// The 'std::enable_shared_from_this<X>' base of \p RD, if any.
static const ClassTemplateSpecializationDecl *
enableSharedFromThisBase(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return nullptr;
  for (const CXXBaseSpecifier &Base : RD->bases()) {
    const auto *BaseDecl = Base.getType()->getAsCXXRecordDecl();
    if (!BaseDecl)
      continue;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(BaseDecl))
      if (Spec->getQualifiedNameAsString() == "std::enable_shared_from_this")
        return Spec;
    if (const auto *Found = enableSharedFromThisBase(BaseDecl))
      return Found;
  }
  return nullptr;
}

/// The pointee class of 'std::shared_ptr<T>'.
static QualType sharedElementType(QualType SharedPtrType) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      SharedPtrType.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1)
    return {};
  return Spec->getTemplateArgs()[0].getAsType();
}

void SharedPtrThisCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *This = Result.Nodes.getNodeAs<CXXThisExpr>(ThisID);
  const auto *Construct = Result.Nodes.getNodeAs<CXXConstructExpr>(ConstructID);
  const auto *Reset = Result.Nodes.getNodeAs<CXXMemberCallExpr>(ResetID);
  assert(This && (Construct || Reset) && "matcher bound nothing");

  const CXXRecordDecl *Class = This->getType()->getPointeeCXXRecordDecl();
  if (!Class)
    return;
  const Expr *Site = Construct ? static_cast<const Expr *>(Construct) : Reset;
  // A smart pointer adopting 'this' is rare: only now look for the function
  // (a constructor, a destructor, a lambda in a member function, ...).
  const FunctionDecl *Function =
      utils::enclosingFunction(*Site, /*Local=*/nullptr, *Result.Context,
                               /*MustHaveBody=*/false);
  if (!Function)
    return;
  const QualType Shared = Construct
                              ? Construct->getType()
                              : Reset->getImplicitObjectArgument()->getType();

  const ClassTemplateSpecializationDecl *EnableBase =
      enableSharedFromThisBase(Class);
  // 'shared_from_this()' throws in constructors (no owner exists yet) and in
  // destructors (the last owner is gone).
  const bool InConstructor = isa<CXXConstructorDecl>(Function);
  const bool InDestructor = isa<CXXDestructorDecl>(Function);
  // In a class template, enable_shared_from_this is usually a dependent base,
  // whose members unqualified lookup does not find: say 'this->'.
  const bool InTemplate = Function->isTemplateInstantiation() ||
                          Class->getTemplateInstantiationPattern();

  // The fix-it is offered only where it is certain to compile and keep the
  // type: a temporary 'std::shared_ptr<X>(this)' whose X is exactly the
  // argument of the enable_shared_from_this base, outside constructors and
  // destructors.
  std::optional<FixItHint> Fix;
  if (Construct && EnableBase && !InConstructor && !InDestructor) {
    // The whole spelled expression: 'std::shared_ptr<X>(this)' is a functional
    // cast around the construction, 'std::shared_ptr<X>{this}' a temporary.
    const Expr *Whole = nullptr;
    if (isa<CXXTemporaryObjectExpr>(Construct))
      Whole = Construct;
    else
      Whole = utils::parentAs<CXXFunctionalCastExpr>(*Construct,
                                                     *Result.Context);
    QualType Element = sharedElementType(Shared);
    QualType Enabled = EnableBase->getTemplateArgs()[0].getAsType();
    if (Whole && !Element.isNull() && !Enabled.isNull() &&
        Result.Context->hasSameUnqualifiedType(Element, Enabled) &&
        !Whole->getBeginLoc().isMacroID() && !Whole->getEndLoc().isMacroID())
      Fix = FixItHint::CreateReplacement(Whole->getSourceRange(),
                                         InTemplate ? "this->shared_from_this()"
                                                    : "shared_from_this()");
  }

  {
    auto D = diag(Site->getBeginLoc(),
                  "%select{'std::shared_ptr'|'reset'}0 adopts 'this', creating "
                  "a second owner that deletes the object independently of "
                  "its current owner; use 'shared_from_this()'")
             << (Construct ? 0 : 1) << This->getSourceRange();
    if (Fix)
      D << *Fix;
  }

  // Point notes about the class at its definition, not at the line that
  // instantiates a template.
  const CXXRecordDecl *Written = Class->getTemplateInstantiationPattern()
                                     ? Class->getTemplateInstantiationPattern()
                                     : Class;
  if (InConstructor)
    diag(Function->getLocation(),
         "'shared_from_this()' cannot be used in a constructor either; create "
         "the 'std::shared_ptr' in a factory function after construction",
         DiagnosticIDs::Note);
  else if (InDestructor)
    diag(Function->getLocation(),
         "'shared_from_this()' cannot be used in a destructor either; the "
         "last owner is already destroying the object",
         DiagnosticIDs::Note);
  else if (EnableBase)
    diag(Written->getLocation(),
         "%0 derives from %1, so 'shared_from_this()' returns a pointer that "
         "shares the existing ownership",
         DiagnosticIDs::Note)
        << Class << QualType(EnableBase->getTypeForDecl(), 0);
  else
    diag(Written->getLocation(),
         "derive %0 from 'std::enable_shared_from_this<%1>' to be able to call "
         "'shared_from_this()'",
         DiagnosticIDs::Note)
        << Class << Class->getName();
}

} // namespace clang::tidy::memreview::smartptr
