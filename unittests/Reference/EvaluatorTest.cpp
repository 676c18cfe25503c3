//===- EvaluatorTest.cpp - Hand-checked cases for the reference evaluator -===//
//
// The evaluator is the oracle for every JIT test, so it is itself checked here
// against values worked out by hand (or, for the random numbers, against the
// published SplitMix64 sequence), one small case per op.
//
//===----------------------------------------------------------------------===//
#include "loom/Reference/Evaluator.h"

#include "loom/Dialect/Loom/IR/LoomDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace loom::reference;

namespace {

RefTensor f64(std::vector<int64_t> shape, std::vector<double> values) {
  return RefTensor::floating(ElementKind::F64, std::move(shape), std::move(values));
}
RefTensor f32(std::vector<int64_t> shape, std::vector<double> values) {
  return RefTensor::floating(ElementKind::F32, std::move(shape), std::move(values));
}
RefTensor i32(std::vector<int64_t> shape, std::vector<int64_t> values) {
  return RefTensor::integer(ElementKind::I32, std::move(shape), std::move(values));
}
RefTensor i64(std::vector<int64_t> shape, std::vector<int64_t> values) {
  return RefTensor::integer(ElementKind::I64, std::move(shape), std::move(values));
}
RefTensor i1(std::vector<int64_t> shape, std::vector<int64_t> values) {
  return RefTensor::integer(ElementKind::I1, std::move(shape), std::move(values));
}

class ReferenceTest : public ::testing::Test {
protected:
  ReferenceTest() {
    context.loadDialect<loom::LoomDialect, mlir::func::FuncDialect>();
    context.allowUnregisteredDialects();
  }

  /// Evaluates the first function of `source`.
  loom::Expected<std::vector<RefTensor>> tryEvaluate(const std::string &source,
                                                     std::vector<RefTensor> args) {
    module = mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    if (!module)
      return loom::Error(loom::ErrorKind::InvalidIR, "test source does not parse");
    auto funcs = module->getOps<mlir::func::FuncOp>();
    if (funcs.empty())
      return loom::Error(loom::ErrorKind::InvalidIR, "test source has no function");
    return evaluateReference(*funcs.begin(), args);
  }

