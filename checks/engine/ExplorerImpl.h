//===--- ExplorerImpl.h - internals of the path explorer -------*- C++ -*-===//
//
// Part of memreview. The Explorer class is split over three files, one concern
// each: Explorer.cpp (the path loop, branches, loops, leaks and findings),
// Transfer.cpp (evaluation of expressions and statements) and Calls.cpp
// (calls: library models, summaries, unknown code).
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_EXPLORERIMPL_H
#define MEMREVIEW_CHECKS_ENGINE_EXPLORERIMPL_H

#include "engine/Explorer.h"
#include "engine/State.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/Analyses/LiveVariables.h"
#include "clang/Analysis/CFGStmtMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include <chrono>
#include <map>
#include <set>

namespace clang::tidy::memreview::engine {

/// The successors of one evaluation step: none (the path ends), one, or
/// several (a call whose summary has several cases).
using States = llvm::SmallVector<State, 2>;

/// A variable a loop writes, and how: only counts up ('n++', 'n += 2'),
/// only counts down, or anything.
struct LoopWrite {
  const VarDecl *Var;
  int Direction; // +1, -1, 0
};

class Explorer {
public:
  Explorer(const FunctionDecl &Function, ASTContext &Context,
           SummaryProvider &Summaries, const Budget &Limits);
  ExplorationResult run();

private:
  // ===== Explorer.cpp: paths, branches, loops, leaks, findings =====
  State initialState();
  void processBlock(const CFGBlock &Block, State S);
  /// Evaluates \p Element on \p S in place; false ends the path. Paths that
  /// split off (calls with several cases) go to \p Extra.
  bool evalElement(const CFGElement &Element, const CFGBlock &Block, State &S,
                   States &Extra);
  void branch(const CFGBlock &Block, State S);
  void pushSuccessor(const CFGBlock *Succ, State S);
  /// Drops states equal to an earlier one (their paths differ, not their
  /// meaning).
  void mergeIdentical(States &Current);
  void handleExit(State S);
  bool enterLoopHead(const CFGBlock &Block, State &S);
  void widenLoop(const Stmt &Loop, State &S);
  bool catches(QualType Caught, QualType Thrown) const;
  /// Which objects are reachable; owned live objects that are not become
  /// leaks, reported at \p Where with the loss \p Kind.
  void collectGarbage(State &S, SourceRange Where, LossKind Kind,
                      llvm::StringRef Subject);
  void endFullExpression(const Stmt &Root, State &S);
  void recordSummaryCase(const State &S);
  /// Forgets what no later statement can read: variables that are dead at
  /// the end of \p Block (unless they hold owned memory, whose loss is
  /// reported where the variable goes out of scope), and the ranges of
  /// symbols nothing refers to any more. Identical states then merge.
  void prune(State &S, const CFGBlock &Block);

  enum class Truth { True, False, Unknown };
  /// Splits \p S on the truth of \p V: each resulting state comes with the
  /// truth it assumes.
  llvm::SmallVector<std::pair<State, bool>, 2> assume(State S, SVal V);
  Truth truthOf(const State &S, SVal V);
  bool constrainTruth(State &S, SVal V, bool Value);

