//===- Generator.cpp - Random well-typed loom functions -------------------===//
//
// A program is built forward from a few arguments: each step picks an op,
// finds (or makes) operands of the types it needs among the values so far,
// and adds its result to the pool. Operands are drawn mostly from recent
// values, so values are used many times; binary ops sometimes take one value
// twice. The function returns a few values, possibly one twice and possibly
// an argument.
//
// Every value carries a static bound on its magnitude. Ops with a restricted
// domain get guarded operands, so the reference never sees NaN or infinity:
// log, sqrt, rsqrt and the base of pow take `abs(x) + 1/2` (or, in gradient
// programs, `x*x + 1/2` or `exp(x)`), divisors are such values or their
// negation, exponents of pow pass through tanh, exp takes values of magnitude
// at most 8, and a value whose bound exceeds 1000 passes through tanh before
// it is used. Float-to-integer converts only see magnitudes far below 2^31.
//
// `loom.all_reduce` (sum and mean, a bucket of 1-3 operands of the program's
// float type) takes its communicator from a `loom.constant dense<0>`, the
// world of one process, never from an argument: a random handle would not be
// one the runtime gave out. The compiled code then calls the runtime with
// handle 0 and the reference evaluator reads the op as that world.
//
//===----------------------------------------------------------------------===//
#include "DiffTest.h"
#include "loom/Dialect/Loom/IR/LoomABI.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>

using loom::reference::ElementKind;
using loom::reference::RefTensor;

namespace loom::difftest {
namespace {

using Shape = std::vector<int64_t>;

/// Sizes that meet the codegen's edges: 1, primes and odd sizes, and one
/// below, at and above the vector widths (8 f64 / 16 f32 lanes, the 8-row
/// contraction tile) and their multiples.
const int64_t kSizes[] = {1,  1,  2,  3,  4,  5,  7,  8,  9,  11, 13,
                          15, 16, 17, 23, 31, 32, 33, 47, 63, 64, 65};
/// Most elements in one generated tensor.
constexpr int64_t kMaxElements = 1024;
/// Bound above which a value passes through tanh before it is used.
constexpr double kMaxMagnitude = 1000;
/// Largest magnitude exp is applied to.
constexpr double kMaxExpArgument = 8;

int64_t product(const Shape &shape) {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1},
                         std::multiplies<int64_t>());
}

std::string typeText(const Shape &shape, ElementKind kind) {
  std::string text = "tensor<";
  for (int64_t size : shape)
    text += std::to_string(size) + "x";
  return text + reference::toString(kind) + ">";
}

std::string listText(const Shape &values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i)
    text += (i ? ", " : "") + std::to_string(values[i]);
  return text + "]";
}

struct Value {
  std::string name;
  Shape shape;
  ElementKind kind;
  /// Upper bound on |element|.
  double magnitude;
  std::string type() const { return typeText(shape, kind); }
  bool isFloat() const { return reference::isFloat(kind); }
};

class Generator {
public:
  Generator(uint64_t seed, ProgramKind kind) : engine(seed), programKind(kind) {
    floatKind = kind == ProgramKind::Gradient || coin(0.5) ? ElementKind::F64
                                                           : ElementKind::F32;
  }

  std::string function(const std::string &name, uint64_t seed);

private:
  // Randomness.
  int64_t uniformInt(int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(engine);
  }
  bool coin(double probability) {
    return std::uniform_real_distribution<double>(0, 1)(engine) < probability;
  }
  template <typename T> const T &pick(const std::vector<T> &items) {
    return items[uniformInt(0, static_cast<int64_t>(items.size()) - 1)];
  }
  int64_t size() { return kSizes[uniformInt(0, std::size(kSizes) - 1)]; }
  Shape randomShape(int64_t rank, int64_t maxElements = kMaxElements);

  bool smooth() const { return programKind == ProgramKind::Gradient; }

  // Values.
  Value argument(const Shape &shape, ElementKind kind);
  Value emit(const std::string &op, const std::string &operandsAndAttrs,
             const std::string &typeSuffix, Shape shape, ElementKind kind,
             double magnitude);
  Value unary(const std::string &op, const Value &x, double magnitude) {
    return emit(op, x.name, x.type(), x.shape, x.kind, magnitude);
  }
  Value binary(const std::string &op, const Value &a, const Value &b,
               double magnitude) {
    return emit(op, a.name + ", " + b.name, a.type(), a.shape, a.kind, magnitude);
  }
  Value splat(const Shape &shape, ElementKind kind, double value);
  Value constant(const Shape &shape, ElementKind kind);

