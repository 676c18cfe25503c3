//===- LoomOps.cpp - loom op verification and type inference --------------===//
//
// Every user-facing shape rule lives here and reports the op, the shapes and
// the offending attribute values, so a bad graph is a diagnostic, never a crash.
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace loom;

namespace {
/// Prints a shape as `[2, 3]` for messages.
std::string shapeString(ArrayRef<int64_t> shape) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os);
  os << "]";
  return text;
}

/// Checks that `axes` are strictly increasing dimensions of a rank-`rank` tensor.
LogicalResult verifyAxes(std::optional<Location> loc, StringRef what,
                         ArrayRef<int64_t> axes, int64_t rank) {
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return emitOptionalError(loc, what, " ", axis,
                               " is out of range for a tensor of rank ", rank);
    if (i > 0 && axes[i - 1] >= axis)
      return emitOptionalError(loc, what, " must be strictly increasing, got ",
                               shapeString(axes));
  }
  return success();
}
} // namespace

LogicalResult loom::OpTrait::verifyInferredTypes(Operation *op) {
  auto inferring = dyn_cast<InferTypeOpInterface>(op);
  if (!inferring)
    return success();
  // refineReturnTypes reports a mismatch itself; so does every inference.
  SmallVector<Type, 4> types(op->getResultTypes());
  return inferring.refineReturnTypes(
      op->getContext(), op->getLoc(), op->getOperands(),
      op->getRawDictionaryAttrs(), op->getPropertiesStorage(), op->getRegions(),
      types);
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

LogicalResult CompareOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location>, ValueRange operands,
    DictionaryAttr, OpaqueProperties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  auto lhs = cast<RankedTensorType>(operands[0].getType());
  inferred.push_back(lhs.clone(IntegerType::get(context, 1)));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape and layout
//===----------------------------------------------------------------------===//

LogicalResult BroadcastInDimOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  RankedTensorType resultType = getResult().getType();
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  if (operandType.getElementType() != resultType.getElementType())
    return emitOpError("changes the element type from ")
           << operandType.getElementType() << " to "
           << resultType.getElementType();
  if (static_cast<int64_t>(dims.size()) != operandType.getRank())
    return emitOpError("needs one broadcast dimension per operand dimension: ")
           << "operand rank is " << operandType.getRank() << ", got "
           << dims.size() << " dimensions";
  if (failed(verifyAxes(getLoc(), "broadcast dimension", dims,
                        resultType.getRank())))
    return failure();
  for (auto [i, dim] : llvm::enumerate(dims)) {
    int64_t from = operandType.getDimSize(i);
    int64_t to = resultType.getDimSize(dim);
    if (from != to && from != 1)
      return emitOpError("cannot broadcast operand dimension ")
             << i << " of size " << from << " to result dimension " << dim
             << " of size " << to << " (operand "
             << shapeString(operandType.getShape()) << ", result "
             << shapeString(resultType.getShape()) << ")";
  }
  return success();
}

