//===--- Review.cpp - the findings a run reports, and how -----------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Review.h"
#include "Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>

using namespace clang::tidy;

namespace memreview {

std::string sentence(llvm::StringRef Message) {
  std::string Result = Message.rtrim().str();
  if (Result.empty() || !llvm::StringRef(".!?").contains(Result.back()))
    Result += '.';
  return Result;
}

std::optional<Region> regionOf(const clang::tooling::DiagnosticMessage &Message,
                               llvm::StringRef BuildDirectory,
                               SourceCache &Sources) {
  if (Message.FilePath.empty())
    return std::nullopt;
  std::string Path = absolutePath(Message.FilePath, BuildDirectory);
  std::optional<Position> Start = Sources.position(Path, Message.FileOffset);
  if (!Start)
    return std::nullopt;
  // The highlighted range that holds the caret gives the end.
  std::optional<unsigned> EndOffset;
  for (const clang::tooling::FileByteRange &Range : Message.Ranges) {
    if (absolutePath(Range.FilePath, BuildDirectory) != Path)
      continue;
    unsigned Begin = Range.FileOffset, End = Range.FileOffset + Range.Length;
    if (Begin <= Message.FileOffset && Message.FileOffset < End) {
      EndOffset = End;
      break;
    }
  }
  // Else the token at the caret: an identifier, or one character.
  if (!EndOffset) {
    llvm::StringRef Text = Sources.text(Path).value_or("");
    unsigned End = Message.FileOffset;
    while (End < Text.size() && (llvm::isAlnum(Text[End]) || Text[End] == '_'))
      ++End;
    if (End == Message.FileOffset && End < Text.size() && Text[End] != '\n') {
      ++End;
      // A whole UTF-8 character.
      while (End < Text.size() && (Text[End] & 0xC0) == 0x80)
        ++End;
    }
    EndOffset = End;
  }
  std::optional<Position> End = Sources.position(Path, *EndOffset);
  if (!End)
    End = Start;
  return Region{Path, *Start, *End};
}

std::vector<ClangTidyError> Review::unsuppressed() const {
  std::vector<ClangTidyError> Result;
  for (const ReviewedFinding &F : Findings)
    if (!F.Suppressed)
      Result.push_back(*F.Error);
  return Result;
}

/// Whether \p F, or with \p IncludeNotes one of its notes, lies on a changed
/// line.
static bool onChangedLines(const ReviewedFinding &F, const ChangedLines &Diff,
                           bool IncludeNotes, llvm::StringRef Root,
                           SourceCache &Sources) {
  if (F.Primary && !F.RelativePath.empty() &&
      Diff.contains(F.RelativePath, F.Primary->Start.Line))
    return true;
  if (!IncludeNotes)
    return false;
  for (const clang::tooling::DiagnosticMessage &Note : F.Error->Notes) {
    std::optional<Region> Place =
        regionOf(Note, F.Error->BuildDirectory, Sources);
    if (!Place)
      continue;
    std::optional<std::string> Relative = relativeTo(Place->Path, Root);
    if (Relative && Diff.contains(*Relative, Place->Start.Line))
      return true;
  }
  return false;
}

void review(const Report &R, ReviewOptions &Options, Review &Out) {
  Out.SourceRoot = Options.SourceRoot;
  std::vector<ReviewedFinding> All;
  for (const ClangTidyError &Error : R.Findings) {
    All.emplace_back();
    All.back().Error = &Error;
  }
  for (const ClangTidyError &Error : R.Suppressed) {
    All.emplace_back();
    All.back().Error = &Error;
    All.back().Suppressed = true;
  }
  // File order, suppressed or not: a finding's occurrence number does not
  // depend on --include-suppressed.
  std::stable_sort(All.begin(), All.end(),
                   [](const ReviewedFinding &A, const ReviewedFinding &B) {
                     return std::tie(A.Error->Message.FilePath,
                                     A.Error->Message.FileOffset) <
                            std::tie(B.Error->Message.FilePath,
                                     B.Error->Message.FileOffset);
                   });

  llvm::StringMap<unsigned> Occurrences;
  for (ReviewedFinding &F : All) {
    F.Primary = regionOf(F.Error->Message, F.Error->BuildDirectory,
                         Out.Sources);
    std::string Path =
        F.Primary ? F.Primary->Path
                  : absolutePath(F.Error->Message.FilePath,
                                 F.Error->BuildDirectory);
    if (std::optional<std::string> Relative =
            relativeTo(Path, Options.SourceRoot))
      F.RelativePath = *Relative;
    unsigned Line = F.Primary ? F.Primary->Start.Line : 0;
    std::string Hash = fingerprintHash(
        F.Error->DiagnosticName,
        F.RelativePath.empty() ? Path : F.RelativePath,
        enclosingDefinition(R.Definitions, Path, F.Error->Message.FileOffset),
        Line > 1 ? Out.Sources.line(Path, Line - 1) : "",
        Out.Sources.line(Path, Line), Out.Sources.line(Path, Line + 1));
    F.Fingerprint = Hash + ":" + std::to_string(++Occurrences[Hash]);
  }

  if (Options.Base) {
    Baseline &Base = *Options.Base;
    for (ReviewedFinding &F : All) {
      auto It = Base.ByFingerprint.find(F.Fingerprint);
      if (It == Base.ByFingerprint.end()) {
        F.State = BaselineState::New;
        continue;
      }
      BaselineResult &Old = Base.Results[It->second];
      Old.Matched = true;
      std::vector<std::string> Notes;
      for (const auto &Note : F.Error->Notes)
        Notes.push_back(sentence(Note.Message));
      F.State = Old.Message == sentence(F.Error->Message.Message) &&
                        Old.Notes == Notes
                    ? BaselineState::Unchanged
                    : BaselineState::Updated;
    }
    for (BaselineResult &Old : Base.Results) {
      if (Old.Matched)
        continue;
      ++Out.AbsentCount;
      if (!Options.OnlyNew)
        Out.Absent.push_back(std::move(Old.Json));
    }
  }

  for (ReviewedFinding &F : All) {
    if (F.Suppressed && !Options.IncludeSuppressed)
      continue;
    if (Options.Diff &&
        !onChangedLines(F, *Options.Diff, Options.DiffIncludeNotes,
                        Options.SourceRoot, Out.Sources)) {
      if (!F.Suppressed)
        ++Out.NotOnChangedLines;
      continue;
    }
    if (!F.Suppressed) {
      Out.New += F.State == BaselineState::New;
      Out.Unchanged += F.State == BaselineState::Unchanged;
      Out.Updated += F.State == BaselineState::Updated;
    }
    if (Options.OnlyNew && F.State != BaselineState::New) {
      if (!F.Suppressed)
        ++Out.NotNew;
      continue;
    }
    Out.Findings.push_back(std::move(F));
  }
}

} // namespace memreview