  /// A float value of the program's type, mostly a recent one.
  Value floatOperand();
  /// An operand of `like`'s type other than `like` itself, or `like`.
  Value sameType(const Value &like);
  /// A float operand of exactly `shape`.
  Value floatOfShape(const Shape &shape);
  /// `x` with its magnitude brought under kMaxMagnitude.
  Value tame(const Value &x);
  /// A value >= 1/2 computed from `x`.
  Value positive(const Value &x);

  // One random op (with whatever operand preparation it needs).
  void step();
  void elementwiseUnary();
  void elementwiseBinary();
  void compareSelect();
  void convert();
  void broadcast();
  void reshape();
  void transpose();
  void slice();
  void concat();
  void matmul();
  void conv2d(bool transposed);
  void reduce();
  void allReduce();
  void source();

  std::mt19937_64 engine;
  ProgramKind programKind;
  ElementKind floatKind;
  std::vector<Value> pool;
  std::vector<std::string> parameters;
  std::string body;
  int64_t nextValue = 0;
  int64_t nextInput = 0;
  std::optional<Value> seedArgument;
  /// The communicator handle of every all_reduce: a constant 0, outside the
  /// pool (it is a handle, not data).
  std::optional<Value> communicator;
};

Shape Generator::randomShape(int64_t rank, int64_t maxElements) {
  Shape shape(rank);
  for (int64_t &dim : shape)
    dim = size();
  // Shrink the largest dimension until the tensor is small enough.
  while (product(shape) > maxElements) {
    auto largest = std::max_element(shape.begin(), shape.end());
    *largest = std::max<int64_t>(1, *largest / 2 - (*largest % 2 ? 0 : 1));
  }
  return shape;
}

Value Generator::argument(const Shape &shape, ElementKind kind) {
  Value value{"%a" + std::to_string(nextInput), shape, kind,
              reference::isFloat(kind) ? 1.0 : (kind == ElementKind::I1 ? 1.0 : 4.0)};
  std::string attrs = std::string(kInputAttr) + " = " + std::to_string(nextInput) +
                      " : i64";
  if (smooth() && reference::isFloat(kind))
    attrs += (", " + loom::abi::kDifferentiate).str();
  parameters.push_back(value.name + ": " + value.type() + " {" + attrs + "}");
  ++nextInput;
  pool.push_back(value);
  return value;
}

Value Generator::emit(const std::string &op, const std::string &operandsAndAttrs,
                      const std::string &typeSuffix, Shape shape, ElementKind kind,
                      double magnitude) {
  Value value{"%v" + std::to_string(nextValue++), std::move(shape), kind, magnitude};
  body += "  " + value.name + " = loom." + op;
  if (!operandsAndAttrs.empty())
    body += " " + operandsAndAttrs;
  body += " : " + typeSuffix + "\n";
  pool.push_back(value);
  return value;
}

Value Generator::splat(const Shape &shape, ElementKind kind, double value) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (reference::isFloat(kind))
    os << "dense<" << llvm::format("%.17e", value) << ">";
  else if (kind == ElementKind::I1)
    os << "dense<" << (value != 0 ? "true" : "false") << ">";
  else
    os << "dense<" << static_cast<int64_t>(value) << ">";
  std::string type = typeText(shape, kind);
  Value result{"%v" + std::to_string(nextValue++), shape, kind, std::abs(value)};
  body += "  " + result.name + " = loom.constant " + text + " : " + type + "\n";
  pool.push_back(result);
  return result;
}

Value Generator::constant(const Shape &shape, ElementKind kind) {
  if (product(shape) > 64 || coin(0.3))
    return splat(shape, kind, kind == ElementKind::I1 ? uniformInt(0, 1)
                                                      : uniformInt(-16, 16) / 8.0);
  // Nested literal: values are multiples of 1/8 (exact in every type).
  std::string text;
  double magnitude = 0;
  std::function<void(size_t)> nest = [&](size_t dim) {
    if (dim == shape.size()) {
      int64_t value = kind == ElementKind::I1 ? uniformInt(0, 1) : uniformInt(-16, 16);
      if (reference::isFloat(kind)) {
        text += std::to_string(value / 8.0);
        magnitude = std::max(magnitude, std::abs(value / 8.0));
      } else if (kind == ElementKind::I1) {
        text += value ? "true" : "false";
      } else {
        text += std::to_string(value);
        magnitude = std::max(magnitude, std::abs(static_cast<double>(value)));
      }
      return;
    }
    text += "[";
    for (int64_t i = 0; i < shape[dim]; ++i) {
      if (i)
        text += ", ";
      nest(dim + 1);
    }
    text += "]";
  };
  nest(0);
  Value result{"%v" + std::to_string(nextValue++), shape, kind,
               kind == ElementKind::I1 ? 1.0 : magnitude};
  body += "  " + result.name + " = loom.constant dense<" + text + "> : " +
          result.type() + "\n";
  pool.push_back(result);
  return result;
}

