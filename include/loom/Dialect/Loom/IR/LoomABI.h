//===- LoomABI.h - The loom ABI attributes of functions ---------*- C++ -*-===//
//
// The argument and result attributes through which the DSL, autodiff, the
// train-step builder, codegen and the runtime agree on what a function's
// arguments and results are. The dialect declares them (`discardableAttrs` in
// LoomDialect.td) and verifies them wherever they appear; every component
// reads and writes them through these helpers. docs/dialect.md states the
// rules.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DIALECT_LOOM_IR_LOOMABI_H
#define LOOM_DIALECT_LOOM_IR_LOOMABI_H

#include "loom/Dialect/Loom/IR/LoomDialect.h"

#include "mlir/Interfaces/FunctionInterfaces.h"

#include <optional>

namespace loom::abi {

/// The attribute names, as the dialect declares them.
inline constexpr llvm::StringLiteral kParam =
    LoomDialect::ParamAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kInput =
    LoomDialect::InputAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kState =
    LoomDialect::StateAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kInit =
    LoomDialect::InitAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kDifferentiate =
    LoomDialect::DifferentiateAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kGradient =
    LoomDialect::GradientAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kTiedTo =
    LoomDialect::TiedToAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kResult =
    LoomDialect::ResultAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kWorkspace =
    LoomDialect::WorkspaceAttrHelper::getNameStr();

// Reading. Each returns null / false / nullopt when the attribute is absent;
// on a verified function a present attribute has its declared type.

/// `loom.param = "name"`: the argument is a trainable parameter.
mlir::StringAttr getParameterName(mlir::FunctionOpInterface func,
                                  unsigned argument);
/// `loom.input = "name"`: the argument is a batch input.
mlir::StringAttr getInputName(mlir::FunctionOpInterface func,
                              unsigned argument);
/// `loom.state = "name"`: the argument is optimizer state.
mlir::StringAttr getStateName(mlir::FunctionOpInterface func,
                              unsigned argument);
/// `loom.init = #loom.init<...>`: how the runtime initializes a parameter.
InitAttr getInitializer(mlir::FunctionOpInterface func, unsigned argument);
/// `loom.differentiate`: autodiff differentiates with respect to it.
bool isDifferentiated(mlir::FunctionOpInterface func, unsigned argument);
/// `loom.gradient = i`: the result is the gradient for argument i.
std::optional<unsigned> getGradientArgument(mlir::FunctionOpInterface func,
                                            unsigned result);
/// `loom.tied_to = i`: the result's value is written into argument i.
std::optional<unsigned> getTiedArgument(mlir::FunctionOpInterface func,
                                        unsigned result);
/// `loom.result = "name"`: the name the result was given.
mlir::StringAttr getResultName(mlir::FunctionOpInterface func, unsigned result);

/// What the result is called: its `loom.result` name; else the name of the
/// argument it is tied to (a parameter's new value is that parameter);
/// else `grad.<argument name>` for a gradient; else `result<N>`. An
/// unnamed argument is `arg<N>`. On a verified function the names of its
/// results are unique.
std::string resultName(mlir::FunctionOpInterface func, unsigned result);
/// `loom.workspace = N` on the last argument: the bytes of scratch memory
/// the caller provides there (codegen's `loom-plan-workspace` adds it).
std::optional<uint64_t> getWorkspaceBytes(mlir::FunctionOpInterface func);

/// What argument `argument` is called: its `loom.param`, `loom.input` or
/// `loom.state` name, else `arg<N>`.
std::string argumentName(mlir::FunctionOpInterface func, unsigned argument);

// Writing: the named attribute, for an argument or result dictionary.

mlir::NamedAttribute parameter(mlir::MLIRContext *context,
                               llvm::StringRef name);
mlir::NamedAttribute input(mlir::MLIRContext *context, llvm::StringRef name);
mlir::NamedAttribute state(mlir::MLIRContext *context, llvm::StringRef name);
mlir::NamedAttribute initializer(InitAttr init);
mlir::NamedAttribute differentiate(mlir::MLIRContext *context);
mlir::NamedAttribute gradientOf(mlir::MLIRContext *context, unsigned argument);
mlir::NamedAttribute tiedTo(mlir::MLIRContext *context, unsigned argument);
mlir::NamedAttribute result(mlir::MLIRContext *context, llvm::StringRef name);
mlir::NamedAttribute workspace(mlir::MLIRContext *context, uint64_t bytes);

// Verification.

/// The rules for one `loom.*` attribute of argument `argument` (result
/// `result`) of `func`; the dialect's region argument (result) attribute
/// verifier.
mlir::LogicalResult verifyArgumentAttribute(mlir::Operation *func,
                                            unsigned argument,
                                            mlir::NamedAttribute attr);
mlir::LogicalResult verifyResultAttribute(mlir::Operation *func,
                                          unsigned result,
                                          mlir::NamedAttribute attr);

/// Every `loom.*` attribute of `func`'s arguments and results, by the same
/// rules. For code that reads a function the dialect may not have verified:
/// MLIR verifies an attribute only while its dialect is loaded, and IR
/// without loom ops can be parsed without loading it.
mlir::LogicalResult verifyFunction(mlir::FunctionOpInterface func);

} // namespace loom::abi

#endif
