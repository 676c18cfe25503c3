//===- LoomABI.cpp - The loom ABI attributes of functions -----------------===//
#include "loom/Dialect/Loom/IR/LoomABI.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace loom::abi {

StringAttr getParameterName(FunctionOpInterface func, unsigned argument) {
  return func.getArgAttrOfType<StringAttr>(argument, kParam);
}

StringAttr getInputName(FunctionOpInterface func, unsigned argument) {
  return func.getArgAttrOfType<StringAttr>(argument, kInput);
}

StringAttr getStateName(FunctionOpInterface func, unsigned argument) {
  return func.getArgAttrOfType<StringAttr>(argument, kState);
}

InitAttr getInitializer(FunctionOpInterface func, unsigned argument) {
  return func.getArgAttrOfType<InitAttr>(argument, kInit);
}

bool isDifferentiated(FunctionOpInterface func, unsigned argument) {
  return func.getArgAttrOfType<UnitAttr>(argument, kDifferentiate) != nullptr;
}

static std::optional<unsigned> argumentIndex(FunctionOpInterface func,
                                             unsigned result,
                                             StringRef attrName) {
  auto index = func.getResultAttrOfType<IntegerAttr>(result, attrName);
  if (!index || index.getValue().isNegative() ||
      index.getValue().uge(func.getNumArguments()))
    return std::nullopt;
  return static_cast<unsigned>(index.getInt());
}

std::optional<unsigned> getGradientArgument(FunctionOpInterface func,
                                            unsigned result) {
  return argumentIndex(func, result, kGradient);
}

std::optional<unsigned> getTiedArgument(FunctionOpInterface func,
                                        unsigned result) {
  return argumentIndex(func, result, kTiedTo);
}

StringAttr getResultName(FunctionOpInterface func, unsigned result) {
  return func.getResultAttrOfType<StringAttr>(result, kResult);
}

std::optional<uint64_t> getWorkspaceBytes(FunctionOpInterface func) {
  unsigned count = func.getNumArguments();
  if (count == 0)
    return std::nullopt;
  auto bytes = func.getArgAttrOfType<IntegerAttr>(count - 1, kWorkspace);
  if (!bytes || bytes.getValue().isNegative())
    return std::nullopt;
  return bytes.getValue().getZExtValue();
}

std::string argumentName(FunctionOpInterface func, unsigned argument) {
  for (StringAttr name : {getParameterName(func, argument),
                          getInputName(func, argument),
                          getStateName(func, argument)})
    if (name)
      return name.str();
  return "arg" + std::to_string(argument);
}

std::string resultName(FunctionOpInterface func, unsigned result) {
  if (StringAttr name = getResultName(func, result))
    return name.str();
  if (std::optional<unsigned> tied = getTiedArgument(func, result))
    return argumentName(func, *tied);
  if (std::optional<unsigned> gradient = getGradientArgument(func, result))
    return "grad." + argumentName(func, *gradient);
  return "result" + std::to_string(result);
}

NamedAttribute parameter(MLIRContext *context, StringRef name) {
  return NamedAttribute(kParam, StringAttr::get(context, name));
}

NamedAttribute input(MLIRContext *context, StringRef name) {
  return NamedAttribute(kInput, StringAttr::get(context, name));
}

NamedAttribute state(MLIRContext *context, StringRef name) {
  return NamedAttribute(kState, StringAttr::get(context, name));
}

NamedAttribute initializer(InitAttr init) {
  return NamedAttribute(kInit, init);
}

NamedAttribute differentiate(MLIRContext *context) {
  return NamedAttribute(kDifferentiate, UnitAttr::get(context));
}

NamedAttribute gradientOf(MLIRContext *context, unsigned argument) {
  return NamedAttribute(kGradient, Builder(context).getI64IntegerAttr(argument));
}

NamedAttribute tiedTo(MLIRContext *context, unsigned argument) {
  return NamedAttribute(kTiedTo, Builder(context).getI64IntegerAttr(argument));
}

NamedAttribute result(MLIRContext *context, StringRef name) {
  return NamedAttribute(kResult, StringAttr::get(context, name));
}

NamedAttribute workspace(MLIRContext *context, uint64_t bytes) {
  return NamedAttribute(kWorkspace, Builder(context).getI64IntegerAttr(bytes));
}

