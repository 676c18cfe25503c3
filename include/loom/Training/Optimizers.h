//===- Optimizers.h - SGD, Adam and AdamW as loom IR ------------*- C++ -*-===//
//
// The optimizers a training step applies, with PyTorch's semantics
// (torch.optim.SGD, Adam, AdamW with their default flags), written as loom ops
// so that the update is optimized, fused and bufferized together with the
// forward and backward code of the step.
//
// Optimizer state is ordinary tensors that the step takes and returns:
//   SGD with momentum   `<param>.momentum_buffer`, zeros at the start (with
//                       dampening 0 this matches PyTorch's first step,
//                       where the buffer is the gradient itself)
//   Adam, AdamW         `<param>.exp_avg`, `<param>.exp_avg_sq`, zeros, and
//                       one rank-0 step counter per update phase, counted in
//                       the parameters' float type (exact up to 2^24 steps in
//                       f32), which the bias corrections read.
//
// Threads: plain values, safe to share.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_TRAINING_OPTIMIZERS_H
#define LOOM_TRAINING_OPTIMIZERS_H

#include "loom/Support/Error.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

#include <string>
#include <variant>
#include <vector>

namespace loom::training {

/// torch.optim.SGD(lr, momentum, weight_decay, nesterov), dampening 0.
struct SGD {
  double lr = 0.01;
  double momentum = 0.0;
  double weightDecay = 0.0;
  bool nesterov = false;
};

/// torch.optim.Adam: weight decay is L2, added to the gradient.
struct Adam {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weightDecay = 0.0;
};

/// torch.optim.AdamW: decoupled weight decay, p *= 1 - lr * weight_decay.
struct AdamW {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weightDecay = 1e-2;
};

using Optimizer = std::variant<SGD, Adam, AdamW>;

/// PyTorch-like text, e.g. "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08,
/// weight_decay=0)".
std::string describe(const Optimizer &optimizer);

/// An error naming the bad hyperparameter (a non-positive or non-finite
/// learning rate, betas outside [0, 1), negative momentum or weight decay,
/// Nesterov without momentum, ...).
Expected<void> validate(const Optimizer &optimizer);

/// The state tensors each parameter carries, as name suffixes
/// ("exp_avg", "exp_avg_sq"), in the order the update takes them.
std::vector<std::string> perParameterState(const Optimizer &optimizer);

/// Whether the update reads a step counter (Adam and AdamW do).
bool usesStepCounter(const Optimizer &optimizer);

/// Emits the update of one parameter at `builder`'s insertion point.
/// `state` holds the parameter's state tensors as `perParameterState` lists
/// them; `step` is the rank-0 step counter after this step's increment (null
/// when the optimizer uses none). Returns the new parameter followed by the
/// new state tensors.
llvm::SmallVector<mlir::Value>
emitParameterUpdate(mlir::OpBuilder &builder, mlir::Location loc,
                    const Optimizer &optimizer, mlir::Value parameter,
                    mlir::Value gradient, mlir::ValueRange state,
                    mlir::Value step);

} // namespace loom::training

#endif