Value Generator::floatOperand() {
  std::vector<Value> floats;
  for (const Value &value : pool)
    if (value.kind == floatKind)
      floats.push_back(value);
  if (floats.empty())
    return argument(randomShape(uniformInt(0, 4)), floatKind);
  // Recent values are likelier: the last few, then any.
  size_t recent = std::min<size_t>(floats.size(), 4);
  const Value &chosen = coin(0.6) ? floats[floats.size() - 1 - uniformInt(0, recent - 1)]
                                  : pick(floats);
  return tame(chosen);
}

Value Generator::sameType(const Value &like) {
  std::vector<Value> matches;
  for (const Value &value : pool)
    if (value.shape == like.shape && value.kind == like.kind && value.name != like.name)
      matches.push_back(value);
  int64_t choice = uniformInt(0, 9);
  if (choice < 4 && !matches.empty())
    return tame(pick(matches));
  if (choice < 5)
    return like;
  if (choice < 7 && like.isFloat()) {
    // A broadcast of a smaller value: a scalar or one with some dims of 1.
    Shape reduced = like.shape;
    for (int64_t &dim : reduced)
      if (coin(0.5))
        dim = 1;
    std::vector<int64_t> dims(like.shape.size());
    std::iota(dims.begin(), dims.end(), 0);
    Value small = coin(0.3) ? argument({}, like.kind) : argument(reduced, like.kind);
    if (small.shape.empty())
      dims.clear();
    return emit("broadcast_in_dim", small.name + " dims = " + listText(dims),
                small.type() + " -> " + like.type(), like.shape, like.kind,
                small.magnitude);
  }
  if (choice < 8)
    return constant(like.shape, like.kind);
  return argument(like.shape, like.kind);
}

Value Generator::floatOfShape(const Shape &shape) {
  std::vector<Value> matches;
  for (const Value &value : pool)
    if (value.shape == shape && value.kind == floatKind)
      matches.push_back(value);
  if (!matches.empty() && coin(0.7))
    return tame(pick(matches));
  return argument(shape, floatKind);
}

Value Generator::tame(const Value &x) {
  if (!x.isFloat() || x.magnitude <= kMaxMagnitude)
    return x;
  return unary("tanh", x, 1);
}

Value Generator::positive(const Value &x) {
  Value base = tame(x);
  if (smooth()) {
    if (base.magnitude <= kMaxExpArgument && coin(0.5))
      return unary("exp", base, std::exp(base.magnitude));
    Value squared = unary("square", base, base.magnitude * base.magnitude);
    return binary("add", squared, splat(x.shape, x.kind, 0.5), squared.magnitude + 0.5);
  }
  Value absolute = unary("abs", base, base.magnitude);
  return binary("add", absolute, splat(x.shape, x.kind, 0.5), absolute.magnitude + 0.5);
}

void Generator::elementwiseUnary() {
  static const std::vector<std::string> all = {
      "neg", "exp", "log", "tanh", "sigmoid", "relu", "gelu", "sqrt", "rsqrt",
      "square", "abs", "leaky_relu"};
  static const std::vector<std::string> differentiable = {
      "neg", "exp", "log", "tanh", "sigmoid", "gelu", "sqrt", "rsqrt", "square"};
  const std::string &op = pick(smooth() ? differentiable : all);
  Value x = floatOperand();
  if (op == "exp") {
    if (x.magnitude > kMaxExpArgument)
      x = unary("tanh", x, 1);
    unary(op, x, std::exp(x.magnitude));
  } else if (op == "log") {
    Value p = positive(x);
    unary(op, p, std::max(std::log(2.0), std::log(p.magnitude)));
  } else if (op == "sqrt") {
    Value p = positive(x);
    unary(op, p, std::sqrt(p.magnitude));
  } else if (op == "rsqrt") {
    unary(op, positive(x), std::sqrt(2.0));
  } else if (op == "tanh" || op == "sigmoid") {
    unary(op, x, 1);
  } else if (op == "square") {
    unary(op, x, x.magnitude * x.magnitude);
  } else if (op == "leaky_relu") {
    static const std::vector<double> alphas = {0.01, 0.1, 0.2, 0.3, 1.5};
    double alpha = pick(alphas);
    std::string text;
    llvm::raw_string_ostream(text) << x.name << ", " << llvm::format("%g", alpha);
    emit(op, text, x.type(), x.shape, x.kind, x.magnitude * std::max(1.0, alpha));
  } else {
    unary(op, x, x.magnitude);
  }
}

