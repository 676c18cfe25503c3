//===- HostEmulatedGPUTest.cpp - The GPU strategy against the reference ---===//
//
// Every reference model's forward functions and training step, compiled for
// "nvptx-host" (the nvptx target's strategy, tiles and processor mapping,
// with the mapped loops run in order on this CPU), against the reference
// evaluator at batch 2 and at batch 16. This checks the GPU tiling and
// mapping numerically on any machine; "cpu" runs the same check as a
// control. At batch 2 the products are mostly one output per thread; at
// batch 16 most of them are warp tiles of tensor-core shape (16x8x8), some
// padded to it, which the host computes as the warp's vector contraction
// (the stage before mma.sync).
// docs/gpu.md.
//
// Inputs: parameters from their initializers; every other argument from
// test_helpers::sampleTensor (floats in [0, 1), which keeps optimizer second
// moments positive and a step well conditioned; integers in [0, 10): valid
// labels). The tolerance, per result: |got - ref| <= 1e-3 * max |ref| + 1e-6.
// The reference accumulates in double and rounds once per op; the compiled
// code accumulates in f32, whose error over the longest reduction here (K =
// 784) is at most 784 * 2^-24 ~ 5e-5 of the sum of magnitudes, and layers
// carry it on: 1e-3 leaves a margin of ~20 while a tile computed at a wrong
// offset, left unwritten or written twice is off by the values themselves.
//
//===----------------------------------------------------------------------===//
#include "loom/Compiler/MLIRCompile.h"
#include "loom/ModelTraining/ModelTraining.h"
#include "loom/Reference/Evaluator.h"
#include "loom/Training/Trainer.h"

#include "TrainingTestHelpers.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace loom;
using namespace loom::training;
using loom::reference::ElementKind;
using loom::reference::RefTensor;

