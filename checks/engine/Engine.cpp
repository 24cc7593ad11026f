//===--- Engine.cpp - analyse a translation unit --------------------------===//
//
// Part of memreview. Finds the functions worth exploring, explores them (and,
// on demand, the callees they reach, for summaries), and caches the findings
// per translation unit so that every engine check shares one analysis.
//
//===----------------------------------------------------------------------===//

#include "engine/Engine.h"
#include "engine/Classes.h"
#include "engine/Explorer.h"
#include "engine/SummaryDb.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <chrono>

namespace clang::tidy::memreview::engine {

namespace {

/// Functions defined in the main file, with what each calls and whether its
/// own body allocates or releases.
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  explicit FunctionCollector(ASTContext &Context)
      : SM(Context.getSourceManager()) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    // The main file and the project's own headers are analysed (findings in
    // headers are shown as the header filter says); system headers are not.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !FD->isInvalidDecl())
      Functions.push_back(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    if (CXXMethodDecl *Op = L->getCallOperator();
        Op && Op->hasBody() && !Op->isDependentContext())
      Functions.push_back(Op);
    return true;
  }
  /// Raw pointer members with a default member initializer ('int *p = new
  /// int;'): the constructors that do not name them run that initializer.
  bool VisitFieldDecl(FieldDecl *FD) {
    if (FD->hasInClassInitializer() && FD->getType()->isPointerType() &&
        !FD->getParent()->isDependentContext())
      DefaultInitFields.push_back(FD);
    return true;
  }

  std::vector<const FunctionDecl *> Functions;
  std::vector<const FieldDecl *> DefaultInitFields;

private:
  const SourceManager &SM;
};

/// What a body does that matters for ownership, syntactically.
class BodyScanner : public RecursiveASTVisitor<BodyScanner> {
public:
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    Relevant = true;
    if (const CXXConstructorDecl *Ctor =
            E->getConstructExpr() ? E->getConstructExpr()->getConstructor()
                                  : nullptr)
      Callees.push_back(Ctor);
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *) {
    Relevant = true;
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    if (allocationByCall(*E) || releaseByCall(*E))
      Relevant = true;
    else if (const FunctionDecl *Callee = E->getDirectCallee())
      Callees.push_back(Callee);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    Callees.push_back(E->getConstructor());
    if (const CXXRecordDecl *RD = E->getType()->getAsCXXRecordDecl())
      if (RD->hasDefinition())
        if (const CXXDestructorDecl *Dtor = RD->getDestructor())
          Callees.push_back(Dtor);
    return true;
  }
  bool Relevant = false;
  llvm::SmallVector<const FunctionDecl *, 8> Callees;
};

void overriddenMethods(const CXXMethodDecl *M,
                       llvm::SmallPtrSetImpl<const CXXMethodDecl *> &Out);

/// Whether a summary does something a caller must see to find a mistake:
/// it releases, hands over fresh memory or disposes of a container.
bool hasOwnershipEffects(const FunctionSummary &S) {
  if (!S.Known)
    return false;
  for (const SummaryCase &C : S.Cases) {
    if (!C.Releases.empty() || !C.ElementStores.empty() ||
        !C.ElementReleases.empty() || C.Return.Kind == ValueDesc::Fresh)
      return true;
    for (const StoreEffect &St : C.Stores)
      if (St.Value.Kind == ValueDesc::Fresh)
        return true;
  }
  return false;
}

class TranslationUnitAnalysis : public SummaryProvider {
public:
  TranslationUnitAnalysis(ASTContext &Context,
                          std::shared_ptr<SummaryDatabase> Database)
      : Context(Context), Database(std::move(Database)) {}

  const FunctionSummary *summaryFor(const FunctionDecl &Callee) override {
    const FunctionDecl *Def = Callee.getDefinition();
    if (!Def || !Def->hasBody())
      return externalSummaryFor(Callee);
    Entry &E = Entries[Def];
    if (E.State == Entry::InProgress)
      return nullptr; // recursion: the cycle sees itself as unknown
    if (E.State == Entry::Done)
      return &E.Result.Summary;
    if (Depth >= Limits.MaxSummaryDepth)
      return nullptr;
    explore(*Def);
    return &Entries[Def].Result.Summary;
  }

