#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), then compiles the built-in autoencoder
# through the whole pipeline and runs it on the JIT.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== loomc --model=ae --run"
build/bin/loomc --model=ae --run --seed=0
