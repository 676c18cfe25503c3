//===- LoomToLinalg.h - Lower loom ops to linalg on tensors -----*- C++ -*-===//
#ifndef LOOM_CONVERSION_LOOMTOLINALG_LOOMTOLINALG_H
#define LOOM_CONVERSION_LOOMTOLINALG_LOOMTOLINALG_H

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
void populateLoomToLinalgPatterns(mlir::RewritePatternSet &patterns);
} // namespace loom

#endif
