#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), then trains the VAE example for one
# epoch on Fashion-MNIST and leaves its pictures in build/demo-vae/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
out=build/demo-vae
echo "== loom-example-vae --epochs 1 --out $out"
build/bin/loom-example-vae --epochs 1 --out "$out"
echo "== pictures: $out/reconstructions.png, $out/samples.png, $out/interpolation.png"