  /// The summary of a function defined in another translation unit, from the
  /// database.
  const FunctionSummary *externalSummaryFor(const FunctionDecl &Callee) {
    if (!Database)
      return nullptr;
    const FunctionDecl *Canonical = Callee.getCanonicalDecl();
    auto [It, New] = External.try_emplace(Canonical);
    if (!New)
      return It->second ? &*It->second : nullptr;
    std::optional<std::string> Usr = usrOf(*Canonical);
    if (!Usr)
      return nullptr;
    std::optional<llvm::json::Value> JSON = consult(*Usr);
    std::optional<FunctionSummary> Summary;
    if (JSON)
      Summary = deserializeSummary(*JSON, Callee, Context.getSourceManager());
    auto &Slot = External[Canonical];
    Slot = std::move(Summary);
    return Slot ? &*Slot : nullptr;
  }

  const FunctionSummary *
  virtualSummaryFor(const CXXMethodDecl &Method) override {
    if (!Database)
      return nullptr;
    const CXXMethodDecl *Canonical = Method.getCanonicalDecl();
    auto [It, New] = Virtual.try_emplace(Canonical);
    if (!New)
      return It->second ? &*It->second : nullptr;
    std::optional<FunctionSummary> Result = agreeingOverrides(*Canonical);
    auto &Slot = Virtual[Canonical];
    Slot = std::move(Result);
    return Slot ? &*Slot : nullptr;
  }

  void explore(const FunctionDecl &Function) {
    Entry &E = Entries[&Function];
    if (E.State != Entry::NotStarted)
      return;
    E.State = Entry::InProgress;
    ++Depth;
    ExplorationResult R = exploreFunction(Function, Context, *this, Limits);
    --Depth;
    ++Stats.FunctionsAnalysed;
    Stats.FunctionsOverBudget += R.OverBudget;
    Stats.FunctionsWithoutCFG += R.NoCFG;
    Entry &After = Entries[&Function];
    After.Result = std::move(R);
    After.State = Entry::Done;
  }

  void collectFindings(llvm::SmallVectorImpl<OwnershipFinding> &Out) {
    for (auto &Item : Entries)
      for (OwnershipFinding &F : Item.second.Result.Findings)
        Out.push_back(std::move(F));
    for (auto &Item : Entries)
      Item.second.Result.Findings.clear();
  }

  /// Methods of this unit with a body, by USR (for the overrides of virtual
  /// calls).
  void addLocalMethod(const CXXMethodDecl &Method) {
    if (std::optional<std::string> Usr = usrOf(Method))
      LocalMethods.try_emplace(*Usr, &Method);
  }

  /// What the unit read from the database, for its record.
  std::vector<std::pair<std::string, std::string>> consulted() const {
    std::vector<std::pair<std::string, std::string>> Out(Consulted.begin(),
                                                         Consulted.end());
    return Out;
  }

  SummaryDatabase *database() const { return Database.get(); }

  EngineStats Stats;

private:
  std::optional<llvm::json::Value> consult(const std::string &Usr) {
    std::optional<llvm::json::Value> JSON = Database->lookup(Usr);
    Consulted.try_emplace("f" + usrKey(Usr), SummaryDatabase::digestOf(JSON));
    return JSON;
  }

