//===--- Sarif.cpp - the SARIF 2.1.0 log of a run -------------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Sarif.h"
#include "CheckCatalog.h"
#include "CheckDocs.h"
#include "Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"


using clang::tidy::ClangTidyError;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace memreview {

namespace {

constexpr llvm::StringLiteral SourceRootId = "%SRCROOT%";

/// "memreview-use-after-delete" -> "UseAfterDelete"; other checks keep their
/// group: "bugprone-use-after-move" -> "BugproneUseAfterMove".
std::string pascalCase(llvm::StringRef Check) {
  Check.consume_front("memreview-");
  std::string Result;
  bool Upper = true;
  for (char C : Check) {
    if (!llvm::isAlnum(C)) {
      Upper = true;
      continue;
    }
    Result += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Result;
}

/// A SARIF message. (llvm::json keeps a StringRef without copying it: every
/// string goes in as a std::string.)
Object message(std::string Text) { return Object{{"text", std::move(Text)}}; }

/// SARIF's level for a catalog severity ('problem.severity').
llvm::StringRef levelOf(llvm::StringRef Severity) {
  if (Severity == "error")
    return "error";
  if (Severity == "warning")
    return "warning";
  return "note";
}

const clang::tidy::memreview::CheckInfo *catalogEntry(llvm::StringRef Check) {
  for (const auto &Info : clang::tidy::memreview::checkCatalog())
    if (Info.Name == Check)
      return &Info;
  return nullptr;
}

/// Where clang documents a check that is not memreview's.
std::string clangDocsUri(llvm::StringRef Check) {
  if (Check.consume_front("clang-diagnostic-"))
    return ("https://clang.llvm.org/docs/DiagnosticsReference.html#w" + Check)
        .str();
  if (Check.starts_with("clang-tidy-"))
    return "https://clang.llvm.org/extra/clang-tidy/";
  auto [Group, Name] = Check.split('-');
  return ("https://clang.llvm.org/extra/clang-tidy/checks/" + Group + "/" +
          Name + ".html")
      .str();
}

Object ruleFor(llvm::StringRef Check) {
  const clang::tidy::memreview::CheckInfo *Info = catalogEntry(Check);
  if (!Info) {
    std::string Uri = clangDocsUri(Check);
    std::string What =
        Check.starts_with("clang-diagnostic-")
            ? ("Compiler warning '-W" + Check.drop_front(17) + "'.").str()
            : ("Findings of the clang-tidy check '" + Check + "'.").str();
    return Object{
        {"id", Check.str()},
        {"name", pascalCase(Check)},
        {"shortDescription", message(What)},
        {"fullDescription",
         message(What + " It is not a memreview check; clang documents it.")},
        {"help", Object{{"text", "See " + Uri + "."},
                        {"markdown", "See <" + Uri + ">."}}},
        {"helpUri", Uri},
        {"defaultConfiguration", Object{{"level", "warning"}}},
        {"properties",
         Object{{"tags", Array{Check.starts_with("clang-diagnostic-")
                                   ? "compiler"
                                   : "clang-tidy"}}}}};
  }
  llvm::StringRef Summary = Info->Summary;
  std::string Page = checkDocPage(Check).value_or(Summary).str();
  std::string Why = docSection(Page, "Why it matters");
  std::string HelpUri = (MEMREVIEW_DOCS_URL "/checks/" + Check + ".md").str();
  Array Tags{"correctness", "memory", "ownership"};
  if (Info->PathSensitive)
    Tags.push_back("path-sensitive");
  if (Info->Status != "stable")
    Tags.push_back(Info->Status);
  return Object{
      {"id", Check.str()},
      {"name", pascalCase(Check)},
      {"shortDescription", message(Summary.str())},
      {"fullDescription", message(Why.empty() ? Summary.str()
                                              : (Summary + " " + Why).str())},
      {"help", Object{{"text", Page}, {"markdown", Page}}},
      {"helpUri", HelpUri},
      {"defaultConfiguration", Object{{"level", levelOf(Info->Severity)}}},
      {"properties", Object{{"tags", std::move(Tags)},
                            {"precision", Info->Precision},
                            {"problem.severity", Info->Severity}}}};
}

/// Builds the run: rules and artifacts are numbered as they are met.
class RunBuilder {
public:
  RunBuilder(const SarifRunInfo &Info, SourceCache &Sources)
      : Info(Info), Sources(Sources) {
    for (const std::string &Check : Info.EnabledChecks)
      ruleIndex(Check);
    for (const std::string &File : Info.AnalysedFiles)
      artifactIndex(File, "analysisTarget");
  }

  size_t ruleIndex(llvm::StringRef Check) {
    auto [It, Inserted] = RuleIndexes.try_emplace(Check, Rules.size());
    if (Inserted)
      Rules.push_back(ruleFor(Check));
    return It->second;
  }

  /// The artifactLocation of \p Path: relative to %SRCROOT% when inside it.
  Object artifactLocation(llvm::StringRef Path, llvm::StringRef Role) {
    Object Location = uriOf(Path);
    Location["index"] = artifactIndex(Path, Role);
    return Location;
  }

  Object physicalLocation(const Region &Place, llvm::StringRef Role) {
    Object RegionJson{{"startLine", Place.Start.Line},
                      {"startColumn", Place.Start.Utf16Column},
                      {"endLine", Place.End.Line},
                      {"endColumn", Place.End.Utf16Column}};
    if (std::optional<llvm::StringRef> Text = Sources.text(Place.Path)) {
      std::optional<unsigned> Begin =
          Sources.offset(Place.Path, Place.Start.Line, Place.Start.Column);
      std::optional<unsigned> End =
          Sources.offset(Place.Path, Place.End.Line, Place.End.Column);
      if (Begin && End && *Begin <= *End)
        RegionJson["snippet"] = message(Text->slice(*Begin, *End).str());
    }
    // The lines around the finding (those its fingerprint hashes), and the
    // whole region.
    unsigned First = Place.Start.Line > 1 ? Place.Start.Line - 1 : 1;
    unsigned Last = std::max(Place.Start.Line + 1, Place.End.Line);
    Last = std::max(std::min(Last, Sources.lineCount(Place.Path)),
                    Place.End.Line);
    std::string Context;
    for (unsigned Line = First; Line <= Last; ++Line)
      Context += Sources.line(Place.Path, Line).str() + "\n";
    Object Physical{{"artifactLocation", artifactLocation(Place.Path, Role)},
                    {"region", std::move(RegionJson)}};
    Physical["contextRegion"] = Object{{"startLine", First},
                                       {"endLine", Last},
                                       {"snippet", message(Context)}};
    return Physical;
  }

  Object location(const Region &Place, llvm::StringRef Role) {
    return Object{{"physicalLocation", physicalLocation(Place, Role)}};
  }

  Array takeRules() { return std::move(Rules); }
  Array takeArtifacts() {
    for (size_t I = 0; I < Artifacts.size(); ++I)
      if (!ArtifactRoles[I].empty()) {
        Array Roles;
        for (const std::string &Role : ArtifactRoles[I])
          Roles.push_back(Role);
        (*Artifacts[I].getAsObject())["roles"] = std::move(Roles);
      }
    return std::move(Artifacts);
  }

private:
  Object uriOf(llvm::StringRef Path) {
    if (std::optional<std::string> Relative =
            relativeTo(Path, Info.SourceRoot))
      return Object{{"uri", relativeUri(*Relative)},
                    {"uriBaseId", SourceRootId}};
    return Object{{"uri", fileUri(Path)}};
  }

  /// The index of \p Path in artifacts; \p Role (a SARIF artifact role, or
  /// empty) is added to its roles.
  size_t artifactIndex(llvm::StringRef Path, llvm::StringRef Role) {
    auto [It, Inserted] = ArtifactIndexes.try_emplace(Path, Artifacts.size());
    if (Inserted) {
      Artifacts.push_back(Object{{"location", uriOf(Path)}});
      ArtifactRoles.emplace_back();
    }
    std::vector<std::string> &Roles = ArtifactRoles[It->second];
    if (!Role.empty() && !llvm::is_contained(Roles, Role))
      Roles.push_back(Role.str());
    return It->second;
  }

  const SarifRunInfo &Info;
  SourceCache &Sources;
  Array Rules;
  llvm::StringMap<size_t> RuleIndexes;
  Array Artifacts;
  llvm::StringMap<size_t> ArtifactIndexes;
  std::vector<std::vector<std::string>> ArtifactRoles;
};

llvm::StringRef stateName(BaselineState State) {
  switch (State) {
  case BaselineState::New:
    return "new";
  case BaselineState::Unchanged:
    return "unchanged";
  case BaselineState::Updated:
    return "updated";
  case BaselineState::None:
    break;
  }
  return "";
}

Object resultFor(const ReviewedFinding &F, RunBuilder &Run,
                 SourceCache &Sources) {
  const ClangTidyError &Error = *F.Error;
  llvm::StringRef Check = Error.DiagnosticName;
  const auto *Info = catalogEntry(Check);
  llvm::StringRef Level = Info ? levelOf(Info->Severity) : "warning";
  if (Error.DiagLevel == ClangTidyError::Error || Error.IsWarningAsError)
    Level = "error";

  Object Result{{"ruleId", Check.str()},
                {"ruleIndex", Run.ruleIndex(Check)},
                {"level", Level},
                {"message", message(sentence(Error.Message.Message))}};
  if (F.Primary)
    Result["locations"] = Array{Run.location(*F.Primary, "resultFile")};
  Result["partialFingerprints"] = Object{{FingerprintKey, F.Fingerprint}};

  // Notes: related locations, and for the engine's checks also the steps of
  // the path, which ends where the mistake happens.
  Array Related, Steps;
  for (const auto &Note : Error.Notes) {
    std::optional<Region> Place =
        regionOf(Note, Error.BuildDirectory, Sources);
    if (!Place)
      continue;
    Object Location = Run.location(*Place, "resultFile");
    Location["message"] = message(sentence(Note.Message));
    Location["id"] = static_cast<int64_t>(Related.size());
    Object Step = Run.location(*Place, "resultFile");
    Step["message"] = message(sentence(Note.Message));
    Steps.push_back(Object{{"location", std::move(Step)},
                           {"nestingLevel", 0},
                           {"executionOrder",
                            static_cast<int64_t>(Steps.size() + 1)}});
    Related.push_back(std::move(Location));
  }
  if (!Related.empty())
    Result["relatedLocations"] = std::move(Related);
  if (Info && Info->PathSensitive && F.Primary) {
    Object Last = Run.location(*F.Primary, "resultFile");
    Last["message"] = message(sentence(Error.Message.Message));
    Steps.push_back(Object{{"location", std::move(Last)},
                           {"nestingLevel", 0},
                           {"executionOrder",
                            static_cast<int64_t>(Steps.size() + 1)},
                           {"importance", "essential"}});
    Result["codeFlows"] = Array{Object{
        {"message", message("The path to the mistake.")},
        {"threadFlows", Array{Object{{"locations", std::move(Steps)}}}}}};
  }

  // Fix-its: one fix with the replacements of every file.
  Array Changes;
  for (const auto &Entry : Error.Message.Fix) {
    Array Replacements;
    std::string Path;
    for (const clang::tooling::Replacement &Replacement : Entry.getValue()) {
      Path = absolutePath(Replacement.getFilePath(), Error.BuildDirectory);
      std::optional<Position> Begin =
          Sources.position(Path, Replacement.getOffset());
      std::optional<Position> End = Sources.position(
          Path, Replacement.getOffset() + Replacement.getLength());
      if (!Begin || !End)
        continue;
      Replacements.push_back(Object{
          {"deletedRegion", Object{{"startLine", Begin->Line},
                                   {"startColumn", Begin->Utf16Column},
                                   {"endLine", End->Line},
                                   {"endColumn", End->Utf16Column}}},
          {"insertedContent",
           message(Replacement.getReplacementText().str())}});
    }
    if (Replacements.empty())
      continue;
    Changes.push_back(
        Object{{"artifactLocation", Run.artifactLocation(Path, "")},
               {"replacements", std::move(Replacements)}});
  }
  if (!Changes.empty())
    Result["fixes"] = Array{Object{
        {"description", message("Apply the fix that " + Check.str() +
                                " suggests.")},
        {"artifactChanges", std::move(Changes)}}};

  if (F.Suppressed)
    Result["suppressions"] = Array{Object{{"kind", "inSource"}}};
  if (F.State != BaselineState::None)
    Result["baselineState"] = stateName(F.State);
  return Result;
}

} // namespace

llvm::json::Value sarifLog(const Report &R, Review &Reviewed,
                           const SarifRunInfo &Info) {
  RunBuilder Run(Info, Reviewed.Sources);
  Array Results;
  // A finding without a place is about the configuration (clang-tidy's
  // 'clang-tidy-config' diagnostics): a configuration notification, since a
  // result needs a location.
  Array ConfigurationNotifications;
  for (const ReviewedFinding &F : Reviewed.Findings) {
    if (F.Primary) {
      Results.push_back(resultFor(F, Run, Reviewed.Sources));
      continue;
    }
    if (F.Suppressed)
      continue;
    ConfigurationNotifications.push_back(Object{
        {"level", F.Error->DiagLevel == ClangTidyError::Error ? "error"
                                                                : "warning"},
        {"message", message(sentence(F.Error->Message.Message))},
        {"descriptor", Object{{"id", F.Error->DiagnosticName}}}});
  }
  for (Object &Absent : Reviewed.Absent) {
    Object Result = Absent;
    Result["baselineState"] = "absent";
    if (std::optional<llvm::StringRef> Rule = Result.getString("ruleId"))
      Result["ruleIndex"] = Run.ruleIndex(*Rule);
    // Its artifacts are not this run's.
    for (llvm::StringRef Key : {"locations", "relatedLocations"})
      if (Array *Locations = Result.getArray(Key))
        for (Value &Location : *Locations)
          if (Object *L = Location.getAsObject())
            if (Object *Physical = L->getObject("physicalLocation"))
              if (Object *Artifact = Physical->getObject("artifactLocation"))
                Artifact->erase("index");
    Result.erase("codeFlows");
    Result.erase("fixes");
    Results.push_back(std::move(Result));
  }

  Array Notifications;
  for (const auto &[File, Error] : R.Failed)
    Notifications.push_back(Object{
        {"level", "error"},
        {"message", message(sentence("memreview could not analyse this file: " +
                                     Error))},
        {"locations",
         Array{Object{{"physicalLocation",
                       Object{{"artifactLocation",
                               Run.artifactLocation(File, "analysisTarget")}}}}}}});
  for (const std::string &File : R.Incomplete)
    Notifications.push_back(Object{
        {"level", "note"},
        {"message",
         message("Analysis incomplete: the ownership engine analysed some "
                 "functions of this file only in part (a budget ran out, or "
                 "no CFG could be built), so findings may be missing.")},
        {"locations",
         Array{Object{{"physicalLocation",
                       Object{{"artifactLocation",
                               Run.artifactLocation(File, "analysisTarget")}}}}}}});

  Object Invocation{{"executionSuccessful", R.Failed.empty()},
                    {"workingDirectory",
                     Object{{"uri", fileUri(Info.WorkingDirectory, true)}}}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  if (!ConfigurationNotifications.empty())
    Invocation["toolConfigurationNotifications"] =
        std::move(ConfigurationNotifications);

  Object Driver{{"name", "memreview"},
                {"fullName", "memreview " MEMREVIEW_VERSION},
                {"version", MEMREVIEW_VERSION},
                {"semanticVersion", MEMREVIEW_VERSION},
                {"informationUri", MEMREVIEW_REPOSITORY_URL},
                {"rules", Run.takeRules()}};
  Object RunJson{
      {"tool", Object{{"driver", std::move(Driver)}}},
      {"invocations", Array{std::move(Invocation)}},
      {"originalUriBaseIds",
       Object{{SourceRootId,
               Object{{"uri", fileUri(Info.SourceRoot, /*Directory=*/true)}}}}},
      {"artifacts", Run.takeArtifacts()},
      {"results", std::move(Results)},
      {"columnKind", "utf16CodeUnits"}};
  return Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", Array{std::move(RunJson)}}};
}

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text) {
  return llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    OS << Text;
    return llvm::Error::success();
  });
}

} // namespace memreview
