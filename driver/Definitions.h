//===--- Definitions.h - where functions and classes are defined -*- C++ -*-===//
//
// Part of memreview. While a translation unit is analysed, a small AST
// consumer beside clang-tidy's records the extent and the qualified name of
// every function and class defined in its files outside system headers. The
// fingerprint of a finding names the innermost of them that encloses it
// (docs/fingerprints.md).
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_DEFINITIONS_H
#define MEMREVIEW_DRIVER_DEFINITIONS_H

#include "clang/AST/ASTConsumer.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace memreview {

/// A function or class definition: the byte offsets of its first character
/// and of its last token (its closing brace), both inside the definition.
struct Definition {
  unsigned Begin = 0;
  unsigned End = 0;
  /// Qualified name ("store::Order::cancel"); for a template, that of the
  /// template itself, without arguments.
  std::string Name;

  bool operator<(const Definition &Other) const {
    return std::tie(Begin, End, Name) <
           std::tie(Other.Begin, Other.End, Other.Name);
  }
  bool operator==(const Definition &Other) const {
    return Begin == Other.Begin && End == Other.End && Name == Other.Name;
  }
};

/// The definitions of each file, by absolute path (made absolute as the
/// paths of findings are), each list sorted and without repeats.
using DefinitionIndex = std::map<std::string, std::vector<Definition>>;

/// An AST consumer that fills \p Out, when the translation unit is complete,
/// with the definitions of the unit's files that are not system headers:
/// functions (methods, constructors, operators, friends defined in their
/// class, function templates) and classes. It visits declarations only,
/// never a function body, so a lambda or a local class belongs to its
/// enclosing function. Relative file names are made absolute against
/// \p BuildDirectory.
std::unique_ptr<clang::ASTConsumer>
makeDefinitionRecorder(DefinitionIndex &Out, std::string BuildDirectory);

/// Leaves in \p Index only the files in \p Keep.
void keepFiles(DefinitionIndex &Index, const llvm::StringSet<> &Keep);

/// Adds the definitions of \p From to \p Into (the same header is seen by
/// several units).
void mergeDefinitions(DefinitionIndex &Into, DefinitionIndex &&From);

/// The name of the innermost definition of \p Path that holds byte
/// \p Offset: the one that starts last, of those that start last the one that
/// ends first, and of those the first name in byte order. Empty when there is
/// none (or nothing was recorded for the file).
llvm::StringRef enclosingDefinition(const DefinitionIndex &Index,
                                    llvm::StringRef Path, unsigned Offset);

} // namespace memreview

#endif
