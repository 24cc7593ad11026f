//===--- Config.h - configuration sources of a run -------------*- C++ -*-===//
//
// Part of memreview. Builds clang-tidy's options providers the way clang-tidy
// does, with two differences: each malformed configuration file is reported
// once, on one line (clang-tidy prints the YAML error with a source excerpt
// every time it reads the file), and a provider reads files through the file
// system of the task that uses it, so that relative paths resolve against the
// compile command's directory.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_DRIVER_CONFIG_H
#define MEMREVIEW_DRIVER_CONFIG_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace memreview {

/// Malformed .clang-tidy files met while reading options, each once. Shared by
/// the providers of all tasks.
class ConfigFileErrors {
public:
  void record(llvm::StringRef File, llvm::StringRef Message);
  /// One line per malformed file, sorted by path.
  std::vector<std::string> messages() const;

private:
  mutable std::mutex Mutex;
  std::map<std::string, std::string> ByFile;
};

/// Parses configuration text in clang-tidy's YAML format. The error is one
/// line: "line <n>, column <n>: <message>".
llvm::Expected<clang::tidy::ClangTidyOptions>
parseConfigText(llvm::StringRef Text, llvm::StringRef Source);

/// What the options of every file are composed of: defaults, then .clang-tidy
/// files (or \c Config, from --config / --config-file), then the command line.
struct ConfigSetup {
  clang::tidy::ClangTidyGlobalOptions Global;
  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  std::optional<clang::tidy::ClangTidyOptions> Config;
  std::shared_ptr<ConfigFileErrors> Errors =
      std::make_shared<ConfigFileErrors>();
};

/// A new options provider that reads through \p FS (whose working directory
/// resolves relative file names) and records malformed .clang-tidy files in
/// \c Setup.Errors instead of printing them.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const ConfigSetup &Setup,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

} // namespace memreview

#endif