  /// The summary every definition a virtual call of \p Method may reach
  /// shares, if they all agree.
  std::optional<FunctionSummary>
  agreeingOverrides(const CXXMethodDecl &Method) {
    std::optional<std::string> Usr = usrOf(Method);
    if (!Usr)
      return std::nullopt;
    std::optional<std::vector<std::string>> Overrides =
        Database->overridesOf(*Usr);
    Consulted.try_emplace("o" + usrKey(*Usr),
                          Database->digest("o" + usrKey(*Usr)));
    if (!Overrides)
      return std::nullopt;
    llvm::SmallVector<std::string, 4> Targets(Overrides->begin(),
                                              Overrides->end());
    // The method itself, unless it is pure.
    if (!Method.isPureVirtual())
      Targets.push_back(*Usr);
    // Overrides this unit defines (perhaps not registered yet).
    for (const auto &Local : LocalMethods) {
      llvm::SmallPtrSet<const CXXMethodDecl *, 4> Overridden;
      overriddenMethods(Local.second, Overridden);
      if (Overridden.count(&Method))
        Targets.push_back(Local.first().str());
    }
    llvm::sort(Targets);
    Targets.erase(std::unique(Targets.begin(), Targets.end()), Targets.end());
    if (Targets.empty())
      return std::nullopt;
    std::optional<std::string> Shape;
    std::optional<llvm::json::Value> Chosen;
    for (const std::string &Target : Targets) {
      std::optional<llvm::json::Value> JSON;
      auto Local = LocalMethods.find(Target);
      if (Local != LocalMethods.end()) {
        const FunctionSummary *S = summaryFor(*Local->second);
        if (!S || !S->Known)
          return std::nullopt;
        JSON = serializeSummary(*S, Context.getSourceManager());
      } else {
        JSON = consult(Target);
      }
      if (!JSON || JSON->kind() == llvm::json::Value::Null)
        return std::nullopt;
      JSON = withoutThisEffects(*JSON);
      std::string This = summaryShape(*JSON);
      if (Shape && *Shape != This)
        return std::nullopt; // the overrides disagree: stay silent
      Shape = This;
      if (!Chosen)
        Chosen = std::move(JSON);
    }
    return deserializeSummary(*Chosen, Method, Context.getSourceManager());
  }

  struct Entry {
    enum { NotStarted, InProgress, Done } State = NotStarted;
    ExplorationResult Result;
  };
  ASTContext &Context;
  std::shared_ptr<SummaryDatabase> Database;
  Budget Limits;
  std::map<const FunctionDecl *, Entry> Entries;
  llvm::DenseMap<const FunctionDecl *, std::optional<FunctionSummary>> External;
  llvm::DenseMap<const CXXMethodDecl *, std::optional<FunctionSummary>> Virtual;
  llvm::StringMap<const CXXMethodDecl *> LocalMethods;
  std::map<std::string, std::string> Consulted;
  unsigned Depth = 0;
};

/// The '.memreview' folder beside the compile database that holds the
/// command of a unit compiled in \p BuildDirectory: that directory or one
/// above it (CMake gives each subproject's commands its own directory under
/// the build tree). The search stops at the folder of a
/// compile_commands.json.
static std::string discoverDatabase(llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Dir(BuildDirectory);
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ".memreview");
    if (llvm::sys::fs::is_directory(Candidate))
      return std::string(Candidate);
    llvm::SmallString<256> Compdb(Dir);
    llvm::sys::path::append(Compdb, "compile_commands.json");
    if (llvm::sys::fs::exists(Compdb))
      break;
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::string();
}

/// The database this unit reads: the driver's choice, else the checks'
/// SummaryDatabase option ('none' turns the database off), else '.memreview'
/// beside the compile database if it exists.
std::shared_ptr<SummaryDatabase> databaseFor(ASTContext &Context) {
  std::string Dir;
  if (const std::optional<std::string> &Forced = summaryDatabaseOverride())
    Dir = *Forced;
  else if (engineConfig().SummaryDatabase == "none")
    return nullptr;
  else if (!engineConfig().SummaryDatabase.empty()) {
    Dir = engineConfig().SummaryDatabase;
    // A relative path is relative to the unit's build directory.
    if (llvm::sys::path::is_relative(Dir) &&
        !engineConfig().BuildDirectory.empty()) {
      llvm::SmallString<256> Full(engineConfig().BuildDirectory);
      llvm::sys::path::append(Full, Dir);
      Dir = std::string(Full);
    }
  } else if (!engineConfig().BuildDirectory.empty())
    Dir = discoverDatabase(engineConfig().BuildDirectory);
  if (Dir.empty())
    return nullptr;
  std::shared_ptr<SummaryDatabase> DB = sharedSummaryDatabase(Dir);
  static std::mutex OpenMutex;
  static llvm::StringMap<bool> Opened;
  std::lock_guard<std::mutex> Lock(OpenMutex);
  auto [It, New] = Opened.try_emplace(Dir, false);
  if (New) {
    std::string Message;
    It->second = DB->open(/*Create=*/false, Message) ==
                 SummaryDatabase::OpenStatus::Ready;
    // The driver creates and reports its database itself; the plugin says
    // once why it goes without one.
    if (!It->second && !summaryDatabaseOverride())
      llvm::errs() << "warning: memreview: " << Message << "\n";
  }
  return It->second ? DB : nullptr;
}