void Generator::elementwiseBinary() {
  static const std::vector<std::string> all = {"add", "sub", "mul", "div",
                                               "max", "min", "pow"};
  static const std::vector<std::string> differentiable = {"add", "sub", "mul",
                                                          "div", "pow"};
  const std::string &op = pick(smooth() ? differentiable : all);
  Value a = floatOperand();
  Value b = sameType(a);
  if (op == "div") {
    Value divisor = positive(b);
    if (coin(0.5))
      divisor = unary("neg", divisor, divisor.magnitude);
    binary(op, a, divisor, 2 * a.magnitude);
  } else if (op == "pow") {
    Value base = positive(a);
    Value exponent = unary("tanh", b, 1);
    if (coin(0.5))
      exponent = binary("mul", exponent, splat(b.shape, b.kind, 2.5), 2.5);
    binary(op, base, exponent,
           std::pow(std::max(base.magnitude, 2.0), exponent.magnitude));
  } else if (op == "add" || op == "sub") {
    binary(op, a, b, a.magnitude + b.magnitude);
  } else if (op == "mul") {
    binary(op, a, b, a.magnitude * b.magnitude);
  } else {
    binary(op, a, b, std::max(a.magnitude, b.magnitude));
  }
}

void Generator::compareSelect() {
  static const std::vector<std::string> predicates = {"eq", "ne", "lt",
                                                      "le", "gt", "ge"};
  // Compare floats, or the integers of the pool where there are any.
  Value a = floatOperand();
  for (const Value &value : pool)
    if (!value.isFloat() && value.kind != ElementKind::I1 && coin(0.3))
      a = value;
  Value b = sameType(a);
  Value condition = emit("compare", pick(predicates) + ", " + a.name + ", " + b.name,
                         a.type(), a.shape, ElementKind::I1, 1);
  if (coin(0.2))
    return; // an i1 result of its own
  Value onTrue = floatOfShape(condition.shape);
  if (coin(0.2))
    onTrue = a; // select between the compared values
  Value onFalse = sameType(onTrue);
  emit("select", condition.name + ", " + onTrue.name + ", " + onFalse.name,
       condition.type() + ", " + onTrue.type(), onTrue.shape, onTrue.kind,
       std::max(onTrue.magnitude, onFalse.magnitude));
}

void Generator::convert() {
  static const std::vector<ElementKind> kinds = {
      ElementKind::F32, ElementKind::F64, ElementKind::I1, ElementKind::I32,
      ElementKind::I64};
  Value x = coin(0.7) || pool.empty() ? floatOperand() : tame(pick(pool));
  ElementKind target = pick(kinds);
  if (target == x.kind)
    target = x.kind == ElementKind::F32 ? ElementKind::F64 : ElementKind::F32;
  // Scale floats before truncation so the integers are not all 0.
  if (x.isFloat() && !reference::isFloat(target) && target != ElementKind::I1 &&
      coin(0.7))
    x = binary("mul", x, splat(x.shape, x.kind, 4.5), x.magnitude * 4.5);
  double magnitude = target == ElementKind::I1 ? 1 : x.magnitude;
  Value converted = emit("convert", x.name, x.type() + " -> " + typeText(x.shape, target),
                         x.shape, target, magnitude);
  // Back to the program's float type now and then, so the value flows on.
  if (!converted.isFloat() && coin(0.5))
    emit("convert", converted.name,
         converted.type() + " -> " + typeText(x.shape, floatKind), x.shape, floatKind,
         magnitude);
  else if (converted.isFloat() && converted.kind != floatKind && coin(0.5))
    emit("convert", converted.name,
         converted.type() + " -> " + typeText(x.shape, floatKind), x.shape, floatKind,
         magnitude);
}

void Generator::broadcast() {
  Value x = coin(0.8) ? floatOperand() : tame(pick(pool));
  int64_t rank = static_cast<int64_t>(x.shape.size());
  int64_t resultRank = uniformInt(rank, 4);
  // Operand dim i goes to result dim dims[i], strictly increasing.
  std::vector<int64_t> positions(resultRank);
  std::iota(positions.begin(), positions.end(), 0);
  std::shuffle(positions.begin(), positions.end(), engine);
  std::vector<int64_t> dims(positions.begin(), positions.begin() + rank);
  std::sort(dims.begin(), dims.end());
  Shape result(resultRank, 0);
  for (int64_t i = 0; i < rank; ++i)
    result[dims[i]] = x.shape[i] == 1 && coin(0.5) ? size() : x.shape[i];
  for (int64_t &dim : result)
    if (dim == 0)
      dim = size();
  // Keep it small: new dims back to 1 while too big.
  for (int64_t d = 0; d < resultRank && product(result) > kMaxElements; ++d)
    if (!std::count(dims.begin(), dims.end(), d) ||
        x.shape[std::find(dims.begin(), dims.end(), d) - dims.begin()] == 1)
      result[d] = 1;
  if (product(result) > kMaxElements)
    return;
  emit("broadcast_in_dim", x.name + " dims = " + listText(dims),
       x.type() + " -> " + typeText(result, x.kind), result, x.kind, x.magnitude);
}

