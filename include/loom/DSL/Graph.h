//===- Graph.h - Building loom graphs from C++ ------------------*- C++ -*-===//
//
// The model-building DSL. A `Module` owns an MLIR context and a module; a
// `Graph` builds one `func.func` in it from `Tensor` handles. Every builder
// takes a defaulted `std::source_location`, so each op carries the caller's
// file:line as its MLIR location, and every misuse (shape mismatch, bad axis,
// duplicate name) throws `loom::Error` naming that location, the op and the
// shapes, leaving no op behind. Result shapes and their rules are the loom
// dialect's own type inference and verifiers.
//
//   loom::dsl::Module m;
//   loom::dsl::Graph g(m, "predict");
//   auto x = g.input("x", {64, 784});
//   auto w = g.parameter("fc.weight", {784, 10}, loom::dsl::Init::uniform(0.04));
//   g.output(relu(matmul(x, w)));
//
// Threads: a Module and its Graphs are built by one thread at a time (they
// share one MLIRContext); distinct Modules may be built on several threads.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DSL_GRAPH_H
#define LOOM_DSL_GRAPH_H

#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Support/DType.h"
#include "loom/Support/Error.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <cstdint>
#include <memory>
#include <numbers>
#include <set>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

namespace loom::dsl {

using SourceLocation = std::source_location;
using Shape = std::vector<int64_t>;
/// Dimension indices; negative values count from the last dimension.
using Axes = std::vector<int64_t>;

/// Element types are the runtime's (F32, F64, I1, I32, I64), so one enum
/// serves graphs and tensors.
using loom::DType;

/// How the runtime initializes a parameter (`#loom.init<kind, scale>`).
struct Init {
  InitKind kind;
  double scale;

  static Init zeros() { return {InitKind::zeros, 0.0}; }
  static Init ones() { return {InitKind::ones, 0.0}; }
  static Init normal(double stddev) { return {InitKind::normal, stddev}; }
  /// U(-bound, bound).
  static Init uniform(double bound) { return {InitKind::uniform, bound}; }
  static Init xavierUniform(double gain = 1.0) {
    return {InitKind::xavier_uniform, gain};
  }
  /// The default gain is ReLU's, sqrt(2), as in PyTorch's kaiming_uniform_.
  static Init kaimingUniform(double gain = std::numbers::sqrt2) {
    return {InitKind::kaiming_uniform, gain};
  }
};

class Graph;

/// A value in a graph: a cheap handle (graph pointer + SSA value), valid while
/// its Graph lives.
class Tensor {
public:
  Tensor() = default;
  Tensor(Graph &graph, mlir::Value value) : owner(&graph), handle(value) {}

  Graph &graph() const;
  mlir::Value value() const { return handle; }
  explicit operator bool() const { return owner != nullptr; }

  Shape shape() const;
  int64_t rank() const;
  /// Size of dimension `axis` (negative counts from the end).
  int64_t dim(int64_t axis, SourceLocation loc = SourceLocation::current()) const;
  int64_t numElements() const;
  DType dtype() const;
  /// `tensor<64x784xf32>`.
  std::string typeString() const;

  Tensor reshape(Shape shape, SourceLocation loc = SourceLocation::current()) const;
  /// Result dimension i is this tensor's dimension permutation[i].
  Tensor transpose(Axes permutation,
                   SourceLocation loc = SourceLocation::current()) const;
  /// Numpy-style broadcast to `shape` (trailing dimensions aligned).
  Tensor broadcastTo(Shape shape, SourceLocation loc = SourceLocation::current()) const;
  /// Explicit broadcast: dimension i of this tensor becomes result dimension
  /// dimensions[i].
  Tensor broadcastInDim(Shape shape, Axes dimensions,
                        SourceLocation loc = SourceLocation::current()) const;
  /// Elements start[d], start[d] + strides[d], ... below limit[d]; strides
  /// default to 1.
  Tensor slice(Shape start, Shape limit, Shape strides = {},
               SourceLocation loc = SourceLocation::current()) const;
  Tensor cast(DType dtype, SourceLocation loc = SourceLocation::current()) const;

