//===--- LeakCheck.cpp - memreview-leak ---===//
//
// Part of memreview. The analysis is the engine's (checks/engine/); this check
// renders its Leak findings.
//
//===----------------------------------------------------------------------===//

#include "leaks/LeakCheck.h"
#include "utils/Messages.h"

namespace clang::tidy::memreview::leaks {

void LeakCheck::warn(const engine::OwnershipFinding &F) {
  diag(F.Range.getBegin(),
       "memory allocated with '%0' is leaked: %select{%2 goes out of scope "
       "without releasing it|%2 is overwritten while it holds the only "
       "pointer to it|the function returns without releasing it or handing "
       "it to its caller|the value holding it is discarded|an exception "
       "leaves the function before it is released|%2 is destroyed without "
       "releasing what it holds|an exception thrown by '%3' leaves the "
       "function before it is released}1")
      << F.Allocator << F.Variant << quoted(F.Subject) << F.Subject
      << F.Range;
}

LeakCheck::LeakCheck(StringRef Name, ClangTidyContext *Context)
    : EngineCheck(Name, Context, engine::FindingKind::Leak),
      AssumeUnknownCallsThrow(Options.get("AssumeUnknownCallsThrow", false)) {}

void LeakCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  EngineCheck::storeOptions(Opts);
  Options.store(Opts, "AssumeUnknownCallsThrow", AssumeUnknownCallsThrow);
}

} // namespace clang::tidy::memreview::leaks
