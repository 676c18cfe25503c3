//===- NN.cpp - Layers and losses -----------------------------------------===//
#include "loom/DSL/NN.h"

#include <cmath>

namespace loom::dsl::nn {
namespace {
/// PyTorch's default bound for Linear and Conv2d weights and biases.
Init fanInUniform(int64_t fanIn) {
  return Init::uniform(1.0 / std::sqrt(static_cast<double>(fanIn)));
}

void requirePositive(std::string_view layer, std::string_view prefix,
                     const Shape &sizes, SourceLocation loc) {
  for (int64_t size : sizes)
    if (size <= 0)
      fail(loc, layer,
           std::string("'").append(prefix).append("' needs positive sizes, got ") +
               shapeString(sizes));
}

Tensor reduceAll(const Tensor &x, Reduction reduction, SourceLocation loc) {
  return reduction == Reduction::Mean ? x.mean(loc) : x.sum(loc);
}

void requireSameShape(std::string_view what, const Tensor &a, const Tensor &b,
                      SourceLocation loc) {
  if (a.shape() != b.shape())
    fail(loc, what,
         "needs equally shaped operands, got " + shapeString(a.shape()) +
             " and " + shapeString(b.shape()));
}
} // namespace

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

Linear::Linear(Graph &graph, std::string_view prefix, int64_t inFeatures,
               int64_t outFeatures, DType dtype, SourceLocation loc)
    : prefix(prefix), inFeatures(inFeatures), outFeatures(outFeatures) {
  requirePositive("nn.Linear", prefix, {inFeatures, outFeatures}, loc);
  weight = graph.parameter(this->prefix + ".weight", {inFeatures, outFeatures},
                           fanInUniform(inFeatures), dtype, loc);
  bias = graph.parameter(this->prefix + ".bias", {outFeatures},
                         fanInUniform(inFeatures), dtype, loc);
}

Tensor Linear::operator()(const Tensor &x, SourceLocation loc) const {
  if (!x || x.rank() < 2 || x.shape().back() != inFeatures)
    fail(loc, "nn.Linear",
         "'" + prefix + "' expects inputs [..., " + std::to_string(inFeatures) +
             "], got " + (x ? shapeString(x.shape()) : "an empty handle"));
  return matmul(x, weight, loc) + TensorOperand(bias, loc);
}

Conv2d::Conv2d(Graph &graph, std::string_view prefix, int64_t inChannels,
               int64_t outChannels, Shape kernel, Shape stride, Shape padding,
               DType dtype, SourceLocation loc)
    : prefix(prefix), inChannels(inChannels), outChannels(outChannels),
      stride(std::move(stride)), padding(std::move(padding)) {
  if (kernel.size() != 2)
    fail(loc, "nn.Conv2d",
         "'" + this->prefix + "' needs a kernel {kh, kw}, got " +
             shapeString(kernel));
  requirePositive("nn.Conv2d", prefix,
                  {inChannels, outChannels, kernel[0], kernel[1]}, loc);
  Init init = fanInUniform(inChannels * kernel[0] * kernel[1]);
  weight = graph.parameter(this->prefix + ".weight",
                           {outChannels, inChannels, kernel[0], kernel[1]},
                           init, dtype, loc);
  bias = graph.parameter(this->prefix + ".bias", {outChannels}, init, dtype,
                         loc);
}

Tensor Conv2d::operator()(const Tensor &x, SourceLocation loc) const {
  if (!x || x.rank() != 4 || x.shape()[1] != inChannels)
    fail(loc, "nn.Conv2d",
         "'" + prefix + "' expects NCHW inputs with " +
             std::to_string(inChannels) + " channels, got " +
             (x ? shapeString(x.shape()) : "an empty handle"));
  Tensor y = conv2d(x, weight, stride, padding, {1, 1}, loc);
  return y + TensorOperand(bias.broadcastInDim(y.shape(), {1}, loc), loc);
}

Normalization::Normalization(std::string_view layer, Graph &graph,
                             std::string_view prefix, int64_t features,
                             double eps, DType dtype, SourceLocation loc)
    : prefix(prefix), features(features), eps(eps) {
  requirePositive(layer, prefix, {features}, loc);
  if (!(eps > 0))
    fail(loc, layer,
         "'" + this->prefix + "' needs a positive eps, got " +
             std::to_string(eps));
  weight = graph.parameter(this->prefix + ".weight", {features}, Init::ones(),
                           dtype, loc);
  bias = graph.parameter(this->prefix + ".bias", {features}, Init::zeros(),
                         dtype, loc);
}

Tensor Normalization::normalize(const Tensor &x, int64_t axis,
                                SourceLocation loc) const {
  Tensor centered = x - TensorOperand(x.mean({axis}, true, loc), loc);
  Tensor variance = square(centered, loc).mean({axis}, true, loc);
  Tensor normalized =
      centered * TensorOperand(rsqrt(variance + ScalarOperand(eps, loc), loc),
                               loc);
  return normalized * TensorOperand(weight, loc) + TensorOperand(bias, loc);
}

LayerNorm::LayerNorm(Graph &graph, std::string_view prefix, int64_t features,
                     double eps, DType dtype, SourceLocation loc)
    : Normalization("nn.LayerNorm", graph, prefix, features, eps, dtype, loc) {}

Tensor LayerNorm::operator()(const Tensor &x, SourceLocation loc) const {
  if (!x || x.rank() < 1 || x.shape().back() != features)
    fail(loc, "nn.LayerNorm",
         "'" + prefix + "' expects inputs [..., " + std::to_string(features) +
             "], got " + (x ? shapeString(x.shape()) : "an empty handle"));
  return normalize(x, -1, loc);
}

BatchNorm::BatchNorm(Graph &graph, std::string_view prefix, int64_t features,
                     double eps, DType dtype, SourceLocation loc)
    : Normalization("nn.BatchNorm", graph, prefix, features, eps, dtype, loc) {}

Tensor BatchNorm::operator()(const Tensor &x, SourceLocation loc) const {
  if (!x || x.rank() != 2 || x.shape()[1] != features)
    fail(loc, "nn.BatchNorm",
         "'" + prefix + "' expects inputs [batch, " + std::to_string(features) +
             "], got " + (x ? shapeString(x.shape()) : "an empty handle"));
  return normalize(x, 0, loc);
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

Tensor softmax(const Tensor &x, int64_t axis, SourceLocation loc) {
  Tensor shifted = x - TensorOperand(x.max({axis}, true, loc), loc);
  Tensor e = exp(shifted, loc);
  return e / TensorOperand(e.sum({axis}, true, loc), loc);
}

Tensor logSoftmax(const Tensor &x, int64_t axis, SourceLocation loc) {
  Tensor shifted = x - TensorOperand(x.max({axis}, true, loc), loc);
  Tensor logSum = log(exp(shifted, loc).sum({axis}, true, loc), loc);
  return shifted - TensorOperand(logSum, loc);
}

Tensor dropout(const Tensor &x, double p, const Tensor &seed, bool training,
               SourceLocation loc) {
  if (!(p >= 0 && p < 1))
    fail(loc, "nn.dropout",
         "probability must be in [0, 1), got " + std::to_string(p));
  if (!training || p == 0)
    return x;
  Graph &graph = x.graph();
  Tensor noise = graph.randomUniform(x.shape(), seed, x.dtype(), loc);
  Tensor keep = compare(noise, p, ComparisonPredicate::ge, loc);
  Tensor zeros = graph.constant(0.0, x.shape(), x.dtype(), loc);
  return where(keep, x * ScalarOperand(1.0 / (1.0 - p), loc), zeros, loc);
}

Tensor mse(const Tensor &prediction, const Tensor &target, Reduction reduction,
           SourceLocation loc) {
  requireSameShape("nn.mse", prediction, target, loc);
  return reduceAll(square(prediction - TensorOperand(target, loc), loc),
                   reduction, loc);
}

Tensor bceWithLogits(const Tensor &logits, const Tensor &targets,
                     Reduction reduction, SourceLocation loc) {
  requireSameShape("nn.bceWithLogits", logits, targets, loc);
  Tensor positivePart = maximum(logits, 0.0, loc);
  Tensor softplusOfNegAbs =
      log(ScalarOperand(1.0, loc) + exp(-TensorOperand(abs(logits, loc), loc),
                                        loc),
          loc);
  Tensor perElement = positivePart -
                      TensorOperand(logits * TensorOperand(targets, loc), loc) +
                      TensorOperand(softplusOfNegAbs, loc);
  return reduceAll(perElement, reduction, loc);
}

Tensor softmaxCrossEntropy(const Tensor &logits, const Tensor &labels,
                           SourceLocation loc) {
  constexpr std::string_view what = "nn.softmaxCrossEntropy";
  if (!logits || !labels)
    fail(loc, what, "an operand is an empty Tensor handle");
  if (logits.rank() != 2 || labels.rank() != 1 ||
      logits.shape()[0] != labels.shape()[0])
    fail(loc, what,
         "needs logits [batch, classes] and labels [batch], got " +
             shapeString(logits.shape()) + " and " +
             shapeString(labels.shape()));
  if (labels.dtype() != DType::I32 && labels.dtype() != DType::I64)
    fail(loc, what,
         "labels must be i32 or i64, got " + labels.typeString());
  Graph &graph = logits.graph();
  int64_t batch = logits.shape()[0];
  Tensor classes = graph.iota(logits.shape(), 1, labels.dtype(), loc);
  Tensor oneHot = compare(classes, labels.reshape({batch, 1}, loc),
                          ComparisonPredicate::eq, loc)
                      .cast(logits.dtype(), loc);
  Tensor picked = (oneHot * TensorOperand(logSoftmax(logits, 1, loc), loc))
                      .sum({1}, false, loc);
  return -TensorOperand(picked.mean(loc), loc);
}

} // namespace loom::dsl::nn
