//===--- CheckCatalog.cpp - metadata of every memreview check -------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "CheckCatalog.h"

namespace clang::tidy::memreview {

static constexpr CheckInfo Catalog[] = {
    {"memreview-container-owning-pointers", "stable", "warning", "high",
     "Finds containers that hold owning raw pointers and drop them without "
     "releasing them: when the container goes out of scope, is cleared, "
     "erased from, resized to zero or assigned over, or belongs to an object "
     "whose class never releases its elements.",
     true},
    {"memreview-delete-owned", "stable", "error", "high",
     "Finds 'delete' or 'free' of a pointer that a smart pointer still owns."},
    {"memreview-delete-non-heap", "stable", "error", "high",
     "Finds 'delete' or 'free' of memory that no allocator returned: the "
     "address of a variable, a string literal, or a pointer into the middle "
     "of an allocation.", true},
    {"memreview-discarded-release", "stable", "warning", "high",
     "Finds calls of 'std::unique_ptr::release()' whose result is thrown "
     "away, leaking the object."},
    {"memreview-double-delete", "stable", "error", "high",
     "Finds memory that is released twice on some path, through any alias.", true},
    {"memreview-double-ownership", "stable", "error", "high",
     "Finds one raw pointer adopted by two owners: two smart pointers, or a "
     "smart pointer and a manual 'delete'."},
    {"memreview-leak", "stable", "warning", "high",
     "Finds memory that a function allocates and then loses on some path "
     "without releasing it.", true},
    {"memreview-mismatched-deallocation", "stable", "error", "high",
     "Finds memory released with the deallocator of another allocation "
     "family, such as 'new[]' with 'delete' or 'malloc' with 'delete'.", true},
    {"memreview-owning-member", "stable", "warning", "high",
     "Finds raw pointer members that own memory their class never releases, "
     "releases with the wrong deallocator, loses by assigning them again, or "
     "releases twice through compiler-generated copies.", false, true},
    {"memreview-shared-ptr-cycle", "experimental", "warning", "medium",
     "Finds classes and objects that own each other in a cycle of "
     "'std::shared_ptr's, so that none of them is ever destroyed."},
    {"memreview-shared-ptr-this", "stable", "error", "very-high",
     "Finds a 'std::shared_ptr' that adopts 'this', creating a second, "
     "independent owner of an object."},
    {"memreview-use-after-delete", "stable", "error", "high",
     "Finds released memory that is dereferenced, accessed through, indexed "
     "or passed to a function that dereferences it.", true},
};

llvm::ArrayRef<CheckInfo> checkCatalog() { return Catalog; }

} // namespace clang::tidy::memreview
