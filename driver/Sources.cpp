//===--- Sources.cpp - file text, positions and paths of findings ---------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Sources.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>

namespace memreview {

const SourceCache::Entry *SourceCache::load(llvm::StringRef File) {
  auto [It, Inserted] = Files.try_emplace(File);
  if (!Inserted)
    return It->second.get();
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return nullptr;
  auto New = std::make_unique<Entry>();
  New->Buffer = std::move(*Buffer);
  llvm::StringRef Text = New->Buffer->getBuffer();
  New->LineStarts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      New->LineStarts.push_back(I + 1);
  It->second = std::move(New);
  return It->second.get();
}

/// UTF-16 code units of the UTF-8 text \p Bytes; a malformed byte counts as
/// one unit.
static unsigned utf16Length(llvm::StringRef Bytes) {
  unsigned Units = 0;
  for (size_t I = 0; I < Bytes.size();) {
    unsigned char Lead = Bytes[I];
    size_t Length = Lead < 0x80 ? 1 : (Lead >> 5) == 0x6 ? 2
                                  : (Lead >> 4) == 0xE   ? 3
                                  : (Lead >> 3) == 0x1E  ? 4
                                                         : 1;
    if (I + Length > Bytes.size())
      Length = 1;
    Units += Length == 4 ? 2 : 1;
    I += Length;
  }
  return Units;
}

std::optional<Position> SourceCache::position(llvm::StringRef File,
                                              unsigned Offset) {
  const Entry *E = load(File);
  if (!E || Offset > E->Buffer->getBufferSize())
    return std::nullopt;
  auto Next =
      std::upper_bound(E->LineStarts.begin(), E->LineStarts.end(), Offset);
  unsigned Line = Next - E->LineStarts.begin();
  unsigned LineStart = E->LineStarts[Line - 1];
  llvm::StringRef Before =
      E->Buffer->getBuffer().slice(LineStart, Offset);
  return Position{Line, Offset - LineStart + 1, utf16Length(Before) + 1};
}

std::optional<unsigned> SourceCache::offset(llvm::StringRef File,
                                            unsigned Line, unsigned Column) {
  const Entry *E = load(File);
  if (!E || Line == 0 || Line > E->LineStarts.size() || Column == 0)
    return std::nullopt;
  unsigned Offset = E->LineStarts[Line - 1] + Column - 1;
  if (Offset > E->Buffer->getBufferSize())
    return std::nullopt;
  return Offset;
}

llvm::StringRef SourceCache::line(llvm::StringRef File, unsigned Line) {
  const Entry *E = load(File);
  if (!E || Line == 0 || Line > E->LineStarts.size())
    return {};
  llvm::StringRef Text = E->Buffer->getBuffer();
  unsigned Start = E->LineStarts[Line - 1];
  unsigned End = Line < E->LineStarts.size() ? E->LineStarts[Line] - 1
                                             : Text.size();
  llvm::StringRef Result = Text.slice(Start, End);
  Result.consume_back("\r");
  return Result;
}

unsigned SourceCache::lineCount(llvm::StringRef File) {
  const Entry *E = load(File);
  if (!E)
    return 0;
  unsigned Count = E->LineStarts.size();
  if (E->Buffer->getBuffer().ends_with("\n"))
    --Count;
  return Count;
}

std::optional<llvm::StringRef> SourceCache::text(llvm::StringRef File) {
  const Entry *E = load(File);
  if (!E)
    return std::nullopt;
  return E->Buffer->getBuffer();
}

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> Result(Path);
  if (llvm::sys::path::is_relative(Result)) {
    if (Base.empty())
      llvm::sys::fs::make_absolute(Result);
    else
      llvm::sys::fs::make_absolute(Base, Result);
  }
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

std::string defaultSourceRoot() {
  llvm::SmallString<256> Current;
  if (llvm::sys::fs::current_path(Current))
    return ".";
  std::string WorkingDirectory(Current);
  while (!Current.empty()) {
    llvm::SmallString<256> Git(Current);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return std::string(Current);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Current);
    if (Parent == Current)
      break;
    Current = Parent;
  }
  return WorkingDirectory;
}

static std::optional<std::string> lexicallyRelative(llvm::StringRef Path,
                                                    llvm::StringRef Root) {
  while (Root.size() > 1 && Root.ends_with("/"))
    Root = Root.drop_back();
  if (!Path.consume_front(Root))
    return std::nullopt;
  if (Root != "/" && !Path.consume_front("/"))
    return std::nullopt;
  if (Path.empty())
    return std::nullopt;
  return llvm::sys::path::convert_to_slash(Path);
}

std::optional<std::string> relativeTo(llvm::StringRef Path,
                                      llvm::StringRef Root) {
  if (auto Relative = lexicallyRelative(Path, Root))
    return Relative;
  llvm::SmallString<256> RealPath, RealRoot;
  if (llvm::sys::fs::real_path(Path, RealPath) ||
      llvm::sys::fs::real_path(Root, RealRoot))
    return std::nullopt;
  return lexicallyRelative(RealPath, RealRoot);
}

/// Percent-encodes what RFC 3986 does not allow unescaped in a path.
static std::string encodePath(llvm::StringRef Path) {
  std::string Result;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/!$&'()*+,;=@").contains(C)) {
      Result += C;
      continue;
    }
    Result += '%';
    Result += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    Result += llvm::hexdigit(C & 0xF, /*LowerCase=*/false);
  }
  return Result;
}

std::string fileUri(llvm::StringRef AbsolutePath, bool Directory) {
  std::string Path = llvm::sys::path::convert_to_slash(AbsolutePath);
  if (Directory && !llvm::StringRef(Path).ends_with("/"))
    Path += '/';
  return "file://" + encodePath(Path);
}

std::string relativeUri(llvm::StringRef RelativePath) {
  return encodePath(llvm::sys::path::convert_to_slash(RelativePath));
}

} // namespace memreview