  /// Reductions over `axes`; with `keepDims` the reduced axes stay as size 1.
  Tensor sum(Axes axes, bool keepDims = false,
             SourceLocation loc = SourceLocation::current()) const;
  Tensor mean(Axes axes, bool keepDims = false,
              SourceLocation loc = SourceLocation::current()) const;
  Tensor max(Axes axes, bool keepDims = false,
             SourceLocation loc = SourceLocation::current()) const;
  /// Reductions over every dimension, giving a rank-0 tensor.
  Tensor sum(SourceLocation loc = SourceLocation::current()) const;
  Tensor mean(SourceLocation loc = SourceLocation::current()) const;
  Tensor max(SourceLocation loc = SourceLocation::current()) const;

private:
  Graph *owner = nullptr;
  mlir::Value handle;
};

/// An operand that records where the expression using it is: C++ operators
/// cannot take a defaulted location parameter, so the operand's implicit
/// conversion captures it instead.
struct TensorOperand {
  TensorOperand(const Tensor &tensor,
                SourceLocation loc = SourceLocation::current())
      : tensor(tensor), loc(loc) {}
  Tensor tensor;
  SourceLocation loc;
};

/// A graph output and what it is called.
struct NamedResult {
  std::string name;
  Tensor tensor;
};

struct ScalarOperand {
  ScalarOperand(double value, SourceLocation loc = SourceLocation::current())
      : value(value), loc(loc) {}
  double value;
  SourceLocation loc;
};

/// Owns an MLIRContext (loom, func and arith loaded) and one ModuleOp that
/// holds any number of functions, each built by a Graph.
class Module {
public:
  explicit Module(std::string_view name = "loom");
  Module(Module &&other) noexcept = default;
  Module &operator=(Module &&other) noexcept;
  Module(const Module &) = delete;
  Module &operator=(const Module &) = delete;
  ~Module();

  mlir::MLIRContext &context() const { return *ctx; }
  mlir::ModuleOp module() const { return op.get(); }
  /// The function named `name`, or a null op.
  mlir::func::FuncOp lookup(std::string_view name) const;
  /// The IR in MLIR's generic-free pretty form.
  std::string str() const;
  /// Runs the MLIR verifier on the whole module; throws loom::Error.
  void verify(SourceLocation loc = SourceLocation::current()) const;

private:
  // Declared before `op`: the module must be destroyed before its context.
  std::unique_ptr<mlir::MLIRContext> ctx;
  mlir::OwningOpRef<mlir::ModuleOp> op;
};

/// Builds one function. Inputs and parameters become its arguments, in the
/// order they are declared; `output` adds the return and verifies it.
class Graph {
public:
  /// A function `name` in `module`, which must outlive the graph.
  Graph(Module &module, std::string_view name,
        SourceLocation loc = SourceLocation::current());
  /// A function `name` in a module of its own.
  explicit Graph(std::string_view name,
                 SourceLocation loc = SourceLocation::current());
  Graph(const Graph &) = delete;
  Graph &operator=(const Graph &) = delete;
  ~Graph();

  /// An input argument, tagged `loom.input = name`.
  Tensor input(std::string_view name, Shape shape, DType dtype = DType::F32,
               SourceLocation loc = SourceLocation::current());
  /// A rank-0 i64 input for random ops.
  Tensor seed(std::string_view name = "seed",
              SourceLocation loc = SourceLocation::current());
  /// A trainable argument, tagged `loom.param = name` and `loom.init`.
  Tensor parameter(std::string_view name, Shape shape, Init init,
                   DType dtype = DType::F32,
                   SourceLocation loc = SourceLocation::current());

