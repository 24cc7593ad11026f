//===--- Engine.h - memreview's path-sensitive ownership engine -*- C++ -*-===//
//
// Part of memreview.
//
// Terminology
// -----------
// An *object* is a piece of memory the engine reasons about: memory that this
// function allocated (with 'new', 'malloc', a factory...), or memory that some
// pointer of unknown origin points to (the pointee of a parameter, of a field
// of such a pointee, of the result of an unknown call).
//
// The *owner* of an allocation is whatever is responsible for releasing it.
// While the allocating function holds the only pointers to it, in its local
// variables, in local structs and arrays, or in the fields of other objects it
// owns, the function is the owner, and the engine follows the allocation. A
// *borrower* uses the memory without owning it: a helper that only reads
// through the pointer (its summary says so) leaves ownership where it was.
//
// An allocation *escapes* when a pointer to it reaches something the engine
// cannot see through: an unknown function that takes it by non-const pointer or
// reference, an integer cast, a union. It is *transferred* when its ownership
// visibly moves to someone else: returned to the caller, stored into a global,
// a static, a member of a non-local object, a smart pointer or a container.
// Escaped and transferred allocations are no longer followed: the engine stays
// silent about them rather than guess.
//
// An allocation is *released* by the deallocator of its family ('delete' for
// 'new', 'delete[]' for 'new[]', 'free' for the malloc family), directly or by
// a function whose summary releases that parameter. It is *lost* (leaked) when
// no path-reachable pointer to it remains while it is still owned and not
// released: its last owner goes out of scope, is overwritten, is discarded, or
// the function returns or throws.
//
// A *summary* describes what a function does to the objects its parameters
// point to (releases, dereferences, stores, lets escape), what it stores where
// its parameters point, and what it returns, as a few cases each guarded by
// conditions on the parameters. Summaries are computed bottom-up over the call
// graph of the translation unit; calls inside one recursive cycle see each
// other as unknown.
//
// Path sensitivity: the engine explores the paths of the CFG one by one (with
// identical states merged), deciding branches from constants, from what the
// path already assumed about a variable, and from the null-ness of tracked
// pointers. A finding always holds on one explored path, and its notes are the
// decisive steps of that path.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_ENGINE_H
#define MEMREVIEW_CHECKS_ENGINE_ENGINE_H

#include "engine/Models.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace clang::tidy::memreview::engine {

/// What kind of mistake a finding is.
enum class FindingKind : unsigned char {
  /// An owned allocation becomes unreachable without being released.
  Leak,
  /// Memory is released a second time.
  DoubleDelete,
  /// Released memory is dereferenced, accessed or indexed.
  UseAfterDelete,
  /// Memory is released with the deallocator of another family.
  MismatchedDeallocation,
  /// A deallocator receives memory that no allocator returned.
  DeleteNonHeap,
  /// A raw pointer member owns memory its class mishandles.
  OwningMember,
  /// A container holding owning raw pointers drops them unreleased.
  ContainerOwningPointers,
};

/// How a leaked allocation was lost (the %select index of memreview-leak).
enum class LossKind : unsigned char {
  /// The last variable holding it goes out of scope.
  ScopeEnd,
  /// The last variable holding it is overwritten.
  Overwritten,
  /// The function returns without releasing or handing it over.
  Return,
  /// The value of an expression holding it is thrown away.
  Discarded,
  /// An exception leaves the function before it is released.
  Exception,
  /// The local object holding it in a member is destroyed.
  ObjectDestroyed,
  /// An exception thrown by a called function leaves the function before it
  /// is released.
  ExceptionFromCall,
  /// A container holding it drops its elements.
  ContainerDropped,
};

/// How a container dropped its elements (the %select index of
/// memreview-container-owning-pointers).
enum class ContainerDropKind : unsigned char {
  ScopeEnd,
  Destroyed,
  Cleared,
  Erased,
  Assigned,
  Resized,
  /// A class's member container receives memory that no member function
  /// releases.
  ClassMember,
};

/// How released memory is used (the %select index of memreview-use-after-delete).
enum class UseKind : unsigned char {
  Dereference,
  MemberAccess,
  Index,
  PassedToDereferencingCall,
};

