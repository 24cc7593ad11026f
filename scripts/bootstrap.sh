#!/usr/bin/env bash
# Installs everything memreview needs on a fresh Debian 12 machine (run as root).
# Idempotent, and quick when everything is already there: apt runs only when a
# package is missing, npm only when the SARIF multitool is missing.
#
# Besides the build tools, the test suite needs pre-commit (the hook's end-to-end
# test), and Node.js with npm for Microsoft's SARIF multitool, which validates
# every SARIF log the tests write (scripts/validate_sarif.py). The multitool is
# installed under <build>/tools/sarif-multitool ($MEMREVIEW_BUILD_DIR, else
# build/), where the tests look for it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MEMREVIEW_BUILD_DIR:-$root/build}

PACKAGES=(
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tidy-19
  cmake ninja-build python3 git pre-commit
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# Node.js and npm: any installation will do (Debian's nodejs 18 and npm 9, or
# a newer nodejs that bundles npm); Debian's packages only when there is none.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "bootstrap: error: packages are missing and this is not root; run as root" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Microsoft's SARIF multitool (npm @microsoft/sarif-multitool, a self-contained
# .NET program for linux-x64), pinned, into the build directory.
MULTITOOL_VERSION=5.7.0
multitool_dir=$build/tools/sarif-multitool
multitool=$multitool_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ ! -x $multitool ]] ||
  ! grep -q "\"version\": *\"$MULTITOOL_VERSION\"" \
    "$multitool_dir/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null; then
  echo "bootstrap: installing @microsoft/sarif-multitool@$MULTITOOL_VERSION into $multitool_dir"
  mkdir -p "$multitool_dir"
  npm install --prefix "$multitool_dir" --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$MULTITOOL_VERSION" >/dev/null
  # The package's postinstall makes the program executable; npm may skip
  # install scripts.
  chmod u+x "$multitool"
fi
