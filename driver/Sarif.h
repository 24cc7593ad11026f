//===--- Sarif.h - the SARIF 2.1.0 log of a run -----------------*- C++ -*-===//
//
// Part of memreview. One log per run, for all translation units: the rules of
// the enabled checks (with their docs pages as help), one result per reported
// finding (notes as related locations, and as a code flow for path-sensitive
// checks; fix-its as fixes; a fingerprint; the baseline state), and one
// invocation that says which units failed or were analysed in part. It
// validates with the SARIF multitool, GitHub's ingestion rules included
// (scripts/validate_sarif.py).
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_SARIF_H
#define MEMREVIEW_DRIVER_SARIF_H

#include "Review.h"
#include "llvm/Support/JSON.h"

namespace memreview {

struct SarifRunInfo {
  /// Absolute, the base of every '%SRCROOT%' URI.
  std::string SourceRoot;
  /// The checks enabled for the analysed files, sorted.
  std::vector<std::string> EnabledChecks;
  /// The translation units of the run (absolute paths).
  std::vector<std::string> AnalysedFiles;
  std::string WorkingDirectory;
};

/// The SARIF log of a run.
llvm::json::Value sarifLog(const Report &R, Review &Reviewed,
                           const SarifRunInfo &Info);

/// Writes \p Text to \p Path ("-": standard output) through a temporary file
/// in the same directory that is renamed over \p Path, so that the file is
/// either the old one or the whole new one, even if memreview is interrupted.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

} // namespace memreview

#endif
