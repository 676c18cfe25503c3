#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole suite: lit tests
# (dialect, passes, lowering, integration) and the GoogleTest unit tests.
# With CI=true, the suite first runs in an ASan+UBSan build too
# (scripts/sanitize.sh); the normal suite runs last, so the last line printed
# is its lit summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ "${CI:-}" = true ]; then
  scripts/sanitize.sh
fi
cmake --build build --target check-loom
