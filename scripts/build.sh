#!/usr/bin/env bash
# Configures (once) and builds memreview into build/ (or $MEMREVIEW_BUILD_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MEMREVIEW_BUILD_DIR:-$root/build}
if [[ ! -f $build/build.ninja ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$build" -j "${MEMREVIEW_JOBS:-2}"
