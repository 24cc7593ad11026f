//===--- Runner.cpp - analyse translation units in parallel ---------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Runner.h"
#include "Definitions.h"
#include "Sources.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "engine/Engine.h"
#include "engine/SummaryDb.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <mutex>

using namespace clang;
using namespace clang::tidy;
using namespace clang::tooling;
namespace engine = clang::tidy::memreview::engine;

namespace memreview {

std::pair<unsigned, unsigned> lineAndColumn(llvm::StringRef File,
                                            unsigned Offset) {
  auto Buffer = llvm::MemoryBuffer::getFile(File);
  if (!Buffer)
    return {0, 0};
  llvm::StringRef Text = (*Buffer)->getBuffer();
  if (Offset > Text.size())
    return {0, 0};
  llvm::StringRef Before = Text.take_front(Offset);
  unsigned Line = Before.count('\n') + 1;
  size_t LineStart = Before.rfind('\n');
  unsigned Column =
      LineStart == llvm::StringRef::npos ? Offset + 1 : Offset - LineStart;
  return {Line, Column};
}

namespace {

/// The frontend action of one translation unit, as clang-tidy builds it,
/// with an AST consumer beside clang-tidy's that records where the unit's
/// functions and classes are defined (for fingerprints).
class TidyActionFactory : public FrontendActionFactory {
public:
  /// With \p FailedInputs, a compilation with errors adds there what it
  /// read and the directories it searched (see failedInputs).
  TidyActionFactory(ClangTidyContext &Context,
                    IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    DefinitionIndex &Definitions,
                    std::vector<engine::UnitInput> *FailedInputs,
                    std::chrono::system_clock::time_point Started)
      : ConsumerFactory(Context, std::move(FS)), Definitions(Definitions),
        FailedInputs(FailedInputs), Started(Started) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory, Definitions, FailedInputs,
                                    Started);
  }
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // Like clang-tidy: code may hide itself from analysers with
    // '#ifndef __clang_analyzer__'.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // Diagnostics reach the ClangTidyDiagnosticConsumer; this only stops the
    // compiler's "N warnings generated." line.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    Action(ClangTidyASTConsumerFactory &Factory, DefinitionIndex &Definitions,
           std::vector<engine::UnitInput> *FailedInputs,
           std::chrono::system_clock::time_point Started)
        : Factory(Factory), Definitions(Definitions),
          FailedInputs(FailedInputs), Started(Started) {}

    void EndSourceFileAction() override {
      CompilerInstance &Compiler = getCompilerInstance();
      if (FailedInputs && Compiler.getDiagnostics().hasErrorOccurred() &&
          Compiler.hasSourceManager())
        failedInputs(Compiler, Started, *FailedInputs);
      ASTFrontendAction::EndSourceFileAction();
    }
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                   StringRef File) override {
      std::vector<std::unique_ptr<ASTConsumer>> Consumers;
      if (std::unique_ptr<ASTConsumer> Tidy =
              Factory.createASTConsumer(Compiler, File))
        Consumers.push_back(std::move(Tidy));
      // File names are relative to the compile command's directory, as
      // those of diagnostics are.
      llvm::ErrorOr<std::string> Directory = Compiler.getFileManager()
                                                 .getVirtualFileSystem()
                                                 .getCurrentWorkingDirectory();
      Consumers.push_back(
          makeDefinitionRecorder(Definitions, Directory ? *Directory : ""));
      return std::make_unique<MultiplexConsumer>(std::move(Consumers));
    }

  private:
    ClangTidyASTConsumerFactory &Factory;
    DefinitionIndex &Definitions;
    std::vector<engine::UnitInput> *FailedInputs;
    std::chrono::system_clock::time_point Started;
  };
  ClangTidyASTConsumerFactory ConsumerFactory;
  DefinitionIndex &Definitions;
  std::vector<engine::UnitInput> *FailedInputs;
  std::chrono::system_clock::time_point Started;

  /// What a compilation that failed depends on: the files it read, and the
  /// folders where a header it did not find may appear (the folders of the
  /// files it read and the user header search paths, '-I' and '-iquote', or,
  /// for one that does not exist yet, its closest existing parent; creating
  /// a file or a folder changes its folder's time).
  static void failedInputs(CompilerInstance &Compiler,
                           std::chrono::system_clock::time_point Started,
                           std::vector<engine::UnitInput> &Out) {
    std::vector<engine::UnitInput> Files =
        engine::unitInputs(Compiler.getSourceManager(), Started);
    llvm::StringSet<> Directories;
    for (const engine::UnitInput &Input : Files)
      Directories.insert(llvm::sys::path::parent_path(Input.Path));
    for (const HeaderSearchOptions::Entry &Entry :
         Compiler.getHeaderSearchOpts().UserEntries) {
      if (Entry.Group != frontend::Quoted && Entry.Group != frontend::Angled)
        continue;
      llvm::SmallString<256> Path(Entry.Path);
      if (Compiler.getVirtualFileSystem().makeAbsolute(Path))
        continue;
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      while (!Path.empty() && !llvm::sys::fs::is_directory(Path) &&
             llvm::sys::path::has_parent_path(Path))
        llvm::sys::path::remove_filename(Path);
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(Path, Real))
        Directories.insert(Real);
    }
    Out.insert(Out.end(), Files.begin(), Files.end());
    for (const auto &Dir : Directories)
      if (std::optional<engine::UnitInput> Input =
              engine::describeInput(Dir.getKey(), Started))
        Out.push_back(std::move(*Input));
  }
};

