//===--- InstanceCycles.h - cycles that a function builds ------*- C++ -*-===//
//
// Part of memreview.
//
// The instance-level half of memreview-shared-ptr-cycle: one pass over a
// function body in statement order that follows which object each local
// 'std::shared_ptr' variable points to, and which object owns which through
// its members ('a->peer = b', 'list.push_back(b)', 'cb = [self] {...}'). A
// store that lets an object own, through other objects, the object that owns
// it closes a cycle.
//
// Objects are '*this', what a parameter points to, what 'std::make_shared' or
// 'new' creates, and what a member read in the function ('this->child')
// already owned when the function was entered. Branches are walked from the
// same state and joined (stores on two arms of one 'if' or 'switch' never
// combine into a cycle); a loop body is walked once, with the variables it
// reassigns forgotten. The analysis forgets rather than guesses: a variable
// passed by non-const reference or reassigned from something unknown, a
// member written by a member function that is not defined in the translation
// unit, a 'goto'. A cycle is reported only when every store of it is still in
// place at some exit of the function.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_CYCLES_INSTANCECYCLES_H
#define MEMREVIEW_CHECKS_CYCLES_INSTANCECYCLES_H

#include "cycles/OwnershipGraph.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace clang::tidy::memreview::cycles {

/// An object of a cycle, as messages name it: 'a', '*this', 'this->child'.
struct InstanceObject {
  std::string Name;
  const CXXRecordDecl *Class = nullptr;
};

/// One ownership edge of a cycle between objects.
struct InstanceStep {
  /// The store that makes the edge, or the member read that shows it.
  const Stmt *Site = nullptr;
  /// Indexes into InstanceCycle::Objects.
  unsigned From = 0, To = 0;
  /// The edge between the classes of the two objects (Loc is the member or,
  /// for a callback, the capture).
  ClassEdge Edge;
  /// The edge existed when the function was entered: a member read.
  bool PreExisting = false;
};

struct InstanceCycle {
  /// In cycle order, starting with the object that the closing step owns.
  std::vector<InstanceObject> Objects;
  /// In the order of execution; the last one closes the cycle.
  std::vector<InstanceStep> Steps;
};

class InstanceAnalysis {
public:
  explicit InstanceAnalysis(ASTContext &Context);
  ~InstanceAnalysis();

  /// Analyses the body of \p Function (and the lambdas in it, each on its
  /// own) and appends what it finds to the members below.
  void analyze(const FunctionDecl &Function);

  /// The cycles found, in the order of their closing stores.
  std::vector<InstanceCycle> Cycles;
  /// Lambdas capturing a 'std::shared_ptr' stored in a 'std::function'
  /// member: edges of the class graph.
  std::vector<CallbackCapture> Callbacks;
  /// Which class creates which.
  CreatorMap Creators;

  /// Whether a member function of \p Class or of one of its bases (other than
  /// constructors, destructors and assignment operators) clears \p Member:
  /// 'Member.reset()', 'Member = nullptr', 'Member.clear()'... A class that
  /// can break its own cycles is assumed to do so.
  bool clearedByClass(const CXXRecordDecl *Class, const FieldDecl *Member);

  /// What a call of \p Method may overwrite in its object.
  struct Effect {
    bool All = false;
    llvm::SmallPtrSet<const FieldDecl *, 4> Fields;
  };
  const Effect &effectOf(const CXXMethodDecl *Method, unsigned Depth = 0);

  ASTContext &Context;

private:
  llvm::DenseMap<const CXXMethodDecl *, std::unique_ptr<Effect>> Effects;
  llvm::DenseMap<const CXXRecordDecl *,
                 std::unique_ptr<llvm::DenseSet<const FieldDecl *>>>
      Cleared;
};

} // namespace clang::tidy::memreview::cycles

#endif
