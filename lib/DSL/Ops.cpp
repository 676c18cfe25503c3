//===- Ops.cpp - Tensor operations of the DSL -----------------------------===//
//
// Each builder checks its operands the way the op's verifier would, but
// throws a loom::Error naming the caller's line before any op exists, then
// creates the op with an explicit result type.
//
//===----------------------------------------------------------------------===//
#include "loom/DSL/Graph.h"

#include "TypeUtils.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <numeric>

using namespace mlir;

namespace loom::dsl {
namespace {

/// The graph shared by `tensors`; throws for empty handles or mixed graphs.
Graph &commonGraph(std::string_view opName, SourceLocation loc,
                   std::initializer_list<const Tensor *> tensors) {
  Graph *graph = nullptr;
  for (const Tensor *tensor : tensors) {
    if (!*tensor)
      fail(loc, opName, "an operand is an empty Tensor handle");
    if (graph && &tensor->graph() != graph)
      fail(loc, opName,
           "operands belong to different graphs ('" + graph->name() +
               "' and '" + tensor->graph().name() + "')");
    graph = &tensor->graph();
  }
  return *graph;
}

void requireFloat(std::string_view opName, SourceLocation loc,
                  const Tensor &tensor) {
  if (!isFloatDType(tensor.dtype()))
    fail(loc, opName,
         "needs a floating-point operand (f32 or f64), got " +
             tensor.typeString());
}

void requireSameDType(std::string_view opName, SourceLocation loc,
                      const Tensor &lhs, const Tensor &rhs) {
  if (lhs.dtype() != rhs.dtype())
    fail(loc, opName,
         "operands have different element types: " + lhs.typeString() +
             " and " + rhs.typeString());
}

RankedTensorType typeFor(Graph &graph, const Shape &shape, DType dtype) {
  return detail::tensorType(graph.context(), shape, dtype);
}

/// `axis` mapped to [0, rank); throws when out of range.
int64_t normalizeAxis(std::string_view opName, SourceLocation loc,
                      int64_t axis, const Shape &shape) {
  int64_t rank = shape.size();
  if (axis < -rank || axis >= rank)
    fail(loc, opName,
         "axis " + std::to_string(axis) + " is out of range for shape " +
             shapeString(shape));
  return axis < 0 ? axis + rank : axis;
}

/// Axes mapped to [0, rank), sorted; throws on out-of-range or repeats.
Axes normalizeAxes(std::string_view opName, SourceLocation loc, Axes axes,
                   const Shape &shape) {
  for (int64_t &axis : axes)
    axis = normalizeAxis(opName, loc, axis, shape);
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
    fail(loc, opName, "axes " + shapeString(axes) + " repeat a dimension");
  return axes;
}

template <typename OpTy>
Tensor unary(std::string_view opName, const Tensor &x, SourceLocation loc) {
  Graph &graph = commonGraph(opName, loc, {&x});
  requireFloat(opName, loc, x);
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, OpTy::create(builder, graph.location(loc),
                                    x.value().getType(), x.value()));
}

template <typename OpTy>
Tensor binary(std::string_view opName, const Tensor &lhs, const Tensor &rhs,
              SourceLocation loc) {
  Graph &graph = commonGraph(opName, loc, {&lhs, &rhs});
  requireFloat(opName, loc, lhs);
  requireFloat(opName, loc, rhs);
  requireSameDType(opName, loc, lhs, rhs);
  Shape shape = broadcastShapes(opName, lhs.shape(), rhs.shape(), loc);
  Tensor l = lhs.broadcastTo(shape, loc);
  Tensor r = rhs.broadcastTo(shape, loc);
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, OpTy::create(builder, graph.location(loc),
                                    l.value().getType(), l.value(),
                                    r.value()));
}

/// A constant with `like`'s shape and element type.
Tensor splatLike(const Tensor &like, double value, SourceLocation loc) {
  return like.graph().constant(value, like.shape(), like.dtype(), loc);
}

template <typename OpTy>
Tensor binaryScalar(std::string_view opName, const Tensor &lhs, double rhs,
                    SourceLocation loc) {
  commonGraph(opName, loc, {&lhs});
  requireFloat(opName, loc, lhs);
  return binary<OpTy>(opName, lhs, splatLike(lhs, rhs, loc), loc);
}

template <typename OpTy>
Tensor scalarBinary(std::string_view opName, double lhs, const Tensor &rhs,
                    SourceLocation loc) {
  commonGraph(opName, loc, {&rhs});
  requireFloat(opName, loc, rhs);
  return binary<OpTy>(opName, splatLike(rhs, lhs, loc), rhs, loc);
}

