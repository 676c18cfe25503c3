//===- GradientCheckTest.cpp - every gradient rule vs finite differences --===//
//
// For every differentiable loom op, a loss `sum(op(x...) * w)` (w random, so
// the cotangent reaching the rule is not uniform) is differentiated by
// `loom-autodiff`, compiled by the normal JIT path (loom::compileModule) and
// run; each gradient element is compared with the central difference
//
//   (f(x + h e_i) - f(x - h e_i)) / (x_i^+ - x_i^-),   h = 1e-5,
//
// of the forward function evaluated in float64 by loom::reference's naive
// evaluator (independent of the rules, the lowering and the JIT). x_i^+ and
// x_i^- are the perturbed values after rounding to the argument's type.
//
// An element passes when |grad - fd| <= atol + rtol * |fd|:
//   f64 gradient:  rtol 1e-6, atol 1e-8   (the differences' own error is
//                  ~h^2 f''' + eps |f| / h ~ 1e-10)
//   f32 gradient:  rtol 1e-4, atol 1e-5 * (1 + max |fd|), fd taken from the f64
//                  version of the function at the f32-rounded inputs
// Inputs are kept away from kinks (relu, abs, leaky_relu at 0; max/min ties;
// reduce_max ties) so finite differences are valid. Each case prints the
// largest absolute and relative error it saw.
//
// The Hessian-vector product test runs `loom-autodiff` then `loom-jvp` on the
// gradient function and compares H v with central differences of the compiled
// gradient along v.
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/Dialect/Loom/Transforms/Passes.h"
#include "loom/Reference/Evaluator.h"
#include "loom/Compiler/MLIRCompile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>

using loom::reference::ElementKind;
using loom::reference::RefTensor;

