//===- SelectLoweringConfig.cpp - The GPU lowering strategy ---------------===//
//
// Every decision of the GPU code generator, from the module's
// #loom.gpu_target: the tile of a block and of a thread, and the fills fused
// into them, written as a #loom.lowering_config on each op (see Passes.td).
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/GPU/Passes.h"

#include "loom/Codegen/CPU/ConvToMatmul.h"
#include "loom/Codegen/Common/LoweringConfig.h"
#include "loom/Conversion/LoomToLinalg/TransposedConvolution.h"

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

/// The shape of one tensor-core instruction on f32 operands (`mma.sync`
/// m16n8k8 on TF32), in the order rows, columns, reduction.
constexpr int64_t kMmaRows = 16, kMmaColumns = 8, kMmaReduction = 8;

/// The most warps the strategy gives one block of tensor-core tiles, the
/// most of them along the output's columns, and the most instructions a
/// warp's tile has along the rows and along the columns.
constexpr int64_t kMmaWarpsPerBlock = 8, kMmaWarpsAlongColumns = 4,
                  kMmaWarpInstructions = 2;

/// The loops of a contraction a warp computes with tensor-core instructions:
/// its batch loops, the loop of the output's rows (the first input's), of its
/// columns (the second input's) and the reduction.
struct TensorCoreLoops {
  SmallVector<unsigned> batch;
  unsigned rows, columns, reduction;
};

/// The most multiply-adds padding to whole instructions may add: twice the
/// product's own (the tensor cores do 8 to 16 times a thread's FMAs).
constexpr double kMaxPaddedWork = 2.0;

/// The factor by which padding a `rows` x `columns` x `reduction` product
/// to whole tensor-core instructions multiplies its multiply-adds.
double paddedWork(int64_t rows, int64_t columns, int64_t reduction) {
  auto roundUp = [](int64_t size, int64_t multiple) {
    return double(llvm::divideCeil(size, multiple) * multiple);
  };
  return roundUp(rows, kMmaRows) * roundUp(columns, kMmaColumns) *
         roundUp(reduction, kMmaReduction) /
         (double(rows) * double(columns) * double(reduction));
}

/// Whether such a product goes to the tensor cores, padded if need be.
bool fitsTensorCores(int64_t rows, int64_t columns, int64_t reduction) {
  return paddedWork(rows, columns, reduction) <= kMaxPaddedWork;
}

/// The loops of `op` if it is an f32 contraction of static shape whose output
/// is [batch..., rows, columns], which the tensor cores compute when its
/// sizes fit (fitsTensorCores).
std::optional<TensorCoreLoops> matchTensorCoreContraction(linalg::LinalgOp op) {
  if (!linalg::isaContractionOpInterface(op) || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || !op.hasPureTensorSemantics())
    return std::nullopt;
  for (Value operand : op->getOperands())
    if (!cast<ShapedType>(operand.getType()).getElementType().isF32())
      return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.size() != 1)
    return std::nullopt;
  TensorCoreLoops loops{llvm::to_vector(dims->batch), dims->m.front(),
                        dims->n.front(), dims->k.front()};
  AffineMap output = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  unsigned results = output.getNumResults();
  MLIRContext *context = op.getContext();
  if (results < 2 ||
      output.getResult(results - 2) != getAffineDimExpr(loops.rows, context) ||
      output.getResult(results - 1) != getAffineDimExpr(loops.columns, context))
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (ShapedType::isDynamicShape(ranges) ||
      !fitsTensorCores(ranges[loops.rows], ranges[loops.columns],
                       ranges[loops.reduction]))
    return std::nullopt;
  return loops;
}

/// Whether the loops of such a contraction are whole instructions already.
bool isWholeInstructions(linalg::LinalgOp op, const TensorCoreLoops &loops) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  return ranges[loops.rows] % kMmaRows == 0 &&
         ranges[loops.columns] % kMmaColumns == 0 &&
         ranges[loops.reduction] % kMmaReduction == 0;
}