/// clang-tidy's diagnostic consumer, which also keeps the findings that NOLINT
/// comments suppress (SARIF shows them with --include-suppressed; clang-tidy
/// only counts them). Whether clang-tidy suppressed a diagnostic is read off
/// its own NOLINT counter, so NOLINT comments are evaluated once, by
/// clang-tidy, and what clang-tidy reports does not change. A suppressed
/// finding is kept under the filters clang-tidy would have applied to it:
/// its check is enabled and it concerns user code (the main file, or a
/// header that the header filter selects).
class RecordingDiagnosticConsumer : public ClangTidyDiagnosticConsumer {
public:
  explicit RecordingDiagnosticConsumer(ClangTidyContext &Context)
      : ClangTidyDiagnosticConsumer(Context, nullptr,
                                    /*RemoveIncompatibleErrors=*/true,
                                    /*GetFixesFromNotes=*/false),
        Context(Context) {}

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    if (Level == DiagnosticsEngine::Note) {
      ClangTidyDiagnosticConsumer::HandleDiagnostic(Level, Info);
      // clang-tidy drops the notes of a suppressed warning.
      if (Pending)
        addNote(Info);
      return;
    }
    finishPending();
    // The finding is described before clang-tidy sees it: when clang-tidy
    // suppresses it, it may report a NOLINT error (an unmatched
    // 'NOLINTBEGIN') through the same diagnostics engine, which overwrites
    // the state that \p Info reads.
    std::optional<ClangTidyError> Candidate;
    bool CandidateInUserCode = false;
    if (Level == DiagnosticsEngine::Warning ||
        Level == DiagnosticsEngine::Remark) {
      Candidate = describe(Level, Info);
      CandidateInUserCode = Candidate && inUserCode(Info);
    }
    unsigned IgnoredBefore = Context.getStats().ErrorsIgnoredNOLINT;
    ClangTidyDiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Candidate && Context.getStats().ErrorsIgnoredNOLINT != IgnoredBefore) {
      Pending = std::move(Candidate);
      PendingInUserCode = CandidateInUserCode;
    }
  }

  void finish() override {
    finishPending();
    ClangTidyDiagnosticConsumer::finish();
  }

  /// The suppressed findings of the unit.
  std::vector<ClangTidyError> takeSuppressed() {
    finishPending();
    return std::move(Suppressed);
  }

