//===--- CrossTu.cpp - whole-program analysis with the summary database ---===//
//
// Part of memreview.
//
// A unit's summaries depend on the summaries of the functions it calls in
// other units, so the units are analysed in dependency order (callees'
// units first, as the previous run's records tell, or, for units never
// recorded, as their #include lines suggest), and every unit records the
// digest of each entry it read. After a round, a unit whose reads no longer
// match the database runs again; the analysis ends when every unit's reads
// match, which is then a fixed point: the findings are those of the final
// summaries. A unit that is up to date (same compile command, same input
// files, same reads) and was not asked for is not analysed at all, nor is
// one asked for whose last analysis kept its findings (FindingsCache.h).
// A unit whose reads differ only because the units it read from run in this
// run waits for them and is analysed only if its reads still differ.
//
//===----------------------------------------------------------------------===//

#include "CrossTu.h"
#include "CompileDb.h"
#include "FindingsCache.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <mutex>

using namespace clang::tidy::memreview::engine;

namespace memreview {

std::string commandHash(llvm::StringRef Command) {
  std::string Text = "memreview " MEMREVIEW_VERSION " summaries v" +
                     std::to_string(SummaryDbVersion) + "\n";
  // The analyser itself: a rebuilt memreview may summarise differently.
  static const std::string Binary = [] {
    std::string Path = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
    llvm::sys::fs::file_status Status;
    if (Path.empty() || llvm::sys::fs::status(Path, Status))
      return std::string("unknown");
    return Path + " " + std::to_string(Status.getSize()) + " " +
           std::to_string(Status.getLastModificationTime()
                              .time_since_epoch()
                              .count());
  }();
  Text += Binary + "\n";
  Text += Command;
  return hashText(Text);
}

std::string unitKey(llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Path, Real))
    return std::string(Real);
  return std::string(Path);
}

namespace {

/// The file name without directory and extension: 'src/pool' for
/// 'src/pool.cpp' gives 'pool'.
llvm::StringRef stem(llvm::StringRef Path) {
  return llvm::sys::path::stem(Path);
}

/// The files named in the '#include "..."' lines of \p File (a quick textual
/// scan, only to order units never recorded).
std::vector<std::string> quotedIncludes(llvm::StringRef File) {
  std::vector<std::string> Out;
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
  if (!Buffer)
    return Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line = Line.ltrim();
    if (!Line.consume_front("#"))
      continue;
    Line = Line.ltrim();
    if (!Line.consume_front("include"))
      continue;
    Line = Line.ltrim();
    if (!Line.consume_front("\""))
      continue;
    Out.push_back(Line.take_until([](char C) { return C == '"'; }).str());
  }
  return Out;
}

class Program {
public:
  Program(const CompileSetup &Setup, const RunOptions &Options,
          const CrossTuSettings &Settings, CrossTuStats &Stats,
          std::shared_ptr<SummaryDatabase> DB)
      : Setup(Setup), Options(Options), Settings(Settings), Stats(Stats),
        DB(std::move(DB)) {}

