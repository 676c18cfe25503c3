//===- ModelTraining.h - How each reference model trains --------*- C++ -*-===//
//
// The training setup of every model of loom/Models/Models.h, as
// `docs/models.md` states it: the loss function(s) to
// differentiate and the optimizer.
//
//   ae, vae, attn, attn-fmnist   one phase: @forward's loss; Adam (lr 1e-3)
//   gan                          @discriminator_loss: BCE-with-logits of the
//                                discriminator on [real x; generated] against
//                                [1; 0] (the mean over both halves), updating
//                                disc.*; then @generator_loss: the
//                                non-saturating BCE(D(G(z)), 1), updating
//                                gen.*, with the discriminator just updated;
//                                Adam (lr 2e-4, betas (0.5, 0.999)). Both
//                                phases draw z from the step's `seed`.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_MODELTRAINING_MODELTRAINING_H
#define LOOM_MODELTRAINING_MODELTRAINING_H

#include "loom/DSL/Graph.h"
#include "loom/Models/Models.h"
#include "loom/Training/Optimizers.h"
#include "loom/Training/TrainStep.h"

#include <string_view>
#include <vector>

namespace loom::training {

struct ModelTraining {
  /// The model's functions, plus the GAN's two loss functions.
  dsl::Module module;
  std::vector<TrainPhase> phases;
  Optimizer optimizer;
};

/// The training setup of reference model `name` (see models::modelNames).
Expected<ModelTraining> buildModelTraining(std::string_view name,
                                           const models::ModelOptions &options = {});

} // namespace loom::training

#endif
