//===--- SummaryDb.cpp - summaries across translation units ---------------===//
//
// Part of memreview. docs/summary-db.md describes the layout and the format
// written here.
//
//===----------------------------------------------------------------------===//

#include "engine/SummaryDb.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Support/raw_ostream.h"

namespace json = llvm::json;

namespace clang::tidy::memreview::engine {

//===-- Names and hashes --------------------------------------------------===//

std::optional<std::string> usrOf(const Decl &D) {
  llvm::SmallString<128> Buffer;
  if (index::generateUSRForDecl(D.getCanonicalDecl(), Buffer) || Buffer.empty())
    return std::nullopt;
  return std::string(Buffer);
}

std::string usrKey(llvm::StringRef Usr) { return hashText(Usr).substr(0, 16); }

std::string hashText(llvm::StringRef Data) {
  llvm::SHA1 Hasher;
  Hasher.update(Data);
  std::array<uint8_t, 20> Digest = Hasher.final();
  // 16 bytes are plenty to tell entries apart.
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(16),
                     /*LowerCase=*/true);
}

//===-- Serialisation -----------------------------------------------------===//

namespace {

/// Families are written by the name of their allocator ('new', 'malloc').
llvm::StringRef familyKey(Family F) { return allocatorName(F); }

std::optional<Family> familyFromKey(llvm::StringRef Key) {
  for (Family F : {Family::New, Family::NewArray, Family::Malloc,
                   Family::OperatorNew, Family::Custom})
    if (familyKey(F) == Key)
      return F;
  return std::nullopt;
}

/// "ns::Record::field" of a named field; nothing for unnamed fields and
/// fields of unnamed records, which another unit could not find again.
std::optional<std::string> fieldKey(const FieldDecl *F) {
  if (!F)
    return std::string();
  const auto *RD = dyn_cast<RecordDecl>(F->getParent());
  if (F->getName().empty() || !RD || RD->getName().empty())
    return std::nullopt;
  return RD->getQualifiedNameAsString() + "::" + F->getName().str();
}

std::string print(const json::Value &V);

/// Sorts \p A by the JSON text of its items; with \p DropDuplicates, keeps
/// one of the items of the same text.
void sortByText(json::Array &A, bool DropDuplicates = false) {
  std::vector<std::pair<std::string, json::Value>> Items;
  // Moved, never copied: a copy of an object that had members erased can
  // resurrect them (json::ObjectKey keeps the old text of a tombstone).
  for (json::Value &V : A) {
    std::string Text = print(V);
    Items.emplace_back(std::move(Text), std::move(V));
  }
  llvm::sort(Items, [](const auto &X, const auto &Y) { return X.first < Y.first; });
  A.clear();
  for (size_t I = 0; I < Items.size(); ++I)
    if (!DropDuplicates || I == 0 || Items[I].first != Items[I - 1].first)
      A.push_back(std::move(Items[I].second));
}

class Writer {
public:
  explicit Writer(const SourceManager &SM) : SM(SM) {}

  std::optional<json::Value> summary(const FunctionSummary &S) {
    json::Array Cases;
    for (const SummaryCase &C : S.Cases)
      Cases.push_back(caseOf(C));
    // In a canonical order: the engine orders effects by declaration
    // addresses, which differ from run to run.
    sortByText(Cases);
    if (Failed)
      return std::nullopt;
    json::Object O{{"cases", std::move(Cases)}};
    if (S.TouchesGlobals)
      O["globals"] = true;
    if (S.Definition.isValid())
      O["def"] = site(S.Definition);
    if (!Files.empty())
      O["files"] = std::move(Files);
    return json::Value(std::move(O));
  }

private:
  json::Value path(const AccessPath &P) {
    json::Array A{P.Param};
    for (const FieldDecl *F : P.Fields)
      A.push_back(field(F));
    return A;
  }
  json::Value field(const FieldDecl *F) {
    if (!F)
      return nullptr;
    std::optional<std::string> Key = fieldKey(F);
    if (!Key) {
      Failed = true;
      return nullptr;
    }
    return *Key;
  }
  json::Value site(SourceLocation Loc) {
    if (Loc.isInvalid())
      return nullptr;
    SourceLocation File = SM.getFileLoc(Loc);
    FileID FID = SM.getFileID(File);
    OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
    if (!FE)
      return nullptr;
    std::string Path(FE->getFileEntry().tryGetRealPathName());
    if (Path.empty())
      return nullptr;
    auto [It, New] = FileIndex.try_emplace(Path, FileIndex.size());
    if (New)
      Files.push_back(Path);
    return json::Array{It->second, SM.getSpellingLineNumber(File),
                       SM.getSpellingColumnNumber(File)};
  }
  json::Value value(const ValueDesc &D) {
    switch (D.Kind) {
    case ValueDesc::Unknown:
      return json::Object{{"k", "unknown"}};
    case ValueDesc::Null:
      return json::Object{{"k", "null"}};
    case ValueDesc::Constant:
      return json::Object{{"k", "const"}, {"v", D.Value}};
    case ValueDesc::ObjectOf:
      return json::Object{{"k", "obj"}, {"path", path(D.Path)}};
    case ValueDesc::Fresh:
      return json::Object{{"k", "fresh"},
                          {"fam", familyKey(D.Fam)},
                          {"null", D.MaybeNull},
                          {"alloc", D.Allocator},
                          {"site", site(D.Site)}};
    }
    return nullptr;
  }
  json::Value store(const StoreEffect &S) {
    return json::Object{{"obj", path(S.Object)},
                        {"field", field(S.Field)},
                        {"val", value(S.Value)},
                        {"live", S.OverwritesLive},
                        {"site", site(S.Site)}};
  }
  json::Value caseOf(const SummaryCase &C) {
    json::Object O;
    if (!C.Conditions.empty()) {
      json::Array Conds;
      for (const auto &[Param, Range] : C.Conditions) {
        json::Array Intervals;
        for (const auto &[Lo, Hi] : Range.intervals())
          Intervals.push_back(json::Array{Lo, Hi});
        Conds.push_back(json::Array{Param, std::move(Intervals)});
      }
      O["if"] = std::move(Conds);
    }
    auto List = [&](llvm::StringRef Key, auto &Items, auto Each) {
      if (Items.empty())
        return;
      json::Array A;
      for (const auto &Item : Items)
        A.push_back(Each(Item));
      sortByText(A);
      O[Key] = std::move(A);
    };
    List("rel", C.Releases, [&](const ReleaseEffect &R) -> json::Value {
      return json::Object{{"obj", path(R.Object)},
                          {"fam", familyKey(R.Fam)},
                          {"dealloc", R.Deallocator},
                          {"site", site(R.Site)}};
    });
    List("deref", C.Derefs, [&](const AccessPath &P) { return path(P); });
    List("esc", C.Escapes, [&](const AccessPath &P) { return path(P); });
    List("st", C.Stores, [&](const StoreEffect &S) { return store(S); });
    List("est", C.ElementStores, [&](const StoreEffect &S) { return store(S); });
    List("erel", C.ElementReleases,
         [&](const std::pair<AccessPath, const FieldDecl *> &E) -> json::Value {
           return json::Array{path(E.first), field(E.second)};
         });
    List("eesc", C.ElementEscapes,
         [&](const std::pair<AccessPath, const FieldDecl *> &E) -> json::Value {
           return json::Array{path(E.first), field(E.second)};
         });
    if (C.Return.Kind != ValueDesc::Unknown)
      O["ret"] = value(C.Return);
    if (C.Throws)
      O["throws"] = true;
    return O;
  }

