//===--- FindingsCache.h - a unit's findings kept in the database -*- C++ -*-===//
//
// Part of memreview. Whole-program runs keep what the analysis of each unit
// named on the command line found, so that a later run reuses it while the
// unit is up to date (docs/summary-db.md, "Findings kept").
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_FINDINGSCACHE_H
#define MEMREVIEW_DRIVER_FINDINGSCACHE_H

#include "Runner.h"
#include <optional>
#include <string>

namespace memreview {

/// Writes the findings of \p Result (with their notes and fix-its), the
/// ones NOLINT suppressed, the parse error and the definitions index to
/// \p Path, marked with \p Stamp (what the analysis depended on).
bool writeFindings(llvm::StringRef Path, llvm::StringRef Stamp,
                   const UnitResult &Result, std::string &Error);

/// The result kept at \p Path, under the name \p File, when it is there, is
/// well formed and is marked with \p Stamp.
std::optional<UnitResult> readFindings(llvm::StringRef Path,
                                       llvm::StringRef Stamp,
                                       llvm::StringRef File);

} // namespace memreview

#endif
