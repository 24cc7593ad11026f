//===--- Baseline.cpp - results of an earlier SARIF log -------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "Fingerprint.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>

namespace memreview {

static llvm::Error baselineError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// "[3:1, byte=20]: Expected , or ] after array element" becomes
/// "line 3, column 1: expected , or ] after array element".
static std::string jsonErrorText(llvm::Error Error) {
  std::string Message = llvm::toString(std::move(Error));
  llvm::StringRef Text(Message);
  if (!Text.consume_front("["))
    return Message;
  auto [Where, Rest] = Text.split("]: ");
  auto [Line, Column] = Where.split(',').first.split(':');
  // The parser counts columns from 1, and says 0 at the end of the text.
  unsigned ColumnNumber = 0;
  Column.getAsInteger(10, ColumnNumber);
  Rest = Rest.trim();
  Rest.consume_back(".");
  return ("line " + Line + ", column " + llvm::Twine(std::max(ColumnNumber, 1u)) +
          ": " +
          Rest.take_front(1).lower() + Rest.drop_front(1))
      .str();
}

static std::string textOf(const llvm::json::Object *Message) {
  if (!Message)
    return {};
  if (std::optional<llvm::StringRef> Text = Message->getString("text"))
    return Text->str();
  return {};
}

/// The key of a memreview fingerprint of another scheme in \p Prints.
static std::optional<std::string>
otherScheme(const llvm::json::Object *Prints) {
  if (!Prints)
    return std::nullopt;
  for (const auto &[Key, Value] : *Prints)
    if (llvm::StringRef(Key).starts_with(FingerprintKeyPrefix) &&
        llvm::StringRef(Key) != FingerprintKey)
      return Key.str();
  return std::nullopt;
}

llvm::Expected<Baseline> loadBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return baselineError("cannot read baseline '" + Path +
                         "': " + Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return baselineError("malformed baseline '" + Path +
                         "': " + jsonErrorText(Parsed.takeError()));
  auto NotSarif = [&](const llvm::Twine &Why) {
    return baselineError("baseline '" + Path + "' is not a SARIF log: " + Why);
  };
  const llvm::json::Object *Log = Parsed->getAsObject();
  if (!Log)
    return NotSarif("it is not a JSON object");
  std::optional<llvm::StringRef> Version = Log->getString("version");
  if (!Version)
    return NotSarif("it has no 'version'");
  if (*Version != "2.1.0")
    return NotSarif("its version is '" + *Version + "', not '2.1.0'");
  const llvm::json::Array *Runs = Log->getArray("runs");
  if (!Runs)
    return NotSarif("it has no 'runs' array");

  Baseline Result;
  bool SawMemreview = false;
  for (const llvm::json::Value &RunValue : *Runs) {
    const llvm::json::Object *Run = RunValue.getAsObject();
    if (!Run)
      return NotSarif("a run is not an object");
    const llvm::json::Object *Tool = Run->getObject("tool");
    const llvm::json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    if (!Driver || Driver->getString("name") != "memreview")
      continue;
    SawMemreview = true;
    const llvm::json::Array *Results = Run->getArray("results");
    if (!Results)
      continue;
    for (const llvm::json::Value &ResultValue : *Results) {
      const llvm::json::Object *Item = ResultValue.getAsObject();
      if (!Item)
        return NotSarif("a result is not an object");
      // Results the baseline itself reported as gone are not part of it.
      if (Item->getString("baselineState") == "absent")
        continue;
      const llvm::json::Object *Prints = Item->getObject("partialFingerprints");
      std::optional<llvm::StringRef> Print =
          Prints ? Prints->getString(FingerprintKey) : std::nullopt;
      if (!Print) {
        // Fingerprints of another scheme never equal this one's: every
        // finding would be new, and no old result absent.
        if (std::optional<std::string> Other = otherScheme(Prints))
          return baselineError(
              "baseline '" + Path + "' has fingerprints of the scheme '" +
              *Other + "', not '" + FingerprintKey +
              "' (docs/fingerprints.md): make it again with this memreview");
        continue;
      }
      BaselineResult Entry;
      Entry.Fingerprint = Print->str();
      Entry.Message = textOf(Item->getObject("message"));
      if (const llvm::json::Array *Related = Item->getArray("relatedLocations"))
        for (const llvm::json::Value &Location : *Related)
          if (const llvm::json::Object *L = Location.getAsObject())
            Entry.Notes.push_back(textOf(L->getObject("message")));
      Entry.Json = *Item;
      Result.ByFingerprint.try_emplace(Entry.Fingerprint,
                                       Result.Results.size());
      Result.Results.push_back(std::move(Entry));
    }
  }
  if (!SawMemreview)
    return baselineError("baseline '" + Path +
                         "' has no run of memreview (tool.driver.name)");
  return Result;
}

} // namespace memreview