  const SourceManager &SM;
  json::Array Files;
  llvm::StringMap<unsigned> FileIndex;
  bool Failed = false;
};

/// Reads a summary back against a declaration of the reading unit. Any
/// surprise makes the whole summary untrusted.
class Reader {
public:
  Reader(const FunctionDecl &FD, SourceManager &SM) : FD(FD), SM(SM) {}

  std::optional<FunctionSummary> summary(const json::Value &V) {
    const json::Object *O = V.getAsObject();
    if (!O)
      return std::nullopt;
    if (const json::Array *FileList = O->getArray("files"))
      for (const json::Value &F : *FileList) {
        std::optional<llvm::StringRef> Path = F.getAsString();
        if (!Path)
          return std::nullopt;
        Files.push_back(Path->str());
      }
    FileIDs.assign(Files.size(), FileID());
    FunctionSummary S;
    S.Known = true;
    S.TouchesGlobals = O->getBoolean("globals").value_or(false);
    const json::Array *Cases = O->getArray("cases");
    if (!Cases || Cases->size() > MaxSummaryCases)
      return std::nullopt;
    for (const json::Value &C : *Cases) {
      std::optional<SummaryCase> Case = caseOf(C);
      if (!Case)
        return std::nullopt;
      S.Cases.push_back(std::move(*Case));
    }
    if (!site(O->get("def"), S.Definition))
      return std::nullopt;
    return S;
  }

private:
  /// The type of the object a parameter designates.
  QualType rootType(int Param) {
    if (Param == -1) {
      const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
      if (!Method || !Method->isInstance())
        return QualType();
      return QualType(Method->getParent()->getTypeForDecl(), 0);
    }
    if (Param == -2)
      return FD.getReturnType()->isRecordType() ? FD.getReturnType()
                                                : QualType();
    if (Param < 0 || static_cast<unsigned>(Param) >= FD.getNumParams())
      return QualType();
    QualType T = FD.getParamDecl(Param)->getType();
    if (T->isReferenceType())
      return T.getNonReferenceType();
    if (T->isPointerType())
      return T->getPointeeType();
    return T;
  }

  static const FieldDecl *findField(const CXXRecordDecl *RD,
                                    llvm::StringRef Key, unsigned Depth = 0) {
    if (!RD || !(RD = RD->getDefinition()) || Depth > 16)
      return nullptr;
    for (const FieldDecl *F : RD->fields())
      if (std::optional<std::string> K = fieldKey(F); K && *K == Key)
        return F;
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (const FieldDecl *F = findField(
              Base.getType()->getAsCXXRecordDecl(), Key, Depth + 1))
        return F;
    return nullptr;
  }

  /// The field \p V names in an object of type \p T (null JSON: no field).
  bool field(const json::Value &V, QualType T, const FieldDecl *&Out) {
    Out = nullptr;
    if (V.kind() == json::Value::Null)
      return true;
    std::optional<llvm::StringRef> Key = V.getAsString();
    if (!Key || T.isNull())
      return false;
    Out = findField(T->getAsCXXRecordDecl(), *Key);
    return Out != nullptr;
  }

  /// What a pointer of type \p T points to (or a reference refers to).
  static QualType pointee(QualType T) {
    if (T.isNull())
      return T;
    if (T->isReferenceType())
      return T.getNonReferenceType();
    if (T->isPointerType())
      return T->getPointeeType();
    return QualType();
  }

  bool path(const json::Value &V, AccessPath &P, QualType &Reached) {
    const json::Array *A = V.getAsArray();
    if (!A || A->empty())
      return false;
    std::optional<int64_t> Param = (*A)[0].getAsInteger();
    if (!Param || *Param < -2 || *Param > 4096)
      return false;
    P.Param = static_cast<int>(*Param);
    QualType T = rootType(P.Param);
    if (T.isNull() && !(P.Param >= 0 &&
                        static_cast<unsigned>(P.Param) < FD.getNumParams()))
      return false;
    for (size_t I = 1; I < A->size(); ++I) {
      const FieldDecl *F = nullptr;
      if ((*A)[I].kind() == json::Value::Null) {
        T = pointee(T);
      } else {
        if (!field((*A)[I], T, F))
          return false;
        T = pointee(F->getType());
      }
      P.Fields.push_back(F);
    }
    Reached = T;
    return true;
  }
  bool path(const json::Value &V, AccessPath &P) {
    QualType Ignored;
    return path(V, P, Ignored);
  }

  bool site(const json::Value *V, SourceLocation &Loc) {
    Loc = SourceLocation();
    if (!V || V->kind() == json::Value::Null)
      return true;
    const json::Array *A = V->getAsArray();
    if (!A || A->size() != 3)
      return false;
    std::optional<int64_t> Index = (*A)[0].getAsInteger();
    std::optional<int64_t> Line = (*A)[1].getAsInteger();
    std::optional<int64_t> Column = (*A)[2].getAsInteger();
    if (!Index || !Line || !Column || *Index < 0 ||
        static_cast<size_t>(*Index) >= Files.size() || *Line < 1 ||
        *Column < 1)
      return false;
    FileID &FID = FileIDs[*Index];
    if (FID.isInvalid()) {
      // The file may not be part of this unit: give it a FileID of its own
      // so that notes can point into it.
      OptionalFileEntryRef FE =
          SM.getFileManager().getOptionalFileRef(Files[*Index]);
      if (!FE)
        return true; // moved away: no location rather than a wrong one
      FID = SM.translateFile(*FE);
      if (FID.isInvalid())
        FID = SM.createFileID(*FE, SourceLocation(), SrcMgr::C_User);
    }
    Loc = SM.translateLineCol(FID, *Line, *Column);
    return true;
  }