/// Whether other translation units may call \p FD: it is defined in the
/// main file, is visible outside it and is not inline.
bool isExported(const FunctionDecl &FD, const SourceManager &SM) {
  if (!FD.isExternallyVisible() || FD.isInlined() ||
      FD.isTemplateInstantiation() || FD.getDescribedFunctionTemplate() ||
      (isa<CXXMethodDecl>(FD) &&
       cast<CXXMethodDecl>(FD).getParent()->isLambda()))
    return false;
  return SM.isInMainFile(SM.getExpansionLoc(FD.getLocation()));
}

/// Every method \p M overrides, directly or not.
void overriddenMethods(const CXXMethodDecl *M,
                       llvm::SmallPtrSetImpl<const CXXMethodDecl *> &Out) {
  for (const CXXMethodDecl *O : M->overridden_methods())
    if (Out.insert(O->getCanonicalDecl()).second)
      overriddenMethods(O, Out);
}

struct Cache {
  ASTContext *Context = nullptr;
  llvm::SmallVector<OwnershipFinding, 8> Findings;
  EngineStats Stats;
};

thread_local Cache TheCache;
thread_local EngineConfig TheConfig;
thread_local std::optional<UnitRecord> TheRecord;
/// The NonOwningContainers patterns of the unit being analysed, anchored.
thread_local std::vector<llvm::Regex> NonOwningPatterns;

/// How the NonOwningContainers option names a declaration: 'ns::Class::member'
/// for a member, 'ns::function::variable' for a local variable or parameter,
/// 'ns::variable' for a global.
std::string nonOwningName(const ValueDecl &D) {
  if (const auto *Var = dyn_cast<VarDecl>(&D); Var && Var->isLocalVarDeclOrParm())
    if (const auto *Fn =
            dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod()))
      return Fn->getQualifiedNameAsString() + "::" + Var->getNameAsString();
  return D.getQualifiedNameAsString();
}

bool hasNonOwningAnnotation(const Decl &D) {
  for (const auto *A : D.specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == NonOwningAnnotation)
      return true;
  return false;
}

/// Whether a pattern matches all of \p Name or all of one of its tails
/// after a '::' ('Dispatcher::queue' names 'jobs::Dispatcher::queue').
bool matchesNonOwning(llvm::StringRef Name) {
  if (NonOwningPatterns.empty())
    return false;
  while (true) {
    if (llvm::any_of(NonOwningPatterns,
                     [&](const llvm::Regex &R) { return R.match(Name); }))
      return true;
    size_t Separator = Name.find("::");
    if (Separator == llvm::StringRef::npos)
      return false;
    Name = Name.drop_front(Separator + 2);
  }
}

/// When the current translation unit started (before it was parsed): its
/// inputs modified about then carry a hash of their contents.
thread_local std::chrono::system_clock::time_point UnitStart;

} // namespace

EngineConfig &engineConfig() { return TheConfig; }

