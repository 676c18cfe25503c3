//===- OpsJITTest.cpp - Every loom op, JIT-compiled vs. the reference -----===//
//
// Each test writes a small loom function as MLIR text, compiles it with
// loom::Compiler (the whole CPU pipeline down to machine code), runs it on
// random inputs and compares every element with loom::reference's naive
// evaluator. Shapes deliberately include sizes that are not multiples of the
// vector width or of any tile (3x5, 7x33, 2x3x5x7, odd convolution windows).
//
// An element passes when |jit - reference| <= atol + rtol * |reference|.
// Bounds, and the worst errors measured on this pipeline (AMD Zen 4, inputs
// as generated below) that they were set from:
//
//   class of op                  f32 rtol, atol   measured    f64 rtol, atol   measured
//   exact: one IEEE operation    0, 0             0           0, 0             0
//     per element or pure data
//     movement (add, sub, mul,
//     div, max, min, neg, relu,
//     abs, square, sqrt, compare,
//     select, convert, layout,
//     constant, iota,
//     random_uniform)
//   leaky_relu (alpha is rounded 2^-22, 0         1 ulp       2^-51, 0         0
//     to f32 before the multiply)
//   transcendental (exp, log,    1e-6, 2e-6       rel 1.8e-7  1e-13, 1e-14     0
//     tanh, sigmoid, gelu, rsqrt,                 abs 5.1e-7
//     pow, random_normal)                         (gelu near 0)
//   accumulating (matmul,        1e-5, 5e-6       abs 9.5e-7  1e-13, 1e-14     abs 1.8e-15
//     conv2d, conv2d_transpose, reductions, the
//     fused chains): the JIT
//     accumulates in the element
//     type, the reference in
//     double; inputs in [-1, 1],
//     K <= 63
//
// The CPU is the host's unless the environment variable LOOM_TEST_CPU names
// another (test/Integration/ops-jit-x86-64-v3.test runs the suite for
// x86-64-v3: 256-bit vectors, 16 registers).
//
// The reference rounds each op's result to the element type once, so the
// exact class must match bit for bit. Every failure reports the worst absolute
// and relative error and the first mismatching elements.
//
//===----------------------------------------------------------------------===//
#include "loom/Reference/Evaluator.h"
#include "loom/Compiler/Compiler.h"

#include "loom/Dialect/Loom/IR/LoomDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <limits>
#include <random>
#include <sstream>
#include <string>

using loom::reference::ElementKind;
using loom::reference::RefTensor;

namespace {

struct Tolerance {
  double rtol;
  double atol;
};

constexpr Tolerance kExact{0, 0};

Tolerance leakyTolerance(ElementKind kind) {
  return kind == ElementKind::F32 ? Tolerance{std::ldexp(1.0, -22), 0}
                                  : Tolerance{std::ldexp(1.0, -51), 0};
}
Tolerance transcendentalTolerance(ElementKind kind) {
  return kind == ElementKind::F32 ? Tolerance{1e-6, 2e-6} : Tolerance{1e-13, 1e-14};
}
Tolerance accumulatingTolerance(ElementKind kind) {
  return kind == ElementKind::F32 ? Tolerance{1e-5, 5e-6} : Tolerance{1e-13, 1e-14};
}

const ElementKind kFloatKinds[] = {ElementKind::F32, ElementKind::F64};

/// Replaces every `{T}` in `pattern` with the element type's name.
std::string instantiate(std::string pattern, ElementKind kind) {
  const std::string name = loom::reference::toString(kind);
  for (size_t at = pattern.find("{T}"); at != std::string::npos;
       at = pattern.find("{T}", at + name.size()))
    pattern.replace(at, 3, name);
  return pattern;
}

std::string shapeText(const std::vector<int64_t> &shape) {
  std::string text;
  for (int64_t size : shape)
    text += std::to_string(size) + "x";
  return text;
}

loom::DType dtypeOf(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return loom::DType::F32;
  case ElementKind::F64:
    return loom::DType::F64;
  case ElementKind::I1:
    return loom::DType::I1;
  case ElementKind::I32:
    return loom::DType::I32;
  case ElementKind::I64:
    return loom::DType::I64;
  }
  return loom::DType::F32;
}

loom::Tensor toRuntime(const RefTensor &ref) {
  switch (ref.kind) {
  case ElementKind::F32:
    return loom::Tensor::fromVector<float>(
        ref.shape, std::vector<float>(ref.floats.begin(), ref.floats.end()));
  case ElementKind::F64:
    return loom::Tensor::fromVector<double>(ref.shape, ref.floats);
  case ElementKind::I1: {
    std::vector<bool> bits(ref.ints.begin(), ref.ints.end());
    loom::Tensor tensor = loom::Tensor::zeros(ref.shape, loom::DType::I1);
    bool *data = tensor.data<bool>();
    for (size_t i = 0; i < bits.size(); ++i)
      data[i] = bits[i];
    return tensor;
  }
  case ElementKind::I32:
    return loom::Tensor::fromVector<int32_t>(
        ref.shape, std::vector<int32_t>(ref.ints.begin(), ref.ints.end()));
  case ElementKind::I64:
    return loom::Tensor::fromVector<int64_t>(ref.shape, ref.ints);
  }
  return loom::Tensor::zeros({});
}