private:
  std::optional<ClangTidyError> describe(DiagnosticsEngine::Level Level,
                                         const clang::Diagnostic &Info) {
    std::string CheckName = Context.getCheckName(Info.getID());
    if (CheckName.empty() || !Context.isCheckEnabled(CheckName))
      return std::nullopt;
    ClangTidyError Error(CheckName,
                         Level == DiagnosticsEngine::Remark
                             ? ClangTidyError::Remark
                             : ClangTidyError::Warning,
                         Context.getCurrentBuildDirectory(),
                         Context.treatAsError(CheckName));
    Error.Message = message(Info, Context.getLangOpts());
    // clang-tidy appends " [<check>]" to its messages and strips it when it
    // records them.
    std::string Suffix = " [" + CheckName + "]";
    if (StringRef(Error.Message.Message).ends_with(Suffix))
      Error.Message.Message.resize(Error.Message.Message.size() -
                                   Suffix.size());
    return Error;
  }

  /// The message, location, ranges and fix-its of \p Info, as clang-tidy
  /// records them: at the file location of each.
  static tooling::DiagnosticMessage message(const clang::Diagnostic &Info,
                                            const LangOptions &LangOpts) {
    SmallString<128> Text;
    Info.FormatDiagnostic(Text);
    if (!Info.hasSourceManager() || Info.getLocation().isInvalid())
      return tooling::DiagnosticMessage(Text);
    const SourceManager &SM = Info.getSourceManager();
    tooling::DiagnosticMessage Message(Text, SM,
                                       SM.getFileLoc(Info.getLocation()));
    for (CharSourceRange Range : Info.getRanges()) {
      if (!Range.isValid() || !Range.getBegin().isFileID() ||
          !Range.getEnd().isFileID())
        continue;
      if (Range.isTokenRange())
        Range = CharSourceRange::getCharRange(
            Range.getBegin(),
            Lexer::getLocForEndOfToken(Range.getEnd(), 0, SM, LangOpts));
      Message.Ranges.emplace_back(SM, Range);
    }
    for (const FixItHint &Hint : Info.getFixItHints()) {
      if (Hint.RemoveRange.isInvalid() ||
          !Hint.RemoveRange.getBegin().isFileID() ||
          !Hint.RemoveRange.getEnd().isFileID())
        continue;
      tooling::Replacement Replacement(SM, Hint.RemoveRange,
                                       Hint.CodeToInsert);
      // A fix-it that overlaps another of the same finding is left out, as
      // clang-tidy leaves out fixes it cannot apply.
      if (llvm::Error Conflict =
              Message.Fix[Replacement.getFilePath()].add(Replacement))
        llvm::consumeError(std::move(Conflict));
    }
    return Message;
  }

  void addNote(const clang::Diagnostic &Info) {
    Pending->Notes.push_back(message(Info, Context.getLangOpts()));
    std::string &Text = Pending->Notes.back().Message;
    std::string Suffix = " [" + Pending->DiagnosticName + "]";
    if (StringRef(Text).ends_with(Suffix))
      Text.resize(Text.size() - Suffix.size());
    PendingInUserCode = PendingInUserCode || inUserCode(Info);
  }

  /// Whether clang-tidy would show a finding at \p Info's location
  /// (ClangTidyDiagnosticConsumer::checkFilters).
  bool inUserCode(const clang::Diagnostic &Info) {
    if (!Info.hasSourceManager() || Info.getLocation().isInvalid())
      return true;
    const SourceManager &SM = Info.getSourceManager();
    SourceLocation Loc = Info.getLocation();
    const ClangTidyOptions &Options = Context.getOptions();
    if (!Options.SystemHeaders.value_or(false) &&
        (SM.isInSystemHeader(Loc) || SM.isInSystemMacro(Loc)))
      return false;
    OptionalFileEntryRef File =
        SM.getFileEntryRefForID(SM.getDecomposedExpansionLoc(Loc).first);
    if (!File || SM.isInMainFile(Loc))
      return true;
    StringRef Name = File->getName();
    if (!HeaderFilter)
      HeaderFilter = std::make_unique<llvm::Regex>(
          Options.HeaderFilterRegex.value_or(""));
    if (!ExcludeHeaderFilter)
      ExcludeHeaderFilter = std::make_unique<llvm::Regex>(
          Options.ExcludeHeaderFilterRegex.value_or(""));
    bool Excluded = !Options.ExcludeHeaderFilterRegex.value_or("").empty() &&
                    ExcludeHeaderFilter->match(Name);
    return HeaderFilter->match(Name) && !Excluded;
  }

  void finishPending() {
    if (Pending && PendingInUserCode)
      Suppressed.push_back(std::move(*Pending));
    Pending.reset();
    PendingInUserCode = false;
  }

  ClangTidyContext &Context;
  std::optional<ClangTidyError> Pending;
  bool PendingInUserCode = false;
  std::vector<ClangTidyError> Suppressed;
  std::unique_ptr<llvm::Regex> HeaderFilter;
  std::unique_ptr<llvm::Regex> ExcludeHeaderFilter;
};

