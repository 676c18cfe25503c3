//===- TrainStep.h - Training-step functions built from a loss --*- C++ -*-===//
//
// A training step is one function
//
//   @train_step(params..., optimizer state..., batch inputs...)
//       -> (loss per phase..., new params..., new state...)
//
// built from loss functions by reverse-mode autodiff (loom/Dialect/Loom/
// Transforms/Autodiff.h) and the optimizer updates of Optimizers.h, so the
// forward pass, the backward pass and the update are optimized and lowered
// together. Every new parameter and state result carries
// `loom.tied_to = <argument index>`: the compiled step writes it into the
// argument's buffer, updating parameters and state in place.
//
// A step runs one or more phases in order. Each phase differentiates one loss
// function with respect to some of its parameters and updates them; a later
// phase sees the parameters an earlier one updated (the GAN's discriminator
// update, then its generator update). Functions are matched by argument
// names: `loom.param = "name"` arguments of every phase's loss function are
// one parameter each, `loom.input = "name"` arguments one batch input each.
//
// Each function returns a loom::Expected whose Error carries the MLIR
// diagnostics of the failure, formatted with their source locations; nothing
// is emitted into the context's handlers.
//
// Threads: the builders modify the module they are given: one thread per
// module (its MLIRContext) at a time.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_TRAINING_TRAINSTEP_H
#define LOOM_TRAINING_TRAINSTEP_H

#include "loom/Support/Error.h"
#include "loom/Training/Optimizers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace loom::training {

struct TrainPhase {
  /// The function computing the loss.
  std::string lossEntry;
  /// The parameters this phase updates, by name; empty means every float
  /// parameter of `lossEntry`.
  std::vector<std::string> parameters;
  /// Prefix of the phase's step counter name ("<name>.step"); the counter of
  /// an unnamed phase is "step".
  std::string name;
};

/// Rewrites a phase's loss and gradients between its backward part and its
/// update: `lossAndGradients` is the loss, then one gradient per parameter
/// the phase updates (in step-argument order); the hook returns values of
/// the same types, which the update and the step's loss result then use.
using GradientTransform = std::function<llvm::SmallVector<mlir::Value>(
    mlir::OpBuilder &builder, mlir::Location loc,
    mlir::ValueRange lossAndGradients)>;

/// Data-parallel training: the step gets the batch input
/// `kCommunicatorInput` (a rank-0 i64 tensor holding a Communicator handle,
/// loom/Runtime/Communicator.h), and every phase averages its loss and
/// gradients over the ranks with `loom.all_reduce mean`, packed into buckets
/// of at most `bucketBytes` (a larger tensor is a bucket of its own), before
/// its update. With every rank on an equal share of the global batch, each
/// rank then applies the update of the whole batch's mean loss.
struct GradientExchange {
  /// PyTorch DDP's default: few exchanges, and no bucket so large that a
  /// copy of it leaves the caches for long.
  size_t bucketBytes = 25u << 20;
};

inline constexpr const char *kCommunicatorInput = "communicator";

struct TrainStepOptions {
  std::string name = "train_step";
  std::optional<GradientExchange> exchange;
  /// Runs after the exchange, in every phase.
  GradientTransform transform;
};

/// What the arguments and results of a built step are.
struct TrainStepLayout {
  std::string entry;
  /// Every parameter a phase reads (arguments 0..P-1), in order of first
  /// appearance.
  std::vector<std::string> parameters;
  /// The parameters some phase updates, as indices into `parameters`; their
  /// new values are results #phases.. in this order.
  std::vector<size_t> updated;
  /// Optimizer state (arguments P..P+S-1, results after the parameters).
  std::vector<std::string> state;
  /// Batch inputs (the remaining arguments); with a GradientExchange the
  /// last is `kCommunicatorInput`.
  std::vector<std::string> inputs;
  /// Whether the step exchanges gradients (TrainStepOptions::exchange).
  bool exchangesGradients = false;
  size_t numPhases = 0;
};

/// The loss among `func`'s results: result 0 when it is a rank-0 float
/// tensor (the convention of `loom-autodiff`), otherwise the last result when
/// it is one (the convention of the reference models). InvalidArgument when
/// neither is.
loom::Expected<unsigned> lossResultIndex(mlir::func::FuncOp func);

/// Adds a private copy of `func` named `name` whose result 0 is the loss
/// (see lossResultIndex), followed by `func`'s other results in order.
/// InvalidArgument when `func` has no loss, is not one block ending in
/// func.return, or `name` is taken.
loom::Expected<mlir::func::FuncOp>
buildLossFirstFunction(mlir::func::FuncOp func, llvm::StringRef name);

/// Builds the public function `name` into `module` as described above, and
/// returns it with its layout. InvalidIR, with the diagnostics of: an
/// unknown entry or parameter, a parameter that no phase's loss reads with a
/// float type, an argument that is neither a parameter nor an input, or a
/// failure of autodiff. On failure the module is unchanged.
loom::Expected<std::pair<mlir::func::FuncOp, TrainStepLayout>>
buildTrainStep(mlir::ModuleOp module, llvm::ArrayRef<TrainPhase> phases,
               const Optimizer &optimizer, llvm::StringRef name = "train_step");
/// The same, with the step's name, exchange and hook from `options`; a
/// model input named `kCommunicatorInput` is an error when it exchanges.
loom::Expected<std::pair<mlir::func::FuncOp, TrainStepLayout>>
buildTrainStep(mlir::ModuleOp module, llvm::ArrayRef<TrainPhase> phases,
               const Optimizer &optimizer, const TrainStepOptions &options);

} // namespace loom::training

#endif
