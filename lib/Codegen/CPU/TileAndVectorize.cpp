//===- TileAndVectorize.cpp - Register tiles of linalg ops as vectors -----===//
//
// Every statically shaped linalg op on tensors is tiled so that one tile fits
// a few vector registers, with tile sizes that divide the loop ranges (no
// masks, no remainder loops), and each tile is vectorized. Ops that cannot be
// vectorized stay linalg ops and become scalar loops later.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Passes.h"

#include "ConvToMatmul.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

#include "llvm/Support/MathExtras.h"

namespace loom {
#define GEN_PASS_DEF_TILEANDVECTORIZE
#include "loom/Codegen/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// One AVX-512 register.
constexpr int64_t kRegisterBits = 512;
/// Fewest loop iterations per tile for a distributed op: one f32 register.
constexpr uint64_t kMinIterationsPerParallelTile = 16;
/// Rows of a contraction's register tile: with 16 lanes per row, 8 rows are
/// 8 accumulator registers, leaving room for the broadcast operands.
constexpr int64_t kContractionRows = 8;

/// The largest power of two, at most `limit`, that divides `size`.
int64_t largestDividingPowerOfTwo(int64_t size, int64_t limit) {
  int64_t width = 1;
  while (width * 2 <= limit && size % (width * 2) == 0)
    width *= 2;
  return width;
}

/// How many elements of the op's result type fill one vector register.
int64_t registerLanes(linalg::LinalgOp op) {
  Type elementType = getElementTypeOrSelf(op.getDpsInits().front().getType());
  unsigned bits = elementType.isIntOrFloat() ? elementType.getIntOrFloatBitWidth()
                                             : 32;
  // i1 and i8 vectors are narrower than a register in practice; keep tiles
  // small so the f32 operands they are computed from still fit.
  return std::clamp<int64_t>(kRegisterBits / std::max(bits, 8u), 1, 16);
}

/// Whether `op` reads or writes a tensor of i1. LLVM loads and stores a
/// vector of i1 as packed bits, while a memref of i1 holds one byte per
/// element, so such an op must stay scalar: its loops move bytes.
bool accessesBooleanTensor(Operation *op) {
  return llvm::any_of(op->getOperandTypes(), [](Type type) {
    auto shaped = dyn_cast<ShapedType>(type);
    return shaped && shaped.getElementType().isInteger(1);
  });
}

bool isTileable(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumLoops() == 0 ||
      op.getNumDpsInits() == 0)
    return false;
  return llvm::all_of(op.getStaticLoopRanges(), [](int64_t range) {
    return !ShapedType::isDynamic(range) && range > 0;
  });
}

/// For a reduction that is not a plain contraction but computes like one (a
/// matmul whose operand is an elementwise expression fused into its body),
/// the (row, column) loops of a register tile over its output: the column is
/// the output's innermost loop and the row the next parallel output loop with
/// more than one iteration (the column again when there is none). Vectorizing
/// along the column keeps one accumulator lane per output element, where
/// vectorizing along the innermost reduction loop would reduce a register
/// horizontally at every step. Only when every input is read contiguously
/// along the column or not at all (broadcast); otherwise nothing.
std::optional<std::pair<unsigned, unsigned>>
outputRegisterLoops(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() == 0 || op.getNumDpsInits() != 1)
    return std::nullopt;
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (!outputMap.isProjectedPermutation() || outputMap.getNumResults() == 0)
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  unsigned columnLoop = outputMap.getDimPosition(outputMap.getNumResults() - 1);
  if (ranges[columnLoop] < 2)
    return std::nullopt;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (!map.isProjectedPermutation())
      return std::nullopt;
    std::optional<unsigned> position =
        map.getResultPosition(getAffineDimExpr(columnLoop, op->getContext()));
    if (position && *position != map.getNumResults() - 1)
      return std::nullopt;
  }
  unsigned rowLoop = columnLoop;
  for (int64_t result = static_cast<int64_t>(outputMap.getNumResults()) - 2;
       result >= 0; --result) {
    unsigned loop = outputMap.getDimPosition(result);
    if (ranges[loop] > 1) {
      rowLoop = loop;
      break;
    }
  }
  return std::make_pair(rowLoop, columnLoop);
}