  std::vector<UnitResult> run() {
    collectUnits();
    Stats.Units = Units.size();
    dropLeftUnits();
    // What the previous run recorded.
    for (const std::string &Unit : Units)
      if (std::optional<UnitRecord> R = DB->readManifest(Unit))
        Manifests[Unit] = std::move(*R);

    std::vector<UnitResult> Results(Setup.Files.size());
    llvm::StringMap<size_t> ResultIndex;
    for (size_t I = 0; I < Setup.Files.size(); ++I)
      ResultIndex[Setup.Files[I]] = I;

    std::vector<std::string> Pending;
    std::vector<std::pair<std::string, UnitResult>> Reusable;
    for (const std::string &Unit : Units) {
      bool Asked = Requested.count(Unit);
      bool Current = upToDate(Unit);
      std::optional<UnitResult> Kept;
      if (Asked && Current)
        Kept = keptFindings(Unit);
      if (Kept)
        Reusable.emplace_back(Unit, std::move(*Kept));
      else if (!Current || Asked)
        Pending.push_back(Unit);
      else if (Manifests[Unit].Failed)
        ++Stats.FailedUnchanged; // nothing changed since it failed
      else
        countUpToDate(Unit);
    }
    llvm::StringSet<> Conditional = conditionalUnits(Pending);
    // Kept findings that rest on entries of units about to run: the unit
    // waits for them and uses its findings only if its reads still match.
    llvm::StringSet<> Running;
    for (const std::string &Unit : Pending)
      Running.insert(Unit);
    llvm::StringMap<std::vector<std::string>> Owners = owners();
    for (auto &[Unit, Kept] : Reusable) {
      bool Waits = llvm::any_of(
          Manifests[Unit].Consulted, [&](const auto &Read) {
            auto O = Owners.find(Read.first);
            return O != Owners.end() &&
                   llvm::any_of(O->second, [&](const std::string &Owner) {
                     return Owner != Unit && Running.contains(Owner);
                   });
          });
      if (Waits) {
        Pending.push_back(Unit);
        Conditional.insert(Unit);
      } else {
        if (Manifests[Unit].Failed)
          ++Stats.FailedUnchanged;
        else
          countUpToDate(Unit);
        place(std::move(Kept), Results, ResultIndex);
      }
    }

    llvm::StringSet<> RanBefore;
    while (!Pending.empty()) {
      if (Stats.Rounds == Settings.MaxRounds) {
        // Facts that keep changing (recursion across files): the units asked
        // for are analysed without the database, on local facts only.
        std::vector<std::string> Last;
        for (const std::string &Unit : Pending)
          if (Requested.count(Unit))
            Last.push_back(Unit);
        Stats.Unsettled = Pending.size();
        overrideSummaryDatabase(std::string());
        setRecordUnits(false);
        runRound(Last, Results, ResultIndex, /*Record=*/false);
        break;
      }
      ++Stats.Rounds;
      std::vector<std::vector<size_t>> WaitFor = order(Pending, Conditional);
      // What the units of this round define or register, before and after:
      // the entries of other units that share them may have changed hands
      // (a conflict that no longer stands, an override record of a unit
      // that stopped registering it).
      llvm::StringSet<> Written;
      for (const std::string &Unit : Pending)
        for (const std::string &Key : definedKeys(Unit))
          Written.insert(Key);
      for (const std::string &Unit :
           runRound(Pending, Results, ResultIndex, /*Record=*/true, &WaitFor,
                    &Conditional))
        if (!RanBefore.insert(Unit).second)
          ++Stats.Reruns;
      // Only the first round has units that may turn out up to date: the
      // units pending after a round read what changed in it.
      Conditional.clear();
      DB->refresh();
      for (const std::string &Unit : Pending)
        for (const std::string &Key : definedKeys(Unit))
          Written.insert(Key);
      Pending.clear();
      for (const std::string &Unit : Units) {
        auto It = Manifests.find(Unit);
        if (It == Manifests.end())
          continue;
        bool Shares = llvm::any_of(definedKeys(Unit), [&](const std::string &K) {
          return Written.contains(K);
        });
        if (!readsMatch(It->second) ||
            (Shares && !DB->entriesIntact(It->second))) {
          Pending.push_back(Unit);
          // Up to date at first, it is analysed after all.
          if (CountedUpToDate.erase(Unit))
            --Stats.UpToDate;
        }
      }
    }
    for (const std::string &Unit : Units)
      if (auto It = Manifests.find(Unit); It != Manifests.end() && It->second.Failed)
        ++Stats.Failed;
    for (std::string &W : DB->takeWarnings())
      Stats.Warnings.push_back(std::move(W));
    return Results;
  }

private:
  /// The units of the program, by unitKey; each is analysed under the name
  /// it was given on the command line, else under the compile database's.
  void collectUnits() {
    auto Add = [&](const std::string &Name, bool Asked) {
      std::string Key = unitKey(Name);
      if (Asked)
        Requested.insert(Key);
      if (RunName.try_emplace(Key, Name).second) {
        Units.push_back(Key);
        KeyOf[Name] = Key;
      }
    };
    for (const std::string &File : Setup.Files)
      Add(File, /*Asked=*/true);
    for (std::string File : Setup.Database->getAllFiles()) {
      llvm::SmallString<256> Path(File);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      if (isHeaderFile(Path) || !llvm::sys::fs::is_regular_file(Path))
        continue;
      Add(std::string(Path), /*Asked=*/false);
    }
    EffectiveCommands Commands(Options);
    for (const std::string &Unit : Units)
      Hashes[Unit] =
          commandHash(Commands.describe(*Setup.Database, RunName[Unit]));
    if (!Settings.ReuseFindings)
      return;
    auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
        llvm::vfs::createPhysicalFileSystem());
    auto Provider = Options.MakeOptionsProvider(FS);
    for (const auto &Unit : Requested)
      OptionsText[Unit.getKey()] = clang::tidy::configurationAsText(
          clang::tidy::ClangTidyOptions::getDefaults().merge(
              Provider->getOptions(RunName.lookup(Unit.getKey())), 0));
  }

  /// Forgets the units that left the compile database (or whose file is
  /// gone): their manifests, and the entries and override records they own.
  /// A conflict they took part in then no longer stands, and the unit that
  /// remains runs again (entriesIntact). Only over a compile database: with
  /// flags after '--', the program is the files named, not the whole of it.
  void dropLeftUnits() {
    if (Setup.BuildDirectory.empty())
      return;
    llvm::StringSet<> Current;
    for (const std::string &Unit : Units)
      Current.insert(llvm::sys::path::filename(DB->unitPath(Unit)));
    for (const std::string &Path : DB->manifestPaths())
      if (!Current.contains(llvm::sys::path::filename(Path)))
        DB->dropManifest(Path);
  }

  /// What the last analysis of \p Unit depended on beyond its manifest's
  /// criteria: the manifest as written, the unit's whole configuration
  /// (the header filter, WarningsAsErrors) and the name it was analysed
  /// under (the paths of its findings). Empty without a manifest.
  std::string stamp(const std::string &Unit) {
    auto Buffer = llvm::MemoryBuffer::getFile(DB->unitPath(Unit));
    if (!Buffer)
      return std::string();
    return hashText((*Buffer)->getBuffer().str() + "\n" +
                    OptionsText.lookup(Unit) + "\n" + RunName.lookup(Unit));
  }

  /// The findings kept by the analysis that wrote \p Unit's manifest (the
  /// unit must be up to date), if any, and never with --fix.
  std::optional<UnitResult> keptFindings(const std::string &Unit) {
    if (!Settings.ReuseFindings)
      return std::nullopt;
    std::string Stamp = stamp(Unit);
    if (Stamp.empty())
      return std::nullopt;
    return readFindings(DB->findingsPath(Unit), Stamp, RunName.lookup(Unit));
  }

  void countUpToDate(const std::string &Unit) {
    CountedUpToDate.insert(Unit);
    ++Stats.UpToDate;
  }

  void place(UnitResult &&R, std::vector<UnitResult> &Results,
             const llvm::StringMap<size_t> &ResultIndex) {
    auto It = ResultIndex.find(R.File);
    if (It != ResultIndex.end())
      Results[It->second] = std::move(R);
  }

  /// The entries a unit's manifest says it wrote: "f" and the usrKey of
  /// each function, "o" and the keys of each override registration.
  std::vector<std::string> definedKeys(const std::string &Unit) {
    std::vector<std::string> Keys;
    auto It = Manifests.find(Unit);
    if (It == Manifests.end())
      return Keys;
    for (const auto &F : It->second.Functions)
      Keys.push_back("f" + usrKey(F.first));
    for (const auto &[Base, Override] : It->second.Overrides)
      Keys.push_back("o" + Base + Override);
    return Keys;
  }

  /// Same command, same files, same reads: the unit's summaries stand.
  /// Safe from several threads while Manifests does not change.
  bool upToDate(const std::string &Unit) {
    auto It = Manifests.find(Unit);
    return It != Manifests.end() &&
           It->second.CommandHash == Hashes.lookup(Unit) &&
           DB->unitIsCurrent(Unit) && readsMatch(It->second) &&
           DB->entriesIntact(It->second);
  }

  bool readsMatch(const UnitRecord &R) {
    for (const auto &[Key, Digest] : R.Consulted)
      if (DB->digest(Key) != Digest)
        return false;
    return true;
  }

  /// The units whose manifests write each key that units read ("f" and a
  /// function's usrKey, "o" and an overridden method's).
  llvm::StringMap<std::vector<std::string>> owners() {
    llvm::StringMap<std::vector<std::string>> Owners;
    for (const auto &[Unit, R] : Manifests) {
      for (const auto &F : R.Functions)
        Owners["f" + usrKey(F.first)].push_back(Unit);
      for (const auto &[Base, Override] : R.Overrides)
        Owners["o" + Base].push_back(Unit);
    }
    return Owners;
  }

  /// The units of \p Pending (asked for only when findings are kept, not
  /// with --fix) whose only reason to run is
  /// that entries they read are owned by other units of \p Pending that
  /// run for reasons of their own (their files changed, they are asked
  /// for): until those have run, their entries count as stale. Such a unit
  /// waits for them (order() puts the units it read from first) and runs
  /// only if its reads still differ then (runRound); an edit that leaves a
  /// summary as it was does not make its readers run.
  llvm::StringSet<> conditionalUnits(const std::vector<std::string> &Pending) {
    llvm::StringSet<> InPending;
    for (const std::string &Unit : Pending)
      InPending.insert(Unit);
    llvm::StringMap<std::vector<std::string>> Owners = owners();
    // Candidates, and the units each waits for.
    llvm::StringMap<std::vector<std::string>> Candidates;
    for (const std::string &Unit : Pending) {
      auto It = Manifests.find(Unit);
      if ((Requested.count(Unit) && !Settings.ReuseFindings) ||
          It == Manifests.end() || It->second.Failed ||
          It->second.CommandHash != Hashes.lookup(Unit) ||
          !DB->unitIsCurrent(Unit) || !DB->entriesIntact(It->second))
        continue;
      std::vector<std::string> WaitsFor;
      bool Candidate = true;
      for (const auto &[Key, Digest] : It->second.Consulted) {
        if (DB->digest(Key) == Digest)
          continue;
        auto O = Owners.find(Key);
        bool Owned = false;
        if (O != Owners.end())
          for (const std::string &Owner : O->second)
            if (Owner != Unit && InPending.contains(Owner)) {
              WaitsFor.push_back(Owner);
              Owned = true;
            }
        if (!Owned) {
          Candidate = false;
          break;
        }
      }
      if (Candidate && !WaitsFor.empty())
        Candidates[Unit] = std::move(WaitsFor);
    }
    // A unit that waits for another candidate runs: what it waits for may
    // not run at all.
    llvm::StringSet<> Result;
    for (const auto &C : Candidates)
      if (llvm::none_of(C.second, [&](const std::string &Owner) {
            return Candidates.count(Owner);
          }))
        Result.insert(C.first());
    return Result;
  }

  /// Sorts \p Pending so that the units defining what a unit calls come
  /// before it, and returns for each the earlier units it waits for.
  std::vector<std::vector<size_t>> order(std::vector<std::string> &Pending,
                                         const llvm::StringSet<> &Conditional) {
    // Who defines what, from the records.
    llvm::StringMap<std::string> DefinedBy;
    llvm::StringMap<std::vector<std::string>> OverriddenIn;
    for (const auto &[Unit, R] : Manifests) {
      for (const auto &F : R.Functions)
        DefinedBy[usrKey(F.first)] = Unit;
      for (const auto &[Base, Override] : R.Overrides)
        OverriddenIn[Base].push_back(Unit);
    }
    llvm::StringMap<std::vector<std::string>> ByStem;
    for (const std::string &Unit : Units)
      ByStem[stem(Unit)].push_back(Unit);
    llvm::StringSet<> InPending;
    for (const std::string &Unit : Pending)
      InPending.insert(Unit);

    auto Dependencies = [&](const std::string &Unit) {
      std::vector<std::string> Deps;
      auto It = Manifests.find(Unit);
      if (It != Manifests.end()) {
        for (const auto &[Key, Digest] : It->second.Consulted) {
          llvm::StringRef K(Key);
          if (K.consume_front("f")) {
            auto D = DefinedBy.find(K);
            if (D != DefinedBy.end())
              Deps.push_back(D->second);
          } else if (K.consume_front("o")) {
            auto O = OverriddenIn.find(K);
            if (O != OverriddenIn.end())
              Deps.insert(Deps.end(), O->second.begin(), O->second.end());
          }
        }
        return Deps;
      }
      // Never recorded: 'a.cpp' including "b.h" probably calls what
      // 'b.cpp' defines.
      for (const std::string &Include : quotedIncludes(Unit)) {
        auto S = ByStem.find(stem(Include));
        if (S == ByStem.end())
          continue;
        for (const std::string &Other : S->second)
          if (Other != Unit)
            Deps.push_back(Other);
      }
      return Deps;
    };

    std::vector<std::string> Sorted;
    llvm::StringMap<int> Mark; // 1: on the stack, 2: done
    std::function<void(const std::string &)> Visit =
        [&](const std::string &Unit) {
          int &M = Mark[Unit];
          if (M)
            return; // done, or a cycle: broken here
          M = 1;
          for (const std::string &Dep : Dependencies(Unit))
            if (InPending.count(Dep))
              Visit(Dep);
          Mark[Unit] = 2;
          Sorted.push_back(Unit);
        };
    for (const std::string &Unit : Pending)
      Visit(Unit);
    // Units that run for their own changes first: a unit that may turn out
    // up to date must see what they write (in a cycle of reads, the order
    // above could put it before them).
    std::stable_partition(Sorted.begin(), Sorted.end(),
                          [&](const std::string &Unit) {
                            return !Conditional.contains(Unit);
                          });
    Pending = std::move(Sorted);
    llvm::StringMap<size_t> Position;
    for (size_t I = 0; I < Pending.size(); ++I)
      Position[Pending[I]] = I;
    std::vector<std::vector<size_t>> WaitFor(Pending.size());
    for (size_t I = 0; I < Pending.size(); ++I)
      for (const std::string &Dep : Dependencies(Pending[I])) {
        auto P = Position.find(Dep);
        if (P != Position.end() && P->second < I)
          WaitFor[I].push_back(P->second);
      }
    return WaitFor;
  }

  /// Analyses \p Files (units) and returns those analysed: a unit of
  /// \p Conditional is not when, once the units it waits for have run, it
  /// is up to date.
  std::vector<std::string>
  runRound(const std::vector<std::string> &Files,
           std::vector<UnitResult> &Results,
           const llvm::StringMap<size_t> &ResultIndex, bool Record,
           const std::vector<std::vector<size_t>> *WaitFor = nullptr,
           const llvm::StringSet<> *Conditional = nullptr) {
    std::vector<UnitMode> Modes;
    std::vector<std::string> Names;
    for (const std::string &File : Files) {
      bool Asked = Requested.count(File);
      Modes.push_back(Asked ? UnitMode::Findings : UnitMode::SummariesOnly);
      Names.push_back(RunName.lookup(File));
    }
    // The findings of units asked for that turn out up to date.
    std::vector<std::optional<UnitResult>> Kept(Files.size());
    std::function<bool(size_t)> Skip;
    if (Conditional && !Conditional->empty())
      Skip = [&](size_t I) {
        if (!Conditional->contains(Files[I]) || !upToDate(Files[I]))
          return false;
        if (!Requested.count(Files[I]))
          return true;
        Kept[I] = keptFindings(Files[I]);
        return Kept[I].has_value();
      };
    std::mutex WriteMutex;
    auto Done = [&](UnitResult &R) {
      if (!Record || !R.Record)
        return;
      std::string Key = KeyOf.lookup(R.File);
      R.Record->CommandHash = Hashes.lookup(Key);
      // The name the unit goes by in the database.
      R.Record->File = Key;
      std::string Error;
      bool Written = DB->writeUnit(*R.Record, Error);
      // What a unit asked for found, for the next run.
      if (Written && Settings.ReuseFindings && Requested.count(Key))
        Written = writeFindings(DB->findingsPath(Key), stamp(Key), R, Error);
      if (!Written) {
        std::lock_guard<std::mutex> Lock(WriteMutex);
        Stats.Warnings.push_back("summary database: " + Error);
      }
    };
    std::vector<UnitResult> Round = analyseFiles(
        *Setup.Database, Names, Modes, Options, Done, WaitFor, Skip);
    std::vector<std::string> Analysed;
    for (size_t I = 0; I < Round.size(); ++I) {
      UnitResult &R = Round[I];
      if (R.Skipped) {
        countUpToDate(Files[I]);
        if (Kept[I])
          place(std::move(*Kept[I]), Results, ResultIndex);
        continue;
      }
      Analysed.push_back(Files[I]);
      (Modes[I] == UnitMode::Findings ? Stats.FindingRuns : Stats.SummaryRuns)++;
      // As the manifest has it (overrides by their keys).
      std::string Key = KeyOf.lookup(R.File);
      if (Record && R.Record)
        if (std::optional<UnitRecord> Written = DB->readManifest(Key))
          Manifests[Key] = std::move(*Written);
      R.Record.reset();
      auto It = ResultIndex.find(R.File);
      if (It != ResultIndex.end())
        Results[It->second] = std::move(R);
    }
    return Analysed;
  }

  const CompileSetup &Setup;
  const RunOptions &Options;
  const CrossTuSettings &Settings;
  CrossTuStats &Stats;
  std::shared_ptr<SummaryDatabase> DB;
  /// Units by unitKey.
  std::vector<std::string> Units;
  /// The name each unit is analysed under, and the unit of each such name.
  llvm::StringMap<std::string> RunName, KeyOf;
  llvm::StringSet<> Requested;
  llvm::StringMap<std::string> Hashes;
  /// The units counted as up to date (until they run after all).
  llvm::StringSet<> CountedUpToDate;
  /// The configuration of each unit asked for (configurationAsText).
  llvm::StringMap<std::string> OptionsText;
  std::map<std::string, UnitRecord> Manifests;
};

} // namespace