  /// Records \p F once per key, with the steps of \p S's path that concern
  /// object \p About (0: none) as notes. \p Pointer, when given, is the
  /// expression whose value \p PointerValue the finding is about (the
  /// released or used pointer): the branches that decided that value are
  /// decisive steps too.
  void report(OwnershipFinding F, const State &S, ObjId About,
              const void *Key, llvm::ArrayRef<PathStep> Trailing = {},
              const Expr *Pointer = nullptr, SVal PointerValue = SVal());
  /// What decided the value of a pointer on a path.
  struct ValueOrigins {
    /// Blocks where the value was computed or stored: the branches they
    /// are control dependent on decided it.
    llvm::SmallVector<const CFGBlock *, 8> Keys;
    /// Branches that decided it by skipping a store to where it was kept.
    llvm::SmallVector<const CFGBlock *, 4> Skipping;
    unsigned Steps = 0;
  };
  /// Adds to \p Out what decided the value that \p E had on the path ending
  /// at \p From: the stores it went through, back to where it was made, the
  /// arm a conditional operator chose, the branches that skipped a store.
  /// \p Region, when known, is the region the value points into (a store
  /// of a value into another region is not its origin).
  void valueOrigins(const Expr *E, const PathNode *From,
                    std::optional<RegionId> Region, ValueOrigins &Out);
  /// The region a variable, or a field of one ('holder.item'), names.
  std::optional<RegionId> namedRegion(const Expr *E);
  /// Whether the branch not taken at assumption \p E would have stored
  /// into \p Target.
  bool skipsStore(const PathEvent &E, RegionId Target);
  /// Records on the path of \p S that \p Where wrote \p V into \p Target.
  void recordStore(State &S, RegionId Target, SVal V, const Stmt *Where);
  /// Where to point a finding or note about something that happens at
  /// \p Site: the closing brace for the end of a block (where implicit
  /// destructors run), else the statement itself.
  SourceRange siteRange(const Stmt *Site) const;
  /// How messages name \p Callee called at \p Site: '~Holder' for a
  /// destructor, the variable holding a lambda for its call operator.
  std::string calleeName(const FunctionDecl &Callee, const Stmt *Site) const;
  /// Whether the branch not taken at assumption \p E would have gone
  /// through a release: then the assumption explains a leak.
  bool skipsRelease(const PathEvent &E);
  /// Adds an event of the current block to the path of \p S.
  void addEvent(State &S, PathEvent::KindTy Kind, ObjId Obj, SourceRange Range,
                std::string Message);
  std::string describe(const Expr *E) const;
  std::string regionName(RegionId R) const;

  // ===== Transfer.cpp: expressions and statements =====
  bool evalStmt(const Stmt *St, State &S, States &Extra);
  /// The value of an already evaluated expression, or of a pure one
  /// (variables, literals, conversions), evaluated now: pure elements are
  /// not evaluated where the CFG lists them but when their parent needs
  /// them, which saves most of the work of a full expression.
  SVal valueOf(State &S, const Expr *E);
  SVal load(State &S, SVal Location, QualType Type);
  void store(State &S, SVal Location, SVal V, const Stmt *Where,
             llvm::StringRef TargetName);
  SVal lazyValue(State &S, RegionId R, QualType Type);
  SVal freshValue(State &S, QualType Type);
  SVal materializeTemporary(State &S, const MaterializeTemporaryExpr *M);
  SVal castValue(State &S, const CastExpr *Cast, SVal V);
  SVal evalBinary(State &S, const BinaryOperator *B);
  SVal compare(State &S, BinaryOperatorKind Op, SVal L, SVal R);
  /// Checks a use of \p Ptr that needs the memory alive; false ends the path.
  bool checkUse(State &S, SVal Ptr, const Expr *Use, UseKind Kind,
                llvm::StringRef Callee = {}, const Expr *Subject = nullptr);
  /// Releases what \p Ptr points to; false ends the path.
  /// \p Subject names the released pointer in messages ('p', 'holder.item').
  /// \p Pointer is the expression that gave the pointer, when the release
  /// is not a 'delete' or a deallocator call (whose argument it is).
  bool release(State &S, SVal Ptr, Family Fam, llvm::StringRef Deallocator,
               const Stmt *Site, const std::string &Subject,
               llvm::StringRef ByCallee = {}, SourceLocation CalleeSite = {},
               const Expr *Pointer = nullptr);
  SVal allocate(State &S, Family Fam, llvm::StringRef Allocator,
                const Expr *Site, bool MayBeNull, QualType Type,
                llvm::StringRef ByCallee = {}, SourceLocation CalleeSite = {});
  void escapeValue(State &S, SVal V);
  /// Unknown code may have written the globals: what they held escapes, and
  /// the next read of each sees a new value.
  void invalidateGlobals(State &S);
  /// Unknown code may have written the contents of the region \p V points
  /// into: what they held escapes and the next reads see new values.
  void invalidateContents(State &S, SVal V);
  void escapeContents(State &S, RegionId R);
  void copyRecord(State &S, RegionId From, RegionId To);
  /// A compiler-generated copy (or move) of the object at \p From, made by
  /// \p Construct, now holds the same owned memory as the original: a step
  /// of that memory's path (two owners, two releases).
  void noteSharedCopy(State &S, RegionId From,
                      const CXXConstructExpr &Construct);
  void destroyRegion(State S, RegionId R, const CXXRecordDecl *Record,
                     const Stmt *Where, States &Next);
  void removeBindingsUnder(State &S, RegionId R);
  const Expr *skipParens(const Expr *E) const;

