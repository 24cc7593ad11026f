#!/usr/bin/env bash
# Installs everything memreview needs on a fresh Debian 12 machine (run as root).
# Idempotent, and quick when everything is already there: apt runs only when a
# package is missing.
set -euo pipefail

PACKAGES=(
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tidy-19
  cmake ninja-build python3 git
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

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
