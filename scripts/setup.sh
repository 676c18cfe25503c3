#!/usr/bin/env bash
# Installs what Loom needs from Debian (when missing) and builds it into build/.
# Usage: scripts/setup.sh            (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build g++ python3 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
          libomp-22-dev libfmt-dev libgtest-dev libpng-dev zlib1g-dev dataset-fashion-mnist
          libopenmpi-dev openmpi-bin)
scripts/install-packages.sh "${packages[@]}"

echo "== configuring and building in build/"
[ -f build/build.ninja ] || cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build
