//===--- Sources.h - file text, positions and paths of findings -*- C++ -*-===//
//
// Part of memreview. What the review formats (SARIF, GitHub, reviewdog, the
// changed-lines filter, fingerprints) need to know about the files findings
// are in: lines and columns of byte offsets, the text of lines, and paths
// relative to the source root.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_SOURCES_H
#define MEMREVIEW_DRIVER_SOURCES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace memreview {

/// A place in a file. Lines and columns count from 1. Columns are counted in
/// bytes (as clang, GitHub's workflow commands and reviewdog count them) and in
/// UTF-16 code units (SARIF's default column kind).
struct Position {
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned Utf16Column = 0;
};

/// The text of the files findings are in, read once each. Not thread-safe:
/// the review runs on the main thread after the analysis.
class SourceCache {
public:
  /// The position of byte \p Offset of \p File; nullopt when the file cannot
  /// be read or is shorter.
  std::optional<Position> position(llvm::StringRef File, unsigned Offset);
  /// The byte offset of column \p Column (in bytes) of line \p Line.
  std::optional<unsigned> offset(llvm::StringRef File, unsigned Line,
                                 unsigned Column);
  /// Line \p Line of \p File without its line break; empty when the file has
  /// no such line.
  llvm::StringRef line(llvm::StringRef File, unsigned Line);
  /// The number of lines of \p File (a final line break ends the last line,
  /// it does not start another); 0 when it cannot be read.
  unsigned lineCount(llvm::StringRef File);
  /// The whole text of \p File, or nullopt when it cannot be read.
  std::optional<llvm::StringRef> text(llvm::StringRef File);

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    /// Byte offset of the start of each line.
    std::vector<unsigned> LineStarts;
  };
  const Entry *load(llvm::StringRef File);
  llvm::StringMap<std::unique_ptr<Entry>> Files;
};

/// \p Path made absolute against \p Base (the working directory when empty),
/// with '.' and '..' removed.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base = "");

/// The default source root: the top level of the git work tree that holds
/// the current directory (the closest directory with a '.git' entry), else
/// the current directory.
std::string defaultSourceRoot();

/// \p Path relative to \p Root, with '/' separators; nullopt when \p Path is
/// not inside \p Root. Both are absolute; symbolic links are resolved when the
/// paths as written do not match.
std::optional<std::string> relativeTo(llvm::StringRef Path,
                                      llvm::StringRef Root);

/// The 'file://' URI of an absolute path, percent-encoded; a directory's ends
/// with '/'.
std::string fileUri(llvm::StringRef AbsolutePath, bool Directory = false);

/// A relative path ('src/a b.cpp') as a relative URI reference
/// ('src/a%20b.cpp').
std::string relativeUri(llvm::StringRef RelativePath);

} // namespace memreview

#endif
