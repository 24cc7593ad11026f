#!/usr/bin/env bash
# From a fresh Debian 12 machine (run as root) to memreview's findings on the
# example project: installs what is missing (scripts/bootstrap.sh), builds
# memreview (scripts/build.sh), configures examples/inventory into
# build/examples/inventory with a compile_commands.json, and runs
#
#   build/bin/memreview -p build/examples/inventory
#
# examples/README.md explains each finding. The build directory is build/, or
# $MEMREVIEW_BUILD_DIR.
#
# Exit status: 0 when memreview ran, whether it found something (its status 1)
# or not (its status 0); non-zero when a step failed or memreview could not
# analyse the project.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${MEMREVIEW_BUILD_DIR:-build}
MEMREVIEW_BUILD_DIR=$(mkdir -p "$build" && cd "$build" && pwd)
export MEMREVIEW_BUILD_DIR
example_build=$build/examples/inventory

step() { printf '\n== quickstart: %s\n' "$*"; }
fail() {
  echo "quickstart: error: $*" >&2
  exit 2
}

step "installing what memreview needs (scripts/bootstrap.sh)"
bash scripts/bootstrap.sh || fail "scripts/bootstrap.sh failed"

# A fresh Debian 12 has no 'c++' unless g++ is installed: use the clang that
# bootstrap installed, for memreview and for the example alike.
if [[ -z ${CXX:-} ]] && ! command -v c++ >/dev/null 2>&1; then
  command -v clang++-19 >/dev/null 2>&1 ||
    fail "no C++ compiler: neither c++ nor clang++-19 is on PATH"
  export CXX=clang++-19
fi

step "building memreview into $build (scripts/build.sh)"
bash scripts/build.sh || fail "scripts/build.sh failed"
[[ -x $build/bin/memreview ]] || fail "the build made no $build/bin/memreview"

step "configuring examples/inventory into $example_build"
cmake -S examples/inventory -B "$example_build" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null ||
  fail "cmake could not configure examples/inventory"
[[ -f $example_build/compile_commands.json ]] ||
  fail "cmake wrote no $example_build/compile_commands.json"

step "running $build/bin/memreview -p $example_build"
status=0
"$build/bin/memreview" -p "$example_build" || status=$?
case $status in
0) echo "quickstart: memreview ran and found nothing" ;;
1) echo "quickstart: memreview ran; examples/README.md explains each finding" ;;
*) fail "memreview could not analyse the example (exit status $status)" ;;
esac
