//===- compile_scaling.cpp - Compile time against graph size --------------===//
//
// Builds two families of graphs with the DSL and prints the wall seconds
// from built graph to callable code (no cache) for each size, and each
// size's time divided by the smallest's over the size ratio: 1.0 is linear
// growth, more is worse (issue 11 asks for at most linear).
//   chain N:  N elementwise ops (tanh and add, alternating) on 64x64
//   attn K:   K stacked ATTN encoder blocks (T 128, D 256, 4 heads, FFN 1024)
// Usage: compile_scaling [chain|attn|all] [threads]
//
//===----------------------------------------------------------------------===//
#include "loom/Compiler/MLIRCompile.h"
#include "loom/DSL/Graph.h"
#include "loom/Models/Models.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

using BuildGraph = std::function<void(loom::dsl::Module &, int)>;

void buildChain(loom::dsl::Module &module, int ops) {
  loom::dsl::Graph g(module, "chain");
  loom::dsl::Tensor x = g.input("x", {64, 64});
  loom::dsl::Tensor value = x;
  for (int i = 0; i < ops; ++i)
    value = i % 2 == 0 ? loom::dsl::tanh(value) : value + x;
  g.output({{"y", value}});
}

void buildAttentionStack(loom::dsl::Module &module, int blocks) {
  loom::dsl::Graph g(module, "stack");
  loom::dsl::Tensor value = g.input("x", {1, 128, 256});
  for (int i = 0; i < blocks; ++i)
    value = loom::models::encoderBlock(g, "block" + std::to_string(i), value,
                                       /*heads=*/4, /*hidden=*/1024);
  g.output({{"y", value}});
}

bool measure(const char *family, const std::vector<int> &sizes,
             const BuildGraph &build, const loom::CompilerOptions &options) {
  double firstSeconds = 0;
  for (int size : sizes) {
    loom::dsl::Module module(family);
    build(module, size);
    auto start = std::chrono::steady_clock::now();
    auto executable = loom::compileModule(module.module(), options);
    double seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - start)
                         .count();
    if (!executable) {
      std::fprintf(stderr, "%s %d: %s\n", family, size,
                   executable.error().message().c_str());
      return false;
    }
    if (size == sizes.front())
      firstSeconds = seconds;
    double growth = seconds / firstSeconds / (double(size) / sizes.front());
    std::printf("%-6s %6d %9.2f s %8.2f\n", family, size, seconds, growth);
    std::fflush(stdout);
  }
  return true;
}

} // namespace

int main(int argc, char **argv) {
  const char *which = argc > 1 ? argv[1] : "all";
  loom::CompilerOptions options;
  options.threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  bool all = std::strcmp(which, "all") == 0;
  std::printf("%-6s %6s %11s %8s\n", "graph", "size", "compile", "growth");
  bool ok = true;
  if (all || std::strcmp(which, "chain") == 0)
    ok &= measure("chain", {500, 1000, 2000, 4000}, buildChain, options);
  if (all || std::strcmp(which, "attn") == 0)
    ok &= measure("attn", {1, 2, 4, 8, 12}, buildAttentionStack, options);
  return ok ? 0 : 1;
}