  bool value(const json::Value *V, ValueDesc &D) {
    D = ValueDesc();
    if (!V)
      return true;
    const json::Object *O = V->getAsObject();
    if (!O)
      return false;
    llvm::StringRef K = O->getString("k").value_or("");
    if (K == "unknown")
      return true;
    if (K == "null") {
      D.Kind = ValueDesc::Null;
      return true;
    }
    if (K == "const") {
      std::optional<int64_t> N = O->getInteger("v");
      if (!N)
        return false;
      D.Kind = ValueDesc::Constant;
      D.Value = *N;
      return true;
    }
    if (K == "obj") {
      D.Kind = ValueDesc::ObjectOf;
      const json::Value *P = O->get("path");
      return P && path(*P, D.Path);
    }
    if (K == "fresh") {
      D.Kind = ValueDesc::Fresh;
      std::optional<Family> F = familyFromKey(O->getString("fam").value_or(""));
      if (!F)
        return false;
      D.Fam = *F;
      D.MaybeNull = O->getBoolean("null").value_or(false);
      D.Allocator = O->getString("alloc").value_or(allocatorName(*F)).str();
      return site(O->get("site"), D.Site);
    }
    return false;
  }

  bool store(const json::Value &V, StoreEffect &S) {
    const json::Object *O = V.getAsObject();
    if (!O || !O->get("obj"))
      return false;
    QualType Reached;
    if (!path(*O->get("obj"), S.Object, Reached))
      return false;
    if (const json::Value *F = O->get("field"))
      if (!field(*F, Reached, S.Field))
        return false;
    S.OverwritesLive = O->getBoolean("live").value_or(false);
    return value(O->get("val"), S.Value) && site(O->get("site"), S.Site);
  }

  template <typename T, typename Fn>
  bool list(const json::Object &O, llvm::StringRef Key,
            llvm::SmallVectorImpl<T> &Out, Fn Each) {
    const json::Value *V = O.get(Key);
    if (!V)
      return true;
    const json::Array *A = V->getAsArray();
    if (!A)
      return false;
    for (const json::Value &Item : *A) {
      T Element{};
      if (!Each(Item, Element))
        return false;
      Out.push_back(std::move(Element));
    }
    return true;
  }

  std::optional<SummaryCase> caseOf(const json::Value &V) {
    const json::Object *O = V.getAsObject();
    if (!O)
      return std::nullopt;
    SummaryCase C;
    if (const json::Array *Conds = O->getArray("if"))
      for (const json::Value &Cond : *Conds) {
        const json::Array *Pair = Cond.getAsArray();
        if (!Pair || Pair->size() != 2)
          return std::nullopt;
        std::optional<int64_t> Param = (*Pair)[0].getAsInteger();
        const json::Array *Intervals = (*Pair)[1].getAsArray();
        if (!Param || !Intervals)
          return std::nullopt;
        llvm::SmallVector<std::pair<int64_t, int64_t>, 2> I;
        for (const json::Value &Interval : *Intervals) {
          const json::Array *LoHi = Interval.getAsArray();
          if (!LoHi || LoHi->size() != 2 || !(*LoHi)[0].getAsInteger() ||
              !(*LoHi)[1].getAsInteger())
            return std::nullopt;
          I.push_back({*(*LoHi)[0].getAsInteger(), *(*LoHi)[1].getAsInteger()});
        }
        C.Conditions.push_back(
            {static_cast<int>(*Param), RangeSet::fromIntervals(I)});
      }
    // A container: its path, and the member of the object there (or null).
    auto Container = [&](const json::Value &Item,
                         std::pair<AccessPath, const FieldDecl *> &E) {
      const json::Array *A = Item.getAsArray();
      QualType Reached;
      return A && A->size() == 2 && path((*A)[0], E.first, Reached) &&
             field((*A)[1], Reached, E.second);
    };
    bool OK =
        list(*O, "rel", C.Releases,
             [&](const json::Value &Item, ReleaseEffect &R) {
               const json::Object *RO = Item.getAsObject();
               if (!RO || !RO->get("obj") || !path(*RO->get("obj"), R.Object))
                 return false;
               std::optional<Family> F =
                   familyFromKey(RO->getString("fam").value_or(""));
               if (!F)
                 return false;
               R.Fam = *F;
               R.Deallocator =
                   RO->getString("dealloc").value_or(deallocatorName(*F)).str();
               return site(RO->get("site"), R.Site);
             }) &&
        list(*O, "deref", C.Derefs,
             [&](const json::Value &Item, AccessPath &P) {
               return path(Item, P);
             }) &&
        list(*O, "esc", C.Escapes,
             [&](const json::Value &Item, AccessPath &P) {
               return path(Item, P);
             }) &&
        list(*O, "st", C.Stores,
             [&](const json::Value &Item, StoreEffect &S) {
               return store(Item, S);
             }) &&
        list(*O, "est", C.ElementStores,
             [&](const json::Value &Item, StoreEffect &S) {
               return store(Item, S);
             }) &&
        list(*O, "erel", C.ElementReleases, Container) &&
        list(*O, "eesc", C.ElementEscapes, Container) &&
        value(O->get("ret"), C.Return);
    if (!OK)
      return std::nullopt;
    C.Throws = O->getBoolean("throws").value_or(false);
    return C;
  }

  const FunctionDecl &FD;
  SourceManager &SM;
  std::vector<std::string> Files;
  std::vector<FileID> FileIDs;
};

/// \p V without "site" members, the definition's site and the file table.
json::Value withoutSites(const json::Value &V) {
  if (const json::Object *O = V.getAsObject()) {
    json::Object Out;
    for (const auto &[Key, Item] : *O)
      if (Key != "site" && Key != "files" && Key != "def")
        Out[Key] = withoutSites(Item);
    return Out;
  }
  if (const json::Array *A = V.getAsArray()) {
    json::Array Out;
    for (const json::Value &Item : *A)
      Out.push_back(withoutSites(Item));
    return Out;
  }
  return V;
}

std::string print(const json::Value &V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << V;
  return S;
}

std::optional<json::Value> readJSONFile(llvm::StringRef Path,
                                        std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = Buffer.getError().message();
    return std::nullopt;
  }
  llvm::Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V) {
    Error = llvm::toString(V.takeError());
    return std::nullopt;
  }
  return std::move(*V);
}

} // namespace

llvm::json::Value serializeSummary(const FunctionSummary &Summary,
                                   const SourceManager &SM) {
  if (!Summary.Known)
    return nullptr;
  Writer W(SM);
  std::optional<json::Value> V = W.summary(Summary);
  return V ? std::move(*V) : json::Value(nullptr);
}

std::optional<FunctionSummary> deserializeSummary(const llvm::json::Value &JSON,
                                                  const FunctionDecl &FD,
                                                  SourceManager &SM) {
  return Reader(FD, SM).summary(JSON);
}

/// Whether a serialised access path starts at 'this'.
static bool fromThis(const json::Value *Path) {
  const json::Array *A = Path ? Path->getAsArray() : nullptr;
  return A && !A->empty() && (*A)[0].getAsInteger() == -1;
}

