//===--- Main.cpp - the memreview command-line driver ---------------------===//
//
// Part of memreview. `memreview [options] <files...> [-- <compile flags>]`
// analyses translation units of a compile database with memreview's checks,
// on clang-tidy's own library.
//
// Exit status: 0 no findings, 1 findings, 2 usage or input error (including a
// translation unit that failed to parse; the others are still analysed).
//
//===----------------------------------------------------------------------===//

#include "CheckCatalog.h"
#include "CompileDb.h"
#include "Config.h"
#include "CrossTu.h"
#include "Formats.h"
#include "Report.h"
#include "Review.h"
#include "Runner.h"
#include "Sarif.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include <chrono>
#include <set>


// The checks live in this binary; referencing the module's anchor keeps the
// linker from dropping its registration (as ClangTidyForceLinker.h does).
namespace clang::tidy {
extern volatile int MemreviewModuleAnchorSource;
[[maybe_unused]] static int MemreviewModuleAnchorDestination =
    MemreviewModuleAnchorSource;
} // namespace clang::tidy

using namespace clang::tidy;
namespace cl = llvm::cl;

static cl::OptionCategory Category("memreview options");

static cl::list<std::string> InputFiles(cl::Positional, cl::desc("<files>"),
                                        cl::cat(Category));
static cl::opt<std::string> BuildPath(
    "p", cl::desc("Build directory that holds compile_commands.json (default: "
                  "the closest one above the first file)"),
    cl::value_desc("build dir"), cl::Prefix, cl::cat(Category));
static cl::opt<std::string> Checks(
    "checks",
    cl::desc("Comma-separated globs of checks to run, added to the "
             "configuration (default: memreview-*)"),
    cl::cat(Category));
static cl::opt<std::string> ConfigText(
    "config", cl::desc("Configuration in YAML/JSON, as in clang-tidy's "
                       "--config; .clang-tidy files are then ignored"),
    cl::cat(Category));
static cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read the configuration from this file instead of .clang-tidy "
             "files"),
    cl::value_desc("path"), cl::cat(Category));
static cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression of headers whose findings are shown (overrides "
             "HeaderFilterRegex)"),
    cl::cat(Category));
static cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes"),
                         cl::cat(Category));
static cl::opt<unsigned> Jobs(
    "j", cl::desc("Translation units analysed in parallel (default: the number "
                  "of cores)"),
    cl::init(0), cl::Prefix, cl::cat(Category));
static cl::list<std::string> ExtraArgs(
    "extra-arg", cl::desc("Argument appended to each compile command"),
    cl::cat(Category));
static cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before", cl::desc("Argument prepended to each compile command"),
    cl::cat(Category));
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled checks and exit"),
                                cl::cat(Category));
static cl::opt<bool> Quiet("quiet",
                           cl::desc("No progress line and no summary"),
                           cl::cat(Category));
static cl::opt<bool> SkipFilesWithoutCommand(
    "skip-files-without-command",
    cl::desc("Skip, with a one-line note, the named source files that the "
             "compile database has no command for (instead of failing)"),
    cl::cat(Category));

// Review and code-scanning integration (docs/github-code-scanning.md,
// docs/pr-annotations.md, docs/pre-commit.md).
enum class OutputFormat { Text, Sarif, Github, Rdjsonl };
static cl::opt<OutputFormat> Format(
    "format", cl::desc("What memreview prints on stdout:"),
    cl::value_desc("text|sarif|github|rdjsonl"),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "clang's format (default)"),
               clEnumValN(OutputFormat::Sarif, "sarif",
                          "a SARIF 2.1.0 log of the run"),
               clEnumValN(OutputFormat::Github, "github",
                          "GitHub Actions workflow commands (annotations)"),
               clEnumValN(OutputFormat::Rdjsonl, "rdjsonl",
                          "reviewdog's diagnostic format, one JSON per line")),
    cl::init(OutputFormat::Text), cl::cat(Category));
static cl::opt<std::string> SarifFile(
    "sarif",
    cl::desc("Also write a SARIF 2.1.0 log of the run to this file (replaced "
             "atomically)"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("Directory that paths in SARIF (%SRCROOT%), GitHub and reviewdog "
             "output and in --diff are relative to (default: the top level of "
             "the git work tree of the current directory, else the current "
             "directory)"),
    cl::value_desc("dir"), cl::cat(Category));
static cl::opt<bool> IncludeSuppressed(
    "include-suppressed",
    cl::desc("Put the findings that NOLINT comments suppress in the SARIF "
             "log, marked as suppressed in source"),
    cl::cat(Category));
static cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("SARIF log of an earlier run: mark each result new, unchanged, "
             "updated or absent (by fingerprint)"),
    cl::value_desc("old.sarif"), cl::cat(Category));
