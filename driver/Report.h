//===--- Report.h - merge results and print them ---------------*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_REPORT_H
#define MEMREVIEW_DRIVER_REPORT_H

#include "Runner.h"
#include "llvm/Support/raw_ostream.h"

namespace memreview {

/// The merged outcome of a run.
struct Report {
  /// Findings of every unit, each once (a finding in a header included by
  /// several units is reported once), in file and offset order.
  std::vector<clang::tidy::ClangTidyError> Findings;
  /// Units that failed to parse, with their first error.
  std::vector<std::pair<std::string, std::string>> Failed;
  /// Findings that NOLINT comments suppressed, each once, in the same order
  /// (reported only in SARIF, with --include-suppressed).
  std::vector<clang::tidy::ClangTidyError> Suppressed;
  /// Where the functions and classes of the files with findings are defined
  /// (docs/fingerprints.md).
  DefinitionIndex Definitions;
  size_t FilesAnalysed = 0;
  unsigned SuppressedByNolint = 0;
  /// Ownership-engine totals (for --stats).
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsOverBudget = 0;
  unsigned FunctionsWithoutCFG = 0;
  double EngineSeconds = 0;
  /// Units whose analysis hit a budget somewhere ("analysis incomplete").
  std::vector<std::string> Incomplete;
};

Report collect(std::vector<UnitResult> &Results);

/// Prints parse failures, one line each, on stderr.
void printFailures(const Report &R);

/// Prints \p Findings in clang's format (on stdout); applies their fixes
/// when \p ApplyFixes.
void printText(const std::vector<clang::tidy::ClangTidyError> &Findings,
               std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Options,
               bool ApplyFixes);

/// The --stats lines: what the ownership engine analysed and where budgets
/// cut its analysis short.
void printStats(const Report &R, llvm::raw_ostream &OS);

/// "memreview: 3 findings (memreview-leak: 2, ...) in 5 files; ..." about
/// the \p Reported findings; \p Filtered (", 2 not on changed lines") follows
/// the count of files, \p Extra ("; baseline: ...") precedes the time.
void printSummary(const Report &R,
                  const std::vector<clang::tidy::ClangTidyError> &Reported,
                  llvm::StringRef Filtered, llvm::StringRef Extra,
                  double Seconds, llvm::raw_ostream &OS);

} // namespace memreview

#endif
