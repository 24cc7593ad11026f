//===--- Review.h - the findings a run reports, and how ---------*- C++ -*-===//
//
// Part of memreview. After the analysis, the findings of the run are placed
// (lines, columns, paths relative to the source root), fingerprinted,
// compared with a baseline (--baseline), filtered to the changed lines of a
// diff (--diff) and to new results (--only-new), and written in the chosen
// formats: text, SARIF (--format=sarif, --sarif=<file>), GitHub workflow
// commands (--format=github) and reviewdog's rdjsonl (--format=rdjsonl).
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_REVIEW_H
#define MEMREVIEW_DRIVER_REVIEW_H

#include "Baseline.h"
#include "Diff.h"
#include "Report.h"
#include "Sources.h"
#include "llvm/Support/JSON.h"
#include <optional>

namespace memreview {

/// SARIF's baselineState of a result (None without --baseline).
enum class BaselineState { None, New, Unchanged, Updated };

/// A span of a file: Start is the diagnostic's caret, End (exclusive) the end
/// of its highlighted range or of the token at the caret.
struct Region {
  std::string Path;
  Position Start;
  Position End;
};

/// Where a diagnostic message (a finding or one of its notes) is; nullopt
/// when it has no location or its file cannot be read.
std::optional<Region> regionOf(const clang::tooling::DiagnosticMessage &Message,
                               llvm::StringRef BuildDirectory,
                               SourceCache &Sources);

/// One finding as the review formats report it.
struct ReviewedFinding {
  const clang::tidy::ClangTidyError *Error = nullptr;
  /// Suppressed by a NOLINT comment (reported only in SARIF, with
  /// --include-suppressed).
  bool Suppressed = false;
  std::optional<Region> Primary;
  /// The file relative to the source root ('/'-separated); empty when it is
  /// outside.
  std::string RelativePath;
  /// "<hash>:<n>" (docs/fingerprints.md).
  std::string Fingerprint;
  BaselineState State = BaselineState::None;
};

struct ReviewOptions {
  /// Absolute, without a trailing '/'.
  std::string SourceRoot;
  std::optional<ChangedLines> Diff;
  /// With Diff: also keep findings whose notes lie on changed lines.
  bool DiffIncludeNotes = false;
  std::optional<Baseline> Base;
  bool OnlyNew = false;
  bool IncludeSuppressed = false;
};

/// The findings a run reports.
struct Review {
  SourceCache Sources;
  /// ReviewOptions::SourceRoot.
  std::string SourceRoot;
  /// In file and offset order.
  std::vector<ReviewedFinding> Findings;
  /// Results of the baseline that this run no longer finds (none with
  /// --only-new).
  std::vector<llvm::json::Object> Absent;
  /// Findings left out because they are not on changed lines (--diff), or not
  /// new (--only-new).
  unsigned NotOnChangedLines = 0;
  unsigned NotNew = 0;
  /// With --baseline: the reported findings by state (before --only-new),
  /// and the results of the baseline this run does not find.
  unsigned New = 0, Unchanged = 0, Updated = 0, AbsentCount = 0;

  /// The reported findings that are not NOLINT-suppressed, for the text
  /// output and the exit status.
  std::vector<clang::tidy::ClangTidyError> unsuppressed() const;
};

/// Builds the review of \p R (which must outlive it).
void review(const Report &R, ReviewOptions &Options, Review &Out);

/// The message of a finding or note as SARIF and the other formats give it:
/// clang's message, ending with a period as SARIF asks of messages.
std::string sentence(llvm::StringRef Message);

} // namespace memreview

#endif