  /// Evaluates and expects success and a single result.
  RefTensor evaluate(const std::string &source, std::vector<RefTensor> args) {
    auto results = tryEvaluate(source, std::move(args));
    if (!results) {
      ADD_FAILURE() << results.error().message();
      return {};
    }
    EXPECT_EQ(results->size(), 1u);
    return results->front();
  }

  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
};

void expectFloats(const RefTensor &tensor, ElementKind kind,
                  std::vector<int64_t> shape, std::vector<double> expected,
                  double tolerance = 0) {
  EXPECT_EQ(tensor.kind, kind);
  EXPECT_EQ(tensor.shape, shape);
  ASSERT_EQ(tensor.floats.size(), expected.size());
  EXPECT_TRUE(tensor.ints.empty());
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(tensor.floats[i], expected[i], tolerance) << "element " << i;
}

void expectInts(const RefTensor &tensor, ElementKind kind,
                std::vector<int64_t> shape, std::vector<int64_t> expected) {
  EXPECT_EQ(tensor.kind, kind);
  EXPECT_EQ(tensor.shape, shape);
  EXPECT_EQ(tensor.ints, expected);
  EXPECT_TRUE(tensor.floats.empty());
}

std::string unaryF64(const std::string &op) {
  return "func.func @f(%x: tensor<4xf64>) -> tensor<4xf64> {\n"
         "  %r = loom." + op + " %x : tensor<4xf64>\n"
         "  return %r : tensor<4xf64>\n}";
}

std::string binaryF64(const std::string &op) {
  return "func.func @f(%a: tensor<2x2xf64>, %b: tensor<2x2xf64>) -> tensor<2x2xf64> {\n"
         "  %r = loom." + op + " %a, %b : tensor<2x2xf64>\n"
         "  return %r : tensor<2x2xf64>\n}";
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

TEST_F(ReferenceTest, BinaryArithmetic) {
  RefTensor a = f64({2, 2}, {1, -2, 3, 4});
  RefTensor b = f64({2, 2}, {4, 3, -2, 0.5});
  expectFloats(evaluate(binaryF64("add"), {a, b}), ElementKind::F64, {2, 2}, {5, 1, 1, 4.5});
  expectFloats(evaluate(binaryF64("sub"), {a, b}), ElementKind::F64, {2, 2}, {-3, -5, 5, 3.5});
  expectFloats(evaluate(binaryF64("mul"), {a, b}), ElementKind::F64, {2, 2}, {4, -6, -6, 2});
  expectFloats(evaluate(binaryF64("div"), {a, b}), ElementKind::F64, {2, 2},
               {0.25, -2.0 / 3.0, -1.5, 8});
  expectFloats(evaluate(binaryF64("max"), {a, b}), ElementKind::F64, {2, 2}, {4, 3, 3, 4});
  expectFloats(evaluate(binaryF64("min"), {a, b}), ElementKind::F64, {2, 2}, {1, -2, -2, 0.5});
  expectFloats(evaluate(binaryF64("pow"), {f64({2, 2}, {2, 9, 2, 10}), f64({2, 2}, {3, 0.5, -1, 0})}),
               ElementKind::F64, {2, 2}, {8, 3, 0.5, 1}, 1e-15);
}

TEST_F(ReferenceTest, UnaryMath) {
  const double e = std::exp(1.0);
  RefTensor x = f64({4}, {-2, 0, 1, 4});
  expectFloats(evaluate(unaryF64("neg"), {x}), ElementKind::F64, {4}, {2, 0, -1, -4});
  expectFloats(evaluate(unaryF64("exp"), {x}), ElementKind::F64, {4},
               {1 / (e * e), 1, e, e * e * e * e}, 1e-13);
  expectFloats(evaluate(unaryF64("log"), {f64({4}, {1, e, e * e, 0.5})}), ElementKind::F64, {4},
               {0, 1, 2, -0.6931471805599453}, 1e-15);
  expectFloats(evaluate(unaryF64("tanh"), {x}), ElementKind::F64, {4},
               {-0.9640275800758169, 0, 0.7615941559557649, 0.999329299739067}, 1e-15);
  expectFloats(evaluate(unaryF64("sigmoid"), {x}), ElementKind::F64, {4},
               {1 / (1 + e * e), 0.5, 1 / (1 + 1 / e), 1 / (1 + 1 / (e * e * e * e))}, 1e-15);
  expectFloats(evaluate(unaryF64("relu"), {x}), ElementKind::F64, {4}, {0, 0, 1, 4});
  // PyTorch gelu(approximate="tanh") at -2, 0, 1, 4.
  expectFloats(evaluate(unaryF64("gelu"), {x}), ElementKind::F64, {4},
               {-0.04540230591222, 0, 0.8411919906082768, 3.9999297540518075}, 1e-12);
  expectFloats(evaluate(unaryF64("sqrt"), {f64({4}, {0, 1, 4, 2.25})}), ElementKind::F64, {4},
               {0, 1, 2, 1.5});
  expectFloats(evaluate(unaryF64("rsqrt"), {f64({4}, {0.25, 1, 4, 16})}), ElementKind::F64, {4},
               {2, 1, 0.5, 0.25});
  expectFloats(evaluate(unaryF64("square"), {x}), ElementKind::F64, {4}, {4, 0, 1, 16});
  expectFloats(evaluate(unaryF64("abs"), {x}), ElementKind::F64, {4}, {2, 0, 1, 4});
}

TEST_F(ReferenceTest, LeakyRelu) {
  const char *source = R"(
    func.func @f(%x: tensor<4xf64>) -> tensor<4xf64> {
      %r = loom.leaky_relu %x, 1.000000e-01 : tensor<4xf64>
      return %r : tensor<4xf64>
    })";
  expectFloats(evaluate(source, {f64({4}, {-2, 0, 3, -0.5})}), ElementKind::F64, {4},
               {-0.2, 0, 3, -0.05}, 1e-16);
}

TEST_F(ReferenceTest, F32ResultsAreRoundedAtEachOp) {
  const char *source = R"(
    func.func @f(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
      %s = loom.add %a, %b : tensor<2xf32>
      %r = loom.sub %s, %a : tensor<2xf32>
      return %r : tensor<2xf32>
    })";
  // 1 + 2^-30 rounds to 1 in f32, so (1 + 2^-30) - 1 is 0, not 2^-30.
  RefTensor a = f32({2}, {1, 0.1});
  RefTensor b = f32({2}, {std::ldexp(1.0, -30), 0.2});
  RefTensor r = evaluate(source, {a, b});
  EXPECT_EQ(r.floats[0], 0.0);
  // Every stored value is an f32 value.
  EXPECT_EQ(r.floats[1], static_cast<double>(static_cast<float>(r.floats[1])));
  EXPECT_EQ(a.floats[1], static_cast<double>(0.1f));
}

