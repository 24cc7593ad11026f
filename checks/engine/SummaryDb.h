//===--- SummaryDb.h - summaries across translation units -------*- C++ -*-===//
//
// Part of memreview. The summary database lets the engine follow calls into
// functions defined in other translation units of the program. The driver
// writes it while it analyses the units of a compile database (one entry per
// function defined in a unit's main file, keyed by the declaration's USR);
// the engine, in the driver or in the clang-tidy plugin, reads the entries
// of the functions a translation unit calls, one small file each, so that its
// memory grows with what the unit calls, not with the program.
// docs/summary-db.md describes the format.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_SUMMARYDB_H
#define MEMREVIEW_CHECKS_ENGINE_SUMMARYDB_H

#include "engine/Summary.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::memreview::engine {

/// The format version; a database of another version is not read.
constexpr int64_t SummaryDbVersion = 2;

/// The USR of a function (or nothing for declarations that have none).
std::optional<std::string> usrOf(const Decl &D);

/// A summary as JSON. Fields are written by name and sites as file, line and
/// column; both are found again in the translation unit that reads it.
llvm::json::Value serializeSummary(const FunctionSummary &Summary,
                                   const SourceManager &SM);

/// The summary of \p JSON for the function \p FD as declared in the reading
/// translation unit, or nothing when it cannot be trusted there (a field that
/// does not exist, a malformed entry).
std::optional<FunctionSummary> deserializeSummary(const llvm::json::Value &JSON,
                                                  const FunctionDecl &FD,
                                                  SourceManager &SM);

/// The summary as a caller of a virtual method sees it: what an override does
/// to its own object (another class's members) is left out, and a
/// parameter's object it keeps there escapes.
llvm::json::Value withoutThisEffects(const llvm::json::Value &Summary);

/// The same summary with its source locations left out: what two overrides
/// must share to agree.
std::string summaryShape(const llvm::json::Value &Summary);

/// A file a unit read (or a directory it searched), as it was when the unit
/// was analysed.
struct UnitInput {
  std::string Path;
  uint64_t Size = 0;
  /// Modification time, in nanoseconds since the epoch.
  int64_t ModTime = 0;
  /// For an input modified shortly before the analysis started (an edit in
  /// the same tick of the file system's clock would keep its time): a hash
  /// of its contents as the unit read them (of its sorted entry names, for a
  /// directory). Empty otherwise.
  std::string Hash;
};

/// The input \p Path as it is now; \p Read is the text the unit read, when
/// known. Inputs modified after \p RacySince (less a few seconds) carry a
/// hash of their contents. Nothing when \p Path cannot be examined.
std::optional<UnitInput>
describeInput(llvm::StringRef Path,
              std::chrono::system_clock::time_point RacySince,
              std::optional<llvm::StringRef> Read = std::nullopt);

/// Whether \p Input is still as described (size, time and, when there is
/// one, contents).
bool inputUnchanged(const UnitInput &Input);

/// What the analysis of one translation unit leaves in the database.
struct UnitRecord {
  /// The unit's main file (absolute).
  std::string File;
  /// Hash of the compile command (the driver's business; empty in tests).
  std::string CommandHash;
  /// The files it read, system headers excepted.
  std::vector<UnitInput> Inputs;
  /// USR and summary of every function defined in its main file with
  /// external linkage.
  std::vector<std::pair<std::string, llvm::json::Value>> Functions;
  /// (overridden method's USR, overriding method's USR) for every override
  /// with a body the unit saw; in a record read back from its manifest,
  /// their usrKeys.
  std::vector<std::pair<std::string, std::string>> Overrides;
  /// What the unit read from the database: a key ("f" or "o" and the
  /// usrKey of a function or of an overridden method) and the digest of what
  /// it found (see SummaryDatabase::digest).
  std::vector<std::pair<std::string, std::string>> Consulted;
  /// The unit failed to compile: it defines nothing, and Inputs are what it
  /// read before it failed (and the directories it searched for headers).
  bool Failed = false;
};

/// The on-disk database: a directory. Reads are safe from several threads;
/// every file is written to a temporary file and renamed into place, so
/// overlapping runs never see half an entry.
class SummaryDatabase {
public:
  explicit SummaryDatabase(std::string Directory);

  const std::string &directory() const { return Directory; }

  enum class OpenStatus { Ready, Missing, WrongVersion, Unreadable, Foreign };
  /// Checks the directory and its version. With \p Create, a missing
  /// directory is created and one of another version is emptied and
  /// re-initialised, but only when it is recognisably a memreview database
  /// (or empty): anything else is Foreign and left alone. \p Message
  /// explains a status other than Ready.
  OpenStatus open(bool Create, std::string &Message);

  /// The entry of \p Usr: its summary (JSON) when the entry exists, is well
  /// formed, and its unit is current (its inputs are unchanged on disk and it
  /// still defines the function).
  std::optional<llvm::json::Value> lookup(llvm::StringRef Usr);

  /// The USRs of the methods registered as overriding \p BaseUsr by current
  /// units, sorted; nothing when a registration cannot be trusted (a stale
  /// unit).
  std::optional<std::vector<std::string>> overridesOf(llvm::StringRef BaseUsr);