namespace {

constexpr double kStep = 1e-5;

/// Where an argument's random values come from.
enum class Domain {
  Symmetric,    ///< uniform in [-1, 1]
  Positive,     ///< uniform in [0.5, 2]
  AwayFromZero, ///< |x| uniform in [0.2, 1], random sign
};

struct GradientCase {
  std::string name;
  /// MLIR text of `@f`; `{T}` is the element type under test, `{U}` the other
  /// float type.
  std::string source;
  /// Argument index -> domain; unlisted float arguments are Symmetric.
  std::map<unsigned, Domain> domains = {};
};

struct Tolerance {
  double rtol;
  double atol;
};

const char *floatName(ElementKind kind) {
  return kind == ElementKind::F64 ? "f64" : "f32";
}

/// Replaces `{T}` with `t` and `{U}` with `u`.
std::string instantiate(std::string text, ElementKind t, ElementKind u) {
  for (auto [key, value] : {std::pair<std::string, std::string>{"{T}", floatName(t)},
                            {"{U}", floatName(u)}})
    for (size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

loom::Tensor toRuntime(const RefTensor &ref) {
  switch (ref.kind) {
  case ElementKind::F32:
    return loom::Tensor::fromVector<float>(
        ref.shape, std::vector<float>(ref.floats.begin(), ref.floats.end()));
  case ElementKind::F64:
    return loom::Tensor::fromVector<double>(ref.shape, ref.floats);
  case ElementKind::I64:
    return loom::Tensor::fromVector<int64_t>(ref.shape, ref.ints);
  default:
    ADD_FAILURE() << "unexpected argument kind " << loom::reference::toString(ref.kind);
    return loom::Tensor::zeros({});
  }
}

std::vector<double> toDoubles(const loom::Tensor &tensor) {
  if (tensor.dtype() == loom::DType::F32) {
    std::vector<float> values = tensor.toVector<float>();
    return {values.begin(), values.end()};
  }
  return tensor.toVector<double>();
}

/// Rounds `value` to the precision of `kind`.
double roundTo(ElementKind kind, double value) {
  return kind == ElementKind::F32 ? static_cast<double>(static_cast<float>(value))
                                  : value;
}

class GradientCheckTest : public ::testing::Test {
protected:
  GradientCheckTest() {
    context.loadDialect<loom::LoomDialect, mlir::func::FuncDialect>();
  }

  mlir::OwningOpRef<mlir::ModuleOp> parse(const std::string &text) {
    auto module = mlir::parseSourceString<mlir::ModuleOp>(text, &context);
    EXPECT_TRUE(module) << "cannot parse:\n" << text;
    return module;
  }

  /// Adds the derivative functions to `module` with `passes` and compiles it.
  std::optional<loom::Executable>
  differentiateAndCompile(mlir::ModuleOp module,
                          const std::function<void(mlir::PassManager &)> &passes) {
    mlir::PassManager pm(&context);
    passes(pm);
    if (mlir::failed(pm.run(module))) {
      ADD_FAILURE() << "differentiation failed";
      return std::nullopt;
    }
    loom::Expected<loom::Executable> executable = loom::compileModule(module);
    if (!executable) {
      ADD_FAILURE() << executable.error().message();
      return std::nullopt;
    }
    return std::move(*executable);
  }

  /// Random arguments for `func`, as described by `domains`.
  std::vector<RefTensor> randomArguments(mlir::func::FuncOp func,
                                         const std::map<unsigned, Domain> &domains,
                                         uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::vector<RefTensor> args;
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      auto type = mlir::cast<mlir::RankedTensorType>(func.getArgument(i).getType());
      ElementKind kind = *loom::reference::elementKindOf(type.getElementType());
      std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
      int64_t count = type.getNumElements();
      if (!loom::reference::isFloat(kind)) {
        args.push_back(RefTensor::integer(
            kind, shape, std::vector<int64_t>(count, 1234 + static_cast<int64_t>(i))));
        continue;
      }
      auto found = domains.find(i);
      Domain domain = found == domains.end() ? Domain::Symmetric : found->second;
      std::vector<double> values(count);
      std::uniform_real_distribution<double> symmetric(-1, 1), positive(0.5, 2),
          magnitude(0.2, 1);
      for (double &value : values) {
        switch (domain) {
        case Domain::Symmetric:
          value = symmetric(engine);
          break;
        case Domain::Positive:
          value = positive(engine);
          break;
        case Domain::AwayFromZero:
          value = magnitude(engine) * (symmetric(engine) < 0 ? -1 : 1);
          break;
        }
      }
      args.push_back(RefTensor::floating(kind, shape, std::move(values)));
    }
    return args;
  }

  double evaluateLoss(mlir::func::FuncOp func, const std::vector<RefTensor> &args) {
    auto results = loom::reference::evaluateReference(func, args);
    if (!results) {
      ADD_FAILURE() << results.error().message();
      return std::nan("");
    }
    return (*results)[0].floats[0];
  }

  /// Differentiates `gradientCase` in element type `kind` and checks every
  /// gradient element against finite differences of the f64 forward function.
  void check(const GradientCase &gradientCase, ElementKind kind) {
    SCOPED_TRACE(gradientCase.name + " in " + loom::reference::toString(kind));
    // Under test: T = kind, U = the other float type. The oracle computes in
    // f64 throughout and takes U-typed arguments as the tested function does.
    ElementKind other = kind == ElementKind::F64 ? ElementKind::F32 : ElementKind::F64;
    auto module = parse(instantiate(gradientCase.source, kind, other));
    auto reference = parse(instantiate(gradientCase.source, ElementKind::F64,
                                       kind == ElementKind::F64 ? other
                                                                : ElementKind::F64));
    if (!module || !reference)
      return;
    auto forward = module->lookupSymbol<mlir::func::FuncOp>("f");
    std::vector<RefTensor> args =
        randomArguments(forward, gradientCase.domains, /*seed=*/20240611);

    std::optional<loom::Executable> executable =
        differentiateAndCompile(*module, [](mlir::PassManager &pm) {
          pm.addPass(loom::createLoomAutodiff());
        });
    if (!executable)
      return;
    std::vector<loom::Tensor> runtimeArgs;
    for (const RefTensor &arg : args)
      runtimeArgs.push_back(toRuntime(arg));
    auto outputs = executable->run("f_grad", runtimeArgs);
    ASSERT_TRUE(outputs) << outputs.error().message();

    // Arguments of the f64 oracle: the same values (already rounded to the
    // tested types), re-typed where the f32 function has f32 arguments.
    auto oracle = reference->lookupSymbol<mlir::func::FuncOp>("f");
    std::vector<RefTensor> oracleArgs;
    for (unsigned i = 0; i < args.size(); ++i) {
      auto type = mlir::cast<mlir::RankedTensorType>(oracle.getArgument(i).getType());
      ElementKind oracleKind = *loom::reference::elementKindOf(type.getElementType());
      oracleArgs.push_back(loom::reference::isFloat(oracleKind)
                               ? RefTensor::floating(oracleKind, args[i].shape,
                                                     args[i].floats)
                               : args[i]);
    }

    std::vector<unsigned> marked;
    for (unsigned i = 0; i < forward.getNumArguments(); ++i)
      if (forward.getArgAttr(i, loom::abi::kDifferentiate))
        marked.push_back(i);
    size_t gradientIndex = outputs->size() - marked.size();
    ASSERT_FALSE(marked.empty());

    double maxAbs = 0, maxRel = 0;
    for (auto [position, argIndex] : llvm::enumerate(marked)) {
      std::vector<double> gradient = toDoubles((*outputs)[gradientIndex + position]);
      ElementKind argKind = args[argIndex].kind;
      std::vector<double> differences(gradient.size());
      for (size_t e = 0; e < gradient.size(); ++e) {
        std::vector<RefTensor> plus = oracleArgs, minus = oracleArgs;
        double x = args[argIndex].floats[e];
        double up = roundTo(argKind, x + kStep), down = roundTo(argKind, x - kStep);
        plus[argIndex].floats[e] = up;
        minus[argIndex].floats[e] = down;
        differences[e] =
            (evaluateLoss(oracle, plus) - evaluateLoss(oracle, minus)) / (up - down);
      }
      double scale = 0;
      for (double d : differences)
        scale = std::max(scale, std::abs(d));
      Tolerance tolerance = kind == ElementKind::F64
                                ? Tolerance{1e-6, 1e-8}
                                : Tolerance{1e-4, 1e-5 * (1 + scale)};
      for (size_t e = 0; e < gradient.size(); ++e) {
        double error = std::abs(gradient[e] - differences[e]);
        maxAbs = std::max(maxAbs, error);
        maxRel = std::max(maxRel, error / std::max(std::abs(differences[e]), 1e-3));
        EXPECT_LE(error, tolerance.atol + tolerance.rtol * std::abs(differences[e]))
            << "d loss / d arg" << argIndex << "[" << e << "]: gradient "
            << gradient[e] << ", finite difference " << differences[e];
      }
    }
    std::printf("[gradient check] %-22s %s  max abs err %.2e  max rel err %.2e\n",
                gradientCase.name.c_str(), loom::reference::toString(kind), maxAbs,
                maxRel);
  }

  mlir::MLIRContext context;
};

/// `loss = sum(OP(x) * w)` over a 3x5 tensor.
GradientCase unary(const std::string &op, Domain domain = Domain::Symmetric,
                   const std::string &attribute = "") {
  return {op, R"(
func.func @f(%x: tensor<3x5x{T}> {loom.differentiate}, %w: tensor<3x5x{T}>) -> tensor<{T}> {
  %y = loom.)" + op + " %x" + attribute + R"( : tensor<3x5x{T}>
  %m = loom.mul %y, %w : tensor<3x5x{T}>
  %l = loom.reduce_sum %m axes = [0, 1] : tensor<3x5x{T}> -> tensor<{T}>
  return %l : tensor<{T}>
})",
          {{0, domain}}};
}

/// `loss = sum(OP(a, b) * w)`, both operands differentiated.
GradientCase binary(const std::string &op, Domain lhs = Domain::Symmetric,
                    Domain rhs = Domain::Symmetric) {
  return {op, R"(
func.func @f(%a: tensor<3x5x{T}> {loom.differentiate}, %b: tensor<3x5x{T}> {loom.differentiate}, %w: tensor<3x5x{T}>) -> tensor<{T}> {
  %y = loom.)" + op + R"( %a, %b : tensor<3x5x{T}>
  %m = loom.mul %y, %w : tensor<3x5x{T}>
  %l = loom.reduce_sum %m axes = [0, 1] : tensor<3x5x{T}> -> tensor<{T}>
  return %l : tensor<{T}>
})",
          {{0, lhs}, {1, rhs}}};
}