TEST_F(ReferenceTest, CompareAllPredicates) {
  RefTensor a = f32({3}, {1, 2, 3});
  RefTensor b = f32({3}, {2, 2, 2});
  const std::pair<const char *, std::vector<int64_t>> cases[] = {
      {"eq", {0, 1, 0}}, {"ne", {1, 0, 1}}, {"lt", {1, 0, 0}},
      {"le", {1, 1, 0}}, {"gt", {0, 0, 1}}, {"ge", {0, 1, 1}}};
  for (const auto &[predicate, expected] : cases) {
    std::string source = std::string("func.func @f(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xi1> {\n") +
                         "  %r = loom.compare " + predicate + ", %a, %b : tensor<3xf32>\n" +
                         "  return %r : tensor<3xi1>\n}";
    SCOPED_TRACE(predicate);
    expectInts(evaluate(source, {a, b}), ElementKind::I1, {3}, expected);
  }
}

TEST_F(ReferenceTest, CompareIntegers) {
  const char *source = R"(
    func.func @f(%a: tensor<3xi32>, %b: tensor<3xi32>) -> tensor<3xi1> {
      %r = loom.compare lt, %a, %b : tensor<3xi32>
      return %r : tensor<3xi1>
    })";
  expectInts(evaluate(source, {i32({3}, {-5, 7, 7}), i32({3}, {-4, 7, 6})}), ElementKind::I1, {3},
             {1, 0, 0});
}

TEST_F(ReferenceTest, Select) {
  const char *source = R"(
    func.func @f(%c: tensor<2x2xi1>, %a: tensor<2x2xf64>, %b: tensor<2x2xf64>) -> tensor<2x2xf64> {
      %r = loom.select %c, %a, %b : tensor<2x2xi1>, tensor<2x2xf64>
      return %r : tensor<2x2xf64>
    })";
  expectFloats(evaluate(source, {i1({2, 2}, {1, 0, 0, 1}), f64({2, 2}, {1, 2, 3, 4}),
                                 f64({2, 2}, {-1, -2, -3, -4})}),
               ElementKind::F64, {2, 2}, {1, -2, -3, 4});
  const char *integers = R"(
    func.func @f(%c: tensor<3xi1>, %a: tensor<3xi64>, %b: tensor<3xi64>) -> tensor<3xi64> {
      %r = loom.select %c, %a, %b : tensor<3xi1>, tensor<3xi64>
      return %r : tensor<3xi64>
    })";
  expectInts(evaluate(integers, {i1({3}, {0, 1, 0}), i64({3}, {1, 2, 3}), i64({3}, {7, 8, 9})}),
             ElementKind::I64, {3}, {7, 2, 9});
}

std::string convertSource(const std::string &from, const std::string &to) {
  return "func.func @f(%x: tensor<4x" + from + ">) -> tensor<4x" + to + "> {\n" +
         "  %r = loom.convert %x : tensor<4x" + from + "> -> tensor<4x" + to + ">\n" +
         "  return %r : tensor<4x" + to + ">\n}";
}

TEST_F(ReferenceTest, Convert) {
  // Float to integer truncates toward zero.
  expectInts(evaluate(convertSource("f32", "i32"), {f32({4}, {-2.7, 2.7, -0.5, 3})}),
             ElementKind::I32, {4}, {-2, 2, 0, 3});
  expectInts(evaluate(convertSource("f64", "i64"), {f64({4}, {-1e12 - 0.5, 1e12 + 0.5, 0, -1})}),
             ElementKind::I64, {4}, {-1000000000000, 1000000000000, 0, -1});
  // i1 converts to 0 or 1, never -1.
  expectFloats(evaluate(convertSource("i1", "f32"), {i1({4}, {0, 1, 1, 0})}), ElementKind::F32,
               {4}, {0, 1, 1, 0});
  expectInts(evaluate(convertSource("i1", "i32"), {i1({4}, {0, 1, 1, 0})}), ElementKind::I32, {4},
             {0, 1, 1, 0});
  // Anything to i1 is x != 0.
  expectInts(evaluate(convertSource("f64", "i1"), {f64({4}, {0, 0.25, -3, 2})}), ElementKind::I1,
             {4}, {0, 1, 1, 1});
  expectInts(evaluate(convertSource("i32", "i1"), {i32({4}, {0, 2, -1, 0})}), ElementKind::I1,
             {4}, {0, 1, 1, 0});
  // Signed integers to float; i64 to i32 wraps; i32 to i64 sign-extends.
  expectFloats(evaluate(convertSource("i32", "f64"), {i32({4}, {-3, 0, 5, 1 << 30})}),
               ElementKind::F64, {4}, {-3, 0, 5, 1073741824});
  expectInts(evaluate(convertSource("i64", "i32"), {i64({4}, {(1LL << 32) + 5, -1, 7, 1LL << 31})}),
             ElementKind::I32, {4}, {5, -1, 7, -2147483648LL});
  expectInts(evaluate(convertSource("i32", "i64"), {i32({4}, {-7, 0, 7, 100})}), ElementKind::I64,
             {4}, {-7, 0, 7, 100});
  // f64 to f32 rounds to nearest; f32 to f64 is exact.
  expectFloats(evaluate(convertSource("f64", "f32"), {f64({4}, {0.1, 1, 1 + 1e-9, -2.5})}),
               ElementKind::F32, {4}, {static_cast<double>(0.1f), 1, 1, -2.5});
  expectFloats(evaluate(convertSource("f32", "f64"), {f32({4}, {0.1, 1, 2, -2.5})}),
               ElementKind::F64, {4}, {static_cast<double>(0.1f), 1, 2, -2.5});
}

