//===- Models.h - The reference models of docs/models.md --------*- C++ -*-===//
//
// The one definition of each model of `docs/models.md`, built with the DSL:
// the examples, the benchmarks, `loomc --model=` and the tests all build
// their graphs from these layer stacks.
//
// Conventions: every function takes its data inputs first (then a rank-0 i64
// `seed` where it draws random numbers), then the parameters in layer order;
// where a function computes a loss, the loss is its last result, a rank-0 f32.
//
//   ae           @forward(x: [B,784]) -> (reconstruction [B,784], loss)
//   vae          @forward(x: [B,784], seed) -> (reconstruction [B,784],
//                  negative ELBO per image [B], loss: its mean)
//   gan          @generator(seed) -> images [B,1,28,28]
//                @discriminator(x: [B,1,28,28], target: [B,1] f32 in {0,1},
//                               seed (training only)) -> (logits [B,1], loss)
//   attn         @forward(x: [B,128,256], labels: [B] i32) -> (logits [B,10], loss)
//   attn-fmnist  @forward(x: [B,28,28], labels: [B] i32) -> (logits [B,10], loss)
//
// The layer stacks below create their parameters, in layer order, in the
// graph they are given; graphs of one module that create the same stack share
// its parameters by name.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_MODELS_MODELS_H
#define LOOM_MODELS_MODELS_H

#include "loom/DSL/Graph.h"
#include "loom/DSL/NN.h"
#include "loom/Support/Error.h"

#include <optional>
#include <string_view>
#include <utility>
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

/// Fashion-MNIST's sizes, which every model's inputs follow.
inline constexpr int64_t kImageSide = 28, kPixels = 784, kClasses = 10;

//===----------------------------------------------------------------------===//
// AE
//===----------------------------------------------------------------------===//

/// 784 -> 512 -> 128 -> 32 -> 128 -> 512 -> 784, ReLUs and a sigmoid output;
/// parameters `enc.fc1..3`, `dec.fc1..3`.
struct Autoencoder {
  explicit Autoencoder(dsl::Graph &graph);
  /// x: [B,784] -> reconstruction [B,784].
  dsl::Tensor operator()(const dsl::Tensor &x);

  dsl::nn::Linear enc1, enc2, enc3, dec1, dec2, dec3;
};

//===----------------------------------------------------------------------===//
// VAE
//===----------------------------------------------------------------------===//

inline constexpr int64_t kVAEHidden = 400, kVAELatent = 20;

/// q(z | x): 784 -> 400 -> (mu, logvar) in 20 dimensions; `enc.fc1`,
/// `enc.mu`, `enc.logvar`.
struct VAEEncoder {
  explicit VAEEncoder(dsl::Graph &graph);
  /// x: [B,784] -> (mu, logvar), each [B,20].
  std::pair<dsl::Tensor, dsl::Tensor> operator()(const dsl::Tensor &x);

  dsl::nn::Linear fc1, muHead, logvarHead;
};

/// p(x | z): 20 -> 400 -> 784 pixel logits; `dec.fc1`, `dec.fc2`.
struct VAEDecoder {
  explicit VAEDecoder(dsl::Graph &graph);
  /// z: [B,20] -> pixel logits [B,784].
  dsl::Tensor operator()(const dsl::Tensor &z);

  dsl::nn::Linear fc1, fc2;
};

struct VAEResult {
  dsl::Tensor reconstruction; ///< sigmoid of the logits, [B,784]
  dsl::Tensor negativeElbo;   ///< per image, sum-BCE + KL, [B]
};

/// The VAE's forward pass on x: [B,784]: encode, draw z = mu + exp(logvar/2)
/// * eps with eps ~ N(0, 1) from `seed`, decode. Creates encoder then
/// decoder parameters.
VAEResult vae(dsl::Graph &graph, const dsl::Tensor &x, const dsl::Tensor &seed);

//===----------------------------------------------------------------------===//
// GAN
//===----------------------------------------------------------------------===//

inline constexpr int64_t kGANNoise = 100;

struct GANGeneratorOptions {
  /// Batch normalization (batch statistics) after each hidden linear layer,
  /// as in DCGAN: the stabilizer the GAN example adds (docs/examples.md).
  /// docs/models.md's generator, which the benchmarks use, has none.
  bool batchNorm = false;
};

/// 100 -> 256 -> 512 -> 1024 -> 784, ReLUs and a sigmoid output, as
/// [B,1,28,28] images; `gen.fc1..4` (then `gen.bn1..3`).
struct GANGenerator {
  explicit GANGenerator(dsl::Graph &graph,
                        const GANGeneratorOptions &options = {});
  /// z: [B,100] -> images [B,1,28,28].
  dsl::Tensor operator()(const dsl::Tensor &z);

  dsl::nn::Linear fc1, fc2, fc3, fc4;
  std::vector<dsl::nn::BatchNorm> norms;
};

/// Two stride-2 convolutions with LeakyReLU(0.2) and Dropout(0.3), then a
/// linear logit; `disc.conv1`, `disc.conv2`, `disc.fc`.
struct GANDiscriminator {
  explicit GANDiscriminator(dsl::Graph &graph);
  /// images [B,1,28,28] -> logits [B,1]; `seed` drives dropout when
  /// `training` (and may be empty otherwise).
  dsl::Tensor operator()(const dsl::Tensor &images, const dsl::Tensor &seed,
                         bool training);

  dsl::nn::Conv2d conv1, conv2;
  dsl::nn::Linear fc;
};

/// The GAN's halves without batch normalization, for graphs that compose them
/// (e.g. a training step that scores generated images).
dsl::Tensor ganGenerator(dsl::Graph &graph, const dsl::Tensor &z);
dsl::Tensor ganDiscriminator(dsl::Graph &graph, const dsl::Tensor &images,
                             const dsl::Tensor &seed, bool training);

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

/// The pre-LayerNorm transformer encoder block on x: [B,T,D]:
/// h = x + MHA(LN1(x)) with `heads` heads, y = h + FFN(LN2(h)) with a GELU
/// feed-forward of width `hidden`; parameters `<prefix>.ln1`,
/// `<prefix>.attn.{q,k,v,out}`, `<prefix>.ln2`, `<prefix>.ffn.fc{1,2}`.
dsl::Tensor encoderBlock(dsl::Graph &graph, const std::string &prefix,
                         const dsl::Tensor &x, int64_t heads, int64_t hidden);

/// ATTN-FMNIST: images [B,28,28] (rows as tokens) -> class logits [B,10];
/// `embed`, `pos_embedding`, `block.*`, `head`.
dsl::Tensor attentionFMNIST(dsl::Graph &graph, const dsl::Tensor &images);

} // namespace loom::models

#endif
