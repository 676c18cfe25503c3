//===- Ops.cpp - Tensor operations of the DSL -----------------------------===//
//
// The shape rules are the dialect's: each builder takes its result type from
// the op's own type inference (or builds the op and runs its verifier), and
// turns the dialect's diagnostic into a loom::Error naming the caller's line.
// What stays here is the DSL's own: numpy broadcasting, negative axes, empty
// handles and mixed graphs, and convenience defaults.
//
//===----------------------------------------------------------------------===//
#include "loom/DSL/Graph.h"

#include "TypeUtils.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
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

/// Runs `check` with MLIR's diagnostics captured and, when it fails, throws
/// the first error at the caller's line. The dialect's "'loom.x' op " or
/// "'loom.x' " prefix is dropped, since fail() names the op itself.
void succeedOrFail(Graph &graph, std::string_view opName, SourceLocation loc,
                   llvm::function_ref<LogicalResult()> check) {
  std::string message;
  {
    ScopedDiagnosticHandler handler(&graph.context(), [&](Diagnostic &diag) {
      if (diag.getSeverity() == DiagnosticSeverity::Error && message.empty())
        message = diag.str();
      return success();
    });
    if (succeeded(check()))
      return;
  }
  std::string quoted(1, '\'');
  quoted.append(opName).append("' ");
  for (const std::string &prefix : {quoted + "op ", quoted})
    if (message.starts_with(prefix)) {
      message.erase(0, prefix.size());
      break;
    }
  fail(loc, opName, message.empty() ? "is invalid" : message);
}

/// Creates the op `state` describes and runs its verifier; a failing op is
/// erased before the error is thrown.
Tensor createVerified(Graph &graph, std::string_view opName, SourceLocation loc,
                      OpBuilder &builder, const OperationState &state) {
  Operation *op = builder.create(state);
  try {
    succeedOrFail(graph, opName, loc, [&] { return mlir::verify(op); });
  } catch (...) {
    op->erase();
    throw;
  }
  return Tensor(graph, op->getResult(0));
}

/// `OpTy` built from `args` (its ODS builder's operands and attributes) with
/// the result type that `OpTy::inferReturnTypes` gives.
template <typename OpTy, typename... Args>
Tensor createInferred(Graph &graph, std::string_view opName, SourceLocation loc,
                      Args &&...args) {
  OpBuilder builder = graph.builderAt(opName, loc);
  OperationState state(graph.location(loc), OpTy::getOperationName());
  // The builder that takes a result type fills operands and properties; its
  // placeholder type gives way to the inferred one.
  OpTy::build(builder, state, Type(), std::forward<Args>(args)...);
  state.types.clear();
  SmallVector<Type, 1> inferred;
  succeedOrFail(graph, opName, loc, [&] {
    MLIRContext *ctx = builder.getContext();
    return OpTy::inferReturnTypes(ctx, state.location, state.operands,
                                  state.attributes.getDictionary(ctx),
                                  state.getRawProperties(), state.regions,
                                  inferred);
  });
  state.addTypes(inferred);
  return createVerified(graph, opName, loc, builder, state);
}

/// `OpTy` with the given result type, checked by its verifier.
template <typename OpTy, typename... Args>
Tensor createChecked(Graph &graph, std::string_view opName, SourceLocation loc,
                     Type resultType, Args &&...args) {
  OpBuilder builder = graph.builderAt(opName, loc);
  OperationState state(graph.location(loc), OpTy::getOperationName());
  OpTy::build(builder, state, resultType, std::forward<Args>(args)...);
  return createVerified(graph, opName, loc, builder, state);
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
  axes = normalizeAxes(opName, loc, std::move(axes), x.shape());
  if (axes.empty())
    return x;
  Tensor result = createInferred<OpTy>(graph, opName, loc, x.value(),
                                       ArrayRef<int64_t>(axes));
  if (!keepDims)
    return result;
  Shape kept = x.shape();
  for (int64_t axis : axes)
    kept[axis] = 1;
  return result.reshape(kept, loc);
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
  if (newShape == shape())
    return *this;
  return createChecked<ReshapeOp>(g, opName, loc,
                                  typeFor(g, newShape, dtype()), handle);
}

Tensor Tensor::transpose(Axes permutation, SourceLocation loc) const {
  constexpr std::string_view opName = "loom.transpose";
  Graph &g = commonGraph(opName, loc, {this});
  // Negative entries count from the end, as in numpy; the dialect checks
  // that the result is a permutation.
  for (int64_t &p : permutation)
    if (p < 0 && p >= -rank())
      p += rank();
  return createInferred<TransposeOp>(g, opName, loc, handle,
                                     ArrayRef<int64_t>(permutation));
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
  return createChecked<BroadcastInDimOp>(g, opName, loc,
                                         typeFor(g, target, dtype()), handle,
                                         ArrayRef<int64_t>(dimensions));
}

