//===- SelectLoweringConfig.cpp - The GPU lowering strategy ---------------===//
//
// Every decision of the GPU code generator, from the module's
// #loom.gpu_target: the tile of a block and of a thread, and the fills fused
// into them, written as a #loom.lowering_config on each op (see Passes.td).
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/GPU/Passes.h"

#include "loom/Codegen/Common/LoweringConfig.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <algorithm>

namespace loom {
#define GEN_PASS_DEF_SELECTGPULOWERINGCONFIG
#include "loom/Codegen/GPU/Passes.h.inc"
} // namespace loom

using namespace mlir;
using loom::GPUTargetAttr;
using loom::LoweringConfigAttr;

namespace {

/// The size of a block's tile along a loop of `tripCount` iterations when
/// `wanted` threads are left: the whole loop if it fits, else a divisor of
/// the trip count close to `wanted` (no partial tile), else `wanted`.
int64_t blockTileSize(int64_t tripCount, int64_t wanted) {
  if (ShapedType::isDynamic(tripCount))
    return wanted;
  if (tripCount <= wanted)
    return tripCount;
  for (int64_t size = wanted; size * 2 >= wanted; --size)
    if (tripCount % size == 0)
      return size;
  return wanted;
}

/// Whether every output of `op` is indexed by a projected permutation of its
/// loops: one iteration of its parallel loops writes each element, so they
/// can be split among threads.
bool writesEachOutputOnce(linalg::LinalgOp op) {
  return llvm::all_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
    return op.getMatchingIndexingMap(&init).isProjectedPermutation();
  });
}

/// The init operands of `op` that a linalg.fill computes: the fill is done in
/// the same tiles (each thread initializes its own accumulators).
SmallVector<int64_t> filledInits(linalg::LinalgOp op) {
  SmallVector<int64_t> operands;
  for (OpOperand &init : op.getDpsInitsMutable())
    if (init.get().getDefiningOp<linalg::FillOp>())
      operands.push_back(init.getOperandNumber());
  return operands;
}

class SelectGPULoweringConfigPass
    : public loom::impl::SelectGPULoweringConfigBase<
          SelectGPULoweringConfigPass> {
public:
  using SelectGPULoweringConfigBase::SelectGPULoweringConfigBase;

  void runOnOperation() override {
    auto module = getOperation()->getParentOfType<ModuleOp>();
    auto target = module ? module->getAttrOfType<GPUTargetAttr>(
                               loom::kTargetAttrName)
                         : GPUTargetAttr();
    if (!target) {
      getOperation().emitError()
          << "loom-gpu-select-lowering-config needs a #loom.gpu_target on "
             "the module (loom-gpu-attach-target)";
      return signalPassFailure();
    }
    int64_t threads = std::min<int64_t>(threadsPerBlock,
                                        target.getMaxThreadsPerBlock());
    if (threads < 1) {
      getOperation().emitError() << "threads-per-block must be positive";
      return signalPassFailure();
    }
    for (Operation &op : getOperation().getBody().getOps())
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
        configure(linalgOp, threads);
  }

private:
  void configure(linalg::LinalgOp op, int64_t threads);
};

void SelectGPULoweringConfigPass::configure(linalg::LinalgOp op,
                                            int64_t threads) {
  if (!op.hasPureTensorSemantics() || !writesEachOutputOnce(op) ||
      op.getNumParallelLoops() == 0)
    return;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> blockTiles(ranges.size(), 0);
  SmallVector<int64_t> threadTiles(ranges.size(), 0);
  // Innermost loops first: consecutive threads take consecutive elements.
  int64_t left = threads;
  for (int64_t loop = int64_t(ranges.size()) - 1; loop >= 0; --loop) {
    if (iterators[loop] != utils::IteratorType::parallel)
      continue;
    threadTiles[loop] = 1;
    int64_t size = left > 1 ? blockTileSize(ranges[loop], left) : 1;
    blockTiles[loop] = size;
    left = std::max<int64_t>(1, left / size);
  }
  loom::setLoweringConfig(
      op, LoweringConfigAttr::get(&getContext(), blockTiles, {}, {}, {}, {},
                                  {}, loom::ConvAlgorithm::none,
                                  /*root=*/true, filledInits(op),
                                  threadTiles));
}

} // namespace
