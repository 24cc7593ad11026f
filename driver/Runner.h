//===--- Runner.h - analyse translation units in parallel ------*- C++ -*-===//
//
// Part of memreview. Runs clang-tidy's own machinery (ClangTidyContext,
// ClangTidyASTConsumerFactory, ClangTidyDiagnosticConsumer) on one translation
// unit per task of an llvm::ThreadPool.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_RUNNER_H
#define MEMREVIEW_DRIVER_RUNNER_H

#include "CompileDb.h"
#include "Definitions.h"
#include "engine/SummaryDb.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <functional>
#include <optional>

namespace memreview {

struct RunOptions {
  /// Makes the options provider of one task (each task owns its own), which
  /// reads configuration files through the task's file system.
  std::function<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>)>
      MakeOptionsProvider;
  unsigned Jobs = 0;
  /// Print a '[n/N] file' line on stderr as files finish.
  bool Progress = false;
  /// Clang's resource directory (builtin headers) for every compile command.
  std::string ResourceDir;
};

/// What one translation unit produced.
struct UnitResult {
  std::string File;
  /// Findings of the enabled checks (and clang-tidy's own diagnostics).
  std::vector<clang::tidy::ClangTidyError> Findings;
  /// Set when the unit failed to parse: "file:line:col: message" of the first
  /// error. Such a unit contributes no findings.
  std::optional<std::string> ParseError;
  /// Findings that NOLINT comments suppressed: how many, and the findings
  /// themselves (warnings with their notes, the ones clang-tidy would have
  /// shown but for the NOLINT; SARIF reports them with
  /// --include-suppressed).
  unsigned SuppressedByNolint = 0;
  std::vector<clang::tidy::ClangTidyError> Suppressed;
  /// The functions and classes defined in the files of the findings above
  /// (suppressed ones included).
  DefinitionIndex Definitions;
  double Seconds = 0;
  /// What the ownership engine did in this unit (zero when no engine check
  /// ran).
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsOverBudget = 0;
  unsigned FunctionsWithoutCFG = 0;
  double EngineSeconds = 0;
  /// What the unit leaves in the summary database (when the driver records
  /// units and the engine ran).
  std::optional<clang::tidy::memreview::engine::UnitRecord> Record;
  /// The unit was not analysed: the Skip predicate of analyseFiles said so
  /// when its turn came (only File is set).
  bool Skipped = false;
};

/// How one unit is run.
enum class UnitMode {
  /// With the enabled checks, for their findings.
  Findings,
  /// Only for its summaries: the engine runs (through memreview-leak) and
  /// the findings are dropped.
  SummariesOnly,
};

/// Analyses \p Files with \p Database, \p Modes[i] for Files[i], in
/// parallel; \p Done runs on the worker thread as each unit finishes. With
/// \p WaitFor, Files[i] starts only after the files WaitFor[i] lists (by
/// index, each smaller than i) have finished. With \p Skip, Files[i] is
/// not analysed when Skip(i), asked on a worker thread when its turn comes
/// (after the files it waits for), returns true: its result is only marked
/// Skipped, and \p Done does not run for it.
std::vector<UnitResult>
analyseFiles(const clang::tooling::CompilationDatabase &Database,
             const std::vector<std::string> &Files,
             const std::vector<UnitMode> &Modes, const RunOptions &Options,
             const std::function<void(UnitResult &)> &Done = nullptr,
             const std::vector<std::vector<size_t>> *WaitFor = nullptr,
             const std::function<bool(size_t)> &Skip = nullptr);

/// The compile commands of files as the analysis runs them, for the hash
/// that tells whether a unit's summaries are still valid. Not thread-safe.
class EffectiveCommands {
public:
  explicit EffectiveCommands(const RunOptions &Options);
  ~EffectiveCommands();
  /// The directory and the arguments of each compile command of \p File,
  /// after every argument adjuster (clang-tidy's ExtraArgsBefore / ExtraArgs
  /// included), then the enabled checks and memreview's check options of
  /// the file's configuration.
  std::string describe(const clang::tooling::CompilationDatabase &Database,
                       const std::string &File);

private:
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS;
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  std::string ResourceDir;
};

/// Analyses every file of \p Setup; results come back in the order of
/// Setup.Files.
std::vector<UnitResult> analyseAll(const CompileSetup &Setup,
                                   const RunOptions &Options);

/// "line:col" of a byte offset in a file (1-based), or {0, 0} when the file
/// cannot be read.
std::pair<unsigned, unsigned> lineAndColumn(llvm::StringRef File,
                                            unsigned Offset);

} // namespace memreview

#endif
