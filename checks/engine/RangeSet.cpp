//===--- RangeSet.cpp - sets of integer intervals -------------------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "engine/RangeSet.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::memreview::engine {

RangeSet RangeSet::allBut(int64_t V) { return single(V).complement(); }

RangeSet RangeSet::satisfying(llvm::StringRef Op, int64_t C) {
  if (Op == "==")
    return single(C);
  if (Op == "!=")
    return allBut(C);
  if (Op == "<")
    return C == Min ? empty() : RangeSet(Min, C - 1);
  if (Op == "<=")
    return RangeSet(Min, C);
  if (Op == ">")
    return C == Max ? empty() : RangeSet(C + 1, Max);
  if (Op == ">=")
    return RangeSet(C, Max);
  return full();
}

bool RangeSet::isFull() const {
  return Intervals.size() == 1 && Intervals[0].first == Min &&
         Intervals[0].second == Max;
}

bool RangeSet::contains(int64_t V) const {
  return llvm::any_of(Intervals, [V](const auto &I) {
    return I.first <= V && V <= I.second;
  });
}

std::optional<int64_t> RangeSet::singleValue() const {
  if (Intervals.size() == 1 && Intervals[0].first == Intervals[0].second)
    return Intervals[0].first;
  return std::nullopt;
}

RangeSet RangeSet::intersect(const RangeSet &Other) const {
  RangeSet R;
  for (const auto &A : Intervals)
    for (const auto &B : Other.Intervals) {
      int64_t Lo = std::max(A.first, B.first), Hi = std::min(A.second, B.second);
      if (Lo <= Hi)
        R.Intervals.push_back({Lo, Hi});
    }
  R.normalize();
  return R;
}

RangeSet RangeSet::unite(const RangeSet &Other) const {
  RangeSet R = *this;
  R.Intervals.append(Other.Intervals.begin(), Other.Intervals.end());
  R.normalize();
  return R;
}

RangeSet RangeSet::complement() const {
  RangeSet R;
  int64_t Next = Min;
  bool Done = false;
  for (const auto &I : Intervals) {
    if (I.first > Next)
      R.Intervals.push_back({Next, I.first - 1});
    if (I.second == Max) {
      Done = true;
      break;
    }
    Next = I.second + 1;
  }
  if (!Done)
    R.Intervals.push_back({Next, Max});
  return R;
}

void RangeSet::normalize() {
  llvm::sort(Intervals);
  llvm::SmallVector<std::pair<int64_t, int64_t>, 2> Merged;
  for (const auto &I : Intervals) {
    if (!Merged.empty() &&
        (Merged.back().second == Max || I.first <= Merged.back().second + 1)) {
      Merged.back().second = std::max(Merged.back().second, I.second);
      continue;
    }
    Merged.push_back(I);
  }
  Intervals = std::move(Merged);
}

RangeSet RangeSet::fromIntervals(
    llvm::ArrayRef<std::pair<int64_t, int64_t>> I) {
  RangeSet R;
  R.Intervals.assign(I.begin(), I.end());
  R.normalize();
  return R;
}

uint64_t RangeSet::hash() const {
  uint64_t H = Intervals.size();
  for (const auto &I : Intervals)
    H = hashMix(hashMix(H, uint64_t(I.first)), uint64_t(I.second));
  return H;
}

std::string RangeSet::str() const {
  std::string S;
  for (const auto &I : Intervals) {
    if (!S.empty())
      S += " U ";
    S += "[" + std::to_string(I.first) + ", " + std::to_string(I.second) + "]";
  }
  return S.empty() ? "{}" : S;
}

} // namespace clang::tidy::memreview::engine