LogicalResult ReshapeOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  RankedTensorType resultType = getResult().getType();
  if (operandType.getElementType() != resultType.getElementType())
    return emitOpError("changes the element type from ")
           << operandType.getElementType() << " to "
           << resultType.getElementType();
  if (operandType.getNumElements() != resultType.getNumElements())
    return emitOpError("cannot reshape ")
           << shapeString(operandType.getShape()) << " ("
           << operandType.getNumElements() << " elements) to "
           << shapeString(resultType.getShape()) << " ("
           << resultType.getNumElements() << " elements)";
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr, OpaqueProperties properties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  auto operandType = cast<RankedTensorType>(operands[0].getType());
  ArrayRef<int64_t> perm =
      properties.as<Properties *>()->getPermutation().asArrayRef();
  if (static_cast<int64_t>(perm.size()) != operandType.getRank())
    return emitOptionalError(loc, "'loom.transpose' permutation ",
                             shapeString(perm), " has ", perm.size(),
                             " entries for a tensor of rank ",
                             operandType.getRank(), " (shape ",
                             shapeString(operandType.getShape()), ")");
  SmallVector<int64_t> shape;
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t p : perm) {
    if (p < 0 || p >= operandType.getRank() || !seen.insert(p).second)
      return emitOptionalError(loc, "'loom.transpose' permutation ",
                               shapeString(perm), " is not a permutation of 0..",
                               operandType.getRank() - 1, " (operand ",
                               shapeString(operandType.getShape()), ")");
    shape.push_back(operandType.getDimSize(p));
  }
  inferred.push_back(operandType.clone(shape));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr, OpaqueProperties properties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  auto operandType = cast<RankedTensorType>(operands[0].getType());
  auto *props = properties.as<Properties *>();
  ArrayRef<int64_t> start = props->getStart().asArrayRef();
  ArrayRef<int64_t> limit = props->getLimit().asArrayRef();
  ArrayRef<int64_t> strides = props->getStrides().asArrayRef();
  int64_t rank = operandType.getRank();
  if (static_cast<int64_t>(start.size()) != rank ||
      static_cast<int64_t>(limit.size()) != rank ||
      static_cast<int64_t>(strides.size()) != rank)
    return emitOptionalError(loc, "'loom.slice' needs start, limit and strides "
                                  "with one entry per dimension (rank ",
                             rank, "), got start ", shapeString(start),
                             ", limit ", shapeString(limit), " and strides ",
                             shapeString(strides));
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (strides[d] < 1)
      return emitOptionalError(loc, "'loom.slice' stride ", strides[d],
                               " in dimension ", d, " must be positive");
    if (start[d] < 0 || start[d] >= limit[d] ||
        limit[d] > operandType.getDimSize(d))
      return emitOptionalError(
          loc, "'loom.slice' range [", start[d], ", ", limit[d],
          ") in dimension ", d, " must be non-empty and within size ",
          operandType.getDimSize(d), " (operand ",
          shapeString(operandType.getShape()), ")");
    shape.push_back(llvm::divideCeil(limit[d] - start[d], strides[d]));
  }
  inferred.push_back(operandType.clone(shape));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr, OpaqueProperties properties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  if (operands.empty())
    return emitOptionalError(loc, "'loom.concat' needs at least one input");
  int64_t axis = properties.as<Properties *>()->getAxis().getInt();
  auto first = cast<RankedTensorType>(operands[0].getType());
  if (axis < 0 || axis >= first.getRank())
    return emitOptionalError(loc, "'loom.concat' axis ", axis,
                             " is out of range for rank ", first.getRank());
  SmallVector<int64_t> shape(first.getShape());
  shape[axis] = 0;
  for (Value operand : operands) {
    auto type = cast<RankedTensorType>(operand.getType());
    if (type.getElementType() != first.getElementType() ||
        type.getRank() != first.getRank())
      return emitOptionalError(loc, "'loom.concat' inputs must share rank and "
                                    "element type: ",
                               first, " vs ", type);
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != axis && type.getDimSize(d) != first.getDimSize(d))
        return emitOptionalError(
            loc, "'loom.concat' inputs differ outside axis ", axis, ": ",
            shapeString(first.getShape()), " vs ", shapeString(type.getShape()));
    std::optional<int64_t> extent =
        llvm::checkedAdd(shape[axis], type.getDimSize(axis));
    if (!extent)
      return emitOptionalError(loc, "'loom.concat' result size along axis ",
                               axis, " overflows 64 bits");
    shape[axis] = *extent;
  }
  inferred.push_back(first.clone(shape));
  return success();
}

//===----------------------------------------------------------------------===//
// Contractions and reductions
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr, OpaqueProperties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  auto lhs = cast<RankedTensorType>(operands[0].getType());
  auto rhs = cast<RankedTensorType>(operands[1].getType());
  if (lhs.getElementType() != rhs.getElementType())
    return emitOptionalError(loc, "'loom.matmul' operands have different "
                                  "element types: ",
                             lhs.getElementType(), " and ", rhs.getElementType());
  if (lhs.getRank() < 2 || lhs.getRank() != rhs.getRank())
    return emitOptionalError(loc, "'loom.matmul' needs operands of equal rank "
                                  ">= 2, got ",
                             shapeString(lhs.getShape()), " and ",
                             shapeString(rhs.getShape()));
  int64_t rank = lhs.getRank();
  if (lhs.getShape().drop_back(2) != rhs.getShape().drop_back(2))
    return emitOptionalError(loc, "'loom.matmul' batch dimensions differ: ",
                             shapeString(lhs.getShape()), " and ",
                             shapeString(rhs.getShape()));
  if (lhs.getDimSize(rank - 1) != rhs.getDimSize(rank - 2))
    return emitOptionalError(
        loc, "'loom.matmul' contraction sizes differ: lhs ",
        shapeString(lhs.getShape()), " has k = ", lhs.getDimSize(rank - 1),
        ", rhs ", shapeString(rhs.getShape()), " has k = ",
        rhs.getDimSize(rank - 2));
  SmallVector<int64_t> shape(lhs.getShape().drop_back());
  shape.push_back(rhs.getDimSize(rank - 1));
  inferred.push_back(lhs.clone(shape));
  return success();
}

