//===- matmul_bench.cpp - GFLOP/s of loom.matmul on chosen shapes ---------===//
//
// Compiles one `loom.matmul` per shape through the JIT and prints the median
// time of repeated calls and the GFLOP/s it reaches. The default shapes are
// those the performance issue names: a model's (64x784x512), a cube that
// does not fit in L2 (1024^3), a wide one (2048x256x1024) and an odd one
// (7x64x9).
//
// Usage: matmul_bench [runs] [threads] [MxKxN ...]   (defaults 9 and 1)
//
//===----------------------------------------------------------------------===//
#include "loom/Compiler/Compiler.h"

#include "BenchSupport.h"

#include <array>
#include <cinttypes>

namespace {

std::string matmulSource(int64_t m, int64_t k, int64_t n) {
  auto type = [](int64_t rows, int64_t columns) {
    return "tensor<" + std::to_string(rows) + "x" + std::to_string(columns) +
           "xf32>";
  };
  std::string a = type(m, k), b = type(k, n), c = type(m, n);
  return "func.func @matmul(%a: " + a + ", %b: " + b + ") -> " + c +
         " {\n  %c = loom.matmul %a, %b : " + a + ", " + b + " -> " + c +
         "\n  return %c : " + c + "\n}\n";
}

} // namespace

int main(int argc, char **argv) {
  int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  loom::CompilerOptions options;
  options.threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  std::vector<std::array<int64_t, 3>> shapes;
  for (int i = 3; i < argc; ++i) {
    std::array<int64_t, 3> shape{};
    if (std::sscanf(argv[i], "%" SCNd64 "x%" SCNd64 "x%" SCNd64, &shape[0],
                    &shape[1], &shape[2]) != 3 ||
        shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
      std::fprintf(stderr, "matmul_bench: '%s' is not a shape MxKxN\n", argv[i]);
      return 1;
    }
    shapes.push_back(shape);
  }
  if (shapes.empty())
    shapes = {{64, 784, 512}, {1024, 1024, 1024}, {2048, 256, 1024}, {7, 64, 9}};

  loom::Compiler compiler(options);
  std::printf("%-18s %9s %9s\n", "MxKxN", "ms", "GFLOP/s");
  for (auto [m, k, n] : shapes) {
    auto executable = compiler.compileSource(matmulSource(m, k, n), "matmul");
    if (!executable) {
      std::fprintf(stderr, "%s\n", executable.error().message().c_str());
      return 1;
    }
    double seconds = loom::bench::medianSeconds(*executable, "matmul", runs);
    std::string shape = std::to_string(m) + "x" + std::to_string(k) + "x" +
                        std::to_string(n);
    std::printf("%-18s %9.3f %9.2f\n", shape.c_str(), seconds * 1e3,
                2.0 * m * k * n * 1e-9 / seconds);
  }
  return 0;
}
