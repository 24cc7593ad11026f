//===--- MemreviewModule.cpp - the one registration point of memreview ---===//
//
// Part of memreview. Every front end (the clang-tidy plugin and the memreview
// driver) gets its checks from this module: there is no second registry.
//
//===----------------------------------------------------------------------===//

#include "CheckCatalog.h"
#include "smartptr/DeleteOwnedCheck.h"
#include "smartptr/DiscardedReleaseCheck.h"
#include "smartptr/DoubleOwnershipCheck.h"
#include "smartptr/SharedPtrThisCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::memreview {

class MemreviewModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    // Alphabetical order.
    Factories.registerCheck<smartptr::DeleteOwnedCheck>(
        "memreview-delete-owned");
    Factories.registerCheck<smartptr::DiscardedReleaseCheck>(
        "memreview-discarded-release");
    Factories.registerCheck<smartptr::DoubleOwnershipCheck>(
        "memreview-double-ownership");
    Factories.registerCheck<smartptr::SharedPtrThisCheck>(
        "memreview-shared-ptr-this");
  }
};

} // namespace clang::tidy::memreview

namespace clang::tidy {
static ClangTidyModuleRegistry::Add<memreview::MemreviewModule>
    X("memreview-module", "Memory-ownership checks of memreview.");

// The driver links this module statically and references this anchor (the way
// ClangTidyForceLinker.h does) so that the linker keeps the registration above.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int MemreviewModuleAnchorSource = 0;
} // namespace clang::tidy
