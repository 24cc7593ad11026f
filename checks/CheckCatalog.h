//===--- CheckCatalog.h - metadata of every memreview check ----*- C++ -*-===//
//
// Part of memreview. The one place that says how mature each check is, whether
// it is on by default, and how its findings are classified. Promoting a check
// flips its entry here (and the Status line of its docs page); names never change.
// The driver turns these entries into SARIF rule metadata.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_CHECKCATALOG_H
#define MEMREVIEW_CHECKS_CHECKCATALOG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::memreview {

struct CheckInfo {
  /// The user-visible name, `memreview-<check-name>`.
  llvm::StringLiteral Name;
  /// `stable` or `experimental`.
  llvm::StringLiteral Status;
  /// SARIF `problem.severity`: `error`, `warning` or `recommendation`.
  llvm::StringLiteral Severity;
  /// SARIF `precision`: `very-high`, `high`, `medium` or `low`.
  llvm::StringLiteral Precision;
  /// The one-sentence summary, identical to the first sentence of the docs page.
  llvm::StringLiteral Summary;
  /// Found by the path-sensitive engine: its notes are the steps of one path
  /// (SARIF code flows), not just related places.
  bool PathSensitive = false;
  /// Runs on the ownership engine (all path-sensitive checks, and checks
  /// that read its summaries): it benefits from the summary database.
  bool UsesEngine = false;
};

/// Every registered check, sorted by name.
llvm::ArrayRef<CheckInfo> checkCatalog();

} // namespace clang::tidy::memreview

#endif
