//===--- Formats.h - GitHub workflow commands and reviewdog -----*- C++ -*-===//
//
// Part of memreview. `--format=github` prints one GitHub Actions workflow
// command per finding (an annotation on the pull request's diff);
// `--format=rdjsonl` prints reviewdog's diagnostic format, one JSON object per
// line (see docs/pr-annotations.md).
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_FORMATS_H
#define MEMREVIEW_DRIVER_FORMATS_H

#include "Review.h"
#include "llvm/Support/raw_ostream.h"

namespace memreview {

/// A workflow command's message: '%', CR and LF escaped.
std::string escapeGithubData(llvm::StringRef Text);
/// A workflow command's property value: also ':' and ','.
std::string escapeGithubProperty(llvm::StringRef Text);

/// `::warning file=...,line=...::message` per finding (notes as further
/// lines of the message), `::error` per unit that failed.
void printGithub(const Report &R, Review &Reviewed, llvm::raw_ostream &OS);

/// One reviewdog Diagnostic (rdjsonl) per finding.
void printRdjsonl(Review &Reviewed, llvm::raw_ostream &OS);

} // namespace memreview

#endif
