//===- SelectLoweringConfig.cpp - The CPU lowering strategy ---------------===//
//
// Every decision of the CPU code generator, from the module's
// #loom.cpu_target: tile sizes per level, vector sizes, fusion groups,
// distribution to threads and the convolution algorithm, written as a
// #loom.lowering_config on each op (see Passes.td).
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/CPU/Passes.h"

#include "loom/Codegen/CPU/ConvToMatmul.h"

#include "loom/Codegen/Common/LoweringConfig.h"
#include "loom/Conversion/LoomToLinalg/TransposedConvolution.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"

#include "llvm/ADT/bit.h"
#include "llvm/Support/MathExtras.h"

namespace loom {
#define GEN_PASS_DEF_SELECTLOWERINGCONFIG
#include "loom/Codegen/CPU/Passes.h.inc"
} // namespace loom

using namespace mlir;
using loom::ConvAlgorithm;
using loom::CPUTargetAttr;
using loom::LoweringConfigAttr;

namespace {

/// Fewest loop iterations per tile for a distributed op: one f32 register.
constexpr uint64_t kMinIterationsPerParallelTile = 16;
/// Cycles from an FMA's start to its result: independent accumulators a
/// unit needs to start one FMA every cycle.
constexpr int64_t kFMALatency = 4;
/// Fewest rows of a contraction's register tile: each K step loads one row
/// vector of B and broadcasts one element of A per row, so fewer rows spend
/// more of the load ports per FMA. Measured on the AVX-512 host (which LLVM's
/// scheduling model gives one FMA unit): 4 rows made the AE, VAE and GAN
/// training steps 13-25% slower than 8 (docs/performance.md).
constexpr int64_t kMinContractionRows = 8;
/// Output channels below which im2col is not worth its gather, and input
/// channels of a transposed convolution (the depth of col2im's product)
/// below which its strided additions cost more than the product saves.
constexpr int64_t kMinProductChannels = 4;
/// Fewest pixel columns (one 128-bit register of f32) that the product uses
/// without transposes.
constexpr int64_t kMinPixelLanes = 4;

/// Rows of A below which packing B does not pay: the copy of B costs about
/// as much as streaming it once, and each of the M / 8 row blocks streams it.
/// Measured on the AVX-512 host (bench/matmul_bench, K = N = 1024..2048):
/// packing is 1.25-1.6x faster from 64 rows, even at 32 and 15% slower at 16.
constexpr int64_t kMinRowsToPack = 64;

/// The largest power of two, at most `limit`, that divides `size`.
int64_t largestDividingPowerOfTwo(int64_t size, int64_t limit) {
  int64_t width = 1;
  while (width * 2 <= limit && size % (width * 2) == 0)
    width *= 2;
  return width;
}

/// The register shape of one target: lanes of the widest register and rows
/// of a contraction's register tile.
struct RegisterTile {
  int64_t bits;
  /// Rows of a contraction's tile, one accumulator register each: enough to
  /// keep every FMA unit busy through the FMA latency and to amortize the
  /// loads, at most half the register file (the rest holds the broadcast and
  /// row operands).
  int64_t contractionRows;
  /// Bytes of the per-core L2 cache.
  uint64_t l2Bytes;

  explicit RegisterTile(CPUTargetAttr target)
      : bits(target.getVectorBits()), l2Bytes(target.getL2Cache()),
        contractionRows(static_cast<int64_t>(llvm::bit_floor(std::max<uint64_t>(
            1, std::min<uint64_t>(
                   target.getVectorRegisters() / 2,
                   std::max<uint64_t>(kMinContractionRows,
                                      kFMALatency * target.getFmaUnits())))))) {}