template <typename OpTy>
Tensor reduce(std::string_view opName, const Tensor &x, Axes axes,
              bool keepDims, SourceLocation loc) {
  Graph &graph = commonGraph(opName, loc, {&x});
  requireFloat(opName, loc, x);
  Shape shape = x.shape();
  axes = normalizeAxes(opName, loc, std::move(axes), shape);
  if (axes.empty())
    return x;
  Shape reduced, kept;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
    bool isReduced = llvm::is_contained(axes, d);
    if (!isReduced)
      reduced.push_back(shape[d]);
    kept.push_back(isReduced ? 1 : shape[d]);
  }
  OpBuilder builder = graph.builderAt(opName, loc);
  Tensor result(graph, OpTy::create(builder, graph.location(loc),
                                    typeFor(graph, reduced, x.dtype()),
                                    x.value(), axes));
  return keepDims ? result.reshape(kept, loc) : result;
}

Axes allAxes(const Tensor &x) {
  Axes axes(x.rank());
  std::iota(axes.begin(), axes.end(), 0);
  return axes;
}

} // namespace

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

Tensor Tensor::reshape(Shape newShape, SourceLocation loc) const {
  constexpr std::string_view opName = "loom.reshape";
  Graph &g = commonGraph(opName, loc, {this});
  detail::checkShape(opName, newShape, loc);
  int64_t count = std::accumulate(newShape.begin(), newShape.end(), int64_t(1),
                                  std::multiplies<>());
  if (count != numElements())
    fail(loc, opName,
         "cannot reshape " + shapeString(shape()) + " (" +
             std::to_string(numElements()) + " elements) to " +
             shapeString(newShape) + " (" + std::to_string(count) +
             " elements)");
  if (newShape == shape())
    return *this;
  OpBuilder builder = g.builderAt(opName, loc);
  return Tensor(g, ReshapeOp::create(builder, g.location(loc),
                                     typeFor(g, newShape, dtype()), handle));
}

Tensor Tensor::transpose(Axes permutation, SourceLocation loc) const {
  constexpr std::string_view opName = "loom.transpose";
  Graph &g = commonGraph(opName, loc, {this});
  Shape current = shape();
  if (permutation.size() != current.size())
    fail(loc, opName,
         "permutation " + shapeString(permutation) + " has " +
             std::to_string(permutation.size()) +
             " entries for a tensor of shape " + shapeString(current));
  // In range and without repeats, rank entries form a permutation.
  normalizeAxes(opName, loc, permutation, current);
  Shape result;
  for (int64_t &p : permutation) {
    p = normalizeAxis(opName, loc, p, current);
    result.push_back(current[p]);
  }
  OpBuilder builder = g.builderAt(opName, loc);
  return Tensor(g, TransposeOp::create(builder, g.location(loc),
                                       typeFor(g, result, dtype()), handle,
                                       permutation));
}

Tensor Tensor::broadcastTo(Shape target, SourceLocation loc) const {
  constexpr std::string_view opName = "loom.broadcast_in_dim";
  commonGraph(opName, loc, {this});
  Shape current = shape();
  if (current == target)
    return *this;
  if (target.size() < current.size())
    fail(loc, opName,
         "cannot broadcast " + shapeString(current) + " to the lower-rank " +
             shapeString(target));
  Axes dims(current.size());
  std::iota(dims.begin(), dims.end(), int64_t(target.size() - current.size()));
  return broadcastInDim(std::move(target), std::move(dims), loc);
}

Tensor Tensor::broadcastInDim(Shape target, Axes dimensions,
                              SourceLocation loc) const {
  constexpr std::string_view opName = "loom.broadcast_in_dim";
  Graph &g = commonGraph(opName, loc, {this});
  detail::checkShape(opName, target, loc);
  Shape current = shape();
  if (dimensions.size() != current.size())
    fail(loc, opName,
         "needs one target dimension per operand dimension: operand " +
             shapeString(current) + ", dimensions " + shapeString(dimensions));
  for (auto [i, dim] : llvm::enumerate(dimensions)) {
    if (dim < 0 || dim >= static_cast<int64_t>(target.size()) ||
        (i > 0 && dimensions[i - 1] >= dim))
      fail(loc, opName,
           "dimensions " + shapeString(dimensions) +
               " must be strictly increasing and within rank " +
               std::to_string(target.size()));
    if (current[i] != 1 && current[i] != target[dim])
      fail(loc, opName,
           "cannot broadcast " + shapeString(current) + " to " +
               shapeString(target) + ": operand dimension " +
               std::to_string(i) + " has size " + std::to_string(current[i]) +
               ", target dimension " + std::to_string(dim) + " has size " +
               std::to_string(target[dim]));
  }
  OpBuilder builder = g.builderAt(opName, loc);
  return Tensor(g, BroadcastInDimOp::create(builder, g.location(loc),
                                            typeFor(g, target, dtype()),
                                            handle, dimensions));
}