/// Seeded random inputs, so every failure reproduces.
class Inputs {
public:
  explicit Inputs(uint64_t seed) : engine(seed) {}

  RefTensor uniform(ElementKind kind, std::vector<int64_t> shape, double low = -1,
                    double high = 1) {
    std::uniform_real_distribution<double> distribution(low, high);
    std::vector<double> values(count(shape));
    for (double &value : values)
      value = distribution(engine);
    return RefTensor::floating(kind, std::move(shape), std::move(values));
  }

  /// Small integers, as floats where `kind` is a float: many exact ties,
  /// which comparisons need.
  RefTensor smallIntegers(ElementKind kind, std::vector<int64_t> shape,
                          int64_t low = -3, int64_t high = 3) {
    std::uniform_int_distribution<int64_t> distribution(low, high);
    std::vector<int64_t> values(count(shape));
    for (int64_t &value : values)
      value = distribution(engine);
    if (loom::reference::isFloat(kind))
      return RefTensor::floating(kind, std::move(shape),
                                 std::vector<double>(values.begin(), values.end()));
    return RefTensor::integer(kind, std::move(shape), std::move(values));
  }

private:
  static int64_t count(const std::vector<int64_t> &shape) {
    int64_t n = 1;
    for (int64_t size : shape)
      n *= size;
    return n;
  }
  std::mt19937_64 engine;
};

class OpsJITTest : public ::testing::Test {
protected:
  OpsJITTest() { context.loadDialect<loom::LoomDialect, mlir::func::FuncDialect>(); }

  /// Compiles `source` (entry `@main`), runs it and the reference on `args`,
  /// and compares every result element.
  void check(const std::string &source, const std::vector<RefTensor> &args,
             Tolerance tolerance) {
    SCOPED_TRACE(source);
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    ASSERT_TRUE(module) << "the test's MLIR does not parse";
    auto main = module->lookupSymbol<mlir::func::FuncOp>("main");
    ASSERT_TRUE(main);
    auto expected = loom::reference::evaluateReference(main, args);
    ASSERT_TRUE(expected) << expected.error().message();

    auto executable = compiler.compileSource(source, "ops-jit-test.mlir");
    ASSERT_TRUE(executable) << executable.error().message();
    std::vector<loom::Tensor> runtimeArgs;
    for (const RefTensor &arg : args)
      runtimeArgs.push_back(toRuntime(arg));
    auto actual = executable->run("main", runtimeArgs);
    ASSERT_TRUE(actual) << actual.error().message();
    ASSERT_EQ(actual->size(), expected->size());
    for (size_t r = 0; r < expected->size(); ++r)
      compare((*actual)[r], (*expected)[r], tolerance, r);
  }

  static void compare(const loom::Tensor &actual, const RefTensor &expected,
                      Tolerance tolerance, size_t resultIndex) {
    ASSERT_EQ(actual.dtype(), dtypeOf(expected.kind)) << "result " << resultIndex;
    ASSERT_EQ(actual.shape(), expected.shape) << "result " << resultIndex;
    int64_t failures = 0;
    double worstRelative = 0, worstAbsolute = 0;
    std::ostringstream report;
    for (int64_t i = 0; i < expected.numElements(); ++i) {
      double want = expected.asDouble(i), got = actual.elementAsDouble(i);
      double error = std::fabs(got - want);
      worstAbsolute = std::max(worstAbsolute, error);
      bool bothNaN = std::isnan(want) && std::isnan(got);
      if (want != 0)
        worstRelative = std::max(worstRelative, error / std::fabs(want));
      // Exact ops must match bit for bit, so the sign of a zero counts too;
      // equal infinities match whatever the tolerance.
      bool exact = tolerance.rtol == 0 && tolerance.atol == 0;
      bool identical = got == want && std::signbit(got) == std::signbit(want);
      if (bothNaN || identical ||
          (!exact && error <= tolerance.atol + tolerance.rtol * std::fabs(want)))
        continue;
      if (failures++ < 8)
        report << "  element " << i << ": jit " << got << ", reference " << want
               << ", |error| " << error << "\n";
    }
    EXPECT_EQ(failures, 0) << "result " << resultIndex << " "
                           << expected.typeString() << ": " << failures << " of "
                           << expected.numElements()
                           << " elements out of tolerance (rtol " << tolerance.rtol
                           << ", atol " << tolerance.atol
                           << "), worst absolute error " << worstAbsolute
                           << ", worst relative error " << worstRelative << "\n"
                           << std::setprecision(17) << report.str();
  }

  static loom::CompilerOptions testedCPU() {
    loom::CompilerOptions options;
    if (const char *cpu = std::getenv("LOOM_TEST_CPU"))
      options.cpu = cpu;
    return options;
  }

  mlir::MLIRContext context;
  loom::Compiler compiler{testedCPU()};
  Inputs inputs{20240611};
};

const std::vector<std::vector<int64_t>> kElementwiseShapes = {{3, 5}, {7, 33}, {2, 3, 17}};

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

std::string unarySource(const std::string &op, const std::vector<int64_t> &shape,
                        ElementKind kind, const std::string &extra = "") {
  std::string type = "tensor<" + shapeText(shape) + "{T}>";
  return instantiate("func.func @main(%x: " + type + ") -> " + type + " {\n" +
                         "  %r = loom." + op + " %x" + extra + " : " + type + "\n" +
                         "  return %r : " + type + "\n}\n",
                     kind);
}