  /// How many elements of the op's result type fill one vector register.
  int64_t lanes(linalg::LinalgOp op) const {
    Type elementType =
        getElementTypeOrSelf(op.getDpsInits().front().getType());
    unsigned elementBits =
        elementType.isIntOrFloat() ? elementType.getIntOrFloatBitWidth() : 32;
    // i1 and i8 vectors are narrower than a register in practice; keep tiles
    // to one register of f32 so the f32 operands they are computed from
    // still fit.
    return std::clamp<int64_t>(bits / std::max(elementBits, 8u), 1,
                               bits / 32);
  }
};

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
outputRegisterLoops(linalg::LinalgOp op, ArrayRef<int64_t> ranges) {
  if (op.getNumReductionLoops() == 0 || op.getNumDpsInits() != 1)
    return std::nullopt;
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (!outputMap.isProjectedPermutation() || outputMap.getNumResults() == 0)
    return std::nullopt;
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
/// alike) when its loops have `ranges`; every size divides its loop range.
SmallVector<int64_t> registerTileSizes(linalg::LinalgOp op,
                                       ArrayRef<int64_t> ranges,
                                       const RegisterTile &tile) {
  SmallVector<int64_t> sizes(ranges.size(), 1);
  int64_t lanes = tile.lanes(op);
  std::optional<std::pair<unsigned, unsigned>> loops;
  if (linalg::isaContractionOpInterface(op)) {
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    if (succeeded(dims) && !dims->m.empty() && !dims->n.empty())
      loops = std::make_pair(dims->m.back(), dims->n.back());
  }
  if (!loops)
    loops = outputRegisterLoops(op, ranges);
  if (loops) {
    auto [rowLoop, columnLoop] = *loops;
    sizes[rowLoop] =
        largestDividingPowerOfTwo(ranges[rowLoop], tile.contractionRows);
    sizes[columnLoop] = largestDividingPowerOfTwo(ranges[columnLoop], lanes);
    return sizes;
  }
  sizes.back() = largestDividingPowerOfTwo(ranges.back(), lanes);
  return sizes;
}

SmallVector<int64_t> registerTileSizes(linalg::LinalgOp op,
                                       const RegisterTile &tile) {
  return registerTileSizes(op, op.getStaticLoopRanges(), tile);
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

/// The columns of B's packed panels for a rank-2 matmul whose B does not fit
/// in L2, with enough rows of A to repay the copy; nothing otherwise. Each
/// 8-row block of A then streams B from L3, a row of one register tile at a
/// stride of N elements: N = 1024 f32 puts every row 4 KiB apart, on one
/// cache set and another page. Packed `[N/lanes, K, lanes]`, a register
/// tile's panel is contiguous.
std::optional<int64_t> packedColumns(linalg::LinalgOp op,
                                     const RegisterTile &tile) {
  auto matmul = dyn_cast<linalg::MatmulOp>(op.getOperation());
  if (!matmul || !isTileable(op) || op.hasUserDefinedMaps())
    return std::nullopt;
  auto rhsType = cast<RankedTensorType>(matmul.getInputs()[1].getType());
  auto lhsType = cast<RankedTensorType>(matmul.getInputs()[0].getType());
  Type elementType = rhsType.getElementType();
  if (!elementType.isIntOrFloat() ||
      lhsType.getElementType() != elementType)
    return std::nullopt;
  uint64_t rhsBytes = static_cast<uint64_t>(rhsType.getNumElements()) *
                      elementType.getIntOrFloatBitWidth() / 8;
  int64_t lanes = tile.lanes(op);
  int64_t columns = largestDividingPowerOfTwo(rhsType.getDimSize(1), lanes);
  if (rhsBytes <= tile.l2Bytes || lhsType.getDimSize(0) < kMinRowsToPack ||
      columns < lanes)
    return std::nullopt;
  return columns;
}

/// The contraction feeding an all-parallel `op`, if that is its only use and
/// `op` reads it elementwise: the matmul under a bias/activation epilogue.
/// Returns the operand. A contraction with another user is not fused: it
/// would be computed twice.
OpOperand *epilogueContractionOperand(linalg::LinalgOp op,
                                      const RegisterTile &tile) {
  if (op.getNumReductionLoops() != 0)
    return nullptr;
  for (OpOperand *operand : op.getDpsInputOperands()) {
    auto producer = operand->get().getDefiningOp<linalg::LinalgOp>();
    if (!producer || !linalg::isaContractionOpInterface(producer) ||
        !isTileable(producer) || !operand->get().hasOneUse() ||
        loom::getLoweringConfig(producer) || packedColumns(producer, tile))
      continue;
    if (op.getMatchingIndexingMap(operand).isPermutation())
      return operand;
  }
  return nullptr;
}

/// For a root contraction whose B (the input that no row loop reads) does
/// not fit in L2, with enough rows to reuse it: a cache tile over its
/// outermost column loop that keeps a K x block of B in half of L2, so every
/// row block of the register tiles reads that block from L2 rather than all
/// of B from L3. A multiple of the register tile dividing the loop; empty
/// when B fits or no smaller tile does.
SmallVector<int64_t> cacheTileSizes(linalg::LinalgOp op,
                                    ArrayRef<int64_t> registerSizes,
                                    const RegisterTile &tile) {
  if (!linalg::isaContractionOpInterface(op))
    return {};
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || !dims->batch.empty() || dims->m.empty() ||
      dims->n.empty() || dims->k.empty())
    return {};
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  auto product = [&](ArrayRef<unsigned> loops) {
    int64_t size = 1;
    for (unsigned loop : loops)
      size *= ranges[loop];
    return size;
  };
  if (product(dims->m) < kMinRowsToPack)
    return {};
  OpOperand *rhs = nullptr;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (llvm::none_of(dims->m, [&](unsigned loop) {
          return map.getResultPosition(getAffineDimExpr(
                     loop, op->getContext())).has_value();
        }))
      rhs = input;
  }
  if (!rhs)
    return {};
  auto rhsType = cast<RankedTensorType>(rhs->get().getType());
  if (!rhsType.getElementType().isIntOrFloat())
    return {};
  uint64_t elementBytes = rhsType.getElementType().getIntOrFloatBitWidth() / 8;
  uint64_t rhsBytes = rhsType.getNumElements() * elementBytes;
  unsigned outer = dims->n.front();
  uint64_t bytesPerIteration =
      static_cast<uint64_t>(product(dims->k)) * elementBytes *
      static_cast<uint64_t>(product(dims->n) / ranges[outer]);
  if (rhsBytes <= tile.l2Bytes || bytesPerIteration == 0)
    return {};
  int64_t step = std::max<int64_t>(registerSizes[outer], 1);
  int64_t limit = static_cast<int64_t>(tile.l2Bytes / 2 / bytesPerIteration);
  int64_t best = 0;
  for (int64_t size = step; size <= limit && size < ranges[outer]; size += step)
    if (ranges[outer] % size == 0)
      best = size;
  if (best == 0)
    return {};
  SmallVector<int64_t> sizes(ranges.size(), 0);
  sizes[outer] = best;
  return sizes;
}

/// Parallel tile sizes of an epilogue that match the contraction's register
/// tile, so the fused contraction computes exactly one register tile.
SmallVector<int64_t> epilogueTileSizes(linalg::LinalgOp epilogue,
                                       OpOperand &contractionOperand,
                                       ArrayRef<int64_t> contractionSizes) {
  auto contraction = contractionOperand.get().getDefiningOp<linalg::LinalgOp>();
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
bool worthDistributing(linalg::LinalgOp root, linalg::LinalgOp fusedContraction,
                       ArrayRef<int64_t> parallelSizes, int64_t minWork) {
  uint64_t tiles = 1;
  for (auto [range, size] :
       llvm::zip_equal(root.getStaticLoopRanges(), parallelSizes))
    if (size > 0)
      tiles *= static_cast<uint64_t>(range / size);
  uint64_t work = loopIterations(root);
  if (fusedContraction)
    work = llvm::SaturatingAdd(work, loopIterations(fusedContraction));
  return tiles > 1 &&
         work >= static_cast<uint64_t>(std::max<int64_t>(minWork, 0)) &&
         work / tiles >= kMinIterationsPerParallelTile;
}

/// The operands of `op` whose producers are fills: cheap to recompute per
/// tile, where they become register constants.
SmallVector<int64_t> fillOperands(linalg::LinalgOp op) {
  SmallVector<int64_t> operands;
  for (OpOperand &operand : op->getOpOperands())
    if (operand.get().getDefiningOp<linalg::FillOp>())
      operands.push_back(operand.getOperandNumber());
  return operands;
}

/// How a convolution is computed, or nothing when it is to be tiled as it
/// is written (`direct`).
std::optional<ConvAlgorithm> chooseConvAlgorithm(linalg::Conv2DNchwFchwOp conv,
                                                 const RegisterTile &tile) {
  if (!loom::canRewriteConvAsMatmul(conv))
    return std::nullopt;
  auto resultType = cast<RankedTensorType>(conv.getOutputs()[0].getType());
  int64_t outChannels = resultType.getDimSize(1);
  // Every gathered element is used once per output channel; with fewer
  // channels than that the gather costs more than the product saves.
  if (outChannels < kMinProductChannels)
    return std::nullopt;
  // Pixels as columns need no transposes, and a quarter register of pixels
  // still beats transposing the filter and the result.
  int64_t lanes = tile.lanes(cast<linalg::LinalgOp>(conv.getOperation()));
  int64_t pixelLanes = largestDividingPowerOfTwo(
      resultType.getDimSize(2) * resultType.getDimSize(3), lanes);
  bool pixelColumns =
      pixelLanes >= std::min<int64_t>(
                        kMinPixelLanes,
                        largestDividingPowerOfTwo(outChannels, lanes));
  return pixelColumns ? ConvAlgorithm::im2col_pixels
                      : ConvAlgorithm::im2col_channels;
}

bool writesScatteredOutput(linalg::LinalgOp op) {
  return llvm::any_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
    return !op.getMatchingIndexingMap(&init).isProjectedPermutation();
  });
}

