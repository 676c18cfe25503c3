//===- ErrorBound.cpp - A float64 program bounding the JIT's error --------===//
//
// For a generated function F, the reference evaluator gives every value v
// (rounded to v's type after each op, computed in double inside it) and the
// JIT gives v' for the results. Rules below bound e_v >= |v' - v| element by
// element, op by op, from the operands' bounds, as loom ops in float64 that
// the reference evaluator runs on the reference values of F. For an op with
// operand bounds e and result y:
//
//   e_y = P + R
//
//   P: how far the exact op moves when its operands move by up to e (a
//      Lipschitz bound taken over the whole interval, e.g. exp(x + e) * e
//      for exp, e / (x - e) for log, |b| e_a + |a| e_b + e_a e_b for mul).
//   R: the rounding: u is the unit roundoff of y's type (2^-24 for f32,
//      2^-53 for f64):
//        - correctly rounded ops (add, sub, mul, div, sqrt, square, convert
//          f64->f32): 0 when the operands are exact (both sides round the
//          same number), else 2u (|y| + P);
//        - selections and data movement (max, min, neg, abs, relu, select,
//          compare, reduce_max, broadcast, reshape, transpose, slice,
//          concat, iota, constant, random_uniform): 0;
//        - all_reduce, in the world of one process the reference and the
//          runtime (handle 0) both evaluate: a copy of each operand, for sum
//          and mean alike, so each result has its operand's bound exactly;
//        - transcendental (exp, log, tanh, sigmoid, rsqrt, pow): 8u (|y| + P),
//          i.e. 3 ulp of the JIT's libm/approximation plus the reference's
//          own rounding; gelu, computed in the element type as a chain of
//          6 roundings and a tanh: 8u (|y| + P + |x| (1 + |s|)) with s the
//          tanh argument; leaky_relu in f32: 4u |y| (alpha is rounded to f32
//          before the multiply);
//        - random_normal (Box-Muller in the element type): 128u absolute;
//        - sums of K products or terms (matmul, conv2d, conv2d_transpose,
//          reduce_sum; reduce_mean adds one division): c u (sum |terms| + P)
//          with c = K + 2 for f32 and 2K + 2 for f64, where the reference
//          also accumulates in double (gamma_K for each side).
//   Comparisons and float->i1 converts are exact unless an operand's bound
//   reaches the decision (|a - b| <= e_a + e_b, e > 0): then the i1 result is
//   "uncertain" (bound 1), and a select with an uncertain condition may pick
//   either side (bound |t - f| + max(e_t, e_f)). Float->integer truncation
//   of an inexact operand: trunc(x + e) - trunc(x - e) (truncation is
//   monotone). Rules that need an operand's interval inside their domain
//   (log, sqrt, rsqrt, pow, div) give a negative or non-finite bound where it
//   is not, and the checker then skips the program.
//
// A value whose bound is statically zero (arguments, exact ops on exact
// operands) needs no code, so exact chains are checked for equality.
//
//===----------------------------------------------------------------------===//
#include "DiffTest.h"

#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <functional>

using loom::reference::ElementKind;
using namespace mlir;

namespace loom::difftest {
namespace {

std::string typeString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

std::string listText(ArrayRef<int64_t> values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i)
    text += (i ? ", " : "") + std::to_string(values[i]);
  return text + "]";
}

double unitRoundoff(Type elementType) {
  return elementType.isF32() ? std::ldexp(1.0, -24) : std::ldexp(1.0, -53);
}

/// Writes the bound function's body: every name is an f64 tensor of the
/// current op's shape unless said otherwise.
class BoundWriter {
public:
  explicit BoundWriter(MLIRContext *context) : mlirContext(context) {}

  /// `%x<k>`: the reference value of F's k-th value (f64 for floats).
  std::string valueName(Value value) const { return "%x" + std::to_string(index.lookup(value)); }

