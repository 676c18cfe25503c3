#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer: installs clang-22 and its runtimes
# (when missing), builds the fuzz targets of tools/fuzzers into build-fuzz/
# (clang, -DLOOM_ENABLE_FUZZERS=ON: ASan+UBSan, coverage of Loom's code) and
# runs each target for SECONDS seconds on one core.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (default: 60, every target:
#        parse pipeline npy checkpoint idx)
# The corpus grows in build-fuzz/fuzz/corpus/<target> (seeded from
# tools/fuzzers/corpus); crashes are written to build-fuzz/fuzz/crashes/.
# Exits non-zero if any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse pipeline npy checkpoint idx)

packages=(clang-22 libclang-rt-22-dev)
scripts/install-packages.sh "${packages[@]}"

build=build-fuzz
[ -f $build/build.ninja ] || cmake -G Ninja -S . -B $build -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 -DLOOM_ENABLE_FUZZERS=ON
cmake --build $build --target $(printf 'loom-%s-fuzzer ' "${targets[@]}")

# As in test/lit.sanitizers.py: Debian's LLVM does not unpoison what Loom's
# instrumented copies of LLVM's allocators poison.
export ASAN_OPTIONS=${ASAN_OPTIONS:-allow_user_poisoning=0}
# The MLIR targets share one seed corpus.
seeds_of() { case $1 in parse|pipeline) echo mlir ;; *) echo "$1" ;; esac; }
status=0
for target in "${targets[@]}"; do
  corpus=$build/fuzz/corpus/$target
  crashes=$build/fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  echo "== loom-$target-fuzzer for ${seconds}s (corpus $corpus)"
  log=$build/fuzz/$target.log
  # A pipeline execution takes milliseconds; 10 s means a hang.
  $build/bin/loom-$target-fuzzer "$corpus" "tools/fuzzers/corpus/$(seeds_of "$target")" \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes/" >"$log" 2>&1 || true
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+ *DONE)|ERROR:|^SUMMARY' "$log" || true
  if [ -n "$(ls -A "$crashes")" ]; then
    echo "== loom-$target-fuzzer found crashes: $(ls "$crashes")"
    status=1
  fi
done
exit $status