void Generator::reshape() {
  Value x = coin(0.8) ? floatOperand() : tame(pick(pool));
  // Factor the element count into up to 4 dims, in random order.
  int64_t count = product(x.shape);
  Shape factors;
  for (int64_t rest = count, p = 2; rest > 1;) {
    if (p * p > rest) {
      factors.push_back(rest);
      break;
    }
    if (rest % p == 0) {
      factors.push_back(p);
      rest /= p;
    } else {
      ++p;
    }
  }
  int64_t rank = uniformInt(factors.empty() ? 0 : 1, 4);
  Shape result(rank, 1);
  for (int64_t factor : factors)
    result[uniformInt(0, rank - 1)] *= factor;
  emit("reshape", x.name, x.type() + " -> " + typeText(result, x.kind), result,
       x.kind, x.magnitude);
}

void Generator::transpose() {
  Value x = coin(0.8) ? floatOperand() : tame(pick(pool));
  std::vector<int64_t> permutation(x.shape.size());
  std::iota(permutation.begin(), permutation.end(), 0);
  std::shuffle(permutation.begin(), permutation.end(), engine);
  Shape result;
  for (int64_t p : permutation)
    result.push_back(x.shape[p]);
  emit("transpose", x.name + " perm = " + listText(permutation),
       x.type() + " -> " + typeText(result, x.kind), result, x.kind, x.magnitude);
}

void Generator::slice() {
  Value x = coin(0.8) ? floatOperand() : tame(pick(pool));
  Shape start, limit, strides, result;
  for (int64_t dim : x.shape) {
    int64_t first = uniformInt(0, dim - 1);
    int64_t last = uniformInt(first + 1, dim);
    int64_t stride = coin(0.6) ? 1 : uniformInt(1, 3);
    start.push_back(first);
    limit.push_back(last);
    strides.push_back(stride);
    result.push_back((last - first + stride - 1) / stride);
  }
  emit("slice",
       x.name + " start = " + listText(start) + " limit = " + listText(limit) +
           " strides = " + listText(strides),
       x.type() + " -> " + typeText(result, x.kind), result, x.kind, x.magnitude);
}

void Generator::concat() {
  Value first = coin(0.8) ? floatOperand() : tame(pick(pool));
  if (first.shape.empty())
    return;
  int64_t axis = uniformInt(0, static_cast<int64_t>(first.shape.size()) - 1);
  std::vector<Value> inputs = {first};
  int64_t count = uniformInt(2, 3);
  Shape result = first.shape;
  while (static_cast<int64_t>(inputs.size()) < count) {
    Value next = first;
    if (coin(0.6)) {
      Shape other = first.shape;
      other[axis] = size();
      if (product(result) + product(other) > kMaxElements)
        break;
      next = first.kind == floatKind ? floatOfShape(other) : argument(other, first.kind);
    }
    result[axis] += next.shape[axis];
    inputs.push_back(next);
  }
  if (inputs.size() < 2)
    return;
  std::string names, types;
  double magnitude = 0;
  for (const Value &input : inputs) {
    names += (names.empty() ? "" : ", ") + input.name;
    types += (types.empty() ? "" : ", ") + input.type();
    magnitude = std::max(magnitude, input.magnitude);
  }
  emit("concat", names + " axis = " + std::to_string(axis),
       "(" + types + ") -> " + typeText(result, first.kind), result, first.kind,
       magnitude);
}