namespace {

/// The attributes naming an argument; an argument has at most one, and no
/// two arguments of a function share a name.
constexpr llvm::StringLiteral kNamingAttrs[] = {kParam, kInput, kState};

/// A float tensor, or what one becomes in codegen: a float memref once
/// bufferized, a type of another dialect (an LLVM pointer) once lowered.
bool isDifferentiable(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return isa<FloatType>(shaped.getElementType());
  return !type.getDialect().getNamespace().empty();
}

/// The function `op` is, with an error at `op` naming `attr` when it is not
/// one.
FunctionOpInterface functionOf(Operation *op, NamedAttribute attr,
                               StringRef place) {
  auto func = dyn_cast<FunctionOpInterface>(op);
  if (!func)
    op->emitOpError() << "carries '" << attr.getName().getValue() << "' on a region "
                      << place << "; loom ABI attributes belong to functions";
  return func;
}

LogicalResult verifyName(FunctionOpInterface func, unsigned argument,
                         NamedAttribute attr) {
  auto name = dyn_cast<StringAttr>(attr.getValue());
  if (!name || name.empty())
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " has "
           << attr.getName().getValue() << " = " << attr.getValue()
           << "; expected a non-empty string";
  // Reported once, by the first of the two in kNamingAttrs order.
  for (StringRef other : kNamingAttrs) {
    if (other == attr.getName())
      break;
    if (func.getArgAttr(argument, other))
      return func.emitError("argument #")
             << argument << " of @" << func.getName() << " is both "
             << other << " and " << attr.getName().getValue()
             << "; an argument is a parameter, an input or optimizer state";
  }
  // Reported once, at the later of the two arguments.
  for (unsigned earlier = 0; earlier < argument; ++earlier)
    for (StringRef other : kNamingAttrs)
      if (func.getArgAttr(earlier, other) == name)
        return func.emitError("arguments #")
               << earlier << " and #" << argument << " of @" << func.getName()
               << " are both named '" << name.getValue()
               << "'; argument names must be unique";
  return success();
}

LogicalResult verifyInitializer(FunctionOpInterface func, unsigned argument,
                                NamedAttribute attr) {
  auto init = dyn_cast<InitAttr>(attr.getValue());
  if (!init)
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " has " << kInit
           << " = " << attr.getValue() << "; expected a #loom.init<kind, scale>";
  if (!func.getArgAttr(argument, kParam))
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " has " << kInit
           << " but no " << kParam << "; only parameters are initialized";
  double scale = init.getScaleValue();
  if (!std::isfinite(scale) || scale < 0)
    return func.emitError("argument #")
           << argument << " of @" << func.getName()
           << " has an initializer scale of " << scale
           << "; it must be finite and non-negative";
  return success();
}

LogicalResult verifyDifferentiate(FunctionOpInterface func, unsigned argument,
                                  NamedAttribute attr) {
  if (!isa<UnitAttr>(attr.getValue()))
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " has "
           << kDifferentiate << " = " << attr.getValue()
           << "; it is a unit attribute and takes no value";
  Type type = func.getArgumentTypes()[argument];
  if (!isDifferentiable(type))
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " of type " << type
           << " has " << kDifferentiate
           << "; only float tensors have derivatives";
  return success();
}

/// `loom.gradient` and `loom.tied_to`: the index of an argument of the
/// result's type, named by no other result of the same attribute.
LogicalResult verifyArgumentReference(FunctionOpInterface func,
                                      unsigned result, NamedAttribute attr) {
  unsigned numArguments = func.getNumArguments();
  auto index = dyn_cast<IntegerAttr>(attr.getValue());
  if (!index || index.getValue().isNegative() ||
      index.getValue().uge(numArguments))
    return func.emitError("result #")
           << result << " of @" << func.getName() << " has "
           << attr.getName().getValue() << " = " << attr.getValue()
           << "; expected the index of one of its " << numArguments
           << " arguments";
  unsigned argument = index.getInt();
  Type argumentType = func.getArgumentTypes()[argument];
  Type resultType = func.getResultTypes()[result];
  if (argumentType != resultType)
    return func.emitError("result #")
           << result << " of @" << func.getName() << " has type "
           << resultType << " but " << attr.getName().getValue() << " names argument #"
           << argument << " of type " << argumentType;
  // Reported once, at the later of the two results.
  for (unsigned earlier = 0; earlier < result; ++earlier)
    if (func.getResultAttr(earlier, attr.getName()) == index)
      return func.emitError("argument #")
             << argument << " of @" << func.getName() << " is named by "
             << attr.getName().getValue() << " of more than one result";
  return success();
}

/// `loom.result`: a non-empty name that no other result of the function
/// has, given or derived (results are called by name).
LogicalResult verifyResultName(FunctionOpInterface func, unsigned result,
                               NamedAttribute attr) {
  auto name = dyn_cast<StringAttr>(attr.getValue());
  if (!name || name.empty())
    return func.emitError("result #")
           << result << " of @" << func.getName() << " has " << kResult
           << " = " << attr.getValue() << "; expected a non-empty string";
  for (unsigned other = 0, e = func.getNumResults(); other < e; ++other) {
    // Two given names are reported once, at the later result.
    if (other == result || (other > result && getResultName(func, other)))
      continue;
    if (resultName(func, other) == name.getValue())
      return func.emitError("results #")
             << std::min(other, result) << " and #" << std::max(other, result)
             << " of @" << func.getName() << " are both named '"
             << name.getValue() << "'; result names must be unique";
  }
  return success();
}

/// `loom.workspace = N`: N >= 0 bytes on the last argument, which is a
/// `memref<Nxi8>` while it is a memref (a pointer once lowered).
LogicalResult verifyWorkspace(FunctionOpInterface func, unsigned argument,
                              NamedAttribute attr) {
  auto bytes = dyn_cast<IntegerAttr>(attr.getValue());
  if (!bytes || bytes.getValue().isNegative())
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " has " << kWorkspace
           << " = " << attr.getValue() << "; expected a byte count >= 0";
  if (argument + 1 != func.getNumArguments())
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " has " << kWorkspace
           << " but is not the last argument";
  Type type = func.getArgumentTypes()[argument];
  if (auto memref = dyn_cast<MemRefType>(type)) {
    bool matches = memref.getRank() == 1 && memref.hasStaticShape() &&
                   memref.getElementType().isInteger(8) &&
                   memref.getLayout().isIdentity() &&
                   memref.getDimSize(0) == bytes.getInt();
    if (!matches)
      return func.emitError("argument #")
             << argument << " of @" << func.getName() << " has "
             << kWorkspace << " = " << bytes.getInt() << " but type " << type
             << "; expected memref<" << bytes.getInt() << "xi8>";
  } else if (isa<TensorType>(type)) {
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " has " << kWorkspace
           << " on a tensor; a workspace is memory, added after bufferization";
  }
  return success();
}

} // namespace

