//===- Models.cpp - AE, VAE, GAN and attention models ---------------------===//
#include "loom/Models/Models.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace loom::dsl;

namespace loom::models {

//===----------------------------------------------------------------------===//
// Layer stacks
//===----------------------------------------------------------------------===//

Autoencoder::Autoencoder(Graph &g)
    : enc1(g, "enc.fc1", kPixels, 512), enc2(g, "enc.fc2", 512, 128),
      enc3(g, "enc.fc3", 128, 32), dec1(g, "dec.fc1", 32, 128),
      dec2(g, "dec.fc2", 128, 512), dec3(g, "dec.fc3", 512, kPixels) {}

Tensor Autoencoder::operator()(const Tensor &x) {
  Tensor code = enc3(relu(enc2(relu(enc1(x)))));
  return sigmoid(dec3(relu(dec2(relu(dec1(code))))));
}

VAEEncoder::VAEEncoder(Graph &g)
    : fc1(g, "enc.fc1", kPixels, kVAEHidden),
      muHead(g, "enc.mu", kVAEHidden, kVAELatent),
      logvarHead(g, "enc.logvar", kVAEHidden, kVAELatent) {}

std::pair<Tensor, Tensor> VAEEncoder::operator()(const Tensor &x) {
  Tensor h = relu(fc1(x));
  return {muHead(h), logvarHead(h)};
}

VAEDecoder::VAEDecoder(Graph &g)
    : fc1(g, "dec.fc1", kVAELatent, kVAEHidden),
      fc2(g, "dec.fc2", kVAEHidden, kPixels) {}

Tensor VAEDecoder::operator()(const Tensor &z) { return fc2(relu(fc1(z))); }

VAEResult vae(Graph &g, const Tensor &x, const Tensor &seed) {
  VAEEncoder encoder(g);
  VAEDecoder decoder(g);
  auto [mu, logvar] = encoder(x);
  Tensor eps = g.randomNormal({x.dim(0), kVAELatent}, seed);
  Tensor z = mu + exp(0.5 * logvar) * eps;
  Tensor logits = decoder(z);
  // Binary cross-entropy with logits, per pixel, in its stable form.
  Tensor bce = maximum(logits, 0.0) - logits * x + log(1.0 + exp(-abs(logits)));
  Tensor kl = -0.5 * (1.0 + logvar - square(mu) - exp(logvar)).sum({1});
  return {sigmoid(logits), bce.sum({1}) + kl};
}

GANGenerator::GANGenerator(Graph &g, const GANGeneratorOptions &options)
    : fc1(g, "gen.fc1", kGANNoise, 256), fc2(g, "gen.fc2", 256, 512),
      fc3(g, "gen.fc3", 512, 1024), fc4(g, "gen.fc4", 1024, kPixels) {
  if (!options.batchNorm)
    return;
  for (const nn::Linear *hidden : {&fc1, &fc2, &fc3})
    norms.emplace_back(g, "gen.bn" + std::to_string(norms.size() + 1),
                       hidden->outFeatures);
}

Tensor GANGenerator::operator()(const Tensor &z) {
  const nn::Linear *hidden[] = {&fc1, &fc2, &fc3};
  Tensor h = z;
  for (auto [i, layer] : llvm::enumerate(hidden)) {
    h = (*layer)(h);
    h = relu(norms.empty() ? h : norms[i](h));
  }
  return sigmoid(fc4(h)).reshape({z.dim(0), 1, kImageSide, kImageSide});
}

GANDiscriminator::GANDiscriminator(Graph &g)
    : conv1(g, "disc.conv1", 1, 64, {3, 3}, {2, 2}, {1, 1}),
      conv2(g, "disc.conv2", 64, 128, {3, 3}, {2, 2}, {1, 1}),
      fc(g, "disc.fc", 128 * 7 * 7, 1) {}

Tensor GANDiscriminator::operator()(const Tensor &images, const Tensor &seed,
                                    bool training) {
  constexpr double slope = 0.2, dropRate = 0.3;
  Tensor h = nn::dropout(leakyRelu(conv1(images), slope), dropRate, seed,
                         training);
  h = nn::dropout(leakyRelu(conv2(h), slope), dropRate, seed, training);
  return fc(h.reshape({images.dim(0), 128 * 7 * 7}));
}

Tensor ganGenerator(Graph &g, const Tensor &z) { return GANGenerator(g)(z); }

Tensor ganDiscriminator(Graph &g, const Tensor &images, const Tensor &seed,
                        bool training) {
  return GANDiscriminator(g)(images, seed, training);
}

namespace {
/// Multi-head self-attention on `x: [B, T, D]`, no mask.
Tensor selfAttention(Graph &g, const std::string &prefix, const Tensor &x,
                     int64_t heads) {
  int64_t batch = x.dim(0), tokens = x.dim(1), width = x.dim(2);
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
  Tensor scores = matmul(q, k.transpose({0, 1, 3, 2})) /
                  std::sqrt(static_cast<double>(headSize));
  Tensor context = matmul(nn::softmax(scores, -1), v)
                       .transpose({0, 2, 1, 3})
                       .reshape({batch, tokens, width});
  return project(context);
}

/// Mean over tokens and a linear head: class logits.
Tensor classify(Graph &g, const Tensor &tokens) {
  nn::Linear head(g, "head", tokens.shape().back(), kClasses);
  return head(tokens.mean({1}));
}
} // namespace

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

Tensor attentionFMNIST(Graph &g, const Tensor &images) {
  constexpr int64_t width = 64, heads = 4, hidden = 128;
  nn::Linear embed(g, "embed", kImageSide, width);
  Tensor positions =
      g.parameter("pos_embedding", {kImageSide, width}, Init::normal(0.02));
  Tensor tokens = embed(images) + positions;
  return classify(g, encoderBlock(g, "block", tokens, heads, hidden));
}

//===----------------------------------------------------------------------===//
// Whole models
//===----------------------------------------------------------------------===//

namespace {

void buildAE(Module &module, int64_t batch, const ModelOptions &) {
  Graph g(module, "forward");
  Tensor x = g.input("x", {batch, kPixels});
  Tensor reconstruction = Autoencoder(g)(x);
  g.output({{"reconstruction", reconstruction},
            {"loss", nn::mse(reconstruction, x)}});
}

void buildVAE(Module &module, int64_t batch, const ModelOptions &) {
  Graph g(module, "forward");
  Tensor x = g.input("x", {batch, kPixels});
  Tensor seed = g.seed("seed");
  VAEResult result = vae(g, x, seed);
  g.output({{"reconstruction", result.reconstruction},
            {"negative_elbo", result.negativeElbo},
            {"loss", result.negativeElbo.mean()}});
}

void buildGAN(Module &module, int64_t batch, const ModelOptions &options) {
  {
    Graph g(module, "generator");
    Tensor seed = g.seed("seed");
    Tensor z = g.randomNormal({batch, kGANNoise}, seed);
    g.output({{"images", ganGenerator(g, z)}});
  }
  Graph g(module, "discriminator");
  Tensor images = g.input("x", {batch, 1, kImageSide, kImageSide});
  Tensor target = g.input("target", {batch, 1});
  Tensor seed = options.training ? g.seed("seed") : Tensor();
  Tensor logits = ganDiscriminator(g, images, seed, options.training);
  g.output({{"logits", logits}, {"loss", nn::bceWithLogits(logits, target)}});
}

void buildAttention(Module &module, int64_t batch, const ModelOptions &) {
  constexpr int64_t tokens = 128, width = 256, heads = 4, hidden = 1024;
  Graph g(module, "forward");
  Tensor x = g.input("x", {batch, tokens, width});
  Tensor labels = g.input("labels", {batch}, DType::I32);
  Tensor logits = classify(g, encoderBlock(g, "block", x, heads, hidden));
  g.output({{"logits", logits}, {"loss", nn::softmaxCrossEntropy(logits, labels)}});
}

void buildAttentionFMNIST(Module &module, int64_t batch, const ModelOptions &) {
  Graph g(module, "forward");
  Tensor x = g.input("x", {batch, kImageSide, kImageSide});
  Tensor labels = g.input("labels", {batch}, DType::I32);
  Tensor logits = attentionFMNIST(g, x);
  g.output({{"logits", logits}, {"loss", nn::softmaxCrossEntropy(logits, labels)}});
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