std::string binarySource(const std::string &op, const std::vector<int64_t> &shape,
                         ElementKind kind) {
  std::string type = "tensor<" + shapeText(shape) + "{T}>";
  return instantiate("func.func @main(%a: " + type + ", %b: " + type + ") -> " + type +
                         " {\n  %r = loom." + op + " %a, %b : " + type + "\n" +
                         "  return %r : " + type + "\n}\n",
                     kind);
}

TEST_F(OpsJITTest, ExactBinaryOps) {
  for (const char *op : {"add", "sub", "mul", "div", "max", "min"})
    for (ElementKind kind : kFloatKinds)
      for (const auto &shape : kElementwiseShapes) {
        SCOPED_TRACE(op);
        check(binarySource(op, shape, kind),
              {inputs.uniform(kind, shape), inputs.uniform(kind, shape, 0.25, 2)}, kExact);
      }
}

/// Every pair of IEEE special values (NaN, infinities, signed zeros, a
/// subnormal, the largest finite value) and ordinary numbers, as a
/// [values x values] pair of tensors.
std::pair<RefTensor, RefTensor> specialValuePairs(ElementKind kind) {
  double largest = kind == ElementKind::F32 ? std::numeric_limits<float>::max()
                                            : std::numeric_limits<double>::max();
  double subnormal = kind == ElementKind::F32
                         ? std::numeric_limits<float>::denorm_min()
                         : std::numeric_limits<double>::denorm_min();
  const std::vector<double> values = {
      std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
      -std::numeric_limits<double>::infinity(), 0.0, -0.0, subnormal, -subnormal,
      1.0, -2.5, largest, -largest};
  int64_t n = values.size();
  std::vector<double> lhs, rhs;
  for (double a : values)
    for (double b : values) {
      lhs.push_back(a);
      rhs.push_back(b);
    }
  return {RefTensor::floating(kind, {n, n}, lhs), RefTensor::floating(kind, {n, n}, rhs)};
}

// NaN propagation and signed zeros, bit for bit against the reference (its
// semantics are in loom/Reference/Evaluator.h and docs/reliability.md).
TEST_F(OpsJITTest, SpecialValues) {
  for (ElementKind kind : kFloatKinds) {
    auto [lhs, rhs] = specialValuePairs(kind);
    std::vector<int64_t> shape = lhs.shape;
    for (const char *op : {"add", "sub", "mul", "div", "max", "min"}) {
      SCOPED_TRACE(op);
      check(binarySource(op, shape, kind), {lhs, rhs}, kExact);
    }
    for (const char *op : {"neg", "relu", "abs", "square", "sqrt"}) {
      SCOPED_TRACE(op);
      check(unarySource(op, shape, kind), {lhs}, kExact);
    }
    check(unarySource("leaky_relu", shape, kind, ", 1.000000e-01"), {lhs},
          leakyTolerance(kind));
    for (const char *predicate : {"eq", "ne", "lt", "le", "gt", "ge"}) {
      SCOPED_TRACE(predicate);
      check(instantiate(std::string("func.func @main(%a: tensor<11x11x{T}>, %b: "
                                    "tensor<11x11x{T}>) -> tensor<11x11xi1> {\n"
                                    "  %r = loom.compare ") +
                            predicate +
                            ", %a, %b : tensor<11x11x{T}>\n  return %r : "
                            "tensor<11x11xi1>\n}\n",
                        kind),
            {lhs, rhs}, kExact);
    }
    // Rows and columns with NaN, and rows of only signed zeros.
    check(instantiate(R"(
      func.func @main(%a: tensor<11x11x{T}>) -> (tensor<11x{T}>, tensor<11x{T}>, tensor<{T}>) {
        %rows = loom.reduce_max %a axes = [1] : tensor<11x11x{T}> -> tensor<11x{T}>
        %columns = loom.reduce_max %a axes = [0] : tensor<11x11x{T}> -> tensor<11x{T}>
        %all = loom.reduce_max %a axes = [0, 1] : tensor<11x11x{T}> -> tensor<{T}>
        return %rows, %columns, %all : tensor<11x{T}>, tensor<11x{T}>, tensor<{T}>
      })",
                      kind),
          {lhs}, kExact);
  }
}

// x + (+0.0) must not fold to x: for x = -0.0 it is +0.0. x + (-0.0) and
// x - (+0.0) are x for every x and fold.
TEST_F(OpsJITTest, ZeroIdentitiesKeepSignedZeros) {
  for (ElementKind kind : kFloatKinds) {
    auto [lhs, rhs] = specialValuePairs(kind);
    for (const char *zero : {"0.0", "-0.0"})
      for (const char *op : {"add", "sub"}) {
        SCOPED_TRACE(std::string(op) + " " + zero);
        check(instantiate(std::string("func.func @main(%x: tensor<11x11x{T}>) -> "
                                      "(tensor<11x11x{T}>, tensor<11x11x{T}>) {\n"
                                      "  %z = loom.constant dense<") +
                              zero + "> : tensor<11x11x{T}>\n  %r = loom." + op +
                              " %x, %z : tensor<11x11x{T}>\n  %l = loom." + op +
                              " %z, %x : tensor<11x11x{T}>\n"
                              "  return %r, %l : tensor<11x11x{T}>, tensor<11x11x{T}>\n}\n",
                          kind),
              {lhs}, kExact);
      }
  }
}

