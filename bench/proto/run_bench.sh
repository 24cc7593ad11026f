#!/bin/sh
# Reproduce every number in README.md.  Needs hyperfine (apt-get install -y
# hyperfine) and GNU time.  Takes ~6 minutes on 2 cores (big_2000_chain8 is
# ~70 s per run).
set -e
cd "$(dirname "$0")"
P=./build/dataflow_leak_proto
mkdir -p results
[ -f inputs/big_2000_chain4.cpp ] || python3 gen_big.py -n 2000 --chain 4 -o inputs/big_2000_chain4.cpp
[ -f inputs/big_2000_chain8.cpp ] || python3 gen_big.py -n 2000 --chain 8 -o inputs/big_2000_chain8.cpp

echo "== correctness" | tee results/correctness.txt
for f in hardest_pair extra_cases big_2000_chain4 big_2000_chain8; do
  $P inputs/$f.cpp > results/$f.out 2> results/$f.stats
  printf '%s: ' $f | tee -a results/correctness.txt
  python3 check.py results/$f.out inputs/$f.cpp -q | tee -a results/correctness.txt
done
echo "== ablations on hardest_pair" | tee -a results/correctness.txt
for m in --no-memo --no-inline --framework-cs; do
  $P $m inputs/hardest_pair.cpp > results/hardest_pair$m.out 2>/dev/null
  printf '%s: ' "$m" | tee -a results/correctness.txt
  python3 check.py results/hardest_pair$m.out inputs/hardest_pair.cpp -q | tee -a results/correctness.txt
done

echo "== peak RSS (GNU time, %e s %M KB)" | tee results/rss.txt
for f in hardest_pair big_2000_chain4 big_2000_chain8; do
  /usr/bin/time -f "clang-19 -fsyntax-only $f: %e s %M KB" \
    clang-19 -fsyntax-only -std=c++17 inputs/$f.cpp 2>> results/rss.txt
  /usr/bin/time -o /tmp/proto_time.$$ -f "prototype $f: %e s %M KB" \
    $P --no-notes inputs/$f.cpp > /dev/null 2>&1
  cat /tmp/proto_time.$$ >> results/rss.txt
done
cat results/rss.txt

hyperfine -N --warmup 2 --runs 10 --export-json results/hyperfine_small.json \
  'clang-19 -fsyntax-only -std=c++17 inputs/hardest_pair.cpp' \
  "$P inputs/hardest_pair.cpp" \
  'clang-19 -fsyntax-only -std=c++17 inputs/big_2000_chain4.cpp' \
  "$P --no-notes inputs/big_2000_chain4.cpp" \
  'clang-19 -fsyntax-only -std=c++17 inputs/big_2000_chain8.cpp' \
  | tee results/hyperfine_small.txt
hyperfine -N --runs 3 --export-json results/hyperfine_chain8.json \
  "$P --no-notes inputs/big_2000_chain8.cpp" | tee results/hyperfine_chain8.txt

echo "== chain scaling (one function pair per K)" | tee results/chain_scaling.txt
for k in 2 4 6 8 10 12; do
  python3 - "$k" > /tmp/chain_$k.cpp <<'PY'
import sys, importlib.util
spec = importlib.util.spec_from_file_location('g', 'gen_big.py')
g = importlib.util.module_from_spec(spec); spec.loader.exec_module(g)
k = int(sys.argv[1])
print(g.HEADER + g.shape_chain(0, 0, k) + g.shape_chain(1, 1, k))
PY
  $P -v --no-notes /tmp/chain_$k.cpp > /tmp/chain_$k.out 2> /tmp/chain_$k.err
  echo "K=$k: $(grep -E '^(ok|bug)_chain' /tmp/chain_$k.err | tr '\n' ' ') | leaks=$(grep -c 'may leak' /tmp/chain_$k.out) timeouts=$(grep -c 'limit reached' /tmp/chain_$k.out)" | tee -a results/chain_scaling.txt
done
