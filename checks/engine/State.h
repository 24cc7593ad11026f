//===--- State.h - the program state of one explored path ------*- C++ -*-===//
//
// Part of memreview. Values, memory regions, objects and constraints, and the
// state of one path: what each location holds, what each pending expression
// evaluated to, the status of each object, the ranges of symbols, and the
// steps taken so far (for notes).
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_STATE_H
#define MEMREVIEW_CHECKS_ENGINE_STATE_H

#include "engine/Models.h"
#include "engine/RangeSet.h"
#include "engine/Summary.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <memory>
#include <optional>
#include <tuple>

namespace clang::tidy::memreview::engine {

using RegionId = uint32_t;
using ObjId = uint32_t;
using SymId = uint32_t;

/// A value: unknown, an integer, a symbol (an unknown integer with a range),
/// a location (a region plus a byte offset), or a condition (a symbol and
/// the set of its values for which the condition holds).
struct SVal {
  enum KindTy : unsigned char { Unknown, Int, Sym, Loc, Cond };
  KindTy Kind = Unknown;
  /// For a location: the offset is not known.
  bool UnknownOffset = false;
  /// Region (Loc) or symbol (Sym, Cond).
  uint32_t Id = 0;
  /// Integer value (Int), byte offset (Loc) or range-set id (Cond).
  int64_t Num = 0;

