//===- ModelGradientTest.cpp - Model gradients vs finite differences ------===//
//
// For the loss of each reference model at a tiny batch, the gradient that
// loom-autodiff builds is checked against central finite differences:
//
// - float64: the model with every f32 rewritten to f64 (same graph). For
//   each parameter tensor, the coordinate with the largest gradient plus
//   `sampled` coordinates drawn at random (6; 1 for the benchmark-size
//   attention block, whose f64 loss takes ~0.3 s) are perturbed by +-h
//   (h = 1e-6)
//   and |g - fd| <= kF64RelTol * |fd| + kF64AbsTol * max(1, |loss|) must
//   hold. (Checking every coordinate would take ~10^6 loss evaluations per
//   model.)
// - float32: the f32 gradient of every coordinate against the f64 gradient
//   just checked, at the same parameter values (the f32 ones, widened):
//   |g32 - g64| <= kF32Tol * max |g64| over the tensor + kF32AbsTol *
//   max(1, |loss|) (the floor covers gradients that are exactly zero in
//   theory, such as the attention key bias, which f32 computes as ~1e-10).
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/Transforms/Autodiff.h"
#include "loom/Compiler/MLIRCompile.h"
#include "loom/ModelTraining/ModelTraining.h"
#include "loom/Training/TrainStep.h"

#include "TrainingTestHelpers.h"

#include "mlir/IR/Diagnostics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace loom;
using namespace loom::training;

