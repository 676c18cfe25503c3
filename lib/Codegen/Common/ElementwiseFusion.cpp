//===- ElementwiseFusion.cpp - Elementwise fusion under a policy ----------===//
//
// The pattern set of upstream's linalg-fuse-elementwise-ops, with every
// fusion and reshape propagation asked of the target's policy.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Common/ElementwiseFusion.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"

using namespace mlir;

void loom::populateElementwiseFusionPatterns(
    RewritePatternSet &patterns, const ElementwiseFusionPolicy &policy) {
  MLIRContext *context = patterns.getContext();
  linalg::populateElementwiseOpsFusionPatterns(patterns, policy.fuseProducer);
  linalg::populateFoldReshapeOpsByExpansionPatterns(patterns,
                                                    policy.propagateReshape);
  tensor::populateBubbleUpExpandShapePatterns(patterns);
  linalg::populateConstantFoldLinalgOperations(patterns, policy.fuseProducer);
  affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
  linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
  tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
  tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
  context->getLoadedDialect<linalg::LinalgDialect>()
      ->getCanonicalizationPatterns(patterns);
}
