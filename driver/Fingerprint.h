//===--- Fingerprint.h - stable identities of findings ----------*- C++ -*-===//
//
// Part of memreview. A finding's fingerprint survives edits elsewhere in its
// file, so that baselines and code-scanning services recognise it after lines
// above it are added or removed. The scheme is documented, and must stay
// stable, in docs/fingerprints.md.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_FINGERPRINT_H
#define MEMREVIEW_DRIVER_FINGERPRINT_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace memreview {

/// The key of memreview's fingerprint in SARIF's partialFingerprints; it names
/// the scheme, and is its first part.
inline constexpr llvm::StringLiteral FingerprintKey = "memreview/v2";

/// The prefix of the keys of every scheme, past and present
/// ("memreview/v1" had no enclosing definition).
inline constexpr llvm::StringLiteral FingerprintKeyPrefix = "memreview/";

/// \p Line with each run of white space made one space, and none at either
/// end.
std::string normaliseLine(llvm::StringRef Line);

/// The hash part of a fingerprint: 32 hex digits of the SHA-256 of the rule,
/// the path, the qualified name of the enclosing function (or class; empty
/// when there is none) and the normalised lines around the finding
/// (docs/fingerprints.md). The fingerprint itself is "<hash>:<n>", n counting
/// the findings of the run with the same hash, in file order, from 1.
std::string fingerprintHash(llvm::StringRef Rule, llvm::StringRef Path,
                            llvm::StringRef Enclosing,
                            llvm::StringRef LineBefore, llvm::StringRef Line,
                            llvm::StringRef LineAfter);

} // namespace memreview

#endif
