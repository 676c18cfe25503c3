//===- InPlaceTest.cpp - Parameters and state are updated in place --------===//
//
// Two views of the same property:
// - at run time, `Trainer::step` leaves every parameter and state tensor in
//   the buffer it had (the compiled step writes into it) and returns no
//   tensor for them;
// - in the lowered step, inspected right after bufferization (the IR after
//   `convert-bufferization-to-memref`, the last stage where buffers are
//   `memref.alloc` ops) we count: `memref.copy`/`linalg.copy` ops (must be
//   0: a parameter updated out of place is computed elsewhere and copied
//   back); the parameter and state arguments that some op writes directly
//   (must be all of them); and the `memref.alloc` ops whose type is a
//   parameter's or state's, which must be no more than in the same step
//   lowered out of place (without `loom.tied_to`, new values in
//   out-parameters), i.e. tying adds no buffer. In the AE those allocations
//   are the weight gradients and the transposed weights of the backward
//   matmuls, which both versions need.
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/InitAll.h"
#include "loom/Models/Models.h"
#include "loom/Pipelines/Pipelines.h"
#include "loom/ModelTraining/ModelTraining.h"
#include "loom/Training/Trainer.h"

#include "TrainingTestHelpers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <iostream>

using namespace loom;
using namespace loom::training;

