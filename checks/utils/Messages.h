//===--- Messages.h - small helpers for diagnostic text --------*- C++ -*-===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_UTILS_MESSAGES_H
#define MEMREVIEW_CHECKS_UTILS_MESSAGES_H

#include <string>

namespace clang::tidy::memreview {

/// A name as messages show it: 'p'. A description that is not a name (the
/// engine says "the pointer" when it cannot spell the expression) stays as it
/// is.
inline std::string quoted(const std::string &Name) {
  if (Name.empty())
    return "the pointer";
  if (Name == "the pointer")
    return Name;
  // A phrase that quotes its own names ("an element of 'orders'").
  if (Name.find('\'') != std::string::npos &&
      Name.find(' ') != std::string::npos)
    return Name;
  return "'" + Name + "'";
}

} // namespace clang::tidy::memreview

#endif
