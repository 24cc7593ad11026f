//===--- OwnershipGraph.cpp - which classes own which ---------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "cycles/OwnershipGraph.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/StringSwitch.h"
#include <deque>

namespace clang::tidy::memreview::cycles {

//===-- What a type owns --------------------------------------------------===//

/// Standard class templates whose type arguments are held by value:
/// containers, adaptors, 'optional', 'pair', 'tuple', 'variant'. Comparators,
/// hashers and allocators are not listed, so their arguments are not seen.
static bool isStdHolder(llvm::StringRef Name, bool &Many) {
  Many = !llvm::StringSwitch<bool>(Name)
              .Cases("optional", "pair", "tuple", "variant", true)
              .Default(false);
  return llvm::StringSwitch<bool>(Name)
      .Cases("vector", "deque", "list", "forward_list", "array", true)
      .Cases("set", "multiset", "unordered_set", "unordered_multiset", true)
      .Cases("map", "multimap", "unordered_map", "unordered_multimap", true)
      .Cases("queue", "stack", "priority_queue", true)
      .Cases("optional", "pair", "tuple", "variant", true)
      .Default(false);
}

bool isProjectClass(const CXXRecordDecl *RD, const SourceManager &SM) {
  if (!RD || !RD->isThisDeclarationADefinition() || RD->isLambda() ||
      RD->isDependentContext() || RD->isInStdNamespace() ||
      isa<ClassTemplatePartialSpecializationDecl>(RD))
    return false;
  SourceLocation Loc = RD->getLocation();
  return Loc.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

/// The project class that a smart pointer to \p Pointee owns, if any.
static const CXXRecordDecl *pointeeClass(QualType Pointee,
                                         const SourceManager &SM) {
  if (const auto *Array = Pointee->getAsArrayTypeUnsafe())
    Pointee = Array->getElementType();
  const CXXRecordDecl *RD = Pointee->getAsCXXRecordDecl();
  RD = RD ? RD->getDefinition() : nullptr;
  return isProjectClass(RD, SM) ? RD : nullptr;
}

static bool hasDefaultDeleter(const TemplateArgumentList &Args) {
  if (Args.size() < 2 || Args[1].getKind() != TemplateArgument::Type)
    return true;
  const auto *Deleter = Args[1].getAsType()->getAsCXXRecordDecl();
  return Deleter && Deleter->isInStdNamespace() &&
         Deleter->getName() == "default_delete";
}

/// Nested templates deeper than this are not followed (a bound on
/// pathological types, far beyond 'map<K, vector<tuple<..., shared_ptr<T>>>>').
static constexpr unsigned MaxTypeDepth = 8;

static void collectOwned(QualType T, bool InContainer, bool Many,
                         unsigned Depth, const SourceManager &SM,
                         llvm::SmallVectorImpl<OwnedClass> &Out,
                         bool &HoldsCallback) {
  if (Depth > MaxTypeDepth || T.isNull())
    return;
  T = T.getCanonicalType();
  // References and raw pointers do not own.
  if (T->isReferenceType() || T->isPointerType())
    return;
  if (const auto *Array = T->getAsArrayTypeUnsafe()) {
    collectOwned(Array->getElementType(), true, true, Depth + 1, SM, Out,
                 HoldsCallback);
    return;
  }
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return;
  if (!RD->isInStdNamespace()) {
    if (const CXXRecordDecl *Def = RD->getDefinition(); isProjectClass(Def, SM))
      Out.push_back({Def, HoldKind::Value, InContainer, Many});
    return;
  }
  llvm::StringRef Name = RD->getName();
  if (Name == "function") {
    HoldsCallback = true;
    return;
  }
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  if (!Spec)
    return;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Name == "shared_ptr" || Name == "unique_ptr") {
    if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
      return;
    if (Name == "unique_ptr" && !hasDefaultDeleter(Args))
      return;
    if (const CXXRecordDecl *Pointee = pointeeClass(Args[0].getAsType(), SM))
      Out.push_back({Pointee,
                     Name == "shared_ptr" ? HoldKind::Shared : HoldKind::Unique,
                     InContainer, Many});
    return;
  }
  bool HolderMany = false;
  if (!isStdHolder(Name, HolderMany))
    return;
  Many |= HolderMany;
  for (const TemplateArgument &Arg : Args.asArray()) {
    if (Arg.getKind() == TemplateArgument::Type)
      collectOwned(Arg.getAsType(), true, Many, Depth + 1, SM, Out,
                   HoldsCallback);
    else if (Arg.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &Element : Arg.pack_elements())
        if (Element.getKind() == TemplateArgument::Type)
          collectOwned(Element.getAsType(), true, Many, Depth + 1, SM, Out,
                       HoldsCallback);
  }
}

void ownedClasses(QualType T, const SourceManager &SM,
                  llvm::SmallVectorImpl<OwnedClass> &Out, bool &HoldsCallback) {
  collectOwned(T, false, false, 0, SM, Out, HoldsCallback);
}

bool isSharedPtr(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getName() == "shared_ptr";
}

const CXXRecordDecl *sharedPointee(QualType T, const SourceManager &SM) {
  if (!isSharedPtr(T))
    return nullptr;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return pointeeClass(Spec->getTemplateArgs()[0].getAsType(), SM);
}

std::string className(const RecordDecl *RD) {
  const ASTContext &Context = RD->getASTContext();
  PrintingPolicy Policy = Context.getPrintingPolicy();
  Policy.SuppressTagKeyword = true;
  return Context.getRecordType(RD).getAsString(Policy);
}

std::string memberName(const FieldDecl *Member) {
  return className(Member->getParent()) + "::" + Member->getNameAsString();
}

//===-- Choosing the edge to weaken ---------------------------------------===//

/// The words of an identifier, lower case: 'm_parentNode' -> m, parent, node.
static llvm::SmallVector<std::string, 4> nameWords(llvm::StringRef Name) {
  llvm::SmallVector<std::string, 4> Words;
  std::string Current;
  const auto Flush = [&] {
    if (!Current.empty())
      Words.push_back(Current);
    Current.clear();
  };
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (!isAsciiIdentifierContinue(C) || C == '_') {
      Flush();
      continue;
    }
    if (isUppercase(C) && !Current.empty() &&
        (isLowercase(Current.back()) ||
         (I + 1 < Name.size() && isLowercase(Name[I + 1]))))
      Flush();
    Current += toLowercase(C);
  }
  Flush();
  return Words;
}