/// Absolute form of a diagnostic's file, resolved against its build directory.
std::string absoluteFile(const ClangTidyError &Error) {
  llvm::SmallString<256> Path(Error.Message.FilePath);
  if (!Path.empty() && llvm::sys::path::is_relative(Path) &&
      !Error.BuildDirectory.empty()) {
    llvm::SmallString<256> Abs(Error.BuildDirectory);
    llvm::sys::path::append(Abs, Path);
    Path = Abs;
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

/// Why the compile commands of \p File cannot run, as "<file>: <reason>"; the
/// compiler would report a missing file confusingly ("no input files"), and
/// ClangTool aborts the process on a missing directory.
std::optional<std::string> commandProblem(const CompilationDatabase &Database,
                                          const std::string &File) {
  std::vector<CompileCommand> Commands = Database.getCompileCommands(File);
  if (Commands.empty())
    return File + ": no compile command";
  for (const CompileCommand &Command : Commands) {
    if (Command.CommandLine.empty())
      return File + ": its compile command is empty";
    if (!llvm::sys::fs::is_directory(Command.Directory))
      return File + ": the directory of its compile command, '" +
             Command.Directory + "', does not exist";
    llvm::SmallString<256> Source(Command.Filename);
    if (llvm::sys::path::is_relative(Source))
      llvm::sys::fs::make_absolute(Command.Directory, Source);
    if (llvm::sys::fs::is_directory(Source))
      return File + ": is a directory, not a source file";
    if (!llvm::sys::fs::exists(Source))
      return File + ": no such file";
  }
  return std::nullopt;
}

/// What memreview does to a compile command after ClangTool's own adjusters
/// (which strip the output and dependency-file options and make it
/// -fsyntax-only): the ExtraArgsBefore / ExtraArgs of the clang-tidy
/// configuration of the file (\p OptionsFor), no plugins, and the builtin
/// headers of \p ResourceDir.
ArgumentsAdjuster
memreviewAdjusters(std::function<ClangTidyOptions(StringRef)> OptionsFor,
                   const std::string &ResourceDir) {
  ArgumentsAdjuster Adjust =
      [OptionsFor](const CommandLineArguments &Args, StringRef Filename) {
        ClangTidyOptions Opts = OptionsFor(Filename);
        CommandLineArguments Adjusted = Args;
        if (Opts.ExtraArgsBefore) {
          auto I = Adjusted.begin();
          if (I != Adjusted.end() && !StringRef(*I).starts_with("-"))
            ++I;
          Adjusted.insert(I, Opts.ExtraArgsBefore->begin(),
                          Opts.ExtraArgsBefore->end());
        }
        if (Opts.ExtraArgs)
          Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(),
                          Opts.ExtraArgs->end());
        return Adjusted;
      };
  Adjust = combineAdjusters(Adjust, getStripPluginsAdjuster());
  // Builtin headers come from the clang memreview is built with, whatever
  // compiler the database names (ClangTool would look beside our binary).
  if (!ResourceDir.empty())
    Adjust = combineAdjusters(
        Adjust, [ResourceDir](const CommandLineArguments &Args, StringRef) {
          for (const std::string &Arg : Args)
            if (StringRef(Arg).starts_with("-resource-dir"))
              return Args;
          CommandLineArguments Adjusted = Args;
          Adjusted.insert(Adjusted.begin() + (Adjusted.empty() ? 0 : 1),
                          "-resource-dir=" + ResourceDir);
          return Adjusted;
        });
  return Adjust;
}

/// The options of the configuration, with every check but memreview-leak
/// turned off: the engine runs for the summaries and nothing else does.
class SummariesOnlyProvider : public ClangTidyOptionsProvider {
public:
  explicit SummariesOnlyProvider(std::unique_ptr<ClangTidyOptionsProvider> Base)
      : Base(std::move(Base)) {}
  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Base->getGlobalOptions();
  }
  std::vector<OptionsSource> getRawOptions(llvm::StringRef FileName) override {
    std::vector<OptionsSource> Sources = Base->getRawOptions(FileName);
    ClangTidyOptions Only;
    Only.Checks = "-*,memreview-leak";
    Only.WarningsAsErrors = "";
    Sources.emplace_back(std::move(Only), "memreview: summaries only");
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Base;
};

UnitResult analyseUnit(const CompilationDatabase &Database,
                       const std::string &File, const RunOptions &Options,
                       UnitMode Mode = UnitMode::Findings) {
  auto Start = std::chrono::steady_clock::now();
  auto Started = std::chrono::system_clock::now();
  UnitResult Result;
  Result.File = File;

  if (std::optional<std::string> Problem = commandProblem(Database, File)) {
    Result.ParseError = *Problem;
    return Result;
  }

  // A physical file system of its own: its working directory is private to
  // this task (the process-wide one is shared by all threads). ClangTool sets
  // it to the compile command's directory, so the options provider, which
  // reads through it, finds the .clang-tidy files of relative file names.
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  // The context reads the options of "" (the working directory) when it is
  // created; start it in the file's directory rather than wherever memreview
  // was started.
  FS->setCurrentWorkingDirectory(llvm::sys::path::parent_path(File));
  std::unique_ptr<ClangTidyOptionsProvider> Provider =
      Options.MakeOptionsProvider(FS);
  if (Mode == UnitMode::SummariesOnly)
    Provider = std::make_unique<SummariesOnlyProvider>(std::move(Provider));
  ClangTidyContext Context(std::move(Provider),
                           /*AllowEnablingAnalyzerAlphaCheckers=*/false);
  // clang-tidy 19's ClangTidyDiagnosticConsumer builds its header filters in
  // its constructor from the options current then, that is, from the
  // .clang-tidy of the working directory, and HeaderFilterRegex of the
  // file's own .clang-tidy is ignored (llvm-project#118009, fixed in 20).
  // Making the file current first gives the documented behaviour, that of
  // clang-tidy 18 and 20.
  Context.setCurrentFile(File);
  ClangTool Tool(Database, {File}, std::make_shared<PCHContainerOperations>(),
                 FS);
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(memreviewAdjusters(
      [&Context](StringRef Filename) {
        return Context.getOptionsForFile(Filename);
      },
      Options.ResourceDir));

  RecordingDiagnosticConsumer DiagConsumer(Context);
  DiagnosticsEngine DE(new DiagnosticIDs(), new DiagnosticOptions(),
                       &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);
  Tool.setDiagnosticConsumer(&DiagConsumer);

  DefinitionIndex Definitions;
  // A unit that fails to compile leaves a record of what it depends on, so
  // that the driver does not try it again until something changes.
  std::vector<engine::UnitInput> FailedInputs;
  bool Recording = engine::recordUnits();
  TidyActionFactory Factory(Context, FS, Definitions,
                            Recording ? &FailedInputs : nullptr, Started);
  clang::tidy::memreview::engine::resetEngineForNewTranslationUnit();
  // A crash inside one unit (a bug of memreview or of clang) is reported as
  // that unit's failure; the other units are still analysed.
  int Status = 1;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Status = Tool.run(&Factory); })) {
    Result.ParseError =
        File + ": internal error: memreview crashed while analysing this "
               "file; please report it";
    Result.Findings.clear();
    Result.Seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - Start)
                         .count();
    return Result;
  }

  // The first compiler error in (file, offset) order, preferring one with a
  // location ("too many errors emitted" and driver errors have none).
  std::optional<ClangTidyError> FirstError;
  for (ClangTidyError &Error : DiagConsumer.take()) {
    Error.Message.FilePath = absoluteFile(Error);
    bool IsCompilerError = Error.DiagLevel == ClangTidyError::Error &&
                           StringRef(Error.DiagnosticName)
                               .starts_with("clang-diagnostic-");
    if (!IsCompilerError) {
      Result.Findings.push_back(std::move(Error));
      continue;
    }
    if (!FirstError || (FirstError->Message.FilePath.empty() &&
                        !Error.Message.FilePath.empty()))
      FirstError = std::move(Error);
  }
  if (FirstError) {
    const tooling::DiagnosticMessage &Message = FirstError->Message;
    // Driver errors have no location: name the unit.
    std::string Where = Message.FilePath.empty() ? File : Message.FilePath;
    auto [Line, Column] = lineAndColumn(Message.FilePath, Message.FileOffset);
    if (Line && !Message.FilePath.empty())
      Where += ":" + std::to_string(Line) + ":" + std::to_string(Column);
    Result.ParseError = Where + ": " + Message.Message;
  }
  // A failed run without a compiler error: unless clang-tidy's own errors
  // (an unmatched 'NOLINTBEGIN') explain it, the compiler gave up silently.
  if (Status != 0 && !Result.ParseError &&
      llvm::none_of(Result.Findings, [](const ClangTidyError &Error) {
        return Error.DiagLevel == ClangTidyError::Error;
      }))
    Result.ParseError = File + ": the compiler could not process this file";
  if (Result.ParseError) {
    Result.Findings.clear();
  } else {
    Result.Suppressed = DiagConsumer.takeSuppressed();
    for (ClangTidyError &Error : Result.Suppressed)
      Error.Message.FilePath = absoluteFile(Error);
    // Only the definitions of files with findings are kept (the run keeps
    // the results of every unit until the end).
    llvm::StringSet<> FilesWithFindings;
    for (const auto *Errors : {&Result.Findings, &Result.Suppressed})
      for (const ClangTidyError &Error : *Errors)
        FilesWithFindings.insert(
            absolutePath(Error.Message.FilePath, Error.BuildDirectory));
    keepFiles(Definitions, FilesWithFindings);
    Result.Definitions = std::move(Definitions);
  }
  Result.SuppressedByNolint = Context.getStats().ErrorsIgnoredNOLINT;
  // The engine ran on this thread, for this unit, if an engine check did.
  const auto &Engine = clang::tidy::memreview::engine::lastEngineStats();
  Result.FunctionsAnalysed = Engine.FunctionsAnalysed;
  Result.FunctionsOverBudget = Engine.FunctionsOverBudget;
  Result.FunctionsWithoutCFG = Engine.FunctionsWithoutCFG;
  Result.EngineSeconds = Engine.Seconds;
  if (!Result.ParseError) {
    Result.Record = engine::takeUnitRecord();
  } else if (Recording) {
    engine::takeUnitRecord();
    engine::UnitRecord Failed;
    Failed.File = File;
    Failed.Failed = true;
    // A compiler that stopped before reading anything (a bad option) read
    // at least the main file.
    if (FailedInputs.empty()) {
      llvm::SmallString<256> Real;
      if (llvm::sys::fs::real_path(File, Real))
        Real = File;
      if (std::optional<engine::UnitInput> Main =
              engine::describeInput(Real, Started))
        FailedInputs.push_back(std::move(*Main));
    }
    llvm::sort(FailedInputs,
               [](const engine::UnitInput &A, const engine::UnitInput &B) {
                 return A.Path < B.Path;
               });
    for (engine::UnitInput &Input : FailedInputs)
      if (Failed.Inputs.empty() || Failed.Inputs.back().Path != Input.Path)
        Failed.Inputs.push_back(std::move(Input));
    Result.Record = std::move(Failed);
  }
  if (Mode == UnitMode::SummariesOnly) {
    Result.Findings.clear();
    Result.Suppressed.clear();
    Result.SuppressedByNolint = 0;
  }
  Result.Seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - Start)
                       .count();
  return Result;
}

} // namespace