TEST_F(OpsJITTest, Pow) {
  for (ElementKind kind : kFloatKinds)
    for (const auto &shape : kElementwiseShapes)
      check(binarySource("pow", shape, kind),
            {inputs.uniform(kind, shape, 0.1, 3), inputs.uniform(kind, shape, -2, 2)},
            transcendentalTolerance(kind));
}

TEST_F(OpsJITTest, ExactUnaryOps) {
  for (const char *op : {"neg", "relu", "abs", "square"})
    for (ElementKind kind : kFloatKinds)
      for (const auto &shape : kElementwiseShapes) {
        SCOPED_TRACE(op);
        check(unarySource(op, shape, kind), {inputs.uniform(kind, shape, -3, 3)}, kExact);
      }
  for (ElementKind kind : kFloatKinds)
    for (const auto &shape : kElementwiseShapes)
      check(unarySource("sqrt", shape, kind), {inputs.uniform(kind, shape, 0, 5)}, kExact);
}

TEST_F(OpsJITTest, TranscendentalUnaryOps) {
  for (const char *op : {"exp", "tanh", "sigmoid", "gelu"})
    for (ElementKind kind : kFloatKinds)
      for (const auto &shape : kElementwiseShapes) {
        SCOPED_TRACE(op);
        check(unarySource(op, shape, kind), {inputs.uniform(kind, shape, -6, 6)},
              transcendentalTolerance(kind));
      }
  for (const char *op : {"log", "rsqrt"})
    for (ElementKind kind : kFloatKinds)
      for (const auto &shape : kElementwiseShapes) {
        SCOPED_TRACE(op);
        check(unarySource(op, shape, kind), {inputs.uniform(kind, shape, 0.01, 10)},
              transcendentalTolerance(kind));
      }
}

TEST_F(OpsJITTest, LeakyRelu) {
  for (ElementKind kind : kFloatKinds)
    for (const auto &shape : kElementwiseShapes)
      check(unarySource("leaky_relu", shape, kind, ", 1.000000e-01"),
            {inputs.uniform(kind, shape, -3, 3)}, leakyTolerance(kind));
}

TEST_F(OpsJITTest, CompareAllPredicatesAndTypes) {
  for (const char *predicate : {"eq", "ne", "lt", "le", "gt", "ge"})
    for (ElementKind kind : {ElementKind::F32, ElementKind::F64, ElementKind::I32,
                             ElementKind::I64}) {
      SCOPED_TRACE(predicate);
      std::string source = instantiate(
          std::string("func.func @main(%a: tensor<7x33x{T}>, %b: tensor<7x33x{T}>) -> "
                      "tensor<7x33xi1> {\n  %r = loom.compare ") +
              predicate + ", %a, %b : tensor<7x33x{T}>\n  return %r : tensor<7x33xi1>\n}\n",
          kind);
      check(source,
            {inputs.smallIntegers(kind, {7, 33}), inputs.smallIntegers(kind, {7, 33})},
            kExact);
    }
}

TEST_F(OpsJITTest, Select) {
  for (ElementKind kind : {ElementKind::F32, ElementKind::F64, ElementKind::I32,
                           ElementKind::I64, ElementKind::I1}) {
    std::string source = instantiate(R"(
      func.func @main(%c: tensor<7x33xi1>, %a: tensor<7x33x{T}>, %b: tensor<7x33x{T}>) -> tensor<7x33x{T}> {
        %r = loom.select %c, %a, %b : tensor<7x33xi1>, tensor<7x33x{T}>
        return %r : tensor<7x33x{T}>
      })",
                                     kind);
    bool isBool = kind == ElementKind::I1;
    check(source,
          {inputs.smallIntegers(ElementKind::I1, {7, 33}, 0, 1),
           inputs.smallIntegers(kind, {7, 33}, isBool ? 0 : -100, isBool ? 1 : 100),
           inputs.smallIntegers(kind, {7, 33}, isBool ? 0 : -100, isBool ? 1 : 100)},
          kExact);
  }
}

TEST_F(OpsJITTest, Convert) {
  struct Case {
    ElementKind from, to;
  };
  const Case cases[] = {
      {ElementKind::F32, ElementKind::F64}, {ElementKind::F64, ElementKind::F32},
      {ElementKind::F32, ElementKind::I32}, {ElementKind::F64, ElementKind::I64},
      {ElementKind::F64, ElementKind::I32}, {ElementKind::I32, ElementKind::F32},
      {ElementKind::I64, ElementKind::F64}, {ElementKind::I1, ElementKind::F32},
      {ElementKind::I1, ElementKind::I32},  {ElementKind::F32, ElementKind::I1},
      {ElementKind::I32, ElementKind::I1},  {ElementKind::I64, ElementKind::I32},
      {ElementKind::I32, ElementKind::I64},
  };
  for (const Case &c : cases) {
    std::string from = loom::reference::toString(c.from);
    std::string to = loom::reference::toString(c.to);
    SCOPED_TRACE(from + " -> " + to);
    std::string source = "func.func @main(%x: tensor<3x5x" + from + ">) -> tensor<3x5x" +
                         to + "> {\n  %r = loom.convert %x : tensor<3x5x" + from +
                         "> -> tensor<3x5x" + to + ">\n  return %r : tensor<3x5x" + to +
                         ">\n}\n";
    RefTensor input;
    if (loom::reference::isFloat(c.from) && loom::reference::isFloat(c.to))
      input = inputs.uniform(c.from, {3, 5}, -3, 3);
    else if (c.from == ElementKind::I1)
      input = inputs.smallIntegers(c.from, {3, 5}, 0, 1);
    else if (loom::reference::isFloat(c.from))
      // Fractions of both signs (truncation toward zero) and exact zeros (-> i1).
      input = inputs.smallIntegers(c.from, {3, 5}, -40, 40);
    else
      input = inputs.smallIntegers(c.from, {3, 5}, -1000, 1000);
    if (loom::reference::isFloat(c.from) && !loom::reference::isFloat(c.to))
      for (double &value : input.floats)
        value = RefTensor::floating(c.from, {}, {value / 8}).floats[0];
    check(source, {input}, kExact);
  }
}