  void addValue(Value value) { index[value] = static_cast<int64_t>(index.size()); }

  /// The bound of `value`, or empty when it is statically zero.
  std::string boundOf(Value value) const { return bounds.lookup(value); }
  void setBound(Value value, std::string bound) { bounds[value] = std::move(bound); }

  std::string emit(const std::string &op, const std::string &operands,
                   const std::string &type) {
    std::string name = "%t" + std::to_string(next++);
    body += "  " + name + " = loom." + op + " " + operands + " : " + type + "\n";
    return name;
  }

  std::string f64(ArrayRef<int64_t> shape) const {
    return typeString(RankedTensorType::get(shape, Float64Type::get(mlirContext)));
  }

  std::string splat(ArrayRef<int64_t> shape, double value) {
    std::string text;
    llvm::raw_string_ostream(text) << "dense<" << llvm::format("%.17e", value) << ">";
    std::string name = "%t" + std::to_string(next++);
    body += "  " + name + " = loom.constant " + text + " : " + f64(shape) + "\n";
    return name;
  }
  std::string unary(const std::string &op, const std::string &x, ArrayRef<int64_t> shape) {
    return emit(op, x, f64(shape));
  }
  std::string binary(const std::string &op, const std::string &a, const std::string &b,
                     ArrayRef<int64_t> shape) {
    return emit(op, a + ", " + b, f64(shape));
  }
  std::string add(const std::string &a, const std::string &b, ArrayRef<int64_t> shape) {
    return binary("add", a, b, shape);
  }
  std::string mul(const std::string &a, const std::string &b, ArrayRef<int64_t> shape) {
    return binary("mul", a, b, shape);
  }
  std::string scale(const std::string &a, double factor, ArrayRef<int64_t> shape) {
    return mul(a, splat(shape, factor), shape);
  }
  /// The bound of `value` as a name, zeros where statically zero.
  std::string boundOrZero(Value value) {
    std::string bound = boundOf(value);
    return bound.empty() ? splat(shapeOf(value), 0) : bound;
  }
  /// `value`'s reference value as f64.
  std::string asF64(Value value) {
    auto type = cast<RankedTensorType>(value.getType());
    if (isa<FloatType>(type.getElementType()))
      return valueName(value);
    return emit("convert", valueName(value),
                typeString(type) + " -> " + f64(type.getShape()));
  }
  std::string absOf(Value value) { return unary("abs", asF64(value), shapeOf(value)); }
  /// a AND b for i1 tensors.
  std::string both(const std::string &a, const std::string &b, ArrayRef<int64_t> shape) {
    std::string i1 = typeString(RankedTensorType::get(shape, IntegerType::get(mlirContext, 1)));
    std::string no = "%t" + std::to_string(next++);
    body += "  " + no + " = loom.constant dense<false> : " + i1 + "\n";
    return emit("select", a + ", " + b + ", " + no, i1 + ", " + i1);
  }
  std::string compare(const std::string &predicate, const std::string &a,
                      const std::string &b, ArrayRef<int64_t> shape) {
    return emit("compare", predicate + ", " + a + ", " + b, f64(shape));
  }
  /// 0/1 as f64 from an i1 tensor.
  std::string indicator(const std::string &flag, ArrayRef<int64_t> shape) {
    std::string i1 = typeString(RankedTensorType::get(shape, IntegerType::get(mlirContext, 1)));
    return emit("convert", flag, i1 + " -> " + f64(shape));
  }

  static ArrayRef<int64_t> shapeOf(Value value) {
    return cast<RankedTensorType>(value.getType()).getShape();
  }
  MLIRContext *context() const { return mlirContext; }