  static SVal unknown() { return SVal(); }
  static SVal integer(int64_t V) {
    SVal S;
    S.Kind = Int;
    S.Num = V;
    return S;
  }
  static SVal symbol(SymId Id) {
    SVal S;
    S.Kind = Sym;
    S.Id = Id;
    return S;
  }
  static SVal loc(RegionId R, int64_t Offset = 0) {
    SVal S;
    S.Kind = Loc;
    S.Id = R;
    S.Num = Offset;
    return S;
  }
  static SVal cond(SymId Id, unsigned RangeSetId) {
    SVal S;
    S.Kind = Cond;
    S.Id = Id;
    S.Num = RangeSetId;
    return S;
  }
  bool isUnknown() const { return Kind == Unknown; }
  bool isNull() const { return Kind == Int && Num == 0; }
  bool isLoc() const { return Kind == Loc; }
  bool operator==(const SVal &O) const {
    return Kind == O.Kind && UnknownOffset == O.UnknownOffset && Id == O.Id &&
           Num == O.Num;
  }
  bool operator!=(const SVal &O) const { return !(*this == O); }
  uint64_t hash() const {
    return hashMix(hashMix((uint64_t(Kind) << 1 | UnknownOffset), Id),
                   uint64_t(Num));
  }
};

/// A named piece of memory.
struct Region {
  enum KindTy : unsigned char {
    /// A variable (local, parameter, static or global).
    Var,
    /// A field of a parent region.
    Field,
    /// An element of a parent array region.
    Element,
    /// An object: allocated here, or the unknown pointee of some pointer.
    Object,
    /// A temporary object of a record type.
    Temp,
    /// A string literal.
    String,
    /// An element of a container: \c Parent is the container; \c Obj the
    /// object the element points to (an element added with a known value),
    /// or \c Ptr the expression that named an element ('v[i]').
    Slot,
  };
  /// A field, element or slot: a part of its parent.
  bool isPart() const { return Kind == Field || Kind == Element || Kind == Slot; }
  KindTy Kind;
  RegionId Parent = 0;
  /// VarDecl (Var), FieldDecl (Field), Expr (Temp, String).
  const void *Ptr = nullptr;
  int64_t Index = 0;
  bool UnknownIndex = false;
  ObjId Obj = 0;
  auto key() const {
    return std::make_tuple(Kind, Parent, Ptr, Index, UnknownIndex, Obj);
  }
};

/// What never changes about an object.
struct ObjectInfo {
  /// Allocated by the function being explored (or handed to it fresh by a
  /// callee): the function owns it until it releases, returns or hands it on.
  bool Owned = false;
  Family Fam = Family::New;
  /// Its address as a number: 0 means the allocation failed (or, for the
  /// pointee of a parameter, that the pointer is null).
  SymId AddrSym = 0;
  /// The allocation (owned objects).
  const Expr *Site = nullptr;
  std::string Allocator;
  /// For a fresh object from a callee: where the callee allocated it.
  SourceLocation CalleeSite;
  /// The allocated type (owned objects of 'new').
  QualType AllocatedType;
  /// For the pointees of parameters (and of their fields): the access path
  /// from the parameter; summaries are written in terms of it.
  std::optional<AccessPath> Origin;
};

/// What changes about an object along a path.
struct ObjectStatus {
  enum KindTy : unsigned char { Live, Released, Escaped, Lost };
  KindTy Kind = Live;
  /// Dereferenced while live (for summaries).
  bool Derefed = false;
  /// Where and how it was released.
  const Stmt *ReleaseSite = nullptr;
  std::string ReleasedBy;
  Family ReleaseFam = Family::New;
  bool operator==(const ObjectStatus &O) const {
    return Kind == O.Kind && Derefed == O.Derefed &&
           ReleaseSite == O.ReleaseSite;
  }
};

/// One step of a path, kept for notes.
struct PathEvent {
  enum KindTy : unsigned char {
    /// A branch the engine had to assume (not decided by what it knew).
    Assumption,
    /// Something that happened to one object: allocated, released, stored...
    ObjectStep,
    /// A call whose summary has several cases went one way; \c Obj is the
    /// object that choice affected (0: none).
    CaseChoice,
    /// A second pointer to object \c Obj appeared (a compiler-generated copy
    /// of the object holding it): a step of findings about its releases and
    /// uses; for a leak, one more holder decides nothing.
    Alias,
    /// A location was written (never a note): lets a finding find out which
    /// branches decided the value of the pointer it is about.
    ValueStore,
    /// A container (region \c Target, named by \c Message, dropped as
    /// \c Stored says) dropped object \c Obj while a variable still pointed
    /// to it (never a note): when that variable goes out of scope at the
    /// same place, the loss is the container's.
    ElementDropped,
  };
  KindTy Kind;
  ObjId Obj = 0;
  SourceRange Range;
  /// The note's text; empty for an assumption on a branch condition, whose
  /// text is made from \c Condition only if a finding shows it.
  std::string Message;
  /// The CFG block where it happened (for assumptions: the branching block).
  const void *Block = nullptr;
  const Expr *Condition = nullptr;
  bool Taken = false;
  /// For a store: the location written, the value written, the expression
  /// whose value it is (null: none the engine can follow), and whether the
  /// value derives from the location's old value ('++p', 'p += n'). For the
  /// release of an object: the released pointer and the expression that
  /// gave it.
  uint32_t Target = 0;
  SVal Stored = SVal::unknown();
  const Expr *Source = nullptr;
  bool FromOldValue = false;
};

struct PathNode {
  PathEvent Event;
  std::shared_ptr<const PathNode> Prev;
};

/// Identifies an expression value pending in the environment.
using EnvKey = const Expr *;

/// The state of one path.
class State {
public:
  // Store: what each region holds (sorted by region).
  // (No inline storage: states move between containers often, and a move
  // then steals the buffer instead of copying elements.)
  llvm::SmallVector<std::pair<RegionId, SVal>, 0> Store;
  // Environment: values of evaluated expressions not yet consumed.
  llvm::SmallVector<std::pair<EnvKey, SVal>, 0> Env;
  // Object statuses (sorted by object).
  llvm::SmallVector<std::pair<ObjId, ObjectStatus>, 0> Objects;
  // Symbol ranges (sorted by symbol); a symbol not listed is unconstrained.
  llvm::SmallVector<std::pair<SymId, RangeSet>, 0> Constraints;
  /// Visits of loop heads on this path.
  llvm::SmallVector<std::pair<unsigned, unsigned>, 0> LoopVisits;
  /// The returned value, once a return statement ran.
  std::optional<SVal> Returned;
  const Stmt *LastReturn = nullptr;
  /// The path leaves the function by an exception thrown here (a throw
  /// expression or a call whose summary throws).
  const Stmt *Throwing = nullptr;
  std::string ThrowingCallee;
  /// Containers whose elements were all released (a disposal loop, or a
  /// function that releases them all).
  llvm::SmallVector<RegionId, 0> ElementsReleased;
  /// Incremented when unknown code may have changed globals: reads of
  /// globals after it see new values.
  unsigned GlobalEpoch = 0;
  /// Steps so far (not part of the state's identity).
  std::shared_ptr<const PathNode> Path;

  // --- store ---
  const SVal *lookup(RegionId R) const;
  void bind(RegionId R, SVal V);
  void unbind(RegionId R);

  // --- environment ---
  const SVal *envLookup(EnvKey E) const;
  void envBind(EnvKey E, SVal V);
  void envErase(EnvKey E);

  // --- objects ---
  const ObjectStatus *status(ObjId O) const;
  ObjectStatus &statusRef(ObjId O);

  // --- constraints ---
  RangeSet range(SymId S) const;
  /// Narrows the range of \p S; returns false when it becomes empty.
  bool constrain(SymId S, const RangeSet &R);

  // --- loops ---
  unsigned loopVisits(unsigned Block) const;
  void setLoopVisits(unsigned Block, unsigned Visits);

  void addEvent(PathEvent E) {
    Path = std::make_shared<PathNode>(PathNode{std::move(E), Path});
  }

  bool operator==(const State &O) const;
  uint64_t hash() const;
};

} // namespace clang::tidy::memreview::engine

#endif
