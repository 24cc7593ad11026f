//===--- SmartPointers.cpp - matchers and queries on std smart pointers ---===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "utils/SmartPointers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::utils {

internal::Matcher<NamedDecl> smartPointerClass() {
  return hasAnyName("::std::unique_ptr", "::std::shared_ptr");
}
internal::Matcher<NamedDecl> uniquePointerClass() {
  return hasName("::std::unique_ptr");
}
internal::Matcher<NamedDecl> sharedPointerClass() {
  return hasName("::std::shared_ptr");
}

internal::Matcher<QualType> smartPointerType() {
  return hasUnqualifiedDesugaredType(recordType(
      hasDeclaration(classTemplateSpecializationDecl(smartPointerClass()))));
}

internal::Matcher<CXXMemberCallExpr>
onSmartPointer(internal::Matcher<NamedDecl> Class) {
  // 'on' looks through the implicit derived-to-base cast of inherited members.
  const auto SmartClass = classTemplateSpecializationDecl(Class);
  return on(expr(anyOf(hasType(SmartClass), hasType(pointsTo(SmartClass)))));
}

internal::BindableMatcher<Stmt> smartPointerGet(llvm::StringRef OwnerID) {
  return cxxMemberCallExpr(
      callee(cxxMethodDecl(hasName("get"))),
      onSmartPointer(smartPointerClass()),
      on(expr().bind(OwnerID)));
}

llvm::StringRef smartPointerName(QualType T) {
  if (const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl())
    if (RD->getName() == "shared_ptr")
      return "std::shared_ptr";
  return "std::unique_ptr";
}

bool deletesWhatItOwns(QualType Smart) {
  Smart = Smart.getNonReferenceType();
  if (Smart->isPointerType())
    Smart = Smart->getPointeeType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Smart->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  if (Spec->getName() == "shared_ptr")
    return true;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() < 2 || Args[1].getKind() != TemplateArgument::Type)
    return true;
  const auto *Deleter = Args[1].getAsType()->getAsCXXRecordDecl();
  return Deleter && Deleter->getName() == "default_delete" &&
         Deleter->isInStdNamespace();
}

bool hasDeleterArgument(const ValueDecl *Owner) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Owner);
  if (!Var || !Var->getInit())
    return false;
  // The deleter of a unique_ptr is part of its type (deletesWhatItOwns).
  const auto *Class =
      Var->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Class || Class->getName() != "shared_ptr")
    return false;
  // 'std::shared_ptr<T> p(raw, d)' is a construction; 'auto p =
  // std::shared_ptr<T>(raw, d)' wraps it in a functional cast.
  const Expr *Init = Var->getInit()->IgnoreImplicit();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init))
    Init = Cast->getSubExpr()->IgnoreImplicit();
  // The aliasing constructor 'std::shared_ptr<T> p(other, raw)' takes a
  // shared_ptr first, not a deleter second.
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
  return Construct && Construct->getNumArgs() >= 2 &&
         Construct->getArg(0)->getType()->isPointerType() &&
         !isa<CXXDefaultArgExpr>(Construct->getArg(1));
}

const ValueDecl *ownerDecl(const Expr *OwnerExpr) {
  OwnerExpr = OwnerExpr->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(OwnerExpr))
    return dyn_cast<VarDecl>(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(OwnerExpr))
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return nullptr;
}

bool ownerMayChange(const ValueDecl *Owner, const Stmt &Body,
                    ASTContext &Context) {
  if (!Owner)
    return true;
  ExprMutationAnalyzer Analyzer(Body, Context);
  if (isa<VarDecl>(Owner))
    return Analyzer.isMutated(Owner);
  // A field: every access to it through 'this' inside the body must be
  // non-mutating.
  auto Accesses =
      match(findAll(memberExpr(member(equalsNode(Owner)),
                               hasObjectExpression(ignoringParenImpCasts(
                                   cxxThisExpr())))
                        .bind("access")),
            Body, Context);
  for (const auto &Access : Accesses)
    if (Analyzer.isMutated(Access.getNodeAs<Expr>("access")))
      return true;
  return false;
}

std::string sourceText(const Expr *E, const ASTContext &Context) {
  if (E->getBeginLoc().isMacroID() || E->getEndLoc().isMacroID())
    return {};
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(E->getSourceRange()),
             Context.getSourceManager(), Context.getLangOpts())
      .str();
}

} // namespace clang::tidy::memreview::utils
