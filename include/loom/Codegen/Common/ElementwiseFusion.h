//===- ElementwiseFusion.h - Elementwise fusion under a policy --*- C++ -*-===//
//
// The mechanism of `loom-fuse-elementwise`: upstream's elementwise fusion and
// reshape propagation patterns, asking a target's policy which fusions to
// make.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_COMMON_ELEMENTWISEFUSION_H
#define LOOM_CODEGEN_COMMON_ELEMENTWISEFUSION_H

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"

namespace loom {

/// Which fusions a target wants before it tiles.
struct ElementwiseFusionPolicy {
  /// Whether the producer of `operand` is fused into the op reading it (and
  /// a constant producer folded into it).
  mlir::linalg::ControlFusionFn fuseProducer;
  /// Whether a reshape is moved across `operand`: folded into the op reading
  /// it, or the op producing it folded into the reshape.
  mlir::linalg::ControlFusionFn propagateReshape;
};

/// The fusion patterns, the reshape propagation and the canonicalizations
/// they need, controlled by `policy`.
void populateElementwiseFusionPatterns(mlir::RewritePatternSet &patterns,
                                       const ElementwiseFusionPolicy &policy);

} // namespace loom

#endif
