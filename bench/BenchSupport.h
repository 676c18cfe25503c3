//===- BenchSupport.h - Timing a compiled entry ------------------*- C++ -*-===//
//
// What the benchmarks share: deterministic inputs and the median time of
// repeated calls of one entry.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_BENCH_BENCHSUPPORT_H
#define LOOM_BENCH_BENCHSUPPORT_H

#include "loom/Runtime/Executable.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace loom::bench {

/// A tensor of `spec` with deterministic values in [0, 1) (f32; zeros for
/// other dtypes).
inline loom::Tensor filledTensor(const loom::TensorSpec &spec, uint64_t salt) {
  loom::Tensor tensor = loom::Tensor::zeros(spec.shape, spec.dtype);
  if (spec.dtype == loom::DType::F32) {
    float *data = tensor.data<float>();
    for (int64_t i = 0; i < tensor.numElements(); ++i)
      data[i] = static_cast<float>(((i * 2654435761u + salt) % 1000) / 1000.0);
  }
  return tensor;
}

/// Median seconds of `runs` calls of `entry`, after one warm-up call, into
/// outputs allocated once (Executable::runInto), as a hot loop calls it.
inline double medianSeconds(const loom::Executable &executable, const std::string &entry,
                     int runs) {
  const loom::Signature *signature = executable.signature(entry);
  std::vector<loom::Tensor> args, outputs;
  for (size_t i = 0; i < signature->arguments.size(); ++i)
    args.push_back(filledTensor(signature->arguments[i].type, i));
  for (const loom::ResultInfo &result : signature->results)
    if (!result.tiedTo)
      outputs.push_back(loom::Tensor::zeros(result.type.shape, result.type.dtype));
  auto call = [&] {
    auto called = executable.runInto(entry, args, outputs);
    if (!called) {
      std::fprintf(stderr, "run failed: %s\n", called.error().message().c_str());
      std::exit(1);
    }
  };
  call();
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    call();
    times.push_back(std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - start)
                        .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

} // namespace loom::bench

#endif
