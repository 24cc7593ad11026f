//===--- RangeSet.h - sets of integer intervals ----------------*- C++ -*-===//
//
// Part of memreview. The constraint on one symbol: a sorted set of disjoint,
// closed intervals of int64_t. Pointers use it too: 0 is null.
//
//===----------------------------------------------------------------------===//

#ifndef MEMREVIEW_CHECKS_ENGINE_RANGESET_H
#define MEMREVIEW_CHECKS_ENGINE_RANGESET_H

#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <limits>
#include <string>

namespace clang::tidy::memreview::engine {

/// Folds \p V into the running hash \p H: cheaper than llvm::hash_combine
/// for the many small integers a path state hashes.
inline uint64_t hashMix(uint64_t H, uint64_t V) {
  H ^= V + 0x9E3779B97F4A7C15ULL + (H << 6) + (H >> 2);
  H *= 0xBF58476D1CE4E5B9ULL;
  return H ^ (H >> 31);
}

class RangeSet {
public:
  static constexpr int64_t Min = std::numeric_limits<int64_t>::min();
  static constexpr int64_t Max = std::numeric_limits<int64_t>::max();

  /// Every value.
  static RangeSet full() { return RangeSet(Min, Max); }
  static RangeSet empty() { return RangeSet(); }
  static RangeSet single(int64_t V) { return RangeSet(V, V); }
  /// Every value but \p V.
  static RangeSet allBut(int64_t V);
  /// The values for which 'X op C' holds, for a comparison opcode given as
  /// one of "==", "!=", "<", "<=", ">", ">=".
  static RangeSet satisfying(llvm::StringRef Op, int64_t C);

  bool isEmpty() const { return Intervals.empty(); }
  bool isFull() const;
  bool contains(int64_t V) const;
  /// The only value, if the set has exactly one.
  std::optional<int64_t> singleValue() const;

  RangeSet intersect(const RangeSet &Other) const;
  RangeSet unite(const RangeSet &Other) const;
  RangeSet complement() const;

  bool operator==(const RangeSet &O) const { return Intervals == O.Intervals; }
  bool operator!=(const RangeSet &O) const { return !(*this == O); }
  uint64_t hash() const;
  std::string str() const;

  const llvm::SmallVectorImpl<std::pair<int64_t, int64_t>> &intervals() const {
    return Intervals;
  }
  static RangeSet fromIntervals(llvm::ArrayRef<std::pair<int64_t, int64_t>> I);

private:
  RangeSet() = default;
  RangeSet(int64_t Lo, int64_t Hi) { Intervals.push_back({Lo, Hi}); }
  void normalize();
  llvm::SmallVector<std::pair<int64_t, int64_t>, 2> Intervals;
};

} // namespace clang::tidy::memreview::engine

#endif
