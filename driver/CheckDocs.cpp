//===--- CheckDocs.cpp - the docs pages of the checks ---------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "CheckDocs.h"
#include "llvm/ADT/SmallVector.h"

namespace memreview {

namespace {
struct DocPage {
  const char *Check;
  const char *Markdown;
};
const DocPage Pages[] = {
#include "CheckDocs.inc"
};
} // namespace

std::optional<llvm::StringRef> checkDocPage(llvm::StringRef Check) {
  for (const DocPage &Page : Pages)
    if (Check == Page.Check)
      return llvm::StringRef(Page.Markdown);
  return std::nullopt;
}

std::string docSection(llvm::StringRef Page, llvm::StringRef Heading) {
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Page.split(Lines, '\n');
  std::string Paragraph;
  bool InSection = false;
  for (llvm::StringRef Line : Lines) {
    Line = Line.rtrim("\r");
    if (Line.starts_with("## ")) {
      if (InSection)
        break;
      InSection = Line.drop_front(3).trim() == Heading;
      continue;
    }
    if (!InSection)
      continue;
    if (Line.trim().empty()) {
      if (!Paragraph.empty())
        break;
      continue;
    }
    if (!Paragraph.empty())
      Paragraph += ' ';
    Paragraph += Line.trim().str();
  }
  return Paragraph;
}

} // namespace memreview