  /// Every element `value`.
  Tensor constant(double value, Shape shape = {}, DType dtype = DType::F32,
                  SourceLocation loc = SourceLocation::current());
  /// Row-major `values` in `shape`.
  Tensor constant(const std::vector<double> &values, Shape shape,
                  DType dtype = DType::F32,
                  SourceLocation loc = SourceLocation::current());
  /// Each element is its index along `dimension`.
  Tensor iota(Shape shape, int64_t dimension, DType dtype = DType::I64,
              SourceLocation loc = SourceLocation::current());
  /// Counter-based random numbers from a rank-0 i64 seed; each op gets its
  /// own stream, so two calls with one seed are independent.
  Tensor randomNormal(Shape shape, const Tensor &seed, DType dtype = DType::F32,
                      SourceLocation loc = SourceLocation::current());
  Tensor randomUniform(Shape shape, const Tensor &seed,
                       DType dtype = DType::F32,
                       SourceLocation loc = SourceLocation::current());

  /// Finishes the function returning `results`, then verifies it.
  void output(const std::vector<Tensor> &results,
              SourceLocation loc = SourceLocation::current());
  /// The same with each result named (`loom.result`): the runtime's
  /// signature, the CLI's summaries and `--outputs` files use the names.
  /// `g.output({{"reconstruction", r}, {"loss", nn::mse(r, x)}})`. Names must
  /// be non-empty and unique.
  void output(const std::vector<NamedResult> &results,
              SourceLocation loc = SourceLocation::current());
  /// `returns(a, b)` is `output({a, b})`.
  template <typename... Ts>
  void returns(const TensorOperand &first, const Ts &...rest) {
    output(std::vector<Tensor>{first.tensor, rest...}, first.loc);
  }

  bool finished() const { return isFinished; }
  const std::string &name() const { return funcName; }
  Module &parent() const { return *moduleRef; }
  mlir::ModuleOp module() const { return moduleRef->module(); }
  mlir::func::FuncOp func() const { return funcOp; }
  mlir::MLIRContext &context() const { return moduleRef->context(); }
  /// The function's IR.
  std::string str() const;

  /// For op builders: an OpBuilder at the end of the body, the caller's
  /// location, and a check that the graph is still open. Throws otherwise.
  mlir::OpBuilder builderAt(std::string_view opName, SourceLocation loc);
  mlir::Location location(SourceLocation loc);

private:
  void createFunction(SourceLocation loc);
  void finish(const std::vector<Tensor> &results,
              const std::vector<std::string> &names, SourceLocation loc);
  Tensor addArgument(std::string_view kind, std::string_view name,
                     mlir::Type type, llvm::ArrayRef<mlir::NamedAttribute> attrs,
                     SourceLocation loc);

