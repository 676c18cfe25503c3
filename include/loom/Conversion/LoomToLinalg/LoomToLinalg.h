//===- LoomToLinalg.h - Lower loom ops to linalg on tensors -----*- C++ -*-===//
#ifndef LOOM_CONVERSION_LOOMTOLINALG_LOOMTOLINALG_H
#define LOOM_CONVERSION_LOOMTOLINALG_LOOMTOLINALG_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace loom {
/// Elementwise math, compare, select and convert -> linalg.generic.
void populateLoomElementwiseToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// broadcast_in_dim, reshape, transpose, slice, concat -> linalg / tensor.
void populateLoomShapeToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// matmul, conv2d and reductions -> linalg named ops and linalg.reduce.
void populateLoomContractionToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// constant, iota and the random ops -> arith.constant / linalg.generic.
void populateLoomSourceToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// All of the above: every loom op.
/// loom.check_finite; the module must declare the checkers first.
void populateLoomCheckToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateLoomCollectiveToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateLoomToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// Declares the runtime functions that lowered checks call
/// (loom/Support/NonFiniteReport.h), unless the module has them; an error
/// when the module uses their names for something else.
/// Declares, for f32 and f64, the private external function `nameOf(t)` of
/// type `typeOf(t)` that lowered ops call into the runtime; an existing
/// symbol of that name that is not such a declaration is an error saying it
/// is reserved for `purpose`.
mlir::LogicalResult declareRuntimeFunctions(
    mlir::ModuleOp module, llvm::function_ref<llvm::StringRef(mlir::Type)> nameOf,
    llvm::function_ref<mlir::FunctionType(mlir::Type)> typeOf, llvm::StringRef purpose);
mlir::LogicalResult declareFiniteCheckers(mlir::ModuleOp module);
mlir::LogicalResult declareCollectiveFunctions(mlir::ModuleOp module);
} // namespace loom

#endif
