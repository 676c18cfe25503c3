//===- Models.h - The reference models of docs/models.md --------*- C++ -*-===//
//
// The graphs Loom's examples and benchmarks use, built with the DSL exactly
// as `docs/models.md` defines them (forward pass and loss).
//
// Conventions: every function takes its data inputs first (then a rank-0 i64
// `seed` where it draws random numbers), then the parameters in layer order;
// where a function computes a loss, the loss is its last result, a rank-0 f32.
//
//   ae           @forward(x: [B,784]) -> (reconstruction [B,784], loss)
//   vae          @forward(x: [B,784], seed) -> (reconstruction [B,784], loss)
//                  loss = (sum BCE-with-logits + KL) / B
//   gan          @generator(seed) -> images [B,1,28,28]
//                @discriminator(x: [B,1,28,28], target: [B,1] f32 in {0,1},
//                               seed (training only)) -> (logits [B,1], loss)
//   attn         @forward(x: [B,128,256], labels: [B] i32) -> (logits [B,10], loss)
//   attn-fmnist  @forward(x: [B,28,28], labels: [B] i32) -> (logits [B,10], loss)
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_MODELS_MODELS_H
#define LOOM_MODELS_MODELS_H

#include "loom/DSL/Graph.h"
#include "loom/Support/Error.h"

#include <optional>
#include <string_view>
#include <vector>

namespace loom::models {

struct ModelOptions {
  /// Batch size; unset means 64, or 16 for `attn` (its benchmark size).
  std::optional<int64_t> batch;
  /// Dropout active (the GAN discriminator then takes a `seed` input).
  bool training = true;
};

/// "ae", "vae", "gan", "attn", "attn-fmnist".
const std::vector<std::string_view> &modelNames();

/// Builds model `name` into a fresh, verified module.
Expected<dsl::Module> buildModel(std::string_view name,
                                 const ModelOptions &options = {});

/// The GAN's halves, for graphs that compose them (e.g. a training step that
/// scores generated images). Parameters are named `gen.*` and `disc.*`.
/// `z: [B,100]` -> images `[B,1,28,28]`.
dsl::Tensor ganGenerator(dsl::Graph &graph, const dsl::Tensor &z);
/// images `[B,1,28,28]` -> logits `[B,1]`; `seed` drives dropout when
/// `training`.
dsl::Tensor ganDiscriminator(dsl::Graph &graph, const dsl::Tensor &images,
                             const dsl::Tensor &seed, bool training);

} // namespace loom::models

#endif