llvm::json::Value withoutThisEffects(const llvm::json::Value &Summary) {
  json::Value Out = Summary;
  json::Object *O = Out.getAsObject();
  json::Array *Cases = O ? O->getArray("cases") : nullptr;
  if (!Cases)
    return Out;
  for (json::Value &CaseValue : *Cases) {
    json::Object *Case = CaseValue.getAsObject();
    if (!Case)
      continue;
    json::Array Escapes;
    if (const json::Array *E = Case->getArray("esc"))
      for (const json::Value &P : *E)
        if (!fromThis(&P))
          Escapes.push_back(P);
    for (llvm::StringRef Key : {"st", "est"}) {
      json::Array *Stores = Case->getArray(Key);
      if (!Stores)
        continue;
      json::Array Kept;
      for (const json::Value &St : *Stores) {
        const json::Object *SO = St.getAsObject();
        if (!SO || !fromThis(SO->get("obj"))) {
          Kept.push_back(St);
          continue;
        }
        // A parameter's object kept in the override's own object: for the
        // caller, it escapes.
        if (const json::Object *V = SO->getObject("val");
            V && V->getString("k") == "obj" && V->get("path") &&
            !fromThis(V->get("path")))
          Escapes.push_back(*V->get("path"));
      }
      (*Case)[Key] = std::move(Kept);
    }
    for (llvm::StringRef Key : {"rel", "erel"}) {
      json::Array *List = Case->getArray(Key);
      if (!List)
        continue;
      json::Array Kept;
      for (const json::Value &Item : *List) {
        const json::Value *Path = nullptr;
        if (const json::Object *IO = Item.getAsObject())
          Path = IO->get("obj");
        else if (const json::Array *IA = Item.getAsArray(); IA && !IA->empty())
          Path = &(*IA)[0];
        if (!fromThis(Path))
          Kept.push_back(Item);
      }
      (*Case)[Key] = std::move(Kept);
    }
    if (json::Array *Derefs = Case->getArray("deref")) {
      json::Array Kept;
      for (const json::Value &P : *Derefs)
        if (!fromThis(&P))
          Kept.push_back(P);
      *Derefs = std::move(Kept);
    }
    Case->erase("esc");
    if (!Escapes.empty())
      (*Case)["esc"] = std::move(Escapes);
    if (const json::Object *Ret = Case->getObject("ret");
        Ret && Ret->getString("k") == "obj" && fromThis(Ret->get("path")))
      Case->erase("ret");
    // What is left empty says nothing (a summary without stores has no
    // "st" at all).
    // A fresh object without what is left empty (and without the erased
    // members' tombstones, which copies of the object would bring back).
    json::Object Clean;
    for (auto &Member : *Case) {
      const json::Array *List = Member.second.getAsArray();
      if (List && List->empty())
        continue;
      Clean.try_emplace(Member.first, std::move(Member.second));
    }
    CaseValue = json::Value(std::move(Clean));
  }
  // Cases that differed only in what they did to the object itself are one
  // case for the caller.
  sortByText(*Cases, /*DropDuplicates=*/true);
  return Out;
}

std::string summaryShape(const llvm::json::Value &Summary) {
  return print(withoutSites(Summary));
}

//===-- Files -------------------------------------------------------------===//

bool writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents,
                         std::string &Error) {
  if (std::error_code EC =
          llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path))) {
    Error = "cannot create the directory of '" + Path.str() +
            "': " + EC.message();
    return false;
  }
  // A temporary file beside the target, renamed over it: readers see the
  // old file or the new one, never a part.
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Path + ".tmp-%%%%%%%%", FD, Temp)) {
    Error = "cannot write '" + Path.str() + "': " + EC.message();
    return false;
  }
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Contents;
    OS.close();
    if (OS.has_error()) {
      Error = "cannot write '" + Path.str() + "': " + OS.error().message();
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    Error = "cannot write '" + Path.str() + "': " + EC.message();
    llvm::sys::fs::remove(Temp);
    return false;
  }
  return true;
}

namespace {

/// How long before the analysis started an input may have been modified and
/// still carry a hash: file systems keep times in ticks (a few milliseconds
/// on Linux, seconds on some network or FAT file systems), and a second edit
/// in the tick of the first, after the unit read the file, keeps the time.
constexpr std::chrono::seconds RacyWindow(3);

/// A fast hash of contents (to tell an edit, not to resist an adversary).
std::string quickHash(llvm::StringRef Data) {
  return llvm::utohexstr(llvm::xxh3_64bits(Data), /*LowerCase=*/true,
                         /*Width=*/16);
}

/// The hash of a file's contents, or of a directory's sorted entry names.
std::optional<std::string> contentHash(llvm::StringRef Path, bool Directory) {
  if (!Directory) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return std::nullopt;
    return quickHash((*Buffer)->getBuffer());
  }
  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Path, EC), End; It != End && !EC;
       It.increment(EC))
    Names.push_back(llvm::sys::path::filename(It->path()).str());
  if (EC)
    return std::nullopt;
  llvm::sort(Names);
  return quickHash(llvm::join(Names, "\n"));
}

/// contentHash, once per process for a file of a given size and time: the
/// units of a program share their headers.
std::optional<std::string> cachedContentHash(llvm::StringRef Path,
                                             bool Directory, uint64_t Size,
                                             int64_t ModTime) {
  struct Known {
    uint64_t Size;
    int64_t ModTime;
    std::optional<std::string> Hash;
  };
  static std::mutex CacheMutex;
  static llvm::StringMap<Known> Cache;
  {
    std::lock_guard<std::mutex> Lock(CacheMutex);
    auto It = Cache.find(Path);
    if (It != Cache.end() && It->second.Size == Size &&
        It->second.ModTime == ModTime)
      return It->second.Hash;
  }
  std::optional<std::string> Hash = contentHash(Path, Directory);
  std::lock_guard<std::mutex> Lock(CacheMutex);
  Cache[Path] = {Size, ModTime, Hash};
  return Hash;
}

int64_t nanoseconds(llvm::sys::TimePoint<> Time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             Time.time_since_epoch())
      .count();
}

} // namespace

std::optional<UnitInput>
describeInput(llvm::StringRef Path,
              std::chrono::system_clock::time_point RacySince,
              std::optional<llvm::StringRef> Read) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return std::nullopt;
  UnitInput Input;
  Input.Path = Path.str();
  Input.Size = Status.getSize();
  Input.ModTime = nanoseconds(Status.getLastModificationTime());
  if (Status.getLastModificationTime() >= RacySince - RacyWindow) {
    bool Directory = Status.type() == llvm::sys::fs::file_type::directory_file;
    std::optional<std::string> Hash =
        Read && !Directory ? quickHash(*Read) : contentHash(Path, Directory);
    // A hash that nothing matches: the input counts as changed.
    Input.Hash = Hash ? *Hash : "-";
  }
  return Input;
}

bool inputUnchanged(const UnitInput &Input) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Input.Path, Status) ||
      Status.getSize() != Input.Size ||
      nanoseconds(Status.getLastModificationTime()) != Input.ModTime)
    return false;
  if (Input.Hash.empty())
    return true;
  std::optional<std::string> Hash = cachedContentHash(
      Input.Path, Status.type() == llvm::sys::fs::file_type::directory_file,
      Input.Size, Input.ModTime);
  return Hash && *Hash == Input.Hash;
}