//===----------------------------------------------------------------------===//
// Shape and layout
//===----------------------------------------------------------------------===//

TEST_F(OpsJITTest, BroadcastInDim) {
  struct Case {
    std::vector<int64_t> from, to;
    const char *dims;
  };
  const Case cases[] = {
      {{33}, {7, 33}, "[1]"},     {{7}, {7, 33}, "[0]"},         {{}, {3, 5}, "[]"},
      {{7, 1}, {7, 33}, "[0, 1]"}, {{3, 5}, {3, 2, 5}, "[0, 2]"}, {{1, 5}, {2, 3, 5}, "[1, 2]"},
  };
  for (ElementKind kind : {ElementKind::F32, ElementKind::F64, ElementKind::I32})
    for (const Case &c : cases) {
      std::string from = "tensor<" + shapeText(c.from) + "{T}>";
      std::string to = "tensor<" + shapeText(c.to) + "{T}>";
      std::string source = instantiate("func.func @main(%x: " + from + ") -> " + to +
                                           " {\n  %r = loom.broadcast_in_dim %x dims = " +
                                           c.dims + " : " + from + " -> " + to +
                                           "\n  return %r : " + to + "\n}\n",
                                       kind);
      check(source, {inputs.smallIntegers(kind, c.from, -100, 100)}, kExact);
    }
}

TEST_F(OpsJITTest, Reshape) {
  for (ElementKind kind : {ElementKind::F32, ElementKind::F64, ElementKind::I64})
    check(instantiate(R"(
      func.func @main(%x: tensor<7x33x{T}>) -> tensor<3x11x7x{T}> {
        %r = loom.reshape %x : tensor<7x33x{T}> -> tensor<3x11x7x{T}>
        return %r : tensor<3x11x7x{T}>
      })",
                      kind),
          {inputs.smallIntegers(kind, {7, 33}, -100, 100)}, kExact);
}

TEST_F(OpsJITTest, Transpose) {
  for (ElementKind kind : kFloatKinds) {
    check(instantiate(R"(
      func.func @main(%x: tensor<7x33x{T}>) -> tensor<33x7x{T}> {
        %r = loom.transpose %x perm = [1, 0] : tensor<7x33x{T}> -> tensor<33x7x{T}>
        return %r : tensor<33x7x{T}>
      })",
                      kind),
          {inputs.uniform(kind, {7, 33})}, kExact);
    check(instantiate(R"(
      func.func @main(%x: tensor<2x3x5x7x{T}>) -> tensor<5x2x7x3x{T}> {
        %r = loom.transpose %x perm = [2, 0, 3, 1] : tensor<2x3x5x7x{T}> -> tensor<5x2x7x3x{T}>
        return %r : tensor<5x2x7x3x{T}>
      })",
                      kind),
          {inputs.uniform(kind, {2, 3, 5, 7})}, kExact);
  }
}

TEST_F(OpsJITTest, Slice) {
  for (ElementKind kind : {ElementKind::F32, ElementKind::F64, ElementKind::I32}) {
    check(instantiate(R"(
      func.func @main(%x: tensor<7x33x{T}>) -> tensor<3x10x{T}> {
        %r = loom.slice %x start = [1, 2] limit = [6, 32] strides = [2, 3] : tensor<7x33x{T}> -> tensor<3x10x{T}>
        return %r : tensor<3x10x{T}>
      })",
                      kind),
          {inputs.smallIntegers(kind, {7, 33}, -100, 100)}, kExact);
    check(instantiate(R"(
      func.func @main(%x: tensor<2x3x5x{T}>) -> tensor<1x2x4x{T}> {
        %r = loom.slice %x start = [1, 0, 1] limit = [2, 2, 5] strides = [1, 1, 1] : tensor<2x3x5x{T}> -> tensor<1x2x4x{T}>
        return %r : tensor<1x2x4x{T}>
      })",
                      kind),
          {inputs.smallIntegers(kind, {2, 3, 5}, -100, 100)}, kExact);
  }
}

