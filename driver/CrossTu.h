//===--- CrossTu.h - whole-program analysis with the summary database -*- C++ -*-===//
//
// Part of memreview. Runs the units of a compile database so that every unit
// sees the summaries of the functions the others define: each unit is
// analysed once, records what it defines and what it read, and units whose
// reads changed meanwhile run again, until nothing changes. docs/summary-db.md
// describes the scheme.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_CROSSTU_H
#define MEMREVIEW_DRIVER_CROSSTU_H

#include "Runner.h"
#include <string>
#include <vector>

namespace memreview {

struct CrossTuSettings {
  /// The database directory.
  std::string Directory;
  /// The directory was named (--summary-db): one that is not a memreview
  /// database is an error rather than a reason to go without it.
  bool Explicit = false;
  /// Rounds before the analysis gives up on units whose facts keep
  /// changing (recursion across files): they are analysed without the
  /// database.
  unsigned MaxRounds = 6;
  /// Keep the findings of the units asked for in the database, and reuse
  /// them for a unit asked for that is up to date (not with --fix).
  bool ReuseFindings = true;
};

struct CrossTuStats {
  /// Whether the run used the database (else a warning says why).
  bool Used = false;
  /// Units of the program (the compile database's files and the files
  /// asked for).
  unsigned Units = 0;
  /// Units whose summaries were up to date and which were not asked for,
  /// or were asked for and whose findings were kept: not analysed at all.
  unsigned UpToDate = 0;
  /// Analyses run: for findings, for summaries only, and again because what
  /// a unit read changed after it ran.
  unsigned FindingRuns = 0, SummaryRuns = 0, Reruns = 0;
  unsigned Rounds = 0;
  /// Units analysed without the database because their facts did not settle.
  unsigned Unsettled = 0;
  /// Units that failed to compile (as last analysed), and those of them
  /// that were not analysed because nothing changed since they failed.
  unsigned Failed = 0, FailedUnchanged = 0;
  /// Problems with the database (one line each).
  std::vector<std::string> Warnings;
};

/// Analyses Setup.Files (for findings) and every other unit of the compile
/// database that needs it (for summaries), with the database of
/// \p Settings. Results come back in the order of Setup.Files. The only
/// error: an explicit directory that is not a memreview database.
llvm::Expected<std::vector<UnitResult>>
analyseProgram(const CompileSetup &Setup, const RunOptions &Options,
               const CrossTuSettings &Settings, CrossTuStats &Stats);

/// A hash of everything that can change what the analysis of a unit finds:
/// memreview itself and \p Command, the unit's compile commands as run and
/// its configuration (EffectiveCommands::describe).
std::string commandHash(llvm::StringRef Command);

/// The name of a unit in the database: the real path of its main file
/// (symbolic links resolved), so that one file is one unit whatever path
/// names it.
std::string unitKey(llvm::StringRef File);

} // namespace memreview

#endif