  std::string body;

private:
  MLIRContext *mlirContext;
  llvm::DenseMap<Value, int64_t> index;
  llvm::DenseMap<Value, std::string> bounds;
  int64_t next = 0;
};

/// Sums the nonempty names in `terms` (empty when all are).
std::string sumOf(BoundWriter &w, ArrayRef<std::string> terms, ArrayRef<int64_t> shape) {
  std::string total;
  for (const std::string &term : terms)
    if (!term.empty())
      total = total.empty() ? term : w.add(total, term, shape);
  return total;
}

/// R = factor * u * (|y| + P) added to P.
std::string withRounding(BoundWriter &w, Value result, const std::string &propagated,
                         double factor) {
  ArrayRef<int64_t> shape = BoundWriter::shapeOf(result);
  double u = unitRoundoff(getElementTypeOrSelf(result.getType()));
  std::string magnitude = w.absOf(result);
  if (!propagated.empty())
    magnitude = w.add(magnitude, propagated, shape);
  std::string rounding = w.scale(magnitude, factor * u, shape);
  return propagated.empty() ? rounding : w.add(propagated, rounding, shape);
}

/// Factor of a sum of `terms` products: gamma_K for the JIT, and for f64 also
/// for the reference's double accumulation, plus the final roundings.
double accumulationFactor(Value result, int64_t terms) {
  bool f64 = getElementTypeOrSelf(result.getType()).isF64();
  return static_cast<double>((f64 ? 2 : 1) * terms + 2);
}

constexpr double kCorrectlyRounded = 2.001;
constexpr double kTranscendental = 8;

/// The bound of a contraction `op` (matmul or a convolution): `apply` writes
/// the same op on two f64 operands of the operands' shapes.
std::string contractionBound(BoundWriter &w, Operation *op, int64_t terms,
                             const std::function<std::string(const std::string &,
                                                             const std::string &)> &apply) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1), result = op->getResult(0);
  ArrayRef<int64_t> shape = BoundWriter::shapeOf(result);
  std::string el = w.boundOf(lhs), er = w.boundOf(rhs);
  std::string absL = w.absOf(lhs), absR = w.absOf(rhs);
  std::string magnitude = apply(absL, absR);
  std::string propagated =
      sumOf(w,
            {er.empty() ? "" : apply(absL, er), el.empty() ? "" : apply(el, absR),
             el.empty() || er.empty() ? "" : apply(el, er)},
            shape);
  double u = unitRoundoff(getElementTypeOrSelf(result.getType()));
  std::string total = propagated.empty() ? magnitude : w.add(magnitude, propagated, shape);
  std::string rounding = w.scale(total, accumulationFactor(result, terms) * u, shape);
  return propagated.empty() ? rounding : w.add(propagated, rounding, shape);
}

