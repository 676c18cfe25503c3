//===- Graph.cpp - Modules, graphs, arguments and sources -----------------===//
#include "loom/DSL/Graph.h"
#include "loom/Support/Diagnostics.h"

#include "TypeUtils.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;

namespace loom::dsl {

//===----------------------------------------------------------------------===//
// Errors, shapes and types
//===----------------------------------------------------------------------===//

void fail(SourceLocation loc, std::string_view opName,
          const std::string &message) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << loc.file_name() << ":" << loc.line() << ":" << loc.column()
     << ": error: " << opName << ": " << message;
  throw Error(ErrorKind::InvalidArgument, text);
}

std::string shapeString(const Shape &shape) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os);
  os << "]";
  return text;
}

Shape broadcastShapes(std::string_view opName, const Shape &lhs,
                      const Shape &rhs, SourceLocation loc) {
  size_t rank = std::max(lhs.size(), rhs.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Align trailing dimensions; missing leading dimensions act as size 1.
    int64_t l = i < rank - lhs.size() ? 1 : lhs[i - (rank - lhs.size())];
    int64_t r = i < rank - rhs.size() ? 1 : rhs[i - (rank - rhs.size())];
    if (l != r && l != 1 && r != 1)
      fail(loc, opName,
           "cannot broadcast shapes " + shapeString(lhs) + " and " +
               shapeString(rhs) + " (dimension " + std::to_string(i) +
               " of the result: " + std::to_string(l) + " vs " +
               std::to_string(r) + ")");
    result[i] = l == 1 ? r : l;
  }
  return result;
}

namespace detail {

RankedTensorType tensorType(MLIRContext &context, const Shape &shape,
                            DType dtype) {
  return RankedTensorType::get(shape, elementTypeOf(context, dtype));
}

void checkShape(std::string_view opName, const Shape &shape,
                SourceLocation loc) {
  for (int64_t size : shape)
    if (size <= 0)
      fail(loc, opName,
           "dimension sizes must be positive, got " + shapeString(shape));
}

} // namespace detail

namespace {
/// The diagnostic as loom/Support/Diagnostics.h formats it, at the caller's
/// location when it has no file location of its own.
std::string formatDiagnostic(const Diagnostic &diag, SourceLocation fallback) {
  std::string text = loom::formatDiagnostic(diag);
  if (!formatLocation(diag.getLocation()).empty())
    return text;
  return std::string(fallback.file_name()) + ":" +
         std::to_string(fallback.line()) + ":" +
         std::to_string(fallback.column()) + ": " + text;
}

/// Runs the verifier on `op`; the first error becomes a loom::Error.
void verifyOrThrow(Operation *op, SourceLocation loc) {
  std::string firstError;
  ScopedDiagnosticHandler handler(op->getContext(), [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error && firstError.empty())
      firstError = formatDiagnostic(diag, loc);
    return success();
  });
  if (failed(mlir::verify(op)))
    throw Error(ErrorKind::InvalidIR, firstError.empty() ? "verification failed" : firstError);
}
} // namespace

//===----------------------------------------------------------------------===//
// Tensor queries
//===----------------------------------------------------------------------===//

Graph &Tensor::graph() const {
  if (!owner)
    throw Error(ErrorKind::InvalidArgument, "error: use of an empty loom::dsl::Tensor handle");
  return *owner;
}

Shape Tensor::shape() const {
  auto type = mlir::cast<RankedTensorType>(handle.getType());
  return Shape(type.getShape().begin(), type.getShape().end());
}

int64_t Tensor::rank() const {
  return mlir::cast<RankedTensorType>(handle.getType()).getRank();
}

int64_t Tensor::dim(int64_t axis, SourceLocation loc) const {
  int64_t r = rank();
  if (axis < -r || axis >= r)
    fail(loc, "dim", "axis " + std::to_string(axis) +
                         " is out of range for shape " + shapeString(shape()));
  return shape()[axis < 0 ? axis + r : axis];
}

int64_t Tensor::numElements() const {
  return mlir::cast<RankedTensorType>(handle.getType()).getNumElements();
}

DType Tensor::dtype() const {
  // The DSL builds tensors of the five loom element types only.
  return dtypeOfElementType(
             mlir::cast<RankedTensorType>(handle.getType()).getElementType())
      .value_or(DType::F32);
}

std::string Tensor::typeString() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << handle.getType();
  return text;
}

//===----------------------------------------------------------------------===//
// Module
//===----------------------------------------------------------------------===//

Module::Module(std::string_view name)
    : ctx(std::make_unique<MLIRContext>()) {
  ctx->loadDialect<LoomDialect, func::FuncDialect, arith::ArithDialect>();
  op = ModuleOp::create(UnknownLoc::get(ctx.get()), StringRef(name));
}

Module &Module::operator=(Module &&other) noexcept {
  // The old module goes before the context it lives in.
  op = std::move(other.op);
  ctx = std::move(other.ctx);
  return *this;
}

Module::~Module() = default;