TEST_F(OpsJITTest, Concat) {
  for (ElementKind kind : {ElementKind::F32, ElementKind::F64, ElementKind::I32}) {
    check(instantiate(R"(
      func.func @main(%a: tensor<3x5x{T}>, %b: tensor<4x5x{T}>) -> tensor<7x5x{T}> {
        %r = loom.concat %a, %b axis = 0 : (tensor<3x5x{T}>, tensor<4x5x{T}>) -> tensor<7x5x{T}>
        return %r : tensor<7x5x{T}>
      })",
                      kind),
          {inputs.smallIntegers(kind, {3, 5}, -100, 100),
           inputs.smallIntegers(kind, {4, 5}, -100, 100)},
          kExact);
    check(instantiate(R"(
      func.func @main(%a: tensor<7x1x{T}>, %b: tensor<7x33x{T}>, %c: tensor<7x2x{T}>) -> tensor<7x36x{T}> {
        %r = loom.concat %a, %b, %c axis = 1 : (tensor<7x1x{T}>, tensor<7x33x{T}>, tensor<7x2x{T}>) -> tensor<7x36x{T}>
        return %r : tensor<7x36x{T}>
      })",
                      kind),
          {inputs.smallIntegers(kind, {7, 1}, -100, 100),
           inputs.smallIntegers(kind, {7, 33}, -100, 100),
           inputs.smallIntegers(kind, {7, 2}, -100, 100)},
          kExact);
  }
}

//===----------------------------------------------------------------------===//
// Contractions and reductions
//===----------------------------------------------------------------------===//

std::string matmulSource(const std::vector<int64_t> &lhs, const std::vector<int64_t> &rhs,
                         const std::vector<int64_t> &result, ElementKind kind) {
  std::string a = "tensor<" + shapeText(lhs) + "{T}>", b = "tensor<" + shapeText(rhs) + "{T}>",
              r = "tensor<" + shapeText(result) + "{T}>";
  return instantiate("func.func @main(%a: " + a + ", %b: " + b + ") -> " + r +
                         " {\n  %r = loom.matmul %a, %b : " + a + ", " + b + " -> " + r +
                         "\n  return %r : " + r + "\n}\n",
                     kind);
}

TEST_F(OpsJITTest, Matmul) {
  struct Case {
    std::vector<int64_t> lhs, rhs, result;
  };
  const Case cases[] = {
      {{3, 5}, {5, 7}, {3, 7}},
      {{7, 33}, {33, 17}, {7, 17}},
      {{1, 63}, {63, 1}, {1, 1}},
      {{32, 16}, {16, 48}, {32, 48}},
      {{2, 3, 5}, {2, 5, 7}, {2, 3, 7}},
      {{2, 3, 5, 7}, {2, 3, 7, 4}, {2, 3, 5, 4}},
  };
  for (ElementKind kind : kFloatKinds)
    for (const Case &c : cases)
      check(matmulSource(c.lhs, c.rhs, c.result, kind),
            {inputs.uniform(kind, c.lhs), inputs.uniform(kind, c.rhs)},
            accumulatingTolerance(kind));
}

TEST_F(OpsJITTest, MatmulPackedRhs) {
  // B (4.25 MiB of f32) exceeds the L2 of the CPUs Loom targets and A has 64
  // rows: the CPU strategy packs B into column panels. With K = 1024 terms of
  // magnitude up to 1, f32 rounding reaches ~6e-5; a misplaced panel would
  // be off by the size of the terms.
  const std::vector<int64_t> lhs{64, 1024}, rhs{1024, 1088}, result{64, 1088};
  for (ElementKind kind : kFloatKinds)
    check(matmulSource(lhs, rhs, result, kind),
          {inputs.uniform(kind, lhs), inputs.uniform(kind, rhs)},
          kind == ElementKind::F32 ? Tolerance{0, 1e-3} : Tolerance{0, 1e-11});
}

/// `loom.<op> %x, %w` with equal strides, padding and dilations on both
/// axes, as a function of f32 or f64 (`{T}`) tensors.
std::string convolutionSource(const std::string &op,
                              const std::vector<int64_t> &input,
                              const std::vector<int64_t> &filter,
                              const std::vector<int64_t> &result,
                              int64_t stride, int64_t padding,
                              int64_t dilation) {
  std::string x = "tensor<" + shapeText(input) + "{T}>";
  std::string w = "tensor<" + shapeText(filter) + "{T}>";
  std::string r = "tensor<" + shapeText(result) + "{T}>";
  auto pair = [](int64_t v) {
    return "[" + std::to_string(v) + ", " + std::to_string(v) + "]";
  };
  return "func.func @main(%x: " + x + ", %w: " + w + ") -> " + r +
         " {\n  %r = loom." + op + " %x, %w strides = " + pair(stride) +
         " padding = " + pair(padding) + " dilations = " + pair(dilation) +
         " : " + x + ", " + w + " -> " + r + "\n  return %r : " + r + "\n}\n";
}

struct ConvolutionCase {
  std::vector<int64_t> input, filter;
  int64_t stride, padding, dilation;

  /// The extent conv2d gives along spatial axis `d` (0 or 1).
  int64_t convolved(int64_t d) const {
    return (input[2 + d] + 2 * padding - dilation * (filter[2 + d] - 1) - 1) /
               stride + 1;
  }
};