static bool hasWord(llvm::StringRef Name, llvm::ArrayRef<llvm::StringRef> Set) {
  for (const std::string &Word : nameWords(Name))
    for (llvm::StringRef Hint : Set)
      if (Word == Hint || Word == (Hint + "s").str())
        return true;
  return false;
}

/// Names of members that point back to whoever owns the object.
static constexpr llvm::StringRef BackWords[] = {
    "parent", "owner",     "prev",      "previous",   "back",
    "up",     "outer",     "container", "creator",    "manager",
    "host",   "enclosing", "master",    "predecessor"};
/// Names of members that point to observers and callback targets.
static constexpr llvm::StringRef ObserverWords[] = {
    "observer", "listener", "delegate", "subscriber",
    "watcher",  "sink",     "handler",  "callback"};

static BackReason backReason(const ClassEdge &E,
                             llvm::ArrayRef<ClassEdge> Context,
                             const CreatorMap &Creators) {
  llvm::StringRef Name = E.Member->getName();
  if (hasWord(Name, BackWords) || hasWord(E.CaptureName, BackWords))
    return BackReason::BackName;
  if (hasWord(Name, ObserverWords))
    return BackReason::ObserverName;
  if (E.Kind == HoldKind::Callback)
    return BackReason::Callback;
  for (const ClassEdge &Other : Context)
    if (Other.From == E.To && Other.To == E.From && Other.Many &&
        Other.Member != E.Member)
      return BackReason::HeldInContainer;
  auto It = Creators.find(E.To);
  if (It != Creators.end() && It->second.count(E.From) && E.From != E.To)
    return BackReason::Creator;
  return BackReason::DeclaredLast;
}

