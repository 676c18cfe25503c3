//===- Benchmark.cpp - loomc --bench: timing an entry ---------------------===//
#include "Benchmark.h"

#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/IR/SymbolTable.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

namespace loom::tools {
namespace {

double multiplyAdds(mlir::Operation *op) {
  auto elements = [](mlir::Value value) {
    return static_cast<double>(
        mlir::cast<mlir::RankedTensorType>(value.getType()).getNumElements());
  };
  // A filter's taps per output element: C x KH x KW of [O, C, KH, KW].
  auto taps = [](mlir::Value filter) {
    auto shape = mlir::cast<mlir::RankedTensorType>(filter.getType()).getShape();
    return static_cast<double>(shape[1] * shape[2] * shape[3]);
  };
  if (auto matmul = mlir::dyn_cast<MatmulOp>(op))
    return elements(matmul.getResult()) *
           static_cast<double>(matmul.getLhs().getType().getShape().back());
  if (auto conv = mlir::dyn_cast<Conv2DOp>(op))
    return elements(conv.getResult()) * taps(conv.getFilter());
  // The adjoint does the forward convolution's multiply-adds, one per
  // element of its input (the convolution's output) and tap.
  if (auto conv = mlir::dyn_cast<Conv2DTransposeOp>(op))
    return elements(conv.getInput()) * taps(conv.getFilter());
  return 0;
}

double flopsOf(mlir::func::FuncOp function, mlir::SymbolTableCollection &symbols,
               unsigned depth) {
  double flops = 0;
  function.walk([&](mlir::Operation *op) {
    flops += 2 * multiplyAdds(op);
    auto call = mlir::dyn_cast<mlir::func::CallOp>(op);
    // Recursion is not a loom program's; the depth bound keeps a malformed
    // one from recursing forever.
    if (!call || depth > 64)
      return;
    if (auto callee =
            symbols.lookupNearestSymbolFrom<mlir::func::FuncOp>(
                call, call.getCalleeAttr()))
      flops += flopsOf(callee, symbols, depth + 1);
  });
  return flops;
}

/// The highest clock of CPU 0 in GHz, as cpufreq or /proc/cpuinfo gives it.
std::optional<double> maximumClockGHz() {
  std::ifstream maxFreq("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq");
  double kiloHertz = 0;
  if (maxFreq >> kiloHertz && kiloHertz > 0)
    return kiloHertz / 1e6;
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line))
    if (line.rfind("cpu MHz", 0) == 0) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        double megaHertz = std::atof(line.c_str() + colon + 1);
        if (megaHertz > 0)
          return megaHertz / 1e3;
      }
    }
  return std::nullopt;
}

} // namespace

double contractionFlops(mlir::func::FuncOp entry) {
  mlir::SymbolTableCollection symbols;
  return flopsOf(entry, symbols, 0);
}

std::optional<double> fmaPeakGflops(const CPUTarget &target, unsigned threads) {
  std::optional<double> clock = maximumClockGHz();
  if (!clock)
    return std::nullopt;
  return target.vectorBits / 32.0 * 2 * target.fmaUnits * *clock *
         std::max(threads, 1u);
}

Expected<void> runBenchmark(const std::function<Expected<void>()> &call,
                            double flops, std::optional<double> peakGflops,
                            llvm::raw_ostream &os) {
  using Clock = std::chrono::steady_clock;
  if (Expected<void> warmUp = call(); !warmUp)
    return warmUp;
  constexpr int kMinCalls = 20, kMaxCalls = 100000;
  constexpr double kMinSeconds = 2.0;
  std::vector<double> seconds;
  double total = 0;
  while (static_cast<int>(seconds.size()) < kMinCalls ||
         (total < kMinSeconds && seconds.size() < kMaxCalls)) {
    Clock::time_point start = Clock::now();
    if (Expected<void> result = call(); !result)
      return result;
    seconds.push_back(
        std::chrono::duration<double>(Clock::now() - start).count());
    total += seconds.back();
  }
  std::sort(seconds.begin(), seconds.end());
  double median = seconds.size() % 2
                      ? seconds[seconds.size() / 2]
                      : (seconds[seconds.size() / 2 - 1] +
                         seconds[seconds.size() / 2]) / 2;
  os << fmt::format("calls: {} after one warm-up, {:.3f} s\n", seconds.size(),
                    total);
  os << fmt::format("time: median {:.4f} ms, min {:.4f} ms, max {:.4f} ms\n",
                    median * 1e3, seconds.front() * 1e3, seconds.back() * 1e3);
  double gflops = flops / median * 1e-9;
  os << fmt::format("contractions: {:.4g} GFLOP per call, {:.2f} GFLOP/s at "
                    "the median",
                    flops * 1e-9, gflops);
  if (peakGflops && *peakGflops > 0)
    os << fmt::format(", {:.1f}% of the {:.1f} GFLOP/s FMA peak",
                      100 * gflops / *peakGflops, *peakGflops);
  os << "\n" << fmt::format("median_ms={:.4f}\n", median * 1e3);
  return {};
}

} // namespace loom::tools