std::vector<UnitInput>
unitInputs(const SourceManager &SM,
           std::chrono::system_clock::time_point RacySince) {
  std::vector<UnitInput> Inputs;
  llvm::StringSet<> Seen;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    FileEntryRef FE = It->first;
    const SrcMgr::ContentCache *Cache = It->second;
    std::string Path(FE.getFileEntry().tryGetRealPathName());
    if (Path.empty() || !Seen.insert(Path).second)
      continue;
    FileID FID = SM.translateFile(FE);
    if (FID.isValid() &&
        SrcMgr::isSystem(SM.getFileCharacteristic(SM.getLocForStartOfFile(FID))))
      continue;
    // Files the compilation did not read (loaded afterwards, for the notes
    // of summaries of other units) are not inputs.
    if (FID.isValid() && FID != SM.getMainFileID() &&
        SM.getIncludeLoc(FID).isInvalid())
      continue;
    // The hash, when there is one, is of the text the compiler read.
    if (std::optional<UnitInput> Input = describeInput(
            Path, RacySince, Cache ? Cache->getBufferDataIfLoaded() : std::nullopt))
      Inputs.push_back(std::move(*Input));
  }
  llvm::sort(Inputs, [](const UnitInput &A, const UnitInput &B) {
    return A.Path < B.Path;
  });
  return Inputs;
}

//===-- The database ------------------------------------------------------===//

SummaryDatabase::SummaryDatabase(std::string Directory)
    : Directory(std::move(Directory)) {}

std::string SummaryDatabase::functionPath(llvm::StringRef Key) const {
  llvm::SmallString<256> P(Directory);
  llvm::sys::path::append(P, "functions", Key.substr(0, 2), Key + ".json");
  return std::string(P);
}

std::string SummaryDatabase::overridesDir(llvm::StringRef BaseKey) const {
  llvm::SmallString<256> P(Directory);
  llvm::sys::path::append(P, "overrides", BaseKey);
  return std::string(P);
}

std::string SummaryDatabase::unitPath(llvm::StringRef File) const {
  llvm::SmallString<256> P(Directory);
  llvm::sys::path::append(P, "units", hashText(File) + ".json");
  return std::string(P);
}

std::string SummaryDatabase::findingsPath(llvm::StringRef File) const {
  llvm::SmallString<256> P(Directory);
  llvm::sys::path::append(P, "findings", hashText(File) + ".yaml");
  return std::string(P);
}

namespace {

/// Whether \p Text is what memreview writes in VERSION: a number and a line
/// break.
bool isVersionText(llvm::StringRef Text) {
  Text.consume_back("\n");
  return !Text.empty() && Text.size() <= 9 &&
         llvm::all_of(Text, [](char C) { return llvm::isDigit(C); });
}

/// A name of hexadecimal digits, \p Digits of them or, with 0, any number
/// (the key lengths of earlier formats differ).
bool isHexName(llvm::StringRef Name, size_t Digits) {
  return !Name.empty() && (Digits == 0 || Name.size() == Digits) &&
         llvm::all_of(Name, llvm::isHexDigit);
}

/// A temporary file of writeFileAtomically ("<name>.tmp-XXXXXXXX").
bool isTemporary(llvm::StringRef Name) { return Name.contains(".tmp-"); }

/// Whether the entries of \p Dir all pass \p Ours; the first that does not
/// goes into \p Odd.
template <typename Fn>
bool everyEntry(llvm::StringRef Dir, Fn Ours, std::string &Odd) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (!Ours(Name, It->type() == llvm::sys::fs::file_type::directory_file)) {
      Odd = It->path();
      return false;
    }
  }
  if (EC && EC != std::errc::no_such_file_or_directory) {
    Odd = Dir.str() + " (" + EC.message() + ")";
    return false;
  }
  return true;
}

/// Whether \p Dir holds nothing that memreview would not have put there:
/// VERSION, functions/, overrides/, units/ and hidden files (a .gitignore)
/// at the top; with \p Deep, also what those folders hold (the folders a
/// rebuild deletes).
bool looksLikeDatabase(llvm::StringRef Dir, bool Deep, std::string &Odd) {
  auto Top = [](llvm::StringRef Name, bool IsDir) {
    if (Name.starts_with(".") || Name.starts_with("VERSION.tmp-"))
      return true;
    if (Name == "VERSION")
      return !IsDir;
    return IsDir && (Name == "functions" || Name == "overrides" ||
                     Name == "units" || Name == "findings");
  };
  if (!everyEntry(Dir, Top, Odd))
    return false;
  if (!Deep)
    return true;
  auto Sub = [&](llvm::StringRef Name) {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  };
  // units/ and findings/: a file per unit, named by the hash of its path.
  auto UnitFile = [](llvm::StringRef Ext) {
    return [Ext](llvm::StringRef Name, bool IsDir) {
      return !IsDir && (isTemporary(Name) ||
                        (Name.consume_back(Ext) && isHexName(Name, 0)));
    };
  };
  return everyEntry(Sub("functions"),
                    [](llvm::StringRef Name, bool IsDir) {
                      return IsDir && isHexName(Name, 2);
                    },
                    Odd) &&
         everyEntry(Sub("overrides"),
                    [](llvm::StringRef Name, bool IsDir) {
                      return IsDir && isHexName(Name, 0);
                    },
                    Odd) &&
         everyEntry(Sub("units"), UnitFile(".json"), Odd) &&
         everyEntry(Sub("findings"), UnitFile(".yaml"), Odd);
}

} // namespace

