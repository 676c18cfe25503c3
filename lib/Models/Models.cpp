//===- Models.cpp - AE, VAE, GAN and attention models ---------------------===//
#include "loom/Models/Models.h"

#include "loom/DSL/NN.h"

#include <cmath>

using namespace loom::dsl;

namespace loom::models {
namespace {

constexpr int64_t kPixels = 784;
constexpr int64_t kImageSide = 28;
constexpr int64_t kClasses = 10;
constexpr int64_t kNoiseSize = 100;

void buildAE(Module &module, int64_t batch, const ModelOptions &) {
  Graph g(module, "forward");
  Tensor x = g.input("x", {batch, kPixels});
  nn::Linear enc1(g, "enc.fc1", kPixels, 512), enc2(g, "enc.fc2", 512, 128),
      enc3(g, "enc.fc3", 128, 32);
  nn::Linear dec1(g, "dec.fc1", 32, 128), dec2(g, "dec.fc2", 128, 512),
      dec3(g, "dec.fc3", 512, kPixels);
  Tensor code = enc3(relu(enc2(relu(enc1(x)))));
  Tensor reconstruction = sigmoid(dec3(relu(dec2(relu(dec1(code))))));
  g.returns(reconstruction, nn::mse(reconstruction, x));
}

void buildVAE(Module &module, int64_t batch, const ModelOptions &) {
  constexpr int64_t hidden = 400, latent = 20;
  Graph g(module, "forward");
  Tensor x = g.input("x", {batch, kPixels});
  Tensor seed = g.seed("seed");
  nn::Linear enc(g, "enc.fc1", kPixels, hidden);
  nn::Linear muHead(g, "enc.mu", hidden, latent);
  nn::Linear logvarHead(g, "enc.logvar", hidden, latent);
  nn::Linear dec1(g, "dec.fc1", latent, hidden), dec2(g, "dec.fc2", hidden, kPixels);

  Tensor h = relu(enc(x));
  Tensor mu = muHead(h), logvar = logvarHead(h);
  Tensor eps = g.randomNormal({batch, latent}, seed);
  Tensor z = mu + exp(logvar * 0.5) * eps;
  Tensor logits = dec2(relu(dec1(z)));

  Tensor reconstructionError = nn::bceWithLogits(logits, x, nn::Reduction::Sum);
  Tensor kl = (1.0 + logvar - square(mu) - exp(logvar)).sum() * -0.5;
  Tensor loss = (reconstructionError + kl) / static_cast<double>(batch);
  g.returns(sigmoid(logits), loss);
}

void buildGAN(Module &module, int64_t batch, const ModelOptions &options) {
  {
    Graph g(module, "generator");
    Tensor seed = g.seed("seed");
    Tensor z = g.randomNormal({batch, kNoiseSize}, seed);
    g.returns(ganGenerator(g, z));
  }
  Graph g(module, "discriminator");
  Tensor images = g.input("x", {batch, 1, kImageSide, kImageSide});
  Tensor target = g.input("target", {batch, 1});
  Tensor seed = options.training ? g.seed("seed") : Tensor();
  Tensor logits = ganDiscriminator(g, images, seed, options.training);
  g.returns(logits, nn::bceWithLogits(logits, target));
}

/// Multi-head self-attention on `x: [B, T, D]`, no mask.
Tensor selfAttention(Graph &g, const std::string &prefix, const Tensor &x,
                     int64_t heads) {
  Shape shape = x.shape();
  int64_t batch = shape[0], tokens = shape[1], width = shape[2];
  int64_t headSize = width / heads;
  nn::Linear query(g, prefix + ".q", width, width);
  nn::Linear key(g, prefix + ".k", width, width);
  nn::Linear value(g, prefix + ".v", width, width);
  nn::Linear project(g, prefix + ".out", width, width);
  // [B, T, D] -> [B, H, T, D/H]
  auto splitHeads = [&](const Tensor &t) {
    return t.reshape({batch, tokens, heads, headSize}).transpose({0, 2, 1, 3});
  };
  Tensor q = splitHeads(query(x)), k = splitHeads(key(x)),
         v = splitHeads(value(x));
  Tensor scores = matmul(q, k.transpose({0, 1, 3, 2})) *
                  (1.0 / std::sqrt(static_cast<double>(headSize)));
  Tensor context = matmul(nn::softmax(scores, -1), v)
                       .transpose({0, 2, 1, 3})
                       .reshape({batch, tokens, width});
  return project(context);
}

/// Pre-LayerNorm encoder block: h = x + MHA(LN1(x)); y = h + FFN(LN2(h)).
Tensor encoderBlock(Graph &g, const std::string &prefix, const Tensor &x,
                    int64_t heads, int64_t hidden) {
  int64_t width = x.shape().back();
  nn::LayerNorm norm1(g, prefix + ".ln1", width);
  Tensor h = x + selfAttention(g, prefix + ".attn", norm1(x), heads);
  nn::LayerNorm norm2(g, prefix + ".ln2", width);
  nn::Linear fc1(g, prefix + ".ffn.fc1", width, hidden);
  nn::Linear fc2(g, prefix + ".ffn.fc2", hidden, width);
  return h + fc2(gelu(fc1(norm2(h))));
}

/// Mean over tokens, a linear head, and the cross-entropy loss.
void classify(Graph &g, const Tensor &tokens, const Tensor &labels) {
  nn::Linear head(g, "head", tokens.shape().back(), kClasses);
  Tensor logits = head(tokens.mean({1}));
  g.returns(logits, nn::softmaxCrossEntropy(logits, labels));
}

void buildAttention(Module &module, int64_t batch, const ModelOptions &) {
  constexpr int64_t tokens = 128, width = 256, heads = 4, hidden = 1024;
  Graph g(module, "forward");
  Tensor x = g.input("x", {batch, tokens, width});
  Tensor labels = g.input("labels", {batch}, DType::I32);
  classify(g, encoderBlock(g, "block", x, heads, hidden), labels);
}

void buildAttentionFMNIST(Module &module, int64_t batch, const ModelOptions &) {
  constexpr int64_t width = 64, heads = 4, hidden = 128;
  Graph g(module, "forward");
  Tensor x = g.input("x", {batch, kImageSide, kImageSide});
  Tensor labels = g.input("labels", {batch}, DType::I32);
  nn::Linear embed(g, "embed", kImageSide, width);
  Tensor positions =
      g.parameter("pos_embedding", {kImageSide, width}, Init::normal(0.02));
  Tensor tokens = embed(x) + positions;
  classify(g, encoderBlock(g, "block", tokens, heads, hidden), labels);
}

using ModelBuilder = void (*)(Module &, int64_t, const ModelOptions &);

struct ModelEntry {
  std::string_view name;
  ModelBuilder build;
  int64_t defaultBatch;
};

constexpr ModelEntry kModels[] = {
    {"ae", buildAE, 64},
    {"vae", buildVAE, 64},
    {"gan", buildGAN, 64},
    {"attn", buildAttention, 16},
    {"attn-fmnist", buildAttentionFMNIST, 64},
};

} // namespace

Tensor ganGenerator(Graph &g, const Tensor &z) {
  int64_t batch = z.shape().front();
  nn::Linear fc1(g, "gen.fc1", kNoiseSize, 256), fc2(g, "gen.fc2", 256, 512),
      fc3(g, "gen.fc3", 512, 1024), fc4(g, "gen.fc4", 1024, kPixels);
  Tensor pixels = sigmoid(fc4(relu(fc3(relu(fc2(relu(fc1(z))))))));
  return pixels.reshape({batch, 1, kImageSide, kImageSide});
}

Tensor ganDiscriminator(Graph &g, const Tensor &images, const Tensor &seed,
                        bool training) {
  constexpr double slope = 0.2, dropRate = 0.3;
  int64_t batch = images.shape().front();
  nn::Conv2d conv1(g, "disc.conv1", 1, 64, {3, 3}, {2, 2}, {1, 1});
  nn::Conv2d conv2(g, "disc.conv2", 64, 128, {3, 3}, {2, 2}, {1, 1});
  nn::Linear fc(g, "disc.fc", 128 * 7 * 7, 1);
  Tensor h = nn::dropout(leakyRelu(conv1(images), slope), dropRate, seed,
                         training);
  h = nn::dropout(leakyRelu(conv2(h), slope), dropRate, seed, training);
  return fc(h.reshape({batch, 128 * 7 * 7}));
}

const std::vector<std::string_view> &modelNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> result;
    for (const ModelEntry &entry : kModels)
      result.push_back(entry.name);
    return result;
  }();
  return names;
}

Expected<Module> buildModel(std::string_view name, const ModelOptions &options) {
  for (const ModelEntry &entry : kModels) {
    if (entry.name != name)
      continue;
    int64_t batch = options.batch.value_or(entry.defaultBatch);
    if (batch <= 0)
      return Error(ErrorKind::InvalidArgument, "error: model '" + std::string(name) +
                   "' needs a positive batch size, got " +
                   std::to_string(batch));
    try {
      Module module(name);
      entry.build(module, batch, options);
      module.verify();
      return module;
    } catch (const Error &error) {
      return error;
    }
  }
  std::string known;
  for (std::string_view model : modelNames())
    known += (known.empty() ? "" : ", ") + std::string(model);
  return Error(ErrorKind::InvalidArgument, "error: unknown model '" + std::string(name) + "'; known: " +
               known);
}

} // namespace loom::models
