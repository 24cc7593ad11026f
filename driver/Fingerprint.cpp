//===--- Fingerprint.cpp - stable identities of findings ------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

namespace memreview {

std::string normaliseLine(llvm::StringRef Line) {
  std::string Result;
  bool Space = false;
  for (char C : Line) {
    if (llvm::isSpace(C)) {
      Space = !Result.empty();
      continue;
    }
    if (Space)
      Result += ' ';
    Space = false;
    Result += C;
  }
  return Result;
}

std::string fingerprintHash(llvm::StringRef Rule, llvm::StringRef Path,
                            llvm::StringRef Enclosing,
                            llvm::StringRef LineBefore, llvm::StringRef Line,
                            llvm::StringRef LineAfter) {
  llvm::SHA256 Hash;
  for (llvm::StringRef Part : {llvm::StringRef(FingerprintKey), Rule, Path,
                               Enclosing})
    Hash.update(Part), Hash.update("\n");
  for (llvm::StringRef Text : {LineBefore, Line, LineAfter})
    Hash.update(normaliseLine(Text)), Hash.update("\n");
  std::array<uint8_t, 32> Digest = Hash.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(16),
                     /*LowerCase=*/true);
}

} // namespace memreview