//===----------------------------------------------------------------------===//
// Shape and layout
//===----------------------------------------------------------------------===//

TEST_F(ReferenceTest, BroadcastInDim) {
  const char *rows = R"(
    func.func @f(%x: tensor<3xf32>) -> tensor<2x3xf32> {
      %r = loom.broadcast_in_dim %x dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
      return %r : tensor<2x3xf32>
    })";
  expectFloats(evaluate(rows, {f32({3}, {1, 2, 3})}), ElementKind::F32, {2, 3},
               {1, 2, 3, 1, 2, 3});
  const char *columns = R"(
    func.func @f(%x: tensor<3xf32>) -> tensor<3x2xf32> {
      %r = loom.broadcast_in_dim %x dims = [0] : tensor<3xf32> -> tensor<3x2xf32>
      return %r : tensor<3x2xf32>
    })";
  expectFloats(evaluate(columns, {f32({3}, {1, 2, 3})}), ElementKind::F32, {3, 2},
               {1, 1, 2, 2, 3, 3});
  // A size-1 operand dimension expands; a new middle dimension repeats.
  const char *expand = R"(
    func.func @f(%x: tensor<2x1xi32>) -> tensor<2x2x3xi32> {
      %r = loom.broadcast_in_dim %x dims = [0, 2] : tensor<2x1xi32> -> tensor<2x2x3xi32>
      return %r : tensor<2x2x3xi32>
    })";
  expectInts(evaluate(expand, {i32({2, 1}, {4, 5})}), ElementKind::I32, {2, 2, 3},
             {4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5});
  const char *scalar = R"(
    func.func @f(%x: tensor<f64>) -> tensor<2x2xf64> {
      %r = loom.broadcast_in_dim %x dims = [] : tensor<f64> -> tensor<2x2xf64>
      return %r : tensor<2x2xf64>
    })";
  expectFloats(evaluate(scalar, {f64({}, {7.5})}), ElementKind::F64, {2, 2}, {7.5, 7.5, 7.5, 7.5});
}

TEST_F(ReferenceTest, Reshape) {
  const char *source = R"(
    func.func @f(%x: tensor<2x3xi64>) -> tensor<3x1x2xi64> {
      %r = loom.reshape %x : tensor<2x3xi64> -> tensor<3x1x2xi64>
      return %r : tensor<3x1x2xi64>
    })";
  expectInts(evaluate(source, {i64({2, 3}, {1, 2, 3, 4, 5, 6})}), ElementKind::I64, {3, 1, 2},
             {1, 2, 3, 4, 5, 6});
}

TEST_F(ReferenceTest, Transpose) {
  const char *matrix = R"(
    func.func @f(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
      %r = loom.transpose %x perm = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
      return %r : tensor<3x2xf32>
    })";
  expectFloats(evaluate(matrix, {f32({2, 3}, {1, 2, 3, 4, 5, 6})}), ElementKind::F32, {3, 2},
               {1, 4, 2, 5, 3, 6});
  // result[i, j, k] = x[j, k, i]; x[0, a, b] = 3a + b.
  const char *rotate = R"(
    func.func @f(%x: tensor<1x2x3xf32>) -> tensor<3x1x2xf32> {
      %r = loom.transpose %x perm = [2, 0, 1] : tensor<1x2x3xf32> -> tensor<3x1x2xf32>
      return %r : tensor<3x1x2xf32>
    })";
  expectFloats(evaluate(rotate, {f32({1, 2, 3}, {0, 1, 2, 3, 4, 5})}), ElementKind::F32,
               {3, 1, 2}, {0, 3, 1, 4, 2, 5});
}

