#!/usr/bin/env bash
# Builds Loom with AddressSanitizer (LeakSanitizer included) and
# UndefinedBehaviorSanitizer into build-asan/ (the default compiler, -O1,
# assertions on) and runs the whole suite there; see docs/reliability.md.
# The last line printed is lit's own summary.
# Usage: scripts/sanitize.sh   (after scripts/setup.sh has installed the packages)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build-asan/build.ninja ] || cmake -G Ninja -S . -B build-asan -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE=-O1 -DCMAKE_C_FLAGS_RELEASE=-O1 -DLOOM_SANITIZE=address,undefined
cmake --build build-asan --target check-loom
