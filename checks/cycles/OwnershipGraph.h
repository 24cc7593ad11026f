//===--- OwnershipGraph.h - which classes own which ------------*- C++ -*-===//
//
// Part of memreview.
//
// The type-level half of memreview-shared-ptr-cycle. A node is a class of the
// project (not of a system header, not a dependent template pattern); an edge
// From -> To says that an object of From (through one of its members, or a
// member of one of its bases) can own an object of To:
//
//   - a 'std::shared_ptr<To>' (or 'std::unique_ptr<To>'), directly or inside
//     a standard container, 'std::optional', 'std::pair', 'std::tuple' or an
//     array;
//   - a member of class type To held by value (its members are part of From);
//   - a 'std::function' member that is assigned a lambda capturing a
//     'std::shared_ptr<To>' (a callback edge, found in function bodies).
//
// A member that points to a class P also reaches every project class derived
// from P; such an edge is "possible" rather than "certain". A strongly
// connected component is reported once, through one cycle that contains a
// std::shared_ptr (or callback) edge; see cycles() for the rules that keep
// ordinary trees and lists silent.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_CYCLES_OWNERSHIPGRAPH_H
#define MEMREVIEW_CHECKS_CYCLES_OWNERSHIPGRAPH_H

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace clang::tidy::memreview::cycles {

/// How a member holds what it owns.
enum class HoldKind {
  /// A 'std::shared_ptr'.
  Shared,
  /// A 'std::unique_ptr' with the default deleter.
  Unique,
  /// A project class held by value.
  Value,
  /// A 'std::function' that stores a lambda capturing a 'std::shared_ptr'.
  Callback,
};

/// One class that a member of some type owns.
struct OwnedClass {
  const CXXRecordDecl *Class;
  HoldKind Kind;
  /// Inside a container, optional, pair, tuple or array rather than directly.
  bool InContainer;
  /// Inside a container or array: one of many.
  bool Many;
};

/// The project classes that a member of type \p T owns. Sets \p HoldsCallback
/// when \p T stores a 'std::function' (directly or in a container), whose
/// captures only the assignments in function bodies tell.
void ownedClasses(QualType T, const SourceManager &SM,
                  llvm::SmallVectorImpl<OwnedClass> &Out, bool &HoldsCallback);

/// Whether \p RD is a class of the project: a non-dependent, non-lambda
/// definition outside system headers and outside namespace 'std'.
bool isProjectClass(const CXXRecordDecl *RD, const SourceManager &SM);

/// The class that a 'std::shared_ptr' (or reference to one) points to, if it
/// is a project class; null for anything else.
const CXXRecordDecl *sharedPointee(QualType T, const SourceManager &SM);

/// Whether \p T is (a reference to) a 'std::shared_ptr'.
bool isSharedPtr(QualType T);

/// 'Class' or 'ns::Class<Arg>' as messages spell a class.
std::string className(const RecordDecl *RD);
/// 'Class::member' as messages spell a member.
std::string memberName(const FieldDecl *Member);

/// One ownership edge between classes.
struct ClassEdge {
  const CXXRecordDecl *From = nullptr;
  const CXXRecordDecl *To = nullptr;
  /// The member of From, or of one of its bases, that owns To.
  const FieldDecl *Member = nullptr;
  HoldKind Kind = HoldKind::Shared;
  bool InContainer = false;
  bool Many = false;
  /// The class the member is declared to point to: To itself, or a base of
  /// To when the edge is only possible.
  const CXXRecordDecl *Declared = nullptr;
  /// Where the edge is: the member, or for a callback the capture.
  SourceLocation Loc;
  /// For a callback, the name of the capture.
  std::string CaptureName;

  bool certain() const { return Declared == To; }
  /// Whether turning this edge into a 'std::weak_ptr' breaks ownership: a
  /// 'std::shared_ptr' or a captured one.
  bool weakenable() const {
    return Kind == HoldKind::Shared || Kind == HoldKind::Callback;
  }
};

/// A member of a class assigned a lambda that captures a 'std::shared_ptr' to
/// a project class: a callback edge.
struct CallbackCapture {
  const FieldDecl *Member;
  const CXXRecordDecl *Captured;
  SourceLocation Loc;
  std::string Name;
};

/// Which class creates which ('std::make_shared<X>' or 'new X' in a member
/// function of Y, or a lambda there: Y creates X).
using CreatorMap = llvm::DenseMap<const CXXRecordDecl *,
                                  llvm::SmallPtrSet<const CXXRecordDecl *, 4>>;

/// Why an edge of a cycle is the one to turn into a 'std::weak_ptr'.
enum class BackReason {
  /// Its name says it points back: parent, owner, prev, back, ...
  BackName,
  /// Its name says it points to observers: observer, listener, delegate, ...
  ObserverName,
  /// It is a stored callback, which should not keep its target alive.
  Callback,
  /// Its target holds its source in a container (one of many).
  HeldInContainer,
  /// Its target creates its source.
  Creator,
  /// Nothing tells; it is the edge declared last.
  DeclaredLast,
};

/// The edges of \p Edges that a 'std::weak_ptr' could replace, best first,
/// each with the reason it would be the one (see chooseBackEdge).
std::vector<std::pair<size_t, BackReason>>
rankBackEdges(llvm::ArrayRef<ClassEdge> Edges,
              llvm::ArrayRef<ClassEdge> Context, const CreatorMap &Creators,
              const SourceManager &SM);

/// The edge of \p Edges to turn into a 'std::weak_ptr' and why, or nullopt
/// when \p AllowFallback is false and no name or structure says which.
/// \p Context holds the edges that the structural rules look at (the whole
/// strongly connected component, or the cycle itself). Of equal reasons,
/// certain edges win, then the edge declared last.
std::optional<std::pair<size_t, BackReason>>
chooseBackEdge(llvm::ArrayRef<ClassEdge> Edges,
               llvm::ArrayRef<ClassEdge> Context, const CreatorMap &Creators,
               const SourceManager &SM, bool AllowFallback);

/// A cycle to report: its edges in cycle order, ending with the back edge,
/// the edge to weaken (where the warning goes: the edge that closes the
/// cycle when the classes are read from the owners down).
struct ClassCycle {
  std::vector<ClassEdge> Edges;
  size_t Back = 0;
  BackReason Reason = BackReason::DeclaredLast;
  /// Other edges of the component to weaken, when weakening the back edge
  /// leaves other cycles in it.
  std::vector<std::pair<ClassEdge, BackReason>> AlsoWeaken;
};

class OwnershipGraph {
public:
  explicit OwnershipGraph(const SourceManager &SM) : SM(SM) {}

  /// Adds a project class (its members are read by build()).
  void addClass(const CXXRecordDecl *RD);
  /// Adds a callback edge found in a function body.
  void addCallback(const CallbackCapture &Capture);

  /// Computes the edges of every class added so far.
  void build();

  /// Whether some cycle exists at all, however weak: the instance analysis is
  /// only worth running when this holds or a class stores callbacks.
  bool mayHaveCycles();
  /// Whether some project class has a member that stores a 'std::function'.
  bool holdsCallbacks() const { return HasCallbackMembers; }

  /// One cycle per strongly connected component that deserves a report
  /// (with the other members to weaken when one is not enough). A cycle in
  /// which two or more members own objects (not classes held by value) needs
  /// a certain edge in the component, or a back edge named like a back
  /// pointer. A cycle in which only one member owns objects (a class that
  /// owns others of its kind, directly, through handle classes held by value,
  /// or through derived classes that inherit the member) is a list, a tree or a
  /// graph of prerequisites, unless a second member owns the same kind of
  /// object and the back edge is named like a back pointer: a 'next'/'prev'
  /// list or a tree whose nodes own their parent is reported, a singly linked
  /// list or a binary tree ('left', 'right') is not.
  std::vector<ClassCycle> cycles(const CreatorMap &Creators);

  /// The index of the reported component of \p RD, or -1.
  int reportedComponent(const CXXRecordDecl *RD) const;

private:
  const SourceManager &SM;
  llvm::SetVector<const CXXRecordDecl *> Classes;
  llvm::DenseMap<const CXXRecordDecl *, unsigned> IndexOf;
  std::vector<CallbackCapture> Callbacks;
  bool HasCallbackMembers = false;
  /// Edges by the index of their From class.
  std::vector<std::vector<ClassEdge>> Out;
  llvm::DenseMap<const CXXRecordDecl *, int> Reported;

  void
  addEdges(const CXXRecordDecl *From, const FieldDecl *Member,
           const OwnedClass &Owned, SourceLocation Loc,
           llvm::StringRef CaptureName,
           const llvm::DenseMap<const CXXRecordDecl *,
                                llvm::SmallVector<const CXXRecordDecl *, 4>>
               &Derived);
  std::vector<ClassEdge> allEdges() const;
};

} // namespace clang::tidy::memreview::cycles

#endif
