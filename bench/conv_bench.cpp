//===- conv_bench.cpp - GFLOP/s of the GAN discriminator's convolutions ---===//
//
// Times, through the JIT, every convolution the GAN discriminator runs at
// batch 128 (docs/models.md): its two forward convolutions and the four that
// loom-autodiff builds for their gradients (input gradients as
// loom.conv2d_transpose; filter gradients as convolutions of the input with
// the cotangent, stride and dilation swapped). Then times the
// `discriminator` entry of the GAN model and its gradient. Prints the median of several runs.
//
// Usage: conv_bench [runs] [threads]   (defaults 5 and 1)
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/Transforms/Autodiff.h"
#include "loom/Models/Models.h"
#include "loom/Compiler/Compiler.h"
#include "loom/Compiler/MLIRCompile.h"

#include "BenchSupport.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

std::string tensorType(const std::vector<int64_t> &shape) {
  std::string text = "tensor<";
  for (int64_t size : shape)
    text += std::to_string(size) + "x";
  return text + "f32>";
}

/// One convolution of the discriminator's step: `input * filter` is the
/// conv2d it is or, when `transpose`, whose input gradient it computes
/// (`loom.conv2d_transpose` of a cotangent of the convolved shape).
struct ConvShape {
  const char *name;
  bool transpose;
  std::vector<int64_t> input, filter;
  int64_t stride, padding, dilation;

  std::vector<int64_t> convolved() const {
    auto out = [&](int64_t size, int64_t window) {
      return (size + 2 * padding - dilation * (window - 1) - 1) / stride + 1;
    };
    return {input[0], filter[0], out(input[2], filter[2]),
            out(input[3], filter[3])};
  }
  /// Multiply-adds of the convolution: both ops do the same ones.
  double flops() const {
    std::vector<int64_t> r = convolved();
    return 2.0 * r[0] * r[1] * r[2] * r[3] * filter[1] * filter[2] * filter[3];
  }
  std::string description() const {
    return std::string(transpose ? "T " : "") + tensorType(input) + " * " +
           tensorType(filter) + " s" + std::to_string(stride) + "p" +
           std::to_string(padding) + "d" + std::to_string(dilation);
  }
};

std::string convSource(const ConvShape &shape) {
  std::string x = tensorType(shape.input), w = tensorType(shape.filter),
              r = tensorType(shape.convolved());
  auto pair = [](int64_t v) {
    return "[" + std::to_string(v) + ", " + std::to_string(v) + "]";
  };
  std::string attributes = " strides = " + pair(shape.stride) + " padding = " +
                           pair(shape.padding) + " dilations = " +
                           pair(shape.dilation);
  if (shape.transpose)
    return "func.func @conv(%dy: " + r + ", %w: " + w + ") -> " + x +
           " {\n  %r = loom.conv2d_transpose %dy, %w" + attributes + " : " + r +
           ", " + w + " -> " + x + "\n  return %r : " + x + "\n}\n";
  return "func.func @conv(%x: " + x + ", %w: " + w + ") -> " + r +
         " {\n  %r = loom.conv2d %x, %w" + attributes + " : " + x + ", " + w +
         " -> " + r + "\n  return %r : " + r + "\n}\n";
}