SummaryDatabase::OpenStatus SummaryDatabase::open(bool Create,
                                                  std::string &Message) {
  llvm::SmallString<256> VersionFile(Directory);
  llvm::sys::path::append(VersionFile, "VERSION");
  auto Foreign = [&](const std::string &Why) {
    Message = "summary database '" + Directory +
              "' is not a memreview summary database (" + Why + ")";
    return OpenStatus::Foreign;
  };
  // Empties a database (of another version, or that lost its VERSION).
  auto Clear = [&] {
    for (const char *Sub : {"functions", "overrides", "units", "findings"}) {
      llvm::SmallString<256> P(Directory);
      llvm::sys::path::append(P, Sub);
      llvm::sys::fs::remove_directories(P, /*IgnoreErrors=*/true);
    }
  };
  std::string Odd;
  auto Buffer = llvm::MemoryBuffer::getFile(VersionFile, /*IsText=*/true);
  if (Buffer) {
    llvm::StringRef Raw = (*Buffer)->getBuffer();
    llvm::StringRef Text = Raw.trim();
    int64_t Found = 0;
    bool Ours = isVersionText(Raw);
    if (Ours && !Text.getAsInteger(10, Found) && Found == SummaryDbVersion) {
      // The driver writes only where nothing but a database lives.
      if (Create && !looksLikeDatabase(Directory, /*Deep=*/false, Odd))
        return Foreign("it holds '" + Odd + "'");
      return OpenStatus::Ready;
    }
    if (!Create) {
      Message = "summary database '" + Directory + "' has format version '" +
                Text.str() + "', this memreview reads version " +
                std::to_string(SummaryDbVersion) +
                "; it is not used (run the memreview driver to rebuild it)";
      return OpenStatus::WrongVersion;
    }
    // Another version: start afresh, if this is a database at all.
    if (!Ours)
      return Foreign("its VERSION file holds '" + Text.take_front(40).str() +
                     "', not a format version");
    if (!looksLikeDatabase(Directory, /*Deep=*/true, Odd))
      return Foreign("it holds '" + Odd + "'");
    Clear();
    Message = "summary database '" + Directory + "' had format version '" +
              Text.str() + "'; rebuilt";
  } else if (!Create) {
    if (llvm::sys::fs::is_directory(Directory)) {
      Message = "summary database '" + Directory +
                "' has no VERSION file; it is not used";
      return OpenStatus::WrongVersion;
    }
    Message = "summary database '" + Directory + "' does not exist";
    return OpenStatus::Missing;
  } else if (llvm::sys::fs::exists(Directory) &&
             !llvm::sys::fs::is_directory(Directory)) {
    Message = "summary database '" + Directory + "' is not a directory";
    return OpenStatus::Unreadable;
  } else if (llvm::sys::fs::exists(Directory)) {
    // A folder without VERSION: empty, or what is left of a database whose
    // VERSION was lost (its contents are not trusted).
    if (!looksLikeDatabase(Directory, /*Deep=*/true, Odd))
      return Foreign("it has no VERSION file and holds '" + Odd + "'");
    Clear();
  }
  std::string Error;
  if (!writeFileAtomically(VersionFile,
                           std::to_string(SummaryDbVersion) + "\n", Error)) {
    Message = "summary database: " + Error;
    return OpenStatus::Unreadable;
  }
  return OpenStatus::Ready;
}

void SummaryDatabase::warnOnce(const std::string &Key,
                               const std::string &Message) {
  if (Warned.try_emplace(Key, true).second)
    Warnings.push_back(Message);
}

std::vector<std::string> SummaryDatabase::takeWarnings() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return std::exchange(Warnings, {});
}

SummaryDatabase::Counters SummaryDatabase::counters() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Count;
}

void SummaryDatabase::refresh() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Units.clear();
}

std::optional<UnitRecord> SummaryDatabase::readManifest(llvm::StringRef File) {
  std::string Error;
  std::string Path = unitPath(File);
  if (!llvm::sys::fs::exists(Path))
    return std::nullopt;
  std::optional<json::Value> V = readJSONFile(Path, Error);
  const json::Object *O = V ? V->getAsObject() : nullptr;
  auto Corrupt = [&](llvm::StringRef Why) -> std::optional<UnitRecord> {
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Count.Corrupt;
    warnOnce(Path, "summary database: ignoring corrupt unit record '" + Path +
                       "': " + Why.str());
    return std::nullopt;
  };
  if (!O)
    return Corrupt(Error.empty() ? "not a JSON object" : Error);
  if (O->getInteger("version") != SummaryDbVersion ||
      O->getString("file") != File)
    return Corrupt("wrong version or file");
  UnitRecord R;
  R.File = File.str();
  R.CommandHash = O->getString("command").value_or("").str();
  const json::Array *Inputs = O->getArray("inputs");
  const json::Array *Functions = O->getArray("functions");
  const json::Array *Overrides = O->getArray("overrides");
  const json::Array *Consulted = O->getArray("consulted");
  if (!Inputs || !Functions || !Overrides || !Consulted)
    return Corrupt("missing members");
  for (const json::Value &I : *Inputs) {
    const json::Array *A = I.getAsArray();
    if (!A || A->size() < 3 || A->size() > 4 || !(*A)[0].getAsString() ||
        !(*A)[1].getAsInteger() || !(*A)[2].getAsInteger() ||
        (A->size() == 4 && !(*A)[3].getAsString()))
      return Corrupt("malformed input");
    UnitInput Input;
    Input.Path = (*A)[0].getAsString()->str();
    Input.Size = static_cast<uint64_t>(*(*A)[1].getAsInteger());
    Input.ModTime = *(*A)[2].getAsInteger();
    if (A->size() == 4)
      Input.Hash = (*A)[3].getAsString()->str();
    R.Inputs.push_back(std::move(Input));
  }
  R.Failed = O->getBoolean("failed").value_or(false);
  for (const json::Value &F : *Functions) {
    if (!F.getAsString())
      return Corrupt("malformed function");
    R.Functions.push_back({F.getAsString()->str(), nullptr});
  }
  auto Pairs = [&](const json::Array &A,
                   std::vector<std::pair<std::string, std::string>> &Out) {
    for (const json::Value &P : A) {
      const json::Array *Pair = P.getAsArray();
      if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
          !(*Pair)[1].getAsString())
        return false;
      Out.push_back({(*Pair)[0].getAsString()->str(),
                     (*Pair)[1].getAsString()->str()});
    }
    return true;
  };
  if (!Pairs(*Overrides, R.Overrides) || !Pairs(*Consulted, R.Consulted))
    return Corrupt("malformed pairs");
  return R;
}

const SummaryDatabase::UnitState &
SummaryDatabase::unitState(llvm::StringRef File) {
  auto It = Units.find(File);
  if (It != Units.end())
    return It->second;
  UnitState State;
  // Reading the manifest takes the lock itself for its warnings.
  Mutex.unlock();
  std::optional<UnitRecord> R = readManifest(File);
  State.Corrupt = !R && llvm::sys::fs::exists(unitPath(File));
  bool Current = R.has_value();
  if (R)
    for (const UnitInput &I : R->Inputs)
      if (!inputUnchanged(I)) {
        Current = false;
        break;
      }
  Mutex.lock();
  State.Current = Current;
  if (R) {
    for (const auto &F : R->Functions)
      State.Defines[usrKey(F.first)] = true;
    // The manifest names overrides by their keys.
    for (const auto &[Base, Override] : R->Overrides)
      State.Defines["o" + Base + Override] = true;
  }
  return Units.try_emplace(File, std::move(State)).first->second;
}