bool isDeclaredNonOwning(const ValueDecl *D, QualType Type) {
  if (D && (hasNonOwningAnnotation(*D) || matchesNonOwning(nonOwningName(*D))))
    return true;
  if (Type.isNull())
    return false;
  const CXXRecordDecl *RD = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (const CXXRecordDecl *Def = RD->getDefinition())
    RD = Def;
  // The annotation on the class, or on the template it instantiates.
  if (hasNonOwningAnnotation(*RD))
    return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (hasNonOwningAnnotation(*Spec->getSpecializedTemplate()->getTemplatedDecl()))
      return true;
  return matchesNonOwning(RD->getQualifiedNameAsString());
}

void resetEngineForNewTranslationUnit() {
  TheCache = Cache();
  TheRecord.reset();
  UnitStart = std::chrono::system_clock::now();
}

std::optional<UnitRecord> takeUnitRecord() { return std::exchange(TheRecord, {}); }

const EngineStats &lastEngineStats() { return TheCache.Stats; }

/// What the driver writes to the database for this unit: the summaries of
/// the functions other units may call, the overrides it defines, what it
/// read. Functions explored only for this are explored after the findings
/// were collected, so recording changes no finding.
static void recordUnit(ASTContext &Context,
                       llvm::ArrayRef<const FunctionDecl *> Functions,
                       TranslationUnitAnalysis &Analysis) {
  const SourceManager &SM = Context.getSourceManager();
  UnitRecord R;
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    R.File = std::string(Main->getFileEntry().tryGetRealPathName());
  if (R.File.empty())
    return;
  llvm::StringSet<> Seen;
  for (const FunctionDecl *FD : Functions) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD);
        Method && Method->isVirtual()) {
      llvm::SmallPtrSet<const CXXMethodDecl *, 4> Overridden;
      overriddenMethods(Method, Overridden);
      std::optional<std::string> Usr = usrOf(*Method);
      for (const CXXMethodDecl *Base : Overridden)
        if (std::optional<std::string> BaseUsr = usrOf(*Base); BaseUsr && Usr)
          R.Overrides.push_back({*BaseUsr, *Usr});
    }
    if (!isExported(*FD, SM))
      continue;
    std::optional<std::string> Usr = usrOf(*FD);
    if (!Usr || !Seen.insert(*Usr).second)
      continue;
    const FunctionSummary *Summary = Analysis.summaryFor(*FD);
    if (!Summary || !Summary->Known)
      continue;
    llvm::json::Value JSON = serializeSummary(*Summary, SM);
    if (JSON.kind() != llvm::json::Value::Null)
      R.Functions.push_back({*Usr, std::move(JSON)});
  }
  llvm::sort(R.Overrides);
  R.Overrides.erase(std::unique(R.Overrides.begin(), R.Overrides.end()),
                    R.Overrides.end());
  R.Inputs = unitInputs(SM, UnitStart);
  R.Consulted = Analysis.consulted();
  TheRecord = std::move(R);
}

