#!/usr/bin/env bash
# Data-parallel training throughput: 1 process against W ranks of mpirun,
# each on one thread, at one global batch (docs/distributed.md, Measured).
# A third setup measures the machine's ceiling: W independent processes at
# once, each pinned to its own core and on batch/W with no exchange; their
# summed images/s is what W ranks could reach with a free exchange, so
# "ranks / independent" is the exchange's efficiency apart from whether the
# cores slow each other down (shared FMA units, caches, a busy host).
# Usage: bench/data-parallel.sh [BIN_DIR] [RANKS] [GLOBAL_BATCH] [STEPS] [ROUNDS]
# (defaults build/bin 2 256 30 3). Rounds alternate the two setups, so that
# the machine's noise falls on both; prints each round's lines, then per
# model the median images/s of each, their ratio, and the ratio of the
# (median over rounds of the) fastest steps. A benchmark: it prints
# figures and never fails on them.
set -euo pipefail
bin=${1:-build/bin} ranks=${2:-2} batch=${3:-256} steps=${4:-30} rounds=${5:-3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mpirun=(mpirun --allow-run-as-root --oversubscribe -np "$ranks")

for ((r = 0; r < rounds; r++)); do
  "$bin/data_parallel_bench" "$batch" "$steps" | tee -a "$scratch/one"
  "${mpirun[@]}" "$bin/data_parallel_bench" "$batch" "$steps" | tee -a "$scratch/many"
  for ((core = 0; core < ranks; core++)); do
    taskset -c "$core" "$bin/data_parallel_bench" $((batch / ranks)) "$steps" >"$scratch/core$core" &
  done
  wait
  # One line per model: the independent processes' images/s, summed.
  cat "$scratch"/core* | awk '{ for (i = 2; i <= NF; i++) if (index($i, "img_per_s=") == 1) sum[$1] += substr($i, 11) }
    END { for (m in sum) printf "%-12s independent=%d img_per_s=%.0f\n", m, '"$ranks"', sum[m] }' | tee -a "$scratch/apart"
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
field() { # FILE MODEL FIELD -> the field's values on that model's lines
  awk -v m="$2" -v f="$3=" '$1 == m { for (i = 2; i <= NF; i++) if (index($i, f) == 1) print substr($i, length(f) + 1) }' "$1"
}
printf '\n| model (global batch %s) | 1 rank img/s | %s ranks img/s | ratio | ratio of fastest steps | %s independent img/s | ranks / independent | exchange ms/step | bare all-reduce ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n' "$batch" "$ranks" "$ranks"
for model in ae attn-fmnist; do
  one=$(field "$scratch/one" "$model" img_per_s | median)
  many=$(field "$scratch/many" "$model" img_per_s | median)
  oneBest=$(field "$scratch/one" "$model" best_img_per_s | median)
  manyBest=$(field "$scratch/many" "$model" best_img_per_s | median)
  apart=$(field "$scratch/apart" "$model" img_per_s | median)
  exchange=$(field "$scratch/many" "$model" exchange_ms_per_step | median)
  bare=$(field "$scratch/many" "$model" bare_allreduce_ms | median)
  printf '| %s | %s | %s | %.2f | %.2f | %s | %.2f | %s | %s |\n' "$model" "$one" "$many" \
    "$(awk -v a="$many" -v b="$one" 'BEGIN {print a / b}')" \
    "$(awk -v a="$manyBest" -v b="$oneBest" 'BEGIN {print a / b}')" "$apart" \
    "$(awk -v a="$many" -v b="$apart" 'BEGIN {print a / b}')" "$exchange" "$bare"
done