static cl::opt<bool> OnlyNew(
    "only-new",
    cl::desc("With --baseline: report, and fail on, new findings only"),
    cl::cat(Category));
static cl::opt<std::string> DiffFile(
    "diff",
    cl::desc("Unified diff ('git diff -U0'; '-' for stdin): report only "
             "findings on the lines it adds or changes"),
    cl::value_desc("file|-"), cl::cat(Category));
static cl::opt<bool> DiffIncludeNotes(
    "diff-include-notes",
    cl::desc("With --diff: also report findings whose notes (the path to the "
             "mistake) pass through changed lines"),
    cl::cat(Category));

static cl::opt<bool> NoCrossTu(
    "no-cross-tu",
    cl::desc("Analyse each file on its own: do not build or read the summary "
             "database that lets the analysis follow calls into other files"),
    cl::cat(Category));
static cl::opt<std::string> SummaryDb(
    "summary-db",
    cl::desc("The summary database directory (default: .memreview beside "
             "compile_commands.json)"),
    cl::value_desc("dir"), cl::cat(Category));

[[noreturn]] static void inputError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "memreview") << Message << "\n";
  std::exit(2);
}

/// Every check name that exists (memreview's and clang-tidy's built-ins).
static std::vector<std::string> allCheckNames() {
  std::vector<std::string> Names;
  for (const auto &Name : getAllChecksAndOptions(false).Names)
    Names.push_back(Name.getKey().str());
  return Names;
}

/// Whether one of \p Checks runs on the ownership engine (and so can use the
/// summary database).
static bool anyEngineCheck(const std::vector<std::string> &Checks) {
  for (const clang::tidy::memreview::CheckInfo &Info :
       clang::tidy::memreview::checkCatalog())
    if ((Info.PathSensitive || Info.UsesEngine) &&
        llvm::is_contained(Checks, Info.Name.str()))
      return true;
  return false;
}

/// Rejects a '--checks' glob that selects no check: a typo would otherwise
/// turn a check off in silence.
static void validateCheckGlobs(llvm::StringRef Globs) {
  std::vector<std::string> Names = allCheckNames();
  llvm::SmallVector<llvm::StringRef, 8> Items;
  Globs.split(Items, ',', -1, false);
  for (llvm::StringRef Item : Items) {
    llvm::StringRef Glob = Item.trim();
    Glob.consume_front("-");
    Glob = Glob.trim();
    if (Glob.empty() || Glob.find_first_not_of('*') == llvm::StringRef::npos)
      continue;
    GlobList Matcher(Glob);
    if (llvm::none_of(Names, [&](const std::string &Name) {
          return Matcher.contains(Name);
        }))
      inputError("unknown check glob '" + Item.trim() +
                 "': it matches no check; run 'memreview --list-checks'");
  }
}

/// The options and inputs of the review (--source-root, --diff, --baseline...),
/// read before the analysis so that a bad one stops the run at once.
static ::memreview::ReviewOptions readReviewInputs() {
  if (OnlyNew && !BaselineFile.getNumOccurrences())
    inputError("--only-new needs --baseline=<old.sarif>");
  if (DiffIncludeNotes && !DiffFile.getNumOccurrences())
    inputError("--diff-include-notes needs --diff=<file>");
  if (Fix && Format != OutputFormat::Text)
    inputError("--fix works with --format=text only");
  ::memreview::ReviewOptions ReviewSetup;
  ReviewSetup.IncludeSuppressed = IncludeSuppressed;
  ReviewSetup.OnlyNew = OnlyNew;
  ReviewSetup.DiffIncludeNotes = DiffIncludeNotes;
  if (SourceRoot.getNumOccurrences()) {
    if (!llvm::sys::fs::is_directory(SourceRoot))
      inputError("--source-root '" + SourceRoot + "' is not a directory");
    ReviewSetup.SourceRoot = ::memreview::absolutePath(SourceRoot);
  } else {
    ReviewSetup.SourceRoot = ::memreview::defaultSourceRoot();
  }
  while (ReviewSetup.SourceRoot.size() > 1 &&
         llvm::StringRef(ReviewSetup.SourceRoot).ends_with("/"))
    ReviewSetup.SourceRoot.pop_back();
  if (DiffFile.getNumOccurrences()) {
    auto Buffer = DiffFile == "-" ? llvm::MemoryBuffer::getSTDIN()
                                  : llvm::MemoryBuffer::getFile(DiffFile);
    if (!Buffer)
      inputError("cannot read diff '" + DiffFile +
                 "': " + Buffer.getError().message());
    llvm::Expected<::memreview::ChangedLines> Changed =
        ::memreview::parseUnifiedDiff((*Buffer)->getBuffer());
    if (!Changed)
      inputError("malformed diff '" + DiffFile +
                 "': " + llvm::toString(Changed.takeError()));
    ReviewSetup.Diff = std::move(*Changed);
  }
  if (BaselineFile.getNumOccurrences()) {
    llvm::Expected<::memreview::Baseline> Base =
        ::memreview::loadBaseline(BaselineFile);
    if (!Base)
      inputError(llvm::toString(Base.takeError()));
    ReviewSetup.Base = std::move(*Base);
  }
  return ReviewSetup;
}

