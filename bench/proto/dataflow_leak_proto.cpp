//===- dataflow_leak_proto.cpp - leak checker prototype on clang::dataflow -===//
//
// Prototype for memreview: a leak analysis built on Clang 19's dataflow
// framework (clang/Analysis/FlowSensitive).  See README.md next to this file.
//
// Model
//  * every allocation site k (malloc/calloc/strdup/new) of the analysed
//    function owns a bool storage location live_k, false at entry;
//  * an allocation creates a fresh PointerValue with properties
//      "a<k>" = true   (this pointer is the result of site k)
//      "nn"   = n      (fresh atom: allocation succeeded / pointer non-null)
//    and sets live_k := n  (new: n = true);
//  * free/delete of pointer v:   live_k := live_k & !a_k(v)
//    escape (return, store to non-local, pass to opaque fn) likewise;
//  * joins of pointer values: ValueModel::join merges each property with the
//    flow conditions of both sides, J <=> (FC1 & v1) | (FC2 & v2), which is
//    what Environment::join does for plain bool values;
//  * helpers with a body in the TU are inlined by running THIS analysis on
//    the callee with Environment::pushCall/popCall (the framework's own
//    context-sensitive mode runs NoopAnalysis on callees, so it never sees
//    free()/delete inside the helper - see README);
//  * integer comparisons `x == c` and int->bool conversions are memoised per
//    (value, literal) so that re-evaluating the same condition yields the same
//    atom (the built-in transfer returns a fresh atom every time);
//  * at the exit block: if Env.allows(live_k) -> leak.  The satisfying
//    assignment (captured by wrapping the SAT solver) is mapped back to the
//    branch edges recorded in transferBranch to produce path notes.
//===----------------------------------------------------------------------===//

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/AdornedCFG.h"
#include "clang/Analysis/FlowSensitive/DataflowAnalysis.h"
#include "clang/Analysis/FlowSensitive/DataflowAnalysisContext.h"
#include "clang/Analysis/FlowSensitive/DataflowEnvironment.h"
#include "clang/Analysis/FlowSensitive/NoopLattice.h"
#include "clang/Analysis/FlowSensitive/Value.h"
#include "clang/Analysis/FlowSensitive/WatchedLiteralsSolver.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::dataflow;

// ----------------------------------------------------------------- options
static bool OptNoMemo = false;       // disable condition memoisation
static bool OptNoInline = false;     // do not inline helpers
static bool OptFrameworkCS = false;  // use the framework's context-sensitive
                                     // mode (NoopAnalysis on callees) instead
static bool OptAllFns = true;        // analyse functions without alloc sites
static bool OptNotes = true;
static unsigned OptInlineDepth = 2;
static int64_t OptMaxSAT = kDefaultMaxSATIterations;
static int32_t OptMaxBlockVisits = kDefaultMaxBlockVisits;
static bool OptVerbose = false;

// -------------------------------------------------- solver wrapper (witness)
// Environment::allows() discards the solver's model; wrapping the solver is
// the only way to get at the satisfying assignment without re-implementing
// addTransitiveFlowConditionConstraints (private).
class RecordingSolver : public Solver {
public:
  explicit RecordingSolver(int64_t MaxIter) : Inner(MaxIter) {}
  Result solve(llvm::ArrayRef<const Formula *> Vals) override {
    ++Calls;
    auto T0 = std::chrono::steady_clock::now();
    Result R = Inner.solve(Vals);
    SolveSeconds += std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - T0)
                        .count();
    if (R.getStatus() == Result::Status::TimedOut)
      ++TimedOut;
    Last.reset();
    if (R.getStatus() == Result::Status::Satisfiable)
      Last = R.getSolution();
    return R;
  }
  bool reachedLimit() const override { return Inner.reachedLimit(); }

  WatchedLiteralsSolver Inner;
  std::optional<llvm::DenseMap<Atom, Result::Assignment>> Last;
  uint64_t Calls = 0, TimedOut = 0;
  double SolveSeconds = 0;
};

