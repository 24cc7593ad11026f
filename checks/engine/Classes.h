//===--- Classes.h - classes that own memory through raw members -*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_CLASSES_H
#define MEMREVIEW_CHECKS_ENGINE_CLASSES_H

#include "engine/Engine.h"
#include "engine/Explorer.h"

namespace clang::tidy::memreview::engine {

/// Findings about raw pointer members that own memory (the classes of the
/// member functions in \p Explored), from the summaries of the classes'
/// member functions: memory never released, released with the wrong
/// deallocator, lost by a second assignment, or released twice by copies.
/// \p DefaultInitFields are the raw pointer members with a default member
/// initializer: one that allocates counts as an allocation by the
/// constructors that run it.
void analyseClasses(ASTContext &Context, SummaryProvider &Summaries,
                    llvm::ArrayRef<const FunctionDecl *> Explored,
                    llvm::ArrayRef<const FieldDecl *> DefaultInitFields,
                    llvm::SmallVectorImpl<OwnershipFinding> &Out);

/// Findings about member containers that receive owning raw pointers in
/// member functions while no member function (nor the destructor) releases
/// their elements.
void analyseContainerMembers(ASTContext &Context, SummaryProvider &Summaries,
                             llvm::ArrayRef<const FunctionDecl *> Explored,
                             llvm::SmallVectorImpl<OwnershipFinding> &Out);

/// The note that suggests holding the elements of a container of type
/// \p ContainerType, which received memory of family \p Fam, in smart
/// pointers: the matching standard container of 'std::unique_ptr'
/// ('std::map<int, std::unique_ptr<Order>>') where it can be spelled.
std::string ownershipSuggestion(QualType ContainerType, Family Fam,
                                const ASTContext &Context);

} // namespace clang::tidy::memreview::engine

#endif