template <typename F> double secondsOf(F &&body) {
  auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

int main(int argc, char **argv) {
  int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  loom::CompilerOptions compilerOptions;
  compilerOptions.threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  constexpr int64_t batch = 128;
  // Gradient shapes follow Conv2DOp::buildVjp: input gradients are
  // transposed convolutions; filter gradients convolve the (batch-major,
  // padded) input with the cotangent, stride and dilation swapped.
  const ConvShape shapes[] = {
      {"fwd conv1   ", false, {batch, 1, 28, 28}, {64, 1, 3, 3}, 2, 1, 1},
      {"fwd conv2   ", false, {batch, 64, 14, 14}, {128, 64, 3, 3}, 2, 1, 1},
      {"dX  conv2   ", true, {batch, 64, 14, 14}, {128, 64, 3, 3}, 2, 1, 1},
      {"dW  conv2   ", false, {64, batch, 15, 15}, {128, batch, 7, 7}, 1, 0, 2},
      {"dX  conv1   ", true, {batch, 1, 28, 28}, {64, 1, 3, 3}, 2, 1, 1},
      {"dW  conv1   ", false, {1, batch, 29, 29}, {64, batch, 14, 14}, 1, 0, 2},
  };
  loom::Compiler compiler(compilerOptions);
  std::printf("%-12s %-58s %9s %9s %9s\n", "conv", "input * filter", "GFLOP",
              "ms", "GFLOP/s");
  double totalSeconds = 0, totalFlops = 0;
  for (const ConvShape &shape : shapes) {
    auto executable = compiler.compileSource(convSource(shape), "conv");
    if (!executable) {
      std::fprintf(stderr, "%s\n", executable.error().message().c_str());
      return 1;
    }
    double seconds = loom::bench::medianSeconds(*executable, "conv", runs);
    std::string shapeText = shape.description();
    std::printf("%-12s %-58s %9.3f %9.2f %9.2f\n", shape.name, shapeText.c_str(),
                shape.flops() * 1e-9, seconds * 1e3,
                shape.flops() * 1e-9 / seconds);
    totalSeconds += seconds;
    totalFlops += shape.flops();
  }
  std::printf("%-12s %-58s %9.3f %9.2f %9.2f\n", "all six", "", totalFlops * 1e-9,
              totalSeconds * 1e3, totalFlops * 1e-9 / totalSeconds);

  // The GAN model's discriminator (dropout active) and its gradient.
  loom::models::ModelOptions options;
  options.batch = batch;
  auto model = loom::models::buildModel("gan", options);
  if (!model) {
    std::fprintf(stderr, "%s\n", model.error().message().c_str());
    return 1;
  }
  mlir::func::FuncOp discriminator = model->lookup("discriminator");
  // buildGradientFunction wants the loss first; the model returns it last.
  mlir::func::FuncOp lossFirst = discriminator.clone();
  lossFirst.setName("discriminator_loss_first");
  model->module().push_back(lossFirst);
  {
    mlir::Operation *returnOp = lossFirst.getBody().front().getTerminator();
    llvm::SmallVector<mlir::Value> values(returnOp->getOperands());
    std::rotate(values.begin(), values.end() - 1, values.end());
    returnOp->setOperands(values);
    llvm::SmallVector<mlir::Type> types(lossFirst.getResultTypes());
    std::rotate(types.begin(), types.end() - 1, types.end());
    lossFirst.setType(mlir::FunctionType::get(
        lossFirst.getContext(), lossFirst.getArgumentTypes(), types));
  }
  auto gradient = loom::buildGradientFunction(
      lossFirst, loom::differentiatedArguments(lossFirst), "discriminator_grad");
  if (mlir::failed(gradient)) {
    std::fprintf(stderr, "cannot differentiate the discriminator\n");
    return 1;
  }
  gradient->setPublic();
  lossFirst.erase();

  std::optional<loom::Expected<loom::Executable>> executable;
  double compileSeconds =
      secondsOf([&] { executable.emplace(
        loom::compileModule(model->module(), compilerOptions)); });
  if (!*executable) {
    std::fprintf(stderr, "%s\n", (*executable).error().message().c_str());
    return 1;
  }
  std::printf("\ngan discriminator, batch %lld, %u thread(s): compile %.2f s\n",
              static_cast<long long>(batch), compilerOptions.threads,
              compileSeconds);
  for (const char *entry : {"discriminator", "discriminator_grad"})
    std::printf("  %-20s %9.2f ms\n", entry,
                loom::bench::medianSeconds(**executable, entry, runs) * 1e3);
  return 0;
}