  std::unique_ptr<Module> ownedModule;
  Module *moduleRef;
  std::string funcName;
  mlir::func::FuncOp funcOp;
  std::set<std::string, std::less<>> argumentNames;
  int64_t nextRandomStream = 0;
  bool isFinished = false;
};

//===----------------------------------------------------------------------===//
// Arithmetic operators, broadcasting numpy-style.
//===----------------------------------------------------------------------===//

Tensor operator+(const Tensor &lhs, const TensorOperand &rhs);
Tensor operator-(const Tensor &lhs, const TensorOperand &rhs);
Tensor operator*(const Tensor &lhs, const TensorOperand &rhs);
Tensor operator/(const Tensor &lhs, const TensorOperand &rhs);
Tensor operator+(const Tensor &lhs, ScalarOperand rhs);
Tensor operator-(const Tensor &lhs, ScalarOperand rhs);
Tensor operator*(const Tensor &lhs, ScalarOperand rhs);
Tensor operator/(const Tensor &lhs, ScalarOperand rhs);
Tensor operator+(ScalarOperand lhs, const Tensor &rhs);
Tensor operator-(ScalarOperand lhs, const Tensor &rhs);
Tensor operator*(ScalarOperand lhs, const Tensor &rhs);
Tensor operator/(ScalarOperand lhs, const Tensor &rhs);
Tensor operator-(const TensorOperand &operand);

//===----------------------------------------------------------------------===//
// Elementwise math (float tensors). Binary functions broadcast numpy-style.
//===----------------------------------------------------------------------===//

Tensor exp(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor log(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor tanh(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor sigmoid(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor relu(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor leakyRelu(const Tensor &x, double alpha = 0.01,
                 SourceLocation loc = SourceLocation::current());
/// Tanh approximation, as PyTorch's `gelu(approximate="tanh")`.
Tensor gelu(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor sqrt(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor rsqrt(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor square(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor abs(const Tensor &x, SourceLocation loc = SourceLocation::current());
Tensor pow(const Tensor &base, const Tensor &exponent,
           SourceLocation loc = SourceLocation::current());
Tensor pow(const Tensor &base, double exponent,
           SourceLocation loc = SourceLocation::current());
Tensor maximum(const Tensor &lhs, const Tensor &rhs,
               SourceLocation loc = SourceLocation::current());
Tensor maximum(const Tensor &lhs, double rhs,
               SourceLocation loc = SourceLocation::current());
Tensor minimum(const Tensor &lhs, const Tensor &rhs,
               SourceLocation loc = SourceLocation::current());
Tensor minimum(const Tensor &lhs, double rhs,
               SourceLocation loc = SourceLocation::current());

//===----------------------------------------------------------------------===//
// Comparison and selection (any element type; broadcast numpy-style).
//===----------------------------------------------------------------------===//

/// An i1 tensor, `lhs predicate rhs` elementwise.
Tensor compare(const Tensor &lhs, const Tensor &rhs,
               ComparisonPredicate predicate,
               SourceLocation loc = SourceLocation::current());
Tensor compare(const Tensor &lhs, double rhs, ComparisonPredicate predicate,
               SourceLocation loc = SourceLocation::current());
/// `condition ? onTrue : onFalse` elementwise.
Tensor where(const Tensor &condition, const Tensor &onTrue,
             const Tensor &onFalse,
             SourceLocation loc = SourceLocation::current());

//===----------------------------------------------------------------------===//
// Contractions and layout.
//===----------------------------------------------------------------------===//

/// `[..., m, k] x [..., k, n] -> [..., m, n]`. Batch dimensions broadcast
/// numpy-style, so a rank-2 `rhs` multiplies every matrix of a higher-rank
/// `lhs` (canonicalization makes that one 2-D product).
Tensor matmul(const Tensor &lhs, const Tensor &rhs,
              SourceLocation loc = SourceLocation::current());
/// NCHW input, OIHW filter, `stride = {sh, sw}`, zero `padding = {ph, pw}`,
/// filter taps `dilation = {dh, dw}` apart (PyTorch's `conv2d`).
Tensor conv2d(const Tensor &input, const Tensor &filter,
              Shape stride = {1, 1}, Shape padding = {0, 0},
              Shape dilation = {1, 1},
              SourceLocation loc = SourceLocation::current());
/// The transposed convolution (PyTorch's `conv_transpose2d` with no output
/// padding): `input: [n, o, h, w]`, `filter: [o, c, kh, kw]` -> `[n, c,
/// (h - 1) * sh - 2 ph + dh (kh - 1) + 1, ...]`; the input gradient of
/// `conv2d` with the same filter and attributes.
Tensor conv2dTranspose(const Tensor &input, const Tensor &filter,
                       Shape stride = {1, 1}, Shape padding = {0, 0},
                       Shape dilation = {1, 1},
                       SourceLocation loc = SourceLocation::current());
Tensor concat(const std::vector<Tensor> &inputs, int64_t axis,
              SourceLocation loc = SourceLocation::current());

/// Numpy broadcasting of two shapes; throws naming `opName` when they clash.
Shape broadcastShapes(std::string_view opName, const Shape &lhs,
                      const Shape &rhs, SourceLocation loc);
/// `file:line:col: error: <opName>: <message>` as a loom::Error.
[[noreturn]] void fail(SourceLocation loc, std::string_view opName,
                       const std::string &message);
/// `[64, 784]`.
std::string shapeString(const Shape &shape);

} // namespace loom::dsl

#endif