/// How a transposed convolution's scatter is computed: as a product and
/// col2im, unless the product would have too little depth.
ConvAlgorithm chooseTransposedConvAlgorithm(linalg::LinalgOp scatter) {
  auto inputType = cast<RankedTensorType>(scatter.getDpsInputs()[0].getType());
  return inputType.getDimSize(1) >= kMinProductChannels ? ConvAlgorithm::col2im
                                                       : ConvAlgorithm::direct;
}

class SelectLoweringConfigPass
    : public loom::impl::SelectLoweringConfigBase<SelectLoweringConfigPass> {
public:
  using SelectLoweringConfigBase::SelectLoweringConfigBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    auto module = func->getParentOfType<ModuleOp>();
    auto target =
        module ? module->getAttrOfType<CPUTargetAttr>(loom::kTargetAttrName)
               : CPUTargetAttr();
    if (!target) {
      func.emitError() << "no " << loom::kTargetAttrName
                       << " = #loom.cpu_target<...> on the module (run "
                          "loom-cpu-attach-target first)";
      return signalPassFailure();
    }
    RegisterTile tile(target);

    // Consumers first, so an epilogue can claim the contraction it reads.
    SmallVector<linalg::LinalgOp> ops;
    func.walk([&](linalg::LinalgOp op) {
      if (isTileable(op) && !loom::getLoweringConfig(op))
        ops.push_back(op);
    });
    for (linalg::LinalgOp op : llvm::reverse(ops))
      if (!loom::getLoweringConfig(op))
        configure(op, tile);
  }