  // ===== Calls.cpp: calls =====
  void evalCall(const Expr *Call, State S, States &Next);
  void evalConstruct(const CXXConstructExpr *Construct, RegionId Target,
                     State S, States &Next);
  /// Applies each feasible case of \p Summary. \p Call is the call
  /// expression whose value the call produces, null for constructors and
  /// implicit destructor calls; \p Site is where the call happens (for
  /// messages and notes). \p ArgExprs name the arguments in messages.
  void applySummary(const FunctionSummary &Summary, const FunctionDecl &Callee,
                    const Expr *Call, const Stmt *Site,
                    llvm::ArrayRef<SVal> Args,
                    std::optional<SVal> This, State S, States &Next,
                    llvm::ArrayRef<const Expr *> ArgExprs = {});
  void callUnknown(const FunctionDecl *Callee, llvm::ArrayRef<SVal> Args,
                   llvm::ArrayRef<const Expr *> ArgExprs,
                   std::optional<SVal> This, State &S);
  void callLibrary(const FunctionDecl *Callee, const Expr *Call,
                   llvm::ArrayRef<SVal> Args,
                   llvm::ArrayRef<const Expr *> ArgExprs,
                   std::optional<SVal> This, State &S, States &Next);
  bool isSystemDecl(const Decl *D) const;
  /// A new symbol for the value of \p Sym plus \p Delta, with its range.
  SVal offsetSymbol(State &S, SymId Sym, int64_t Delta);
  /// The values in the elements of the array \p Arg points into, other than
  /// the one it points to, escape.
  void escapeOtherElements(State &S, SVal Arg);
  /// The summary to apply for a call of \p Callee that reaches \p Target
  /// (null: a virtual call of unknown dynamic type), and in \p Applied the
  /// declaration it describes; null when the call is unknown code.
  const FunctionSummary *summaryOfCall(const FunctionDecl *Callee,
                                       const FunctionDecl *Target,
                                       const FunctionDecl *&Applied);
  /// With EngineConfig::UnknownCallsMayThrow, explores the path on which
  /// \p Call (of unknown code) throws.
  void mayThrow(const FunctionDecl *Callee, const Expr *Call, const State &S);
  /// The location of the object at \p Path, given the arguments of a call.
  std::optional<SVal> resolvePath(State &S, const AccessPath &Path,
                                  llvm::ArrayRef<SVal> Args,
                                  std::optional<SVal> This);
  SVal materialize(State &S, const ValueDesc &D, const Expr *Call,
                   const FunctionDecl &Callee, llvm::ArrayRef<SVal> Args,
                   std::optional<SVal> This, QualType Type);
  ValueDesc describeValue(const State &S, SVal V) const;
  std::string describeCase(const SummaryCase &C,
                           llvm::ArrayRef<const SummaryCase *> Others,
                           const FunctionDecl &Callee,
                           llvm::ArrayRef<const Expr *> ArgExprs,
                           std::optional<SVal> This, const Stmt *Site) const;
  /// How the caller spells the object at \p Path of a call at \p Site:
  /// 'conn', 'holder.item', 'pool->head'; empty when it cannot.
  std::string describePath(const AccessPath &Path,
                           llvm::ArrayRef<const Expr *> ArgExprs,
                           std::optional<SVal> This, const Stmt *Site) const;
  const FunctionDecl *devirtualize(const State &S, const FunctionDecl *Callee,
                                   std::optional<SVal> This) const;