/// Writes e_y for one op; Error for an op without a rule.
Expected<std::string> boundOfOp(BoundWriter &w, Operation *op) {
  Value result = op->getResult(0);
  ArrayRef<int64_t> shape = BoundWriter::shapeOf(result);
  std::string resultF64 = w.f64(shape);
  auto operandBound = [&](unsigned i) { return w.boundOf(op->getOperand(i)); };
  auto x = [&](unsigned i) { return w.asF64(op->getOperand(i)); };
  bool exactOperands = llvm::all_of(op->getOperands(), [&](Value operand) {
    return w.boundOf(operand).empty();
  });

  // Data movement: the same op on the bounds.
  auto moveBounds = [&](const std::string &attrs) -> std::string {
    if (exactOperands)
      return "";
    std::string names, types;
    for (Value operand : op->getOperands()) {
      names += (names.empty() ? "" : ", ") + w.boundOrZero(operand);
      types += (types.empty() ? "" : ", ") + w.f64(BoundWriter::shapeOf(operand));
    }
    std::string name = op->getName().getStringRef().str().substr(5); // drop "loom."
    if (isa<ConcatOp>(op))
      return w.emit(name, names + attrs, "(" + types + ") -> " + resultF64);
    return w.emit(name, names + attrs, types + " -> " + resultF64);
  };

  return llvm::TypeSwitch<Operation *, Expected<std::string>>(op)
      // Exact selections: no rounding.
      .Case<NegOp, AbsOp, ReluOp>([&](auto) { return operandBound(0); })
      .Case<MaxOp, MinOp>([&](auto) -> std::string {
        if (exactOperands)
          return "";
        return w.binary("max", w.boundOrZero(op->getOperand(0)),
                        w.boundOrZero(op->getOperand(1)), shape);
      })
      .Case<LeakyReluOp>([&](LeakyReluOp leaky) -> std::string {
        double alpha = std::abs(leaky.getAlpha().convertToDouble());
        std::string propagated =
            exactOperands ? "" : w.scale(operandBound(0), std::max(1.0, alpha), shape);
        if (!getElementTypeOrSelf(result.getType()).isF32())
          return propagated;
        return withRounding(w, result, propagated, 4);
      })
      // Correctly rounded.
      .Case<AddOp, SubOp>([&](auto) -> std::string {
        if (exactOperands)
          return "";
        return withRounding(w, result, sumOf(w, {operandBound(0), operandBound(1)}, shape),
                            kCorrectlyRounded);
      })
      .Case<MulOp>([&](auto) -> std::string {
        if (exactOperands)
          return "";
        std::string ea = operandBound(0), eb = operandBound(1);
        std::string absA = w.absOf(op->getOperand(0)), absB = w.absOf(op->getOperand(1));
        std::string propagated = sumOf(
            w,
            {ea.empty() ? "" : w.mul(absB, ea, shape), eb.empty() ? "" : w.mul(absA, eb, shape),
             ea.empty() || eb.empty() ? "" : w.mul(ea, eb, shape)},
            shape);
        return withRounding(w, result, propagated, kCorrectlyRounded);
      })
      .Case<DivOp>([&](auto) -> std::string {
        if (exactOperands)
          return "";
        // (e_a + |a/b| e_b) / (|b| - e_b)
        std::string ea = w.boundOrZero(op->getOperand(0)), eb = w.boundOrZero(op->getOperand(1));
        std::string absA = w.absOf(op->getOperand(0)), absB = w.absOf(op->getOperand(1));
        std::string ratio = w.binary("div", absA, absB, shape);
        std::string numerator = w.add(ea, w.mul(ratio, eb, shape), shape);
        std::string denominator = w.binary("sub", absB, eb, shape);
        return withRounding(w, result, w.binary("div", numerator, denominator, shape),
                            kCorrectlyRounded);
      })
      .Case<SquareOp>([&](auto) -> std::string {
        if (exactOperands)
          return "";
        std::string e = operandBound(0);
        std::string twiceAbs = w.scale(w.absOf(op->getOperand(0)), 2, shape);
        return withRounding(w, result, w.mul(e, w.add(twiceAbs, e, shape), shape),
                            kCorrectlyRounded);
      })
      .Case<SqrtOp>([&](auto) -> std::string {
        if (exactOperands)
          return "";
        // e / (2 sqrt(x - e))
        std::string e = operandBound(0);
        std::string low = w.binary("sub", x(0), e, shape);
        std::string propagated = w.mul(w.scale(e, 0.5, shape), w.unary("rsqrt", low, shape), shape);
        return withRounding(w, result, propagated, kCorrectlyRounded);
      })
      // Transcendental.
      .Case<ExpOp, LogOp, TanhOp, SigmoidOp, RsqrtOp>([&](auto) -> std::string {
        std::string propagated;
        if (!exactOperands) {
          std::string e = operandBound(0);
          if (isa<ExpOp>(op)) {
            propagated = w.mul(e, w.unary("exp", w.add(x(0), e, shape), shape), shape);
          } else if (isa<LogOp>(op)) {
            propagated = w.binary("div", e, w.binary("sub", x(0), e, shape), shape);
          } else if (isa<TanhOp>(op)) {
            propagated = e;
          } else if (isa<SigmoidOp>(op)) {
            propagated = w.scale(e, 0.25, shape);
          } else {
            // 0.5 e (x - e)^-3/2
            std::string r = w.unary("rsqrt", w.binary("sub", x(0), e, shape), shape);
            propagated = w.mul(w.scale(e, 0.5, shape), w.mul(r, w.mul(r, r, shape), shape), shape);
          }
        }
        return withRounding(w, result, propagated, kTranscendental);
      })
      .Case<GeluOp>([&](auto) -> std::string {
        // |gelu'| <= 1.13; the rounding chain scales with |x| (1 + |s|),
        // s = sqrt(2/pi) (x + 0.044715 x^3).
        std::string propagated = exactOperands ? "" : w.scale(operandBound(0), 1.2, shape);
        std::string absX = w.absOf(op->getOperand(0));
        std::string cubic = w.mul(absX, w.mul(absX, absX, shape), shape);
        std::string s = w.scale(w.add(absX, w.scale(cubic, 0.044715, shape), shape), 0.8, shape);
        std::string chain = w.mul(absX, w.add(w.splat(shape, 1), s, shape), shape);
        std::string magnitude = w.add(w.absOf(result), chain, shape);
        if (!propagated.empty())
          magnitude = w.add(magnitude, propagated, shape);
        double u = unitRoundoff(getElementTypeOrSelf(result.getType()));
        std::string rounding = w.scale(magnitude, kTranscendental * u, shape);
        return propagated.empty() ? rounding : w.add(propagated, rounding, shape);
      })
      .Case<PowOp>([&](auto) -> std::string {
        std::string propagated;
        if (!exactOperands) {
          // |ln y' - ln y| <= g = (|b| + e_b) e_a / (a - e_a) + |ln a| e_b,
          // so |y' - y| <= |y| g exp(g).
          std::string ea = w.boundOrZero(op->getOperand(0)), eb = w.boundOrZero(op->getOperand(1));
          std::string a = x(0), absB = w.absOf(op->getOperand(1));
          std::string g = w.add(
              w.binary("div", w.mul(w.add(absB, eb, shape), ea, shape),
                       w.binary("sub", a, ea, shape), shape),
              w.mul(w.unary("abs", w.unary("log", a, shape), shape), eb, shape), shape);
          propagated = w.mul(w.absOf(result), w.mul(g, w.unary("exp", g, shape), shape), shape);
        }
        return withRounding(w, result, propagated, kTranscendental);
      })
      // Comparisons and selection.
      .Case<CompareOp>([&](auto) -> std::string {
        if (exactOperands)
          return "";
        std::string reach = sumOf(w, {operandBound(0), operandBound(1)}, shape);
        std::string gap = w.unary("abs", w.binary("sub", x(0), x(1), shape), shape);
        std::string uncertain =
            w.both(w.compare("le", gap, reach, shape),
                   w.compare("gt", reach, w.splat(shape, 0), shape), shape);
        return w.indicator(uncertain, shape);
      })
      .Case<SelectOp>([&](SelectOp select) -> std::string {
        if (exactOperands)
          return "";
        std::string condition = w.valueName(select.getCondition());
        std::string et = w.boundOrZero(select.getOnTrue()), ef = w.boundOrZero(select.getOnFalse());
        std::string i1 = typeString(select.getCondition().getType());
        std::string chosen = w.emit("select", condition + ", " + et + ", " + ef, i1 + ", " + resultF64);
        std::string ec = w.boundOf(select.getCondition());
        if (ec.empty())
          return chosen;
        std::string either =
            w.add(w.unary("abs", w.binary("sub", x(1), x(2), shape), shape),
                  w.binary("max", et, ef, shape), shape);
        std::string uncertain = w.compare("gt", ec, w.splat(shape, 0), shape);
        return w.emit("select", uncertain + ", " + either + ", " + chosen, i1 + ", " + resultF64);
      })
      .Case<ConvertOp>([&](ConvertOp convert) -> std::string {
        if (exactOperands)
          return "";
        Type from = getElementTypeOrSelf(convert.getOperand().getType());
        Type to = getElementTypeOrSelf(result.getType());
        std::string e = operandBound(0);
        if (to.isInteger(1)) {
          std::string magnitude = w.absOf(convert.getOperand());
          std::string uncertain =
              w.both(w.compare("le", magnitude, e, shape),
                     w.compare("gt", e, w.splat(shape, 0), shape), shape);
          return w.indicator(uncertain, shape);
        }
        if (isa<FloatType>(from) && isa<IntegerType>(to)) {
          // Truncation is monotone: both sides lie in
          // [trunc(x - e), trunc(x + e)].
          std::string i64 = typeString(RankedTensorType::get(shape, IntegerType::get(w.context(), 64)));
          auto truncated = [&](const std::string &value) {
            std::string integer = w.emit("convert", value, w.f64(shape) + " -> " + i64);
            return w.emit("convert", integer, i64 + " -> " + w.f64(shape));
          };
          return w.binary("sub", truncated(w.add(x(0), e, shape)),
                          truncated(w.binary("sub", x(0), e, shape)), shape);
        }
        if (from.isF64() && to.isF32())
          return withRounding(w, result, e, kCorrectlyRounded);
        return e;
      })
      // Data movement.
      .Case<BroadcastInDimOp>([&](BroadcastInDimOp b) {
        return moveBounds(" dims = " + listText(b.getBroadcastDimensions()));
      })
      .Case<ReshapeOp>([&](auto) { return moveBounds(""); })
      .Case<TransposeOp>([&](TransposeOp t) {
        return moveBounds(" perm = " + listText(t.getPermutation()));
      })
      .Case<SliceOp>([&](SliceOp s) {
        return moveBounds(" start = " + listText(s.getStart()) + " limit = " +
                          listText(s.getLimit()) + " strides = " + listText(s.getStrides()));
      })
      .Case<ConcatOp>([&](ConcatOp c) {
        return moveBounds(" axis = " + std::to_string(c.getAxis()));
      })
      // Sums of products.
      .Case<MatmulOp>([&](MatmulOp m) {
        auto lhsShape = BoundWriter::shapeOf(m.getLhs());
        auto rhsShape = BoundWriter::shapeOf(m.getRhs());
        std::string types = w.f64(lhsShape) + ", " + w.f64(rhsShape) +
                            " -> " + resultF64;
        return contractionBound(w, op, lhsShape.back(),
                                [&](const std::string &a, const std::string &b) {
                                  return w.emit("matmul", a + ", " + b, types);
                                });
      })
      .Case<Conv2DOp, Conv2DTransposeOp>([&](auto conv) {
        auto inputShape = BoundWriter::shapeOf(conv.getInput());
        auto filterShape = BoundWriter::shapeOf(conv.getFilter());
        std::string attrs = " strides = " + listText(conv.getStrides()) + " padding = " +
                            listText(conv.getPadding()) +
                            " dilations = " + listText(conv.getDilations());
        std::string types = w.f64(inputShape) + ", " +
                            w.f64(filterShape) + " -> " + resultF64;
        // conv2d sums c*kh*kw products per output, the transpose at most o*kh*kw.
        int64_t terms = (isa<Conv2DOp>(op) ? filterShape[1] : filterShape[0]) *
                        filterShape[2] * filterShape[3];
        std::string name = op->getName().getStringRef().str().substr(5);
        return contractionBound(w, op, terms, [&](const std::string &a, const std::string &b) {
          return w.emit(name, a + ", " + b + attrs, types);
        });
      })
      .Case<ReduceSumOp, ReduceMeanOp>([&](auto reduce) {
        Value operand = reduce.getOperand();
        auto operandShape = BoundWriter::shapeOf(operand);
        int64_t terms = 1;
        for (int64_t axis : reduce.getAxes())
          terms *= operandShape[axis];
        std::string name = op->getName().getStringRef().str().substr(5);
        std::string types = w.f64(operandShape) + " -> " + resultF64;
        std::string attrs = " axes = " + listText(reduce.getAxes());
        std::string e = w.boundOf(operand);
        std::string propagated = e.empty() ? "" : w.emit(name, e + attrs, types);
        std::string magnitude = w.emit(name, w.absOf(operand) + attrs, types);
        std::string total = propagated.empty() ? magnitude : w.add(magnitude, propagated, shape);
        double factor = accumulationFactor(result, terms) + (isa<ReduceMeanOp>(op) ? 1 : 0);
        double u = unitRoundoff(getElementTypeOrSelf(result.getType()));
        std::string rounding = w.scale(total, factor * u, shape);
        return propagated.empty() ? rounding : w.add(propagated, rounding, shape);
      })
      .Case<ReduceMaxOp>([&](ReduceMaxOp reduce) -> std::string {
        std::string e = w.boundOf(reduce.getOperand());
        if (e.empty())
          return "";
        return w.emit("reduce_max", e + " axes = " + listText(reduce.getAxes()),
                      w.f64(BoundWriter::shapeOf(reduce.getOperand())) + " -> " +
                          resultF64);
      })
      // Sources.
      .Case<ConstantOp, IotaOp, RandomUniformOp>([&](auto) { return std::string(); })
      .Case<RandomNormalOp>([&](auto) {
        return w.splat(shape, 128 * unitRoundoff(getElementTypeOrSelf(result.getType())));
      })
      .Default([&](Operation *other) -> Expected<std::string> {
        return Error(ErrorKind::InvalidIR, "loom-difftest has no error rule for " +
                     other->getName().getStringRef().str());
      });
}

} // namespace

