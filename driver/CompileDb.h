//===--- CompileDb.h - find, load and validate compile databases -*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_COMPILEDB_H
#define MEMREVIEW_DRIVER_COMPILEDB_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace memreview {

/// The compile database of a run and the files it covers.
struct CompileSetup {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// Where the database came from, for messages ('build/compile_commands.json'
  /// or 'the command line after --').
  std::string Origin;
  /// The directory of compile_commands.json; empty for a fixed command line.
  std::string BuildDirectory;
  /// Absolute paths of the files to analyse, in the order given.
  std::vector<std::string> Files;
  /// Files given on the command line that were left out because they have
  /// no compile command (--skip-files-without-command), as given.
  std::vector<std::string> Skipped;
};

/// Loads the database and validates the input files. \p Fixed is the database
/// of a command line given after '--' (or null); \p BuildPath is '-p'.
/// Every problem is one line of text in the returned error; the caller exits
/// with status 2. With \p SkipFilesWithoutCommand, a source file that the
/// database has no command for is left out (listed in Skipped) rather than an
/// error; headers always get an inferred command.
llvm::Expected<CompileSetup>
loadCompileSetup(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
                 llvm::StringRef BuildPath,
                 const std::vector<std::string> &InputFiles,
                 bool SkipFilesWithoutCommand = false);

/// Whether \p Path names a header by its extension.
bool isHeaderFile(llvm::StringRef Path);

} // namespace memreview

#endif