private:
  void configure(linalg::LinalgOp op, const RegisterTile &tile);
  LoweringConfigAttr tileConfig(linalg::LinalgOp op, ArrayRef<int64_t> sizes,
                                const RegisterTile &tile, bool root, ArrayRef<int64_t> fusedProducers,
                                ArrayRef<int64_t> distribution,
                                ConvAlgorithm algorithm = ConvAlgorithm::none);
};

LoweringConfigAttr SelectLoweringConfigPass::tileConfig(
    linalg::LinalgOp op, ArrayRef<int64_t> sizes, const RegisterTile &tile,
    bool root,
    ArrayRef<int64_t> fusedProducers, ArrayRef<int64_t> distribution,
    ConvAlgorithm algorithm) {
  SmallVector<int64_t> parallel =
      sizesForLoops(op, sizes, utils::IteratorType::parallel);
  // The reductions are tiled inside a register tile: their sizes are those
  // of an op whose parallel loops are one register tile.
  SmallVector<int64_t> reduction;
  SmallVector<int64_t> tileShape = op.getStaticLoopRanges();
  if (op.getNumReductionLoops() != 0) {
    for (auto [range, size] : llvm::zip_equal(tileShape, parallel))
      if (size != 0)
        range = size;
    reduction = sizesForLoops(op, registerTileSizes(op, tileShape, tile),
                              utils::IteratorType::reduction);
  }
  // Thread tiles are register tiles: no room for a cache tile inside.
  SmallVector<int64_t> cacheTiles;
  if (root && distribution.empty())
    cacheTiles = cacheTileSizes(op, parallel, tile);
  SmallVector<int64_t> vectorSizes;
  if (!accessesBooleanTensor(op))
    for (auto [index, size] : llvm::enumerate(parallel))
      vectorSizes.push_back(reduction.empty() || size != 0 ? size
                                                           : reduction[index]);
  return LoweringConfigAttr::get(&getContext(), distribution, cacheTiles,
                                 /*packTiles=*/{},
                                 parallel, reduction,
                                 vectorSizes, algorithm, root, fusedProducers,
                                 /*threadTiles=*/{}, /*warpTiles=*/{},
                                 /*padMultiples=*/{});
}