bool SummaryDatabase::entriesIntact(const UnitRecord &Unit) {
  for (const auto &F : Unit.Functions) {
    std::string Key = usrKey(F.first);
    std::string Error;
    std::optional<json::Value> V = readJSONFile(functionPath(Key), Error);
    const json::Object *O = V ? V->getAsObject() : nullptr;
    if (!O || O->getString("usr") != F.first)
      return false;
    if (const json::Array *Listed = O->getArray("conflict")) {
      // A conflict stands while another unit it lists still defines the
      // function; else the unit runs again and writes its own entry.
      bool Mine = false;
      unsigned Others = 0;
      for (const json::Value &C : *Listed) {
        std::optional<llvm::StringRef> Other = C.getAsString();
        if (!Other)
          return false;
        if (*Other == Unit.File) {
          Mine = true;
          continue;
        }
        std::lock_guard<std::mutex> Lock(Mutex);
        const UnitState &S = unitState(*Other);
        if (S.Current && S.Defines.count(Key))
          ++Others;
      }
      if (!Mine || Others == 0)
        return false;
      continue;
    }
    if (!O->getObject("summary") || O->getString("unit") != Unit.File)
      return false;
  }
  // Each override it registers has a record that counts: the unit's own, or
  // that of another current unit that registers it too (an override defined
  // in a header).
  for (const auto &[Base, Override] : Unit.Overrides) {
    llvm::SmallString<256> Path(overridesDir(Base));
    llvm::sys::path::append(Path, Override + ".json");
    std::string Error;
    std::optional<json::Value> V = readJSONFile(Path, Error);
    const json::Object *O = V ? V->getAsObject() : nullptr;
    std::optional<llvm::StringRef> Owner = O ? O->getString("unit") : std::nullopt;
    if (!Owner)
      return false;
    if (*Owner == Unit.File)
      continue;
    std::lock_guard<std::mutex> Lock(Mutex);
    const UnitState &S = unitState(*Owner);
    if (!S.Current || !S.Defines.count("o" + Base + Override))
      return false;
  }
  return true;
}

std::vector<std::string> SummaryDatabase::manifestPaths() {
  std::vector<std::string> Paths;
  llvm::SmallString<256> Dir(Directory);
  llvm::sys::path::append(Dir, "units");
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.ends_with(".json") && !isTemporary(Name))
      Paths.push_back(It->path());
  }
  llvm::sort(Paths);
  return Paths;
}

void SummaryDatabase::dropManifest(llvm::StringRef ManifestPath) {
  // The findings the driver kept for the unit (same name).
  llvm::SmallString<256> Kept(Directory);
  llvm::sys::path::append(Kept, "findings",
                          llvm::sys::path::stem(ManifestPath) + ".yaml");
  llvm::sys::fs::remove(Kept);
  std::string Error;
  std::optional<json::Value> V = readJSONFile(ManifestPath, Error);
  const json::Object *O = V ? V->getAsObject() : nullptr;
  std::optional<llvm::StringRef> File = O ? O->getString("file") : std::nullopt;
  // Removes \p Path when it is a record of this unit's own.
  auto RemoveOwn = [&](llvm::StringRef Path) {
    std::string ReadError;
    std::optional<json::Value> Record = readJSONFile(Path, ReadError);
    const json::Object *RO = Record ? Record->getAsObject() : nullptr;
    if (RO && File && RO->getString("unit") == *File)
      llvm::sys::fs::remove(Path);
  };
  if (File) {
    if (const json::Array *Functions = O->getArray("functions"))
      for (const json::Value &F : *Functions)
        if (std::optional<llvm::StringRef> Usr = F.getAsString())
          RemoveOwn(functionPath(usrKey(*Usr)));
    if (const json::Array *Overrides = O->getArray("overrides"))
      for (const json::Value &P : *Overrides) {
        const json::Array *Pair = P.getAsArray();
        if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
            !(*Pair)[1].getAsString())
          continue;
        llvm::SmallString<256> Path(overridesDir(*(*Pair)[0].getAsString()));
        llvm::sys::path::append(Path, *(*Pair)[1].getAsString() + ".json");
        RemoveOwn(Path);
      }
  }
  llvm::sys::fs::remove(ManifestPath);
  std::lock_guard<std::mutex> Lock(Mutex);
  if (File)
    Units.erase(*File);
}

bool SummaryDatabase::unitIsCurrent(llvm::StringRef File) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return unitState(File).Current;
}

std::optional<llvm::json::Value>
SummaryDatabase::lookup(llvm::StringRef Usr) {
  return lookupKey(usrKey(Usr), Usr);
}

std::optional<llvm::json::Value>
SummaryDatabase::lookupKey(llvm::StringRef Key, std::optional<llvm::StringRef> Usr) {
  std::string Path = functionPath(Key);
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Count.Lookups;
  }
  if (!llvm::sys::fs::exists(Path))
    return std::nullopt;
  std::string Error;
  std::optional<json::Value> V = readJSONFile(Path, Error);
  std::lock_guard<std::mutex> Lock(Mutex);
  json::Object *O = V ? V->getAsObject() : nullptr;
  std::optional<llvm::StringRef> EntryUsr = O ? O->getString("usr") : std::nullopt;
  if (!EntryUsr || usrKey(*EntryUsr) != Key ||
      (!O->get("conflict") &&
       (!O->getString("unit") || !O->getObject("summary")))) {
    ++Count.Corrupt;
    warnOnce(Path, "summary database: ignoring corrupt entry '" + Path +
                       "'" + (Error.empty() ? "" : ": " + Error));
    return std::nullopt;
  }
  // Another function with the same key (a hash collision): not this one.
  if (Usr && *EntryUsr != *Usr)
    return std::nullopt;
  // The function is defined by several units (programs of one build that
  // share a name): nobody can tell which one a call reaches.
  if (O->get("conflict"))
    return std::nullopt;
  llvm::StringRef Unit = *O->getString("unit");
  const UnitState &State = unitState(Unit);
  if (!State.Current || !State.Defines.count(Key)) {
    ++Count.Stale;
    // A corrupt manifest was reported as such; a current unit that no
    // longer defines the function (it failed to compile, or the function
    // went away) is not out of date.
    if (WarnStale && !State.Corrupt && !State.Current)
      warnOnce("stale", "summary database '" + Directory +
                            "' is out of date (e.g. '" + Unit.str() +
                            "' changed since it was built); its stale entries "
                            "are ignored until the memreview driver updates it");
    return std::nullopt;
  }
  ++Count.Found;
  return std::move(*O->get("summary"));
}

std::optional<std::vector<std::string>>
SummaryDatabase::overridesOf(llvm::StringRef BaseUsr) {
  return overridesOfKey(usrKey(BaseUsr));
}