std::vector<UnitResult>
analyseFiles(const CompilationDatabase &Database,
             const std::vector<std::string> &Files,
             const std::vector<UnitMode> &Modes, const RunOptions &Options,
             const std::function<void(UnitResult &)> &Done,
             const std::vector<std::vector<size_t>> *WaitFor,
             const std::function<bool(size_t)> &Skip) {
  std::vector<UnitResult> Results(Files.size());
  std::mutex ProgressMutex;
  size_t Finished = 0;
  auto Run = [&](size_t Index) {
    if (Skip && Skip(Index)) {
      Results[Index].File = Files[Index];
      Results[Index].Skipped = true;
    } else {
      Results[Index] =
          analyseUnit(Database, Files[Index], Options, Modes[Index]);
      if (Done)
        Done(Results[Index]);
    }
    if (!Options.Progress)
      return;
    std::lock_guard<std::mutex> Lock(ProgressMutex);
    ++Finished;
    llvm::errs() << "\r\x1b[K[" << Finished << "/" << Files.size() << "] "
                 << Files[Index];
    if (Finished == Files.size())
      llvm::errs() << "\r\x1b[K";
    llvm::errs().flush();
  };

  unsigned Jobs = Options.Jobs ? Options.Jobs
                               : llvm::hardware_concurrency().compute_thread_count();
  if (Jobs <= 1 || Files.size() <= 1) {
    for (size_t I = 0; I < Files.size(); ++I)
      Run(I);
    return Results;
  }
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
  if (!WaitFor) {
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&Run, I] { Run(I); });
    Pool.wait();
    return Results;
  }
  // A unit is queued when the last unit it waits for finishes.
  std::vector<unsigned> Waiting(Files.size(), 0);
  std::vector<std::vector<size_t>> Dependents(Files.size());
  for (size_t I = 0; I < Files.size(); ++I)
    for (size_t D : (*WaitFor)[I])
      if (D < I) {
        ++Waiting[I];
        Dependents[D].push_back(I);
      }
  std::mutex QueueMutex;
  std::function<void(size_t)> Start = [&](size_t I) {
    Pool.async([&, I] {
      Run(I);
      std::vector<size_t> Ready;
      {
        std::lock_guard<std::mutex> Lock(QueueMutex);
        for (size_t Next : Dependents[I])
          if (--Waiting[Next] == 0)
            Ready.push_back(Next);
      }
      for (size_t Next : Ready)
        Start(Next);
    });
  };
  for (size_t I = 0; I < Files.size(); ++I)
    if (Waiting[I] == 0)
      Start(I);
  Pool.wait();
  return Results;
}

