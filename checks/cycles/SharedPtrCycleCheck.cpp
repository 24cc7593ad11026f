//===--- SharedPtrCycleCheck.cpp - memreview-shared-ptr-cycle -------------===//
//
// Part of memreview.
//
// Two halves: the class graph of the translation unit (OwnershipGraph.h) and
// the cycles that single functions build between objects (InstanceCycles.h).
// The only matcher is the translation unit itself; at its end one walk over
// the declarations outside system headers (without entering function bodies)
// collects the classes and functions of the project, and the function bodies
// are walked only when the classes can form a cycle at all (or store
// callbacks). Nothing looks up the parents of a node, so the TU-wide parent
// map is never built.
//
//===----------------------------------------------------------------------===//

#include "cycles/SharedPtrCycleCheck.h"
#include "cycles/InstanceCycles.h"
#include "cycles/OwnershipGraph.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/ScopeExit.h"
#include <set>

using namespace clang::ast_matchers;

namespace clang::tidy::memreview::cycles {

static constexpr llvm::StringLiteral UnitID = "unit";

void SharedPtrCycleCheck::registerMatchers(MatchFinder *Finder) {
  // The translation unit, once: the classes and functions of the project are
  // collected at its end by a walk that skips system headers, which node
  // matchers on every declaration cannot.
  Finder->addMatcher(translationUnitDecl().bind(UnitID), this);
}

void SharedPtrCycleCheck::check(const MatchFinder::MatchResult &Result) {
  assert(Result.Nodes.getNodeAs<TranslationUnitDecl>(UnitID) &&
         "matcher bound nothing");
  Context = Result.Context;
}

namespace {
/// The class and function definitions of the project: declarations of
/// system headers are skipped with everything in them, and function bodies
/// are not entered (a class local to a function is not collected).
class ProjectDecls : public RecursiveASTVisitor<ProjectDecls> {
public:
  explicit ProjectDecls(const SourceManager &SM) : SM(SM) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldWalkTypesOfTypeLocs() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D)) {
      SourceLocation Loc = D->getLocation();
      if (Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
        return true;
    }
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool TraverseStmt(Stmt *) { return true; }

  bool VisitCXXRecordDecl(CXXRecordDecl *Class) {
    // Dependent patterns and lambdas are not classes of the graph; the
    // instantiations of a template are.
    if (isProjectClass(Class, SM))
      Classes.push_back(Class);
    return true;
  }
  bool VisitFunctionDecl(FunctionDecl *Function) {
    // Dependent code is analysed through its instantiations.
    if (Function->isThisDeclarationADefinition() && Function->getBody() &&
        !Function->isDependentContext())
      Functions.push_back(Function);
    return true;
  }

  std::vector<const CXXRecordDecl *> Classes;
  std::vector<const FunctionDecl *> Functions;

private:
  const SourceManager &SM;
};
} // namespace

/// "'a' and 'b'", "'a', 'b' and 'c'": names of the cycle, quoted here
/// because they are a list.
static std::string joinNames(llvm::ArrayRef<std::string> Names) {
  std::string Result;
  for (size_t I = 0; I < Names.size(); ++I) {
    if (I > 0)
      Result += I + 1 == Names.size() ? " and " : ", ";
    Result += "'" + Names[I] + "'";
  }
  return Result;
}

/// The index of the %select that says how to weaken \p E.
static unsigned weakenVariant(const ClassEdge &E) {
  if (E.Kind == HoldKind::Callback)
    return 2;
  return E.InContainer ? 1 : 0;
}

static constexpr llvm::StringLiteral WeakenText =
    "%select{make '%0' a std::weak_ptr|make '%0' hold std::weak_ptr|make the "
    "lambda stored in '%0' capture a std::weak_ptr}1: %select{its name says "
    "that it points back to a parent, an owner or a previous element|its "
    "name says that it points to observers, listeners or delegates|a stored "
    "callback should not keep its target alive|'%2' holds '%3' in a "
    "container, so '%0' points back to its holder|'%2' creates '%3', so '%0' "
    "points back to its creator|nothing tells which way ownership goes, so "
    "the member declared last is chosen}4";

static constexpr llvm::StringLiteral WarningTail =
    "%select{make '%3' a std::weak_ptr|make '%3' hold std::weak_ptr|make the "
    "lambda stored in '%3' capture a std::weak_ptr|break the cycle before the "
    "objects are released, or make one of the links a std::weak_ptr}4";