std::vector<std::pair<size_t, BackReason>>
rankBackEdges(llvm::ArrayRef<ClassEdge> Edges,
              llvm::ArrayRef<ClassEdge> Context, const CreatorMap &Creators,
              const SourceManager &SM) {
  std::vector<std::pair<size_t, BackReason>> Ranked;
  for (size_t I = 0; I < Edges.size(); ++I)
    if (Edges[I].weakenable())
      Ranked.push_back({I, backReason(Edges[I], Context, Creators)});
  // By reason; of equal reasons, certain edges first, then the one declared
  // last.
  llvm::sort(Ranked, [&](const auto &A, const auto &B) {
    const ClassEdge &EA = Edges[A.first], &EB = Edges[B.first];
    if (A.second != B.second)
      return A.second < B.second;
    if (EA.certain() != EB.certain())
      return EA.certain();
    if (EA.Loc != EB.Loc)
      return SM.isBeforeInTranslationUnit(EB.Loc, EA.Loc);
    return A.first < B.first;
  });
  return Ranked;
}

std::optional<std::pair<size_t, BackReason>>
chooseBackEdge(llvm::ArrayRef<ClassEdge> Edges,
               llvm::ArrayRef<ClassEdge> Context, const CreatorMap &Creators,
               const SourceManager &SM, bool AllowFallback) {
  std::vector<std::pair<size_t, BackReason>> Ranked =
      rankBackEdges(Edges, Context, Creators, SM);
  if (Ranked.empty() ||
      (!AllowFallback && Ranked.front().second == BackReason::DeclaredLast))
    return std::nullopt;
  return Ranked.front();
}

//===-- The graph ---------------------------------------------------------===//

void OwnershipGraph::addClass(const CXXRecordDecl *RD) { Classes.insert(RD); }

void OwnershipGraph::addCallback(const CallbackCapture &Capture) {
  Callbacks.push_back(Capture);
}

void OwnershipGraph::addEdges(
    const CXXRecordDecl *From, const FieldDecl *Member, const OwnedClass &Owned,
    SourceLocation Loc, llvm::StringRef CaptureName,
    const llvm::DenseMap<const CXXRecordDecl *,
                         llvm::SmallVector<const CXXRecordDecl *, 4>>
        &Derived) {
  const auto Add = [&](const CXXRecordDecl *To) {
    if (!IndexOf.count(To))
      return;
    std::vector<ClassEdge> &List = Out[IndexOf.lookup(From)];
    for (const ClassEdge &E : List)
      if (E.To == To && E.Member == Member && E.Kind == Owned.Kind)
        return;
    ClassEdge E;
    E.From = From;
    E.To = To;
    E.Member = Member;
    E.Kind = Owned.Kind;
    E.InContainer = Owned.InContainer;
    E.Many = Owned.Many;
    E.Declared = Owned.Class;
    E.Loc = Loc;
    E.CaptureName = CaptureName.str();
    List.push_back(std::move(E));
  };
  Add(Owned.Class);
  // A pointer to a class may point to any class derived from it; an object
  // held by value is exactly of its type.
  if (Owned.Kind == HoldKind::Value)
    return;
  auto It = Derived.find(Owned.Class);
  if (It != Derived.end())
    for (const CXXRecordDecl *D : It->second)
      Add(D);
}

/// \p RD and its project bases, each once.
static void selfAndBases(const CXXRecordDecl *RD, const SourceManager &SM,
                         llvm::SmallVectorImpl<const CXXRecordDecl *> &Out) {
  if (llvm::is_contained(Out, RD))
    return;
  Out.push_back(RD);
  for (const CXXBaseSpecifier &Base : RD->bases()) {
    const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl();
    B = B ? B->getDefinition() : nullptr;
    if (isProjectClass(B, SM))
      selfAndBases(B, SM, Out);
  }
}