TEST_F(OpsJITTest, Conv2D) {
  const ConvolutionCase cases[] = {
      {{1, 1, 5, 5}, {1, 1, 3, 3}, 1, 0, 1},
      {{2, 3, 7, 9}, {4, 3, 3, 3}, 2, 1, 1},
      {{1, 2, 8, 8}, {3, 2, 2, 2}, 2, 0, 1},
      {{2, 1, 6, 5}, {2, 1, 5, 3}, 1, 2, 1},
      {{2, 8, 6, 6}, {16, 8, 3, 3}, 2, 1, 1},
      {{2, 3, 9, 11}, {5, 3, 3, 3}, 1, 1, 2},
      {{1, 4, 12, 10}, {8, 4, 2, 3}, 3, 0, 2},
  };
  for (ElementKind kind : kFloatKinds)
    for (const ConvolutionCase &c : cases) {
      std::vector<int64_t> result = {c.input[0], c.filter[0], c.convolved(0),
                                     c.convolved(1)};
      check(instantiate(convolutionSource("conv2d", c.input, c.filter, result,
                                          c.stride, c.padding, c.dilation),
                        kind),
            {inputs.uniform(kind, c.input), inputs.uniform(kind, c.filter)},
            accumulatingTolerance(kind));
    }
}

TEST_F(OpsJITTest, Conv2DTranspose) {
  // `input` is the shape of the conv2d input the transpose produces; the
  // last case is one row and column longer than the convolution reaches, so
  // the transpose leaves them zero. The CPU strategy computes those with 4
  // or more cotangent channels (filter[0]) as a product and col2im, the
  // others directly, so both algorithms are checked.
  const ConvolutionCase cases[] = {
      {{2, 3, 7, 9}, {4, 3, 3, 3}, 2, 1, 1},
      {{1, 1, 28, 28}, {6, 1, 3, 3}, 2, 1, 1},
      {{2, 5, 6, 6}, {16, 5, 3, 3}, 1, 1, 1},
      {{1, 2, 11, 9}, {3, 2, 3, 2}, 2, 0, 2},
      {{2, 2, 8, 6}, {3, 2, 3, 3}, 2, 1, 1},
  };
  for (ElementKind kind : kFloatKinds)
    for (const ConvolutionCase &c : cases) {
      std::vector<int64_t> cotangent = {c.input[0], c.filter[0], c.convolved(0),
                                        c.convolved(1)};
      check(instantiate(convolutionSource("conv2d_transpose", cotangent,
                                          c.filter, c.input, c.stride,
                                          c.padding, c.dilation),
                        kind),
            {inputs.uniform(kind, cotangent), inputs.uniform(kind, c.filter)},
            accumulatingTolerance(kind));
    }
}

TEST_F(OpsJITTest, Reductions) {
  struct Case {
    std::vector<int64_t> operand;
    const char *axes;
    std::vector<int64_t> result;
  };
  const Case cases[] = {
      {{7, 33}, "[1]", {7}},       {{7, 33}, "[0]", {33}},        {{3, 5}, "[0, 1]", {}},
      {{2, 3, 17}, "[1]", {2, 17}}, {{2, 3, 17}, "[0, 2]", {3}},
  };
  for (const char *op : {"reduce_sum", "reduce_mean", "reduce_max"})
    for (ElementKind kind : kFloatKinds)
      for (const Case &c : cases) {
        SCOPED_TRACE(op);
        std::string x = "tensor<" + shapeText(c.operand) + "{T}>";
        std::string r = "tensor<" + shapeText(c.result) + "{T}>";
        check(instantiate("func.func @main(%x: " + x + ") -> " + r + " {\n  %r = loom." + op +
                              " %x axes = " + c.axes + " : " + x + " -> " + r +
                              "\n  return %r : " + r + "\n}\n",
                          kind),
              {inputs.uniform(kind, c.operand)}, accumulatingTolerance(kind));
      }
}

//===----------------------------------------------------------------------===//
// Sources
//===----------------------------------------------------------------------===//

TEST_F(OpsJITTest, Constants) {
  for (ElementKind kind : kFloatKinds)
    check(instantiate(R"(
      func.func @main(%x: tensor<2x3x{T}>) -> (tensor<2x3x{T}>, tensor<3x5x{T}>) {
        %c = loom.constant dense<[[1.5, -2.0, 0.1], [3.25, 1.0e-3, -7.0]]> : tensor<2x3x{T}>
        %s = loom.constant dense<0.3> : tensor<3x5x{T}>
        %r = loom.add %x, %c : tensor<2x3x{T}>
        return %r, %s : tensor<2x3x{T}>, tensor<3x5x{T}>
      })",
                      kind),
          {inputs.uniform(kind, {2, 3})}, kExact);
  check(R"(
    func.func @main() -> (tensor<2x3xi32>, tensor<3xi1>, tensor<2xi64>) {
      %a = loom.constant dense<[[1, -2, 3], [4, 5, -6]]> : tensor<2x3xi32>
      %b = loom.constant dense<[true, false, true]> : tensor<3xi1>
      %c = loom.constant dense<-9> : tensor<2xi64>
      return %a, %b, %c : tensor<2x3xi32>, tensor<3xi1>, tensor<2xi64>
    })",
        {}, kExact);
}

TEST_F(OpsJITTest, Iota) {
  for (ElementKind kind : {ElementKind::F32, ElementKind::F64, ElementKind::I32,
                           ElementKind::I64})
    check(instantiate(R"(
      func.func @main() -> (tensor<7x33x{T}>, tensor<7x33x{T}>, tensor<2x3x5x{T}>) {
        %a = loom.iota dim = 0 : tensor<7x33x{T}>
        %b = loom.iota dim = 1 : tensor<7x33x{T}>
        %c = loom.iota dim = 1 : tensor<2x3x5x{T}>
        return %a, %b, %c : tensor<7x33x{T}>, tensor<7x33x{T}>, tensor<2x3x5x{T}>
      })",
                      kind),
          {}, kExact);
}

