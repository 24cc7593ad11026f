//===--- LeakCheck.h - memreview-leak -*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_LEAKS_LEAKCHECK_H
#define MEMREVIEW_CHECKS_LEAKS_LEAKCHECK_H

#include "engine/EngineCheck.h"

namespace clang::tidy::memreview::leaks {

/// Finds memory that a function allocates and then loses on some path without releasing it.
/// See docs/checks/memreview-leak.md.
class LeakCheck : public engine::EngineCheck {
public:
  LeakCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  void warn(const engine::OwnershipFinding &F) override;

private:
  /// See EngineConfig::UnknownCallsMayThrow.
  const bool AssumeUnknownCallsThrow;
};

} // namespace clang::tidy::memreview::leaks

#endif