namespace {

constexpr double kStep = 1e-6;
constexpr double kF64RelTol = 1e-6;
constexpr double kF64AbsTol = 1e-8;
constexpr double kF32Tol = 1e-4;
constexpr double kF32AbsTol = 1e-8;

/// The module holds only @check_loss (the loss first) and @check_grad.
mlir::OwningOpRef<mlir::ModuleOp> gradientModule(mlir::ModuleOp source,
                                                 llvm::StringRef lossEntry,
                                                 bool inF64) {
  mlir::OwningOpRef<mlir::ModuleOp> module(source.clone());
  if (inF64)
    test_helpers::promoteToF64(*module);
  auto entry = module->lookupSymbol<mlir::func::FuncOp>(lossEntry);
  auto loss = buildLossFirstFunction(entry, "check_loss");
  EXPECT_TRUE(bool(loss)) << loss.error().message();
  auto grad = buildGradientFunction(*loss, differentiatedArguments(*loss),
                                    "check_grad");
  EXPECT_TRUE(mlir::succeeded(grad));
  loss->setPublic();
  grad->setPublic();
  for (auto function :
       llvm::make_early_inc_range(module->getOps<mlir::func::FuncOp>()))
    if (function != *loss && function != *grad)
      function.erase();
  return module;
}

Tensor widen(const Tensor &tensor) {
  if (tensor.dtype() != DType::F32)
    return tensor.clone();
  std::vector<double> values(tensor.numElements());
  for (int64_t i = 0; i < tensor.numElements(); ++i)
    values[i] = tensor.data<float>()[i];
  return Tensor::fromVector<double>(tensor.shape(), values);
}

struct GradientCase {
  std::string model;
  std::string lossEntry;
  int64_t batch;
  int sampled;
};

class ModelGradientTest : public ::testing::TestWithParam<GradientCase> {};

TEST_P(ModelGradientTest, MatchesFiniteDifferences) {
  const GradientCase &test = GetParam();
  models::ModelOptions options;
  options.batch = test.batch;
  Expected<ModelTraining> training = buildModelTraining(test.model, options);
  ASSERT_TRUE(training) << training.error().message();
  mlir::ModuleOp source = training->module.module();

  auto module32 = gradientModule(source, test.lossEntry, /*inF64=*/false);
  auto module64 = gradientModule(source, test.lossEntry, /*inF64=*/true);
  Expected<Executable> exec32 = compileModule(*module32);
  ASSERT_TRUE(exec32) << exec32.error().message();
  Expected<Executable> exec64 = compileModule(*module64);
  ASSERT_TRUE(exec64) << exec64.error().message();

  // Parameters from the f32 initializers; data from fixed streams.
  std::vector<Tensor> parameters32 =
      exec32->initialParameters("check_loss", /*seed=*/1).take();
  std::vector<Tensor> args32, args64;
  std::vector<size_t> parameterArgs;
  const Signature &signature = *exec32->signature("check_loss");
  size_t nextParameter = 0;
  for (const ArgumentInfo &argument : signature.arguments) {
    if (argument.kind == ArgumentKind::Parameter) {
      parameterArgs.push_back(args32.size());
      args32.push_back(parameters32[nextParameter++]);
    } else {
      args32.push_back(test_helpers::sampleTensor(argument.type.shape,
                                             argument.type.dtype,
                                             100 + args32.size()));
    }
    args64.push_back(widen(args32.back()));
  }

  std::vector<Tensor> results64 = exec64->run("check_grad", args64).take();
  std::vector<Tensor> results32 = exec32->run("check_grad", args32).take();
  size_t numGradients = parameterArgs.size();
  ASSERT_GE(results64.size(), numGradients + 1);
  double loss = *results64[0].data<double>();
  auto lossAt = [&]() {
    return *exec64->run("check_loss", args64).take()[0].data<double>();
  };
  EXPECT_NEAR(lossAt(), loss, 1e-12 * std::abs(loss));

  double worstF64 = 0, worstRatio = 0, worstF32 = 0;
  size_t checked = 0;
  for (size_t k = 0; k < numGradients; ++k) {
    const std::string &name = signature.arguments[parameterArgs[k]].name;
    const Tensor &gradient64 =
        results64[results64.size() - numGradients + k];
    const Tensor &gradient32 =
        results32[results32.size() - numGradients + k];
    Tensor &parameter = args64[parameterArgs[k]];
    int64_t count = parameter.numElements();

    std::vector<int64_t> coordinates;
    int64_t largest = 0;
    for (int64_t i = 0; i < count; ++i)
      if (std::abs(gradient64.data<double>()[i]) >
          std::abs(gradient64.data<double>()[largest]))
        largest = i;
    coordinates.push_back(largest);
    for (int c = 0; c < test.sampled && c < count; ++c)
      coordinates.push_back(static_cast<int64_t>(
          rng::uniform<double>(7, k, c) * static_cast<double>(count)));

    for (int64_t i : coordinates) {
      double &value = parameter.data<double>()[i];
      double saved = value;
      value = saved + kStep;
      double plus = lossAt();
      value = saved - kStep;
      double minus = lossAt();
      value = saved;
      double difference = (plus - minus) / (2 * kStep);
      double analytic = gradient64.data<double>()[i];
      double error = std::abs(analytic - difference);
      double allowed = kF64RelTol * std::abs(difference) +
                       kF64AbsTol * std::max(1.0, std::abs(loss));
      EXPECT_LE(error, allowed)
          << test.model << " " << name << "[" << i << "]: autodiff "
          << analytic << ", finite difference " << difference;
      if (std::abs(difference) > 1e-3 * std::abs(gradient64.data<double>()[largest]))
        worstF64 = std::max(worstF64, error / std::abs(difference));
      worstRatio = std::max(worstRatio, error / allowed);
      ++checked;
    }

    double scale = 0, difference = 0;
    for (int64_t i = 0; i < count; ++i) {
      double g64 = gradient64.data<double>()[i];
      scale = std::max(scale, std::abs(g64));
      difference = std::max(
          difference, std::abs(double(gradient32.data<float>()[i]) - g64));
    }
    EXPECT_LE(difference, kF32Tol * scale +
                              kF32AbsTol * std::max(1.0, std::abs(loss)))
        << test.model << " " << name << ": f32 gradient differs from f64 by "
        << difference << ", largest f64 gradient " << scale;
    if (scale > 1e-9)
      worstF32 = std::max(worstF32, difference / scale);
  }
  std::cout << "[ gradients ] " << test.model << " @" << test.lossEntry
            << ": loss " << loss << ", " << numGradients << " parameters, "
            << checked << " coordinates vs finite differences, worst f64 "
            << "relative error " << worstF64
            << " (coordinates with |g| > 1e-3 max|g|), worst error/allowed "
            << worstRatio << ", worst f32 error / max|g| "
            << worstF32 << "\n";
}

INSTANTIATE_TEST_SUITE_P(
    ReferenceModels, ModelGradientTest,
    ::testing::Values(GradientCase{"ae", "forward", 2, 6},
                      GradientCase{"vae", "forward", 2, 6},
                      GradientCase{"gan", "discriminator_loss", 2, 6},
                      GradientCase{"gan", "generator_loss", 2, 6},
                      GradientCase{"attn-fmnist", "forward", 2, 6},
                      GradientCase{"attn", "forward", 1, 1}),
    [](const ::testing::TestParamInfo<GradientCase> &info) {
      std::string name = info.param.model + "_" + info.param.lossEntry;
      for (char &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
          c = '_';
      return name;
    });

} // namespace