/// The checks conv2d and conv2d_transpose share, on the convolution's input
/// `input: [n, c, h, w]` and `filter: [o, c, kh, kw]` (for the transpose,
/// its result and filter): element types, ranks, attribute sizes and
/// channels. Returns the spatial extents of the convolution's result, or
/// failure after reporting at `loc`.
static FailureOr<SmallVector<int64_t>>
convolvedExtents(StringRef name, std::optional<Location> loc,
                 RankedTensorType input, RankedTensorType filter,
                 ArrayRef<int64_t> strides, ArrayRef<int64_t> padding,
                 ArrayRef<int64_t> dilations, StringRef inputRole) {
  if (input.getElementType() != filter.getElementType())
    return emitOptionalError(loc, "'", name, "' ", inputRole,
                             " and filter element types differ");
  if (input.getRank() != 4 || filter.getRank() != 4)
    return emitOptionalError(loc, "'", name, "' needs a rank-4 NCHW ",
                             inputRole, " and a rank-4 OIHW filter, got ",
                             shapeString(input.getShape()), " and ",
                             shapeString(filter.getShape()));
  if (strides.size() != 2 || padding.size() != 2 || dilations.size() != 2)
    return emitOptionalError(loc, "'", name, "' strides, padding and "
                                  "dilations need two entries each, got "
                                  "strides ",
                             shapeString(strides), ", padding ",
                             shapeString(padding), " and dilations ",
                             shapeString(dilations));
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(dilations, [](int64_t d) { return d < 1; }) ||
      llvm::any_of(padding, [](int64_t p) { return p < 0; }))
    return emitOptionalError(loc, "'", name, "' strides and dilations must be "
                                  "positive and padding non-negative, got "
                                  "strides ",
                             shapeString(strides), ", padding ",
                             shapeString(padding), " and dilations ",
                             shapeString(dilations));
  if (input.getDimSize(1) != filter.getDimSize(1))
    return emitOptionalError(
        loc, "'", name, "' ", inputRole, " has ", input.getDimSize(1),
        " channels but the filter expects ", filter.getDimSize(1), " (",
        inputRole, " ", shapeString(input.getShape()), ", filter ",
        shapeString(filter.getShape()), ")");
  SmallVector<int64_t> extents;
  for (int d = 0; d < 2; ++d) {
    std::optional<int64_t> padded = llvm::checkedMulAdd<int64_t>(
        2, padding[d], input.getDimSize(2 + d));
    std::optional<int64_t> window = llvm::checkedMulAdd<int64_t>(
        dilations[d], filter.getDimSize(2 + d) - 1, 1);
    if (!padded || !window)
      return emitOptionalError(loc, "'", name, "' padding ", padding[d],
                               " or dilation ", dilations[d], " in spatial "
                               "dimension ", d, " overflows 64-bit sizes");
    if (*padded < *window)
      return emitOptionalError(loc, "'", name, "' filter ",
                               shapeString(filter.getShape()),
                               " is larger than the padded ", inputRole, " ",
                               shapeString(input.getShape()));
    extents.push_back((*padded - *window) / strides[d] + 1);
  }
  return extents;
}

/// A default-valued array attribute read from properties before the op
/// exists: unset means the default.
static ArrayRef<int64_t> dilationsOrUnit(DenseI64ArrayAttr dilations) {
  static const int64_t unit[] = {1, 1};
  return dilations ? dilations.asArrayRef() : ArrayRef<int64_t>(unit);
}

LogicalResult Conv2DOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr, OpaqueProperties properties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  auto input = cast<RankedTensorType>(operands[0].getType());
  auto filter = cast<RankedTensorType>(operands[1].getType());
  auto *props = properties.as<Properties *>();
  FailureOr<SmallVector<int64_t>> extents = convolvedExtents(
      "loom.conv2d", loc, input, filter, props->getStrides().asArrayRef(),
      props->getPadding().asArrayRef(), dilationsOrUnit(props->getDilations()),
      "input");
  if (failed(extents))
    return failure();
  inferred.push_back(input.clone({input.getDimSize(0), filter.getDimSize(0),
                                  (*extents)[0], (*extents)[1]}));
  return success();
}

