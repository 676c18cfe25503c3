//===- TileAndFuse.cpp - Tile one level of each op's lowering config ------===//
//
// Mechanism only: the sizes, the loops' kind and the producers fused into a
// tile all come from the ops' #loom.lowering_config (see Passes.td).
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Common/Passes.h"

#include "loom/Codegen/Common/LoweringConfig.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace loom {
#define GEN_PASS_DEF_TILEANDFUSE
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;
using loom::LoweringConfigAttr;

namespace {

enum class Level { Distribution, Thread, Cache, Register, Reduction };

SmallVector<OpFoldResult> asIndexAttrs(MLIRContext *context,
                                       ArrayRef<int64_t> sizes) {
  Builder builder(context);
  return llvm::map_to_vector(sizes, [&](int64_t size) -> OpFoldResult {
    return builder.getIndexAttr(size);
  });
}

/// Whether the producer of the operand that `slice` feeds is in the fusion
/// group of the op reading it, as that op's config says.
bool joinsGroup(tensor::ExtractSliceOp slice) {
  for (OpOperand &use : slice->getUses()) {
    LoweringConfigAttr config = loom::getLoweringConfig(use.getOwner());
    if (config && llvm::is_contained(config.getFusedProducers(),
                                     use.getOperandNumber()))
      return true;
  }
  return false;
}

/// The mapping of a forall of `loops` loops to the warps of a block.
SmallVector<Attribute> warpMapping(MLIRContext *context, int64_t loops) {
  SmallVector<Attribute> mapping;
  for (int64_t loop = 0; loop < loops; ++loop)
    mapping.push_back(gpu::GPUWarpMappingAttr::get(
        context, gpu::MappingId(int64_t(gpu::MappingId::LinearDim0) + loop)));
  return mapping;
}

class TileAndFusePass : public loom::impl::TileAndFuseBase<TileAndFusePass> {
public:
  using TileAndFuseBase::TileAndFuseBase;
  void runOnOperation() override;

private:
  /// The sizes `op` is tiled by at `level`; empty: not tiled at this level.
  SmallVector<int64_t> tileSizes(linalg::LinalgOp op, LoweringConfigAttr config,
                                 Level level);
  void tileRoot(RewriterBase &rewriter, linalg::LinalgOp root,
                ArrayRef<int64_t> sizes, Level level,
                llvm::SmallPtrSetImpl<Operation *> &erased);
  void tileReductions(RewriterBase &rewriter, linalg::LinalgOp op,
                      ArrayRef<int64_t> sizes);
};

SmallVector<int64_t> TileAndFusePass::tileSizes(linalg::LinalgOp op,
                                                LoweringConfigAttr config,
                                                Level level) {
  ArrayRef<int64_t> sizes;
  switch (level) {
  case Level::Distribution:
    sizes = config.getDistributionTiles();
    break;
  case Level::Thread:
    sizes = config.getWarpTiles().empty() ? config.getThreadTiles()
                                          : config.getWarpTiles();
    break;
  case Level::Cache:
    sizes = config.getCacheTiles();
    break;
  case Level::Register:
    sizes = config.getRegisterTiles();
    break;
  case Level::Reduction:
    sizes = config.getReductionTiles();
    break;
  }
  if (sizes.empty())
    return {};
  SmallVector<int64_t> tiles(sizes);
  // A thread or cache tile is tiled further only where it has room left: a
  // register tile as large as the thread tile is the thread tile.
  bool insideOuterTile =
      (level == Level::Cache || level == Level::Register) &&
      !config.getDistributionTiles().empty();
  insideOuterTile |= level == Level::Register && !config.getCacheTiles().empty();
  if (insideOuterTile) {
    for (auto [size, range] : llvm::zip_equal(tiles, op.getStaticLoopRanges()))
      if (size >= range)
        size = 0;
  }
  if (llvm::all_of(tiles, [](int64_t size) { return size == 0; }))
    return {};
  return tiles;
}

void TileAndFusePass::tileRoot(RewriterBase &rewriter, linalg::LinalgOp root,
                               ArrayRef<int64_t> sizes, Level level,
                               llvm::SmallPtrSetImpl<Operation *> &erased) {
  scf::SCFTilingOptions tilingOptions;
  tilingOptions.setTileSizes(asIndexAttrs(&getContext(), sizes));
  if (level == Level::Distribution || level == Level::Thread)
    tilingOptions.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  // A warp's tile is one iteration per warp, not per thread.
  if (LoweringConfigAttr config = loom::getLoweringConfig(root);
      level == Level::Thread && config && !config.getWarpTiles().empty())
    tilingOptions.setMapping(warpMapping(
        &getContext(), llvm::count_if(sizes, [](int64_t size) {
          return size != 0;
        })));
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tilingOptions);
  options.setFusionControlFn(
      [](tensor::ExtractSliceOp slice, OpResult, bool)
          -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (joinsGroup(slice))
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
  // A producer computed in the root's tiles is in its group: no root of its
  // own, so a later level does not tile it again.
  for (Operation *fused : llvm::drop_begin(tiled->tiledAndFusedOps)) {
    LoweringConfigAttr config = loom::getLoweringConfig(fused);
    if (!config || !config.getRoot())
      continue;
    loom::setLoweringConfig(
        fused, LoweringConfigAttr::get(
                   fused->getContext(), config.getDistributionTiles(),
                   config.getCacheTiles(), config.getPackTiles(),
                   config.getRegisterTiles(),
                   config.getReductionTiles(), config.getVectorSizes(),
                   config.getConvAlgorithm(), /*root=*/false,
                   config.getFusedProducers(), config.getThreadTiles(),
                   config.getWarpTiles(), config.getPadMultiples()));
  }
  // The root goes first, so a producer that only it read is left unused. A
  // fused producer with other users stays, and is tiled as a root later.
  erased.insert(root);
  rewriter.eraseOp(root);
  for (Operation *producer : tiled->fusedProducers) {
    // A partial tile asks its producer's size; its destination has it too.
    if (auto destinationStyle = dyn_cast<DestinationStyleOpInterface>(producer))
      for (OpResult result : producer->getResults())
        for (OpOperand &use : llvm::make_early_inc_range(result.getUses()))
          if (auto dim = dyn_cast<tensor::DimOp>(use.getOwner()))
            rewriter.modifyOpInPlace(dim, [&] {
              use.set(destinationStyle.getTiedOpOperand(result)->get());
            });
    if (!producer->use_empty())
      continue;
    erased.insert(producer);
    rewriter.eraseOp(producer);
  }
}

void TileAndFusePass::tileReductions(RewriterBase &rewriter,
                                     linalg::LinalgOp op,
                                     ArrayRef<int64_t> sizes) {
  scf::SCFTilingOptions options;
  options.setTileSizes(asIndexAttrs(&getContext(), sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (succeeded(tiled))
    rewriter.replaceOp(op, tiled->replacements);
}

void TileAndFusePass::runOnOperation() {
  std::optional<Level> parsed =
      llvm::StringSwitch<std::optional<Level>>(level)
          .Case("distribution", Level::Distribution)
          .Case("thread", Level::Thread)
          .Case("cache", Level::Cache)
          .Case("register", Level::Register)
          .Case("reduction", Level::Reduction)
          .Default(std::nullopt);
  if (!parsed) {
    getOperation().emitError()
        << "loom-tile-and-fuse: unknown level '" << level
        << "' (expected distribution, thread, cache, register or reduction)";
    return signalPassFailure();
  }

  struct Candidate {
    linalg::LinalgOp op;
    SmallVector<int64_t> sizes;
  };
  SmallVector<Candidate> candidates;
  WalkResult walk = getOperation().walk([&](linalg::LinalgOp op) {
    LoweringConfigAttr config = loom::getLoweringConfig(op);
    if (!config || (*parsed != Level::Reduction && !config.getRoot()))
      return WalkResult::advance();
    SmallVector<int64_t> sizes = tileSizes(op, config, *parsed);
    if (sizes.empty())
      return WalkResult::advance();
    if (sizes.size() != op.getNumLoops()) {
      op.emitOpError() << "has a lowering config with " << sizes.size()
                       << " tile sizes for " << op.getNumLoops() << " loops";
      return WalkResult::interrupt();
    }
    candidates.push_back({op, std::move(sizes)});
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return signalPassFailure();

  IRRewriter rewriter(&getContext());
  if (*parsed == Level::Reduction) {
    for (Candidate &candidate : candidates)
      tileReductions(rewriter, candidate.op, candidate.sizes);
    return;
  }
  // Consumers first, so an epilogue fuses the contraction it reads.
  llvm::SmallPtrSet<Operation *, 16> erased;
  for (Candidate &candidate : llvm::reverse(candidates))
    if (!erased.contains(candidate.op.getOperation()))
      tileRoot(rewriter, candidate.op, candidate.sizes, *parsed, erased);
}

} // namespace