TEST_F(OpsJITTest, RandomUniform) {
  for (ElementKind kind : kFloatKinds)
    for (int64_t seed : {0LL, 42LL, -7LL})
      check(instantiate(R"(
        func.func @main(%seed: tensor<i64>) -> (tensor<7x33x{T}>, tensor<2x3x5x{T}>) {
          %a = loom.random_uniform %seed stream = 0 : tensor<i64> -> tensor<7x33x{T}>
          %b = loom.random_uniform %seed stream = 3 : tensor<i64> -> tensor<2x3x5x{T}>
          return %a, %b : tensor<7x33x{T}>, tensor<2x3x5x{T}>
        })",
                        kind),
            {RefTensor::integer(ElementKind::I64, {}, {seed})}, kExact);
}

TEST_F(OpsJITTest, RandomNormal) {
  for (ElementKind kind : kFloatKinds)
    for (int64_t seed : {0LL, 42LL, -7LL})
      check(instantiate(R"(
        func.func @main(%seed: tensor<i64>) -> (tensor<7x33x{T}>, tensor<2x3x5x{T}>) {
          %a = loom.random_normal %seed stream = 1 : tensor<i64> -> tensor<7x33x{T}>
          %b = loom.random_normal %seed stream = 5 : tensor<i64> -> tensor<2x3x5x{T}>
          return %a, %b : tensor<7x33x{T}>, tensor<2x3x5x{T}>
        })",
                        kind),
            {RefTensor::integer(ElementKind::I64, {}, {seed})},
            transcendentalTolerance(kind));
}

//===----------------------------------------------------------------------===//
// Fused chains
//===----------------------------------------------------------------------===//

TEST_F(OpsJITTest, MatmulBiasRelu) {
  for (ElementKind kind : kFloatKinds)
    check(instantiate(R"(
      func.func @main(%x: tensor<7x33x{T}>, %w: tensor<33x17x{T}>, %b: tensor<17x{T}>) -> tensor<7x17x{T}> {
        %m = loom.matmul %x, %w : tensor<7x33x{T}>, tensor<33x17x{T}> -> tensor<7x17x{T}>
        %bb = loom.broadcast_in_dim %b dims = [1] : tensor<17x{T}> -> tensor<7x17x{T}>
        %s = loom.add %m, %bb : tensor<7x17x{T}>
        %r = loom.relu %s : tensor<7x17x{T}>
        return %r : tensor<7x17x{T}>
      })",
                      kind),
          {inputs.uniform(kind, {7, 33}), inputs.uniform(kind, {33, 17}),
           inputs.uniform(kind, {17})},
          accumulatingTolerance(kind));
}

TEST_F(OpsJITTest, SoftmaxFromPrimitives) {
  for (ElementKind kind : kFloatKinds)
    check(instantiate(R"(
      func.func @main(%x: tensor<7x33x{T}>) -> tensor<7x33x{T}> {
        %max = loom.reduce_max %x axes = [1] : tensor<7x33x{T}> -> tensor<7x{T}>
        %maxb = loom.broadcast_in_dim %max dims = [0] : tensor<7x{T}> -> tensor<7x33x{T}>
        %shifted = loom.sub %x, %maxb : tensor<7x33x{T}>
        %e = loom.exp %shifted : tensor<7x33x{T}>
        %sum = loom.reduce_sum %e axes = [1] : tensor<7x33x{T}> -> tensor<7x{T}>
        %sumb = loom.broadcast_in_dim %sum dims = [0] : tensor<7x{T}> -> tensor<7x33x{T}>
        %r = loom.div %e, %sumb : tensor<7x33x{T}>
        return %r : tensor<7x33x{T}>
      })",
                      kind),
          {inputs.uniform(kind, {7, 33}, -5, 5)}, accumulatingTolerance(kind));
}

TEST_F(OpsJITTest, ConvBiasGeluMeanPool) {
  for (ElementKind kind : kFloatKinds)
    check(instantiate(R"(
      func.func @main(%x: tensor<2x3x7x9x{T}>, %w: tensor<4x3x3x3x{T}>, %b: tensor<4x{T}>) -> tensor<2x4x{T}> {
        %c = loom.conv2d %x, %w strides = [2, 2] padding = [1, 1] : tensor<2x3x7x9x{T}>, tensor<4x3x3x3x{T}> -> tensor<2x4x4x5x{T}>
        %bb = loom.broadcast_in_dim %b dims = [1] : tensor<4x{T}> -> tensor<2x4x4x5x{T}>
        %s = loom.add %c, %bb : tensor<2x4x4x5x{T}>
        %g = loom.gelu %s : tensor<2x4x4x5x{T}>
        %r = loom.reduce_mean %g axes = [2, 3] : tensor<2x4x4x5x{T}> -> tensor<2x4x{T}>
        return %r : tensor<2x4x{T}>
      })",
                      kind),
          {inputs.uniform(kind, {2, 3, 7, 9}), inputs.uniform(kind, {4, 3, 3, 3}),
           inputs.uniform(kind, {4})},
          accumulatingTolerance(kind));
}

} // namespace
