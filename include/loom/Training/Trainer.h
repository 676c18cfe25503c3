//===- Trainer.h - Compiled training steps that own their state -*- C++ -*-===//
//
// `compileTrainStep` builds the training step of a model (TrainStep.h),
// compiles it together with the model's other functions, and returns a
// Trainer that owns the parameters (initialized from their `loom.init` with
// a seed) and the optimizer state. `step` runs the compiled step, which
// updates both in place: the tensors `parameters()` returns keep their
// buffers for the trainer's whole life.
//
//   auto model = loom::models::buildModel("ae").take();
//   auto trainer = loom::training::compileTrainStep(
//       model.module(), "forward", loom::training::Adam{}).take();
//   double loss = trainer.step({images}).take();
//   trainer.save("ae.ckpt").take();
//
// Checkpoints are one binary file, written to a temporary file that is then
// renamed over the target:
//
//   "LOOMCKPT" | u32 version (1) | u64 step count | u32 tensor count |
//   per tensor: u32 name length, name, u8 kind (0 parameter, 1 state),
//               u8 dtype (DType), u32 rank, i64 dims[rank], u64 byte count,
//               bytes |
//   u64 FNV-1a 64 of everything before it
//
// all little-endian. `load` checks the magic, the structure, the checksum and
// that every name, kind, dtype and shape matches the trainer before it
// changes anything: a corrupt, truncated or mismatched file is an error that
// leaves the trainer as it was.
//
// Threads: one Trainer is used by one thread at a time (`step` updates its
// tensors in place); distinct Trainers, and `run` calls of one Trainer that
// no `step` overlaps, may run on several threads.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_TRAINING_TRAINER_H
#define LOOM_TRAINING_TRAINER_H

#include "loom/Compiler/Compiler.h"
#include "loom/Runtime/Communicator.h"
#include "loom/Runtime/Executable.h"
#include "loom/Training/Optimizers.h"
#include "loom/Training/TrainStep.h"

#include "mlir/IR/BuiltinOps.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loom::training {

struct NamedTensor {
  std::string name;
  Tensor tensor;
};

struct TrainerOptions {
  /// Seed of the parameter initializers (see Executable::initialParameters).
  uint64_t seed = 0;
  CompilerOptions compiler;
  /// Data-parallel training (docs/distributed.md): the ranks that run this
  /// step together, each on its own share of every global batch. The step
  /// then averages the loss and gradients over them (GradientExchange),
  /// rank 0's initial parameters are copied to every rank, and only rank 0
  /// writes checkpoints. Null: one process, no exchange.
  std::shared_ptr<Communicator> communicator;
  GradientExchange exchange;
};

class Trainer {
public:
  Trainer(Executable executable, TrainStepLayout layout, Optimizer optimizer,
          std::vector<NamedTensor> parameters, std::vector<NamedTensor> state,
          std::shared_ptr<Communicator> communicator = nullptr);
  /// A moved-from Trainer holds nothing: `step`, `stepPhases`, `run`,
  /// `save`, `load` and `loadBytes` on it are InvalidArgument errors, and it
  /// has no parameters, state or batch inputs.
  Trainer(Trainer &&) noexcept;
  Trainer &operator=(Trainer &&) noexcept;
  ~Trainer();

  /// Runs one step on `batch` (the step's inputs, in `batchInputs()` order)
  /// and returns the loss of the first phase.
  Expected<double> step(const std::vector<Tensor> &batch);
  /// The same, returning the loss of every phase.
  Expected<std::vector<double>> stepPhases(const std::vector<Tensor> &batch);

  /// The parameters, in the step's argument order.
  const std::vector<NamedTensor> &parameters() const { return params; }
  /// The parameter named `name`, or null.
  const Tensor *parameter(std::string_view name) const;
  /// The optimizer state, in the step's argument order.
  const std::vector<NamedTensor> &optimizerState() const { return state; }
  /// What each batch input of `step` is (names, shapes and dtypes); the
  /// communicator of a data-parallel step is not one: the trainer passes it.
  std::vector<ArgumentInfo> batchInputs() const;
  /// The ranks the step runs on; null for one process.
  const std::shared_ptr<Communicator> &communicator() const { return ranks; }
  /// Steps taken since initialization (restored by `load`).
  uint64_t stepCount() const { return steps; }
  const Optimizer &optimizer() const { return optimizerConfig; }
  const TrainStepLayout &layout() const { return stepLayout; }
  /// The compiled module: the training step and the model's own functions.
  const Executable &executable() const { return compiled; }

  /// Runs another entry of the model (e.g. inference) with the trainer's
  /// current parameters: its `loom.param` arguments are taken from the
  /// trainer by name; `inputs` fill its other arguments in order.
  Expected<std::vector<Tensor>> run(std::string_view entry,
                                    const std::vector<Tensor> &inputs) const;

  /// Writes a checkpoint; in a data-parallel trainer only rank 0 writes (the
  /// ranks hold the same parameters), the others return at once.
  Expected<void> save(const std::string &path) const;
  Expected<void> load(const std::string &path);
  /// `load` from the bytes of a checkpoint; `sourceName` names it in errors.
  Expected<void> loadBytes(std::string_view bytes,
                                     std::string_view sourceName);

private:
  /// InvalidArgument when the trainer was moved from.
  Expected<void> checkNotMovedFrom() const;

  Executable compiled;
  TrainStepLayout stepLayout;
  Optimizer optimizerConfig;
  std::vector<NamedTensor> params;
  std::vector<NamedTensor> state;
  std::shared_ptr<Communicator> ranks;
  /// The communicator's handle, the step's last input when it exchanges.
  std::optional<Tensor> communicatorHandle;
  uint64_t steps = 0;
};

/// The parameters a checkpoint holds, in its order, checked as `load` checks
/// a file (magic, structure, checksum): for running a model's other entries
/// with trained weights without a Trainer. IO errors name the file.
Expected<std::vector<NamedTensor>>
readCheckpointParameters(const std::string &path);

/// The FNV-1a 64 hash a checkpoint ends with, of `contents` (every byte
/// before the hash).
uint64_t checkpointChecksum(std::string_view contents);

/// Builds the training step of `phases` with `optimizer` next to a copy of
/// `module`'s functions, compiles everything, and initializes the
/// parameters with `options.seed` and the optimizer state with zeros.
/// `module` is not modified.
Expected<Trainer> compileTrainStep(mlir::ModuleOp module,
                                   const std::vector<TrainPhase> &phases,
                                   const Optimizer &optimizer,
                                   const TrainerOptions &options = {});

/// One phase training every parameter of `lossEntry`.
Expected<Trainer> compileTrainStep(mlir::ModuleOp module,
                                   std::string_view lossEntry,
                                   const Optimizer &optimizer,
                                   const TrainerOptions &options = {});

/// The training step module itself, for tools that print or lower it: a copy
/// of `module` with the step added as `train_step`.
Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildTrainStepModule(mlir::ModuleOp module, const std::vector<TrainPhase> &phases,
                     const Optimizer &optimizer, TrainStepLayout *layout = nullptr,
                     const TrainStepOptions &stepOptions = {});

} // namespace loom::training

#endif
