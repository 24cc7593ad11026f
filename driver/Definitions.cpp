//===--- Definitions.cpp - where functions and classes are defined --------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "Definitions.h"
#include "Sources.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

using namespace clang;

namespace memreview {

namespace {

/// Walks the declarations of a translation unit (namespaces, linkage
/// specifications and class members, not function bodies) and records the
/// definitions it meets.
class DefinitionRecorder : public ASTConsumer {
public:
  DefinitionRecorder(DefinitionIndex &Out, std::string BuildDirectory)
      : Out(Out), BuildDirectory(std::move(BuildDirectory)) {}

  void HandleTranslationUnit(ASTContext &Context) override {
    SM = &Context.getSourceManager();
    Policy = std::make_unique<PrintingPolicy>(Context.getLangOpts());
    // "(anonymous struct)", never "(anonymous struct at file:line:col)":
    // names must not move with the code.
    Policy->AnonymousTagLocations = false;
    visitMembers(Context.getTranslationUnitDecl());
    for (auto &[Path, List] : Found) {
      llvm::sort(List);
      List.erase(std::unique(List.begin(), List.end()), List.end());
    }
    mergeDefinitions(Out, std::move(Found));
    Found.clear();
    Lists.clear();
  }

private:
  void visitMembers(const DeclContext *Context) {
    for (const Decl *Member : Context->decls())
      visit(Member);
  }

  void visit(const Decl *D) {
    if (D->isImplicit())
      return;
    if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D)) {
      // The standard library's namespaces are skipped whole.
      if (!SM->isInSystemHeader(D->getLocation()))
        visitMembers(cast<DeclContext>(D));
      return;
    }
    // A friend function defined in its class ("hidden friend").
    if (const auto *Friend = dyn_cast<FriendDecl>(D)) {
      if (const NamedDecl *Function = Friend->getFriendDecl())
        visit(Function);
      return;
    }
    // A template spans its 'template <...>' header; its name is that of the
    // templated declaration.
    const Decl *Outer = D;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      D = Template->getTemplatedDecl();
    else if (const auto *Template = dyn_cast<ClassTemplateDecl>(D))
      D = Template->getTemplatedDecl();

    if (const auto *Function = dyn_cast<FunctionDecl>(D)) {
      if (Function->isThisDeclarationADefinition() &&
          !isInstantiation(Function->getTemplateSpecializationKind()))
        record(Outer->getSourceRange(), *Function);
      return;
    }
    if (const auto *Record = dyn_cast<RecordDecl>(D)) {
      if (!Record->isThisDeclarationADefinition())
        return;
      // 'template class Vector<int>;' instantiates; it defines nothing.
      if (const auto *Specialization =
              dyn_cast<ClassTemplateSpecializationDecl>(Record);
          Specialization &&
          isInstantiation(Specialization->getSpecializationKind()))
        return;
      if (record(Outer->getSourceRange(), *Record))
        visitMembers(Record);
    }
  }

  static bool isInstantiation(TemplateSpecializationKind Kind) {
    return Kind == TSK_ImplicitInstantiation ||
           Kind == TSK_ExplicitInstantiationDeclaration ||
           Kind == TSK_ExplicitInstantiationDefinition;
  }

  /// Records \p D, which spans \p Range, unless it is in a system header or
  /// does not lie within one file. A definition written by a macro spans the
  /// macro's invocation.
  bool record(SourceRange Range, const NamedDecl &D) {
    if (Range.isInvalid())
      return false;
    CharSourceRange File = SM->getExpansionRange(Range);
    SourceLocation Begin = File.getBegin(), End = File.getEnd();
    if (Begin.isInvalid() || End.isInvalid() || SM->isInSystemHeader(Begin))
      return false;
    auto [BeginFile, BeginOffset] = SM->getDecomposedLoc(Begin);
    auto [EndFile, EndOffset] = SM->getDecomposedLoc(End);
    if (BeginFile != EndFile || EndOffset < BeginOffset)
      return false;
    std::vector<Definition> *List = listOf(BeginFile);
    if (!List)
      return false;
    Definition Entry;
    Entry.Begin = BeginOffset;
    Entry.End = EndOffset;
    llvm::raw_string_ostream Name(Entry.Name);
    // Qualified, with the arguments of a specialization ("Box<int>::get").
    D.getNameForDiagnostic(Name, *Policy, /*Qualified=*/true);
    List->push_back(std::move(Entry));
    return true;
  }

  /// The list of the file of \p ID; null when it is not a file.
  std::vector<Definition> *listOf(FileID ID) {
    auto [It, Inserted] = Lists.try_emplace(ID, nullptr);
    if (!Inserted)
      return It->second;
    if (OptionalFileEntryRef Entry = SM->getFileEntryRefForID(ID))
      It->second = &Found[absolutePath(Entry->getName(), BuildDirectory)];
    return It->second;
  }

  DefinitionIndex &Out;
  std::string BuildDirectory;
  const SourceManager *SM = nullptr;
  std::unique_ptr<PrintingPolicy> Policy;
  DefinitionIndex Found;
  llvm::DenseMap<FileID, std::vector<Definition> *> Lists;
};

} // namespace

std::unique_ptr<ASTConsumer> makeDefinitionRecorder(DefinitionIndex &Out,
                                                    std::string BuildDirectory) {
  return std::make_unique<DefinitionRecorder>(Out, std::move(BuildDirectory));
}

void keepFiles(DefinitionIndex &Index, const llvm::StringSet<> &Keep) {
  for (auto It = Index.begin(); It != Index.end();)
    It = Keep.contains(It->first) ? std::next(It) : Index.erase(It);
}

void mergeDefinitions(DefinitionIndex &Into, DefinitionIndex &&From) {
  for (auto &[Path, List] : From) {
    std::vector<Definition> &Target = Into[Path];
    if (Target.empty()) {
      Target = std::move(List);
      continue;
    }
    std::vector<Definition> Merged;
    Merged.reserve(Target.size() + List.size());
    std::set_union(Target.begin(), Target.end(), List.begin(), List.end(),
                   std::back_inserter(Merged));
    Target = std::move(Merged);
  }
}

llvm::StringRef enclosingDefinition(const DefinitionIndex &Index,
                                    llvm::StringRef Path, unsigned Offset) {
  auto It = Index.find(Path.str());
  if (It == Index.end())
    return "";
  const std::vector<Definition> &List = It->second;
  // Sorted by where they start: only those that start at or before Offset
  // can hold it.
  auto Last = std::upper_bound(List.begin(), List.end(), Offset,
                               [](unsigned Offset, const Definition &D) {
                                 return Offset < D.Begin;
                               });
  const Definition *Best = nullptr;
  for (auto D = List.begin(); D != Last; ++D) {
    if (Offset > D->End)
      continue;
    if (!Best || D->Begin > Best->Begin ||
        (D->Begin == Best->Begin && D->End < Best->End))
      Best = &*D;
  }
  return Best ? llvm::StringRef(Best->Name) : llvm::StringRef();
}

} // namespace memreview