/// What a non-heap release receives (the %select index of
/// memreview-delete-non-heap).
enum class NonHeapKind : unsigned char {
  LocalVariable,
  StaticVariable,
  StringLiteral,
  InteriorPointer,
  LocalArray,
  Member,
};

/// What is wrong with an owning member (the %select index of
/// memreview-owning-member).
enum class OwningMemberKind : unsigned char {
  /// No destructor or member function releases it.
  NeverReleased,
  /// The destructor releases it with the deallocator of another family.
  WrongRelease,
  /// A member function assigns it a new allocation without releasing the
  /// old one.
  Overwritten,
  /// The destructor releases it and the compiler's copies copy the pointer.
  ShallowCopy,
};

/// One decisive step of the path to a finding; it becomes a note.
struct PathStep {
  SourceRange Range;
  std::string Message;
};

/// A finding as data: checks filter by kind and render it; the driver turns
/// the notes into SARIF code flows.
struct OwnershipFinding {
  FindingKind Kind;
  /// The function in which the mistake happens.
  const FunctionDecl *Function = nullptr;
  /// Where to point the warning.
  SourceRange Range;
  /// The %select index: a LossKind, UseKind, NonHeapKind or
  /// OwningMemberKind value.
  unsigned Variant = 0;
  /// A second %select index where a variant needs one.
  unsigned Extra = 0;
  /// Spelling of the allocator / deallocator involved ('new[]', 'free'...).
  std::string Allocator;
  std::string Deallocator;
  /// The expression or variable the message names, spelled as in the source
  /// ('p', 'node->next'), and a second name where a variant needs one (the
  /// callee of a dereferencing call, the throwing function...).
  std::string Subject;
  std::string Detail;
  /// The decisive steps, in path order (the allocation site first).
  llvm::SmallVector<PathStep, 6> Steps;
};

/// Settings of the engine that checks can change through their options.
struct EngineConfig {
  /// With exceptions enabled, a call of a function that is not 'noexcept'
  /// and whose body the engine cannot see may throw: memory allocated before
  /// it and released after it leaks on that path. Off by default: in code
  /// bases with exceptions, most such calls never throw in practice.
  bool UnknownCallsMayThrow = false;
  /// The summary database to read (the checks' SummaryDatabase option).
  std::string SummaryDatabase;
  /// The build directory of the translation unit: its '.memreview' is used
  /// when no database is named.
  std::string BuildDirectory;
  /// memreview-container-owning-pointers' NonOwningContainers option:
  /// semicolon-separated regular expressions naming containers that do not
  /// own their elements (set by every engine check, read when the analysis
  /// of a unit starts).
  std::string NonOwningContainers;
};

/// The annotation that declares a container (a variable, parameter or
/// member, or a container class) not to own the pointers it holds.
constexpr const char *NonOwningAnnotation = "memreview::non_owning";

/// Whether the container \p D declares (a variable, parameter or member;
/// may be null), of type \p Type, does not own its elements: \p D or the
/// class of \p Type carries the 'memreview::non_owning' annotation, or the
/// qualified name of either matches the NonOwningContainers option.
bool isDeclaredNonOwning(const ValueDecl *D, QualType Type);

/// The configuration of the engine on this thread; checks set it when a
/// translation unit starts (before the analysis runs).
EngineConfig &engineConfig();

/// Statistics of one translation unit's analysis, for --stats.
struct EngineStats {
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsOverBudget = 0;
  unsigned FunctionsWithoutCFG = 0;
  double Seconds = 0;
};

/// Runs the engine over every function of the translation unit of \p Context
/// (once per translation unit and thread, whichever check asks first) and
/// returns all its findings, in source order.
const llvm::SmallVector<OwnershipFinding, 8> &
analyseTranslationUnit(ASTContext &Context);

/// The statistics of the last analysis on this thread.
const EngineStats &lastEngineStats();

/// Forgets the results of the previous translation unit on this thread.
/// Checks call it when a new translation unit starts.
void resetEngineForNewTranslationUnit();

} // namespace clang::tidy::memreview::engine

#endif