EffectiveCommands::EffectiveCommands(const RunOptions &Options)
    : FS(llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
          llvm::vfs::createPhysicalFileSystem())),
      Provider(Options.MakeOptionsProvider(FS)),
      ResourceDir(Options.ResourceDir) {}

EffectiveCommands::~EffectiveCommands() = default;

std::string EffectiveCommands::describe(const CompilationDatabase &Database,
                                        const std::string &File) {
  // As ClangTool runs them: its own adjusters, then memreview's, with the
  // working directory of each command (relative names in the configuration
  // are resolved against it).
  ArgumentsAdjuster Adjust = combineAdjusters(
      combineAdjusters(getClangStripOutputAdjuster(),
                       getClangSyntaxOnlyAdjuster()),
      combineAdjusters(getClangStripDependencyFileAdjuster(),
                       memreviewAdjusters(
                           [this](StringRef Filename) {
                             return ClangTidyOptions::getDefaults().merge(
                                 Provider->getOptions(Filename), 0);
                           },
                           ResourceDir)));
  std::string Text;
  for (const CompileCommand &Command : Database.getCompileCommands(File)) {
    FS->setCurrentWorkingDirectory(Command.Directory);
    Text += "directory " + Command.Directory + "\n";
    for (const std::string &Arg : Adjust(Command.CommandLine, Command.Filename))
      Text += "arg " + Arg + "\n";
  }
  // The configuration of the file's checks: which run, and memreview's
  // options (the global ones, without a check's name, included), but for
  // SummaryDatabase, which the driver ignores.
  FS->setCurrentWorkingDirectory(llvm::sys::path::parent_path(File));
  ClangTidyOptions Opts = Provider->getOptions(File);
  Text += "checks " + Opts.Checks.value_or("") + "\n";
  std::vector<std::string> Settings;
  for (const auto &Option : Opts.CheckOptions) {
    StringRef Key = Option.getKey();
    if ((!Key.starts_with("memreview-") && Key.contains('.')) ||
        Key.ends_with("SummaryDatabase"))
      continue;
    Settings.push_back("option " + Key.str() + "=" + Option.getValue().Value +
                       "\n");
  }
  llvm::sort(Settings);
  for (const std::string &Setting : Settings)
    Text += Setting;
  return Text;
}

std::vector<UnitResult> analyseAll(const CompileSetup &Setup,
                                   const RunOptions &Options) {
  return analyseFiles(*Setup.Database, Setup.Files,
                      std::vector<UnitMode>(Setup.Files.size(),
                                            UnitMode::Findings),
                      Options);
}

} // namespace memreview
