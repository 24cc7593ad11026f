//===--- Config.cpp - configuration sources of a run ----------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Config.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SourceMgr.h"
#include <system_error>

using namespace clang::tidy;

namespace memreview {

void ConfigFileErrors::record(llvm::StringRef File, llvm::StringRef Message) {
  std::lock_guard<std::mutex> Lock(Mutex);
  ByFile.emplace(File.str(), Message.str());
}

std::vector<std::string> ConfigFileErrors::messages() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<std::string> Result;
  for (const auto &[File, Message] : ByFile)
    Result.push_back(Message);
  return Result;
}

/// The first extension of HeaderFileExtensions or ImplementationFileExtensions
/// that clang-tidy rejects (it accepts letters and digits only), described.
/// clang-tidy 19 reports such an extension through a diagnostics engine that
/// does not exist yet when it reads the options, and crashes.
static std::optional<std::string>
invalidFileExtension(const ClangTidyOptions &Options) {
  const std::pair<llvm::StringRef, const std::optional<std::vector<std::string>> *>
      Lists[] = {{"HeaderFileExtensions", &Options.HeaderFileExtensions},
                 {"ImplementationFileExtensions",
                  &Options.ImplementationFileExtensions}};
  for (const auto &[Key, List] : Lists) {
    if (!*List)
      continue;
    for (const std::string &Extension : **List)
      if (!llvm::all_of(llvm::StringRef(Extension).trim(), llvm::isAlnum))
        return (Key + ": '" + Extension +
                "' is not a file extension (letters and digits only, no dot)")
            .str();
  }
  return std::nullopt;
}

/// Parses \p Buffer; on failure, \p Error is "line <n>, column <n>: <message>"
/// of the first error the YAML parser reported.
static llvm::ErrorOr<ClangTidyOptions> parseQuietly(llvm::MemoryBufferRef Buffer,
                                                    std::string &Error) {
  std::string First;
  llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
      Buffer, [&First](const llvm::SMDiagnostic &Diag) {
        if (!First.empty() || Diag.getKind() != llvm::SourceMgr::DK_Error)
          return;
        llvm::StringRef Message = Diag.getMessage();
        First = ("line " + llvm::Twine(Diag.getLineNo()) + ", column " +
                 llvm::Twine(Diag.getColumnNo() + 1) + ": " +
                 Message.take_front(1).lower() + Message.drop_front(1))
                    .str();
      });
  if (!Parsed) {
    Error = First.empty() ? Parsed.getError().message() : First;
    return Parsed;
  }
  if (std::optional<std::string> Bad = invalidFileExtension(*Parsed)) {
    Error = *Bad;
    return std::make_error_code(std::errc::invalid_argument);
  }
  return Parsed;
}

llvm::Expected<ClangTidyOptions> parseConfigText(llvm::StringRef Text,
                                                 llvm::StringRef Source) {
  std::string Error;
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      parseQuietly(llvm::MemoryBufferRef(Text, Source), Error);
  if (!Parsed)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Error);
  return std::move(*Parsed);
}

namespace {

/// A clang-tidy provider (FileOptionsProvider or ConfigOptionsProvider) whose
/// .clang-tidy files are parsed by parseQuietly.
template <class Base> class QuietProvider : public Base {
public:
  template <class... Args>
  QuietProvider(std::shared_ptr<ConfigFileErrors> Errors, Args &&...Arguments)
      : Base(std::forward<Args>(Arguments)...) {
    this->ConfigHandlers.clear();
    this->ConfigHandlers.emplace_back(
        ".clang-tidy",
        [Errors](llvm::MemoryBufferRef Buffer)
            -> llvm::ErrorOr<ClangTidyOptions> {
          std::string Error;
          llvm::ErrorOr<ClangTidyOptions> Parsed = parseQuietly(Buffer, Error);
          if (Parsed)
            return Parsed;
          Errors->record(Buffer.getBufferIdentifier(),
                         ("invalid configuration file '" +
                          Buffer.getBufferIdentifier() + "': " + Error)
                             .str());
          // An empty error code: clang-tidy skips the file without printing
          // its own report (the driver prints the one recorded above).
          return std::error_code();
        });
  }
};

} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const ConfigSetup &Setup,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  if (Setup.Config)
    return std::make_unique<QuietProvider<ConfigOptionsProvider>>(
        Setup.Errors, Setup.Global, Setup.Defaults, *Setup.Config,
        Setup.Overrides, std::move(FS));
  return std::make_unique<QuietProvider<FileOptionsProvider>>(
      Setup.Errors, Setup.Global, Setup.Defaults, Setup.Overrides,
      std::move(FS));
}

} // namespace memreview
