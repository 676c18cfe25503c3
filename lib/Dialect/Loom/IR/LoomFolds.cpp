//===- LoomFolds.cpp - loom folders ---------------------------------------===//
//
// Folds that are always right, bit for bit under IEEE 754 (signed zeros, NaN,
// infinities; docs/reliability.md): constant evaluation of elementwise
// arithmetic, algebraic identities with splat constants, and shape ops that do
// nothing.
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/Dialect/CommonFolders.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace loom;

namespace {
/// True if `attr` is a splat float constant that is `value` bit for bit, so
/// +0.0 and -0.0 differ: x + (-0.0) is x for every x, x + (+0.0) is not
/// (-0.0 + +0.0 = +0.0).
bool isSplatFloat(Attribute attr, double value) {
  auto splat = dyn_cast_or_null<SplatElementsAttr>(attr);
  if (!splat || !isa<FloatType>(splat.getElementType()))
    return false;
  APFloat element = splat.getSplatValue<APFloat>();
  APFloat expected(value);
  bool losesInfo = false;
  expected.convert(element.getSemantics(), APFloat::rmNearestTiesToEven,
                   &losesInfo);
  return element.bitwiseIsEqual(expected);
}

template <typename Fn>
OpFoldResult foldBinary(ArrayRef<Attribute> operands, Fn &&fn) {
  return constFoldBinaryOp<FloatAttr, APFloat, void>(
      operands, [&](const APFloat &a, const APFloat &b) { return fn(a, b); });
}
} // namespace

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (isSplatFloat(adaptor.getRhs(), -0.0))
    return getLhs();
  if (isSplatFloat(adaptor.getLhs(), -0.0))
    return getRhs();
  return foldBinary(adaptor.getOperands(),
                    [](const APFloat &a, const APFloat &b) { return a + b; });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  // x - (+0.0) is x for every x; x - (-0.0) is not (-0.0 - -0.0 = +0.0).
  if (isSplatFloat(adaptor.getRhs(), 0.0))
    return getLhs();
  return foldBinary(adaptor.getOperands(),
                    [](const APFloat &a, const APFloat &b) { return a - b; });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (isSplatFloat(adaptor.getRhs(), 1.0))
    return getLhs();
  if (isSplatFloat(adaptor.getLhs(), 1.0))
    return getRhs();
  return foldBinary(adaptor.getOperands(),
                    [](const APFloat &a, const APFloat &b) { return a * b; });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (isSplatFloat(adaptor.getRhs(), 1.0))
    return getLhs();
  return foldBinary(adaptor.getOperands(),
                    [](const APFloat &a, const APFloat &b) { return a / b; });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldBinary(adaptor.getOperands(), [](const APFloat &a,
                                              const APFloat &b) {
    return llvm::maximum(a, b);
  });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldBinary(adaptor.getOperands(), [](const APFloat &a,
                                              const APFloat &b) {
    return llvm::minimum(a, b);
  });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getOperand().getDefiningOp<NegOp>())
    return inner.getOperand();
  return constFoldUnaryOp<FloatAttr, APFloat, void>(adaptor.getOperands(),
                                     [](const APFloat &a) { return -a; });
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (getOnTrue() == getOnFalse())
    return getOnTrue();
  if (auto condition =
          dyn_cast_or_null<SplatElementsAttr>(adaptor.getCondition()))
    return condition.getSplatValue<bool>() ? getOnTrue() : getOnFalse();
  return {};
}

OpFoldResult ConvertOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getResult().getType())
    return getOperand();
  return {};
}

OpFoldResult BroadcastInDimOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getResult().getType())
    return getOperand();
  if (auto splat = dyn_cast_or_null<SplatElementsAttr>(adaptor.getOperand()))
    return SplatElementsAttr::get(getResult().getType(),
                                  splat.getSplatValue<Attribute>());
  return {};
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getResult().getType())
    return getOperand();
  if (auto inner = getOperand().getDefiningOp<ReshapeOp>()) {
    getOperandMutable().assign(inner.getOperand());
    return getResult();
  }
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getOperand()))
    return dense.reshape(getResult().getType());
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  for (auto [i, p] : llvm::enumerate(getPermutation()))
    if (static_cast<int64_t>(i) != p)
      return {};
  return getOperand();
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getResult().getType())
    return getOperand();
  return {};
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1)
    return getInputs().front();
  return {};
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }
