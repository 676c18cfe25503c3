//===- call_overhead.cpp - The fixed cost of calling a compiled entry -----===//
//
// Calls a one-element add many times through each Executable entry point
// and prints the median nanoseconds per call of 7 batches: what a call
// costs beyond its arithmetic (issue 11 asks for at most 1 us with
// caller-provided outputs). Usage: call_overhead [calls per batch].
//
//===----------------------------------------------------------------------===//
#include "loom/Compiler/Compiler.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

constexpr const char *kAdd = R"mlir(
func.func @add(%a: tensor<1xf32>, %b: tensor<1xf32>) -> tensor<1xf32> {
  %s = loom.add %a, %b : tensor<1xf32>
  return %s : tensor<1xf32>
}
)mlir";

template <typename Call> double medianNanoseconds(int calls, Call &&call) {
  std::vector<double> batches;
  for (int batch = 0; batch < 7; ++batch) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i)
      if (!call()) {
        std::fprintf(stderr, "the call failed\n");
        std::exit(1);
      }
    batches.push_back(std::chrono::duration<double, std::nano>(
                          std::chrono::steady_clock::now() - start)
                          .count() /
                      calls);
  }
  std::sort(batches.begin(), batches.end());
  return batches[batches.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
  int calls = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200000;
  auto executable = loom::Compiler().compileSource(kAdd, "add.mlir");
  if (!executable) {
    std::fprintf(stderr, "%s\n", executable.error().message().c_str());
    return 1;
  }
  std::vector<loom::Tensor> args{loom::Tensor::zeros({1}), loom::Tensor::zeros({1})};
  std::vector<loom::Tensor> outputs{loom::Tensor::zeros({1})};
  std::printf("%-12s %10s\n", "call", "ns/call");
  std::printf("%-12s %10.1f\n", "run",
              medianNanoseconds(calls, [&] { return bool(executable->run("add", args)); }));
  std::printf("%-12s %10.1f\n", "runInPlace",
              medianNanoseconds(calls, [&] {
                return bool(executable->runInPlace("add", args));
              }));
  std::printf("%-12s %10.1f\n", "runInto",
              medianNanoseconds(calls, [&] {
                return bool(executable->runInto("add", args, outputs));
              }));
  return 0;
}