// ------------------------------------------------------------ shared state
struct EdgeRec {
  const Stmt *Cond;
  bool Branch;
  Atom Token;
};

struct FunctionState {
  ASTContext &Ctx;
  const FunctionDecl *Top = nullptr;
  std::vector<const Expr *> Sites;                 // allocation exprs
  llvm::DenseMap<const Expr *, unsigned> SiteIdx;
  std::vector<StorageLocation *> LiveLoc;          // per site
  std::map<std::string, const Formula *> CondMemo; // see memoCond
  std::map<const Value *, std::vector<std::pair<int64_t, const Formula *>>>
      EqByValue;                                   // for mutual exclusion
  std::vector<EdgeRec> Edges;
  std::vector<const FunctionDecl *> InlineStack;
  unsigned Inlines = 0;
  explicit FunctionState(ASTContext &C) : Ctx(C) {}
};

static std::string siteProp(unsigned K) { return "a" + std::to_string(K); }

static bool isNamedCall(const CallExpr *CE, llvm::ArrayRef<llvm::StringRef> Names) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  llvm::StringRef N = FD->getName();
  for (auto X : Names)
    if (N == X)
      return true;
  return false;
}
static bool isAllocCall(const CallExpr *CE) {
  return isNamedCall(CE, {"malloc", "calloc", "strdup"});
}
static bool isFreeCall(const CallExpr *CE) { return isNamedCall(CE, {"free"}); }
// Opaque library functions known not to capture pointer arguments.
static bool isNonCapturing(const CallExpr *CE) {
  return isNamedCall(CE, {"memset", "memcpy", "memmove", "strlen", "strcpy",
                          "strncpy", "printf", "puts", "fprintf", "snprintf",
                          "sprintf", "strcmp", "memcmp"});
}