std::optional<std::vector<std::string>>
SummaryDatabase::overridesOfKey(llvm::StringRef BaseKey) {
  std::vector<std::string> Result;
  std::error_code EC;
  std::string Dir = overridesDir(BaseKey);
  if (!llvm::sys::fs::is_directory(Dir))
    return Result;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (!llvm::StringRef(It->path()).ends_with(".json"))
      continue;
    std::string Error;
    std::optional<json::Value> V = readJSONFile(It->path(), Error);
    std::lock_guard<std::mutex> Lock(Mutex);
    const json::Object *O = V ? V->getAsObject() : nullptr;
    if (!O || !O->getString("base") || usrKey(*O->getString("base")) != BaseKey ||
        !O->getString("override") || !O->getString("unit")) {
      ++Count.Corrupt;
      warnOnce(It->path(), "summary database: ignoring corrupt override "
                           "record '" + It->path() + "'");
      return std::nullopt;
    }
    llvm::StringRef Override = *O->getString("override");
    const UnitState &State = unitState(*O->getString("unit"));
    if (!State.Current) {
      ++Count.Stale;
      if (WarnStale && !State.Corrupt)
        warnOnce("stale",
                 "summary database '" + Directory + "' is out of date (e.g. '" +
                     O->getString("unit")->str() +
                     "' changed since it was built); its stale entries are "
                     "ignored until the memreview driver updates it");
      return std::nullopt;
    }
    // A registration the unit no longer makes: the override is gone.
    if (!State.Defines.count(("o" + BaseKey + usrKey(Override)).str()))
      continue;
    Result.push_back(Override.str());
  }
  if (EC)
    return std::nullopt;
  llvm::sort(Result);
  Result.erase(std::unique(Result.begin(), Result.end()), Result.end());
  return Result;
}

std::string
SummaryDatabase::digestOf(const std::optional<llvm::json::Value> &Summary) {
  return Summary ? hashText(print(*Summary)).substr(0, 8) : "-";
}

std::string SummaryDatabase::digest(llvm::StringRef Key) {
  if (Key.consume_front("f"))
    return digestOf(lookupKey(Key, std::nullopt));
  if (Key.consume_front("o")) {
    std::optional<std::vector<std::string>> Overrides = overridesOfKey(Key);
    if (!Overrides)
      return "?";
    return hashText(llvm::join(*Overrides, "\n")).substr(0, 8);
  }
  return "?";
}

bool SummaryDatabase::writeUnit(const UnitRecord &Unit, std::string &Error) {
  json::Array Functions;
  for (const auto &[Usr, Summary] : Unit.Functions) {
    Functions.push_back(Usr);
    std::string Key = usrKey(Usr);
    std::string Path = functionPath(Key);
    // One writer at a time per process: two units that define the same
    // function must see each other.
    std::lock_guard<std::mutex> WriteLock(WriteMutex);
    // The other units that define this function: on disk (a current unit
    // whose manifest lists it) or written by this process.
    std::vector<std::string> Claimants{Unit.File};
    auto Claims = [&](const std::string &Other) {
      if (Other == Unit.File || llvm::is_contained(Claimants, Other))
        return;
      auto Written = WrittenBy.find(Key);
      bool Here = Written != WrittenBy.end() &&
                  llvm::is_contained(Written->second, Other);
      std::lock_guard<std::mutex> Lock(Mutex);
      const UnitState &S = unitState(Other);
      if (Here || (S.Current && S.Defines.count(Key)))
        Claimants.push_back(Other);
    };
    std::string ReadError;
    std::optional<json::Value> Old = readJSONFile(Path, ReadError);
    if (const json::Object *O = Old ? Old->getAsObject() : nullptr) {
      if (std::optional<llvm::StringRef> OldUnit = O->getString("unit"))
        Claims(OldUnit->str());
      if (const json::Array *Listed = O->getArray("conflict"))
        for (const json::Value &C : *Listed)
          if (std::optional<llvm::StringRef> U = C.getAsString())
            Claims(U->str());
    }
    auto &Mine = WrittenBy[Key];
    if (!llvm::is_contained(Mine, Unit.File))
      Mine.push_back(Unit.File);
    json::Value Entry = json::Object{
        {"usr", Usr}, {"unit", Unit.File}, {"summary", Summary}};
    if (Claimants.size() > 1) {
      llvm::sort(Claimants);
      json::Array List;
      for (const std::string &C : Claimants)
        List.push_back(C);
      Entry = json::Object{{"usr", Usr}, {"conflict", std::move(List)}};
    }
    if (Old && *Old == Entry)
      continue; // unchanged: no write, and readers keep their caches
    if (!writeFileAtomically(Path, print(Entry) + "\n", Error))
      return false;
  }
  json::Array Overrides;
  for (const auto &[Base, Override] : Unit.Overrides) {
    Overrides.push_back(json::Array{usrKey(Base), usrKey(Override)});
    llvm::SmallString<256> Path(overridesDir(usrKey(Base)));
    llvm::sys::path::append(Path, usrKey(Override) + ".json");
    json::Value Record = json::Object{
        {"base", Base}, {"override", Override}, {"unit", Unit.File}};
    std::string ReadError;
    if (std::optional<json::Value> Old = readJSONFile(Path, ReadError);
        Old && *Old == Record)
      continue;
    if (!writeFileAtomically(Path, print(Record) + "\n", Error))
      return false;
  }
  json::Array Inputs, Consulted;
  for (const UnitInput &I : Unit.Inputs) {
    json::Array Input{I.Path, static_cast<int64_t>(I.Size), I.ModTime};
    if (!I.Hash.empty())
      Input.push_back(I.Hash);
    Inputs.push_back(std::move(Input));
  }
  for (const auto &[Key, Digest] : Unit.Consulted)
    Consulted.push_back(json::Array{Key, Digest});
  json::Value Manifest = json::Object{{"version", SummaryDbVersion},
                                      {"file", Unit.File},
                                      {"command", Unit.CommandHash},
                                      {"inputs", std::move(Inputs)},
                                      {"functions", std::move(Functions)},
                                      {"overrides", std::move(Overrides)},
                                      {"consulted", std::move(Consulted)}};
  if (Unit.Failed)
    Manifest.getAsObject()->try_emplace("failed", true);
  if (!writeFileAtomically(unitPath(Unit.File), print(Manifest) + "\n", Error))
    return false;
  std::lock_guard<std::mutex> Lock(Mutex);
  Units.erase(Unit.File);
  return true;
}

//===-- Process-wide settings ---------------------------------------------===//

namespace {
std::mutex RegistryMutex;
llvm::StringMap<std::shared_ptr<SummaryDatabase>> &registry() {
  static llvm::StringMap<std::shared_ptr<SummaryDatabase>> R;
  return R;
}
std::optional<std::string> Override;
bool Record = false;
} // namespace

std::shared_ptr<SummaryDatabase> sharedSummaryDatabase(llvm::StringRef Dir) {
  std::lock_guard<std::mutex> Lock(RegistryMutex);
  std::shared_ptr<SummaryDatabase> &DB = registry()[Dir];
  if (!DB)
    DB = std::make_shared<SummaryDatabase>(Dir.str());
  return DB;
}

void overrideSummaryDatabase(std::optional<std::string> Dir) {
  Override = std::move(Dir);
}
const std::optional<std::string> &summaryDatabaseOverride() { return Override; }
void setRecordUnits(bool R) { Record = R; }
bool recordUnits() { return Record; }

} // namespace clang::tidy::memreview::engine
