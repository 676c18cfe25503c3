#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole suite: lit tests
# (dialect, passes, lowering, integration) and the GoogleTest unit tests.
# The last line printed is lit's own summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --build build --target check-loom
