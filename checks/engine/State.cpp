//===--- State.cpp - the program state of one explored path ---------------===//
//
// Part of memreview.
//
//===----------------------------------------------------------------------===//

#include "engine/State.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::memreview::engine {

template <typename Vec, typename Key>
static auto lowerBound(Vec &V, const Key &K) {
  return llvm::lower_bound(
      V, K, [](const auto &Entry, const Key &K) { return Entry.first < K; });
}

const SVal *State::lookup(RegionId R) const {
  auto It = lowerBound(Store, R);
  return It != Store.end() && It->first == R ? &It->second : nullptr;
}

void State::bind(RegionId R, SVal V) {
  auto It = lowerBound(Store, R);
  if (It != Store.end() && It->first == R)
    It->second = V;
  else
    Store.insert(It, {R, V});
}

void State::unbind(RegionId R) {
  auto It = lowerBound(Store, R);
  if (It != Store.end() && It->first == R)
    Store.erase(It);
}

const SVal *State::envLookup(EnvKey E) const {
  for (const auto &Entry : Env)
    if (Entry.first == E)
      return &Entry.second;
  return nullptr;
}

void State::envBind(EnvKey E, SVal V) {
  for (auto &Entry : Env)
    if (Entry.first == E) {
      Entry.second = V;
      return;
    }
  Env.push_back({E, V});
}

void State::envErase(EnvKey E) {
  for (size_t I = 0; I < Env.size(); ++I)
    if (Env[I].first == E) {
      Env.erase(Env.begin() + I);
      return;
    }
}

const ObjectStatus *State::status(ObjId O) const {
  auto It = lowerBound(Objects, O);
  return It != Objects.end() && It->first == O ? &It->second : nullptr;
}

ObjectStatus &State::statusRef(ObjId O) {
  auto It = lowerBound(Objects, O);
  if (It == Objects.end() || It->first != O)
    It = Objects.insert(It, {O, ObjectStatus()});
  return It->second;
}

RangeSet State::range(SymId S) const {
  auto It = lowerBound(Constraints, S);
  return It != Constraints.end() && It->first == S ? It->second
                                                   : RangeSet::full();
}

bool State::constrain(SymId S, const RangeSet &R) {
  auto It = lowerBound(Constraints, S);
  RangeSet Current = It != Constraints.end() && It->first == S
                         ? It->second
                         : RangeSet::full();
  RangeSet Narrowed = Current.intersect(R);
  if (Narrowed.isEmpty())
    return false;
  if (It != Constraints.end() && It->first == S)
    It->second = Narrowed;
  else
    Constraints.insert(It, {S, Narrowed});
  return true;
}

unsigned State::loopVisits(unsigned Block) const {
  for (const auto &Entry : LoopVisits)
    if (Entry.first == Block)
      return Entry.second;
  return 0;
}

void State::setLoopVisits(unsigned Block, unsigned Visits) {
  for (auto &Entry : LoopVisits)
    if (Entry.first == Block) {
      Entry.second = Visits;
      return;
    }
  LoopVisits.push_back({Block, Visits});
}

bool State::operator==(const State &O) const {
  if (Store != O.Store || Objects != O.Objects ||
      Constraints != O.Constraints || LoopVisits != O.LoopVisits ||
      Returned != O.Returned || LastReturn != O.LastReturn ||
      Throwing != O.Throwing || GlobalEpoch != O.GlobalEpoch ||
      ElementsReleased != O.ElementsReleased ||
      Env.size() != O.Env.size())
    return false;
  // The environment is small and unordered.
  for (const auto &Entry : Env) {
    const SVal *Other = O.envLookup(Entry.first);
    if (!Other || *Other != Entry.second)
      return false;
  }
  return true;
}

uint64_t State::hash() const {
  uint64_t H = Store.size();
  for (const auto &[R, V] : Store)
    H = hashMix(hashMix(H, R), V.hash());
  for (const auto &[O, S] : Objects)
    H = hashMix(hashMix(hashMix(H, O), uint64_t(S.Kind) << 1 | S.Derefed),
                reinterpret_cast<uintptr_t>(S.ReleaseSite));
  for (const auto &[S, R] : Constraints)
    H = hashMix(hashMix(H, S), R.hash());
  for (const auto &[B, N] : LoopVisits)
    H = hashMix(hashMix(H, B), N);
  for (RegionId R : ElementsReleased)
    H = hashMix(H, R);
  // Order-independent for the environment.
  uint64_t EnvHash = 0;
  for (const auto &[E, V] : Env)
    EnvHash ^= hashMix(reinterpret_cast<uintptr_t>(E), V.hash());
  H = hashMix(H, EnvHash);
  H = hashMix(H, reinterpret_cast<uintptr_t>(LastReturn));
  H = hashMix(H, reinterpret_cast<uintptr_t>(Throwing));
  H = hashMix(H, GlobalEpoch);
  return hashMix(H, Returned ? Returned->hash() : 0);
}

} // namespace clang::tidy::memreview::engine
