//===--- Models.h - what allocates and what releases ------------*- C++ -*-===//
//
// Part of memreview. The one ownership model of memreview: every check and the
// engine ask these functions which calls and expressions allocate or release
// heap memory, and with which family. No check keeps a list of its own.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_MODELS_H
#define MEMREVIEW_CHECKS_ENGINE_MODELS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::tidy::memreview::engine {

/// How memory was obtained, and therefore how it must be released.
enum class Family : unsigned char {
  /// A 'new' expression; released with 'delete'.
  New,
  /// An array 'new[]' expression; released with 'delete[]'.
  NewArray,
  /// The C allocator: malloc, calloc, realloc, strdup...; released with 'free'.
  Malloc,
  /// A direct call of 'operator new'; released with 'operator delete'.
  OperatorNew,
  /// An allocator of a user module ('ownership_returns(module)', or
  /// '__attribute__((malloc))'): never reported as mismatched.
  Custom,
};

/// The name of the usual allocator of \p F, for messages: 'new', 'malloc'...
llvm::StringRef allocatorName(Family F);
/// The name of the matching deallocator of \p F: 'delete', 'free'...
llvm::StringRef deallocatorName(Family F);
/// Whether memory of family \p Allocated may be released by \p Released.
bool familiesMatch(Family Allocated, Family Released);

/// An allocation by a call.
struct CallAllocation {
  Family Fam;
  /// The spelled name of the callee, for notes ('malloc', 'strdup'...).
  llvm::StringRef Callee;
};

/// A release of one argument of a call.
struct CallRelease {
  Family Fam;
  unsigned ArgIndex;
  llvm::StringRef Callee;
};

/// Whether \p Call returns fresh heap memory by itself (library allocators and
/// functions marked '__attribute__((malloc))' or 'ownership_returns').
/// Functions analysed by the engine are described by summaries instead.
std::optional<CallAllocation> allocationByCall(const CallExpr &Call);

/// Whether \p Call releases one of its arguments ('free', 'realloc',
/// 'operator delete', 'ownership_takes'). 'ownership_holds' is a transfer,
/// not a release.
std::optional<CallRelease> releaseByCall(const CallExpr &Call);

/// The family released by a delete expression.
inline Family releasedFamily(const CXXDeleteExpr &Delete) {
  return Delete.isArrayForm() ? Family::NewArray : Family::New;
}

/// The family allocated by a new expression, or nothing for placement new
/// (which constructs in memory that the expression does not own).
std::optional<Family> allocatedFamily(const CXXNewExpr &New);

} // namespace clang::tidy::memreview::engine

#endif
