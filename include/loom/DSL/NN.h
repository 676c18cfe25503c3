//===- NN.h - Layers and losses built from loom primitives ------*- C++ -*-===//
//
// PyTorch-shaped building blocks. A layer creates its parameters when it is
// constructed, named `<prefix>.weight` / `<prefix>.bias`, and applies them when
// called. Layers take the parameters' element type (f64 for gradient checks).
// Composites (softmax, layer norm, losses) are plain compositions of
// primitive ops, so autodiff needs no rule of its own for them.
//
// Threads: as Graph.h: one thread per Module at a time.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DSL_NN_H
#define LOOM_DSL_NN_H

#include "loom/DSL/Graph.h"

namespace loom::dsl::nn {

/// `y = x W + b` with `W: [in, out]`, `b: [out]`, both initialized as in
/// PyTorch: U(-1/sqrt(in), 1/sqrt(in)). `x` may have any leading dimensions.
class Linear {
public:
  Linear(Graph &graph, std::string_view prefix, int64_t inFeatures,
         int64_t outFeatures, DType dtype = DType::F32,
         SourceLocation loc = SourceLocation::current());
  Tensor operator()(const Tensor &x,
                    SourceLocation loc = SourceLocation::current()) const;

  std::string prefix;
  int64_t inFeatures, outFeatures;
  Tensor weight, bias;
};

/// 2-D convolution on NCHW with `W: [out, in, kh, kw]`, `b: [out]`, both
/// U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = in * kh * kw, as in PyTorch.
class Conv2d {
public:
  Conv2d(Graph &graph, std::string_view prefix, int64_t inChannels,
         int64_t outChannels, Shape kernel, Shape stride = {1, 1},
         Shape padding = {0, 0}, DType dtype = DType::F32,
         SourceLocation loc = SourceLocation::current());
  Tensor operator()(const Tensor &x,
                    SourceLocation loc = SourceLocation::current()) const;

  std::string prefix;
  int64_t inChannels, outChannels;
  Shape stride, padding;
  Tensor weight, bias;
};

/// What the normalization layers share: `(x - mean) / sqrt(variance + eps)`
/// (biased variance), scaled by `weight` (ones) and shifted by `bias`
/// (zeros), both per feature.
class Normalization {
public:
  std::string prefix;
  int64_t features;
  double eps;
  Tensor weight, bias;

protected:
  Normalization(std::string_view layer, Graph &graph, std::string_view prefix,
                int64_t features, double eps, DType dtype, SourceLocation loc);
  /// The normalization with statistics taken along `axis`.
  Tensor normalize(const Tensor &x, int64_t axis, SourceLocation loc) const;
};

/// Normalizes over the last dimension.
class LayerNorm : public Normalization {
public:
  LayerNorm(Graph &graph, std::string_view prefix, int64_t features,
            double eps = 1e-5, DType dtype = DType::F32,
            SourceLocation loc = SourceLocation::current());
  Tensor operator()(const Tensor &x,
                    SourceLocation loc = SourceLocation::current()) const;
};

/// Batch normalization of `x: [batch, features]` with the statistics of the
/// batch itself (PyTorch's BatchNorm1d in training mode). There are no
/// running statistics: every call, evaluation included, normalizes by its
/// own batch.
class BatchNorm : public Normalization {
public:
  BatchNorm(Graph &graph, std::string_view prefix, int64_t features,
            double eps = 1e-5, DType dtype = DType::F32,
            SourceLocation loc = SourceLocation::current());
  Tensor operator()(const Tensor &x,
                    SourceLocation loc = SourceLocation::current()) const;
};

/// exp(x - max) / sum(exp(x - max)) along `axis`.
Tensor softmax(const Tensor &x, int64_t axis = -1,
               SourceLocation loc = SourceLocation::current());
/// x - max - log(sum(exp(x - max))) along `axis`.
Tensor logSoftmax(const Tensor &x, int64_t axis = -1,
                  SourceLocation loc = SourceLocation::current());
/// Zeroes each element with probability `p` and scales the rest by 1/(1-p);
/// the identity when not training. The mask is uniform noise from `seed`.
Tensor dropout(const Tensor &x, double p, const Tensor &seed, bool training,
               SourceLocation loc = SourceLocation::current());

enum class Reduction { Mean, Sum };

/// Squared error between equally shaped tensors, reduced to a scalar.
Tensor mse(const Tensor &prediction, const Tensor &target,
           Reduction reduction = Reduction::Mean,
           SourceLocation loc = SourceLocation::current());
/// Binary cross-entropy on logits in the stable form
/// max(x, 0) - x * y + log(1 + exp(-|x|)), reduced to a scalar.
Tensor bceWithLogits(const Tensor &logits, const Tensor &targets,
                     Reduction reduction = Reduction::Mean,
                     SourceLocation loc = SourceLocation::current());
/// Cross-entropy of `logits: [batch, classes]` against integer
/// `labels: [batch]`, averaged over the batch.
Tensor softmaxCrossEntropy(const Tensor &logits, const Tensor &labels,
                           SourceLocation loc = SourceLocation::current());

} // namespace loom::dsl::nn

#endif