// Value of E, looking through casts/parens when the framework did not
// propagate a value (e.g. CStyleCast BitCast from void*).
static Value *valueThrough(const Expr *E, const Environment &Env) {
  while (E) {
    if (Value *V = Env.getValue(*E))
      return V;
    if (auto *CE = dyn_cast<CastExpr>(E)) {
      E = CE->getSubExpr();
      continue;
    }
    if (auto *PE = dyn_cast<ParenExpr>(E)) {
      E = PE->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

// ----------------------------------------------------------------- analysis
class LeakAnalysis : public DataflowAnalysis<LeakAnalysis, NoopLattice> {
public:
  LeakAnalysis(ASTContext &Ctx, Environment &Env, FunctionState &FS,
               bool Nested)
      : DataflowAnalysis(Ctx), FS(FS) {
    if (Nested)
      return;
    for (size_t K = 0; K < FS.Sites.size(); ++K) {
      StorageLocation &L = Env.createStorageLocation(Ctx.BoolTy);
      Env.setValue(L, Env.getBoolLiteralValue(false));
      FS.LiveLoc.push_back(&L);
    }
  }

  NoopLattice initialElement() { return {}; }

  // ---- helpers on properties
  const Formula &prop(const Value &V, llvm::StringRef Name, Environment &Env,
                      bool DefaultFalse) {
    if (auto *B = dyn_cast_or_null<BoolValue>(V.getProperty(Name)))
      return B->formula();
    return DefaultFalse ? Env.arena().makeLiteral(false)
                        : Env.makeAtomicBoolValue().formula();
  }

  void killIf(const Value *PV, Environment &Env) {
    if (!PV || !isa<PointerValue>(PV))
      return;
    Arena &A = Env.arena();
    for (unsigned K = 0; K < FS.Sites.size(); ++K) {
      auto *B = dyn_cast_or_null<BoolValue>(PV->getProperty(siteProp(K)));
      if (!B || B->formula().isLiteral(false))
        continue;
      auto *Live = dyn_cast_or_null<BoolValue>(Env.getValue(*FS.LiveLoc[K]));
      if (!Live)
        continue;
      Env.setValue(*FS.LiveLoc[K],
                   A.makeBoolValue(A.makeAnd(Live->formula(),
                                             A.makeNot(B->formula()))));
    }
  }

  // `x == c` / int->bool: one atom per (value, literal), re-assumed mutual
  // exclusion between different literals compared with the same value.
  const Formula &memoCond(const std::string &Key, const Value *Subject,
                          std::optional<int64_t> Lit, Environment &Env) {
    Arena &A = Env.arena();
    auto It = FS.CondMemo.find(Key);
    const Formula *F;
    if (It == FS.CondMemo.end()) {
      F = &A.makeAtomRef(A.makeAtom());
      FS.CondMemo[Key] = F;
      if (Lit && Subject)
        FS.EqByValue[Subject].push_back({*Lit, F});
    } else {
      F = It->second;
    }
    if (Lit && Subject)
      for (auto &[L2, F2] : FS.EqByValue[Subject])
        if (L2 != *Lit)
          Env.assume(A.makeNot(A.makeAnd(*F, *F2)));
    return *F;
  }

  static std::optional<int64_t> intLiteral(const Expr *E, ASTContext &Ctx) {
    E = E->IgnoreParenImpCasts();
    if (auto *IL = dyn_cast<IntegerLiteral>(E))
      return IL->getValue().getSExtValue();
    if (auto *CB = dyn_cast<CXXBoolLiteralExpr>(E))
      return CB->getValue() ? 1 : 0;
    return std::nullopt;
  }

  static std::string ptrKey(const void *P) {
    char Buf[32];
    snprintf(Buf, sizeof Buf, "%p", P);
    return Buf;
  }

  // ---- transfer
  void transfer(const CFGElement &Elt, NoopLattice &, Environment &Env) {
    auto CS = Elt.getAs<CFGStmt>();
    if (!CS)
      return;
    const Stmt *S = CS->getStmt();
    Arena &A = Env.arena();
    ASTContext &Ctx = getASTContext();

    if (auto *CE = dyn_cast<CallExpr>(S)) {
      if (isAllocCall(CE)) {
        auto It = FS.SiteIdx.find(CE);
        if (It == FS.SiteIdx.end())
          return;
        auto &PV = Env.create<PointerValue>(Env.createStorageLocation(Ctx.CharTy));
        BoolValue &NN = Env.makeAtomicBoolValue();
        PV.setProperty(siteProp(It->second), Env.getBoolLiteralValue(true));
        PV.setProperty("nn", NN);
        Env.setValue(*CE, PV);
        Env.setValue(*FS.LiveLoc[It->second], NN);
        return;
      }
      if (isFreeCall(CE)) {
        if (CE->getNumArgs() == 1)
          killIf(valueThrough(CE->getArg(0), Env), Env);
        return;
      }
      const FunctionDecl *Callee = CE->getDirectCallee();
      const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
      if (Def && Def->hasBody() && !OptFrameworkCS && !OptNoInline &&
          FS.InlineStack.size() < OptInlineDepth &&
          !llvm::is_contained(FS.InlineStack, Def) && Def != FS.Top &&
          !isa<CXXMethodDecl>(Def) && Def->getNumParams() == CE->getNumArgs()) {
        inlineCall(CE, Def, Env);
        return;
      }
      if (Def && Def->hasBody() && OptFrameworkCS)
        return; // framework inlined it (with NoopAnalysis) already
      if (isNonCapturing(CE))
        return;
      // Opaque call: pointer arguments escape (ownership may be taken).
      for (const Expr *Arg : CE->arguments())
        if (Arg->getType()->isPointerType())
          killIf(valueThrough(Arg, Env), Env);
      return;
    }

    if (auto *NE = dyn_cast<CXXNewExpr>(S)) {
      auto It = FS.SiteIdx.find(NE);
      if (It == FS.SiteIdx.end())
        return;
      auto &PV = Env.create<PointerValue>(
          Env.createStorageLocation(NE->getAllocatedType()));
      PV.setProperty(siteProp(It->second), Env.getBoolLiteralValue(true));
      PV.setProperty("nn", Env.getBoolLiteralValue(true));
      Env.setValue(*NE, PV);
      Env.setValue(*FS.LiveLoc[It->second], Env.getBoolLiteralValue(true));
      return;
    }

    if (auto *DE = dyn_cast<CXXDeleteExpr>(S)) {
      killIf(valueThrough(DE->getArgument(), Env), Env);
      return;
    }

    if (auto *Cast = dyn_cast<CastExpr>(S)) {
      const Expr *Sub = Cast->getSubExpr();
      switch (Cast->getCastKind()) {
      case CK_BitCast:
      case CK_NoOp:
        if (Cast->isPRValue() && Cast->getType()->isPointerType() &&
            !Env.getValue(*Cast))
          if (Value *V = valueThrough(Sub, Env))
            Env.setValue(*Cast, *V);
        return;
      case CK_NullToPointer:
        if (auto *PV = dyn_cast_or_null<PointerValue>(Env.getValue(*Cast)))
          PV->setProperty("nn", Env.getBoolLiteralValue(false));
        return;
      case CK_PointerToBoolean: {
        Value *V = valueThrough(Sub, Env);
        if (auto *PV = dyn_cast_or_null<PointerValue>(V)) {
          if (auto *NN = dyn_cast_or_null<BoolValue>(PV->getProperty("nn"))) {
            Env.setValue(*Cast, *NN);
            return;
          }
          if (!OptNoMemo) {
            Env.setValue(*Cast, A.makeBoolValue(memoCond(
                                    "p2b|" + ptrKey(PV), nullptr, {}, Env)));
            return;
          }
        }
        if (!Env.getValue(*Cast))
          Env.setValue(*Cast, Env.makeAtomicBoolValue());
        return;
      }
      case CK_IntegralToBoolean: {
        if (OptNoMemo)
          return;
        Value *V = Env.getValue(*Sub);
        if (!V || isa<BoolValue>(V))
          return;
        // x != 0  <=>  !(x == 0): share the atom with `x == 0`.
        Env.setValue(*Cast, A.makeBoolValue(A.makeNot(
                                memoCond("eq|" + ptrKey(V) + "|0", V, 0, Env))));
        return;
      }
      default:
        return;
      }
    }

    if (auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
        const Expr *L = BO->getLHS(), *R = BO->getRHS();
        bool IsEq = BO->getOpcode() == BO_EQ;
        // pointer vs null
        if (L->getType()->isPointerType() || R->getType()->isPointerType()) {
          const Expr *Other = nullptr;
          if (R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
            Other = L;
          else if (L->isNullPointerConstant(Ctx,
                                            Expr::NPC_ValueDependentIsNotNull))
            Other = R;
          if (Other)
            if (auto *PV =
                    dyn_cast_or_null<PointerValue>(valueThrough(Other, Env)))
              if (auto *NN =
                      dyn_cast_or_null<BoolValue>(PV->getProperty("nn"))) {
                Env.setValue(*BO, IsEq ? Env.makeNot(*NN) : *NN);
                return;
              }
          return;
        }
        if (OptNoMemo)
          return;
        if (!L->getType()->isIntegralOrEnumerationType() ||
            L->getType()->isBooleanType())
          return;
        auto LLit = intLiteral(L, Ctx), RLit = intLiteral(R, Ctx);
        const Formula *Eq = nullptr;
        if (RLit && !LLit) {
          Value *V = Env.getValue(*L);
          if (!V)
            return;
          Eq = &memoCond("eq|" + ptrKey(V) + "|" + std::to_string(*RLit), V,
                         *RLit, Env);
        } else if (LLit && !RLit) {
          Value *V = Env.getValue(*R);
          if (!V)
            return;
          Eq = &memoCond("eq|" + ptrKey(V) + "|" + std::to_string(*LLit), V,
                         *LLit, Env);
        } else {
          Value *VL = Env.getValue(*L), *VR = Env.getValue(*R);
          if (!VL || !VR)
            return;
          if (VL > VR)
            std::swap(VL, VR);
          Eq = &memoCond("eqv|" + ptrKey(VL) + "|" + ptrKey(VR), nullptr, {},
                         Env);
        }
        Env.setValue(*BO, A.makeBoolValue(IsEq ? *Eq : A.makeNot(*Eq)));
        return;
      }
      if (BO->isRelationalOp() && !OptNoMemo &&
          BO->getLHS()->getType()->isIntegralOrEnumerationType()) {
        // `x < c` etc.: the built-in transfer leaves these without a value,
        // so every evaluation gets a fresh atom.  Memoise per (op, values);
        // no ordering theory (x > 10 and x > 5 stay unrelated).
        auto Key = [&](const Expr *E) -> std::string {
          if (auto L = intLiteral(E, Ctx))
            return "#" + std::to_string(*L);
          Value *V = Env.getValue(*E);
          return V ? ptrKey(V) : std::string();
        };
        std::string KL = Key(BO->getLHS()), KR = Key(BO->getRHS());
        if (KL.empty() || KR.empty())
          return;
        Env.setValue(*BO, A.makeBoolValue(memoCond(
                              "rel|" + std::string(BO->getOpcodeStr()) + "|" +
                                  KL + "|" + KR,
                              nullptr, {}, Env)));
        return;
      }
      if (BO->getOpcode() == BO_Assign && !BO->getType()->isRecordType() &&
          !Env.getValue(*BO->getRHS())) {
        // The built-in transfer skips `x = <unmodelled rvalue>` (e.g. the
        // result of an opaque call), so `x` silently keeps its OLD value and
        // stale correlations survive.  Give it a fresh value instead.
        if (StorageLocation *Loc = Env.getStorageLocation(*BO->getLHS()))
          if (Value *Fresh = Env.createValue(BO->getLHS()->getType()))
            Env.setValue(*Loc, *Fresh);
      }
      if (BO->getOpcode() == BO_Assign && BO->getType()->isPointerType()) {
        // Store of an owned pointer into something that is not a local
        // variable: treat as escape.
        const Expr *LHS = BO->getLHS()->IgnoreParenImpCasts();
        bool Local = false;
        if (auto *DRE = dyn_cast<DeclRefExpr>(LHS))
          if (auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            Local = VD->hasLocalStorage();
        if (!Local)
          killIf(valueThrough(BO->getRHS(), Env), Env);
      }
      return;
    }

    if (auto *RS = dyn_cast<ReturnStmt>(S)) {
      if (FS.InlineStack.empty() && RS->getRetValue() &&
          RS->getRetValue()->getType()->isPointerType())
        killIf(valueThrough(RS->getRetValue(), Env), Env);
      return;
    }
  }

  void transferBranch(bool Branch, const Stmt *Cond, NoopLattice &,
                      Environment &Env) {
    if (OptNotes)
      FS.Edges.push_back({Cond, Branch, Env.getFlowConditionToken()});
  }

  // Manual context-sensitive step: run THIS analysis on the callee.
  void inlineCall(const CallExpr *CE, const FunctionDecl *Def,
                  Environment &Env) {
    const AdornedCFG *ACFG = Env.getDataflowAnalysisContext().getAdornedCFG(Def);
    if (!ACFG)
      return;
    Environment CalleeEnv = Env.pushCall(CE);
    FS.InlineStack.push_back(Def);
    ++FS.Inlines;
    LeakAnalysis Sub(getASTContext(), CalleeEnv, FS, /*Nested=*/true);
    auto Res = runDataflowAnalysis(*ACFG, Sub, CalleeEnv, nullptr,
                                   OptMaxBlockVisits);
    FS.InlineStack.pop_back();
    if (!Res) {
      llvm::consumeError(Res.takeError());
      return;
    }
    auto &Exit = (*Res)[ACFG->getCFG().getExit().getBlockID()];
    if (!Exit)
      return;
    Env.popCall(CE, Exit->Env);
  }

  // ---- ValueModel
  ComparisonResult compare(QualType Type, const Value &V1,
                           const Environment &E1, const Value &V2,
                           const Environment &E2) override {
    if (!isa<PointerValue>(V1) || !isa<PointerValue>(V2))
      return ComparisonResult::Unknown;
    if (&cast<PointerValue>(V1).getPointeeLoc() !=
        &cast<PointerValue>(V2).getPointeeLoc())
      return ComparisonResult::Unknown;
    // Same pointee: equal iff every property is provably the same constant.
    for (auto &P : V1.properties()) {
      auto *B1 = dyn_cast<BoolValue>(P.second);
      auto *B2 = dyn_cast_or_null<BoolValue>(V2.getProperty(P.first()));
      if (!B1 || !B2)
        return ComparisonResult::Unknown;
      if (&B1->formula() == &B2->formula())
        continue;
      return ComparisonResult::Unknown;
    }
    return ComparisonResult::Same;
  }

  void join(QualType Type, const Value &V1, const Environment &E1,
            const Value &V2, const Environment &E2, Value &Joined,
            Environment &JE) override {
    if (!isa<PointerValue>(V1) || !isa<PointerValue>(V2))
      return;
    Arena &A = JE.arena();
    std::set<std::string> Names;
    for (auto &P : V1.properties())
      Names.insert(P.first().str());
    for (auto &P : V2.properties())
      Names.insert(P.first().str());
    auto Get = [&](const Value &V, const std::string &N) -> const Formula & {
      if (auto *B = dyn_cast_or_null<BoolValue>(V.getProperty(N)))
        return B->formula();
      if (N[0] == 'a')
        return A.makeLiteral(false); // not from site k
      return A.makeAtomRef(A.makeAtom()); // unknown null-ness
    };
    for (const std::string &N : Names) {
      const Formula &F1 = Get(V1, N), &F2 = Get(V2, N);
      if (&F1 == &F2) {
        Joined.setProperty(N, A.makeBoolValue(F1));
        continue;
      }
      const Formula &J = A.makeAtomRef(A.makeAtom());
      JE.assume(A.makeOr(
          A.makeAnd(A.makeAtomRef(E1.getFlowConditionToken()),
                    A.makeEquals(J, F1)),
          A.makeAnd(A.makeAtomRef(E2.getFlowConditionToken()),
                    A.makeEquals(J, F2))));
      Joined.setProperty(N, A.makeBoolValue(J));
    }
  }

private:
  FunctionState &FS;
};

// ---------------------------------------------------------- site collection
class SiteCollector : public RecursiveASTVisitor<SiteCollector> {
public:
  explicit SiteCollector(FunctionState &FS) : FS(FS) {}
  bool VisitCallExpr(CallExpr *CE) {
    if (isAllocCall(CE))
      add(CE);
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *NE) {
    add(NE);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

private:
  void add(const Expr *E) {
    FS.SiteIdx[E] = FS.Sites.size();
    FS.Sites.push_back(E);
  }
  FunctionState &FS;
};

// ---------------------------------------------------------------- driver
struct Stats {
  unsigned Functions = 0, Analysed = 0, Errors = 0, Leaks = 0, Inlines = 0;
  uint64_t SolverCalls = 0, SolverTimeouts = 0;
  double AnalysisSeconds = 0, SolveSeconds = 0, MaxFnSeconds = 0;
  std::string SlowestFn;
};
static Stats G;

static std::string locStr(SourceLocation L, const SourceManager &SM) {
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
  if (P.isInvalid())
    return "<invalid>";
  return std::string(llvm::sys::path::filename(P.getFilename())) + ":" +
         std::to_string(P.getLine()) + ":" + std::to_string(P.getColumn());
}

static std::string srcText(const Stmt *S, ASTContext &Ctx) {
  auto R = CharSourceRange::getTokenRange(S->getSourceRange());
  return Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

static void analyseFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  ++G.Functions;
  FunctionState FS(Ctx);
  FS.Top = FD;
  SiteCollector(FS).TraverseStmt(FD->getBody());
  if (FS.Sites.empty() && !OptAllFns)
    return;
  ++G.Analysed;
  auto T0 = std::chrono::steady_clock::now();

  auto ACFG = AdornedCFG::build(*FD);
  if (!ACFG) {
    llvm::errs() << "error: CFG: " << llvm::toString(ACFG.takeError()) << "\n";
    ++G.Errors;
    return;
  }
  RecordingSolver Solver(OptMaxSAT);
  DataflowAnalysisContext::Options Opts;
  if (OptFrameworkCS)
    Opts.ContextSensitiveOpts = ContextSensitiveOptions{OptInlineDepth};
  DataflowAnalysisContext DACtx(Solver, Opts);
  Environment Env(DACtx, *FD);
  LeakAnalysis Analysis(Ctx, Env, FS, /*Nested=*/false);
  auto Res = runDataflowAnalysis(*ACFG, Analysis, Env, nullptr,
                                 OptMaxBlockVisits);
  const SourceManager &SM = Ctx.getSourceManager();
  std::string FnName = FD->getQualifiedNameAsString();
  if (!Res) {
    llvm::errs() << locStr(FD->getLocation(), SM) << ": error: analysis of '"
                 << FnName << "' failed: " << llvm::toString(Res.takeError())
                 << "\n";
    ++G.Errors;
  } else {
    auto &Exit = (*Res)[ACFG->getCFG().getExit().getBlockID()];
    if (Exit) {
      for (unsigned K = 0; K < FS.Sites.size(); ++K) {
        auto *Live = dyn_cast_or_null<BoolValue>(Exit->Env.getValue(*FS.LiveLoc[K]));
        if (!Live)
          continue;
        bool Allowed = Exit->Env.allows(Live->formula());
        if (Solver.reachedLimit() || Solver.TimedOut) {
          // allows() maps a solver timeout to "not satisfiable": without this
          // check a timeout silently becomes "no leak".
          llvm::outs() << locStr(FS.Sites[K]->getBeginLoc(), SM)
                       << ": remark: SAT solver limit reached in '" << FnName
                       << "', leak check inconclusive [memreview-proto-timeout]\n";
          ++G.Errors;
          continue;
        }
        if (!Allowed)
          continue;
        ++G.Leaks;
        llvm::outs() << locStr(FS.Sites[K]->getBeginLoc(), SM)
                     << ": warning: memory allocated here may leak in '"
                     << FnName << "' [memreview-proto-leak]\n";
        if (OptNotes && Solver.Last) {
          // Map the model back to branch edges on the witness path.
          std::set<std::pair<const Stmt *, bool>> Seen;
          std::vector<std::pair<SourceLocation, std::string>> Notes;
          for (const EdgeRec &E : FS.Edges) {
            auto It = Solver.Last->find(E.Token);
            if (It == Solver.Last->end() ||
                It->second != Solver::Result::Assignment::AssignedTrue)
              continue;
            if (!Seen.insert({E.Cond, E.Branch}).second)
              continue;
            Notes.push_back({E.Cond->getBeginLoc(),
                             "assuming '" + srcText(E.Cond, Ctx) + "' is " +
                                 (E.Branch ? "true" : "false")});
          }
          llvm::sort(Notes, [&](auto &X, auto &Y) {
            return SM.isBeforeInTranslationUnit(X.first, Y.first);
          });
          for (auto &N : Notes)
            llvm::outs() << locStr(N.first, SM) << ": note: " << N.second
                         << "\n";
          llvm::outs() << locStr(FD->getBodyRBrace(), SM)
                       << ": note: allocation still owned at function exit\n";
        }
      }
    }
  }
  double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - T0).count();
  G.AnalysisSeconds += Secs;
  if (Secs > G.MaxFnSeconds) {
    G.MaxFnSeconds = Secs;
    G.SlowestFn = FnName;
  }
  G.SolverCalls += Solver.Calls;
  G.SolverTimeouts += Solver.TimedOut;
  G.SolveSeconds += Solver.SolveSeconds;
  G.Inlines += FS.Inlines;
  if (OptVerbose)
    llvm::errs() << FnName << ": " << Secs * 1000 << " ms, solver calls "
                 << Solver.Calls << "\n";
}

class Consumer : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<const FunctionDecl *> Fns;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || !FD->doesThisDeclarationHaveABody() ||
          !SM.isInMainFile(FD->getLocation()) || FD->isDependentContext())
        continue;
      Fns.push_back(FD);
    }
    for (const FunctionDecl *FD : Fns)
      analyseFunction(FD, Ctx);
  }
};