/// How a convolution is computed on the GPU: as an im2col gather and a
/// product on the tensor cores when the product fits them, with the output
/// pixels as columns (no transposes) unless the output channels as columns
/// need less padding; else directly (one output per thread).
std::optional<loom::ConvAlgorithm>
chooseConvAlgorithm(linalg::Conv2DNchwFchwOp conv) {
  if (!loom::canRewriteConvAsMatmul(conv) ||
      !cast<ShapedType>(conv.getOutputs()[0].getType()).getElementType().isF32())
    return std::nullopt;
  ArrayRef<int64_t> filter =
      cast<ShapedType>(conv.getInputs()[1].getType()).getShape();
  ArrayRef<int64_t> output =
      cast<ShapedType>(conv.getOutputs()[0].getType()).getShape();
  int64_t reduction = filter[1] * filter[2] * filter[3];
  int64_t pixels = output[2] * output[3];
  // out[n] (F x OH*OW) = W (F x K) col[n] (K x OH*OW)
  double pixelColumns = paddedWork(output[1], pixels, reduction);
  // (N*OH*OW x F) = col (N*OH*OW x K) W^T (K x F)
  double channelColumns = paddedWork(output[0] * pixels, output[1], reduction);
  if (std::min(pixelColumns, channelColumns) > kMaxPaddedWork)
    return std::nullopt;
  return pixelColumns <= channelColumns ? loom::ConvAlgorithm::im2col_pixels
                                        : loom::ConvAlgorithm::im2col_channels;
}

/// Whether a transposed convolution's scatter becomes a product on the
/// tensor cores and col2im: columns (C*KH*KW x N*H*W) = W^T dY, summed over
/// the O channels of its input.
bool computesTransposedConvAsCol2im(linalg::LinalgOp scatter) {
  if (!loom::matchTransposedConvolution(scatter) ||
      !cast<ShapedType>(scatter.getDpsInputs()[0].getType())
           .getElementType()
           .isF32())
    return false;
  ArrayRef<int64_t> input =
      cast<ShapedType>(scatter.getDpsInputs()[0].getType()).getShape();
  ArrayRef<int64_t> filter =
      cast<ShapedType>(scatter.getDpsInputs()[1].getType()).getShape();
  return fitsTensorCores(filter[1] * filter[2] * filter[3],
                         input[0] * input[2] * input[3], input[1]);
}

/// The largest divisor of `count` that is at most `limit`.
int64_t largestDivisorUpTo(int64_t count, int64_t limit) {
  for (int64_t divisor = std::min(count, limit); divisor > 1; --divisor)
    if (count % divisor == 0)
      return divisor;
  return 1;
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
  void configureTensorCores(linalg::LinalgOp op, const TensorCoreLoops &loops);
  void configurePadding(linalg::LinalgOp op, const TensorCoreLoops &loops);
};

void SelectGPULoweringConfigPass::configurePadding(
    linalg::LinalgOp op, const TensorCoreLoops &loops) {
  SmallVector<int64_t> multiples(op.getNumLoops(), 0);
  multiples[loops.rows] = kMmaRows;
  multiples[loops.columns] = kMmaColumns;
  multiples[loops.reduction] = kMmaReduction;
  loom::setLoweringConfig(
      op, LoweringConfigAttr::get(&getContext(), {}, {}, {}, {}, {}, {},
                                  loom::ConvAlgorithm::none, /*root=*/false,
                                  {}, {}, {}, multiples));
}