void Generator::matmul() {
  // lhs [b..., m, k] from the pool where one has rank >= 2, else new.
  Value lhs = floatOperand();
  // Now and then one big enough to be split among threads: m, k and n of
  // 47-64 are 100k-260k steps, above the CPU strategy's 65536 (smaller
  // random sizes almost never reach it).
  bool threaded = coin(0.05);
  static const std::vector<int64_t> kThreadedSizes = {47, 63, 64};
  // Now and then whole tensor-core instructions (m a multiple of 16, k and
  // n of 8), which the GPU strategy gives warp tiles.
  bool tensorCores = !threaded && coin(0.15);
  static const std::vector<int64_t> kTensorCoreRows = {16, 32};
  static const std::vector<int64_t> kTensorCoreDepths = {8, 16, 24};
  if (threaded) {
    lhs = floatOfShape({pick(kThreadedSizes), pick(kThreadedSizes)});
  } else if (tensorCores) {
    Shape shape = coin(0.7) ? Shape{} : Shape{uniformInt(1, 2)};
    shape.push_back(pick(kTensorCoreRows));
    shape.push_back(pick(kTensorCoreDepths));
    lhs = floatOfShape(shape);
  } else if (lhs.shape.size() < 2 || coin(0.3)) {
    int64_t batchRank = coin(0.6) ? 0 : uniformInt(1, 2);
    lhs = floatOfShape(randomShape(batchRank + 2));
  }
  int64_t budget = std::max(kMaxElements, product(lhs.shape));
  // rhs [b..., k, n].
  int64_t k = lhs.shape.back();
  Shape rhsShape(lhs.shape.begin(), lhs.shape.end() - 2);
  int64_t n = threaded      ? pick(kThreadedSizes)
              : tensorCores ? pick(std::vector<int64_t>{8, 16})
                            : size();
  while (n > 1 && product(rhsShape) * k * n > budget)
    n = n / 2;
  rhsShape.push_back(k);
  rhsShape.push_back(n);
  Value rhs = floatOfShape(rhsShape);
  Shape result(lhs.shape.begin(), lhs.shape.end() - 1);
  result.push_back(rhs.shape.back());
  if (product(result) > budget)
    return;
  emit("matmul", lhs.name + ", " + rhs.name,
       lhs.type() + ", " + rhs.type() + " -> " + typeText(result, floatKind), result,
       floatKind, static_cast<double>(k) * lhs.magnitude * rhs.magnitude);
}

void Generator::conv2d(bool transposed) {
  int64_t n = uniformInt(1, 2), channels = pick(std::vector<int64_t>{1, 2, 3, 4, 5, 8});
  // conv2d_transpose compiles slowly (~0.25 s for 16 channels): fewer there.
  int64_t outChannels = transposed ? pick(std::vector<int64_t>{1, 2, 3, 4})
                                   : pick(std::vector<int64_t>{1, 2, 3, 4, 5, 8, 16});
  int64_t kh = uniformInt(1, 3), kw = uniformInt(1, 3);
  Shape strides = {uniformInt(1, 3), uniformInt(1, 3)};
  Shape padding = {uniformInt(0, 2), uniformInt(0, 2)};
  Shape dilations = {coin(0.7) ? 1 : 2, coin(0.7) ? 1 : 2};
  Shape spatial = {uniformInt(1, 12), uniformInt(1, 12)};
  Shape out(2);
  for (int d = 0; d < 2; ++d) {
    int64_t extent = dilations[d] * ((d ? kw : kh) - 1) + 1;
    padding[d] = std::min(padding[d], extent - 1);
    if (spatial[d] + 2 * padding[d] < extent)
      spatial[d] = extent - 2 * padding[d];
    out[d] = (spatial[d] + 2 * padding[d] - extent) / strides[d] + 1;
  }
  std::string attrs = " strides = " + listText(strides) + " padding = " +
                      listText(padding) + " dilations = " + listText(dilations);
  Shape filterShape = {outChannels, channels, kh, kw};
  Value filter = floatOfShape(filterShape);
  if (!transposed) {
    Shape inputShape = {n, channels, spatial[0], spatial[1]};
    Value input = floatOfShape(inputShape);
    Shape result = {n, outChannels, out[0], out[1]};
    emit("conv2d", input.name + ", " + filter.name + attrs,
         input.type() + ", " + filter.type() + " -> " + typeText(result, floatKind),
         result, floatKind,
         static_cast<double>(channels * kh * kw) * input.magnitude * filter.magnitude);
    return;
  }
  Shape inputShape = {n, outChannels, out[0], out[1]};
  Value input = floatOfShape(inputShape);
  Shape result = {n, channels, spatial[0], spatial[1]};
  emit("conv2d_transpose", input.name + ", " + filter.name + attrs,
       input.type() + ", " + filter.type() + " -> " + typeText(result, floatKind),
       result, floatKind,
       static_cast<double>(outChannels * kh * kw) * input.magnitude * filter.magnitude);
}