TEST_F(ReferenceTest, Slice) {
  const char *strided = R"(
    func.func @f(%x: tensor<10xi32>) -> tensor<3xi32> {
      %r = loom.slice %x start = [1] limit = [8] strides = [3] : tensor<10xi32> -> tensor<3xi32>
      return %r : tensor<3xi32>
    })";
  expectInts(evaluate(strided, {i32({10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})}), ElementKind::I32,
             {3}, {1, 4, 7});
  const char *matrix = R"(
    func.func @f(%x: tensor<3x4xf64>) -> tensor<2x2xf64> {
      %r = loom.slice %x start = [1, 0] limit = [3, 4] strides = [1, 2] : tensor<3x4xf64> -> tensor<2x2xf64>
      return %r : tensor<2x2xf64>
    })";
  expectFloats(evaluate(matrix, {f64({3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})}),
               ElementKind::F64, {2, 2}, {4, 6, 8, 10});
}

TEST_F(ReferenceTest, Concat) {
  const char *rows = R"(
    func.func @f(%a: tensor<1x2xf32>, %b: tensor<2x2xf32>) -> tensor<3x2xf32> {
      %r = loom.concat %a, %b axis = 0 : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
      return %r : tensor<3x2xf32>
    })";
  expectFloats(evaluate(rows, {f32({1, 2}, {1, 2}), f32({2, 2}, {3, 4, 5, 6})}),
               ElementKind::F32, {3, 2}, {1, 2, 3, 4, 5, 6});
  const char *columns = R"(
    func.func @f(%a: tensor<2x1xi64>, %b: tensor<2x2xi64>, %c: tensor<2x1xi64>) -> tensor<2x4xi64> {
      %r = loom.concat %a, %b, %c axis = 1 : (tensor<2x1xi64>, tensor<2x2xi64>, tensor<2x1xi64>) -> tensor<2x4xi64>
      return %r : tensor<2x4xi64>
    })";
  expectInts(evaluate(columns, {i64({2, 1}, {1, 5}), i64({2, 2}, {2, 3, 6, 7}), i64({2, 1}, {4, 8})}),
             ElementKind::I64, {2, 4}, {1, 2, 3, 4, 5, 6, 7, 8});
}

//===----------------------------------------------------------------------===//
// Contractions and reductions
//===----------------------------------------------------------------------===//

TEST_F(ReferenceTest, Matmul) {
  const char *source = R"(
    func.func @f(%a: tensor<2x3xf64>, %b: tensor<3x2xf64>) -> tensor<2x2xf64> {
      %r = loom.matmul %a, %b : tensor<2x3xf64>, tensor<3x2xf64> -> tensor<2x2xf64>
      return %r : tensor<2x2xf64>
    })";
  // [[1,2,3],[4,5,6]] x [[7,8],[9,10],[11,12]] = [[58,64],[139,154]].
  expectFloats(evaluate(source, {f64({2, 3}, {1, 2, 3, 4, 5, 6}),
                                 f64({3, 2}, {7, 8, 9, 10, 11, 12})}),
               ElementKind::F64, {2, 2}, {58, 64, 139, 154});
}

TEST_F(ReferenceTest, BatchedMatmul) {
  const char *source = R"(
    func.func @f(%a: tensor<2x1x2xf32>, %b: tensor<2x2x1xf32>) -> tensor<2x1x1xf32> {
      %r = loom.matmul %a, %b : tensor<2x1x2xf32>, tensor<2x2x1xf32> -> tensor<2x1x1xf32>
      return %r : tensor<2x1x1xf32>
    })";
  // Batch 0: [1,2].[3,4] = 11; batch 1: [5,6].[7,8] = 83.
  expectFloats(evaluate(source, {f32({2, 1, 2}, {1, 2, 5, 6}), f32({2, 2, 1}, {3, 4, 7, 8})}),
               ElementKind::F32, {2, 1, 1}, {11, 83});
}

