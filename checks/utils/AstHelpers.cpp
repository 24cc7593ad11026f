//===--- AstHelpers.cpp - small AST queries shared by checks --------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "utils/AstHelpers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchersMacros.h"

namespace clang::tidy::memreview::utils {

using namespace ast_matchers;

FunctionParents::FunctionParents(const FunctionDecl &Function)
    : Function(Function), Map(Function.getBody()) {
  assert(Function.getBody() && "a function without a body has no statements");
  Roots.insert(Function.getBody());
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Function))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Expr *InitExpr = Init->getInit()) {
        Map.addStmt(InitExpr);
        Roots.insert(InitExpr);
      }
}

bool FunctionParents::contains(const Stmt &S) const {
  return Roots.contains(&S) || Map.hasParent(&S);
}

const FunctionDecl *FunctionParents::evaluatingFunction(const Stmt &S) const {
  if (!contains(S))
    return nullptr;
  // Within the function, the only other functions are lambdas: their bodies
  // and captures are children of the lambda expression.
  for (const Stmt *Current = parent(S); Current; Current = parent(*Current))
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Current))
      return Lambda->getCallOperator();
  return &Function;
}

static bool hasDefinitionBody(const FunctionDecl &Function) {
  return Function.doesThisDeclarationHaveABody() && Function.getBody();
}

/// The lookup of the 'forFunction' matcher, on the TU-wide parent map.
static const FunctionDecl *
enclosingFunctionInTU(const Stmt &S, ASTContext &Context, bool MustHaveBody) {
  const auto Accepts = [MustHaveBody](const FunctionDecl *Function) {
    return !MustHaveBody || hasDefinitionBody(*Function);
  };
  const auto Parents = Context.getParents(S);
  llvm::SmallVector<DynTypedNode, 8> Stack(Parents.begin(), Parents.end());
  while (!Stack.empty()) {
    const DynTypedNode Node = Stack.pop_back_val();
    if (const auto *Function = Node.get<FunctionDecl>()) {
      if (Accepts(Function))
        return Function;
    } else if (const auto *Lambda = Node.get<LambdaExpr>()) {
      if (Accepts(Lambda->getCallOperator()))
        return Lambda->getCallOperator();
    } else {
      llvm::append_range(Stack, Context.getParents(Node));
    }
  }
  return nullptr;
}

const FunctionDecl *enclosingFunction(const Stmt &S, const VarDecl *Local,
                                      ASTContext &Context, bool MustHaveBody) {
  // A statement that refers to a local variable is, nearly always, in the
  // function that declares it or in a lambda there.
  if (Local && Local->hasLocalStorage())
    if (const auto *Declaring = dyn_cast<FunctionDecl>(Local->getDeclContext());
        Declaring && hasDefinitionBody(*Declaring))
      if (const FunctionDecl *Function =
              FunctionParents(*Declaring).evaluatingFunction(S))
        return Function;
  return enclosingFunctionInTU(S, Context, MustHaveBody);
}

bool isDiscardedValue(const Expr &E, const FunctionParents &Parents) {
  const Stmt *Current = &E;
  while (const Stmt *Parent = Parents.parent(*Current)) {
    // Look through wrappers that do not use the value.
    if (isa<ExprWithCleanups, ParenExpr, CXXBindTemporaryExpr,
            MaterializeTemporaryExpr>(Parent)) {
      Current = Parent;
      continue;
    }
    if (isa<CompoundStmt, LabelStmt, SwitchCase, AttributedStmt>(Parent))
      return true;
    if (const auto *If = dyn_cast<IfStmt>(Parent))
      return If->getThen() == Current || If->getElse() == Current;
    if (const auto *While = dyn_cast<WhileStmt>(Parent))
      return While->getBody() == Current;
    if (const auto *Do = dyn_cast<DoStmt>(Parent))
      return Do->getBody() == Current;
    if (const auto *For = dyn_cast<ForStmt>(Parent))
      return For->getBody() == Current || For->getInc() == Current ||
             For->getInit() == Current;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
      return Range->getBody() == Current;
    if (const auto *Comma = dyn_cast<BinaryOperator>(Parent);
        Comma && Comma->getOpcode() == BO_Comma) {
      if (Comma->getLHS() == Current)
        return true;
      // The right operand is the value of the comma expression: discarded
      // when that is.
      Current = Parent;
      continue;
    }
    return false;
  }
  return false;
}

namespace {

/// The expression whose value \p S passes on unchanged: \p S itself, or
/// what it wraps in parentheses, cleanups and temporaries, or the right
/// operand of a comma. The top-down counterpart of the wrappers that
/// isDiscardedValue looks through.
const Expr *passedOnValue(const Stmt *S) {
  while (true) {
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(S))
      S = Cleanups->getSubExpr();
    else if (const auto *Paren = dyn_cast<ParenExpr>(S))
      S = Paren->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(S))
      S = Bind->getSubExpr();
    else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(S))
      S = Temporary->getSubExpr();
    else if (const auto *Comma = dyn_cast<BinaryOperator>(S);
             Comma && Comma->getOpcode() == BO_Comma)
      S = Comma->getRHS();
    else
      return dyn_cast<Expr>(S);
  }
}

/// Matches a statement whose value (see passedOnValue) matches \p Inner.
AST_MATCHER_P(Stmt, passesOnValueOf, ast_matchers::internal::Matcher<Expr>,
              Inner) {
  const Expr *Value = passedOnValue(&Node);
  return Value && Inner.matches(*Value, Finder, Builder);
}

/// Matches a compound statement once for each of its statements whose value
/// matches \p Inner. 'compoundStmt(forEach(passesOnValueOf(...)))' does the
/// same through a generic traversal of the children, which costs more than
/// the rest of the check on code with many blocks.
AST_MATCHER_P(CompoundStmt, forEachStatementValue,
              ast_matchers::internal::Matcher<Expr>, Inner) {
  ast_matchers::internal::BoundNodesTreeBuilder Result;
  bool Matched = false;
  for (const Stmt *Child : Node.body()) {
    const Expr *Value = passedOnValue(Child);
    if (!Value)
      continue;
    ast_matchers::internal::BoundNodesTreeBuilder ChildBuilder(*Builder);
    if (Inner.matches(*Value, Finder, &ChildBuilder)) {
      Matched = true;
      Result.addMatch(ChildBuilder);
    }
  }
  *Builder = std::move(Result);
  return Matched;
}

/// '[[likely]] p.release();' (ASTMatchers of Clang 19 have no such matcher).
const ast_matchers::internal::VariadicDynCastAllOfMatcher<Stmt, AttributedStmt>
    attributedStmt;

} // namespace

llvm::SmallVector<ast_matchers::internal::BindableMatcher<Stmt>, 10>
discardedValueMatchers(const ast_matchers::internal::Matcher<Expr> &Inner) {
  const auto Value = passesOnValueOf(Inner);
  // 'eachOf' rather than 'anyOf': both branches of an 'if' may discard.
  return {
      compoundStmt(forEachStatementValue(Inner)), labelStmt(has(Value)),
      switchCase(has(Value)), attributedStmt(has(Value)),
      ifStmt(eachOf(hasThen(Value), hasElse(Value))), whileStmt(hasBody(Value)),
      doStmt(hasBody(Value)),
      forStmt(eachOf(hasLoopInit(Value), hasIncrement(Value), hasBody(Value))),
      cxxForRangeStmt(hasBody(Value)),
      // The left operand of any comma, used or not.
      binaryOperator(hasOperatorName(","), hasLHS(Value))};
}

} // namespace clang::tidy::memreview::utils