  // ===== Containers.cpp: standard containers of owning pointers =====
  enum class DropKind {
    ScopeEnd,
    Destroyed,
    Cleared,
    Erased,
    Assigned,
    Resized
  };
  struct Disposal {
    /// The container the loop visits.
    const Expr *Container;
    /// The loop releases each element (else: hands each elsewhere).
    bool Releases;
    Family Fam;
    std::string Deallocator;
    const Stmt *Site;
    /// The loop empties the container as it goes ('while (!c.empty())
    /// { delete c.back(); c.pop_back(); }').
    bool Empties = false;
  };
  bool isContainer(QualType T) const;
  /// A class of the program used as a container: elements go in with the
  /// members of the standard containers (push_back, emplace_back, insert,
  /// emplace, operator[]) and can be visited (begin, size, operator[]).
  /// Its elements are those of the standard containers inside it, which
  /// the summaries of its members fill.
  bool isUserContainer(QualType T) const;
  RegionId slotRegion(RegionId Container, ObjId Element);
  /// The element that \p Named ('v[i]', 'v.back()') designates; with
  /// \p Key (the index), one region per index value: 'v[i]' after 'i++' is
  /// another element.
  RegionId namedSlotRegion(RegionId Container, const Expr *Named,
                           std::optional<SVal> Key = std::nullopt);
  /// A marker under a container: while it is bound, the engine knows every
  /// element the container holds (it was made empty on this path and only
  /// received values the engine follows).
  RegionId exactRegion(RegionId Container);
  bool isExact(const State &S, RegionId Container);
  void setExact(State &S, RegionId Container, bool Exact);
  /// Forgets which containers under the object \p V points to hold only
  /// known elements (code that may add elements received it).
  void forgetExactness(State &S, SVal V);
  llvm::SmallVector<std::pair<RegionId, ObjId>, 4>
  elementsOf(const State &S, RegionId Container) const;
  /// The elements of the containers inside \p Container (itself included).
  llvm::SmallVector<std::pair<RegionId, ObjId>, 4>
  elementsWithin(const State &S, RegionId Container) const;
  /// Puts \p V into \p Container when it is memory the engine follows;
  /// false when the element is not followed.
  bool addElement(State &S, RegionId Container, SVal V, const Expr *Site,
                  llvm::StringRef Name);
  /// The container drops all its elements; those lost are findings.
  void dropElements(State &S, RegionId Container, DropKind How,
                    SourceRange Where, llvm::StringRef Name);
  /// The container drops the element in \p Slot.
  void dropElement(State &S, RegionId Container, RegionId Slot,
                   SourceRange Where, llvm::StringRef Name);
  /// The elements of \p Container are no longer followed.
  void escapeElements(State &S, RegionId Container);
  /// The elements of \p From (a container of the caller's, reached from a
  /// parameter or 'this') go where the caller cannot follow them: copied or
  /// moved into \p To (0: returned), or swapped away. Recorded under
  /// \p From for the summary.
  void handOut(State &S, RegionId From, RegionId To);
  bool isHandedOutMarker(RegionId R) const;
  void releaseElements(State &S, RegionId Container, Family Fam,
                       llvm::StringRef Deallocator, const Stmt *Site,
                       llvm::StringRef Name);
  void swapContainers(State &S, RegionId A, RegionId B, const Expr *Site);
  /// The elements of the container \p Range names ('c.begin()') are copied
  /// into \p Container; false when \p Range names none.
  bool copyElementsFromRange(State &S, RegionId Container, const Expr *Range);
  /// Whether \p Container was declared not to own its elements (the
  /// NonOwningContainers option or the 'memreview::non_owning' annotation).
  bool isNonOwning(RegionId Container) const;
  /// The note that suggests an owning element type for the container
  /// \p Container, which dropped \p Element: at the declaration of the
  /// container (a variable, member or parameter), else at \p Fallback.
  PathStep ownershipSuggestion(RegionId Container, SourceRange Fallback,
                               ObjId Element) const;
  /// A member function of a standard container; false when not modelled.
  bool containerCall(const FunctionDecl &Method, const Expr *Call,
                     llvm::ArrayRef<SVal> Args,
                     llvm::ArrayRef<const Expr *> ArgExprs, SVal Object,
                     State &S, SVal &Result);
  /// A standard algorithm that applies a callable to the elements of a
  /// container ('std::for_each(v.begin(), v.end(), deleter)'): a callable
  /// that releases its argument disposes of them.
  void algorithmCall(const FunctionDecl &Callee, const CallExpr &Call,
                     llvm::ArrayRef<const Expr *> ArgExprs, State &S);
  /// Whether \p Loop releases (or hands on) every element of a container.
  std::optional<Disposal> disposalOf(const Stmt &Loop);
  void applyDisposal(const Stmt &Loop, State &S);

