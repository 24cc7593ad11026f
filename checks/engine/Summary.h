//===--- Summary.h - what a function does to what it is given --*- C++ -*-===//
//
// Part of memreview. Summaries are data: computed from a function's explored
// paths, applied at its call sites.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_SUMMARY_H
#define MEMREVIEW_CHECKS_ENGINE_SUMMARY_H

#include "engine/Models.h"
#include "engine/RangeSet.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace llvm {
class raw_ostream;
}

namespace clang::tidy::memreview::engine {

/// An object reached from a parameter: the pointee (or referent) of parameter
/// \c Param (-1 is 'this', -2 the struct the function returns by value), then
/// the pointee of each field in \c Fields (null: of the object itself).
struct AccessPath {
  int Param = 0;
  llvm::SmallVector<const FieldDecl *, 2> Fields;
  bool operator==(const AccessPath &O) const {
    return Param == O.Param && Fields == O.Fields;
  }
  /// "param0->next", "this->buffer", for dumps.
  std::string str() const;
  bool operator<(const AccessPath &O) const {
    if (Param != O.Param)
      return Param < O.Param;
    return Fields < O.Fields;
  }
};

/// What a function leaves somewhere, or returns.
struct ValueDesc {
  enum KindTy : unsigned char {
    /// Anything: the caller makes up a fresh unknown value.
    Unknown,
    /// Memory the function allocated and hands over.
    Fresh,
    /// The object of a parameter access path (the pointer itself).
    ObjectOf,
    /// A null pointer.
    Null,
    /// An integer constant.
    Constant,
  };
  KindTy Kind = Unknown;
  Family Fam = Family::New;
  bool MaybeNull = false;
  AccessPath Path;
  int64_t Value = 0;
  /// Where a fresh allocation was made, inside the function.
  SourceLocation Site;
  std::string Allocator;
  bool operator==(const ValueDesc &O) const {
    return Kind == O.Kind && Fam == O.Fam && MaybeNull == O.MaybeNull &&
           Path == O.Path && Value == O.Value && Site == O.Site;
  }
};

/// A release of a parameter's object by the function.
struct ReleaseEffect {
  AccessPath Object;
  Family Fam;
  std::string Deallocator;
  SourceLocation Site;
  bool operator==(const ReleaseEffect &O) const {
    return Object == O.Object && Fam == O.Fam && Site == O.Site;
  }
};

/// A store the caller can see: into field \c Field of the object at \c Object,
/// or, when \c Field is null, into the object itself (a pointer reached by a
/// pointer-to-pointer or a reference-to-pointer parameter).
struct StoreEffect {
  AccessPath Object;
  const FieldDecl *Field = nullptr;
  ValueDesc Value;
  /// What the location held before may still have been a live pointer: it
  /// was not known to be null and the function did not release it.
  bool OverwritesLive = false;
  /// Where the store happened, inside the function.
  SourceLocation Site;
  bool operator==(const StoreEffect &O) const {
    return Object == O.Object && Field == O.Field && Value == O.Value;
  }
};

/// The outcome of one group of paths through a function.
struct SummaryCase {
  /// Conditions on parameters under which these paths run: the value of an
  /// integer or boolean parameter, or the address of a pointer parameter (0 is
  /// null). Parameters not listed are unconstrained.
  llvm::SmallVector<std::pair<int, RangeSet>, 2> Conditions;
  llvm::SmallVector<ReleaseEffect, 2> Releases;
  /// Objects dereferenced before any release on these paths.
  llvm::SmallVector<AccessPath, 2> Derefs;
  /// Objects whose pointer escapes or is stored where the caller cannot see.
  llvm::SmallVector<AccessPath, 2> Escapes;
  llvm::SmallVector<StoreEffect, 2> Stores;
  ValueDesc Return;
  /// Fresh allocations put into a container at a parameter's location (the
  /// Field names the container member; null: the object is the container).
  llvm::SmallVector<StoreEffect, 1> ElementStores;
  /// Containers (same addressing) whose elements the function all released.
  llvm::SmallVector<std::pair<AccessPath, const FieldDecl *>, 1>
      ElementReleases;
  /// Containers (same addressing) whose elements the function let go where
  /// the caller cannot follow them: returned, copied or moved into another
  /// container, swapped away. The caller stops following those elements.
  llvm::SmallVector<std::pair<AccessPath, const FieldDecl *>, 1>
      ElementEscapes;
  /// These paths leave the function by an exception.
  bool Throws = false;

  bool sameEffects(const SummaryCase &O) const {
    return Releases == O.Releases && Derefs == O.Derefs &&
           Escapes == O.Escapes && Stores == O.Stores && Return == O.Return &&
           Throws == O.Throws && ElementStores == O.ElementStores &&
           ElementReleases == O.ElementReleases &&
           ElementEscapes == O.ElementEscapes;
  }
};

struct FunctionSummary {
  /// False when the function could not be summarised (no body, over budget,
  /// recursion, too many cases): callers treat it as unknown code.
  bool Known = false;
  /// Whether it may write memory other than what its parameters reach
  /// (globals, or through unknown calls): callers forget what they know of
  /// globals.
  bool TouchesGlobals = false;
  /// The cases. A known summary without cases never returns.
  llvm::SmallVector<SummaryCase, 2> Cases;
  /// Where the function is defined: notes about what its body does (or does
  /// not do) point there, also when it is in another file.
  SourceLocation Definition;
};

/// Prints \p Summary for debugging.
void dumpSummary(const FunctionSummary &Summary, llvm::raw_ostream &OS);

/// The most cases a summary keeps; beyond that it becomes unknown.
constexpr unsigned MaxSummaryCases = 8;

} // namespace clang::tidy::memreview::engine

#endif
