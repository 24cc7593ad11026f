//===--- FindingsCache.cpp - a unit's findings kept in the database -------===//
//
// Part of memreview. The findings are clang's tooling::Diagnostic, in the
// YAML of clang/Tooling/DiagnosticsYaml.h (what clang-tidy --export-fixes
// writes), with what ClangTidyError adds around each.
//
//===----------------------------------------------------------------------===//

#include "FindingsCache.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"

using clang::tidy::ClangTidyError;

namespace memreview {
namespace {

struct KeptError {
  clang::tooling::Diagnostic Diagnostic;
  bool WarningAsError = false;
  std::vector<std::string> Aliases;
};

struct KeptDefinitions {
  std::string File;
  std::vector<Definition> Definitions;
};

struct KeptUnit {
  std::string Stamp;
  std::optional<std::string> ParseError;
  unsigned SuppressedByNolint = 0;
  std::vector<KeptError> Findings, Suppressed;
  std::vector<KeptDefinitions> Definitions;
};

std::vector<KeptError> keep(const std::vector<ClangTidyError> &Errors) {
  std::vector<KeptError> Out;
  for (const ClangTidyError &E : Errors)
    Out.push_back({static_cast<const clang::tooling::Diagnostic &>(E),
                   E.IsWarningAsError, E.EnabledDiagnosticAliases});
  return Out;
}

std::vector<ClangTidyError> restore(std::vector<KeptError> &Kept) {
  std::vector<ClangTidyError> Out;
  for (KeptError &K : Kept) {
    ClangTidyError E(K.Diagnostic.DiagnosticName, K.Diagnostic.DiagLevel,
                     K.Diagnostic.BuildDirectory, K.WarningAsError);
    static_cast<clang::tooling::Diagnostic &>(E) = std::move(K.Diagnostic);
    E.EnabledDiagnosticAliases = std::move(K.Aliases);
    Out.push_back(std::move(E));
  }
  return Out;
}

} // namespace
} // namespace memreview

LLVM_YAML_IS_SEQUENCE_VECTOR(memreview::KeptError)
LLVM_YAML_IS_SEQUENCE_VECTOR(memreview::KeptDefinitions)
LLVM_YAML_IS_SEQUENCE_VECTOR(memreview::Definition)

namespace llvm {
namespace yaml {

template <> struct MappingTraits<memreview::KeptError> {
  static void mapping(IO &Io, memreview::KeptError &E) {
    Io.mapRequired("Diagnostic", E.Diagnostic);
    Io.mapOptional("WarningAsError", E.WarningAsError, false);
    Io.mapOptional("Aliases", E.Aliases);
  }
};

template <> struct MappingTraits<memreview::Definition> {
  static void mapping(IO &Io, memreview::Definition &D) {
    Io.mapRequired("Begin", D.Begin);
    Io.mapRequired("End", D.End);
    Io.mapRequired("Name", D.Name);
  }
};

template <> struct MappingTraits<memreview::KeptDefinitions> {
  static void mapping(IO &Io, memreview::KeptDefinitions &D) {
    Io.mapRequired("File", D.File);
    Io.mapOptional("Definitions", D.Definitions);
  }
};

template <> struct MappingTraits<memreview::KeptUnit> {
  static void mapping(IO &Io, memreview::KeptUnit &U) {
    Io.mapRequired("Stamp", U.Stamp);
    Io.mapOptional("ParseError", U.ParseError);
    Io.mapOptional("SuppressedByNolint", U.SuppressedByNolint, 0u);
    Io.mapOptional("Findings", U.Findings);
    Io.mapOptional("Suppressed", U.Suppressed);
    Io.mapOptional("Definitions", U.Definitions);
  }
};

} // namespace yaml
} // namespace llvm

namespace memreview {

bool writeFindings(llvm::StringRef Path, llvm::StringRef Stamp,
                   const UnitResult &Result, std::string &Error) {
  KeptUnit U;
  U.Stamp = Stamp.str();
  U.ParseError = Result.ParseError;
  U.SuppressedByNolint = Result.SuppressedByNolint;
  U.Findings = keep(Result.Findings);
  U.Suppressed = keep(Result.Suppressed);
  for (const auto &[File, Definitions] : Result.Definitions)
    U.Definitions.push_back({File, Definitions});
  std::string Text;
  {
    llvm::raw_string_ostream OS(Text);
    llvm::yaml::Output Out(OS);
    Out << U;
  }
  return clang::tidy::memreview::engine::writeFileAtomically(Path, Text,
                                                              Error);
}

std::optional<UnitResult> readFindings(llvm::StringRef Path,
                                       llvm::StringRef Stamp,
                                       llvm::StringRef File) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return std::nullopt;
  KeptUnit U;
  // A damaged file is only a reason to analyse the unit again: no message.
  llvm::yaml::Input In((*Buffer)->getBuffer(), nullptr,
                       [](const llvm::SMDiagnostic &, void *) {});
  In >> U;
  if (In.error() || U.Stamp != Stamp)
    return std::nullopt;
  UnitResult R;
  R.File = File.str();
  R.ParseError = std::move(U.ParseError);
  R.SuppressedByNolint = U.SuppressedByNolint;
  R.Findings = restore(U.Findings);
  R.Suppressed = restore(U.Suppressed);
  for (KeptDefinitions &D : U.Definitions)
    R.Definitions[D.File] = std::move(D.Definitions);
  return R;
}

} // namespace memreview
