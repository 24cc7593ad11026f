#!/bin/sh
# Build the dataflow-framework leak prototype (single job, ~1 min).
# Note: this LLVM install ships only libclang-cpp.so.19.1 (no unversioned
# libclang-cpp.so symlink), hence -l:libclang-cpp.so.19.1 instead of -lclang-cpp.
set -e
cd "$(dirname "$0")"
mkdir -p build
clang++-19 -std=c++17 -O2 -fno-exceptions -frtti \
  -I/usr/lib/llvm-19/include \
  dataflow_leak_proto.cpp -o build/dataflow_leak_proto \
  -L/usr/lib/llvm-19/lib -Wl,-rpath,/usr/lib/llvm-19/lib -l:libclang-cpp.so.19.1 -lLLVM
echo built build/dataflow_leak_proto