const llvm::SmallVector<OwnershipFinding, 8> &
analyseTranslationUnit(ASTContext &Context) {
  if (TheCache.Context == &Context)
    return TheCache.Findings;
  auto Start = std::chrono::steady_clock::now();
  TheCache = Cache();
  TheCache.Context = &Context;

  FunctionCollector Collector(Context);
  Collector.TraverseDecl(Context.getTranslationUnitDecl());

  // A function is worth exploring when it allocates or releases, or calls
  // (transitively) a function of this file that does.
  llvm::DenseMap<const FunctionDecl *, bool> Relevant;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *, 8>>
      Calls;
  std::function<bool(const FunctionDecl *)> IsRelevant;
  llvm::DenseMap<const FunctionDecl *, bool> Scanned;
  const SourceManager &SM = Context.getSourceManager();
  TranslationUnitAnalysis Analysis(Context, databaseFor(Context));
  // The next unit's checks name their database again.
  engineConfig().SummaryDatabase.clear();
  // And the containers they declare non-owning (the check reports invalid
  // patterns; they match nothing here).
  NonOwningPatterns.clear();
  llvm::SmallVector<llvm::StringRef, 4> Patterns;
  llvm::StringRef(engineConfig().NonOwningContainers)
      .split(Patterns, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Patterns) {
    P = P.trim();
    llvm::Regex R(("^(" + P + ")$").str());
    if (!P.empty() && R.isValid())
      NonOwningPatterns.push_back(std::move(R));
  }
  engineConfig().NonOwningContainers.clear();
  for (const FunctionDecl *FD : Collector.Functions)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD);
        Method && Method->isVirtual())
      Analysis.addLocalMethod(*Method);
  // A call of a function defined in another unit matters when the database
  // says that it releases or hands over memory.
  auto ExternalEffects = [&](const FunctionDecl *Callee) {
    if (SM.isInSystemHeader(Callee->getLocation()))
      return false;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
        Method && Method->isVirtual())
      if (const FunctionSummary *S = Analysis.virtualSummaryFor(*Method);
          S && hasOwnershipEffects(*S))
        return true;
    const FunctionDecl *Def = Callee->getDefinition();
    if (Def && Def->hasBody())
      return false;
    const FunctionSummary *S = Analysis.externalSummaryFor(*Callee);
    return S && hasOwnershipEffects(*S);
  };
  auto Scan = [&](const FunctionDecl *FD) {
    BodyScanner Scanner;
    Scanner.TraverseStmt(FD->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        Scanner.TraverseStmt(Init->getInit());
    Relevant[FD] = Scanner.Relevant;
    auto &Out = Calls[FD];
    for (const FunctionDecl *Callee : Scanner.Callees) {
      if (const FunctionDecl *Def = Callee->getDefinition();
          Def && Def->hasBody() && !SM.isInSystemHeader(Def->getLocation()))
        Out.push_back(Def);
      if (!Relevant[FD] && ExternalEffects(Callee))
        Relevant[FD] = true;
    }
  };
  // Propagate relevance to callers until nothing changes (bounded by the
  // number of functions).
  std::vector<const FunctionDecl *> Worklist(Collector.Functions.begin(),
                                             Collector.Functions.end());
  for (size_t I = 0; I < Worklist.size(); ++I) {
    const FunctionDecl *FD = Worklist[I];
    if (Scanned[FD])
      continue;
    Scanned[FD] = true;
    Scan(FD);
    for (const FunctionDecl *Callee : Calls[FD])
      if (!Scanned.count(Callee))
        Worklist.push_back(Callee);
  }
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (auto &[FD, Callees] : Calls) {
      if (Relevant[FD])
        continue;
      for (const FunctionDecl *Callee : Callees)
        if (Relevant[Callee]) {
          Relevant[FD] = true;
          Changed = true;
          break;
        }
    }
  }

  for (const FunctionDecl *FD : Collector.Functions)
    if (Relevant[FD])
      Analysis.explore(*FD);
  std::vector<const FunctionDecl *> Explored;
  for (const FunctionDecl *FD : Collector.Functions)
    if (Relevant[FD])
      Explored.push_back(FD);
  analyseClasses(Context, Analysis, Explored, Collector.DefaultInitFields,
                 TheCache.Findings);
  analyseContainerMembers(Context, Analysis, Explored, TheCache.Findings);
  Analysis.collectFindings(TheCache.Findings);
  if (recordUnits())
    recordUnit(Context, Collector.Functions, Analysis);
  else if (SummaryDatabase *DB = Analysis.database())
    // The clang-tidy plugin: say why entries were not used (once each).
    for (const std::string &Warning : DB->takeWarnings())
      llvm::errs() << "warning: memreview: " << Warning << "\n";
  llvm::stable_sort(TheCache.Findings, [&](const OwnershipFinding &A,
                                           const OwnershipFinding &B) {
    return SM.isBeforeInTranslationUnit(A.Range.getBegin(), B.Range.getBegin());
  });
  TheCache.Stats = Analysis.Stats;
  TheCache.Stats.Seconds = std::chrono::duration<double>(
                               std::chrono::steady_clock::now() - Start)
                               .count();
  return TheCache.Findings;
}

} // namespace clang::tidy::memreview::engine
