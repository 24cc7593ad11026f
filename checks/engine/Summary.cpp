//===--- Summary.cpp - what a function does to what it is given -----------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "engine/Summary.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::memreview::engine {

std::string AccessPath::str() const {
  std::string S = Param == -1 ? "this" : "param" + std::to_string(Param);
  for (const FieldDecl *F : Fields)
    S += F ? "->" + F->getNameAsString() : std::string("->*");
  return S;
}

static std::string describe(const ValueDesc &D) {
  switch (D.Kind) {
  case ValueDesc::Unknown:
    return "unknown";
  case ValueDesc::Fresh:
    return std::string("fresh(") + allocatorName(D.Fam).str() +
           (D.MaybeNull ? ", maybe-null)" : ")");
  case ValueDesc::ObjectOf:
    return "object-of(" + D.Path.str() + ")";
  case ValueDesc::Null:
    return "null";
  case ValueDesc::Constant:
    return std::to_string(D.Value);
  }
  return "?";
}

void dumpSummary(const FunctionSummary &Summary, llvm::raw_ostream &OS) {
  if (!Summary.Known) {
    OS << "unknown\n";
    return;
  }
  OS << "cases: " << Summary.Cases.size()
     << (Summary.TouchesGlobals ? " (touches globals)" : "") << "\n";
  for (const SummaryCase &C : Summary.Cases) {
    OS << "  case";
    for (const auto &[P, R] : C.Conditions)
      OS << " param" << P << " in " << R.str() << ";";
    OS << (C.Throws ? " throws" : "") << " returns " << describe(C.Return)
       << "\n";
    for (const ReleaseEffect &R : C.Releases)
      OS << "    releases " << R.Object.str() << " with " << R.Deallocator
         << "\n";
    for (const AccessPath &P : C.Derefs)
      OS << "    dereferences " << P.str() << "\n";
    for (const AccessPath &P : C.Escapes)
      OS << "    lets escape " << P.str() << "\n";
    for (const StoreEffect &S : C.Stores)
      OS << "    stores " << describe(S.Value) << " into " << S.Object.str()
         << (S.Field ? "." + S.Field->getNameAsString() : std::string("[*]"))
         << "\n";
    for (const StoreEffect &S : C.ElementStores)
      OS << "    puts " << describe(S.Value) << " into the container "
         << S.Object.str()
         << (S.Field ? "." + S.Field->getNameAsString() : std::string())
         << "\n";
    for (const auto &[P, F] : C.ElementReleases)
      OS << "    releases the elements of " << P.str()
         << (F ? "." + F->getNameAsString() : std::string()) << "\n";
    for (const auto &[P, F] : C.ElementEscapes)
      OS << "    lets the elements of " << P.str()
         << (F ? "." + F->getNameAsString() : std::string()) << " escape\n";
  }
}

} // namespace clang::tidy::memreview::engine
