//===- Pack.cpp - Pack operands as their config says ----------------------===//
#include "loom/Codegen/Common/Passes.h"

#include "loom/Codegen/Common/LoweringConfig.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/Support/InterleavedRange.h"

namespace loom {
#define GEN_PASS_DEF_PACK
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// The order of a packed input's outer dimensions that makes each panel
/// contiguous along the reduction: the dimensions indexed by parallel loops
/// first, then those indexed by reduction loops, each in their order.
SmallVector<int64_t> reductionLastOrder(linalg::LinalgOp op, OpOperand &operand) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> parallel, reduction;
  for (unsigned dim = 0; dim < map.getNumResults(); ++dim)
    (iterators[map.getDimPosition(dim)] == utils::IteratorType::reduction
         ? reduction
         : parallel)
        .push_back(dim);
  llvm::append_range(parallel, reduction);
  return parallel;
}

/// Packs `op` by `tiles`, orders each input's panels along the reduction, and
/// lowers the packs and unpacks to reshapes and transposes, which the
/// strategy then configures like any other op.
LogicalResult packAndLower(RewriterBase &rewriter, linalg::LinalgOp op,
                           ArrayRef<int64_t> tiles) {
  // The outer orders are those of the op's operands, known before packing.
  SmallVector<SmallVector<int64_t>> inputOrders;
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (!op.getMatchingIndexingMap(input).isProjectedPermutation())
      return failure();
    inputOrders.push_back(reductionLastOrder(op, *input));
  }
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::PackResult> packed = linalg::pack(
      rewriter, op,
      llvm::map_to_vector(tiles, [&](int64_t tile) -> OpFoldResult {
        return rewriter.getIndexAttr(tile);
      }));
  if (failed(packed))
    return failure();
  linalg::LinalgOp compute = packed->packedLinalgOp;
  for (auto [index, order] : llvm::enumerate(inputOrders)) {
    auto pack = compute.getDpsInputs()[index].getDefiningOp<linalg::PackOp>();
    if (!pack || llvm::equal(order, llvm::seq<int64_t>(0, order.size())))
      continue;
    FailureOr<linalg::PackTransposeResult> transposed = linalg::packTranspose(
        rewriter, pack, compute, /*maybeUnPackOp=*/nullptr, order,
        /*innerPerm=*/{});
    if (failed(transposed))
      return failure();
    compute = transposed->transposedLinalgOp;
  }

  // A pack that only splits a trailing dimension (the result's, here) is a
  // reshape: no copy; a reshaped fill is a fill of the reshaped tensor, which
  // the packed op's tiles can fuse.
  SmallVector<Operation *> relayouts;
  for (Value operand : compute->getOperands())
    if (auto pack = operand.getDefiningOp<linalg::PackOp>())
      relayouts.push_back(pack);
  for (Operation *user : compute->getUsers())
    if (isa<linalg::UnPackOp>(user))
      relayouts.push_back(user);
  // `op` is gone: linalg::pack replaced it.
  MLIRContext *context = rewriter.getContext();
  RewritePatternSet simplifications(context);
  linalg::populateSimplifyPackAndUnpackPatterns(simplifications);
  linalg::FillOp::getCanonicalizationPatterns(simplifications, context);
  (void)applyOpPatternsGreedily(
      relayouts, std::move(simplifications),
      GreedyRewriteConfig().setStrictness(
          GreedyRewriteStrictness::ExistingAndNewOps));

  for (Value operand : compute->getOperands()) {
    auto pack = operand.getDefiningOp<linalg::PackOp>();
    if (!pack)
      continue;
    rewriter.setInsertionPoint(pack);
    FailureOr<linalg::LowerPackResult> lowered =
        linalg::lowerPack(rewriter, pack);
    if (failed(lowered))
      return failure();
    // lowerPack pads even when the tiles divide the dimensions.
    tensor::PadOp pad = lowered->padOp;
    if (pad && pad.getSourceType() == pad.getResultType())
      rewriter.replaceOp(pad, pad.getSource());
  }
  for (Operation *user : llvm::make_early_inc_range(compute->getUsers()))
    if (auto unpack = dyn_cast<linalg::UnPackOp>(user)) {
      rewriter.setInsertionPoint(unpack);
      if (failed(linalg::lowerUnPack(rewriter, unpack)))
        return failure();
    }
  return success();
}

class PackPass : public loom::impl::PackBase<PackPass> {
public:
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> packed;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (loom::LoweringConfigAttr config = loom::getLoweringConfig(op))
        if (!config.getPackTiles().empty())
          packed.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : packed) {
      ArrayRef<int64_t> tiles = loom::getLoweringConfig(op).getPackTiles();
      // Taken first: packing replaces the op.
      Location loc = op.getLoc();
      OperationName name = op->getName();
      if (tiles.size() != op.getNumLoops() || !op.hasPureTensorSemantics() ||
          failed(packAndLower(rewriter, op, tiles))) {
        emitError(loc) << "'" << name << "' op cannot be packed by pack_tiles = ["
                       << llvm::interleaved(tiles)
                       << "]: it needs one tile per loop, tensors, static "
                          "shapes the tiles divide and projected permutations";
        return signalPassFailure();
      }
    }
  }
};

} // namespace
