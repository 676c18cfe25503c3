//===- ConvToMatmul.h - Convolutions as im2col + matrix products -*- C++ -*-===//
#ifndef LOOM_CODEGEN_CPU_CONVTOMATMUL_H
#define LOOM_CODEGEN_CPU_CONVTOMATMUL_H

#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace loom {

/// Whether `conv` has the static shapes and single element type that
/// rewriteConvAsMatmul needs.
bool canRewriteConvAsMatmul(mlir::linalg::Conv2DNchwFchwOp conv);

/// Rewrites a `linalg.conv_2d_nchw_fchw` for which canRewriteConvAsMatmul
/// holds as an im2col gather (a `linalg.generic` copy) followed by a matrix
/// product whose columns are the output pixels (OH*OW, `im2col_pixels`) or
/// the output channels (F, `im2col_channels`). Fails, changing nothing, for
/// any other convolution or algorithm.
mlir::LogicalResult rewriteConvAsMatmul(mlir::RewriterBase &rewriter,
                                        mlir::linalg::Conv2DNchwFchwOp conv,
                                        ConvAlgorithm algorithm);

/// Rewrites the scatter generic of a transposed convolution
/// (loom/Conversion/LoomToLinalg/TransposedConvolution.h) as the matrix
/// product that the adjoint of im2col implies, then col2im:
///   columns[(c, i, j), (n, y, x)] = sum_o W[o, (c, i, j)] * dY[o, (n, y, x)]
/// (a linalg.matmul of the transposed filter and the channel-major input),
/// after which every filter tap (i, j) adds its slice of the columns into the
/// strided window of the accumulator that it reaches. The product does
/// exactly the scatter's multiply-adds; col2im is KH*KW strided additions of
/// the input's size. Fails, changing nothing, when `op` is not that generic.
mlir::LogicalResult rewriteTransposedConvAsCol2im(mlir::RewriterBase &rewriter,
                                                  mlir::linalg::LinalgOp op);

} // namespace loom

#endif