void OwnershipGraph::build() {
  Out.assign(Classes.size(), {});
  Reported.clear();
  IndexOf.clear();
  for (unsigned I = 0; I < Classes.size(); ++I)
    IndexOf[Classes[I]] = I;
  llvm::DenseMap<const CXXRecordDecl *,
                 llvm::SmallVector<const CXXRecordDecl *, 4>>
      Derived;
  llvm::DenseMap<const CXXRecordDecl *,
                 llvm::SmallVector<const CXXRecordDecl *, 4>>
      BasesOf;
  for (const CXXRecordDecl *RD : Classes) {
    auto &Bases = BasesOf[RD];
    selfAndBases(RD, SM, Bases);
    for (const CXXRecordDecl *B : llvm::drop_begin(Bases))
      Derived[B].push_back(RD);
  }
  llvm::DenseMap<const CXXRecordDecl *, llvm::SmallVector<size_t, 2>>
      CallbacksOf;
  for (size_t I = 0; I < Callbacks.size(); ++I)
    CallbacksOf[cast<CXXRecordDecl>(Callbacks[I].Member->getParent())]
        .push_back(I);

  // What each member owns, computed once per member.
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<OwnedClass, 2>> OwnedBy;
  for (const CXXRecordDecl *RD : Classes) {
    for (const CXXRecordDecl *Holder : BasesOf[RD]) {
      for (const FieldDecl *Member : Holder->fields()) {
        auto [It, Inserted] = OwnedBy.try_emplace(Member);
        if (Inserted) {
          bool HoldsCallback = false;
          ownedClasses(Member->getType(), SM, It->second, HoldsCallback);
          HasCallbackMembers |= HoldsCallback;
        }
        for (const OwnedClass &Owned : It->second)
          addEdges(RD, Member, Owned, Member->getLocation(), "", Derived);
      }
      auto It = CallbacksOf.find(Holder);
      if (It == CallbacksOf.end())
        continue;
      for (size_t I : It->second) {
        const CallbackCapture &C = Callbacks[I];
        addEdges(RD, C.Member, {C.Captured, HoldKind::Callback, false, false},
                 C.Loc, C.Name, Derived);
      }
    }
  }
}

namespace {
/// The class graph as llvm::scc_iterator sees it, with a root that reaches
/// every class.
struct SccGraph {
  struct Node {
    unsigned Index;
    llvm::SmallVector<Node *, 4> Succs;
  };
  std::vector<Node> Nodes;
  Node Root;
};
} // namespace
} // namespace clang::tidy::memreview::cycles

namespace llvm {
template <> struct GraphTraits<clang::tidy::memreview::cycles::SccGraph *> {
  using Graph = clang::tidy::memreview::cycles::SccGraph;
  using NodeRef = Graph::Node *;
  using ChildIteratorType = llvm::SmallVectorImpl<NodeRef>::iterator;
  static NodeRef getEntryNode(Graph *G) { return &G->Root; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Succs.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Succs.end(); }
};
} // namespace llvm

