//===--- Baseline.h - results of an earlier SARIF log -----------*- C++ -*-===//
//
// Part of memreview. `--baseline=<old.sarif>` compares the findings of this
// run with the results of an earlier memreview SARIF log, by fingerprint
// (docs/fingerprints.md).
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_BASELINE_H
#define MEMREVIEW_DRIVER_BASELINE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <string>
#include <vector>

namespace memreview {

/// One result of the baseline log.
struct BaselineResult {
  /// Its memreview fingerprint (partialFingerprints["memreview/v2"]).
  std::string Fingerprint;
  /// What decides "unchanged" or "updated": the message and the messages of
  /// the related locations, in order.
  std::string Message;
  std::vector<std::string> Notes;
  /// The result as the log has it (emitted again, as "absent", when this run
  /// does not find it).
  llvm::json::Object Json;
  bool Matched = false;
};

struct Baseline {
  std::vector<BaselineResult> Results;
  /// Index of each fingerprint in Results.
  llvm::StringMap<size_t> ByFingerprint;
};

/// Reads the memreview results of a SARIF 2.1.0 log. The error is one line,
/// for example "malformed baseline 'old.sarif': line 3, column 1: expected
/// ','" or "baseline 'x.json' is not a SARIF log: it has no 'runs' array";
/// a log whose fingerprints follow another scheme (an older memreview's) is
/// an error too.
llvm::Expected<Baseline> loadBaseline(llvm::StringRef Path);

} // namespace memreview

#endif