/// `loss = sum(BODY * w)` where BODY defines `%y : tensor<SHAPE x T>`.
GradientCase weighted(const std::string &name, const std::string &arguments,
                      const std::string &body, const std::string &shape,
                      const std::string &axes,
                      std::map<unsigned, Domain> domains = {}) {
  std::string type = "tensor<" + shape + "x{T}>";
  return {name,
          "func.func @f(" + arguments + ", %w: " + type + ") -> tensor<{T}> {\n" +
              body + "\n  %m = loom.mul %y, %w : " + type +
              "\n  %l = loom.reduce_sum %m axes = " + axes + " : " + type +
              " -> tensor<{T}>\n  return %l : tensor<{T}>\n}",
          std::move(domains)};
}

std::vector<GradientCase> allCases() {
  std::vector<GradientCase> cases = {
      unary("neg"),
      unary("exp"),
      unary("log", Domain::Positive),
      unary("tanh"),
      unary("sigmoid"),
      unary("relu", Domain::AwayFromZero),
      unary("gelu"),
      unary("sqrt", Domain::Positive),
      unary("rsqrt", Domain::Positive),
      unary("square"),
      unary("abs", Domain::AwayFromZero),
      unary("leaky_relu", Domain::AwayFromZero, ", 0.125"),
      binary("add"),
      binary("sub"),
      binary("mul"),
      binary("div", Domain::Symmetric, Domain::AwayFromZero),
      binary("max"),
      binary("min"),
      binary("pow", Domain::Positive, Domain::Symmetric),
  };
  cases.push_back(weighted(
      "select",
      "%a: tensor<3x5x{T}> {loom.differentiate}, %b: tensor<3x5x{T}> "
      "{loom.differentiate}, %c: tensor<3x5x{T}>",
      "  %zero = loom.constant dense<0.0> : tensor<3x5x{T}>\n"
      "  %cond = loom.compare gt, %c, %zero : tensor<3x5x{T}>\n"
      "  %y = loom.select %cond, %a, %b : tensor<3x5xi1>, tensor<3x5x{T}>",
      "3x5", "[0, 1]"));
  cases.push_back(weighted(
      "convert", "%x: tensor<3x5x{U}> {loom.differentiate}",
      "  %c = loom.convert %x : tensor<3x5x{U}> -> tensor<3x5x{T}>\n"
      "  %y = loom.tanh %c : tensor<3x5x{T}>",
      "3x5", "[0, 1]"));
  cases.push_back(weighted(
      "broadcast_in_dim", "%x: tensor<3x1x{T}> {loom.differentiate}",
      "  %y = loom.broadcast_in_dim %x dims = [1, 2] : tensor<3x1x{T}> -> "
      "tensor<2x3x4x{T}>",
      "2x3x4", "[0, 1, 2]"));
  cases.push_back(weighted(
      "reshape", "%x: tensor<2x6x{T}> {loom.differentiate}",
      "  %r = loom.reshape %x : tensor<2x6x{T}> -> tensor<3x4x{T}>\n"
      "  %y = loom.square %r : tensor<3x4x{T}>",
      "3x4", "[0, 1]"));
  cases.push_back(weighted(
      "transpose", "%x: tensor<2x3x4x{T}> {loom.differentiate}",
      "  %t = loom.transpose %x perm = [1, 2, 0] : tensor<2x3x4x{T}> -> "
      "tensor<3x4x2x{T}>\n"
      "  %y = loom.square %t : tensor<3x4x2x{T}>",
      "3x4x2", "[0, 1, 2]"));
  cases.push_back(weighted(
      "slice", "%x: tensor<7x5x{T}> {loom.differentiate}",
      "  %s = loom.slice %x start = [1, 1] limit = [7, 5] strides = [3, 2] : "
      "tensor<7x5x{T}> -> tensor<2x2x{T}>\n"
      "  %y = loom.square %s : tensor<2x2x{T}>",
      "2x2", "[0, 1]"));
  cases.push_back(weighted(
      "concat",
      "%a: tensor<2x3x{T}> {loom.differentiate}, %b: tensor<2x2x{T}> "
      "{loom.differentiate}",
      "  %c = loom.concat %a, %b, %a axis = 1 : (tensor<2x3x{T}>, "
      "tensor<2x2x{T}>, tensor<2x3x{T}>) -> tensor<2x8x{T}>\n"
      "  %y = loom.square %c : tensor<2x8x{T}>",
      "2x8", "[0, 1]"));
  cases.push_back(weighted(
      "matmul",
      "%a: tensor<3x4x{T}> {loom.differentiate}, %b: tensor<4x5x{T}> "
      "{loom.differentiate}",
      "  %y = loom.matmul %a, %b : tensor<3x4x{T}>, tensor<4x5x{T}> -> "
      "tensor<3x5x{T}>",
      "3x5", "[0, 1]"));
  cases.push_back(weighted(
      "batch_matmul",
      "%a: tensor<2x3x4x{T}> {loom.differentiate}, %b: tensor<2x4x5x{T}> "
      "{loom.differentiate}",
      "  %y = loom.matmul %a, %b : tensor<2x3x4x{T}>, tensor<2x4x5x{T}> -> "
      "tensor<2x3x5x{T}>",
      "2x3x5", "[0, 1, 2]"));
  cases.push_back(weighted(
      "conv2d_s1_p0",
      "%x: tensor<2x2x6x5x{T}> {loom.differentiate}, %k: tensor<3x2x3x2x{T}> "
      "{loom.differentiate}",
      "  %y = loom.conv2d %x, %k strides = [1, 1] padding = [0, 0] : "
      "tensor<2x2x6x5x{T}>, tensor<3x2x3x2x{T}> -> tensor<2x3x4x4x{T}>",
      "2x3x4x4", "[0, 1, 2, 3]"));
  cases.push_back(weighted(
      "conv2d_s2_p1",
      "%x: tensor<2x2x7x6x{T}> {loom.differentiate}, %k: tensor<3x2x3x3x{T}> "
      "{loom.differentiate}",
      "  %y = loom.conv2d %x, %k strides = [2, 2] padding = [1, 1] : "
      "tensor<2x2x7x6x{T}>, tensor<3x2x3x3x{T}> -> tensor<2x3x4x3x{T}>",
      "2x3x4x3", "[0, 1, 2, 3]"));
  cases.push_back(weighted(
      "conv2d_s21_p02",
      "%x: tensor<1x3x8x5x{T}> {loom.differentiate}, %k: tensor<2x3x2x3x{T}> "
      "{loom.differentiate}",
      "  %y = loom.conv2d %x, %k strides = [3, 1] padding = [0, 2] : "
      "tensor<1x3x8x5x{T}>, tensor<2x3x2x3x{T}> -> tensor<1x2x3x7x{T}>",
      "1x2x3x7", "[0, 1, 2, 3]"));
  cases.push_back(weighted(
      "conv2d_dilated",
      "%x: tensor<1x2x9x8x{T}> {loom.differentiate}, %k: tensor<2x2x3x2x{T}> "
      "{loom.differentiate}",
      "  %y = loom.conv2d %x, %k strides = [2, 1] padding = [1, 0] dilations "
      "= [2, 3] : tensor<1x2x9x8x{T}>, tensor<2x2x3x2x{T}> -> "
      "tensor<1x2x4x5x{T}>",
      "1x2x4x5", "[0, 1, 2, 3]"));
  cases.push_back(weighted(
      "conv2d_transpose",
      "%x: tensor<2x3x4x3x{T}> {loom.differentiate}, %k: tensor<3x2x3x3x{T}> "
      "{loom.differentiate}",
      "  %y = loom.conv2d_transpose %x, %k strides = [2, 2] padding = [1, 1] "
      ": tensor<2x3x4x3x{T}>, tensor<3x2x3x3x{T}> -> tensor<2x2x8x6x{T}>",
      "2x2x8x6", "[0, 1, 2, 3]"));
  cases.push_back(weighted(
      "reduce_sum", "%x: tensor<2x3x4x{T}> {loom.differentiate}",
      "  %s = loom.reduce_sum %x axes = [0, 2] : tensor<2x3x4x{T}> -> "
      "tensor<3x{T}>\n"
      "  %y = loom.square %s : tensor<3x{T}>",
      "3", "[0]"));
  cases.push_back(weighted(
      "reduce_mean", "%x: tensor<2x3x4x{T}> {loom.differentiate}",
      "  %s = loom.reduce_mean %x axes = [1] : tensor<2x3x4x{T}> -> "
      "tensor<2x4x{T}>\n"
      "  %y = loom.square %s : tensor<2x4x{T}>",
      "2x4", "[0, 1]"));
  cases.push_back(weighted(
      "reduce_max", "%x: tensor<3x4x5x{T}> {loom.differentiate}",
      "  %y = loom.reduce_max %x axes = [0, 2] : tensor<3x4x5x{T}> -> "
      "tensor<4x{T}>",
      "4", "[0]"));
  cases.push_back(weighted(
      "reparameterize",
      "%mu: tensor<3x5x{T}> {loom.differentiate}, %logvar: tensor<3x5x{T}> "
      "{loom.differentiate}, %seed: tensor<i64>",
      "  %eps = loom.random_normal %seed stream = 3 : tensor<i64> -> "
      "tensor<3x5x{T}>\n"
      "  %half = loom.constant dense<0.5> : tensor<3x5x{T}>\n"
      "  %s = loom.mul %logvar, %half : tensor<3x5x{T}>\n"
      "  %std = loom.exp %s : tensor<3x5x{T}>\n"
      "  %n = loom.mul %std, %eps : tensor<3x5x{T}>\n"
      "  %y = loom.add %mu, %n : tensor<3x5x{T}>",
      "3x5", "[0, 1]"));
  // Softmax cross-entropy: fan-out, max, broadcasts, exp, log, div together.
  cases.push_back(weighted(
      "softmax_composite", "%x: tensor<3x5x{T}> {loom.differentiate}",
      "  %max = loom.reduce_max %x axes = [1] : tensor<3x5x{T}> -> tensor<3x{T}>\n"
      "  %mb = loom.broadcast_in_dim %max dims = [0] : tensor<3x{T}> -> "
      "tensor<3x5x{T}>\n"
      "  %shift = loom.sub %x, %mb : tensor<3x5x{T}>\n"
      "  %e = loom.exp %shift : tensor<3x5x{T}>\n"
      "  %sum = loom.reduce_sum %e axes = [1] : tensor<3x5x{T}> -> tensor<3x{T}>\n"
      "  %sb = loom.broadcast_in_dim %sum dims = [0] : tensor<3x{T}> -> "
      "tensor<3x5x{T}>\n"
      "  %p = loom.div %e, %sb : tensor<3x5x{T}>\n"
      "  %y = loom.log %p : tensor<3x5x{T}>",
      "3x5", "[0, 1]"));
  return cases;
}