namespace {

RefTensor toReference(const Tensor &tensor) {
  std::vector<double> floats;
  std::vector<int64_t> ints;
  for (int64_t i = 0; i < tensor.numElements(); ++i) {
    switch (tensor.dtype()) {
    case DType::F32:
      floats.push_back(tensor.data<float>()[i]);
      break;
    case DType::F64:
      floats.push_back(tensor.data<double>()[i]);
      break;
    case DType::I1:
      ints.push_back(tensor.data<bool>()[i]);
      break;
    case DType::I32:
      ints.push_back(tensor.data<int32_t>()[i]);
      break;
    case DType::I64:
      ints.push_back(tensor.data<int64_t>()[i]);
      break;
    }
  }
  switch (tensor.dtype()) {
  case DType::F32:
    return RefTensor::floating(ElementKind::F32, tensor.shape(), floats);
  case DType::F64:
    return RefTensor::floating(ElementKind::F64, tensor.shape(), floats);
  case DType::I1:
    return RefTensor::integer(ElementKind::I1, tensor.shape(), ints);
  case DType::I32:
    return RefTensor::integer(ElementKind::I32, tensor.shape(), ints);
  case DType::I64:
    return RefTensor::integer(ElementKind::I64, tensor.shape(), ints);
  }
  return {};
}

struct EmulationCase {
  std::string model;
  bool trainStep;
  std::string target;
  int64_t batch;
};

std::string caseName(const ::testing::TestParamInfo<EmulationCase> &info) {
  std::string name = info.param.model + (info.param.trainStep ? "_step_" : "_forward_") +
                     info.param.target + "_batch" + std::to_string(info.param.batch);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

class HostEmulatedGPUTest : public ::testing::TestWithParam<EmulationCase> {};

TEST_P(HostEmulatedGPUTest, MatchesReference) {
  const EmulationCase &test = GetParam();
  models::ModelOptions options;
  options.batch = test.batch;
  Expected<ModelTraining> training = buildModelTraining(test.model, options);
  ASSERT_TRUE(training) << training.error().message();
  mlir::OwningOpRef<mlir::ModuleOp> module;
  if (test.trainStep) {
    auto step = buildTrainStepModule(training->module.module(), training->phases,
                                     training->optimizer);
    ASSERT_TRUE(step) << step.error().message();
    module = std::move(*step);
  } else {
    module = training->module.module().clone();
  }
  // The evaluator reads one function: calls inlined.
  mlir::PassManager inliner(module->getContext());
  inliner.addPass(mlir::createInlinerPass());
  ASSERT_TRUE(mlir::succeeded(inliner.run(*module)));

  CompilerOptions compiler;
  compiler.target = test.target;
  Expected<Executable> executable = compileModule(*module, compiler);
  ASSERT_TRUE(executable) << executable.error().message();

  size_t checked = 0;
  for (auto function : module->getOps<mlir::func::FuncOp>()) {
    if (!function.isPublic())
      continue;
    std::string entry = function.getSymName().str();
    const Signature *signature = executable->signature(entry);
    ASSERT_NE(signature, nullptr) << entry;
    std::vector<Tensor> args;
    bool hasParameters = llvm::any_of(signature->arguments, [](const ArgumentInfo &a) {
      return a.kind == ArgumentKind::Parameter;
    });
    std::vector<Tensor> parameters;
    if (hasParameters)
      parameters = executable->initialParameters(entry, /*seed=*/3).take();
    size_t nextParameter = 0;
    std::vector<RefTensor> refArgs;
    for (const ArgumentInfo &argument : signature->arguments) {
      if (argument.kind == ArgumentKind::Parameter)
        args.push_back(parameters[nextParameter++].clone());
      else
        args.push_back(test_helpers::sampleTensor(argument.type.shape, argument.type.dtype,
                                                  200 + args.size()));
      refArgs.push_back(toReference(args.back()));
    }
    Expected<std::vector<RefTensor>> expected =
        reference::evaluateReference(function, refArgs);
    ASSERT_TRUE(expected) << entry << ": " << expected.error().message();
    Expected<std::vector<Tensor>> actual = executable->run(entry, args);
    ASSERT_TRUE(actual) << entry << ": " << actual.error().message();
    ASSERT_EQ(actual->size(), expected->size()) << entry;
    for (size_t r = 0; r < actual->size(); ++r) {
      const RefTensor &want = (*expected)[r];
      const Tensor &got = (*actual)[r];
      ASSERT_EQ(want.numElements(), got.numElements()) << entry << " result " << r;
      double largest = 0;
      for (int64_t e = 0; e < want.numElements(); ++e)
        largest = std::max(largest, std::abs(want.asDouble(e)));
      bool exact = !reference::isFloat(want.kind);
      double tolerance = exact ? 0 : 1e-3 * largest + 1e-6;
      int64_t failures = 0;
      for (int64_t e = 0; e < want.numElements(); ++e) {
        double error = std::abs(got.elementAsDouble(e) - want.asDouble(e));
        if (!(error <= tolerance) && failures++ < 3)
          ADD_FAILURE() << test.target << " @" << entry << " result " << r << " ("
                        << signature->results[r].name << ") element " << e << ": "
                        << got.elementAsDouble(e) << ", reference " << want.asDouble(e)
                        << ", tolerance " << tolerance;
      }
      EXPECT_EQ(failures, 0) << entry << " result " << r;
    }
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

std::vector<EmulationCase> allCases() {
  std::vector<EmulationCase> cases;
  for (const char *target : {"nvptx-host", "cpu"})
    for (const char *model : {"ae", "vae", "gan", "attn", "attn-fmnist"})
      for (bool step : {false, true})
        cases.push_back({model, step, target, 2});
  // Tensor-core tiles: the batch is a multiple of their 16 rows. ATTN-FMNIST
  // (T = 28, padded to 32) has batched products on them too; ATTN's step
  // would take 20 s more.
  for (const char *model : {"ae", "vae", "gan", "attn-fmnist"})
    for (bool step : {false, true})
      cases.push_back({model, step, "nvptx-host", 16});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Models, HostEmulatedGPUTest,
                         ::testing::ValuesIn(allCases()), caseName);

} // namespace