func::FuncOp Module::lookup(std::string_view name) const {
  return module().lookupSymbol<func::FuncOp>(StringRef(name));
}

std::string Module::str() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  module()->print(os);
  return text;
}

void Module::verify(SourceLocation loc) const {
  verifyOrThrow(module(), loc);
}

//===----------------------------------------------------------------------===//
// Graph
//===----------------------------------------------------------------------===//

Graph::Graph(Module &module, std::string_view name, SourceLocation loc)
    : moduleRef(&module), funcName(name) {
  createFunction(loc);
}

Graph::Graph(std::string_view name, SourceLocation loc)
    : ownedModule(std::make_unique<Module>()), moduleRef(ownedModule.get()),
      funcName(name) {
  createFunction(loc);
}

void Graph::createFunction(SourceLocation loc) {
  if (funcName.empty())
    fail(loc, "func.func", "a graph needs a non-empty name");
  if (module().lookupSymbol(StringRef(funcName)))
    fail(loc, "func.func",
         "a function named '" + funcName + "' already exists in the module");
  OpBuilder builder(&context());
  builder.setInsertionPointToEnd(module().getBody());
  funcOp = func::FuncOp::create(builder, location(loc), funcName,
                                builder.getFunctionType({}, {}));
  funcOp.addEntryBlock();
}

Graph::~Graph() {
  // An unfinished function (say, after a caught error) has no terminator and
  // would make the whole module fail verification.
  if (!isFinished && funcOp && !ownedModule)
    funcOp.erase();
}

Location Graph::location(SourceLocation loc) {
  return FileLineColLoc::get(&context(), loc.file_name(), loc.line(),
                             loc.column());
}

OpBuilder Graph::builderAt(std::string_view opName, SourceLocation loc) {
  if (isFinished)
    fail(loc, opName,
         "graph '" + funcName + "' is already finished by output()");
  OpBuilder builder(&context());
  builder.setInsertionPointToEnd(&funcOp.getBody().front());
  return builder;
}

std::string Graph::str() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  funcOp->print(os);
  return text;
}

Tensor Graph::addArgument(std::string_view kind, std::string_view name,
                          Type type, ArrayRef<NamedAttribute> attrs,
                          SourceLocation loc) {
  builderAt(kind, loc);
  if (name.empty())
    fail(loc, kind, "needs a non-empty name");
  if (argumentNames.contains(name))
    fail(loc, kind,
         "an input or parameter named '" + std::string(name) +
             "' already exists in graph '" + funcName + "'");
  unsigned index = funcOp.getNumArguments();
  if (failed(funcOp.insertArgument(index, type,
                                   DictionaryAttr::get(&context(), attrs),
                                   location(loc))))
    fail(loc, kind, "could not add argument '" + std::string(name) + "'");
  argumentNames.emplace(name);
  return Tensor(*this, funcOp.getArgument(index));
}

Tensor Graph::input(std::string_view name, Shape shape, DType dtype,
                    SourceLocation loc) {
  detail::checkShape("input '" + std::string(name) + "'", shape, loc);
  MLIRContext *ctx = &context();
  return addArgument("input", name, detail::tensorType(*ctx, shape, dtype),
                     {abi::input(ctx, StringRef(name))}, loc);
}

Tensor Graph::seed(std::string_view name, SourceLocation loc) {
  return input(name, {}, DType::I64, loc);
}

Tensor Graph::parameter(std::string_view name, Shape shape, Init init,
                        DType dtype, SourceLocation loc) {
  std::string what = "parameter '" + std::string(name) + "'";
  detail::checkShape(what, shape, loc);
  if (!isFloatDType(dtype))
    fail(loc, what,
         "parameters must be f32 or f64, got " + std::string(dtypeName(dtype)));
  if (!std::isfinite(init.scale) || init.scale < 0)
    fail(loc, what,
         "initializer scale must be finite and non-negative, got " +
             std::to_string(init.scale));
  MLIRContext *ctx = &context();
  return addArgument(
      "parameter", name, detail::tensorType(*ctx, shape, dtype),
      {abi::parameter(ctx, StringRef(name)),
       abi::initializer(
           InitAttr::get(ctx, init.kind, llvm::APFloat(init.scale)))},
      loc);
}

Tensor Graph::constant(double value, Shape shape, DType dtype,
                       SourceLocation loc) {
  detail::checkShape("loom.constant", shape, loc);
  return constant(std::vector<double>(1, value), std::move(shape), dtype, loc);
}