class Action : public ASTFrontendAction {
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<Consumer>();
  }
};

int main(int argc, const char **argv) {
  // usage: dataflow_leak_proto [opts] file.cpp... -- compiler args
  std::vector<std::string> Files;
  int I = 1;
  for (; I < argc; ++I) {
    llvm::StringRef A = argv[I];
    if (A == "--")
      break;
    if (A == "--no-memo") OptNoMemo = true;
    else if (A == "--no-inline") OptNoInline = true;
    else if (A == "--framework-cs") OptFrameworkCS = true;
    else if (A == "--alloc-fns-only") OptAllFns = false;
    else if (A == "--no-notes") OptNotes = false;
    else if (A == "-v") OptVerbose = true;
    else if (A.consume_front("--depth=")) OptInlineDepth = std::stoi(A.str());
    else if (A.consume_front("--max-sat=")) OptMaxSAT = std::stoll(A.str());
    else if (A.consume_front("--max-block-visits=")) OptMaxBlockVisits = std::stoi(A.str());
    else Files.push_back(A.str());
  }
  std::vector<std::string> CArgs = {"-xc++", "-std=c++17",
                                    "-resource-dir=/usr/lib/llvm-19/lib/clang/19"};
  for (++I; I < argc; ++I)
    CArgs.push_back(argv[I]);
  if (Files.empty()) {
    llvm::errs() << "usage: " << argv[0]
                 << " [--no-memo] [--no-inline] [--framework-cs] "
                    "[--alloc-fns-only] [--no-notes] [--depth=N] "
                    "[--max-sat=N] [--max-block-visits=N] [-v] file.cpp... "
                    "[-- extra compiler args]\n";
    return 2;
  }
  tooling::FixedCompilationDatabase DB(".", CArgs);
  tooling::ClangTool Tool(DB, Files);
  auto T0 = std::chrono::steady_clock::now();
  int RC = Tool.run(tooling::newFrontendActionFactory<Action>().get());
  double Total = std::chrono::duration<double>(std::chrono::steady_clock::now() - T0).count();
  llvm::errs() << "stats: functions=" << G.Functions << " analysed=" << G.Analysed
               << " leaks=" << G.Leaks << " errors=" << G.Errors
               << " inlined_calls=" << G.Inlines
               << " solver_calls=" << G.SolverCalls
               << " solver_timeouts=" << G.SolverTimeouts
               << " total_s=" << Total << " dataflow_s=" << G.AnalysisSeconds
               << " solver_s=" << G.SolveSeconds
               << " slowest_fn=" << G.SlowestFn << " (" << G.MaxFnSeconds
               << " s)\n";
  return RC;
}