LogicalResult Conv2DTransposeOp::verify() {
  // The result plays the part of the input of the conv2d this transposes.
  RankedTensorType input = getInput().getType(), filter = getFilter().getType();
  RankedTensorType result = getResult().getType();
  if (input.getRank() != 4)
    return emitOpError("needs a rank-4 NCHW input, got ")
           << shapeString(input.getShape());
  if (filter.getRank() == 4 && input.getDimSize(1) != filter.getDimSize(0))
    return emitOpError("input has ")
           << input.getDimSize(1) << " channels but the filter expects "
           << filter.getDimSize(0) << " (input "
           << shapeString(input.getShape()) << ", filter "
           << shapeString(filter.getShape()) << ")";
  FailureOr<SmallVector<int64_t>> extents = convolvedExtents(
      getOperationName(), getLoc(), result, filter, getStrides(), getPadding(),
      getDilations(), "result");
  if (failed(extents))
    return failure();
  SmallVector<int64_t> expected{result.getDimSize(0), filter.getDimSize(0),
                                (*extents)[0], (*extents)[1]};
  if (input.getShape() != ArrayRef<int64_t>(expected) ||
      input.getElementType() != result.getElementType())
    return emitOpError("input ")
           << shapeString(input.getShape()) << " is not what conv2d of the "
           << "result " << shapeString(result.getShape()) << " with filter "
           << shapeString(filter.getShape()) << " gives ("
           << shapeString(expected) << ")";
  return success();
}

/// Shared by the three reductions: drop the reduced axes.
static LogicalResult inferReduction(StringRef name, std::optional<Location> loc,
                                    ValueRange operands, ArrayRef<int64_t> axes,
                                    SmallVectorImpl<Type> &inferred) {
  auto operandType = cast<RankedTensorType>(operands[0].getType());
  if (failed(verifyAxes(loc, ("'" + name + "' axis").str(), axes,
                        operandType.getRank())))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < operandType.getRank(); ++d)
    if (!llvm::is_contained(axes, d))
      shape.push_back(operandType.getDimSize(d));
  inferred.push_back(operandType.clone(shape));
  return success();
}

#define LOOM_REDUCTION_INFERENCE(OP, NAME)                                     \
  LogicalResult OP::inferReturnTypes(                                          \
      MLIRContext *, std::optional<Location> loc, ValueRange operands,         \
      DictionaryAttr, OpaqueProperties properties, RegionRange,                \
      SmallVectorImpl<Type> &inferred) {                                       \
    return inferReduction(                                                     \
        NAME, loc, operands,                                                   \
        properties.as<Properties *>()->getAxes().asArrayRef(), inferred);      \
  }
LOOM_REDUCTION_INFERENCE(ReduceSumOp, "loom.reduce_sum")
LOOM_REDUCTION_INFERENCE(ReduceMeanOp, "loom.reduce_mean")
LOOM_REDUCTION_INFERENCE(ReduceMaxOp, "loom.reduce_max")
#undef LOOM_REDUCTION_INFERENCE

//===----------------------------------------------------------------------===//
// Sources
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange, DictionaryAttr,
    OpaqueProperties properties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  auto type = dyn_cast<RankedTensorType>(
      properties.as<Properties *>()->getValue().getType());
  if (!type)
    return emitOptionalError(loc, "'loom.constant' value must be a ranked tensor");
  inferred.push_back(type);
  return success();
}

LogicalResult IotaOp::verify() {
  int64_t dim = getDimension();
  if (dim < 0 || dim >= getResult().getType().getRank())
    return emitOpError("dimension ")
           << dim << " is out of range for " << getResult().getType();
  return success();
}

LogicalResult CheckFiniteOp::verify() {
  int64_t id = getIdAttr().getInt();
  if (id < 0)
    return emitOpError("id must be non-negative, got ") << id;
  if (getProducer().empty())
    return emitOpError("producer must name the op whose result is checked");
  return success();
}

LogicalResult AllReduceOp::inferReturnTypes(
    MLIRContext *, std::optional<Location>, ValueRange operands,
    DictionaryAttr, OpaqueProperties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  // Operand 0 is the communicator; each other operand has one result.
  for (Value input : operands.drop_front())
    inferred.push_back(input.getType());
  return success();
}

LogicalResult AllReduceOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one operand to reduce");
  if (getResults().size() != getInputs().size())
    return emitOpError("has ")
           << getInputs().size() << " operands but " << getResults().size()
           << " results; each operand has one result";
  Type elementType = getElementTypeOrSelf(getInputs().front().getType());
  for (auto [index, input, result] :
       llvm::enumerate(getInputs(), getResults())) {
    if (input.getType() != result.getType())
      return emitOpError("result #")
             << index << " has type " << result.getType()
             << " but its operand has type " << input.getType();
    // One bucket is one buffer of one element type.
    if (getElementTypeOrSelf(input.getType()) != elementType)
      return emitOpError("operands of one bucket must share an element type, "
                         "but operand #")
             << index << " is " << input.getType() << " and operand #0 is "
             << getInputs().front().getType();
  }
  return success();
}

#define GET_OP_CLASSES
#include "loom/Dialect/Loom/IR/LoomOps.cpp.inc"