Tensor Graph::constant(const std::vector<double> &values, Shape shape,
                       DType dtype, SourceLocation loc) {
  detail::checkShape("loom.constant", shape, loc);
  OpBuilder builder = builderAt("loom.constant", loc);
  RankedTensorType type = detail::tensorType(context(), shape, dtype);
  bool splat = values.size() == 1;
  if (!splat && static_cast<int64_t>(values.size()) != type.getNumElements())
    fail(loc, "loom.constant",
         std::to_string(values.size()) + " values do not fill shape " +
             shapeString(shape) + " (" +
             std::to_string(type.getNumElements()) + " elements)");
  Type element = type.getElementType();
  SmallVector<Attribute> attrs;
  for (double value : values) {
    if (isFloatDType(dtype)) {
      attrs.push_back(FloatAttr::get(element, value));
      continue;
    }
    if (value != std::trunc(value) || (dtype == DType::I1 && value != 0 &&
                                       value != 1))
      fail(loc, "loom.constant",
           "value " + std::to_string(value) + " is not representable in " +
               std::string(dtypeName(dtype)));
    attrs.push_back(IntegerAttr::get(element, static_cast<int64_t>(value)));
  }
  DenseElementsAttr dense = splat ? DenseElementsAttr::get(type, attrs[0])
                                  : DenseElementsAttr::get(type, attrs);
  return Tensor(*this, ConstantOp::create(builder, location(loc), type,
                                          cast<ElementsAttr>(dense)));
}

Tensor Graph::iota(Shape shape, int64_t dimension, DType dtype,
                   SourceLocation loc) {
  detail::checkShape("loom.iota", shape, loc);
  int64_t rank = shape.size();
  if (dimension < -rank || dimension >= rank)
    fail(loc, "loom.iota",
         "dimension " + std::to_string(dimension) +
             " is out of range for shape " + shapeString(shape));
  if (dimension < 0)
    dimension += rank;
  OpBuilder builder = builderAt("loom.iota", loc);
  return Tensor(*this, IotaOp::create(builder, location(loc),
                                      detail::tensorType(context(), shape,
                                                         dtype),
                                      dimension));
}

namespace {
template <typename RandomOp>
Tensor randomTensor(Graph &graph, std::string_view opName, const Shape &shape,
                    const Tensor &seed, DType dtype, int64_t stream,
                    SourceLocation loc) {
  detail::checkShape(opName, shape, loc);
  if (!seed || &seed.graph() != &graph)
    fail(loc, opName, "the seed belongs to another graph");
  if (seed.rank() != 0 || seed.dtype() != DType::I64)
    fail(loc, opName,
         "the seed must be a rank-0 i64 tensor, got " + seed.typeString());
  if (!isFloatDType(dtype))
    fail(loc, opName,
         "random numbers must be f32 or f64, got " +
             std::string(dtypeName(dtype)));
  OpBuilder builder = graph.builderAt(opName, loc);
  return Tensor(graph, RandomOp::create(
                           builder, graph.location(loc),
                           detail::tensorType(graph.context(), shape, dtype),
                           seed.value(), stream));
}
} // namespace

Tensor Graph::randomNormal(Shape shape, const Tensor &seed, DType dtype,
                           SourceLocation loc) {
  Tensor result = randomTensor<RandomNormalOp>(
      *this, "loom.random_normal", shape, seed, dtype, nextRandomStream, loc);
  ++nextRandomStream;
  return result;
}

Tensor Graph::randomUniform(Shape shape, const Tensor &seed, DType dtype,
                            SourceLocation loc) {
  Tensor result = randomTensor<RandomUniformOp>(
      *this, "loom.random_uniform", shape, seed, dtype, nextRandomStream, loc);
  ++nextRandomStream;
  return result;
}

void Graph::output(const std::vector<Tensor> &results, SourceLocation loc) {
  finish(results, {}, loc);
}

void Graph::output(const std::vector<NamedResult> &results,
                   SourceLocation loc) {
  std::vector<Tensor> tensors;
  std::vector<std::string> names;
  for (const NamedResult &result : results) {
    tensors.push_back(result.tensor);
    names.push_back(result.name);
  }
  finish(tensors, names, loc);
}

void Graph::finish(const std::vector<Tensor> &results,
                   const std::vector<std::string> &names, SourceLocation loc) {
  OpBuilder builder = builderAt("func.return", loc);
  if (results.empty())
    fail(loc, "func.return", "graph '" + funcName + "' needs at least one output");
  for (auto [i, name] : llvm::enumerate(names)) {
    if (name.empty())
      fail(loc, "func.return", "output " + std::to_string(i) + " of graph '" +
                                   funcName + "' has an empty name");
    if (llvm::is_contained(llvm::ArrayRef(names).take_front(i), name))
      fail(loc, "func.return", "two outputs of graph '" + funcName +
                                   "' are named '" + name + "'");
  }
  SmallVector<Value> values;
  SmallVector<Type> types;
  for (auto [i, result] : llvm::enumerate(results)) {
    if (!result || &result.graph() != this)
      fail(loc, "func.return",
           "output " + std::to_string(i) + " does not belong to graph '" +
               funcName + "'");
    values.push_back(result.value());
    types.push_back(result.value().getType());
  }
  func::ReturnOp::create(builder, location(loc), values);
  funcOp.setFunctionType(
      builder.getFunctionType(funcOp.getArgumentTypes(), types));
  for (auto [i, name] : llvm::enumerate(names))
    funcOp.setResultAttr(i, abi::kResult, builder.getStringAttr(name));
  isFinished = true;
  verifyOrThrow(funcOp, loc);
}

} // namespace loom::dsl