Tensor Tensor::slice(Shape start, Shape limit, Shape strides,
                     SourceLocation loc) const {
  constexpr std::string_view opName = "loom.slice";
  Graph &g = commonGraph(opName, loc, {this});
  Shape current = shape();
  if (strides.empty())
    strides.assign(current.size(), 1);
  if (start.size() != current.size() || limit.size() != current.size() ||
      strides.size() != current.size())
    fail(loc, opName,
         "start " + shapeString(start) + ", limit " + shapeString(limit) +
             " and strides " + shapeString(strides) +
             " need one entry per dimension of " + shapeString(current));
  Shape result;
  for (size_t d = 0; d < current.size(); ++d) {
    if (strides[d] < 1)
      fail(loc, opName,
           "stride " + std::to_string(strides[d]) + " in dimension " +
               std::to_string(d) + " must be positive");
    if (start[d] < 0 || start[d] >= limit[d] || limit[d] > current[d])
      fail(loc, opName,
           "range [" + std::to_string(start[d]) + ", " +
               std::to_string(limit[d]) + ") in dimension " +
               std::to_string(d) + " must be non-empty and within " +
               shapeString(current));
    result.push_back((limit[d] - start[d] + strides[d] - 1) / strides[d]);
  }
  OpBuilder builder = g.builderAt(opName, loc);
  return Tensor(g, SliceOp::create(builder, g.location(loc),
                                   typeFor(g, result, dtype()), handle, start,
                                   limit, strides));
}