void Generator::reduce() {
  std::vector<std::string> ops = {"reduce_sum", "reduce_mean"};
  if (!smooth())
    ops.push_back("reduce_max");
  const std::string &op = pick(ops);
  Value x = floatOperand();
  if (x.shape.empty())
    return;
  // Every axis (a full reduction to a scalar) often, else a random subset.
  std::vector<int64_t> axes;
  bool all = coin(0.4);
  for (int64_t d = 0; d < static_cast<int64_t>(x.shape.size()); ++d)
    if (all || coin(0.5))
      axes.push_back(d);
  if (axes.empty())
    axes.push_back(uniformInt(0, static_cast<int64_t>(x.shape.size()) - 1));
  Shape result;
  int64_t count = 1;
  for (int64_t d = 0; d < static_cast<int64_t>(x.shape.size()); ++d) {
    if (std::count(axes.begin(), axes.end(), d))
      count *= x.shape[d];
    else
      result.push_back(x.shape[d]);
  }
  double magnitude = op == "reduce_sum" ? count * x.magnitude : x.magnitude;
  emit(op, x.name + " axes = " + listText(axes),
       x.type() + " -> " + typeText(result, floatKind), result, floatKind, magnitude);
}

void Generator::allReduce() {
  if (!communicator) {
    communicator = Value{"%v" + std::to_string(nextValue++), {}, ElementKind::I64, 0};
    body += "  " + communicator->name + " = loom.constant dense<0> : " +
            communicator->type() + "\n";
  }
  const char *kind = coin(0.5) ? "sum" : "mean";
  int64_t count = uniformInt(1, 3);
  std::vector<Value> inputs;
  for (int64_t i = 0; i < count; ++i)
    inputs.push_back(floatOperand());
  std::string name = "%v" + std::to_string(nextValue++);
  std::string names = communicator->name, types = communicator->type();
  for (const Value &input : inputs) {
    names += ", " + input.name;
    types += ", " + input.type();
  }
  body += "  " + name + (count > 1 ? ":" + std::to_string(count) : "") +
          " = loom.all_reduce " + kind + " " + names + " : " + types + "\n";
  // In the world of one process each result is its operand, for both kinds.
  for (int64_t i = 0; i < count; ++i)
    pool.push_back(Value{count > 1 ? name + "#" + std::to_string(i) : name,
                         inputs[i].shape, inputs[i].kind, inputs[i].magnitude});
}

void Generator::source() {
  int64_t choice = uniformInt(0, 3);
  Shape shape = randomShape(uniformInt(0, 4));
  if (choice == 0) {
    std::vector<ElementKind> kinds = {floatKind, floatKind, ElementKind::I32,
                                      ElementKind::I64, ElementKind::I1};
    constant(shape, smooth() ? floatKind : pick(kinds));
  } else if (choice == 1 && !shape.empty()) {
    int64_t dim = uniformInt(0, static_cast<int64_t>(shape.size()) - 1);
    std::vector<ElementKind> kinds = {floatKind, floatKind, ElementKind::I32,
                                      ElementKind::I64, ElementKind::I1};
    ElementKind kind = smooth() ? floatKind : pick(kinds);
    emit("iota", "dim = " + std::to_string(dim), typeText(shape, kind), shape, kind,
         static_cast<double>(shape[dim]));
  } else {
    if (!seedArgument) {
      seedArgument = argument({}, ElementKind::I64);
    }
    bool normal = coin(0.5);
    emit(normal ? "random_normal" : "random_uniform",
         seedArgument->name + " stream = " + std::to_string(uniformInt(0, 3)),
         seedArgument->type() + " -> " + typeText(shape, floatKind), shape, floatKind,
         normal ? 6.0 : 1.0);
  }
}

void Generator::step() {
  // Weights: elementwise ops dominate real graphs; every op appears often.
  int64_t choice = uniformInt(0, 99);
  if (choice < 22)
    elementwiseUnary();
  else if (choice < 44)
    elementwiseBinary();
  else if (choice < 50 && !smooth())
    compareSelect();
  else if (choice < 54 && !smooth())
    convert();
  else if (choice < 59)
    broadcast();
  else if (choice < 64)
    reshape();
  else if (choice < 68)
    transpose();
  else if (choice < 72)
    slice();
  else if (choice < 76)
    concat();
  else if (choice < 83)
    matmul();
  else if (choice < 86)
    conv2d(false);
  else if (choice < 89)
    conv2d(true);
  else if (choice < 95)
    reduce();
  else if (choice < 97)
    allReduce();
  else
    source();
}