TEST_F(ReferenceTest, Conv2DIsCrossCorrelation) {
  const char *source = R"(
    func.func @f(%x: tensor<1x1x3x3xf64>, %w: tensor<1x1x2x2xf64>) -> tensor<1x1x2x2xf64> {
      %r = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] : tensor<1x1x3x3xf64>, tensor<1x1x2x2xf64> -> tensor<1x1x2x2xf64>
      return %r : tensor<1x1x2x2xf64>
    })";
  // x = [[1,2,3],[4,5,6],[7,8,9]], w = [[1,2],[3,4]] (not flipped):
  // out[0,0] = 1*1 + 2*2 + 4*3 + 5*4 = 37, then 47, 67, 77.
  expectFloats(evaluate(source, {f64({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                                 f64({1, 1, 2, 2}, {1, 2, 3, 4})}),
               ElementKind::F64, {1, 1, 2, 2}, {37, 47, 67, 77});
}

TEST_F(ReferenceTest, Conv2DStrideAndPadding) {
  const char *source = R"(
    func.func @f(%x: tensor<1x1x3x3xf64>, %w: tensor<1x1x2x2xf64>) -> tensor<1x1x2x2xf64> {
      %r = loom.conv2d %x, %w strides = [2, 2] padding = [1, 1] : tensor<1x1x3x3xf64>, tensor<1x1x2x2xf64> -> tensor<1x1x2x2xf64>
      return %r : tensor<1x1x2x2xf64>
    })";
  // Diagonal filter [[1,0],[0,1]] on the zero-padded 5x5 input, windows at
  // padded (0,0), (0,2), (2,0), (2,2): 0+1, 0+3, 0+7, 5+9.
  expectFloats(evaluate(source, {f64({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                                 f64({1, 1, 2, 2}, {1, 0, 0, 1})}),
               ElementKind::F64, {1, 1, 2, 2}, {1, 3, 7, 14});
}

TEST_F(ReferenceTest, Conv2DChannels) {
  const char *source = R"(
    func.func @f(%x: tensor<1x2x2x2xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32> {
      %r = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] : tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32> -> tensor<1x2x2x2xf32>
      return %r : tensor<1x2x2x2xf32>
    })";
  // Output channel 0 takes input channel 0; output channel 1 sums both.
  expectFloats(evaluate(source, {f32({1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}),
                                 f32({2, 2, 1, 1}, {1, 0, 1, 1})}),
               ElementKind::F32, {1, 2, 2, 2}, {1, 2, 3, 4, 6, 8, 10, 12});
}

std::string reduceSource(const std::string &op, const std::string &axes,
                         const std::string &resultType) {
  return "func.func @f(%x: tensor<2x3xf64>) -> " + resultType + " {\n" +
         "  %r = loom." + op + " %x axes = " + axes + " : tensor<2x3xf64> -> " + resultType + "\n" +
         "  return %r : " + resultType + "\n}";
}

TEST_F(ReferenceTest, Reductions) {
  RefTensor x = f64({2, 3}, {1, -5, 3, 4, 5, -6});
  expectFloats(evaluate(reduceSource("reduce_sum", "[1]", "tensor<2xf64>"), {x}), ElementKind::F64,
               {2}, {-1, 3});
  expectFloats(evaluate(reduceSource("reduce_sum", "[0]", "tensor<3xf64>"), {x}), ElementKind::F64,
               {3}, {5, 0, -3});
  expectFloats(evaluate(reduceSource("reduce_sum", "[0, 1]", "tensor<f64>"), {x}),
               ElementKind::F64, {}, {2});
  expectFloats(evaluate(reduceSource("reduce_mean", "[1]", "tensor<2xf64>"), {x}),
               ElementKind::F64, {2}, {-1.0 / 3.0, 1});
  expectFloats(evaluate(reduceSource("reduce_mean", "[0, 1]", "tensor<f64>"), {x}),
               ElementKind::F64, {}, {2.0 / 6.0});
  expectFloats(evaluate(reduceSource("reduce_max", "[1]", "tensor<2xf64>"), {x}), ElementKind::F64,
               {2}, {3, 5});
  expectFloats(evaluate(reduceSource("reduce_max", "[0]", "tensor<3xf64>"),
                        {f64({2, 3}, {-1, -5, -3, -4, -2, -6})}),
               ElementKind::F64, {3}, {-1, -2, -3});
}

TEST_F(ReferenceTest, ReduceMiddleAxis) {
  const char *source = R"(
    func.func @f(%x: tensor<2x2x2xf32>) -> tensor<2x2xf32> {
      %r = loom.reduce_sum %x axes = [1] : tensor<2x2x2xf32> -> tensor<2x2xf32>
      return %r : tensor<2x2xf32>
    })";
  expectFloats(evaluate(source, {f32({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8})}), ElementKind::F32,
               {2, 2}, {4, 6, 12, 14});
}