  /// What a unit that consults \p Key ("f" or "o" and a usrKey) finds now,
  /// as a short digest: the driver compares it with what the unit found when
  /// it ran to tell whether the unit must run again.
  std::string digest(llvm::StringRef Key);

  /// Writes the entries, override registrations and the manifest of a unit
  /// (entries first, so a reader sees either the old manifest, which does not
  /// vouch for new entries, or the new one). Unchanged entries are not
  /// rewritten.
  bool writeUnit(const UnitRecord &Unit, std::string &Error);

  /// The manifest of the unit \p File, if any.
  std::optional<UnitRecord> readManifest(llvm::StringRef File);

  /// Whether the unit's files are unchanged since its manifest was written.
  bool unitIsCurrent(llvm::StringRef File);

  /// Whether every entry the unit's manifest lists is on disk, well formed
  /// and still the unit's (or a conflict it takes part in that still
  /// stands: at least two of the units it lists are current and define the
  /// function), and every override it registers has a record of a current
  /// unit that registers it.
  bool entriesIntact(const UnitRecord &Unit);

  /// The paths of every manifest in the database (units/*.json).
  std::vector<std::string> manifestPaths();

  /// Where the manifest of the unit \p File is.
  std::string unitPath(llvm::StringRef File) const;

  /// Where the driver keeps the findings of the unit \p File
  /// (findings/<the manifest's name>.yaml).
  std::string findingsPath(llvm::StringRef File) const;

  /// Removes the manifest at \p ManifestPath and the entries and override
  /// records that its unit wrote and still owns (a conflict it takes part in
  /// stays: it no longer stands without the unit).
  void dropManifest(llvm::StringRef ManifestPath);

  /// Forgets what was read from disk (after a phase of writes).
  void refresh();

  /// The digest of a lookup's result, as digest() gives it.
  static std::string digestOf(const std::optional<llvm::json::Value> &Summary);

  /// Whether finding an out-of-date entry is worth a warning (not while the
  /// driver is updating the database: it expects them).
  void setWarnAboutStaleEntries(bool Warn) { WarnStale = Warn; }

  /// Problems met since the last call (corrupt or stale entries), each
  /// once, as one line each.
  std::vector<std::string> takeWarnings();

  /// Numbers for --stats and the benchmark.
  struct Counters {
    unsigned Lookups = 0, Found = 0, Stale = 0, Corrupt = 0;
  };
  Counters counters();

private:
  struct UnitState {
    bool Current = false;
    /// The manifest exists but cannot be read.
    bool Corrupt = false;
    llvm::StringMap<bool> Defines;
  };
  std::string functionPath(llvm::StringRef Key) const;
  std::string overridesDir(llvm::StringRef BaseKey) const;
  std::optional<llvm::json::Value>
  lookupKey(llvm::StringRef Key, std::optional<llvm::StringRef> Usr);
  std::optional<std::vector<std::string>> overridesOfKey(llvm::StringRef BaseKey);
  /// Reads (and caches) the state of a unit. Called with the lock held.
  const UnitState &unitState(llvm::StringRef File);
  void warnOnce(const std::string &Key, const std::string &Message);

  std::string Directory;
  std::mutex Mutex;
  /// Serialises the writes of function entries within the process.
  std::mutex WriteMutex;
  /// The units of this process that wrote each entry (by key).
  llvm::StringMap<std::vector<std::string>> WrittenBy;
  llvm::StringMap<UnitState> Units;
  llvm::StringMap<bool> Warned;
  std::vector<std::string> Warnings;
  Counters Count;
  bool WarnStale = true;
};

/// The files a translation unit read, system headers excepted; those
/// modified after \p RacySince carry a hash of what the unit read.
std::vector<UnitInput>
unitInputs(const SourceManager &SM,
           std::chrono::system_clock::time_point RacySince);

/// Writes \p Contents to \p Path through a temporary file and a rename.
bool writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents,
                         std::string &Error);

/// A hex digest of \p Data (for file names and digests).
std::string hashText(llvm::StringRef Data);

/// The short key of a USR (16 hex digits): entry file names and the keys
/// of a unit's reads.
std::string usrKey(llvm::StringRef Usr);

//===-- How a run uses the database -------------------------------------===//

/// The database every translation unit of this process reads (and, in the
/// driver, writes), opened once per directory and shared by all threads.
std::shared_ptr<SummaryDatabase> sharedSummaryDatabase(llvm::StringRef Dir);

/// The driver's say over the database, for the whole process: when set, the
/// checks' SummaryDatabase option and the automatic discovery are ignored,
/// and the engine uses \p Dir (empty: no database at all).
void overrideSummaryDatabase(std::optional<std::string> Dir);
const std::optional<std::string> &summaryDatabaseOverride();

/// Whether the engine records, for each translation unit, the UnitRecord
/// that the driver writes (set by the driver).
void setRecordUnits(bool Record);
bool recordUnits();

/// The record of the last translation unit analysed on this thread (empty
/// when the engine did not run or recording is off).
std::optional<UnitRecord> takeUnitRecord();

} // namespace clang::tidy::memreview::engine

#endif
