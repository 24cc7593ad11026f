//===--- Diff.h - the changed lines of a unified diff -----------*- C++ -*-===//
//
// Part of memreview. `--diff=<file|->` reads a unified diff (`git diff -U0`,
// any context size works) and keeps only the findings on the lines it adds
// or changes.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_DIFF_H
#define MEMREVIEW_DRIVER_DIFF_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <set>
#include <string>

namespace memreview {

/// The lines that a diff adds or changes, per file of the new side, by the
/// path the diff names (relative to the directory it was made in; git's 'b/'
/// prefix removed).
class ChangedLines {
public:
  bool contains(llvm::StringRef Path, unsigned Line) const;

private:
  friend llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef);
  llvm::StringMap<std::set<unsigned>> Files;
};

/// Parses a unified diff. The error is one line: "line <n>: <what is
/// wrong>".
llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Text);

} // namespace memreview

#endif