//===----------------------------------------------------------------------===//
// Sources
//===----------------------------------------------------------------------===//

TEST_F(ReferenceTest, Constants) {
  const char *source = R"(
    func.func @f() -> (tensor<2x2xf32>, tensor<2x3xi32>, tensor<3xi1>, tensor<f64>) {
      %a = loom.constant dense<[[1.5, -2.0], [0.1, 4.0]]> : tensor<2x2xf32>
      %b = loom.constant dense<7> : tensor<2x3xi32>
      %c = loom.constant dense<[true, false, true]> : tensor<3xi1>
      %d = loom.constant dense<-0.25> : tensor<f64>
      return %a, %b, %c, %d : tensor<2x2xf32>, tensor<2x3xi32>, tensor<3xi1>, tensor<f64>
    })";
  auto results = tryEvaluate(source, {});
  ASSERT_TRUE(results) << results.error().message();
  ASSERT_EQ(results->size(), 4u);
  expectFloats((*results)[0], ElementKind::F32, {2, 2}, {1.5, -2, static_cast<double>(0.1f), 4});
  expectInts((*results)[1], ElementKind::I32, {2, 3}, {7, 7, 7, 7, 7, 7});
  expectInts((*results)[2], ElementKind::I1, {3}, {1, 0, 1});
  expectFloats((*results)[3], ElementKind::F64, {}, {-0.25});
}

TEST_F(ReferenceTest, Iota) {
  const char *source = R"(
    func.func @f() -> (tensor<2x3xi32>, tensor<2x3xf32>) {
      %a = loom.iota dim = 1 : tensor<2x3xi32>
      %b = loom.iota dim = 0 : tensor<2x3xf32>
      return %a, %b : tensor<2x3xi32>, tensor<2x3xf32>
    })";
  auto results = tryEvaluate(source, {});
  ASSERT_TRUE(results) << results.error().message();
  expectInts((*results)[0], ElementKind::I32, {2, 3}, {0, 1, 2, 0, 1, 2});
  expectFloats((*results)[1], ElementKind::F32, {2, 3}, {0, 0, 0, 1, 1, 1});
}

// With seed 0 and stream 0 the key is mix64(0) = 0, so element i's bits are
// SplitMix64's i-th output from state 0, published as 0xE220A8397B1DCDAF,
// 0x6E789E6AA1B965F4, ... (element 0 is mix64(0) = 0).
TEST_F(ReferenceTest, RandomUniformFollowsSplitMix64) {
  const char *source = R"(
    func.func @f(%seed: tensor<i64>) -> (tensor<3xf64>, tensor<3xf32>) {
      %a = loom.random_uniform %seed stream = 0 : tensor<i64> -> tensor<3xf64>
      %b = loom.random_uniform %seed stream = 0 : tensor<i64> -> tensor<3xf32>
      return %a, %b : tensor<3xf64>, tensor<3xf32>
    })";
  auto results = tryEvaluate(source, {i64({}, {0})});
  ASSERT_TRUE(results) << results.error().message();
  std::vector<double> expected = {0, 0xE220A8 / 16777216.0, 0x6E789E / 16777216.0};
  expectFloats((*results)[0], ElementKind::F64, {3}, expected);
  expectFloats((*results)[1], ElementKind::F32, {3}, expected);
}

TEST_F(ReferenceTest, RandomNormalBoxMuller) {
  const char *source = R"(
    func.func @f(%seed: tensor<i64>) -> tensor<3xf64> {
      %r = loom.random_normal %seed stream = 0 : tensor<i64> -> tensor<3xf64>
      return %r : tensor<3xf64>
    })";
  // Element 1, bits 0xE220A8397B1DCDAF: u1 = (0xE220A8 + 1) / 2^24,
  // u2 = 0x397B1D / 2^24. Element 0 has bits 0: u1 = 2^-24, u2 = 0.
  auto boxMuller = [](double u1, double u2) {
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
  };
  RefTensor r = evaluate(source, {i64({}, {0})});
  ASSERT_EQ(r.floats.size(), 3u);
  EXPECT_NEAR(r.floats[0], std::sqrt(2 * 24 * std::log(2.0)), 1e-12);
  EXPECT_NEAR(r.floats[1], boxMuller((0xE220A8 + 1) / 16777216.0, 0x397B1D / 16777216.0), 1e-12);
  EXPECT_NEAR(r.floats[1], 0.07936604225797303, 1e-12);
}

