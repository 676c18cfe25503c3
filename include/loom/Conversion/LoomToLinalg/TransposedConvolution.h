//===- TransposedConvolution.h - The linalg form of conv2d_transpose -*- C++ -*-===//
//
// linalg has no named transposed convolution. Its faithful form is one
// linalg.generic that scatters every product into the output window it
// reaches:
//
//   out[n, c, y*s0 + i*d0, x*s1 + j*d1] += dY[n, o, y, x] * W[o, c, i, j]
//
// over the loops (n, c, y, x, o, i, j), of which only n and c are parallel
// (several (y, i) reach the same output row). convert-loom-to-linalg builds
// it; a target's strategy recognises it with matchTransposedConvolution and
// chooses how to compute it.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CONVERSION_LOOMTOLINALG_TRANSPOSEDCONVOLUTION_H
#define LOOM_CONVERSION_LOOMTOLINALG_TRANSPOSEDCONVOLUTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <array>
#include <optional>

namespace loom {

/// The strides and dilations of a transposed convolution's scatter.
struct TransposedConvolutionWindow {
  std::array<int64_t, 2> strides;
  std::array<int64_t, 2> dilations;
};

/// Builds the scatter of `input` (N x O x H x W) through `filter`
/// (O x C x KH x KW) accumulated into `init` (N x C x H' x W', every
/// position a tap reaches), and returns its result.
mlir::Value createTransposedConvolution(mlir::OpBuilder &builder,
                                        mlir::Location loc, mlir::Value input,
                                        mlir::Value filter, mlir::Value init,
                                        const TransposedConvolutionWindow &window);

/// The window of `op` if it is exactly the generic that
/// createTransposedConvolution builds (maps, iterators and body), on static
/// shapes of one element type.
std::optional<TransposedConvolutionWindow>
matchTransposedConvolution(mlir::linalg::LinalgOp op);

} // namespace loom

#endif