void SharedPtrCycleCheck::weakenNote(const ClassEdge &Back, BackReason Reason) {
  diag(Back.Loc, WeakenText, DiagnosticIDs::Note)
      << memberName(Back.Member) << weakenVariant(Back) << className(Back.To)
      << className(Back.From) << static_cast<unsigned>(Reason);
}

void SharedPtrCycleCheck::reportClassCycle(const ClassCycle &Cycle) {
  const ClassEdge &Back = Cycle.Edges[Cycle.Back];
  // The edges in cycle order, ending with the back edge.
  llvm::SmallVector<const ClassEdge *, 4> Order;
  for (size_t I = 1; I <= Cycle.Edges.size(); ++I)
    Order.push_back(&Cycle.Edges[(Cycle.Back + I) % Cycle.Edges.size()]);
  std::vector<std::string> Members;
  for (const ClassEdge *E : Order)
    Members.push_back(memberName(E->Member));

  diag(Back.Loc,
       (llvm::Twine("%0 own each other through std::shared_ptr, so "
                    "%select{neither object|none of the objects}2 is ever "
                    "destroyed; ") +
        WarningTail +
        "%select{|, and weaken %6 more %plural{1:member|:members}6 that the "
        "notes name}5")
           .str())
      << joinNames(Members) << "" << (Cycle.Edges.size() > 2)
      << memberName(Back.Member) << weakenVariant(Back)
      << !Cycle.AlsoWeaken.empty()
      << static_cast<unsigned>(Cycle.AlsoWeaken.size());
  for (const ClassEdge *E : Order) {
    std::string From = className(E->From), To = className(E->To);
    if (E->Kind == HoldKind::Callback)
      diag(E->Loc,
           "'%0' owns %select{'%1'|another '%1'}2 through '%3': the lambda "
           "stored there captures '%4'",
           DiagnosticIDs::Note)
          << From << To << (E->From == E->To) << memberName(E->Member)
          << E->CaptureName;
    else if (E->certain())
      diag(E->Loc, "'%0' owns %select{'%1'|another '%1'}2 through '%3'",
           DiagnosticIDs::Note)
          << From << To << (E->From == E->To) << memberName(E->Member);
    else
      diag(E->Loc,
           "'%0' can own %select{'%1'|another '%1'}2 through '%3', which "
           "holds '%4', a base of '%1'",
           DiagnosticIDs::Note)
          << From << To << (E->From == E->To) << memberName(E->Member)
          << className(E->Declared);
  }
  weakenNote(Back, Cycle.Reason);
  for (const auto &[Edge, Reason] : Cycle.AlsoWeaken)
    weakenNote(Edge, Reason);
}

void SharedPtrCycleCheck::reportInstanceCycle(const InstanceCycle &Cycle,
                                              InstanceAnalysis &Instances) {
  const SourceManager &SM = Context->getSourceManager();
  std::vector<ClassEdge> Edges;
  for (const InstanceStep &Step : Cycle.Steps)
    Edges.push_back(Step.Edge);
  // The member to weaken must not also carry an owning edge of the cycle
  // ('a->peer = b; b->peer = a'): then no member says which way is back.
  std::vector<ClassEdge> Candidates;
  for (const ClassEdge &E : Edges)
    if (llvm::count_if(Edges, [&](const ClassEdge &Other) {
          return Other.Member == E.Member;
        }) == 1)
      Candidates.push_back(E);
  std::optional<std::pair<size_t, BackReason>> Back =
      chooseBackEdge(Candidates, Edges, Instances.Creators, SM,
                     /*AllowFallback=*/false);

  std::vector<std::string> Names;
  for (const InstanceObject &O : Cycle.Objects)
    Names.push_back(O.Name);
  const InstanceStep &Closing = Cycle.Steps.back();
  unsigned Shape = Names.size() == 1 ? 0 : Names.size() == 2 ? 1 : 2;
  {
    auto Warning =
        diag(Closing.Site->getBeginLoc(),
             (llvm::Twine("%0 %select{owns itself through '%1', so it is never "
                          "destroyed|own each other through std::shared_ptr, "
                          "so neither object is ever destroyed|own each other "
                          "through std::shared_ptr, so none of the objects is "
                          "ever destroyed}2; ") +
              WarningTail)
                 .str())
        << joinNames(Names) << memberName(Closing.Edge.Member) << Shape;
    if (Back)
      Warning << memberName(Candidates[Back->first].Member)
              << weakenVariant(Candidates[Back->first]);
    else
      Warning << "" << 3u;
  }
  for (const InstanceStep &Step : Cycle.Steps) {
    const std::string &From = Cycle.Objects[Step.From].Name;
    const std::string &To = Cycle.Objects[Step.To].Name;
    bool Self = Step.From == Step.To;
    if (Step.PreExisting)
      diag(Step.Site->getBeginLoc(), "'%0' owns '%1' through '%2'",
           DiagnosticIDs::Note)
          << From << To << memberName(Step.Edge.Member);
    else if (Step.Edge.Kind == HoldKind::Callback)
      diag(Step.Site->getBeginLoc(),
           "'%0' now owns %select{'%1'|itself}2 through '%3': the lambda "
           "stored there captures '%4'",
           DiagnosticIDs::Note)
          << From << To << Self << memberName(Step.Edge.Member)
          << Step.Edge.CaptureName;
    else
      diag(Step.Site->getBeginLoc(),
           "'%0' now owns %select{'%1'|itself}2 through '%3'",
           DiagnosticIDs::Note)
          << From << To << Self << memberName(Step.Edge.Member);
  }
  if (Back)
    weakenNote(Candidates[Back->first], Back->second);
}

