//===--- Diff.cpp - the changed lines of a unified diff -------------------===//
//
// Part of memreview.
//
// Accepted: what `git diff` prints (any -U, with or without its a/ b/
// prefixes, quoted paths, renames, mode changes, binary files), GNU `diff -u`
// output (a tab and a timestamp after the paths), and text before the first
// file (a commit message from `git show` or `git format-patch`). Rejected
// with one line: text with no file header at all, a '---' line without its
// '+++', a malformed hunk header, a hunk before any file, a hunk body line
// that is neither context, addition, removal nor '\ No newline', and a diff
// that ends inside a hunk.
//
//===----------------------------------------------------------------------===//

#include "Diff.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

namespace memreview {

bool ChangedLines::contains(llvm::StringRef Path, unsigned Line) const {
  auto It = Files.find(Path);
  return It != Files.end() && It->second.count(Line);
}

namespace {

/// Reads the lines of the diff one by one, counting them for errors.
class LineReader {
public:
  explicit LineReader(llvm::StringRef Text) : Rest(Text) {}
  bool atEnd() const { return Rest.empty(); }
  llvm::StringRef peek() const {
    llvm::StringRef Line = Rest.split('\n').first;
    Line.consume_back("\r");
    return Line;
  }
  llvm::StringRef next() {
    llvm::StringRef Line;
    std::tie(Line, Rest) = Rest.split('\n');
    Line.consume_back("\r");
    ++Number;
    return Line;
  }
  unsigned number() const { return Number; }

private:
  llvm::StringRef Rest;
  unsigned Number = 0;
};

llvm::Error diffError(unsigned Line, const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "line " + llvm::Twine(Line) + ": " + Message);
}

/// The path of a '--- ' or '+++ ' line: unquoted when git quoted it, without
/// the tab and timestamp of GNU diff.
std::string headerPath(llvm::StringRef Text) {
  if (!Text.starts_with("\"")) {
    size_t Tab = Text.find('\t');
    return Text.substr(0, Tab).rtrim().str();
  }
  std::string Path;
  for (size_t I = 1; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '"')
      break;
    if (C != '\\' || I + 1 >= Text.size()) {
      Path += C;
      continue;
    }
    char E = Text[++I];
    if (E >= '0' && E <= '7') {
      unsigned Value = 0;
      for (unsigned N = 0; N < 3 && I < Text.size() && Text[I] >= '0' &&
                           Text[I] <= '7';
           ++N, ++I)
        Value = Value * 8 + (Text[I] - '0');
      --I;
      Path += static_cast<char>(Value);
      continue;
    }
    switch (E) {
    case 'n': Path += '\n'; break;
    case 't': Path += '\t'; break;
    case 'r': Path += '\r'; break;
    case 'a': Path += '\a'; break;
    case 'b': Path += '\b'; break;
    case 'f': Path += '\f'; break;
    case 'v': Path += '\v'; break;
    default: Path += E; break;
    }
  }
  return Path;
}

/// Parses "@@ -a[,b] +c[,d] @@..." into the new side's first line and the
/// line counts of both sides.
bool parseHunkHeader(llvm::StringRef Line, unsigned &OldCount,
                     unsigned &NewStart, unsigned &NewCount) {
  if (!Line.consume_front("@@ -"))
    return false;
  auto ParseRange = [](llvm::StringRef &Text, unsigned &Start,
                       unsigned &Count) {
    size_t End = Text.find_first_not_of("0123456789,");
    llvm::StringRef Range = Text.substr(0, End);
    Text = Text.substr(Range.size());
    auto [First, Length] = Range.split(',');
    Count = 1;
    if (First.getAsInteger(10, Start))
      return false;
    if (Range.contains(',') && Length.getAsInteger(10, Count))
      return false;
    return true;
  };
  unsigned OldStart = 0;
  if (!ParseRange(Line, OldStart, OldCount) || !Line.consume_front(" +") ||
      !ParseRange(Line, NewStart, NewCount) || !Line.consume_front(" @@"))
    return false;
  return true;
}

} // namespace

llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Text) {
  ChangedLines Result;
  LineReader Reader(Text);
  bool SawFile = false;
  // The file whose hunks follow: nullptr before the first file, and for a
  // file the diff deletes.
  std::set<unsigned> *Current = nullptr;
  bool InFile = false;
  bool OldHasPrefix = false;

  while (!Reader.atEnd()) {
    llvm::StringRef Line = Reader.next();
    unsigned LineNumber = Reader.number();

    if (Line.starts_with("diff --git ") || Line.starts_with("diff -")) {
      SawFile = true;
      InFile = true;
      Current = nullptr;
      continue;
    }
    if (Line.starts_with("--- ") && Reader.peek().starts_with("+++ ")) {
      std::string Old = headerPath(Line.drop_front(4));
      std::string New = headerPath(Reader.next().drop_front(4));
      SawFile = true;
      InFile = true;
      OldHasPrefix = llvm::StringRef(Old).starts_with("a/") ||
                     Old == "/dev/null";
      Current = nullptr;
      if (New == "/dev/null")
        continue;
      llvm::StringRef Path(New);
      if (OldHasPrefix)
        Path.consume_front("b/");
      Current = &Result.Files[Path];
      continue;
    }
    if (Line.starts_with("--- ") && InFile && !Current)
      return diffError(LineNumber, "'---' is not followed by a '+++' line");
    if (Line.starts_with("@@")) {
      if (!InFile)
        return diffError(LineNumber, "a hunk before any file header "
                                     "('--- a/<path>', '+++ b/<path>')");
      unsigned OldCount = 0, NewStart = 0, NewCount = 0;
      if (!parseHunkHeader(Line, OldCount, NewStart, NewCount))
        return diffError(LineNumber, "malformed hunk header '" + Line +
                                         "' (expected '@@ -<line>[,<count>] "
                                         "+<line>[,<count>] @@')");
      unsigned NewLine = NewStart;
      while (OldCount || NewCount) {
        if (Reader.atEnd())
          return diffError(Reader.number(),
                           "the diff ends inside the hunk that starts on "
                           "line " +
                               llvm::Twine(LineNumber));
        llvm::StringRef Body = Reader.next();
        char Kind = Body.empty() ? ' ' : Body.front();
        if (Kind == ' ' && OldCount && NewCount) {
          --OldCount;
          --NewCount;
          ++NewLine;
        } else if (Kind == '-' && OldCount) {
          --OldCount;
        } else if (Kind == '+' && NewCount) {
          if (Current)
            Current->insert(NewLine);
          --NewCount;
          ++NewLine;
        } else if (Kind == '\\') {
          // "\ No newline at end of file"
        } else {
          return diffError(Reader.number(),
                           "unexpected line in the hunk that starts on line " +
                               llvm::Twine(LineNumber) + " (" +
                               llvm::Twine(OldCount) + " removed or context "
                               "and " +
                               llvm::Twine(NewCount) +
                               " added or context lines still expected)");
        }
      }
      continue;
    }
    // Anything else (git's extended headers, "\ No newline at end of file",
    // "Binary files ... differ", a commit message before the first file, a
    // patch signature) carries no changed line.
  }
  if (!SawFile && !Text.trim().empty())
    return diffError(1, "not a unified diff: it has no file header ('diff "
                        "--git', or '--- a/<path>' and '+++ b/<path>')");
  return Result;
}

} // namespace memreview