/// The SARIF log of the run, as text.
static std::string
sarifText(const ::memreview::CompileSetup &Setup, const ::memreview::Report &R,
          ::memreview::Review &Reviewed, llvm::StringRef SourceRoot,
          llvm::StringRef WorkingDirectory,
          std::unique_ptr<ClangTidyOptionsProvider> Provider) {
  ::memreview::SarifRunInfo Info;
  Info.SourceRoot = SourceRoot.str();
  Info.AnalysedFiles = Setup.Files;
  Info.WorkingDirectory = WorkingDirectory.str();
  // The rules: every check enabled for some analysed file.
  std::set<std::string> Enabled;
  for (const std::string &File : Setup.Files)
    for (std::string &Name : getCheckNames(Provider->getOptions(File), false))
      Enabled.insert(std::move(Name));
  Info.EnabledChecks.assign(Enabled.begin(), Enabled.end());
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:2}", ::memreview::sarifLog(R, Reviewed, Info)) << "\n";
  return Text;
}

int main(int argc, const char **argv) {
  llvm::InitLLVM Init(argc, argv);
  llvm::CrashRecoveryContext::Enable();
  auto Start = std::chrono::steady_clock::now();

  // Flags after '--' are relative to where memreview runs (as for
  // clang-tidy), whatever directory each file is analysed from.
  llvm::SmallString<256> WorkingDirectory;
  if (llvm::sys::fs::current_path(WorkingDirectory))
    WorkingDirectory = ".";
  std::string FixedError;
  std::unique_ptr<clang::tooling::CompilationDatabase> Fixed =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(
          argc, argv, FixedError, WorkingDirectory);
  if (!FixedError.empty())
    inputError(FixedError);

  // '--stats' is LLVM's own option (libLLVM registers it); memreview gives it
  // its meaning here rather than register a second one.
  cl::Option *Stats = cl::getRegisteredOptions().lookup("stats");
  if (Stats) {
    Stats->setDescription("Print what the ownership engine analysed: "
                          "functions, those that hit a budget, time in the "
                          "engine");
    Stats->addCategory(Category);
    Stats->setHiddenFlag(cl::NotHidden);
  }
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "memreview " << MEMREVIEW_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  std::string ParseErrors;
  llvm::raw_string_ostream ParseErrorStream(ParseErrors);
  bool ParsedOk = cl::ParseCommandLineOptions(
          argc, argv,
          "memreview: finds memory-ownership mistakes in C++ code.\n\n"
          "  memreview [options] <files...> [-- <compile flags>]\n"
          "  memreview -p <build dir>          (every file of the database)\n\n"
          "Exit status: 0 no findings, 1 findings, 2 usage or input error.\n",
          &ParseErrorStream);
  // LLVM's '--stats' would also print LLVM's own statistics at exit: keep
  // the occurrence for memreview, turn LLVM's printing off.
  bool WantStats = Stats && Stats->getNumOccurrences();
  if (WantStats)
    Stats->addOccurrence(0, "stats", "false");
  if (!ParsedOk) {
    // Errors in option values ('-j abc') are printed by the parser itself,
    // on one line; the others are collected in ParseErrors.
    llvm::StringRef First = llvm::StringRef(ParseErrors).trim().split('\n').first;
    if (First.empty())
      std::exit(2);
    First.consume_front("memreview: ");
    inputError(First);
  }

  // Options, exactly as clang-tidy composes them: defaults, then .clang-tidy
  // files (or --config / --config-file), then the command line.
  ::memreview::ConfigSetup Config;
  Config.Defaults = ClangTidyOptions::getDefaults();
  Config.Defaults.Checks = "-*,memreview-*";
  if (Checks.getNumOccurrences()) {
    validateCheckGlobs(Checks);
    Config.Overrides.Checks = Checks;
  }
  if (HeaderFilter.getNumOccurrences())
    Config.Overrides.HeaderFilterRegex = HeaderFilter;
  if (!ExtraArgs.empty())
    Config.Overrides.ExtraArgs.emplace(ExtraArgs.begin(), ExtraArgs.end());
  if (!ExtraArgsBefore.empty())
    Config.Overrides.ExtraArgsBefore.emplace(ExtraArgsBefore.begin(),
                                             ExtraArgsBefore.end());

  if (ConfigText.getNumOccurrences() && ConfigFile.getNumOccurrences())
    inputError("--config and --config-file are mutually exclusive");
  if (ConfigText.getNumOccurrences() || ConfigFile.getNumOccurrences()) {
    std::string Text = ConfigText;
    std::string Source = "--config";
    std::string What = "invalid --config";
    if (ConfigFile.getNumOccurrences()) {
      auto Buffer = llvm::MemoryBuffer::getFile(ConfigFile);
      if (!Buffer)
        inputError("cannot read config file '" + ConfigFile +
                   "': " + Buffer.getError().message());
      Text = (*Buffer)->getBuffer().str();
      Source = ConfigFile;
      What = "invalid config file '" + ConfigFile + "'";
    }
    llvm::Expected<ClangTidyOptions> Parsed =
        ::memreview::parseConfigText(Text, Source);
    if (!Parsed)
      inputError(What + ": " + llvm::toString(Parsed.takeError()));
    Config.Config = std::move(*Parsed);
  }
  // Providers of the main thread resolve relative names against the current
  // directory; each task makes its own (see Runner.cpp).
  auto MakeOptionsProvider =
      [&Config](llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
                    llvm::vfs::createPhysicalFileSystem()) {
        return ::memreview::makeOptionsProvider(Config, std::move(FS));
      };
  // A malformed .clang-tidy is an input error, reported once per file.
  auto ExitOnConfigFileErrors = [&Config] {
    std::vector<std::string> Messages = Config.Errors->messages();
    if (Messages.empty())
      return;
    for (const std::string &Message : Messages)
      llvm::WithColor::error(llvm::errs(), "memreview")
          << Message << "\n";
    std::exit(2);
  };

  ::memreview::ReviewOptions ReviewSetup = readReviewInputs();

  if (ListChecks) {
    std::string Probe = InputFiles.empty() ? "dummy.cpp" : InputFiles.front();
    std::vector<std::string> Enabled = getCheckNames(
        MakeOptionsProvider()->getOptions(Probe), false);
    ExitOnConfigFileErrors();
    llvm::outs() << "Enabled checks:";
    for (const std::string &Name : Enabled)
      llvm::outs() << "\n    " << Name;
    llvm::outs() << "\n\n";
    return 0;
  }

  llvm::Expected<::memreview::CompileSetup> Setup = ::memreview::loadCompileSetup(
      std::move(Fixed), BuildPath,
      std::vector<std::string>(InputFiles.begin(), InputFiles.end()),
      SkipFilesWithoutCommand);
  if (!Setup)
    inputError(llvm::toString(Setup.takeError()));
  for (const std::string &File : Setup->Skipped)
    llvm::WithColor::note(llvm::errs(), "memreview")
        << "skipping '" << File << "': it has no compile command in '"
        << Setup->Origin << "'\n";

  // Read the configuration of every file before the analysis, so that a
  // malformed .clang-tidy stops the run before it prints anything.
  {
    std::unique_ptr<ClangTidyOptionsProvider> Provider = MakeOptionsProvider();
    for (const std::string &File : Setup->Files)
      Provider->getOptions(File);
  }
  ExitOnConfigFileErrors();
  if (!Setup->Files.empty() &&
      getCheckNames(MakeOptionsProvider()->getOptions(Setup->Files.front()),
                    false)
          .empty())
    inputError("no check is enabled for '" + Setup->Files.front() +
               "'; check --checks and the Checks of .clang-tidy files");

  ::memreview::RunOptions Run;
  Run.MakeOptionsProvider = MakeOptionsProvider;
  Run.Jobs = Jobs;
  Run.Progress = !Quiet && llvm::sys::Process::StandardErrIsDisplayed();
  Run.ResourceDir = MEMREVIEW_RESOURCE_DIR;
  // Whole-program analysis: on by default over a compile database, when an
  // engine check is enabled.
  ::memreview::CrossTuStats CrossStats;
  std::string DbDir;
  if (!NoCrossTu) {
    if (SummaryDb.getNumOccurrences())
      DbDir = ::memreview::absolutePath(SummaryDb);
    else if (!Setup->BuildDirectory.empty())
      DbDir = (Setup->BuildDirectory + "/.memreview");
    // Configurations may differ by folder: any file whose checks use the
    // engine wants the database.
    auto Provider = MakeOptionsProvider();
    if (llvm::none_of(Setup->Files, [&](const std::string &File) {
          return anyEngineCheck(
              getCheckNames(Provider->getOptions(File), false));
        }))
      DbDir.clear();
  }
  std::vector<::memreview::UnitResult> Results;
  if (DbDir.empty()) {
    clang::tidy::memreview::engine::overrideSummaryDatabase(std::string());
    Results = ::memreview::analyseAll(*Setup, Run);
  } else {
    ::memreview::CrossTuSettings Settings;
    Settings.Directory = DbDir;
    Settings.Explicit = SummaryDb.getNumOccurrences() > 0;
    Settings.ReuseFindings = !Fix;
    llvm::Expected<std::vector<::memreview::UnitResult>> Analysed =
        ::memreview::analyseProgram(*Setup, Run, Settings, CrossStats);
    if (!Analysed)
      inputError(llvm::toString(Analysed.takeError()));
    Results = std::move(*Analysed);
    for (const std::string &Warning : CrossStats.Warnings)
      llvm::WithColor::warning(llvm::errs(), "memreview") << Warning << "\n";
  }

  ::memreview::Report Report = ::memreview::collect(Results);
  ::memreview::Review Reviewed;
  ::memreview::review(Report, ReviewSetup, Reviewed);
  std::vector<ClangTidyError> Reported = Reviewed.unsuppressed();

  bool WantSarif = Format == OutputFormat::Sarif || !SarifFile.empty();
  std::string SarifText;
  if (WantSarif)
    SarifText = sarifText(*Setup, Report, Reviewed, ReviewSetup.SourceRoot,
                          WorkingDirectory, MakeOptionsProvider());
  if (!SarifFile.empty())
    if (llvm::Error Error =
            ::memreview::writeFileAtomically(SarifFile, SarifText))
      inputError("cannot write SARIF log '" + SarifFile +
                 "': " + llvm::toString(std::move(Error)));

  ::memreview::printFailures(Report);
  switch (Format) {
  case OutputFormat::Text:
    ::memreview::printText(Reported, MakeOptionsProvider(), Fix);
    break;
  case OutputFormat::Sarif:
    llvm::outs() << SarifText;
    break;
  case OutputFormat::Github:
    ::memreview::printGithub(Report, Reviewed, llvm::outs());
    break;
  case OutputFormat::Rdjsonl:
    ::memreview::printRdjsonl(Reviewed, llvm::outs());
    break;
  }
  llvm::outs().flush();

  double Seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - Start)
                       .count();
  if (!Quiet) {
    std::string Filtered, Extra;
    if (ReviewSetup.Diff)
      Filtered = llvm::formatv(", {0} not on changed lines",
                               Reviewed.NotOnChangedLines);
    if (ReviewSetup.Base)
      Extra = llvm::formatv("; baseline: {0} new, {1} unchanged, {2} updated, "
                            "{3} absent",
                            Reviewed.New, Reviewed.Unchanged, Reviewed.Updated,
                            Reviewed.AbsentCount);
    ::memreview::printSummary(Report, Reported, Filtered, Extra, Seconds,
                            llvm::errs());
  }
  if (WantStats) {
    ::memreview::printStats(Report, llvm::errs());
    if (!DbDir.empty() && !CrossStats.Used)
      llvm::errs() << "memreview: summary database '" << DbDir
                   << "' not used; each file was analysed on its own\n";
    else if (!DbDir.empty())
      llvm::errs() << llvm::formatv(
          "memreview: summary database '{0}': {1} units, {2} up to date; {3} "
          "analyses for findings, {4} for summaries only, {5} repeated; {6} "
          "rounds{7}{8}\n",
          DbDir, CrossStats.Units, CrossStats.UpToDate, CrossStats.FindingRuns,
          CrossStats.SummaryRuns, CrossStats.Reruns, CrossStats.Rounds,
          CrossStats.Unsettled
              ? llvm::formatv("; {0} units did not settle and were analysed "
                              "without it",
                              CrossStats.Unsettled)
                    .str()
              : std::string(),
          CrossStats.Failed
              ? llvm::formatv("; {0} units failed to compile, {1} of them "
                              "unchanged since and not analysed",
                              CrossStats.Failed, CrossStats.FailedUnchanged)
                    .str()
              : std::string());
  }
  // Configuration files met only during the analysis (beside headers).
  ExitOnConfigFileErrors();
  if (!Report.Failed.empty())
    return 2;
  return Reported.empty() ? 0 : 1;
}
