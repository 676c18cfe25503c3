//===- Evaluator.cpp - Naive reference evaluator for loom -----------------===//
//
// Deliberately simple: one function per op, plain loops over row-major
// multi-indices, doubles throughout. Speed does not matter here; being
// obviously right does.
//
//===----------------------------------------------------------------------===//
#include "loom/Reference/Evaluator.h"
#include "loom/Support/Diagnostics.h"

#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Support/CounterRNG.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <functional>
#include <limits>
#include <numbers>

using namespace mlir;

namespace loom::reference {

//===----------------------------------------------------------------------===//
// Element kinds and RefTensor
//===----------------------------------------------------------------------===//

bool isFloat(ElementKind kind) {
  return kind == ElementKind::F32 || kind == ElementKind::F64;
}

const char *toString(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "f32";
  case ElementKind::F64:
    return "f64";
  case ElementKind::I1:
    return "i1";
  case ElementKind::I32:
    return "i32";
  case ElementKind::I64:
    return "i64";
  }
  return "?";
}

Expected<ElementKind> elementKindOf(Type type) {
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF64())
    return ElementKind::F64;
  if (type.isSignlessInteger(1))
    return ElementKind::I1;
  if (type.isSignlessInteger(32))
    return ElementKind::I32;
  if (type.isSignlessInteger(64))
    return ElementKind::I64;
  std::string name;
  llvm::raw_string_ostream os(name);
  type.print(os);
  return Error(ErrorKind::InvalidIR, "the reference evaluator has no element type " + name);
}