void SelectGPULoweringConfigPass::configureTensorCores(
    linalg::LinalgOp op, const TensorCoreLoops &loops) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  // A warp computes up to 2x2 instructions: each A fragment it loads feeds
  // two instructions, and each B fragment two.
  int64_t rowInstructions = ranges[loops.rows] / kMmaRows;
  int64_t columnInstructions = ranges[loops.columns] / kMmaColumns;
  int64_t warpRows = kMmaRows * largestDivisorUpTo(rowInstructions,
                                                   kMmaWarpInstructions);
  int64_t warpColumns = kMmaColumns * largestDivisorUpTo(columnInstructions,
                                                         kMmaWarpInstructions);
  int64_t warpsAlongColumns = largestDivisorUpTo(
      ranges[loops.columns] / warpColumns, kMmaWarpsAlongColumns);
  int64_t warpsAlongRows =
      largestDivisorUpTo(ranges[loops.rows] / warpRows,
                         kMmaWarpsPerBlock / warpsAlongColumns);
  SmallVector<int64_t> blockTiles(ranges.size(), 0);
  SmallVector<int64_t> warpTiles(ranges.size(), 0);
  SmallVector<int64_t> reductionTiles(ranges.size(), 0);
  SmallVector<int64_t> instruction(ranges.size(), 1);
  for (unsigned loop : loops.batch)
    blockTiles[loop] = warpTiles[loop] = 1;
  blockTiles[loops.rows] = warpRows * warpsAlongRows;
  blockTiles[loops.columns] = warpColumns * warpsAlongColumns;
  warpTiles[loops.rows] = warpRows;
  warpTiles[loops.columns] = warpColumns;
  instruction[loops.rows] = kMmaRows;
  instruction[loops.columns] = kMmaColumns;
  reductionTiles[loops.reduction] = instruction[loops.reduction] =
      kMmaReduction;
  // The fill of the accumulators joins the warp's tile as a vector, which
  // becomes the instructions' initial accumulator, when every op that reads
  // it takes it so; otherwise it stays a kernel of its own.
  SmallVector<int64_t> fused;
  OpOperand *init = op.getDpsInitOperand(0);
  auto fill = init->get().getDefiningOp<linalg::FillOp>();
  auto accumulatesOnTensorCores = [](OpOperand &use) {
    auto user = dyn_cast<linalg::LinalgOp>(use.getOwner());
    if (!user || !user.isDpsInit(&use))
      return false;
    std::optional<TensorCoreLoops> loops = matchTensorCoreContraction(user);
    return loops && isWholeInstructions(user, *loops);
  };
  if (fill && llvm::all_of(fill->getUses(), accumulatesOnTensorCores)) {
    fused.push_back(init->getOperandNumber());
    AffineMap output = op.getMatchingIndexingMap(init);
    SmallVector<int64_t> fillVector = llvm::map_to_vector(
        output.getResults(), [&](AffineExpr result) {
          return warpTiles[cast<AffineDimExpr>(result).getPosition()];
        });
    loom::setLoweringConfig(
        fill, LoweringConfigAttr::get(&getContext(), {}, {}, {}, {}, {},
                                      fillVector, loom::ConvAlgorithm::none,
                                      /*root=*/false, {}, {}, {}, {}));
  }
  loom::setLoweringConfig(
      op, LoweringConfigAttr::get(&getContext(), blockTiles, {}, {}, {},
                                  reductionTiles, instruction,
                                  loom::ConvAlgorithm::none, /*root=*/true,
                                  fused, /*threadTiles=*/{}, warpTiles, {}));
}

void SelectGPULoweringConfigPass::configure(linalg::LinalgOp op,
                                            int64_t threads) {
  // A convolution that becomes a product is rewritten first
  // (loom-cpu-rewrite-convolutions), and its new ops configured in turn.
  std::optional<loom::ConvAlgorithm> algorithm;
  if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op.getOperation()))
    algorithm = chooseConvAlgorithm(conv);
  else if (computesTransposedConvAsCol2im(op))
    algorithm = loom::ConvAlgorithm::col2im;
  if (algorithm)
    return loom::setLoweringConfig(
        op, LoweringConfigAttr::get(&getContext(), {}, {}, {}, {}, {}, {},
                                    *algorithm, /*root=*/false, {}, {}, {},
                                    {}));
  if (!op.hasPureTensorSemantics() || !writesEachOutputOnce(op) ||
      op.getNumParallelLoops() == 0)
    return;
  if (std::optional<TensorCoreLoops> loops = matchTensorCoreContraction(op))
    return isWholeInstructions(op, *loops) ? configureTensorCores(op, *loops)
                                           : configurePadding(op, *loops);
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
                                  threadTiles, /*warpTiles=*/{},
                                  /*padMultiples=*/{}));
}

} // namespace
