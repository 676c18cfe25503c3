//===- ConvToMatmul.h - Convolutions as im2col + matrix products -*- C++ -*-===//
#ifndef LOOM_LIB_CODEGEN_CONVTOMATMUL_H
#define LOOM_LIB_CODEGEN_CONVTOMATMUL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace loom {

/// Rewrites a statically shaped `linalg.conv_2d_nchw_fchw` on tensors as an
/// im2col gather (a `linalg.generic` copy) followed by a matrix product that
/// the register tiling vectorizes. `lanes` is the vector width in elements;
/// the product's columns are the output channels (F) or the output pixels
/// (OH*OW), whichever fills more of a register. Fails, changing nothing, on
/// dynamic shapes or mixed element types.
mlir::LogicalResult rewriteConvAsMatmul(mlir::RewriterBase &rewriter,
                                        mlir::linalg::Conv2DNchwFchwOp conv,
                                        int64_t lanes);

} // namespace loom

#endif