namespace {
int64_t product(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

/// Row-major strides: stride[d] is the linear distance between neighbours
/// along dimension d.
std::vector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// Calls `visit(multiIndex, linearIndex)` for every element of `shape`, in
/// row-major order.
void forEachIndex(ArrayRef<int64_t> shape,
                  llvm::function_ref<void(ArrayRef<int64_t>, int64_t)> visit) {
  int64_t count = product(shape);
  std::vector<int64_t> index(shape.size(), 0);
  for (int64_t linear = 0; linear < count; ++linear) {
    visit(index, linear);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

double roundTo(ElementKind kind, double value) {
  return kind == ElementKind::F32 ? static_cast<double>(static_cast<float>(value))
                                  : value;
}

int64_t wrapTo(ElementKind kind, int64_t value) {
  switch (kind) {
  case ElementKind::I1:
    return value & 1;
  case ElementKind::I32:
    return static_cast<int32_t>(static_cast<uint32_t>(value));
  default:
    return value;
  }
}
} // namespace

RefTensor RefTensor::floating(ElementKind kind, std::vector<int64_t> shape,
                              std::vector<double> values) {
  RefTensor tensor;
  tensor.kind = kind;
  tensor.shape = std::move(shape);
  for (double &value : values)
    value = roundTo(kind, value);
  tensor.floats = std::move(values);
  return tensor;
}

RefTensor RefTensor::integer(ElementKind kind, std::vector<int64_t> shape,
                             std::vector<int64_t> values) {
  RefTensor tensor;
  tensor.kind = kind;
  tensor.shape = std::move(shape);
  for (int64_t &value : values)
    value = wrapTo(kind, value);
  tensor.ints = std::move(values);
  return tensor;
}

RefTensor RefTensor::zeros(ElementKind kind, std::vector<int64_t> shape) {
  int64_t count = product(shape);
  if (isFloat(kind))
    return floating(kind, std::move(shape), std::vector<double>(count, 0.0));
  return integer(kind, std::move(shape), std::vector<int64_t>(count, 0));
}

int64_t RefTensor::numElements() const { return product(shape); }

double RefTensor::asDouble(int64_t i) const {
  return isFloat(kind) ? floats[i] : static_cast<double>(ints[i]);
}

std::string RefTensor::typeString() const {
  std::string text = "tensor<";
  for (int64_t size : shape)
    text += std::to_string(size) + "x";
  return text + toString(kind) + ">";
}

//===----------------------------------------------------------------------===//
// The evaluator
//===----------------------------------------------------------------------===//

namespace {

/// "'loom.exp' at file.mlir:3:8", for messages.
std::string describe(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "'" << op->getName().getStringRef() << "' at ";
  // formatLocation's "file:line:col: " without its separator.
  if (std::string location = formatLocation(op->getLoc()); !location.empty())
    os << location.substr(0, location.size() - 2);
  else
    op->getLoc().print(os);
  return text;
}

/// A copy of `source` in `shape` where result element `r` is source element
/// `sourceIndex(r)`: every layout op is one of these.
RefTensor gather(const RefTensor &source, std::vector<int64_t> shape,
                 llvm::function_ref<int64_t(ArrayRef<int64_t>)> sourceIndex) {
  RefTensor result = RefTensor::zeros(source.kind, std::move(shape));
  forEachIndex(result.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t from = sourceIndex(index);
    if (isFloat(source.kind))
      result.floats[linear] = source.floats[from];
    else
      result.ints[linear] = source.ints[from];
  });
  return result;
}

int64_t dot(ArrayRef<int64_t> index, ArrayRef<int64_t> strides) {
  int64_t linear = 0;
  for (auto [i, stride] : llvm::zip_equal(index, strides))
    linear += i * stride;
  return linear;
}

/// The MLIR spelling of a type, comparable with RefTensor::typeString.
std::string typeString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

std::vector<int64_t> shapeOf(Value value) {
  return std::vector<int64_t>(
      cast<RankedTensorType>(value.getType()).getShape().begin(),
      cast<RankedTensorType>(value.getType()).getShape().end());
}

/// IEEE 754-2019 maximum: NaN if either is NaN, and +0 above -0 (what
/// arith.maximumf, PyTorch's maximum and JAX's max compute).
double ieeeMaximum(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::numeric_limits<double>::quiet_NaN();
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

/// IEEE 754-2019 minimum: NaN if either is NaN, and -0 below +0.
double ieeeMinimum(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::numeric_limits<double>::quiet_NaN();
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

double gelu(double x) {
  const double kSqrt2OverPi = std::sqrt(2.0 / std::numbers::pi);
  return 0.5 * x * (1.0 + std::tanh(kSqrt2OverPi * (x + 0.044715 * x * x * x)));
}

/// The scalar function of a unary float op, or null if `op` is not one.
std::function<double(double)> unaryFunction(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::function<double(double)>>(op)
      .Case<NegOp>([](auto) { return [](double x) { return -x; }; })
      .Case<ExpOp>([](auto) { return [](double x) { return std::exp(x); }; })
      .Case<LogOp>([](auto) { return [](double x) { return std::log(x); }; })
      .Case<TanhOp>([](auto) { return [](double x) { return std::tanh(x); }; })
      .Case<SigmoidOp>([](auto) {
        return [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
      })
      .Case<ReluOp>([](auto) {
        return [](double x) { return ieeeMaximum(x, 0.0); };
      })
      .Case<GeluOp>([](auto) { return gelu; })
      .Case<SqrtOp>([](auto) { return [](double x) { return std::sqrt(x); }; })
      .Case<RsqrtOp>([](auto) {
        return [](double x) { return 1.0 / std::sqrt(x); };
      })
      .Case<SquareOp>([](auto) { return [](double x) { return x * x; }; })
      .Case<AbsOp>([](auto) { return [](double x) { return std::fabs(x); }; })
      .Case<LeakyReluOp>([](LeakyReluOp leaky) {
        double alpha = leaky.getAlpha().convertToDouble();
        return [alpha](double x) { return x > 0 ? x : alpha * x; };
      })
      .Default([](Operation *) { return nullptr; });
}

/// The scalar function of a binary float op, or null if `op` is not one.
std::function<double(double, double)> binaryFunction(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::function<double(double, double)>>(op)
      .Case<AddOp>([](auto) { return [](double a, double b) { return a + b; }; })
      .Case<SubOp>([](auto) { return [](double a, double b) { return a - b; }; })
      .Case<MulOp>([](auto) { return [](double a, double b) { return a * b; }; })
      .Case<DivOp>([](auto) { return [](double a, double b) { return a / b; }; })
      .Case<MaxOp>([](auto) { return ieeeMaximum; })
      .Case<MinOp>([](auto) { return ieeeMinimum; })
      .Case<PowOp>([](auto) {
        return [](double a, double b) { return std::pow(a, b); };
      })
      .Default([](Operation *) { return nullptr; });
}

RefTensor mapUnary(const RefTensor &operand,
                   const std::function<double(double)> &fn) {
  RefTensor result = operand;
  for (double &value : result.floats)
    value = roundTo(result.kind, fn(value));
  return result;
}

RefTensor mapBinary(const RefTensor &lhs, const RefTensor &rhs,
                    const std::function<double(double, double)> &fn) {
  RefTensor result = lhs;
  for (size_t i = 0; i < result.floats.size(); ++i)
    result.floats[i] = roundTo(result.kind, fn(lhs.floats[i], rhs.floats[i]));
  return result;
}

template <typename T> bool compareValues(ComparisonPredicate predicate, T a, T b) {
  switch (predicate) {
  case ComparisonPredicate::eq:
    return a == b;
  case ComparisonPredicate::ne:
    return a != b;
  case ComparisonPredicate::lt:
    return a < b;
  case ComparisonPredicate::le:
    return a <= b;
  case ComparisonPredicate::gt:
    return a > b;
  case ComparisonPredicate::ge:
    return a >= b;
  }
  return false;
}

RefTensor compare(ComparisonPredicate predicate, const RefTensor &lhs,
                  const RefTensor &rhs) {
  RefTensor result = RefTensor::zeros(ElementKind::I1, lhs.shape);
  for (int64_t i = 0; i < lhs.numElements(); ++i)
    result.ints[i] = isFloat(lhs.kind)
                         ? compareValues(predicate, lhs.floats[i], rhs.floats[i])
                         : compareValues(predicate, lhs.ints[i], rhs.ints[i]);
  return result;
}

RefTensor select(const RefTensor &condition, const RefTensor &onTrue,
                 const RefTensor &onFalse) {
  RefTensor result = onTrue;
  for (int64_t i = 0; i < result.numElements(); ++i) {
    if (condition.ints[i])
      continue;
    if (isFloat(result.kind))
      result.floats[i] = onFalse.floats[i];
    else
      result.ints[i] = onFalse.ints[i];
  }
  return result;
}

/// Float to integer: truncate toward zero, saturate, NaN gives 0.
int64_t truncateToInteger(ElementKind kind, double value) {
  if (std::isnan(value))
    return 0;
  double truncated = std::trunc(value);
  double low = kind == ElementKind::I32 ? std::numeric_limits<int32_t>::min()
                                        : std::numeric_limits<int64_t>::min();
  // 2^31 and 2^63 are exact doubles; anything at or above is out of range.
  double highExclusive = kind == ElementKind::I32 ? 2147483648.0 : 9223372036854775808.0;
  if (truncated < low)
    return kind == ElementKind::I32 ? std::numeric_limits<int32_t>::min()
                                    : std::numeric_limits<int64_t>::min();
  if (truncated >= highExclusive)
    return kind == ElementKind::I32 ? std::numeric_limits<int32_t>::max()
                                    : std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(truncated);
}

RefTensor convert(const RefTensor &operand, ElementKind to) {
  RefTensor result = RefTensor::zeros(to, operand.shape);
  for (int64_t i = 0; i < operand.numElements(); ++i) {
    if (to == ElementKind::I1) {
      result.ints[i] = operand.asDouble(i) != 0.0;
    } else if (isFloat(to)) {
      if (isFloat(operand.kind))
        result.floats[i] = roundTo(to, operand.floats[i]);
      else if (to == ElementKind::F32) // One rounding, straight to f32.
        result.floats[i] = static_cast<float>(operand.ints[i]);
      else
        result.floats[i] = static_cast<double>(operand.ints[i]);
    } else if (isFloat(operand.kind)) {
      result.ints[i] = truncateToInteger(to, operand.floats[i]);
    } else {
      result.ints[i] = wrapTo(to, operand.ints[i]);
    }
  }
  return result;
}

RefTensor broadcastInDim(const RefTensor &operand, std::vector<int64_t> shape,
                         ArrayRef<int64_t> dims) {
  std::vector<int64_t> strides = stridesOf(operand.shape);
  return gather(operand, std::move(shape), [&](ArrayRef<int64_t> index) {
    int64_t from = 0;
    for (size_t i = 0; i < dims.size(); ++i)
      if (operand.shape[i] != 1)
        from += index[dims[i]] * strides[i];
    return from;
  });
}

RefTensor transpose(const RefTensor &operand, ArrayRef<int64_t> permutation) {
  std::vector<int64_t> strides = stridesOf(operand.shape);
  std::vector<int64_t> shape;
  for (int64_t p : permutation)
    shape.push_back(operand.shape[p]);
  return gather(operand, shape, [&](ArrayRef<int64_t> index) {
    int64_t from = 0;
    for (size_t i = 0; i < permutation.size(); ++i)
      from += index[i] * strides[permutation[i]];
    return from;
  });
}

RefTensor slice(const RefTensor &operand, std::vector<int64_t> shape,
                ArrayRef<int64_t> start, ArrayRef<int64_t> step) {
  std::vector<int64_t> strides = stridesOf(operand.shape);
  return gather(operand, std::move(shape), [&](ArrayRef<int64_t> index) {
    int64_t from = 0;
    for (size_t d = 0; d < index.size(); ++d)
      from += (start[d] + index[d] * step[d]) * strides[d];
    return from;
  });
}

RefTensor concat(ArrayRef<const RefTensor *> inputs, int64_t axis,
                 std::vector<int64_t> shape) {
  RefTensor result = RefTensor::zeros(inputs.front()->kind, shape);
  std::vector<int64_t> resultStrides = stridesOf(shape);
  int64_t offset = 0;
  for (const RefTensor *input : inputs) {
    forEachIndex(input->shape, [&](ArrayRef<int64_t> index, int64_t linear) {
      std::vector<int64_t> to(index.begin(), index.end());
      to[axis] += offset;
      int64_t target = dot(to, resultStrides);
      if (isFloat(result.kind))
        result.floats[target] = input->floats[linear];
      else
        result.ints[target] = input->ints[linear];
    });
    offset += input->shape[axis];
  }
  return result;
}

RefTensor matmul(const RefTensor &lhs, const RefTensor &rhs,
                 std::vector<int64_t> shape) {
  size_t rank = lhs.shape.size();
  int64_t m = lhs.shape[rank - 2], k = lhs.shape[rank - 1];
  int64_t n = rhs.shape[rank - 1];
  int64_t batches = product(ArrayRef<int64_t>(lhs.shape).drop_back(2));
  RefTensor result = RefTensor::zeros(lhs.kind, std::move(shape));
  for (int64_t b = 0; b < batches; ++b)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double sum = 0;
        for (int64_t p = 0; p < k; ++p)
          sum += lhs.floats[(b * m + i) * k + p] * rhs.floats[(b * k + p) * n + j];
        result.floats[(b * m + i) * n + j] = roundTo(result.kind, sum);
      }
  return result;
}

/// Calls `visit(inputOffset, filterOffset)` for every input element the
/// window of result pixel (y, x) reads, over input channel c and output
/// channel o: the index arithmetic conv2d and its transpose share.
template <typename Visit>
void forEachWindowTap(const RefTensor &input, const RefTensor &filter,
                      int64_t n, int64_t o, int64_t c, int64_t y, int64_t x,
                      ArrayRef<int64_t> strides, ArrayRef<int64_t> padding,
                      ArrayRef<int64_t> dilations, Visit visit) {
  int64_t channels = input.shape[1], height = input.shape[2],
          width = input.shape[3];
  int64_t kernelH = filter.shape[2], kernelW = filter.shape[3];
  for (int64_t ky = 0; ky < kernelH; ++ky)
    for (int64_t kx = 0; kx < kernelW; ++kx) {
      int64_t iy = y * strides[0] + ky * dilations[0] - padding[0];
      int64_t ix = x * strides[1] + kx * dilations[1] - padding[1];
      if (iy < 0 || iy >= height || ix < 0 || ix >= width)
        continue;
      visit(((n * channels + c) * height + iy) * width + ix,
            ((o * channels + c) * kernelH + ky) * kernelW + kx);
    }
}

RefTensor conv2d(const RefTensor &input, const RefTensor &filter,
                 std::vector<int64_t> shape, ArrayRef<int64_t> strides,
                 ArrayRef<int64_t> padding, ArrayRef<int64_t> dilations) {
  RefTensor result = RefTensor::zeros(input.kind, std::move(shape));
  forEachIndex(result.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    double sum = 0;
    for (int64_t c = 0; c < input.shape[1]; ++c)
      forEachWindowTap(input, filter, index[0], index[1], c, index[2], index[3],
                       strides, padding, dilations,
                       [&](int64_t inputOffset, int64_t filterOffset) {
                         sum += input.floats[inputOffset] *
                                filter.floats[filterOffset];
                       });
    result.floats[linear] = roundTo(result.kind, sum);
  });
  return result;
}

/// The scatter form of the definition: each input element adds its filter
/// window into the result (whose shape the caller gives).
RefTensor conv2dTranspose(const RefTensor &input, const RefTensor &filter,
                          std::vector<int64_t> shape, ArrayRef<int64_t> strides,
                          ArrayRef<int64_t> padding,
                          ArrayRef<int64_t> dilations) {
  RefTensor result = RefTensor::zeros(input.kind, std::move(shape));
  std::vector<double> sums(result.floats.size(), 0.0);
  forEachIndex(input.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    for (int64_t c = 0; c < result.shape[1]; ++c)
      forEachWindowTap(result, filter, index[0], index[1], c, index[2],
                       index[3], strides, padding, dilations,
                       [&](int64_t resultOffset, int64_t filterOffset) {
                         sums[resultOffset] += input.floats[linear] *
                                               filter.floats[filterOffset];
                       });
  });
  for (size_t i = 0; i < sums.size(); ++i)
    result.floats[i] = roundTo(result.kind, sums[i]);
  return result;
}

enum class Reduction { Sum, Mean, Max };

RefTensor reduce(Reduction reduction, const RefTensor &operand,
                 ArrayRef<int64_t> axes, std::vector<int64_t> shape) {
  std::vector<int64_t> resultStrides = stridesOf(shape);
  double initial = reduction == Reduction::Max
                       ? -std::numeric_limits<double>::infinity()
                       : 0.0;
  std::vector<double> accumulators(product(shape), initial);
  int64_t reducedCount = 1;
  for (int64_t axis : axes)
    reducedCount *= operand.shape[axis];
  forEachIndex(operand.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t target = 0, kept = 0;
    for (size_t d = 0; d < index.size(); ++d)
      if (!llvm::is_contained(axes, static_cast<int64_t>(d)))
        target += index[d] * resultStrides[kept++];
    double value = operand.floats[linear];
    double &acc = accumulators[target];
    if (reduction != Reduction::Max)
      acc += value;
    else
      acc = ieeeMaximum(acc, value);
  });
  if (reduction == Reduction::Mean)
    for (double &acc : accumulators)
      acc /= static_cast<double>(reducedCount);
  return RefTensor::floating(operand.kind, std::move(shape),
                             std::move(accumulators));
}

Expected<RefTensor> constant(ConstantOp op, ElementKind kind) {
  auto dense = dyn_cast<DenseElementsAttr>(op.getValue());
  if (!dense)
    return Error(ErrorKind::Unsupported, describe(op) + ": the reference evaluator reads only dense "
                                "constants (DenseElementsAttr)");
  std::vector<int64_t> shape = shapeOf(op.getResult());
  if (isFloat(kind)) {
    std::vector<double> values;
    for (const APFloat &value : dense.getValues<APFloat>())
      values.push_back(value.convertToDouble());
    return RefTensor::floating(kind, std::move(shape), std::move(values));
  }
  std::vector<int64_t> values;
  for (const APInt &value : dense.getValues<APInt>())
    values.push_back(kind == ElementKind::I1 ? value.getZExtValue()
                                             : value.getSExtValue());
  return RefTensor::integer(kind, std::move(shape), std::move(values));
}

RefTensor iota(ElementKind kind, std::vector<int64_t> shape, int64_t dimension) {
  RefTensor result = RefTensor::zeros(kind, std::move(shape));
  forEachIndex(result.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    if (isFloat(kind))
      result.floats[linear] = roundTo(kind, static_cast<double>(index[dimension]));
    else
      result.ints[linear] = wrapTo(kind, index[dimension]);
  });
  return result;
}

template <typename Float>
RefTensor random(bool normal, ElementKind kind, std::vector<int64_t> shape,
                 uint64_t seed, uint64_t stream) {
  RefTensor result = RefTensor::zeros(kind, std::move(shape));
  for (int64_t i = 0; i < result.numElements(); ++i) {
    auto index = static_cast<uint64_t>(i);
    result.floats[i] = normal ? rng::normal<Float>(seed, stream, index)
                              : rng::uniform<Float>(seed, stream, index);
  }
  return result;
}

RefTensor randomTensor(bool normal, ElementKind kind, std::vector<int64_t> shape,
                       const RefTensor &seed, uint64_t stream) {
  auto seedBits = static_cast<uint64_t>(seed.ints.front());
  if (kind == ElementKind::F32)
    return random<float>(normal, kind, std::move(shape), seedBits, stream);
  return random<double>(normal, kind, std::move(shape), seedBits, stream);
}

class Evaluator {
public:
  Expected<std::vector<RefTensor>> run(func::FuncOp func,
                                       ArrayRef<RefTensor> arguments);

private:
  Expected<RefTensor> evaluate(Operation *op);
  const RefTensor &valueOf(Value value) { return values.find(value)->second; }