void SelectLoweringConfigPass::configure(linalg::LinalgOp op,
                                         const RegisterTile &tile) {
  // A scatter (several iterations of its loops write one output element)
  // can be neither tiled by its parallel loops alone nor vectorized: it
  // stays scalar. A transposed convolution is one; its algorithm is chosen.
  if (writesScatteredOutput(op)) {
    if (loom::matchTransposedConvolution(op))
      loom::setLoweringConfig(
          op, LoweringConfigAttr::get(&getContext(), {}, {}, {}, {}, {}, {},
                                      chooseTransposedConvAlgorithm(op),
                                      /*root=*/false, {}, {}, {}, {}));
    return;
  }
  // A packed matmul is replaced by a packed generic, configured in turn.
  if (std::optional<int64_t> columns = packedColumns(op, tile)) {
    loom::setLoweringConfig(
        op, LoweringConfigAttr::get(&getContext(), {}, {},
                                    /*packTiles=*/{0, *columns, 0}, {}, {}, {},
                                    ConvAlgorithm::none, /*root=*/false, {}, {}, {}, {}));
    return;
  }
  std::optional<ConvAlgorithm> direct;
  if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op.getOperation())) {
    if (std::optional<ConvAlgorithm> algorithm =
            chooseConvAlgorithm(conv, tile)) {
      loom::setLoweringConfig(
          op, LoweringConfigAttr::get(&getContext(), {}, {}, {}, {}, {}, {},
                                      *algorithm, /*root=*/false, {}, {}, {}, {}));
      return;
    }
    direct = ConvAlgorithm::direct;
  }

  SmallVector<int64_t> fused = fillOperands(op);
  SmallVector<int64_t> sizes;
  linalg::LinalgOp contraction;
  if (OpOperand *operand = epilogueContractionOperand(op, tile)) {
    contraction = operand->get().getDefiningOp<linalg::LinalgOp>();
    SmallVector<int64_t> contractionSizes =
        registerTileSizes(contraction, tile);
    sizes = epilogueTileSizes(op, *operand, contractionSizes);
    fused.push_back(operand->getOperandNumber());
    llvm::sort(fused);
    // The contraction is computed in the epilogue's tiles, one register
    // tile each; its own tiles are its reductions'.
    loom::setLoweringConfig(
        contraction, tileConfig(contraction, contractionSizes, tile, /*root=*/false,
                                fillOperands(contraction), {}));
  } else {
    sizes = registerTileSizes(op, tile);
  }

  // Only the parallel output tiles are distributed, with unchanged sizes:
  // each output element sees the same instructions on any thread count.
  SmallVector<int64_t> parallelSizes =
      sizesForLoops(op, sizes, utils::IteratorType::parallel);
  SmallVector<int64_t> distribution;
  if (threads > 1 &&
      worthDistributing(op, contraction, parallelSizes, minParallelWork))
    distribution = parallelSizes;
  loom::setLoweringConfig(
      op, tileConfig(op, sizes, tile, /*root=*/true, fused, distribution,
                     direct.value_or(ConvAlgorithm::none)));
}

} // namespace