Tensor Tensor::cast(DType target, SourceLocation loc) const {
  constexpr std::string_view opName = "loom.convert";
  Graph &g = commonGraph(opName, loc, {this});
  if (target == dtype())
    return *this;
  OpBuilder builder = g.builderAt(opName, loc);
  return Tensor(g, ConvertOp::create(builder, g.location(loc),
                                     typeFor(g, shape(), target), handle));
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

Tensor Tensor::sum(Axes axes, bool keepDims, SourceLocation loc) const {
  return reduce<ReduceSumOp>("loom.reduce_sum", *this, std::move(axes),
                             keepDims, loc);
}
Tensor Tensor::mean(Axes axes, bool keepDims, SourceLocation loc) const {
  return reduce<ReduceMeanOp>("loom.reduce_mean", *this, std::move(axes),
                              keepDims, loc);
}
Tensor Tensor::max(Axes axes, bool keepDims, SourceLocation loc) const {
  return reduce<ReduceMaxOp>("loom.reduce_max", *this, std::move(axes),
                             keepDims, loc);
}
Tensor Tensor::sum(SourceLocation loc) const {
  return sum(allAxes(*this), false, loc);
}
Tensor Tensor::mean(SourceLocation loc) const {
  return mean(allAxes(*this), false, loc);
}
Tensor Tensor::max(SourceLocation loc) const {
  return max(allAxes(*this), false, loc);
}

//===----------------------------------------------------------------------===//
// Operators and elementwise math
//===----------------------------------------------------------------------===//

Tensor operator+(const Tensor &lhs, const TensorOperand &rhs) {
  return binary<AddOp>("loom.add", lhs, rhs.tensor, rhs.loc);
}
Tensor operator-(const Tensor &lhs, const TensorOperand &rhs) {
  return binary<SubOp>("loom.sub", lhs, rhs.tensor, rhs.loc);
}
Tensor operator*(const Tensor &lhs, const TensorOperand &rhs) {
  return binary<MulOp>("loom.mul", lhs, rhs.tensor, rhs.loc);
}
Tensor operator/(const Tensor &lhs, const TensorOperand &rhs) {
  return binary<DivOp>("loom.div", lhs, rhs.tensor, rhs.loc);
}
Tensor operator+(const Tensor &lhs, ScalarOperand rhs) {
  return binaryScalar<AddOp>("loom.add", lhs, rhs.value, rhs.loc);
}
Tensor operator-(const Tensor &lhs, ScalarOperand rhs) {
  return binaryScalar<SubOp>("loom.sub", lhs, rhs.value, rhs.loc);
}
Tensor operator*(const Tensor &lhs, ScalarOperand rhs) {
  return binaryScalar<MulOp>("loom.mul", lhs, rhs.value, rhs.loc);
}
Tensor operator/(const Tensor &lhs, ScalarOperand rhs) {
  return binaryScalar<DivOp>("loom.div", lhs, rhs.value, rhs.loc);
}
Tensor operator+(ScalarOperand lhs, const Tensor &rhs) {
  return scalarBinary<AddOp>("loom.add", lhs.value, rhs, lhs.loc);
}
Tensor operator-(ScalarOperand lhs, const Tensor &rhs) {
  return scalarBinary<SubOp>("loom.sub", lhs.value, rhs, lhs.loc);
}
Tensor operator*(ScalarOperand lhs, const Tensor &rhs) {
  return scalarBinary<MulOp>("loom.mul", lhs.value, rhs, lhs.loc);
}
Tensor operator/(ScalarOperand lhs, const Tensor &rhs) {
  return scalarBinary<DivOp>("loom.div", lhs.value, rhs, lhs.loc);
}
Tensor operator-(const TensorOperand &operand) {
  return unary<NegOp>("loom.neg", operand.tensor, operand.loc);
}

Tensor exp(const Tensor &x, SourceLocation loc) {
  return unary<ExpOp>("loom.exp", x, loc);
}
Tensor log(const Tensor &x, SourceLocation loc) {
  return unary<LogOp>("loom.log", x, loc);
}
Tensor tanh(const Tensor &x, SourceLocation loc) {
  return unary<TanhOp>("loom.tanh", x, loc);
}
Tensor sigmoid(const Tensor &x, SourceLocation loc) {
  return unary<SigmoidOp>("loom.sigmoid", x, loc);
}
Tensor relu(const Tensor &x, SourceLocation loc) {
  return unary<ReluOp>("loom.relu", x, loc);
}
Tensor gelu(const Tensor &x, SourceLocation loc) {
  return unary<GeluOp>("loom.gelu", x, loc);
}
Tensor sqrt(const Tensor &x, SourceLocation loc) {
  return unary<SqrtOp>("loom.sqrt", x, loc);
}
Tensor rsqrt(const Tensor &x, SourceLocation loc) {
  return unary<RsqrtOp>("loom.rsqrt", x, loc);
}
Tensor square(const Tensor &x, SourceLocation loc) {
  return unary<SquareOp>("loom.square", x, loc);
}
Tensor abs(const Tensor &x, SourceLocation loc) {
  return unary<AbsOp>("loom.abs", x, loc);
}

Tensor leakyRelu(const Tensor &x, double alpha, SourceLocation loc) {
  constexpr std::string_view opName = "loom.leaky_relu";
  Graph &graph = commonGraph(opName, loc, {&x});
  requireFloat(opName, loc, x);
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, LeakyReluOp::create(builder, graph.location(loc),
                                           x.value().getType(), x.value(),
                                           builder.getF64FloatAttr(alpha)));
}

Tensor pow(const Tensor &base, const Tensor &exponent, SourceLocation loc) {
  return binary<PowOp>("loom.pow", base, exponent, loc);
}
Tensor pow(const Tensor &base, double exponent, SourceLocation loc) {
  return binaryScalar<PowOp>("loom.pow", base, exponent, loc);
}
Tensor maximum(const Tensor &lhs, const Tensor &rhs, SourceLocation loc) {
  return binary<MaxOp>("loom.max", lhs, rhs, loc);
}
Tensor maximum(const Tensor &lhs, double rhs, SourceLocation loc) {
  return binaryScalar<MaxOp>("loom.max", lhs, rhs, loc);
}
Tensor minimum(const Tensor &lhs, const Tensor &rhs, SourceLocation loc) {
  return binary<MinOp>("loom.min", lhs, rhs, loc);
}
Tensor minimum(const Tensor &lhs, double rhs, SourceLocation loc) {
  return binaryScalar<MinOp>("loom.min", lhs, rhs, loc);
}

//===----------------------------------------------------------------------===//
// Comparison and selection
//===----------------------------------------------------------------------===//