std::string Generator::function(const std::string &name, uint64_t seed) {
  int64_t arguments = uniformInt(1, 3);
  for (int64_t i = 0; i < arguments; ++i)
    argument(randomShape(uniformInt(0, 4)), floatKind);
  if (!smooth() && coin(0.2))
    argument(randomShape(uniformInt(0, 3)),
             pick(std::vector<ElementKind>{ElementKind::I1, ElementKind::I32,
                                           ElementKind::I64}));
  int64_t steps = uniformInt(2, 12);
  for (int64_t i = 0; i < steps; ++i)
    step();

  // Results: the last value, a few others (sometimes an argument, sometimes
  // one value twice).
  std::vector<Value> results = {pool.back()};
  int64_t extra = uniformInt(0, 4);
  for (int64_t i = 0; i < extra; ++i)
    results.push_back(coin(0.3) ? results[uniformInt(0, results.size() - 1)]
                                : pick(pool));
  // Now and then every scalar the program computed (full reductions above
  // all), so several results come out of one kind of op.
  if (coin(0.3))
    for (const Value &value : pool)
      if (value.shape.empty() && value.name.starts_with("%v"))
        results.push_back(value);
  if (smooth()) {
    // loss = sum of reduce_sum(result_i * w_i), w_i weights that are not
    // differentiated; the results stay as auxiliaries.
    std::vector<Value> floats;
    for (const Value &result : results)
      if (result.kind == ElementKind::F64)
        floats.push_back(result);
    if (floats.empty())
      floats.push_back(floatOperand());
    std::optional<Value> loss;
    for (const Value &result : floats) {
      Value weight{"%w" + std::to_string(nextInput), result.shape, result.kind, 1};
      parameters.push_back(weight.name + ": " + weight.type() + " {" + kInputAttr +
                           " = " + std::to_string(nextInput++) + " : i64}");
      Value product = binary("mul", result, weight, result.magnitude);
      Value sum = product;
      if (!product.shape.empty()) {
        std::vector<int64_t> axes(product.shape.size());
        std::iota(axes.begin(), axes.end(), 0);
        sum = emit("reduce_sum", product.name + " axes = " + listText(axes),
                   product.type() + " -> " + typeText({}, result.kind), {},
                   result.kind, product.magnitude);
      }
      loss = loss ? binary("add", *loss, sum, 0) : sum;
    }
    results.insert(results.begin(), *loss);
  }

  std::string text = "func.func @" + name + "(";
  for (size_t i = 0; i < parameters.size(); ++i)
    text += (i ? ", " : "") + parameters[i];
  text += ") -> (";
  for (size_t i = 0; i < results.size(); ++i)
    text += (i ? ", " : "") + results[i].type();
  text += ") attributes {" + std::string(kSeedAttr) + " = " +
          std::to_string(static_cast<int64_t>(seed)) + " : i64} {\n" + body +
          "  return ";
  for (size_t i = 0; i < results.size(); ++i)
    text += (i ? ", " : "") + results[i].name;
  text += " : ";
  for (size_t i = 0; i < results.size(); ++i)
    text += (i ? ", " : "") + results[i].type();
  return text + "\n}\n";
}

} // namespace

std::string generateFunction(uint64_t seed, const std::string &name,
                             ProgramKind kind) {
  return Generator(seed, kind).function(name, seed);
}

RefTensor makeInput(uint64_t seed, int64_t input, mlir::RankedTensorType type) {
  std::seed_seq sequence{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                         static_cast<uint32_t>(input), 0x1f2e3d4cu};
  std::mt19937_64 engine(sequence);
  ElementKind kind = *reference::elementKindOf(type.getElementType());
  Shape shape(type.getShape().begin(), type.getShape().end());
  int64_t count = type.getNumElements();
  if (reference::isFloat(kind)) {
    std::uniform_real_distribution<double> distribution(-1, 1);
    std::vector<double> values(count);
    for (double &value : values)
      value = distribution(engine);
    return RefTensor::floating(kind, shape, std::move(values));
  }
  std::vector<int64_t> values(count);
  std::uniform_int_distribution<int64_t> distribution(
      kind == ElementKind::I1 ? 0 : -4,
      kind == ElementKind::I1 ? 1 : (shape.empty() && kind == ElementKind::I64 ? (1 << 20) : 4));
  for (int64_t &value : values)
    value = distribution(engine);
  return RefTensor::integer(kind, shape, std::move(values));
}

Expected<std::vector<RefTensor>> programInputs(mlir::func::FuncOp func) {
  auto seed = func->getAttrOfType<mlir::IntegerAttr>(kSeedAttr);
  if (!seed)
    return Error(ErrorKind::InvalidIR, "@" + func.getSymName().str() + " has no " + kSeedAttr + " attribute");
  std::vector<RefTensor> inputs;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto input = func.getArgAttrOfType<mlir::IntegerAttr>(i, kInputAttr);
    auto type = mlir::dyn_cast<mlir::RankedTensorType>(func.getArgument(i).getType());
    if (!input || !type)
      return Error(ErrorKind::InvalidIR, "@" + func.getSymName().str() + ": argument " + std::to_string(i) +
                   " has no " + kInputAttr + " attribute or is not a ranked tensor");
    inputs.push_back(makeInput(static_cast<uint64_t>(seed.getInt()), input.getInt(), type));
  }
  return inputs;
}

} // namespace loom::difftest