void SharedPtrCycleCheck::onEndOfTranslationUnit() {
  if (!Context)
    return;
  ASTContext &TheContext = *Context;
  auto Reset = llvm::make_scope_exit([this] { Context = nullptr; });
  const SourceManager &SM = TheContext.getSourceManager();
  ProjectDecls Decls(SM);
  Decls.TraverseDecl(TheContext.getTranslationUnitDecl());
  if (Decls.Classes.empty())
    return;
  const std::vector<const CXXRecordDecl *> &TheClasses = Decls.Classes;
  const std::vector<const FunctionDecl *> &TheFunctions = Decls.Functions;

  OwnershipGraph Graph(SM);
  for (const CXXRecordDecl *Class : TheClasses)
    Graph.addClass(Class);
  Graph.build();
  // Without a cycle among the members, and without callbacks that could
  // close one, no function can link objects into a cycle either.
  InstanceAnalysis Instances(*Context);
  if (!Graph.mayHaveCycles() && !Graph.holdsCallbacks())
    return;
  for (const FunctionDecl *Function : TheFunctions)
    Instances.analyze(*Function);
  for (const CallbackCapture &Capture : Instances.Callbacks)
    if (isProjectClass(dyn_cast<CXXRecordDecl>(Capture.Member->getParent()),
                       SM))
      Graph.addCallback(Capture);
  if (!Instances.Callbacks.empty())
    Graph.build();

  // One report per strongly connected component, and one per place: the
  // instantiations of a template share their members' locations.
  std::set<SourceLocation> Reported;
  for (const ClassCycle &Cycle : Graph.cycles(Instances.Creators))
    if (Reported.insert(Cycle.Edges[Cycle.Back].Loc).second)
      reportClassCycle(Cycle);

  std::set<SourceLocation> ReportedSites;
  for (const InstanceCycle &Cycle : Instances.Cycles) {
    // Classes that own each other are reported as such already.
    int Component = Graph.reportedComponent(Cycle.Objects.front().Class);
    if (Component >= 0 &&
        llvm::all_of(Cycle.Objects, [&](const InstanceObject &O) {
          return Graph.reportedComponent(O.Class) == Component;
        }))
      continue;
    // A class that clears one of the members of the cycle breaks the cycle
    // itself, somewhere this function does not show.
    if (llvm::any_of(Cycle.Steps, [&](const InstanceStep &Step) {
          return Instances.clearedByClass(Step.Edge.From, Step.Edge.Member) ||
                 Instances.clearedByClass(
                     cast<CXXRecordDecl>(Step.Edge.Member->getParent()),
                     Step.Edge.Member);
        }))
      continue;
    if (ReportedSites.insert(Cycle.Steps.back().Site->getBeginLoc()).second)
      reportInstanceCycle(Cycle, Instances);
  }
}

} // namespace clang::tidy::memreview::cycles
