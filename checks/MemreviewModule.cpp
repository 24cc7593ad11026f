//===--- MemreviewModule.cpp - the one registration point of memreview ---===//
//
// Part of memreview. Every front end (the clang-tidy plugin and the memreview
// driver) gets its checks from this module: there is no second registry.
//
//===----------------------------------------------------------------------===//

#include "CheckCatalog.h"
#include "classes/OwningMemberCheck.h"
#include "containers/ContainerOwningPointersCheck.h"
#include "cycles/SharedPtrCycleCheck.h"
#include "dealloc/DeleteNonHeapCheck.h"
#include "dealloc/MismatchedDeallocationCheck.h"
#include "leaks/LeakCheck.h"
#include "lifetime/DoubleDeleteCheck.h"
#include "lifetime/UseAfterDeleteCheck.h"
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
    Factories.registerCheck<containers::ContainerOwningPointersCheck>(
        "memreview-container-owning-pointers");
    Factories.registerCheck<smartptr::DeleteOwnedCheck>(
        "memreview-delete-owned");
    Factories.registerCheck<dealloc::DeleteNonHeapCheck>(
        "memreview-delete-non-heap");
    Factories.registerCheck<smartptr::DiscardedReleaseCheck>(
        "memreview-discarded-release");
    Factories.registerCheck<lifetime::DoubleDeleteCheck>(
        "memreview-double-delete");
    Factories.registerCheck<smartptr::DoubleOwnershipCheck>(
        "memreview-double-ownership");
    Factories.registerCheck<leaks::LeakCheck>("memreview-leak");
    Factories.registerCheck<dealloc::MismatchedDeallocationCheck>(
        "memreview-mismatched-deallocation");
    Factories.registerCheck<classes::OwningMemberCheck>(
        "memreview-owning-member");
    Factories.registerCheck<cycles::SharedPtrCycleCheck>(
        "memreview-shared-ptr-cycle");
    Factories.registerCheck<smartptr::SharedPtrThisCheck>(
        "memreview-shared-ptr-this");
    Factories.registerCheck<lifetime::UseAfterDeleteCheck>(
        "memreview-use-after-delete");
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