/// The register tile of every loop of `op` (parallel and reduction loops
/// alike); every size divides its loop range.
SmallVector<int64_t> registerTileSizes(linalg::LinalgOp op) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> sizes(ranges.size(), 1);
  int64_t lanes = registerLanes(op);
  if (linalg::isaContractionOpInterface(op)) {
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    if (succeeded(dims) && !dims->m.empty() && !dims->n.empty()) {
      unsigned rowLoop = dims->m.back();
      unsigned columnLoop = dims->n.back();
      sizes[rowLoop] =
          largestDividingPowerOfTwo(ranges[rowLoop], kContractionRows);
      sizes[columnLoop] = largestDividingPowerOfTwo(ranges[columnLoop], lanes);
      return sizes;
    }
  }
  if (std::optional<std::pair<unsigned, unsigned>> loops =
          outputRegisterLoops(op)) {
    auto [rowLoop, columnLoop] = *loops;
    sizes[rowLoop] = largestDividingPowerOfTwo(ranges[rowLoop], kContractionRows);
    sizes[columnLoop] = largestDividingPowerOfTwo(ranges[columnLoop], lanes);
    return sizes;
  }
  sizes.back() = largestDividingPowerOfTwo(ranges.back(), lanes);
  return sizes;
}

/// Keeps the sizes of the loops of one kind and zeroes (does not tile) the
/// others.
SmallVector<int64_t> sizesForLoops(linalg::LinalgOp op,
                                   ArrayRef<int64_t> sizes,
                                   utils::IteratorType kind) {
  SmallVector<int64_t> selected(sizes);
  for (auto [index, iterator] : llvm::enumerate(op.getIteratorTypesArray()))
    if (iterator != kind)
      selected[index] = 0;
  return selected;
}

SmallVector<OpFoldResult> asIndexAttrs(MLIRContext *context,
                                       ArrayRef<int64_t> sizes) {
  Builder builder(context);
  return llvm::map_to_vector(sizes, [&](int64_t size) -> OpFoldResult {
    return builder.getIndexAttr(size);
  });
}

/// The contraction feeding an all-parallel `op`, if that is its only use and
/// `op` reads it elementwise: the matmul under a bias/activation epilogue.
/// Returns the operand index in `op`.
std::optional<unsigned> epilogueContractionOperand(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() != 0)
    return std::nullopt;
  for (OpOperand *operand : op.getDpsInputOperands()) {
    auto producer = operand->get().getDefiningOp<linalg::LinalgOp>();
    if (!producer || !linalg::isaContractionOpInterface(producer) ||
        !isTileable(producer) || !operand->get().hasOneUse())
      continue;
    AffineMap readMap = op.getMatchingIndexingMap(operand);
    if (readMap.isPermutation())
      return operand->getOperandNumber();
  }
  return std::nullopt;
}

/// Parallel tile sizes of an epilogue that match the contraction's register
/// tile, so the fused contraction computes exactly one register tile.
SmallVector<int64_t> epilogueTileSizes(linalg::LinalgOp epilogue,
                                       OpOperand &contractionOperand) {
  auto contraction = contractionOperand.get().getDefiningOp<linalg::LinalgOp>();
  SmallVector<int64_t> contractionSizes = registerTileSizes(contraction);
  AffineMap resultMap = contraction.getIndexingMapMatchingResult(
      cast<OpResult>(contractionOperand.get()));
  AffineMap readMap = epilogue.getMatchingIndexingMap(&contractionOperand);
  SmallVector<int64_t> sizes(epilogue.getNumLoops(), 1);
  for (unsigned dim = 0; dim < readMap.getNumResults(); ++dim)
    sizes[readMap.getDimPosition(dim)] =
        contractionSizes[resultMap.getDimPosition(dim)];
  return sizes;
}

