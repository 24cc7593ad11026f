//===--- Report.cpp - merge results and print them ------------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Report.h"
#include "clang-tidy/ClangTidy.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include <set>
#include <tuple>

using namespace clang::tidy;

namespace memreview {

Report collect(std::vector<UnitResult> &Results) {
  Report R;
  using Key = std::tuple<std::string, std::string, std::string, unsigned>;
  std::set<Key> Seen, SeenSuppressed;
  for (UnitResult &Unit : Results) {
    if (Unit.ParseError) {
      R.Failed.emplace_back(Unit.File, *Unit.ParseError);
      continue;
    }
    ++R.FilesAnalysed;
    R.SuppressedByNolint += Unit.SuppressedByNolint;
    R.FunctionsAnalysed += Unit.FunctionsAnalysed;
    R.FunctionsOverBudget += Unit.FunctionsOverBudget;
    R.FunctionsWithoutCFG += Unit.FunctionsWithoutCFG;
    R.EngineSeconds += Unit.EngineSeconds;
    if (Unit.FunctionsOverBudget || Unit.FunctionsWithoutCFG)
      R.Incomplete.push_back(Unit.File);
    mergeDefinitions(R.Definitions, std::move(Unit.Definitions));
    for (ClangTidyError &Error : Unit.Findings)
      if (Seen.emplace(Error.DiagnosticName, Error.Message.Message,
                       Error.Message.FilePath, Error.Message.FileOffset)
              .second)
        R.Findings.push_back(std::move(Error));
    for (ClangTidyError &Error : Unit.Suppressed)
      if (SeenSuppressed
              .emplace(Error.DiagnosticName, Error.Message.Message,
                       Error.Message.FilePath, Error.Message.FileOffset)
              .second)
        R.Suppressed.push_back(std::move(Error));
  }
  auto ByPlace = [](const ClangTidyError &A, const ClangTidyError &B) {
    return std::tie(A.Message.FilePath, A.Message.FileOffset) <
           std::tie(B.Message.FilePath, B.Message.FileOffset);
  };
  std::stable_sort(R.Findings.begin(), R.Findings.end(), ByPlace);
  std::stable_sort(R.Suppressed.begin(), R.Suppressed.end(), ByPlace);
  return R;
}

void printFailures(const Report &R) {
  for (const auto &[File, Error] : R.Failed)
    llvm::WithColor::error(llvm::errs(), "memreview")
        << "failed to parse '" << File << "': " << Error << "\n";
}

void printText(const std::vector<ClangTidyError> &Findings,
               std::unique_ptr<ClangTidyOptionsProvider> Options,
               bool ApplyFixes) {
  if (Findings.empty())
    return;
  ClangTidyContext Context(std::move(Options));
  Context.setCurrentFile(Findings.front().Message.FilePath);
  unsigned WarningsAsErrors = 0;
  handleErrors(Findings, Context, ApplyFixes ? FB_Fix : FB_NoFix,
               WarningsAsErrors, llvm::vfs::createPhysicalFileSystem());
}

void printStats(const Report &R, llvm::raw_ostream &OS) {
  OS << llvm::formatv("memreview: engine: {0} functions analysed, {1} over "
                      "budget, {2} without a CFG; {3:F2}s in the engine\n",
                      R.FunctionsAnalysed, R.FunctionsOverBudget,
                      R.FunctionsWithoutCFG, R.EngineSeconds);
  for (const std::string &File : R.Incomplete)
    OS << "memreview: remark: analysis incomplete in '" << File
       << "': a function exceeded its budget and was analysed in part\n";
}

void printSummary(const Report &R, const std::vector<ClangTidyError> &Reported,
                  llvm::StringRef Filtered, llvm::StringRef Extra,
                  double Seconds, llvm::raw_ostream &OS) {
  llvm::StringMap<unsigned> PerCheck;
  std::set<std::string> FilesWithFindings;
  for (const ClangTidyError &Error : Reported) {
    ++PerCheck[Error.DiagnosticName];
    FilesWithFindings.insert(Error.Message.FilePath);
  }
  OS << "memreview: ";
  if (Reported.empty()) {
    OS << "no findings";
  } else {
    OS << Reported.size() << (Reported.size() == 1 ? " finding" : " findings")
       << " (";
    std::vector<std::string> Names;
    for (const auto &Entry : PerCheck)
      Names.push_back(Entry.getKey().str());
    llvm::sort(Names);
    for (size_t I = 0; I < Names.size(); ++I)
      OS << (I ? ", " : "") << Names[I] << ": " << PerCheck[Names[I]];
    OS << ") in " << FilesWithFindings.size()
       << (FilesWithFindings.size() == 1 ? " file" : " files");
  }
  OS << "; " << R.FilesAnalysed
     << (R.FilesAnalysed == 1 ? " file analysed" : " files analysed");
  if (!R.Failed.empty())
    OS << ", " << R.Failed.size()
       << (R.Failed.size() == 1 ? " failed to parse" : " failed to parse");
  OS << Filtered;
  if (R.SuppressedByNolint)
    OS << ", " << R.SuppressedByNolint << " suppressed by NOLINT";
  OS << Extra;
  OS << llvm::formatv("; {0:F2}s\n", Seconds);
}

} // namespace memreview