Tensor Tensor::slice(Shape start, Shape limit, Shape strides,
                     SourceLocation loc) const {
  constexpr std::string_view opName = "loom.slice";
  Graph &g = commonGraph(opName, loc, {this});
  if (strides.empty())
    strides.assign(rank(), 1);
  return createInferred<SliceOp>(g, opName, loc, handle,
                                 ArrayRef<int64_t>(start),
                                 ArrayRef<int64_t>(limit),
                                 ArrayRef<int64_t>(strides));
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
  return createInferred<CompareOp>(graph, opName, loc, predicate, l.value(),
                                   r.value());
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
  Shape l = lhs.shape(), r = rhs.shape();
  if (l.size() < 2 || r.size() < 2)
    return createInferred<MatmulOp>(graph, opName, loc, lhs.value(),
                                    rhs.value());
  // numpy's matmul: the batch dimensions broadcast against each other. (A
  // weight shared over the batch becomes one 2-D product in loom.matmul's
  // canonicalization.)
  Shape batch = broadcastShapes(opName, Shape(l.begin(), l.end() - 2),
                                Shape(r.begin(), r.end() - 2), loc);
  auto withBatch = [&](const Shape &matrix) {
    Shape shape = batch;
    shape.insert(shape.end(), matrix.end() - 2, matrix.end());
    return shape;
  };
  Tensor a = lhs.broadcastTo(withBatch(l), loc);
  Tensor b = rhs.broadcastTo(withBatch(r), loc);
  return createInferred<MatmulOp>(graph, opName, loc, a.value(), b.value());
}

Tensor conv2d(const Tensor &input, const Tensor &filter, Shape stride,
              Shape padding, Shape dilation, SourceLocation loc) {
  constexpr std::string_view opName = "loom.conv2d";
  Graph &graph = commonGraph(opName, loc, {&input, &filter});
  requireFloat(opName, loc, input);
  requireFloat(opName, loc, filter);
  return createInferred<Conv2DOp>(graph, opName, loc, input.value(),
                                  filter.value(), ArrayRef<int64_t>(stride),
                                  ArrayRef<int64_t>(padding),
                                  ArrayRef<int64_t>(dilation));
}

Tensor conv2dTranspose(const Tensor &input, const Tensor &filter, Shape stride,
                       Shape padding, Shape dilation, SourceLocation loc) {
  constexpr std::string_view opName = "loom.conv2d_transpose";
  Graph &graph = commonGraph(opName, loc, {&input, &filter});
  requireFloat(opName, loc, input);
  requireFloat(opName, loc, filter);
  // The op's result is its choice among the sizes that convolve back to the
  // input; the DSL's default is PyTorch's, without output padding. Operands
  // or attributes it cannot read leave the input's type in place, for the
  // verifier to report.
  Shape x = input.shape(), w = filter.shape();
  auto pair = [](const Shape &values, int64_t least) {
    return values.size() == 2 && values[0] >= least && values[1] >= least;
  };
  Type resultType = input.value().getType();
  if (x.size() == 4 && w.size() == 4 && pair(stride, 1) && pair(padding, 0) &&
      pair(dilation, 1)) {
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
    resultType = typeFor(graph, result, input.dtype());
  }
  return createChecked<Conv2DTransposeOp>(
      graph, opName, loc, resultType, input.value(), filter.value(),
      ArrayRef<int64_t>(stride), ArrayRef<int64_t>(padding),
      ArrayRef<int64_t>(dilation));
}

Tensor concat(const std::vector<Tensor> &inputs, int64_t axis,
              SourceLocation loc) {
  constexpr std::string_view opName = "loom.concat";
  if (inputs.empty())
    fail(loc, opName, "needs at least one input");
  const Tensor &first = inputs.front();
  Graph &graph = commonGraph(opName, loc, {&first});
  axis = normalizeAxis(opName, loc, axis, first.shape());
  SmallVector<Value> values;
  for (const Tensor &input : inputs) {
    commonGraph(opName, loc, {&first, &input});
    values.push_back(input.value());
  }
  return createInferred<ConcatOp>(graph, opName, loc, ValueRange(values),
                                  static_cast<uint64_t>(axis));
}

} // namespace loom::dsl