TEST_F(GradientCheckTest, EveryRuleInFloat64) {
  for (const GradientCase &gradientCase : allCases())
    check(gradientCase, ElementKind::F64);
}

TEST_F(GradientCheckTest, EveryRuleInFloat32) {
  for (const GradientCase &gradientCase : allCases())
    check(gradientCase, ElementKind::F32);
}

// Forward over reverse: the tangent of @f_grad's gradient along v is H v.
TEST_F(GradientCheckTest, HessianVectorProductMatchesGradientDifferences) {
  const std::string source = R"(
func.func @f(%x: tensor<4x3xf64> {loom.differentiate}, %a: tensor<3x5xf64>) -> tensor<f64> {
  %h = loom.matmul %x, %a : tensor<4x3xf64>, tensor<3x5xf64> -> tensor<4x5xf64>
  %t = loom.tanh %h : tensor<4x5xf64>
  %s = loom.square %t : tensor<4x5xf64>
  %m = loom.reduce_max %s axes = [1] : tensor<4x5xf64> -> tensor<4xf64>
  %e = loom.exp %x : tensor<4x3xf64>
  %q = loom.reduce_mean %e axes = [0, 1] : tensor<4x3xf64> -> tensor<f64>
  %r = loom.reduce_sum %m axes = [0] : tensor<4xf64> -> tensor<f64>
  %l = loom.add %r, %q : tensor<f64>
  return %l : tensor<f64>
})";
  auto module = parse(source);
  ASSERT_TRUE(module);
  std::optional<loom::Executable> executable =
      differentiateAndCompile(*module, [](mlir::PassManager &pm) {
        pm.addPass(loom::createLoomAutodiff());
        pm.addPass(loom::createLoomJvp(loom::LoomJvpOptions{"f_grad"}));
      });
  ASSERT_TRUE(executable);

  auto forward = module->lookupSymbol<mlir::func::FuncOp>("f");
  std::vector<RefTensor> args = randomArguments(forward, {}, 7);
  std::vector<RefTensor> direction = randomArguments(forward, {}, 8);
  loom::Tensor x = toRuntime(args[0]), a = toRuntime(args[1]),
               v = toRuntime(direction[0]);

  // f_grad_jvp(x, a, v) -> (loss, grad, d loss, d grad = H v).
  auto hvp = executable->run("f_grad_jvp", {x, a, v});
  ASSERT_TRUE(hvp) << hvp.error().message();
  ASSERT_EQ(hvp->size(), 4u);
  std::vector<double> product = toDoubles((*hvp)[3]);

  const double epsilon = 1e-5;
  std::vector<double> xs = args[0].floats, vs = direction[0].floats;
  auto gradientAt = [&](double t) {
    std::vector<double> shifted(xs.size());
    for (size_t i = 0; i < xs.size(); ++i)
      shifted[i] = xs[i] + t * vs[i];
    auto result = executable->run(
        "f_grad", {loom::Tensor::fromVector<double>(args[0].shape, shifted), a});
    EXPECT_TRUE(result) << result.error().message();
    return toDoubles((*result)[1]);
  };
  std::vector<double> up = gradientAt(epsilon), down = gradientAt(-epsilon);
  double maxRel = 0;
  for (size_t i = 0; i < product.size(); ++i) {
    double difference = (up[i] - down[i]) / (2 * epsilon);
    double error = std::abs(product[i] - difference);
    maxRel = std::max(maxRel, error / std::max(std::abs(difference), 1e-3));
    EXPECT_LE(error, 1e-8 + 1e-6 * std::abs(difference))
        << "(H v)[" << i << "]: forward over reverse " << product[i]
        << ", gradient differences " << difference;
  }
  // The directional derivative of the loss is grad . v.
  std::vector<double> gradient = toDoubles((*hvp)[1]);
  double directional = 0;
  for (size_t i = 0; i < gradient.size(); ++i)
    directional += gradient[i] * vs[i];
  EXPECT_NEAR(toDoubles((*hvp)[2])[0], directional, 1e-12 * (1 + std::abs(directional)));
  std::printf("[gradient check] %-22s f64  max rel err %.2e\n", "hvp", maxRel);
}

} // namespace