Tensor compare(const Tensor &lhs, const Tensor &rhs,
               ComparisonPredicate predicate, SourceLocation loc) {
  constexpr std::string_view opName = "loom.compare";
  Graph &graph = commonGraph(opName, loc, {&lhs, &rhs});
  requireSameDType(opName, loc, lhs, rhs);
  Shape shape = broadcastShapes(opName, lhs.shape(), rhs.shape(), loc);
  Tensor l = lhs.broadcastTo(shape, loc);
  Tensor r = rhs.broadcastTo(shape, loc);
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph,
                CompareOp::create(builder, graph.location(loc),
                                  typeFor(graph, shape, DType::I1), predicate,
                                  l.value(), r.value()));
}

Tensor compare(const Tensor &lhs, double rhs, ComparisonPredicate predicate,
               SourceLocation loc) {
  commonGraph("loom.compare", loc, {&lhs});
  return compare(lhs, splatLike(lhs, rhs, loc), predicate, loc);
}

Tensor where(const Tensor &condition, const Tensor &onTrue,
             const Tensor &onFalse, SourceLocation loc) {
  constexpr std::string_view opName = "loom.select";
  Graph &graph = commonGraph(opName, loc, {&condition, &onTrue, &onFalse});
  if (condition.dtype() != DType::I1)
    fail(loc, opName,
         "the condition must be an i1 tensor, got " + condition.typeString());
  requireSameDType(opName, loc, onTrue, onFalse);
  Shape shape = broadcastShapes(
      opName, broadcastShapes(opName, condition.shape(), onTrue.shape(), loc),
      onFalse.shape(), loc);
  Tensor c = condition.broadcastTo(shape, loc);
  Tensor t = onTrue.broadcastTo(shape, loc);
  Tensor f = onFalse.broadcastTo(shape, loc);
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, SelectOp::create(builder, graph.location(loc),
                                        t.value().getType(), c.value(),
                                        t.value(), f.value()));
}

//===----------------------------------------------------------------------===//
// Contractions and concatenation
//===----------------------------------------------------------------------===//

Tensor matmul(const Tensor &lhs, const Tensor &rhs, SourceLocation loc) {
  constexpr std::string_view opName = "loom.matmul";
  Graph &graph = commonGraph(opName, loc, {&lhs, &rhs});
  requireFloat(opName, loc, lhs);
  requireFloat(opName, loc, rhs);
  requireSameDType(opName, loc, lhs, rhs);
  Shape l = lhs.shape(), r = rhs.shape();
  if (l.size() < 2 || r.size() < 2)
    fail(loc, opName,
         "needs operands of rank >= 2, got " + shapeString(l) + " and " +
             shapeString(r));
  int64_t m = l[l.size() - 2], k = l.back(), n = r.back();
  if (k != r[r.size() - 2])
    fail(loc, opName,
         "contraction sizes differ: lhs " + shapeString(l) + " has k = " +
             std::to_string(k) + ", rhs " + shapeString(r) + " has k = " +
             std::to_string(r[r.size() - 2]));
  Shape lhsBatch(l.begin(), l.end() - 2), rhsBatch(r.begin(), r.end() - 2);

  // A shared weight matrix: fold the batch into the rows, which is one 2-D
  // product instead of a broadcast weight and a batched product.
  if (r.size() == 2 && l.size() > 2) {
    Tensor rows = lhs.reshape({lhs.numElements() / k, k}, loc);
    Shape resultShape = l;
    resultShape.back() = n;
    return matmul(rows, rhs, loc).reshape(resultShape, loc);
  }

  Shape batch = broadcastShapes(opName, lhsBatch, rhsBatch, loc);
  Shape lhsTarget = batch, rhsTarget = batch, resultShape = batch;
  lhsTarget.insert(lhsTarget.end(), {m, k});
  rhsTarget.insert(rhsTarget.end(), {k, n});
  resultShape.insert(resultShape.end(), {m, n});
  Tensor a = lhs.broadcastTo(lhsTarget, loc);
  Tensor b = rhs.broadcastTo(rhsTarget, loc);
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, MatmulOp::create(builder, graph.location(loc),
                                        typeFor(graph, resultShape,
                                                lhs.dtype()),
                                        a.value(), b.value()));
}

