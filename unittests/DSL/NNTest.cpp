//===- NNTest.cpp - Layers and losses: structure and numbers --------------===//
//
// Numbers come from the reference evaluator (plain loops over the loom ops)
// and are compared with the textbook formulas computed here directly.
//
//===----------------------------------------------------------------------===//
#include "TestHelpers.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/DSL/NN.h"
#include "loom/Reference/Evaluator.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace loom;
using namespace loom::dsl;
using namespace loom::dsl::testing;
using reference::ElementKind;
using reference::RefTensor;

namespace {

RefTensor f64(Shape shape, std::vector<double> values) {
  return RefTensor::floating(ElementKind::F64, std::move(shape),
                             std::move(values));
}

/// Evaluates the finished graph and returns its results.
std::vector<RefTensor> run(const Graph &graph,
                           const std::vector<RefTensor> &arguments) {
  auto results = reference::evaluateReference(graph.func(), arguments);
  if (!results) {
    ADD_FAILURE() << results.error().message();
    return {};
  }
  return *results;
}

void expectNear(const RefTensor &actual, const std::vector<double> &expected,
                double tolerance) {
  ASSERT_EQ(actual.numElements(), static_cast<int64_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(actual.asDouble(i), expected[i], tolerance) << "element " << i;
}

double argInit(const Graph &g, unsigned index) {
  return g.func().getArgAttrOfType<InitAttr>(index, loom::abi::kInit).getScaleValue();
}

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

TEST(Layers, LinearParametersFollowPyTorch) {
  Graph g("linear");
  Tensor x = g.input("x", {8, 784});
  nn::Linear fc(g, "enc.fc1", 784, 512);
  Tensor y = fc(x);
  EXPECT_EQ(y.shape(), (Shape{8, 512}));
  EXPECT_EQ(fc.weight.shape(), (Shape{784, 512}));
  EXPECT_EQ(fc.bias.shape(), (Shape{512}));
  auto func = g.func();
  EXPECT_EQ(func.getArgAttrOfType<mlir::StringAttr>(1, loom::abi::kParam).str(),
            "enc.fc1.weight");
  EXPECT_EQ(func.getArgAttrOfType<mlir::StringAttr>(2, loom::abi::kParam).str(),
            "enc.fc1.bias");
  for (unsigned i : {1u, 2u}) {
    EXPECT_EQ(func.getArgAttrOfType<InitAttr>(i, loom::abi::kInit).getKind(),
              InitKind::uniform);
    EXPECT_DOUBLE_EQ(argInit(g, i), 1.0 / std::sqrt(784.0));
  }
  EXPECT_EQ(opNames(g), (std::vector<std::string>{"loom.matmul",
                                                  "loom.broadcast_in_dim",
                                                  "loom.add"}));
}

TEST(Layers, LinearComputesXWPlusB) {
  Graph g("linear");
  Tensor x = g.input("x", {2, 3}, DType::F64);
  nn::Linear fc(g, "fc", 3, 2, DType::F64);
  g.returns(fc(x));
  std::vector<double> xs = {1, 2, 3, -1, 0.5, 2}, w = {1, -1, 0, 2, 0.5, 0.25},
                      b = {0.1, -0.2};
  auto results = run(g, {f64({2, 3}, xs), f64({3, 2}, w), f64({2}, b)});
  ASSERT_EQ(results.size(), 1u);
  std::vector<double> expected(4);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      expected[i * 2 + j] = b[j];
      for (int k = 0; k < 3; ++k)
        expected[i * 2 + j] += xs[i * 3 + k] * w[k * 2 + j];
    }
  expectNear(results[0], expected, 1e-12);
}

TEST(Layers, Conv2dParametersAndShape) {
  Graph g("conv");
  Tensor x = g.input("x", {2, 1, 28, 28});
  nn::Conv2d conv(g, "disc.conv1", 1, 64, {3, 3}, {2, 2}, {1, 1});
  Tensor y = conv(x);
  EXPECT_EQ(y.shape(), (Shape{2, 64, 14, 14}));
  EXPECT_EQ(conv.weight.shape(), (Shape{64, 1, 3, 3}));
  EXPECT_EQ(conv.bias.shape(), (Shape{64}));
  EXPECT_DOUBLE_EQ(argInit(g, 1), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(argInit(g, 2), 1.0 / 3.0);
  // The bias is broadcast along the channel dimension.
  auto add = y.value().getDefiningOp<AddOp>();
  ASSERT_TRUE(add);
  auto broadcast = add.getRhs().getDefiningOp<BroadcastInDimOp>();
  ASSERT_TRUE(broadcast);
  EXPECT_EQ(broadcast.getBroadcastDimensions(), llvm::ArrayRef<int64_t>{1});
}

TEST(Layers, LayerNormNormalizesTheLastDimension) {
  Graph g("ln");
  Tensor x = g.input("x", {2, 4}, DType::F64);
  nn::LayerNorm norm(g, "ln", 4, 1e-5, DType::F64);
  g.returns(norm(x));
  auto func = g.func();
  EXPECT_EQ(func.getArgAttrOfType<InitAttr>(1, loom::abi::kInit).getKind(),
            InitKind::ones);
  EXPECT_EQ(func.getArgAttrOfType<InitAttr>(2, loom::abi::kInit).getKind(),
            InitKind::zeros);

  std::vector<double> xs = {1, 2, 3, 4, -2, 0, 10, 0.5};
  std::vector<double> gamma = {1, 2, 0.5, -1}, beta = {0, 0.1, 0.2, 0.3};
  auto results = run(g, {f64({2, 4}, xs), f64({4}, gamma), f64({4}, beta)});
  ASSERT_EQ(results.size(), 1u);
  std::vector<double> expected;
  for (int row = 0; row < 2; ++row) {
    double mean = 0, var = 0;
    for (int i = 0; i < 4; ++i)
      mean += xs[row * 4 + i] / 4;
    for (int i = 0; i < 4; ++i)
      var += (xs[row * 4 + i] - mean) * (xs[row * 4 + i] - mean) / 4;
    for (int i = 0; i < 4; ++i)
      expected.push_back((xs[row * 4 + i] - mean) / std::sqrt(var + 1e-5) *
                             gamma[i] +
                         beta[i]);
  }
  expectNear(results[0], expected, 1e-12);
}

TEST(Layers, BatchNormNormalizesEachFeatureOverTheBatch) {
  Graph g("bn");
  Tensor x = g.input("x", {3, 2}, DType::F64);
  nn::BatchNorm norm(g, "bn", 2, 1e-5, DType::F64);
  g.returns(norm(x));

  std::vector<double> xs = {1, -2, 4, 0, 10, 0.5};
  std::vector<double> gamma = {2, -0.5}, beta = {0.1, 0.3};
  auto results = run(g, {f64({3, 2}, xs), f64({2}, gamma), f64({2}, beta)});
  ASSERT_EQ(results.size(), 1u);
  std::vector<double> expected(6);
  for (int feature = 0; feature < 2; ++feature) {
    double mean = 0, var = 0;
    for (int row = 0; row < 3; ++row)
      mean += xs[row * 2 + feature] / 3;
    for (int row = 0; row < 3; ++row)
      var += (xs[row * 2 + feature] - mean) * (xs[row * 2 + feature] - mean) / 3;
    for (int row = 0; row < 3; ++row)
      expected[row * 2 + feature] =
          (xs[row * 2 + feature] - mean) / std::sqrt(var + 1e-5) * gamma[feature] +
          beta[feature];
  }
  expectNear(results[0], expected, 1e-12);
}

TEST(Layers, InputMismatchNamesTheLayer) {
  Graph g("bad");
  Tensor x = g.input("x", {8, 100});
  nn::Linear fc(g, "enc.fc1", 784, 512);
  nn::Conv2d conv(g, "conv", 3, 8, {3, 3});
  nn::LayerNorm norm(g, "ln", 64);
  expectError([&] { fc(x); }, {"nn.Linear", "'enc.fc1' expects inputs [..., 784], got [8, 100]"});
  expectError([&] { conv(x); }, {"nn.Conv2d", "'conv'", "3 channels", "[8, 100]"});
  expectError([&] { norm(x); }, {"nn.LayerNorm", "'ln'", "[8, 100]"});
  nn::BatchNorm batchNorm(g, "bn", 64);
  expectError([&] { batchNorm(x); }, {"nn.BatchNorm", "'bn'", "[batch, 64]", "[8, 100]"});
  expectError([&] { nn::Linear(g, "enc.fc1", 3, 3); }, {"parameter", "'enc.fc1.weight' already exists"});
  expectError([&] { nn::Conv2d(g, "c2", 3, 8, {3}); }, {"nn.Conv2d", "kernel"});
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

TEST(Functions, SoftmaxAndLogSoftmaxAreStable) {
  Graph g("softmax");
  Tensor x = g.input("x", {2, 3}, DType::F64);
  g.returns(nn::softmax(x), nn::logSoftmax(x, 1));
  EXPECT_EQ(countOps(g, "loom.reduce_max"), 2);

  std::vector<double> xs = {1000, 1001, 1002, -1, 0, 3};
  auto results = run(g, {f64({2, 3}, xs)});
  ASSERT_EQ(results.size(), 2u);
  std::vector<double> probabilities, logs;
  for (int row = 0; row < 2; ++row) {
    // exp(x - c) for any c gives the same ratios; c = the row's first element.
    double total = 0;
    for (int i = 0; i < 3; ++i)
      total += std::exp(xs[row * 3 + i] - xs[row * 3]);
    for (int i = 0; i < 3; ++i) {
      probabilities.push_back(std::exp(xs[row * 3 + i] - xs[row * 3]) / total);
      logs.push_back(xs[row * 3 + i] - xs[row * 3] - std::log(total));
    }
  }
  expectNear(results[0], probabilities, 1e-12);
  expectNear(results[1], logs, 1e-12);
}

TEST(Functions, DropoutMasksAndRescales) {
  Graph g("dropout");
  Tensor x = g.input("x", {1000}, DType::F64);
  Tensor seed = g.seed();
  Tensor kept = nn::dropout(x, 0.25, seed, /*training=*/true);
  EXPECT_EQ(nn::dropout(x, 0.25, seed, /*training=*/false).value(), x.value());
  g.returns(kept);
  EXPECT_EQ(countOps(g, "loom.random_uniform"), 1);
  EXPECT_EQ(countOps(g, "loom.select"), 1);

  auto results = run(g, {f64({1000}, std::vector<double>(1000, 3.0)),
                         RefTensor::integer(ElementKind::I64, {}, {42})});
  ASSERT_EQ(results.size(), 1u);
  int zeros = 0;
  for (int64_t i = 0; i < 1000; ++i) {
    double value = results[0].asDouble(i);
    if (value == 0)
      ++zeros;
    else
      EXPECT_NEAR(value, 3.0 / 0.75, 1e-12);
  }
  // 250 expected; 6 standard deviations is about 82.
  EXPECT_GT(zeros, 170);
  EXPECT_LT(zeros, 330);
  expectError([&] { nn::dropout(x, 1.0, seed, true); }, {"nn.dropout", "[0, 1)"});
}

TEST(Functions, MeanSquaredError) {
  Graph g("mse");
  Tensor p = g.input("p", {2, 2}, DType::F64);
  Tensor t = g.input("t", {2, 2}, DType::F64);
  Tensor flat = g.input("flat", {4}, DType::F64);
  expectError([&] { nn::mse(p, flat); }, {"nn.mse", "[2, 2] and [4]"});
  g.returns(nn::mse(p, t), nn::mse(p, t, nn::Reduction::Sum));
  auto results =
      run(g, {f64({2, 2}, {1, 2, 3, 4}), f64({2, 2}, {0, 2, 5, 3.5}),
              f64({4}, {0, 0, 0, 0})});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].shape.empty());
  expectNear(results[0], {(1 + 0 + 4 + 0.25) / 4}, 1e-12);
  expectNear(results[1], {1 + 0 + 4 + 0.25}, 1e-12);
}

TEST(Functions, BinaryCrossEntropyWithLogits) {
  Graph g("bce");
  Tensor x = g.input("x", {4}, DType::F64);
  Tensor y = g.input("y", {4}, DType::F64);
  g.returns(nn::bceWithLogits(x, y), nn::bceWithLogits(x, y, nn::Reduction::Sum));
  std::vector<double> logits = {-5, -1, 0.5, 3}, targets = {0, 1, 1, 0.25};
  auto results = run(g, {f64({4}, logits), f64({4}, targets)});
  ASSERT_EQ(results.size(), 2u);
  double total = 0;
  for (int i = 0; i < 4; ++i) {
    double p = 1 / (1 + std::exp(-logits[i]));
    total -= targets[i] * std::log(p) + (1 - targets[i]) * std::log(1 - p);
  }
  expectNear(results[0], {total / 4}, 1e-12);
  expectNear(results[1], {total}, 1e-12);
}

TEST(Functions, BinaryCrossEntropyStaysFiniteForLargeLogits) {
  Graph g("bce");
  Tensor x = g.input("x", {2}, DType::F64);
  Tensor y = g.input("y", {2}, DType::F64);
  g.returns(nn::bceWithLogits(x, y, nn::Reduction::Sum));
  auto results = run(g, {f64({2}, {800, -800}), f64({2}, {0, 1})});
  ASSERT_EQ(results.size(), 1u);
  expectNear(results[0], {1600}, 1e-9);
}

TEST(Functions, SoftmaxCrossEntropyAgainstIntegerLabels) {
  Graph g("ce");
  Tensor logits = g.input("logits", {3, 4}, DType::F64);
  Tensor labels = g.input("labels", {3}, DType::I32);
  Tensor loss = nn::softmaxCrossEntropy(logits, labels);
  EXPECT_EQ(loss.shape(), Shape{});
  g.returns(loss);
  EXPECT_EQ(countOps(g, "loom.iota"), 1);
  EXPECT_EQ(countOps(g, "loom.compare"), 1);
  EXPECT_EQ(countOps(g, "loom.convert"), 1);

  std::vector<double> xs = {1, 2, 3, 4, 0, 0, 0, 0, -2, 5, 1, 0.5};
  std::vector<int64_t> ys = {2, 0, 1};
  auto results = run(g, {f64({3, 4}, xs),
                         RefTensor::integer(ElementKind::I32, {3}, ys)});
  ASSERT_EQ(results.size(), 1u);
  double expected = 0;
  for (int row = 0; row < 3; ++row) {
    double total = 0;
    for (int i = 0; i < 4; ++i)
      total += std::exp(xs[row * 4 + i]);
    expected -= std::log(std::exp(xs[row * 4 + ys[row]]) / total) / 3;
  }
  expectNear(results[0], {expected}, 1e-12);
}

TEST(Functions, CrossEntropyMisuse) {
  Graph g("ce");
  Tensor logits = g.input("logits", {3, 4});
  Tensor floatLabels = g.input("labels", {3});
  Tensor wrongBatch = g.input("wrong", {2}, DType::I64);
  expectError([&] { nn::softmaxCrossEntropy(logits, floatLabels); }, {"nn.softmaxCrossEntropy", "i32 or i64", "tensor<3xf32>"});
  expectError([&] { nn::softmaxCrossEntropy(logits, wrongBatch); }, {"nn.softmaxCrossEntropy", "[3, 4] and [2]"});
}

TEST(Functions, CompositeOpsCarryTheCallersLine) {
  Graph g("loc");
  Tensor x = g.input("x", {2, 3});
  int line = __LINE__ + 1;
  Tensor y = nn::softmax(x);
  for (mlir::Operation &op : g.func().getBody().front()) {
    auto loc = mlir::cast<mlir::FileLineColLoc>(op.getLoc());
    EXPECT_EQ(loc.getFilename().str(), __FILE__);
    EXPECT_EQ(loc.getLine(), unsigned(line)) << op.getName().getStringRef().str();
  }
  (void)y;
}

} // namespace