namespace clang::tidy::memreview::cycles {

/// The strongly connected components of \p Nodes over \p Edges that contain
/// a cycle (several classes, or one class with an edge to itself).
static std::vector<std::vector<const CXXRecordDecl *>>
cyclicComponents(llvm::ArrayRef<const CXXRecordDecl *> Nodes,
                 llvm::ArrayRef<ClassEdge> Edges) {
  SccGraph G;
  G.Nodes.resize(Nodes.size());
  G.Root.Index = ~0u;
  llvm::DenseMap<const CXXRecordDecl *, unsigned> IndexOf;
  for (unsigned I = 0; I < Nodes.size(); ++I) {
    G.Nodes[I].Index = I;
    IndexOf[Nodes[I]] = I;
    G.Root.Succs.push_back(&G.Nodes[I]);
  }
  for (const ClassEdge &E : Edges) {
    auto From = IndexOf.find(E.From), To = IndexOf.find(E.To);
    if (From != IndexOf.end() && To != IndexOf.end())
      G.Nodes[From->second].Succs.push_back(&G.Nodes[To->second]);
  }
  std::vector<std::vector<const CXXRecordDecl *>> Result;
  for (auto It = llvm::scc_begin(&G); !It.isAtEnd(); ++It) {
    if (!It.hasCycle())
      continue;
    std::vector<const CXXRecordDecl *> Component;
    for (const SccGraph::Node *N : *It)
      if (N != &G.Root)
        Component.push_back(Nodes[N->Index]);
    Result.push_back(std::move(Component));
  }
  return Result;
}

std::vector<ClassEdge> OwnershipGraph::allEdges() const {
  std::vector<ClassEdge> All;
  for (const std::vector<ClassEdge> &Edges : Out)
    All.insert(All.end(), Edges.begin(), Edges.end());
  return All;
}

bool OwnershipGraph::mayHaveCycles() {
  return !cyclicComponents(Classes.getArrayRef(), allEdges()).empty();
}

int OwnershipGraph::reportedComponent(const CXXRecordDecl *RD) const {
  auto It = Reported.find(RD);
  return It == Reported.end() ? -1 : It->second;
}

/// The shortest path from \p Start to \p Goal over \p Edges, preferring
/// certain edges: first over those alone, then over all.
static std::optional<std::vector<ClassEdge>>
shortestPath(const CXXRecordDecl *Start, const CXXRecordDecl *Goal,
             llvm::ArrayRef<ClassEdge> Edges) {
  for (bool CertainOnly : {true, false}) {
    llvm::DenseMap<const CXXRecordDecl *, const ClassEdge *> Reached;
    std::deque<const CXXRecordDecl *> Queue{Start};
    Reached[Start] = nullptr;
    while (!Queue.empty() && !Reached.count(Goal)) {
      const CXXRecordDecl *Current = Queue.front();
      Queue.pop_front();
      for (const ClassEdge &E : Edges) {
        if (E.From != Current || (CertainOnly && !E.certain()) ||
            Reached.count(E.To))
          continue;
        Reached[E.To] = &E;
        Queue.push_back(E.To);
      }
    }
    if (!Reached.count(Goal))
      continue;
    std::vector<ClassEdge> Path;
    for (const CXXRecordDecl *At = Goal; At != Start;) {
      const ClassEdge *E = Reached[At];
      Path.insert(Path.begin(), *E);
      At = E->From;
    }
    return Path;
  }
  return std::nullopt;
}

/// Whether \p E makes one object own another (rather than contain it).
static bool ownsObject(const ClassEdge &E) { return E.Kind != HoldKind::Value; }

/// The cycle through \p Back to report for a component whose edges are
/// \p Internal, or nullopt when the rules of cycles() say that it is not one.
static std::optional<ClassCycle>
cycleThrough(const ClassEdge &Back, BackReason Reason,
             llvm::ArrayRef<ClassEdge> Internal, bool AnyCertain) {
  bool Named =
      Reason == BackReason::BackName || Reason == BackReason::ObserverName;
  ClassCycle Cycle;
  Cycle.Reason = Reason;
  std::optional<std::vector<ClassEdge>> Path =
      shortestPath(Back.To, Back.From, Internal);
  // Another member than Back's must own an object on the way back: one
  // member inherited by a derived class is still one member (a tree).
  if (Path && llvm::any_of(*Path, [&](const ClassEdge &E) {
        return ownsObject(E) && E.Member != Back.Member;
      })) {
    // Several objects: a cycle made only of "may point to a derived class"
    // edges is a tree of polymorphic nodes (a composite), unless a name says
    // that it points back.
    if (!AnyCertain && !Named)
      return std::nullopt;
    Cycle.Edges = std::move(*Path);
  } else {
    // Back owns an object of its own kind, maybe through classes held by
    // value (handles) or derived classes that inherit Back's member: a list,
    // a tree, a graph of prerequisites, unless
    // another member owns the same kind of object the other way and Back is
    // named like a back pointer.
    if (!Named)
      return std::nullopt;
    std::optional<std::vector<ClassEdge>> Best;
    for (const ClassEdge &Forward : Internal) {
      if (!ownsObject(Forward) || Forward.Member == Back.Member)
        continue;
      std::optional<std::vector<ClassEdge>> Before =
          Back.To == Forward.From
              ? std::vector<ClassEdge>()
              : shortestPath(Back.To, Forward.From, Internal);
      std::optional<std::vector<ClassEdge>> After =
          Forward.To == Back.From
              ? std::vector<ClassEdge>()
              : shortestPath(Forward.To, Back.From, Internal);
      if (!Before || !After)
        continue;
      std::vector<ClassEdge> Candidate = std::move(*Before);
      Candidate.push_back(Forward);
      Candidate.insert(Candidate.end(), After->begin(), After->end());
      if (!Best || Candidate.size() < Best->size() ||
          (Candidate.size() == Best->size() && Forward.certain() &&
           !Best->back().certain()))
        Best = std::move(Candidate);
    }
    if (!Best)
      return std::nullopt;
    Cycle.Edges = std::move(*Best);
  }
  Cycle.Edges.push_back(Back);
  Cycle.Back = Cycle.Edges.size() - 1;
  return Cycle;
}

/// The cycle to report for a component whose edges are \p Internal: through
/// the best-ranked edge to weaken that makes one.
static std::optional<ClassCycle> pickCycle(llvm::ArrayRef<ClassEdge> Internal,
                                           const CreatorMap &Creators,
                                           const SourceManager &SM) {
  bool AnyCertain =
      llvm::any_of(Internal, [](const ClassEdge &E) { return E.certain(); });
  for (const auto &[Index, Reason] :
       rankBackEdges(Internal, Internal, Creators, SM))
    if (std::optional<ClassCycle> Cycle =
            cycleThrough(Internal[Index], Reason, Internal, AnyCertain))
      return Cycle;
  return std::nullopt;
}

/// More members than this to weaken in one component are not listed.
static constexpr unsigned MaxWeakMembers = 8;

std::vector<ClassCycle> OwnershipGraph::cycles(const CreatorMap &Creators) {
  std::vector<ClassCycle> Result;
  std::vector<ClassEdge> All = allEdges();
  std::vector<std::vector<const CXXRecordDecl *>> Components =
      cyclicComponents(Classes.getArrayRef(), All);
  for (size_t C = 0; C < Components.size(); ++C) {
    llvm::SmallPtrSet<const CXXRecordDecl *, 8> Members(Components[C].begin(),
                                                        Components[C].end());
    std::vector<ClassEdge> Internal;
    for (const ClassEdge &E : All)
      if (Members.count(E.From) && Members.count(E.To))
        Internal.push_back(E);
    std::optional<ClassCycle> Cycle = pickCycle(Internal, Creators, SM);
    if (!Cycle)
      continue;
    // Weakening one member may leave other cycles in the component: name a
    // member for each of them too (greedily, one component at a time).
    llvm::SmallPtrSet<const FieldDecl *, 4> Weakened{
        Cycle->Edges[Cycle->Back].Member};
    while (Cycle->AlsoWeaken.size() < MaxWeakMembers) {
      llvm::erase_if(Internal, [&](const ClassEdge &E) {
        return Weakened.count(E.Member);
      });
      std::optional<ClassCycle> Next;
      for (const std::vector<const CXXRecordDecl *> &Sub :
           cyclicComponents(Components[C], Internal)) {
        llvm::SmallPtrSet<const CXXRecordDecl *, 8> SubMembers(Sub.begin(),
                                                               Sub.end());
        std::vector<ClassEdge> SubInternal;
        for (const ClassEdge &E : Internal)
          if (SubMembers.count(E.From) && SubMembers.count(E.To))
            SubInternal.push_back(E);
        if ((Next = pickCycle(SubInternal, Creators, SM)))
          break;
      }
      if (!Next)
        break;
      const ClassEdge &Back = Next->Edges[Next->Back];
      Cycle->AlsoWeaken.push_back({Back, Next->Reason});
      Weakened.insert(Back.Member);
    }
    for (const CXXRecordDecl *RD : Members)
      Reported[RD] = static_cast<int>(C);
    Result.push_back(std::move(*Cycle));
  }
  return Result;
}

} // namespace clang::tidy::memreview::cycles
