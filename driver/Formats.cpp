//===--- Formats.cpp - GitHub workflow commands and reviewdog -------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Formats.h"
#include "CheckCatalog.h"
#include "llvm/Support/JSON.h"


using clang::tidy::ClangTidyError;

namespace memreview {

std::string escapeGithubData(llvm::StringRef Text) {
  std::string Result;
  for (char C : Text) {
    if (C == '%')
      Result += "%25";
    else if (C == '\r')
      Result += "%0D";
    else if (C == '\n')
      Result += "%0A";
    else
      Result += C;
  }
  return Result;
}

std::string escapeGithubProperty(llvm::StringRef Text) {
  std::string Result;
  for (char C : escapeGithubData(Text)) {
    if (C == ':')
      Result += "%3A";
    else if (C == ',')
      Result += "%2C";
    else
      Result += C;
  }
  return Result;
}

/// The severity of a finding: the catalog's, or error for errors and
/// warnings treated as errors.
static llvm::StringRef severityOf(const ClangTidyError &Error) {
  if (Error.DiagLevel == ClangTidyError::Error || Error.IsWarningAsError)
    return "error";
  for (const auto &Info : clang::tidy::memreview::checkCatalog())
    if (Info.Name == Error.DiagnosticName)
      return Info.Severity == "recommendation" ? "note" : Info.Severity;
  return "warning";
}

/// The path formats other than SARIF show: relative to the source root when
/// inside it.
static std::string displayPath(const ReviewedFinding &F) {
  if (!F.RelativePath.empty())
    return F.RelativePath;
  return F.Primary ? F.Primary->Path : F.Error->Message.FilePath;
}

/// "path:line:col: note: message" of each note that has a place.
static std::vector<std::string> noteLines(const ReviewedFinding &F,
                                          Review &Reviewed) {
  std::vector<std::string> Lines;
  for (const auto &Note : F.Error->Notes) {
    std::optional<Region> Place =
        regionOf(Note, F.Error->BuildDirectory, Reviewed.Sources);
    if (!Place) {
      Lines.push_back("note: " + Note.Message);
      continue;
    }
    std::string Path =
        relativeTo(Place->Path, Reviewed.SourceRoot).value_or(Place->Path);
    Lines.push_back(Path + ":" + std::to_string(Place->Start.Line) + ":" +
                    std::to_string(Place->Start.Column) + ": note: " +
                    Note.Message);
  }
  return Lines;
}

void printGithub(const Report &R, Review &Reviewed, llvm::raw_ostream &OS) {
  for (const auto &[File, Error] : R.Failed)
    OS << "::error file="
       << escapeGithubProperty(
              relativeTo(File, Reviewed.SourceRoot).value_or(File))
       << ",title=memreview::" << escapeGithubData("failed to parse: " + Error)
       << "\n";
  for (const ReviewedFinding &F : Reviewed.Findings) {
    if (F.Suppressed)
      continue;
    llvm::StringRef Severity = severityOf(*F.Error);
    OS << "::" << (Severity == "note" ? "notice" : Severity) << " ";
    // A finding without a place (a configuration error) has no file.
    std::string Properties;
    if (F.Primary) {
      Properties = "file=" + escapeGithubProperty(displayPath(F)) + ",";
      const Region &P = *F.Primary;
      Properties += "line=" + std::to_string(P.Start.Line) +
                    ",col=" + std::to_string(P.Start.Column) +
                    ",endLine=" + std::to_string(P.End.Line);
      // GitHub's end column is inclusive, and only meant for one line.
      if (P.End.Line == P.Start.Line)
        Properties += ",endColumn=" +
                      std::to_string(std::max(P.Start.Column,
                                              P.End.Column - 1));
      Properties += ",";
    }
    Properties += "title=" + escapeGithubProperty(F.Error->DiagnosticName);
    std::string Message = F.Error->Message.Message;
    for (const std::string &Line : noteLines(F, Reviewed))
      Message += "\n" + Line;
    OS << Properties << "::" << escapeGithubData(Message) << "\n";
  }
}

/// A reviewdog Position; columns in bytes.
static llvm::json::Object rdPosition(const Position &P) {
  return llvm::json::Object{{"line", P.Line}, {"column", P.Column}};
}

void printRdjsonl(Review &Reviewed, llvm::raw_ostream &OS) {
  for (const ReviewedFinding &F : Reviewed.Findings) {
    if (F.Suppressed)
      continue;
    const ClangTidyError &Error = *F.Error;
    // reviewdog needs a path: a finding without a place (a configuration
    // error) goes to stderr instead.
    if (!F.Primary) {
      llvm::errs() << "memreview: " << severityOf(Error) << ": "
                   << Error.Message.Message << " [" << Error.DiagnosticName
                   << "]\n";
      continue;
    }
    std::string Message = Error.Message.Message;
    for (const std::string &Line : noteLines(F, Reviewed))
      Message += "\n" + Line;
    llvm::json::Object Location{{"path", displayPath(F)}};
    if (F.Primary)
      Location["range"] =
          llvm::json::Object{{"start", rdPosition(F.Primary->Start)},
                             {"end", rdPosition(F.Primary->End)}};
    llvm::StringRef Severity = severityOf(Error);
    llvm::json::Object Code{{"value", Error.DiagnosticName}};
    if (llvm::StringRef(Error.DiagnosticName).starts_with("memreview-"))
      Code["url"] = MEMREVIEW_DOCS_URL "/checks/" + Error.DiagnosticName + ".md";
    llvm::json::Object Diagnostic{
        {"message", Message},
        {"location", std::move(Location)},
        {"severity", Severity == "error"     ? "ERROR"
                     : Severity == "warning" ? "WARNING"
                                             : "INFO"},
        {"source", llvm::json::Object{{"name", "memreview"},
                                      {"url", MEMREVIEW_REPOSITORY_URL}}},
        {"code", std::move(Code)}};
    // Fix-its in the finding's own file become suggestions.
    llvm::json::Array Suggestions;
    for (const auto &Entry : Error.Message.Fix)
      for (const clang::tooling::Replacement &Replacement : Entry.getValue()) {
        std::string Path =
            absolutePath(Replacement.getFilePath(), Error.BuildDirectory);
        if (!F.Primary || Path != F.Primary->Path)
          continue;
        std::optional<Position> Begin =
            Reviewed.Sources.position(Path, Replacement.getOffset());
        std::optional<Position> End = Reviewed.Sources.position(
            Path, Replacement.getOffset() + Replacement.getLength());
        if (!Begin || !End)
          continue;
        Suggestions.push_back(llvm::json::Object{
            {"range", llvm::json::Object{{"start", rdPosition(*Begin)},
                                         {"end", rdPosition(*End)}}},
            {"text", Replacement.getReplacementText().str()}});
      }
    if (!Suggestions.empty())
      Diagnostic["suggestions"] = std::move(Suggestions);
    OS << llvm::json::Value(std::move(Diagnostic)) << "\n";
  }
}

} // namespace memreview