  llvm::DenseMap<Value, RefTensor> values;
};

Expected<RefTensor> Evaluator::evaluate(Operation *op) {
  if (op->getNumResults() != 1)
    return Error(ErrorKind::Unsupported, describe(op) + ": the reference evaluator does not know this "
                                "op");
  Value resultValue = op->getResult(0);
  auto resultType = dyn_cast<RankedTensorType>(resultValue.getType());
  if (!resultType)
    return Error(ErrorKind::InvalidIR, describe(op) + ": the result is not a ranked tensor");
  Expected<ElementKind> kind = elementKindOf(resultType.getElementType());
  if (!kind)
    return Error(ErrorKind::InvalidIR, describe(op) + ": " + kind.error().message());
  std::vector<int64_t> shape = shapeOf(resultValue);
  auto operand = [&](unsigned i) -> const RefTensor & {
    return valueOf(op->getOperand(i));
  };

  if (auto fn = unaryFunction(op))
    return mapUnary(operand(0), fn);
  if (auto fn = binaryFunction(op))
    return mapBinary(operand(0), operand(1), fn);

  return llvm::TypeSwitch<Operation *, Expected<RefTensor>>(op)
      .Case<CompareOp>([&](CompareOp cmp) {
        return compare(cmp.getPredicate(), operand(0), operand(1));
      })
      .Case<SelectOp>([&](auto) {
        return select(operand(0), operand(1), operand(2));
      })
      .Case<ConvertOp>([&](auto) { return convert(operand(0), *kind); })
      .Case<BroadcastInDimOp>([&](BroadcastInDimOp broadcast) {
        return broadcastInDim(operand(0), shape,
                              broadcast.getBroadcastDimensions());
      })
      .Case<ReshapeOp>([&](auto) {
        RefTensor result = operand(0);
        result.shape = shape;
        return result;
      })
      .Case<TransposeOp>([&](TransposeOp transposeOp) {
        return transpose(operand(0), transposeOp.getPermutation());
      })
      .Case<SliceOp>([&](SliceOp sliceOp) {
        return slice(operand(0), shape, sliceOp.getStart(),
                     sliceOp.getStrides());
      })
      .Case<ConcatOp>([&](ConcatOp concatOp) {
        std::vector<const RefTensor *> inputs;
        for (Value input : concatOp.getInputs())
          inputs.push_back(&valueOf(input));
        return concat(inputs, static_cast<int64_t>(concatOp.getAxis()), shape);
      })
      .Case<MatmulOp>([&](auto) { return matmul(operand(0), operand(1), shape); })
      .Case<Conv2DOp>([&](Conv2DOp conv) {
        return conv2d(operand(0), operand(1), shape, conv.getStrides(),
                      conv.getPadding(), conv.getDilations());
      })
      .Case<Conv2DTransposeOp>([&](Conv2DTransposeOp conv) {
        return conv2dTranspose(operand(0), operand(1), shape, conv.getStrides(),
                               conv.getPadding(), conv.getDilations());
      })
      .Case<ReduceSumOp>([&](ReduceSumOp sum) {
        return reduce(Reduction::Sum, operand(0), sum.getAxes(), shape);
      })
      .Case<ReduceMeanOp>([&](ReduceMeanOp mean) {
        return reduce(Reduction::Mean, operand(0), mean.getAxes(), shape);
      })
      .Case<ReduceMaxOp>([&](ReduceMaxOp max) {
        return reduce(Reduction::Max, operand(0), max.getAxes(), shape);
      })
      .Case<ConstantOp>([&](ConstantOp constantOp) {
        return constant(constantOp, *kind);
      })
      .Case<IotaOp>([&](IotaOp iotaOp) {
        return iota(*kind, shape, static_cast<int64_t>(iotaOp.getDimension()));
      })
      .Case<RandomUniformOp>([&](RandomUniformOp randomOp) {
        return randomTensor(false, *kind, shape, operand(0),
                            randomOp.getStream());
      })
      .Case<RandomNormalOp>([&](RandomNormalOp randomOp) {
        return randomTensor(true, *kind, shape, operand(0),
                            randomOp.getStream());
      })
      .Default([&](Operation *) -> Expected<RefTensor> {
        return Error(ErrorKind::Unsupported, describe(op) + ": the reference evaluator does not know "
                                    "this op");
      });
}

Expected<std::vector<RefTensor>> Evaluator::run(func::FuncOp func,
                                                ArrayRef<RefTensor> arguments) {
  std::string name = ("'" + func.getSymName() + "'").str();
  if (func.isExternal())
    return Error(ErrorKind::InvalidIR, "cannot evaluate " + name + ": it has no body");
  if (!func.getBody().hasOneBlock())
    return Error(ErrorKind::InvalidIR, "cannot evaluate " + name +
                 ": the reference evaluator handles a single block only");
  if (failed(verify(func)))
    return Error(ErrorKind::InvalidIR, "cannot evaluate " + name + ": it does not verify");
  Block &body = func.getBody().front();
  if (body.getNumArguments() != arguments.size())
    return Error(ErrorKind::InvalidArgument, name + " takes " + std::to_string(body.getNumArguments()) +
                 " arguments, got " + std::to_string(arguments.size()));
  for (auto [i, blockArgument] : llvm::enumerate(body.getArguments())) {
    const RefTensor &given = arguments[i];
    std::string expected = typeString(blockArgument.getType());
    size_t stored = isFloat(given.kind) ? given.floats.size() : given.ints.size();
    if (given.typeString() != expected)
      return Error(ErrorKind::InvalidArgument, name + " argument " + std::to_string(i) + " has type " +
                   expected + ", got " + given.typeString());
    if (stored != static_cast<size_t>(given.numElements()))
      return Error(ErrorKind::InvalidArgument, name + " argument " + std::to_string(i) + " of type " +
                   expected + " holds " + std::to_string(stored) + " elements");
    values.try_emplace(blockArgument, given);
  }

  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      std::vector<RefTensor> results;
      for (Value value : ret.getOperands())
        results.push_back(valueOf(value));
      return results;
    }
    // A NaN/Inf check changes no value: the oracle computes what the code
    // computes whether or not it is instrumented.
    if (isa<CheckFiniteOp>(op))
      continue;
    // The world of one process: the sum over one rank, and the mean (that sum
    // divided by 1), is each operand itself. The handle is not read.
    if (auto allReduce = dyn_cast<AllReduceOp>(op)) {
      for (auto [input, result] :
           llvm::zip_equal(allReduce.getInputs(), allReduce.getResults())) {
        // A copy first: inserting may grow the map under valueOf's reference.
        RefTensor copy = valueOf(input);
        values.try_emplace(result, std::move(copy));
      }
      continue;
    }
    Expected<RefTensor> result = evaluate(&op);
    if (!result)
      return result.error();
    // Catches a disagreement between the evaluator and the op's own type.
    std::string expected = typeString(op.getResult(0).getType());
    if (result->typeString() != expected)
      return Error(ErrorKind::InvalidIR, describe(&op) + ": the reference evaluator computed " +
                   result->typeString() + " for a result of type " + expected);
    values.try_emplace(op.getResult(0), std::move(*result));
  }
  return Error(ErrorKind::InvalidIR, "cannot evaluate " + name + ": its body has no func.return");
}

} // namespace

Expected<std::vector<RefTensor>> evaluateReference(func::FuncOp func,
                                                   ArrayRef<RefTensor> arguments) {
  return Evaluator().run(func, arguments);
}

} // namespace loom::reference