/// Iterations of all loops of `op`: output elements times reduction size.
uint64_t loopIterations(linalg::LinalgOp op) {
  uint64_t iterations = 1;
  for (int64_t range : op.getStaticLoopRanges())
    iterations = llvm::SaturatingMultiply(iterations,
                                          static_cast<uint64_t>(range));
  return iterations;
}

/// Whether tiling `root` (with `fusedContraction` fused into its tiles, if
/// any) by `parallelSizes` pays for a fork/join of the thread team: more
/// than one tile to hand out, enough work that the team's wake-up and
/// barrier (microseconds) are small beside it, and tiles of at least a
/// register's worth of iterations. Scalar tiles (im2col gathers, transposes
/// whose innermost extent is odd) stay sequential: their OpenMP loop nest
/// recomputes every index from the collapsed iteration number, which costs
/// more than the copy, and two threads made the GAN's convolutions slower.
bool worthDistributing(linalg::LinalgOp root, Operation *fusedContraction,
                       ArrayRef<int64_t> parallelSizes, int64_t minWork) {
  uint64_t tiles = 1;
  for (auto [range, size] :
       llvm::zip_equal(root.getStaticLoopRanges(), parallelSizes))
    if (size > 0)
      tiles *= static_cast<uint64_t>(range / size);
  uint64_t work = loopIterations(root);
  if (fusedContraction)
    work = llvm::SaturatingAdd(
        work, loopIterations(cast<linalg::LinalgOp>(fusedContraction)));
  return tiles > 1 &&
         work >= static_cast<uint64_t>(std::max<int64_t>(minWork, 0)) &&
         work / tiles >= kMinIterationsPerParallelTile;
}

class TileAndVectorizePass
    : public loom::impl::TileAndVectorizeBase<TileAndVectorizePass> {
public:
  using TileAndVectorizeBase::TileAndVectorizeBase;
  void runOnOperation() override;

private:
  /// Tiles `root` on its parallel loops, fusing its fill producers (and its
  /// epilogue contraction), then tiles the reduction loops of every tiled op.
  /// Appends the innermost tiled ops to `tiles`.
  void tileRoot(RewriterBase &rewriter, linalg::LinalgOp root,
                SmallVectorImpl<Operation *> &tiles,
                llvm::SmallPtrSetImpl<Operation *> &consumed);
  void tileReductions(RewriterBase &rewriter, linalg::LinalgOp op,
                      SmallVectorImpl<Operation *> &tiles);
};

void TileAndVectorizePass::tileRoot(RewriterBase &rewriter,
                                    linalg::LinalgOp root,
                                    SmallVectorImpl<Operation *> &tiles,
                                    llvm::SmallPtrSetImpl<Operation *> &consumed) {
  std::optional<unsigned> epilogueOperand = epilogueContractionOperand(root);
  SmallVector<int64_t> sizes =
      epilogueOperand
          ? epilogueTileSizes(root, root->getOpOperand(*epilogueOperand))
          : registerTileSizes(root);
  Operation *fusedContraction =
      epilogueOperand ? root->getOperand(*epilogueOperand).getDefiningOp()
                      : nullptr;

  SmallVector<int64_t> parallelSizes =
      sizesForLoops(root, sizes, utils::IteratorType::parallel);
  scf::SCFTilingOptions tilingOptions;
  tilingOptions.setTileSizes(asIndexAttrs(&getContext(), parallelSizes));
  // Only the parallel output tiles are distributed, with unchanged sizes:
  // each output element sees the same instructions on any thread count.
  if (parallelLoops && worthDistributing(root, fusedContraction, parallelSizes,
                                         minParallelWork))
    tilingOptions.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tilingOptions);
  // Fills are cheap to recompute per tile and turn into register constants;
  // the epilogue's contraction is fused because it has no other user.
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer, bool)
          -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        Operation *op = producer.getOwner();
        if (isa<linalg::FillOp>(op) || op == fusedContraction)
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        return std::nullopt;
      });

  rewriter.setInsertionPoint(root);
  FailureOr<scf::SCFTileAndFuseResult> tiled =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(root.getOperation()), options);
  if (failed(tiled))
    return;
  for (OpResult result : root->getResults())
    if (Value replacement = tiled->replacements.lookup(result))
      rewriter.replaceAllUsesWith(result, replacement);
  // A fused producer with other users stays, and is tiled as a root later.
  for (Operation *producer : tiled->fusedProducers) {
    if (!producer->use_empty())
      continue;
    consumed.insert(producer);
    rewriter.eraseOp(producer);
  }
  consumed.insert(root);
  rewriter.eraseOp(root);

  for (Operation *op : tiled->tiledAndFusedOps)
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
      tileReductions(rewriter, linalgOp, tiles);
}

