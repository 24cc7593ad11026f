//===--- CheckCatalog.cpp - metadata of every memreview check -------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "CheckCatalog.h"

namespace clang::tidy::memreview {

static constexpr CheckInfo Catalog[] = {
    {"memreview-delete-owned", "stable", "error", "high",
     "Finds 'delete' or 'free' of a pointer that a smart pointer still owns."},
    {"memreview-discarded-release", "stable", "warning", "high",
     "Finds calls of 'std::unique_ptr::release()' whose result is thrown "
     "away, leaking the object."},
    {"memreview-double-ownership", "stable", "error", "high",
     "Finds one raw pointer adopted by two owners: two smart pointers, or a "
     "smart pointer and a manual 'delete'."},
    {"memreview-shared-ptr-this", "stable", "error", "very-high",
     "Finds a 'std::shared_ptr' that adopts 'this', creating a second, "
     "independent owner of an object."},
};

llvm::ArrayRef<CheckInfo> checkCatalog() { return Catalog; }

} // namespace clang::tidy::memreview