  // ===== regions, objects, symbols =====
  RegionId intern(const Region &R);
  RegionId varRegion(const VarDecl *V);
  RegionId fieldRegion(RegionId Parent, const FieldDecl *F);
  RegionId elementRegion(RegionId Parent, int64_t Index, bool Unknown);
  RegionId objectRegion(ObjId O);
  RegionId tempRegion(const Expr *E);
  RegionId stringRegion(const Expr *E);
  RegionId baseOf(RegionId R) const { return RegionBase[R]; }
  const Region &regionInfo(RegionId R) const { return Regions[R]; }
  ObjId newObject(ObjectInfo Info);
  void setOrigin(ObjId O, const AccessPath &Path);
  /// The value a loop's widening gives \p Var.
  SVal widenedValue(State &S, const Stmt &Loop, const VarDecl *Var);
  std::map<std::pair<const Stmt *, const VarDecl *>, SymId> WidenedSyms;
  SymId newSymbol() { return NextSym++; }
  unsigned internRangeSet(const RangeSet &R);
  /// The object whose memory \p V points into, if any.
  std::optional<ObjId> objectOf(SVal V) const;

  const FunctionDecl &Function;
  ASTContext &Context;
  SummaryProvider &Summaries;
  const Budget &Limits;
  std::unique_ptr<AnalysisDeclContext> DeclContext;
  CFG *Cfg = nullptr;
  std::unique_ptr<ControlDependencyCalculator> ControlDeps;
  LiveVariables *Liveness = nullptr;
  std::unique_ptr<ParentMap> Parents;
  std::chrono::steady_clock::time_point Deadline;

  std::vector<Region> Regions;
  std::vector<RegionId> RegionBase;
  std::map<decltype(std::declval<Region>().key()), RegionId> RegionIndex;
  std::vector<ObjectInfo> ObjectTable;
  /// The address symbols of the objects reached from parameters, whose
  /// constraints summaries need until the end.
  llvm::SmallVector<SymId, 8> OriginSyms;
  /// Scratch marks of prune(): symbols and objects in use carry the epoch of
  /// the current pass.
  std::vector<unsigned> SymMarks, ObjMarks;
  unsigned MarkEpoch = 0;
  std::vector<RangeSet> CondSets;
  SymId NextSym = 1;
  /// The initial content of regions read before being written (parameters'
  /// pointees, globals per epoch): one value for all paths.
  std::map<std::pair<RegionId, unsigned>, SVal> LazyValues;
  /// Every value read lazily from each region (for summaries: a region that
  /// holds one of them was not written).
  llvm::DenseMap<RegionId, llvm::SmallVector<SVal, 1>> InitialValues;
  /// Where each region was last written (for summaries' store sites).
  llvm::DenseMap<RegionId, SourceLocation> StoreSites;

  llvm::DenseMap<const ParmVarDecl *, int> ParamIndex;
  /// Per parameter: the symbol whose range summaries export (the value of a
  /// scalar parameter, the address of a pointer parameter's pointee).
  llvm::SmallVector<std::optional<SymId>, 4> ParamSyms;
  std::optional<ObjId> ThisObject;

  struct WorkItem {
    const CFGBlock *Block;
    State S;
  };
  std::vector<WorkItem> Work;
  llvm::DenseSet<std::pair<unsigned, uint64_t>> Seen;
  unsigned BlockVisits = 0;
  /// Set while evaluating a CFG block: its terminator condition stays in the
  /// environment until the branch.
  const CFGBlock *CurrentBlock = nullptr;
  /// Expressions without a parent statement whose value a non-statement
  /// element consumes (constructor initialisers).
  llvm::DenseSet<const Expr *> ConsumedElsewhere;

  ExplorationResult Result;
  std::set<std::tuple<unsigned, unsigned, const void *>> FindingKeys;
  std::vector<SummaryCase> ExitCases;
  bool TouchesGlobals = false;
  llvm::DenseMap<const Stmt *, llvm::SmallVector<LoopWrite, 4>> LoopWrites;
  /// Some path ended in a loop that had run its rounds.
  bool PathsCutInLoops = false;
  llvm::DenseMap<const Stmt *, std::optional<Disposal>> Disposals;
  /// Set while a container drops its elements: how, its name, and the
  /// container.
  struct ContainerLossInfo {
    DropKind How;
    std::string Name;
    RegionId Container;
  };
  std::optional<ContainerLossInfo> ContainerLoss;
};

} // namespace clang::tidy::memreview::engine

#endif