namespace {
/// The checks conv2d and conv2dTranspose share; `input` is the convolution's
/// input for conv2d and its result (dY) for the transpose, whose filter
/// channels are then `filter.shape()[0]`.
void checkConvolution(std::string_view opName, SourceLocation loc,
                      const Tensor &input, const Tensor &filter,
                      const Shape &stride, const Shape &padding,
                      const Shape &dilation, int64_t filterChannelDim) {
  requireFloat(opName, loc, input);
  requireFloat(opName, loc, filter);
  requireSameDType(opName, loc, input, filter);
  Shape x = input.shape(), w = filter.shape();
  if (x.size() != 4 || w.size() != 4)
    fail(loc, opName,
         "needs a rank-4 NCHW input and a rank-4 OIHW filter, got " +
             shapeString(x) + " and " + shapeString(w));
  auto positivePair = [](const Shape &pair, int64_t least) {
    return pair.size() == 2 && pair[0] >= least && pair[1] >= least;
  };
  if (!positivePair(stride, 1) || !positivePair(padding, 0) ||
      !positivePair(dilation, 1))
    fail(loc, opName,
         "needs two positive strides, two non-negative paddings and two "
         "positive dilations, got stride " +
             shapeString(stride) + ", padding " + shapeString(padding) +
             " and dilation " + shapeString(dilation));
  if (x[1] != w[filterChannelDim])
    fail(loc, opName,
         "input " + shapeString(x) + " has " + std::to_string(x[1]) +
             " channels but filter " + shapeString(w) + " expects " +
             std::to_string(w[filterChannelDim]));
}
} // namespace

Tensor conv2d(const Tensor &input, const Tensor &filter, Shape stride,
              Shape padding, Shape dilation, SourceLocation loc) {
  constexpr std::string_view opName = "loom.conv2d";
  Graph &graph = commonGraph(opName, loc, {&input, &filter});
  checkConvolution(opName, loc, input, filter, stride, padding, dilation, 1);
  Shape x = input.shape(), w = filter.shape();
  Shape result{x[0], w[0]};
  for (int d = 0; d < 2; ++d) {
    int64_t padded = x[2 + d] + 2 * padding[d];
    int64_t window = dilation[d] * (w[2 + d] - 1) + 1;
    if (padded < window)
      fail(loc, opName,
           "filter " + shapeString(w) + " is larger than the padded input " +
               shapeString(x));
    result.push_back((padded - window) / stride[d] + 1);
  }
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, Conv2DOp::create(builder, graph.location(loc),
                                        typeFor(graph, result, input.dtype()),
                                        input.value(), filter.value(), stride,
                                        padding, dilation));
}

Tensor conv2dTranspose(const Tensor &input, const Tensor &filter, Shape stride,
                       Shape padding, Shape dilation, SourceLocation loc) {
  constexpr std::string_view opName = "loom.conv2d_transpose";
  Graph &graph = commonGraph(opName, loc, {&input, &filter});
  checkConvolution(opName, loc, input, filter, stride, padding, dilation, 0);
  Shape x = input.shape(), w = filter.shape();
  Shape result{x[0], w[1]};
  for (int d = 0; d < 2; ++d) {
    int64_t extent = (x[2 + d] - 1) * stride[d] - 2 * padding[d] +
                     dilation[d] * (w[2 + d] - 1) + 1;
    if (extent < 1)
      fail(loc, opName,
           "padding " + shapeString(padding) + " leaves no output of input " +
               shapeString(x) + " and filter " + shapeString(w));
    result.push_back(extent);
  }
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, Conv2DTransposeOp::create(
                           builder, graph.location(loc),
                           typeFor(graph, result, input.dtype()), input.value(),
                           filter.value(), stride, padding, dilation));
}

Tensor concat(const std::vector<Tensor> &inputs, int64_t axis,
              SourceLocation loc) {
  constexpr std::string_view opName = "loom.concat";
  if (inputs.empty())
    fail(loc, opName, "needs at least one input");
  const Tensor &first = inputs.front();
  Graph &graph = commonGraph(opName, loc, {&first});
  Shape shape = first.shape();
  axis = normalizeAxis(opName, loc, axis, shape);
  shape[axis] = 0;
  SmallVector<Value> values;
  for (const Tensor &input : inputs) {
    commonGraph(opName, loc, {&first, &input});
    requireSameDType(opName, loc, first, input);
    Shape s = input.shape();
    bool compatible = s.size() == shape.size();
    for (size_t d = 0; compatible && d < s.size(); ++d)
      compatible = static_cast<int64_t>(d) == axis || s[d] == shape[d];
    if (!compatible)
      fail(loc, opName,
           "inputs differ outside axis " + std::to_string(axis) + ": " +
               shapeString(first.shape()) + " vs " + shapeString(s));
    shape[axis] += s[axis];
    values.push_back(input.value());
  }
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, ConcatOp::create(builder, graph.location(loc),
                                        typeFor(graph, shape, first.dtype()),
                                        values, axis));
}

} // namespace loom::dsl
