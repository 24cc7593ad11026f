//===--- CompileDb.cpp - find, load and validate compile databases --------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "CompileDb.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang::tooling;

namespace memreview {

static llvm::Error inputError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

bool isHeaderFile(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  return Ext == ".h" || Ext == ".hh" || Ext == ".hpp" || Ext == ".hxx" ||
         Ext == ".inc" || Ext == ".ipp" || Ext == ".tcc";
}

static std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// A parser's message in the style of the driver's: "Missing key: \"file\"."
/// becomes "missing key: \"file\"".
static std::string diagnosticStyle(llvm::StringRef Message) {
  Message = Message.trim();
  Message.consume_back(".");
  return (Message.take_front(1).lower() + Message.drop_front(1)).str();
}

/// The closest compile_commands.json at or above \p Dir, or empty.
static std::string findDatabaseUpwards(llvm::StringRef Dir) {
  llvm::SmallString<256> Current(Dir);
  while (!Current.empty()) {
    llvm::SmallString<256> Candidate(Current);
    llvm::sys::path::append(Candidate, "compile_commands.json");
    if (llvm::sys::fs::exists(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Current);
    if (Parent == Current)
      break;
    Current = Parent;
  }
  return {};
}

static llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadJsonDatabase(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return inputError("cannot read compile database '" + Path +
                      "': " + Buffer.getError().message());
  if (llvm::StringRef((*Buffer)->getBuffer()).trim().empty())
    return inputError("compile database '" + Path + "' is empty");
  // JSONCompilationDatabase parses with the YAML parser, which prints syntax
  // errors with a source excerpt on stderr before it fails; the JSON parser
  // finds them first, and quietly.
  if (llvm::Expected<llvm::json::Value> Parsed =
          llvm::json::parse((*Buffer)->getBuffer());
      !Parsed) {
    // "[3:1, byte=20]: Expected , or ] after array element" becomes
    // "line 3, column 1: expected , or ] after array element".
    std::string Message = llvm::toString(Parsed.takeError());
    llvm::StringRef Text(Message);
    if (Text.consume_front("[")) {
      auto [Where, Rest] = Text.split("]: ");
      auto [Line, Column] = Where.split(',').first.split(':');
      unsigned ColumnNumber = 0;
      Column.getAsInteger(10, ColumnNumber);
      // The JSON parser reports the offset past the offending character,
      // which is its column counted from 1 (and 0 at the end of the text).
      Message = ("line " + Line + ", column " +
                 llvm::Twine(std::max(ColumnNumber, 1u)) + ": " +
                 diagnosticStyle(Rest))
                    .str();
    }
    return inputError("malformed compile database '" + Path + "': " +
                      Message);
  }
  std::string Message;
  std::unique_ptr<CompilationDatabase> DB = JSONCompilationDatabase::loadFromFile(
      Path, Message, JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    // The parser's message can span lines; keep the first.
    llvm::StringRef First = llvm::StringRef(Message).split('\n').first;
    return inputError("malformed compile database '" + Path +
                      "': " + diagnosticStyle(First));
  }
  if (DB->getAllFiles().empty())
    return inputError("compile database '" + Path + "' has no entries");
  // As clang-tidy loads it: '@file' arguments expanded, and '--target' /
  // '--driver-mode' deduced from compiler names like 'arm-none-eabi-g++'.
  return inferTargetAndDriverMode(
      expandResponseFiles(std::move(DB), llvm::vfs::getRealFileSystem()));
}

/// A database that answers for headers with the command of the closest
/// source file (the way clang-tidy and clangd treat headers), and for source
/// files only with their own entries.
class HeaderInferringDatabase : public CompilationDatabase {
  /// Lets the interpolator borrow the base database.
  class ForwardingDatabase : public CompilationDatabase {
  public:
    explicit ForwardingDatabase(const CompilationDatabase &Base) : Base(Base) {}
    std::vector<CompileCommand>
    getCompileCommands(llvm::StringRef File) const override {
      return Base.getCompileCommands(File);
    }
    std::vector<std::string> getAllFiles() const override {
      return Base.getAllFiles();
    }
    std::vector<CompileCommand> getAllCompileCommands() const override {
      return Base.getAllCompileCommands();
    }

  private:
    const CompilationDatabase &Base;
  };

public:
  explicit HeaderInferringDatabase(std::unique_ptr<CompilationDatabase> Base)
      : Base(std::move(Base)),
        // Built eagerly: worker threads query this database concurrently.
        Inferred(inferMissingCompileCommands(
            std::make_unique<ForwardingDatabase>(*this->Base))) {}
  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    auto Commands = Base->getCompileCommands(File);
    if (!Commands.empty() || !isHeaderFile(File))
      return Commands;
    return Inferred->getCompileCommands(File);
  }
  std::vector<std::string> getAllFiles() const override {
    return Base->getAllFiles();
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return Base->getAllCompileCommands();
  }

private:
  std::unique_ptr<CompilationDatabase> Base;
  std::unique_ptr<CompilationDatabase> Inferred;
};

llvm::Expected<CompileSetup>
loadCompileSetup(std::unique_ptr<CompilationDatabase> Fixed,
                 llvm::StringRef BuildPath,
                 const std::vector<std::string> &InputFiles,
                 bool SkipFilesWithoutCommand) {
  CompileSetup Setup;
  // The names as given, for messages, parallel to Setup.Files.
  std::vector<std::string> GivenNames;
  llvm::StringSet<> Given;
  for (const std::string &File : InputFiles) {
    std::string Abs = absolutePath(File);
    if (llvm::sys::fs::is_directory(Abs))
      return inputError("'" + File + "' is a directory, not a source file");
    if (!llvm::sys::fs::exists(Abs))
      return inputError("no such file: '" + File + "'");
    if (!llvm::sys::fs::is_regular_file(Abs))
      return inputError("'" + File + "' is not a regular file");
    // 'a.cpp ./a.cpp' is one file, analysed once, and so is 'a.cpp
    // link/a.cpp' when 'link' is a symbolic link to '.'.
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Abs, Real))
      Real = Abs;
    if (!Given.insert(Real).second)
      continue;
    Setup.Files.push_back(Abs);
    GivenNames.push_back(File);
  }

  if (Fixed) {
    if (Setup.Files.empty())
      return inputError("no input files: name the files to analyse before "
                        "'--'");
    Setup.Database = std::move(Fixed);
    Setup.Origin = "the command line after '--'";
    return Setup;
  }

  std::string DatabasePath;
  if (!BuildPath.empty()) {
    llvm::SmallString<256> Candidate(absolutePath(BuildPath));
    if (llvm::sys::path::filename(Candidate) != "compile_commands.json")
      llvm::sys::path::append(Candidate, "compile_commands.json");
    if (!llvm::sys::fs::exists(Candidate))
      return inputError("no compile_commands.json in '" + BuildPath +
                        "'; generate one (cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON"
                        ") or pass flags after '--'");
    DatabasePath = std::string(Candidate);
  } else {
    if (Setup.Files.empty())
      return inputError("no input files: name the files to analyse, or pass "
                        "-p <build dir> to analyse every file of its "
                        "compile_commands.json");
    DatabasePath =
        findDatabaseUpwards(llvm::sys::path::parent_path(Setup.Files.front()));
    if (DatabasePath.empty())
      return inputError("no compile_commands.json found above '" +
                        InputFiles.front() +
                        "'; pass -p <build dir> or compile flags after '--'");
  }

  auto DB = loadJsonDatabase(DatabasePath);
  if (!DB)
    return DB.takeError();
  Setup.Origin = DatabasePath;
  Setup.BuildDirectory = std::string(llvm::sys::path::parent_path(DatabasePath));

  if (Setup.Files.empty()) {
    // Every file of the database, each once, in a stable order.
    llvm::StringSet<> Seen;
    for (const std::string &File : (*DB)->getAllFiles())
      if (Seen.insert(File).second)
        Setup.Files.push_back(File);
    llvm::sort(Setup.Files);
  } else {
    std::vector<std::string> Kept;
    for (size_t I = 0; I < Setup.Files.size(); ++I) {
      if (isHeaderFile(Setup.Files[I]) ||
          !(*DB)->getCompileCommands(Setup.Files[I]).empty()) {
        Kept.push_back(Setup.Files[I]);
        continue;
      }
      if (!SkipFilesWithoutCommand)
        return inputError("'" + GivenNames[I] + "' has no compile command in '" +
                          DatabasePath + "'");
      Setup.Skipped.push_back(GivenNames[I]);
    }
    Setup.Files = std::move(Kept);
  }
  Setup.Database = std::make_unique<HeaderInferringDatabase>(std::move(*DB));
  return Setup;
}

} // namespace memreview