void TileAndVectorizePass::tileReductions(RewriterBase &rewriter,
                                          linalg::LinalgOp op,
                                          SmallVectorImpl<Operation *> &tiles) {
  if (op.getNumReductionLoops() == 0 || !isTileable(op)) {
    tiles.push_back(op);
    return;
  }
  scf::SCFTilingOptions options;
  options.setTileSizes(asIndexAttrs(
      &getContext(), sizesForLoops(op, registerTileSizes(op),
                                   utils::IteratorType::reduction)));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled)) {
    tiles.push_back(op);
    return;
  }
  rewriter.replaceOp(op, tiled->replacements);
  llvm::append_range(tiles, tiled->tiledOps);
}

void TileAndVectorizePass::runOnOperation() {
  func::FuncOp func = getOperation();
  MLIRContext *context = &getContext();
  IRRewriter rewriter(context);

  // Convolutions become im2col gathers and matrix products, which the
  // register tiling below vectorizes.
  SmallVector<linalg::Conv2DNchwFchwOp> convolutions;
  func.walk([&](linalg::Conv2DNchwFchwOp conv) { convolutions.push_back(conv); });
  for (linalg::Conv2DNchwFchwOp conv : convolutions)
    (void)loom::rewriteConvAsMatmul(
        rewriter, conv, registerLanes(cast<linalg::LinalgOp>(*conv)));

  // Consumers first, so an epilogue can claim the contraction it reads.
  SmallVector<linalg::LinalgOp> roots;
  func.walk([&](linalg::LinalgOp op) {
    if (isTileable(op))
      roots.push_back(op);
  });
  SmallVector<Operation *> tiles;
  llvm::SmallPtrSet<Operation *, 16> consumed;
  for (linalg::LinalgOp root : llvm::reverse(roots))
    if (!consumed.contains(root.getOperation()))
      tileRoot(rewriter, root, tiles, consumed);

  for (Operation *tile : tiles) {
    if (accessesBooleanTensor(tile) ||
        failed(linalg::vectorizeOpPrecondition(tile)))
      continue;
    rewriter.setInsertionPoint(tile);
    FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(
        rewriter, tile, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
        /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
        /*assumeDynamicDimsMatchVecSizes=*/false,
        /*createNamedContraction=*/true);
    if (succeeded(vectorized))
      rewriter.replaceOp(tile, vectorized->replacements);
  }

  RewritePatternSet patterns(context);
  vector::populateVectorReductionToContractPatterns(patterns);
  tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
  vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
  vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
  tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, context);
  tensor::InsertSliceOp::getCanonicalizationPatterns(patterns, context);
  if (failed(applyPatternsGreedily(func, std::move(patterns))))
    return signalPassFailure();

  // Keep accumulators in loop-carried vectors instead of re-reading and
  // re-writing the tensor tile on every reduction step; inner loops first.
  SmallVector<LoopLikeOpInterface> loops;
  func.walk([&](scf::ForOp loop) { loops.push_back(loop); });
  for (LoopLikeOpInterface loop : loops)
    hoistLoopInvariantSubsets(rewriter, loop);
}

} // namespace
