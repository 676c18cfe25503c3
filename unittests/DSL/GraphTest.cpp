//===- GraphTest.cpp - IR built by the DSL's graphs and tensor ops --------===//
#include "TestHelpers.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/DSL/Graph.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "gtest/gtest.h"

using namespace loom;
using namespace loom::dsl;
using namespace loom::dsl::testing;

namespace {

mlir::RankedTensorType typeOf(const Tensor &t) {
  return mlir::cast<mlir::RankedTensorType>(t.value().getType());
}

template <typename OpTy> OpTy definingOp(const Tensor &t) {
  return t.value().getDefiningOp<OpTy>();
}

TEST(Graph, BuildsAFunctionWithTaggedArguments) {
  Graph g("mlp");
  Tensor x = g.input("x", {4, 3});
  Tensor w = g.parameter("fc.weight", {3, 2}, Init::uniform(0.5));
  Tensor labels = g.input("labels", {4}, DType::I32);
  g.output({relu(matmul(x, w)), labels});

  mlir::func::FuncOp func = g.func();
  EXPECT_EQ(func.getSymName(), "mlp");
  ASSERT_EQ(func.getNumArguments(), 3u);
  EXPECT_EQ(func.getArgAttrOfType<mlir::StringAttr>(0, loom::abi::kInput).str(),
            "x");
  EXPECT_EQ(func.getArgAttrOfType<mlir::StringAttr>(1, loom::abi::kParam).str(),
            "fc.weight");
  auto init = func.getArgAttrOfType<InitAttr>(1, loom::abi::kInit);
  ASSERT_TRUE(init);
  EXPECT_EQ(init.getKind(), InitKind::uniform);
  EXPECT_DOUBLE_EQ(init.getScaleValue(), 0.5);
  EXPECT_FALSE(func.getArgAttr(0, loom::abi::kParam));
  EXPECT_EQ(func.getArgAttrOfType<mlir::StringAttr>(2, loom::abi::kInput).str(),
            "labels");

  EXPECT_EQ(opNames(g),
            (std::vector<std::string>{"loom.matmul", "loom.relu"}));
  std::string text = g.str();
  EXPECT_NE(text.find("func.func @mlp(%arg0: tensor<4x3xf32> {loom.input = "
                      "\"x\"}, %arg1: tensor<3x2xf32> {loom.init = "
                      "#loom.init<uniform, 5.000000e-01>"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("-> (tensor<4x2xf32>, tensor<4xi32>)"),
            std::string::npos)
      << text;
  EXPECT_TRUE(g.finished());
  EXPECT_NO_THROW(g.parent().verify());
}

TEST(Graph, QueriesShapeAndDType) {
  Graph g("q");
  Tensor x = g.input("x", {2, 3, 5}, DType::F64);
  EXPECT_EQ(x.shape(), (Shape{2, 3, 5}));
  EXPECT_EQ(x.rank(), 3);
  EXPECT_EQ(x.dim(-1), 5);
  EXPECT_EQ(x.numElements(), 30);
  EXPECT_EQ(x.dtype(), DType::F64);
  EXPECT_EQ(x.typeString(), "tensor<2x3x5xf64>");
  EXPECT_EQ(g.seed().dtype(), DType::I64);
  expectError([&] { x.dim(3); }, {"axis 3 is out of range for shape [2, 3, 5]"});
}

TEST(Graph, ModuleHoldsSeveralFunctions) {
  Module m("two");
  {
    Graph a(m, "first");
    a.returns(exp(a.input("x", {2})));
  }
  Graph b(m, "second");
  b.returns(b.input("x", {3}) * 2.0);
  EXPECT_TRUE(m.lookup("first"));
  EXPECT_TRUE(m.lookup("second"));
  EXPECT_FALSE(m.lookup("third"));
  EXPECT_NO_THROW(m.verify());
  std::string text = m.str();
  EXPECT_NE(text.find("module @two"), std::string::npos) << text;
  expectError([&] { Graph again(m, "first"); }, {"func.func", "a function named 'first' already exists"});
}

TEST(Graph, NamedOutputsNameTheResults) {
  Graph g("named");
  Tensor x = g.input("x", {2, 3});
  g.output({{"doubled", x + x}, {"total", x.sum()}});
  EXPECT_EQ(loom::abi::getResultName(g.func(), 0).getValue(), "doubled");
  EXPECT_EQ(loom::abi::resultName(g.func(), 1), "total");

  Graph twice("twice");
  Tensor y = twice.input("y", {2});
  expectError([&] { twice.output({{"a", y}, {"a", y}}); }, {"func.return", "two outputs of graph 'twice' are named 'a'"});
  Graph empty("empty");
  Tensor z = empty.input("z", {2});
  expectError([&] { empty.output({{"", z}}); }, {"output 0 of graph 'empty' has an empty name"});
}

TEST(Graph, UnfinishedFunctionIsRemoved) {
  Module m;
  try {
    Graph g(m, "broken");
    Tensor x = g.input("x", {2, 3});
    x.reshape({7});
  } catch (const Error &) {
  }
  EXPECT_FALSE(m.lookup("broken"));
  EXPECT_NO_THROW(m.verify());
}

//===----------------------------------------------------------------------===//
// Broadcasting
//===----------------------------------------------------------------------===//

TEST(Broadcast, TrailingDimensionsAlign) {
  Graph g("b");
  Tensor x = g.input("x", {4, 3});
  Tensor bias = g.input("bias", {3});
  Tensor y = x + bias;
  EXPECT_EQ(y.shape(), (Shape{4, 3}));
  auto add = definingOp<AddOp>(y);
  ASSERT_TRUE(add);
  EXPECT_EQ(add.getLhs(), x.value());
  auto broadcast = add.getRhs().getDefiningOp<BroadcastInDimOp>();
  ASSERT_TRUE(broadcast);
  EXPECT_EQ(broadcast.getOperand(), bias.value());
  EXPECT_EQ(broadcast.getBroadcastDimensions(), llvm::ArrayRef<int64_t>{1});
  EXPECT_EQ(typeOf(Tensor(g, broadcast)).getShape(),
            llvm::ArrayRef<int64_t>({4, 3}));
}

TEST(Broadcast, SizeOneDimensionsExpandOnBothSides) {
  Graph g("b");
  Tensor column = g.input("c", {4, 1});
  Tensor row = g.input("r", {1, 3});
  Tensor y = column - row;
  EXPECT_EQ(y.shape(), (Shape{4, 3}));
  auto sub = definingOp<SubOp>(y);
  ASSERT_TRUE(sub);
  auto lhs = sub.getLhs().getDefiningOp<BroadcastInDimOp>();
  auto rhs = sub.getRhs().getDefiningOp<BroadcastInDimOp>();
  ASSERT_TRUE(lhs && rhs);
  EXPECT_EQ(lhs.getBroadcastDimensions(), llvm::ArrayRef<int64_t>({0, 1}));
  EXPECT_EQ(rhs.getBroadcastDimensions(), llvm::ArrayRef<int64_t>({0, 1}));
}

TEST(Broadcast, EqualShapesInsertNothing) {
  Graph g("b");
  Tensor x = g.input("x", {2, 2});
  Tensor y = g.input("y", {2, 2});
  (void)(x * y / x);
  EXPECT_EQ(countOps(g, "loom.broadcast_in_dim"), 0);
}

TEST(Broadcast, ScalarsBecomeSplatConstants) {
  Graph g("b");
  Tensor x = g.input("x", {2, 3});
  Tensor y = 1.0 - x * 3.0;
  EXPECT_EQ(y.shape(), (Shape{2, 3}));
  EXPECT_EQ(countOps(g, "loom.constant"), 2);
  EXPECT_EQ(countOps(g, "loom.broadcast_in_dim"), 0);
  auto sub = definingOp<SubOp>(y);
  ASSERT_TRUE(sub);
  auto one = sub.getLhs().getDefiningOp<ConstantOp>();
  ASSERT_TRUE(one);
  auto value = mlir::cast<mlir::DenseElementsAttr>(one.getValue());
  EXPECT_TRUE(value.isSplat());
  EXPECT_EQ(value.getSplatValue<float>(), 1.0f);
}

TEST(Broadcast, RankZeroOperandBroadcastsToAnyShape) {
  Graph g("b");
  Tensor x = g.input("x", {2, 3});
  Tensor s = g.input("s", {});
  Tensor y = s * x;
  EXPECT_EQ(y.shape(), (Shape{2, 3}));
  auto broadcast = definingOp<MulOp>(y).getLhs().getDefiningOp<BroadcastInDimOp>();
  ASSERT_TRUE(broadcast);
  EXPECT_TRUE(broadcast.getBroadcastDimensions().empty());
}

TEST(Broadcast, IncompatibleShapesThrow) {
  Graph g("b");
  Tensor x = g.input("x", {2, 3});
  Tensor y = g.input("y", {4, 3});
  expectError([&] { x + y; }, {"loom.add", "cannot broadcast shapes [2, 3] and [4, 3]"});
  expectError([&] { maximum(x, y); }, {"loom.max", "[2, 3]", "[4, 3]"});
  expectError([&] { x.broadcastTo({3, 3}); }, {"loom.broadcast_in_dim", "[2, 3]", "[3, 3]"});
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

TEST(Ops, ElementwiseMathCreatesOneOpEach) {
  Graph g("math");
  Tensor x = g.input("x", {8});
  Tensor y = g.input("y", {8});
  std::vector<Tensor> results = {
      exp(x),     log(x),     tanh(x),        sigmoid(x),  relu(x),
      gelu(x),    sqrt(x),    rsqrt(x),       square(x),   abs(x),
      -x,         pow(x, y),  pow(x, 3.0),    maximum(x, y), minimum(x, 0.0),
      leakyRelu(x, 0.2)};
  g.output(results);
  EXPECT_EQ(opNames(g),
            (std::vector<std::string>{
                "loom.exp", "loom.log", "loom.tanh", "loom.sigmoid",
                "loom.relu", "loom.gelu", "loom.sqrt", "loom.rsqrt",
                "loom.square", "loom.abs", "loom.neg", "loom.pow",
                "loom.constant", "loom.pow", "loom.max", "loom.constant",
                "loom.min", "loom.leaky_relu"}));
  auto leaky = definingOp<LeakyReluOp>(results.back());
  EXPECT_DOUBLE_EQ(leaky.getAlpha().convertToDouble(), 0.2);
}

TEST(Ops, MatmulShapes) {
  Graph g("mm");
  Tensor a = g.input("a", {4, 3});
  Tensor b = g.input("b", {3, 5});
  EXPECT_EQ(matmul(a, b).shape(), (Shape{4, 5}));

  Tensor batched = g.input("batched", {2, 4, 3});
  Tensor rhsBatched = g.input("rhs", {2, 3, 5});
  Tensor c = matmul(batched, rhsBatched);
  EXPECT_EQ(c.shape(), (Shape{2, 4, 5}));
  EXPECT_TRUE(definingOp<MatmulOp>(c));

  // A shared rank-2 weight broadcasts over the batch, numpy-style (loom.matmul's
  // canonicalization then folds the batch into rows).
  Tensor d = matmul(batched, b);
  EXPECT_EQ(d.shape(), (Shape{2, 4, 5}));
  auto product = definingOp<MatmulOp>(d);
  ASSERT_TRUE(product);
  auto shared = product.getRhs().getDefiningOp<BroadcastInDimOp>();
  ASSERT_TRUE(shared);
  EXPECT_EQ(shared.getOperand(), b.value());

  // Batch dimensions broadcast numpy-style.
  Tensor single = g.input("single", {1, 4, 3});
  Tensor e = matmul(single, rhsBatched);
  EXPECT_EQ(e.shape(), (Shape{2, 4, 5}));
  EXPECT_TRUE(definingOp<MatmulOp>(e).getLhs().getDefiningOp<BroadcastInDimOp>());
}

TEST(Ops, ReductionsWithAndWithoutKeepDims) {
  Graph g("r");
  Tensor x = g.input("x", {2, 3, 4});
  Tensor s = x.sum({1});
  EXPECT_EQ(s.shape(), (Shape{2, 4}));
  auto sum = definingOp<ReduceSumOp>(s);
  ASSERT_TRUE(sum);
  EXPECT_EQ(sum.getAxes(), llvm::ArrayRef<int64_t>{1});

  Tensor kept = x.mean({-1, 0}, /*keepDims=*/true);
  EXPECT_EQ(kept.shape(), (Shape{1, 3, 1}));
  auto reshape = definingOp<ReshapeOp>(kept);
  ASSERT_TRUE(reshape);
  auto mean = reshape.getOperand().getDefiningOp<ReduceMeanOp>();
  ASSERT_TRUE(mean);
  EXPECT_EQ(mean.getAxes(), llvm::ArrayRef<int64_t>({0, 2}));

  Tensor all = x.max();
  EXPECT_EQ(all.shape(), Shape{});
  EXPECT_TRUE(definingOp<ReduceMaxOp>(all));
  expectError([&] { x.sum({3}); }, {"loom.reduce_sum", "axis 3 is out of range for shape [2, 3, 4]"});
  expectError([&] { x.mean({1, -2}); }, {"loom.reduce_mean", "repeat"});
}

TEST(Ops, LayoutOps) {
  Graph g("layout");
  Tensor x = g.input("x", {2, 3, 4});
  EXPECT_EQ(x.reshape({6, 4}).shape(), (Shape{6, 4}));
  EXPECT_EQ(x.reshape({2, 3, 4}).value(), x.value());

  Tensor t = x.transpose({2, 0, 1});
  EXPECT_EQ(t.shape(), (Shape{4, 2, 3}));
  EXPECT_EQ(definingOp<TransposeOp>(t).getPermutation(),
            llvm::ArrayRef<int64_t>({2, 0, 1}));

  Tensor s = x.slice({0, 1, 0}, {2, 3, 4}, {1, 1, 2});
  EXPECT_EQ(s.shape(), (Shape{2, 2, 2}));

  Tensor c = concat({x, g.input("y", {2, 5, 4})}, 1);
  EXPECT_EQ(c.shape(), (Shape{2, 8, 4}));

  Tensor b = g.input("b", {3}).broadcastInDim({3, 7}, {0});
  EXPECT_EQ(b.shape(), (Shape{3, 7}));

  Tensor i = x.cast(DType::I32);
  EXPECT_EQ(i.dtype(), DType::I32);
  EXPECT_TRUE(definingOp<ConvertOp>(i));
  EXPECT_EQ(x.cast(DType::F32).value(), x.value());

  g.output({t, s, c, b, i});
  EXPECT_NO_THROW(g.parent().verify());
}

TEST(Ops, Conv2dOutputShape) {
  Graph g("conv");
  Tensor x = g.input("x", {2, 3, 28, 28});
  Tensor w = g.input("w", {8, 3, 3, 3});
  Tensor y = conv2d(x, w, {2, 2}, {1, 1});
  EXPECT_EQ(y.shape(), (Shape{2, 8, 14, 14}));
  auto conv = definingOp<Conv2DOp>(y);
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv.getStrides(), llvm::ArrayRef<int64_t>({2, 2}));
  EXPECT_EQ(conv.getPadding(), llvm::ArrayRef<int64_t>({1, 1}));
  EXPECT_EQ(conv2d(x, w).shape(), (Shape{2, 8, 26, 26}));
  auto dilated = definingOp<Conv2DOp>(conv2d(x, w, {1, 1}, {0, 0}, {3, 2}));
  ASSERT_TRUE(dilated);
  EXPECT_EQ(dilated.getDilations(), llvm::ArrayRef<int64_t>({3, 2}));
  EXPECT_EQ(dilated.getResult().getType().getShape(),
            llvm::ArrayRef<int64_t>({2, 8, 22, 24}));
}

TEST(Ops, Conv2dTransposeInvertsTheConvolvedShape) {
  Graph g("conv_transpose");
  Tensor dy = g.input("dy", {2, 8, 14, 14});
  Tensor w = g.input("w", {8, 3, 3, 3});
  // (14 - 1) * 2 - 2 + 3 = 27: PyTorch's size without output padding.
  Tensor x = conv2dTranspose(dy, w, {2, 2}, {1, 1});
  EXPECT_EQ(x.shape(), (Shape{2, 3, 27, 27}));
  ASSERT_TRUE(definingOp<Conv2DTransposeOp>(x));
  Tensor narrow = g.input("narrow", {4, 3, 3, 3});
  expectError([&] { conv2dTranspose(dy, narrow); },
              {"loom.conv2d_transpose", "8 channels", "expects 4"});
  expectError([&] { conv2dTranspose(dy, w, {1, 1}, {9, 9}); },
              {"loom.conv2d_transpose", "leaves no output"});
  g.output({x});
  EXPECT_NO_THROW(g.parent().verify());
}

TEST(Ops, CompareAndWhere) {
  Graph g("cmp");
  Tensor x = g.input("x", {2, 3});
  Tensor threshold = g.input("t", {3});
  Tensor mask = compare(x, threshold, ComparisonPredicate::gt);
  EXPECT_EQ(mask.dtype(), DType::I1);
  EXPECT_EQ(mask.shape(), (Shape{2, 3}));
  EXPECT_EQ(definingOp<CompareOp>(mask).getPredicate(),
            ComparisonPredicate::gt);
  Tensor zeros = g.constant(0.0);
  Tensor y = where(mask, x, zeros);
  EXPECT_EQ(y.shape(), (Shape{2, 3}));
  EXPECT_TRUE(definingOp<SelectOp>(y));
  g.returns(y);
}

TEST(Ops, ConstantsAndIota) {
  Graph g("c");
  Tensor values = g.constant({1, 2, 3, 4, 5, 6}, {2, 3});
  auto attr =
      mlir::cast<mlir::DenseElementsAttr>(definingOp<ConstantOp>(values).getValue());
  EXPECT_FALSE(attr.isSplat());
  EXPECT_EQ(attr.getValues<float>()[5], 6.0f);

  Tensor ints = g.constant(7, {3}, DType::I64);
  EXPECT_EQ(ints.dtype(), DType::I64);

  Tensor iota = g.iota({4, 5}, -1, DType::I32);
  EXPECT_EQ(definingOp<IotaOp>(iota).getDimension(), 1u);
  expectError([&] { g.constant({1, 2, 3}, {2, 2}); }, {"loom.constant", "3 values do not fill shape [2, 2]"});
  expectError([&] { g.constant(0.5, {2}, DType::I32); }, {"loom.constant", "not representable in i32"});
}

TEST(Ops, RandomOpsGetDistinctStreams) {
  Graph g("rng");
  Tensor seed = g.seed("seed");
  Tensor a = g.randomNormal({4}, seed);
  Tensor b = g.randomNormal({4}, seed);
  Tensor c = g.randomUniform({2, 2}, seed, DType::F64);
  EXPECT_EQ(definingOp<RandomNormalOp>(a).getStream(), 0u);
  EXPECT_EQ(definingOp<RandomNormalOp>(b).getStream(), 1u);
  EXPECT_EQ(definingOp<RandomUniformOp>(c).getStream(), 2u);
  EXPECT_EQ(c.dtype(), DType::F64);
  Tensor notSeed = g.input("x", {2});
  expectError([&] { g.randomUniform({2}, notSeed); }, {"loom.random_uniform", "rank-0 i64", "tensor<2xf32>"});
}

//===----------------------------------------------------------------------===//
// Locations
//===----------------------------------------------------------------------===//

TEST(Locations, OpsCarryTheCallersFileAndLine) {
  const std::string file = __FILE__;
  Graph g("loc");
  int inputLine = __LINE__ + 1;
  Tensor x = g.input("x", {2, 3});
  Tensor bias = g.input("b", {3});
  int addLine = __LINE__ + 1;
  Tensor sum = x + bias;
  int expLine = __LINE__ + 1;
  Tensor e = exp(sum);
  int reshapeLine = __LINE__ + 1;
  Tensor r = e.reshape({3, 2});
  int negLine = __LINE__ + 1;
  Tensor n = -r;
  int scalarLine = __LINE__ + 1;
  Tensor s = 2.0 * n;
  int keepLine = __LINE__ + 1;
  Tensor k = s.sum({1}, true);

  EXPECT_EQ(fileLine(x.value()), std::make_pair(file, unsigned(inputLine)));
  EXPECT_EQ(fileLine(sum.value()), std::make_pair(file, unsigned(addLine)));
  // The inserted broadcast belongs to the same line as the add.
  auto broadcast = definingOp<AddOp>(sum).getRhs();
  EXPECT_EQ(fileLine(broadcast), std::make_pair(file, unsigned(addLine)));
  EXPECT_EQ(fileLine(e.value()), std::make_pair(file, unsigned(expLine)));
  EXPECT_EQ(fileLine(r.value()), std::make_pair(file, unsigned(reshapeLine)));
  EXPECT_EQ(fileLine(n.value()), std::make_pair(file, unsigned(negLine)));
  EXPECT_EQ(fileLine(s.value()), std::make_pair(file, unsigned(scalarLine)));
  EXPECT_EQ(fileLine(definingOp<MulOp>(s).getLhs()),
            std::make_pair(file, unsigned(scalarLine)));
  EXPECT_EQ(fileLine(k.value()), std::make_pair(file, unsigned(keepLine)));
  int returnLine = __LINE__ + 1;
  g.returns(k);
  auto ret = g.func().getBody().front().getTerminator();
  auto loc = mlir::cast<mlir::FileLineColLoc>(ret->getLoc());
  EXPECT_EQ(loc.getLine(), unsigned(returnLine));
}

//===----------------------------------------------------------------------===//
// Misuse
//===----------------------------------------------------------------------===//

TEST(Misuse, ShapeErrorsNameTheOpShapesAndLine) {
  Graph g("bad");
  Tensor x = g.input("x", {4, 3});
  Tensor w = g.input("w", {4, 5});
  Tensor img = g.input("img", {1, 3, 8, 8});
  Tensor filter = g.input("filter", {2, 4, 3, 3});
  expectError([&] { matmul(x, w); }, {"loom.matmul", "contraction sizes differ", "[4, 3]", "[4, 5]"});
  expectError([&] { matmul(x, g.input("v", {3})); }, {"loom.matmul", "rank >= 2"});
  expectError([&] { x.reshape({5, 2}); }, {"loom.reshape", "cannot reshape [4, 3] (12 elements) to [5, 2] (10 elements)"});
  expectError([&] { x.reshape({-1, 3}); }, {"loom.reshape", "positive"});
  expectError([&] { x.transpose({0, 0}); }, {"loom.transpose", "[0, 0] is not a permutation of 0..1", "[4, 3]"});
  expectError([&] { x.transpose({1}); }, {"loom.transpose", "permutation [1] has 1 entries", "[4, 3]"});
  expectError([&] { x.slice({0, 0}, {5, 3}); }, {"loom.slice", "range [0, 5) in dimension 0", "[4, 3]"});
  expectError([&] { conv2d(img, filter); }, {"loom.conv2d", "3 channels", "expects 4"});
  expectError([&] { conv2d(x, filter); }, {"loom.conv2d", "rank-4", "[4, 3]"});
  expectError([&] { conv2d(img, filter, {1, 1}, {0, 0}, {0, 1}); },
              {"loom.conv2d", "dilations must be positive", "dilations [0, 1]"});
  expectError([&] { concat({x, w}, 0); }, {"loom.concat", "differ outside axis 0", "[4, 3] vs [4, 5]"});
  expectError([&] { concat({}, 0); }, {"loom.concat", "at least one input"});
  expectError([&] { g.input("neg", {2, 0}); }, {"input 'neg'", "positive", "[2, 0]"});
  // An op that fails its verifier is erased before the error is thrown.
  EXPECT_TRUE(opNames(g).empty());
}

TEST(Misuse, TypeErrors) {
  Graph g("types");
  Tensor x = g.input("x", {3});
  Tensor d = g.input("d", {3}, DType::F64);
  Tensor labels = g.input("labels", {3}, DType::I32);
  expectError([&] { x + d; }, {"loom.add", "different element types", "tensor<3xf32>", "tensor<3xf64>"});
  expectError([&] { exp(labels); }, {"loom.exp", "floating-point", "tensor<3xi32>"});
  expectError([&] { labels * 2.0; }, {"loom.mul", "floating-point"});
  expectError([&] { where(x, x, x); }, {"loom.select", "condition must be an i1 tensor"});
  expectError([&] { compare(x, labels, ComparisonPredicate::eq); }, {"loom.compare", "different element types"});
  expectError([&] { g.parameter("p", {2}, Init::zeros(), DType::I32); }, {"parameter 'p'", "f32 or f64"});
  expectError([&] { g.parameter("q", {2}, Init::normal(-1.0)); }, {"parameter 'q'", "non-negative"});
}

TEST(Misuse, DuplicateNamesThrow) {
  Graph g("dup");
  g.input("x", {2});
  g.parameter("fc.weight", {2, 2}, Init::xavierUniform());
  expectError([&] { g.parameter("fc.weight", {3}, Init::zeros()); }, {"parameter", "'fc.weight' already exists in graph 'dup'"});
  expectError([&] { g.input("x", {2}); }, {"input", "'x' already exists"});
  expectError([&] { g.parameter("x", {2}, Init::ones()); }, {"parameter", "'x' already exists"});
  expectError([&] { g.input("", {2}); }, {"input", "non-empty name"});
}

TEST(Misuse, TensorsFromAnotherGraph) {
  Module m;
  Graph a(m, "a");
  Graph b(m, "b");
  Tensor x = a.input("x", {2});
  Tensor y = b.input("y", {2});
  expectError([&] { x * y; }, {"loom.mul", "different graphs ('a' and 'b')"});
  expectError([&] { b.returns(x); }, {"func.return", "does not belong to graph 'b'"});
  expectError([&] { exp(Tensor()); }, {"loom.exp", "empty Tensor handle"});
}

TEST(Misuse, FinishedGraphRejectsNewOps) {
  Graph g("done");
  Tensor x = g.input("x", {2});
  g.returns(x);
  expectError([&] { exp(x); }, {"loom.exp", "graph 'done' is already finished"});
  expectError([&] { g.input("y", {2}); }, {"input", "already finished"});
  expectError([&] { g.returns(x); }, {"func.return", "already finished"});
}

} // namespace