TEST_F(ReferenceTest, RandomStreamsAndSeedsDiffer) {
  const char *source = R"(
    func.func @f(%seed: tensor<i64>) -> (tensor<64xf32>, tensor<64xf32>) {
      %a = loom.random_uniform %seed stream = 0 : tensor<i64> -> tensor<64xf32>
      %b = loom.random_uniform %seed stream = 1 : tensor<i64> -> tensor<64xf32>
      return %a, %b : tensor<64xf32>, tensor<64xf32>
    })";
  auto first = tryEvaluate(source, {i64({}, {42})});
  auto second = tryEvaluate(source, {i64({}, {43})});
  ASSERT_TRUE(first && second);
  EXPECT_NE((*first)[0].floats, (*first)[1].floats);
  EXPECT_NE((*first)[0].floats, (*second)[0].floats);
  double sum = 0;
  for (double value : (*first)[0].floats) {
    EXPECT_GE(value, 0.0);
    EXPECT_LT(value, 1.0);
    sum += value;
  }
  EXPECT_NEAR(sum / 64, 0.5, 0.15);
}

//===----------------------------------------------------------------------===//
// Composition and errors
//===----------------------------------------------------------------------===//

TEST_F(ReferenceTest, ChainOfOps) {
  const char *source = R"(
    func.func @f(%x: tensor<1x2xf64>, %w: tensor<2x2xf64>, %b: tensor<2xf64>) -> tensor<1x2xf64> {
      %m = loom.matmul %x, %w : tensor<1x2xf64>, tensor<2x2xf64> -> tensor<1x2xf64>
      %bb = loom.broadcast_in_dim %b dims = [1] : tensor<2xf64> -> tensor<1x2xf64>
      %s = loom.add %m, %bb : tensor<1x2xf64>
      %r = loom.relu %s : tensor<1x2xf64>
      return %r : tensor<1x2xf64>
    })";
  // [1,2] x [[1,-1],[1,-1]] = [3,-3]; + [1,1] = [4,-2]; relu = [4,0].
  expectFloats(evaluate(source, {f64({1, 2}, {1, 2}), f64({2, 2}, {1, -1, 1, -1}), f64({2}, {1, 1})}),
               ElementKind::F64, {1, 2}, {4, 0});
}

TEST_F(ReferenceTest, LongChainsNeedNoStack) {
  // x + 1, 20000 times: exact in f32, and an evaluator that recursed along
  // use-def edges would need 20000 frames.
  constexpr int kSteps = 20000;
  std::string source = "func.func @f(%x0: tensor<2xf32>) -> tensor<2xf32> {\n"
                       "  %one = loom.constant dense<1.0> : tensor<2xf32>\n";
  for (int i = 0; i < kSteps; ++i)
    source += "  %x" + std::to_string(i + 1) + " = loom.add %x" +
              std::to_string(i) + ", %one : tensor<2xf32>\n";
  source += "  return %x" + std::to_string(kSteps) + " : tensor<2xf32>\n}\n";
  expectFloats(evaluate(source, {f32({2}, {0, -kSteps})}), ElementKind::F32,
               {2}, {kSteps, 0});
}

TEST_F(ReferenceTest, UnknownOpIsAnErrorNamingItsLocation) {
  const char *source = R"(
    func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
      %r = "mystery.op"(%x) : (tensor<2xf32>) -> tensor<2xf32> loc("model.cpp":12:3)
      return %r : tensor<2xf32>
    })";
  auto results = tryEvaluate(source, {f32({2}, {1, 2})});
  ASSERT_FALSE(results);
  EXPECT_NE(results.error().message().find("mystery.op"), std::string::npos)
      << results.error().message();
  EXPECT_NE(results.error().message().find("model.cpp:12:3"), std::string::npos)
      << results.error().message();
}

TEST_F(ReferenceTest, MismatchedArgumentsAreErrors) {
  std::string source = unaryF64("neg");
  auto wrongShape = tryEvaluate(source, {f64({3}, {1, 2, 3})});
  ASSERT_FALSE(wrongShape);
  EXPECT_NE(wrongShape.error().message().find("tensor<4xf64>"), std::string::npos);
  EXPECT_NE(wrongShape.error().message().find("tensor<3xf64>"), std::string::npos);
  EXPECT_FALSE(tryEvaluate(source, {f32({4}, {1, 2, 3, 4})}));
  EXPECT_FALSE(tryEvaluate(source, {}));
  RefTensor shortData = f64({4}, {1, 2});
  EXPECT_FALSE(tryEvaluate(source, {shortData}));
}

} // namespace
