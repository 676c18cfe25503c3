#!/usr/bin/env bash
# Training throughput of every reference model, two builds side by side.
# Usage: bench/train-throughput.sh BEFORE_BIN_DIR AFTER_BIN_DIR [ROUNDS]
# Each round runs every example for one epoch on the first images of
# Fashion-MNIST, alternating the builds, and prints img/s as the example's own
# progress line reports it (training steps only). Prints medians and the
# after/before ratio. A benchmark: it prints figures and never fails on them.
set -euo pipefail
before=$1 after=$2 rounds=${3:-3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# model, image limit: enough steps for a stable rate, little enough for minutes.
models=("ae 6400" "vae 6400" "gan 1280" "attention 2560")

rate() { # BIN_DIR MODEL LIMIT -> img/s of the training epoch
  "$1/loom-example-$2" --epochs 1 --limit "$3" --out "$scratch/$2" 2>&1 |
    sed -n 's/.* \([0-9][0-9]*\) img\/s.*/\1/p' | tail -1
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

printf '| model | before img/s | after img/s | after/before |\n|---|---:|---:|---:|\n'
for entry in "${models[@]}"; do
  read -r model limit <<<"$entry"
  : >"$scratch/b" ; : >"$scratch/a"
  for ((r = 0; r < rounds; r++)); do
    rate "$before" "$model" "$limit" >>"$scratch/b"
    rate "$after" "$model" "$limit" >>"$scratch/a"
  done
  b=$(median <"$scratch/b") a=$(median <"$scratch/a")
  printf '| %s (%s images) | %s | %s | %.2f |\n' "$model" "$limit" "$b" "$a" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN {print a / b}')"
done