llvm::Expected<std::vector<UnitResult>>
analyseProgram(const CompileSetup &Setup, const RunOptions &Options,
               const CrossTuSettings &Settings, CrossTuStats &Stats) {
  std::shared_ptr<SummaryDatabase> DB =
      sharedSummaryDatabase(Settings.Directory);
  std::string Message;
  SummaryDatabase::OpenStatus Status = DB->open(/*Create=*/true, Message);
  // A folder that memreview did not make is never touched; one named on
  // purpose is a mistake to point out before anything runs.
  if (Status == SummaryDatabase::OpenStatus::Foreign && Settings.Explicit)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "--summary-db: " + Message +
            "; memreview neither uses nor changes it: give it a directory of "
            "its own");
  if (Status == SummaryDatabase::OpenStatus::Foreign)
    Message += "; memreview neither uses nor changes it, and analyses each "
               "file on its own";
  if (!Message.empty())
    Stats.Warnings.push_back(Message);
  if (Status != SummaryDatabase::OpenStatus::Ready) {
    // Never fatal: the analysis goes on, one unit at a time.
    overrideSummaryDatabase(std::string());
    return analyseAll(Setup, Options);
  }
  Stats.Used = true;
  DB->setWarnAboutStaleEntries(false);
  overrideSummaryDatabase(Settings.Directory);
  setRecordUnits(true);
  std::vector<UnitResult> Results =
      Program(Setup, Options, Settings, Stats, DB).run();
  setRecordUnits(false);
  return Results;
}

} // namespace memreview