Expected<std::string> buildErrorBoundFunction(func::FuncOp func, const std::string &name) {
  BoundWriter w(func.getContext());
  std::vector<std::string> parameters;
  auto addParameter = [&](Value value) {
    w.addValue(value);
    auto type = cast<RankedTensorType>(value.getType());
    Type parameterType = isa<FloatType>(type.getElementType())
                             ? RankedTensorType::get(type.getShape(), Float64Type::get(func.getContext()))
                             : Type(type);
    parameters.push_back(w.valueName(value) + ": " + typeString(parameterType));
  };
  for (BlockArgument argument : func.getArguments())
    addParameter(argument);
  Block &block = func.getBody().front();
  for (Operation &op : block.without_terminator()) {
    if (op.getNumResults() != 1 && !isa<AllReduceOp>(op))
      return Error(ErrorKind::InvalidIR, "loom-difftest expects single-result ops, got " +
                   op.getName().getStringRef().str());
    for (Value result : op.getResults())
      addParameter(result);
  }
  for (Operation &op : block.without_terminator()) {
    // Result i is a copy of operand i: the same bound, no rounding.
    if (auto allReduce = dyn_cast<AllReduceOp>(op)) {
      for (auto [input, result] :
           llvm::zip_equal(allReduce.getInputs(), allReduce.getResults()))
        w.setBound(result, w.boundOf(input));
      continue;
    }
    Expected<std::string> bound = boundOfOp(w, &op);
    if (!bound)
      return bound.error();
    w.setBound(op.getResult(0), *bound);
  }
  std::string results, types;
  for (Value returned : block.getTerminator()->getOperands()) {
    results += (results.empty() ? "" : ", ") + w.boundOrZero(returned);
    types += (types.empty() ? "" : ", ") + w.f64(BoundWriter::shapeOf(returned));
  }
  std::string text = "func.func @" + name + "(";
  for (size_t i = 0; i < parameters.size(); ++i)
    text += (i ? ", " : "") + parameters[i];
  return text + ") -> (" + types + ") {\n" + w.body + "  return " + results + " : " + types +
         "\n}\n";
}

} // namespace loom::difftest