LogicalResult verifyArgumentAttribute(Operation *op, unsigned argument,
                                      NamedAttribute attr) {
  FunctionOpInterface func = functionOf(op, attr, "argument");
  if (!func)
    return failure();
  StringRef name = attr.getName().getValue();
  if (name == kParam || name == kInput || name == kState)
    return verifyName(func, argument, attr);
  if (name == kInit)
    return verifyInitializer(func, argument, attr);
  if (name == kDifferentiate)
    return verifyDifferentiate(func, argument, attr);
  if (name == kWorkspace)
    return verifyWorkspace(func, argument, attr);
  if (name == kGradient || name == kTiedTo || name == kResult)
    return func.emitError("argument #")
           << argument << " of @" << func.getName() << " has " << name
           << ", which is an attribute of results";
  return func.emitError("argument #")
         << argument << " of @" << func.getName()
         << " has an unknown loom ABI attribute '" << name << "'";
}

LogicalResult verifyResultAttribute(Operation *op, unsigned result,
                                    NamedAttribute attr) {
  FunctionOpInterface func = functionOf(op, attr, "result");
  if (!func)
    return failure();
  StringRef name = attr.getName().getValue();
  if (name == kGradient || name == kTiedTo)
    return verifyArgumentReference(func, result, attr);
  if (name == kResult)
    return verifyResultName(func, result, attr);
  bool isArgumentAttr = llvm::is_contained(kNamingAttrs, name) ||
                        name == kInit || name == kDifferentiate ||
                        name == kWorkspace;
  if (isArgumentAttr)
    return func.emitError("result #")
           << result << " of @" << func.getName() << " has " << name
           << ", which is an attribute of arguments";
  return func.emitError("result #")
         << result << " of @" << func.getName()
         << " has an unknown loom ABI attribute '" << name << "'";
}

LogicalResult verifyFunction(FunctionOpInterface func) {
  auto isLoom = [](NamedAttribute attr) {
    return attr.getName().getValue().starts_with("loom.");
  };
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    for (NamedAttribute attr : func.getArgAttrs(i))
      if (isLoom(attr) && failed(verifyArgumentAttribute(func, i, attr)))
        return failure();
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
    for (NamedAttribute attr : func.getResultAttrs(i))
      if (isLoom(attr) && failed(verifyResultAttribute(func, i, attr)))
        return failure();
  return success();
}

} // namespace loom::abi

namespace loom {

LogicalResult LoomDialect::verifyRegionArgAttribute(Operation *op,
                                                    unsigned regionIndex,
                                                    unsigned argIndex,
                                                    NamedAttribute attr) {
  return abi::verifyArgumentAttribute(op, argIndex, attr);
}

LogicalResult LoomDialect::verifyRegionResultAttribute(Operation *op,
                                                       unsigned regionIndex,
                                                       unsigned resultIndex,
                                                       NamedAttribute attr) {
  return abi::verifyResultAttribute(op, resultIndex, attr);
}

/// The ABI attributes describe arguments and results; on an operation they
/// mean nothing, so they are rejected there. Other `loom.*` operation
/// attributes belong to the passes that set them.
LogicalResult LoomDialect::verifyOperationAttribute(Operation *op,
                                                    NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  bool isABI = llvm::is_contained(
      {abi::kParam, abi::kInput, abi::kState, abi::kInit, abi::kDifferentiate,
       abi::kGradient, abi::kTiedTo},
      name);
  if (isABI)
    return op->emitOpError() << "carries '" << name
                             << "', an attribute of function arguments or "
                                "results, as an operation attribute";
  return success();
}

} // namespace loom