namespace {

struct BufferCount {
  /// memref.alloc ops of a parameter's or state's type in @train_step.
  int allocations = 0;
  int copies = 0;
  /// Parameter and state arguments that an op writes (through views too).
  int writtenArguments = 0;
  bool counted = false;
};

/// Whether some op writes `buffer` or a view of it.
bool isWritten(mlir::Value buffer) {
  for (mlir::Operation *user : buffer.getUsers()) {
    if (auto view = mlir::dyn_cast<mlir::ViewLikeOpInterface>(user))
      if (view.getViewSource() == buffer && isWritten(user->getResult(0)))
        return true;
    if (mlir::hasEffect<mlir::MemoryEffects::Write>(user, buffer))
      return true;
  }
  return false;
}

/// Counts in @train_step right after bufferization; its first `updated`
/// arguments are the parameters and state.
class CountAfterBufferization : public mlir::PassInstrumentation {
public:
  CountAfterBufferization(BufferCount &count, size_t updated)
      : count(count), updated(updated) {}
  void runAfterPass(mlir::Pass *pass, mlir::Operation *op) override {
    if (pass->getArgument() != "convert-bufferization-to-memref")
      return;
    auto step = mlir::cast<mlir::ModuleOp>(op).lookupSymbol<mlir::func::FuncOp>(
        "train_step");
    llvm::DenseSet<mlir::Type> updatedTypes;
    for (size_t i = 0; i < updated; ++i) {
      updatedTypes.insert(step.getArgument(i).getType());
      count.writtenArguments += isWritten(step.getArgument(i));
    }
    step.walk([&](mlir::Operation *inner) {
      if (mlir::isa<mlir::memref::CopyOp, mlir::linalg::CopyOp>(inner))
        ++count.copies;
      if (auto alloc = mlir::dyn_cast<mlir::memref::AllocOp>(inner))
        count.allocations += updatedTypes.contains(alloc.getType());
    });
    count.counted = true;
  }

private:
  BufferCount &count;
  size_t updated;
};

/// Lowers the training step of `model` through the CPU pipeline, in place
/// or (`tied` false) with every `loom.tied_to` removed, and counts.
BufferCount countBuffers(std::string_view model, const Optimizer &optimizer,
                         bool tied, size_t &updated) {
  models::ModelOptions options;
  options.batch = 8;
  Expected<ModelTraining> training = buildModelTraining(model, options);
  EXPECT_TRUE(training) << training.error().message();
  TrainStepLayout layout;
  auto stepModule = buildTrainStepModule(training->module.module(),
                                         training->phases, optimizer, &layout);
  EXPECT_TRUE(stepModule) << stepModule.error().message();
  std::string text;
  llvm::raw_string_ostream(text) << **stepModule;

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  loom::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  EXPECT_TRUE(module);
  auto step = module->lookupSymbol<mlir::func::FuncOp>("train_step");
  if (!tied)
    for (unsigned i = 0; i < step.getNumResults(); ++i)
      step.removeResultAttr(
          i, mlir::StringAttr::get(&context, loom::abi::kTiedTo));
  updated = layout.parameters.size() + layout.state.size();

  BufferCount count;
  mlir::PassManager pm(&context);
  loom::buildCPUPipeline(pm);
  pm.addInstrumentation(
      std::make_unique<CountAfterBufferization>(count, updated));
  EXPECT_TRUE(mlir::succeeded(pm.run(*module)));
  return count;
}

void expectInPlace(std::string_view model, const Optimizer &optimizer) {
  size_t updated = 0;
  BufferCount inPlace = countBuffers(model, optimizer, /*tied=*/true, updated);
  BufferCount outOfPlace =
      countBuffers(model, optimizer, /*tied=*/false, updated);
  ASSERT_TRUE(inPlace.counted && outOfPlace.counted);
  EXPECT_EQ(inPlace.copies, 0);
  EXPECT_EQ(inPlace.writtenArguments, static_cast<int>(updated));
  EXPECT_EQ(outOfPlace.writtenArguments, 0);
  EXPECT_LE(inPlace.allocations, outOfPlace.allocations);
  std::cout << "[ buffers ] " << model << " " << describe(optimizer) << ": "
            << updated << " parameter/state arguments, all written in place; "
            << inPlace.allocations
            << " allocations of their types (out of place: "
            << outOfPlace.allocations << "), " << inPlace.copies
            << " copies\n";
}

TEST(InPlaceTest, AEAdamStepUpdatesInPlaceWithoutCopies) {
  expectInPlace("ae", Adam{});
}

TEST(InPlaceTest, AESGDStepUpdatesInPlaceWithoutCopies) {
  expectInPlace("ae", SGD{0.1, 0.9, 0.0, false});
}

TEST(InPlaceTest, StepKeepsEveryBufferAndChangesItsContents) {
  models::ModelOptions options;
  options.batch = 4;
  Expected<dsl::Module> model = models::buildModel("ae", options);
  ASSERT_TRUE(model) << model.error().message();
  Expected<Trainer> trainer = compileTrainStep(model->module(), "forward", Adam{});
  ASSERT_TRUE(trainer) << trainer.error().message();

  std::vector<const void *> buffers;
  std::vector<Tensor> before;
  for (const auto *group : {&trainer->parameters(), &trainer->optimizerState()})
    for (const NamedTensor &entry : *group) {
      buffers.push_back(entry.tensor.rawData());
      before.push_back(entry.tensor.clone());
    }
  Tensor images = test_helpers::sampleTensor({4, 784}, DType::F32, 1);
  ASSERT_TRUE(trainer->step({images}));

  size_t index = 0;
  for (const auto *group : {&trainer->parameters(), &trainer->optimizerState()})
    for (const NamedTensor &entry : *group) {
      EXPECT_EQ(entry.tensor.rawData(), buffers[index]) << entry.name;
      EXPECT_NE(entry.tensor.toVector<float>(),
                before[index].toVector<float>())
          << entry.name << " was not updated";
      ++index;
    }

  // The signature ties every parameter and state result to its argument.
  const Signature *signature = trainer->executable().signature("train_step");
  ASSERT_NE(signature, nullptr);
  EXPECT_FALSE(signature->results[0].tiedTo);
  EXPECT_EQ(signature->results[0].name, "loss");
  for (size_t i = 1; i < signature->results.size(); ++i) {
    EXPECT_EQ(signature->results[i].tiedTo, std::optional<size_t>(i - 1));
    // A new value is called what it replaces.
    EXPECT_EQ(signature->results[i].name, signature->arguments[i - 1].name);
  }
}

TEST(InPlaceTest, RunCopiesTiedArgumentsAndRunInPlaceWritesThem) {
  models::ModelOptions options;
  options.batch = 4;
  Expected<dsl::Module> model = models::buildModel("ae", options);
  ASSERT_TRUE(model);
  Expected<Trainer> trainer = compileTrainStep(model->module(), "forward", Adam{});
  ASSERT_TRUE(trainer);

  std::vector<Tensor> args;
  for (const auto *group : {&trainer->parameters(), &trainer->optimizerState()})
    for (const NamedTensor &entry : *group)
      args.push_back(entry.tensor.clone());
  args.push_back(test_helpers::sampleTensor({4, 784}, DType::F32, 1));
  std::vector<Tensor> original;
  for (const Tensor &arg : args)
    original.push_back(arg.clone());

  const Executable &executable = trainer->executable();
  Expected<std::vector<Tensor>> copied = executable.run("train_step", args);
  ASSERT_TRUE(copied) << copied.error().message();
  ASSERT_EQ(copied->size(), args.size());
  for (size_t i = 0; i < args.size(); ++i)
    EXPECT_EQ(args[i].toVector<float>(), original[i].toVector<float>())
        << "run modified argument " << i;

  Expected<std::vector<Tensor>> untied = executable.runInPlace("train_step", args);
  ASSERT_TRUE(untied) << untied.error().message();
  ASSERT_EQ(untied->size(), 1u);
  EXPECT_EQ((*untied)[0].toVector<float>(), (*copied)[0].toVector<float>());
  for (size_t i = 0; i + 1 < args.size(); ++i)
    EXPECT_EQ(args[i].toVector<float>(), (*copied)[i + 1].toVector<float>())
        << "argument " << i;

  // A tied argument sharing its buffer with another argument is refused.
  std::vector<Tensor> aliased = args;
  aliased[12] = aliased[0]; // enc.fc1.weight.exp_avg aliases enc.fc1.weight
  Expected<std::vector<Tensor>> refused =
      executable.runInPlace("train_step", aliased);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("is updated in place but shares its "
                                           "buffer with"),
            std::string::npos)
      << refused.error().message();
}

} // namespace
