//===- Benchmark.h - loomc --bench: timing an entry -------------*- C++ -*-===//
#ifndef LOOM_TOOLS_LOOMC_BENCHMARK_H
#define LOOM_TOOLS_LOOMC_BENCHMARK_H

#include "loom/Codegen/CPU/CPUTarget.h"
#include "loom/Support/Error.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <optional>

namespace loom::tools {

/// Floating-point operations of the contractions `entry` runs, through the
/// functions it calls: 2 per multiply-add of every loom.matmul, conv2d and
/// conv2d_transpose. Elementwise ops are not counted.
double contractionFlops(mlir::func::FuncOp entry);

/// The FMA peak of `threads` cores of `target` in GFLOP/s: f32 lanes x 2 x
/// FMA units x the CPU's maximum clock as Linux reports it; nothing when it
/// reports none.
std::optional<double> fmaPeakGflops(const CPUTarget &target, unsigned threads);

/// Calls `call` once to warm up, then until it has made at least 20 calls
/// and spent about 2 s, and prints the median, min and max time, the GFLOP/s
/// that `flops` per call make and, given a peak, their share of it; the last
/// line is `median_ms=<value>`. The first failing call's error.
Expected<void> runBenchmark(const std::function<Expected<void>()> &call,
                            double flops, std::optional<double> peakGflops,
                            llvm::raw_ostream &os);

} // namespace loom::tools

#endif
