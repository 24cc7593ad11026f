//===--- CheckDocs.h - the docs pages of the checks -------------*- C++ -*-===//
//
// Part of memreview. The pages of docs/checks/, embedded at build time
// (driver/EmbedDocs.cmake), for the help of SARIF rules.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_CHECKDOCS_H
#define MEMREVIEW_DRIVER_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace memreview {

/// The Markdown of docs/checks/<Check>.md, or nullopt for a check without a
/// page (clang-tidy's own checks).
std::optional<llvm::StringRef> checkDocPage(llvm::StringRef Check);

/// The first paragraph of the page's section \p Heading ("Why it matters"),
/// on one line; empty when there is no such section.
std::string docSection(llvm::StringRef Page, llvm::StringRef Heading);

} // namespace memreview

#endif
