//===- LowerToTensorCores.cpp - Warp contractions to mma.sync -------------===//
//
// Mechanism only: which contractions a warp computes, and at what shape, was
// decided by the strategy (warp_tiles, vector_sizes); the precision is the
// user's (see Passes.td).
//
// Each lane holds its part of the operands of one m16n8k8 TF32 instruction,
// as the PTX ISA lays them out ("Matrix fragments for mma.m16n8k8", .tf32):
// with group = lane / 4 and quad = lane % 4,
//   A (16x8, vector<4x1xf32>): element i at row group + 8 (i % 2),
//                              column quad + 4 (i / 2);
//   B (8x8, vector<2x1xf32>):  element i at row quad + 4 i, column group;
//   C (16x8, vector<2x2xf32>): element (i, j) at row group + 8 i,
//                              column 2 quad + j.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"

namespace loom {
#define GEN_PASS_DEF_LOWERTOTENSORCORES
#include "loom/Codegen/GPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// The instruction's shape: rows, columns, reduction.
constexpr int64_t kRows = 16, kColumns = 8, kReduction = 8;

/// An f32's bits without the 13 low mantissa bits a TF32 operand drops.
constexpr int32_t kTF32Mask = ~int32_t(0x1fff);

/// The loops of a warp's contraction: which iteration dimension is the
/// output's rows, its columns and the reduction (the others have size 1).
struct ContractionLoops {
  unsigned rows, columns, reduction;
};

FailureOr<ContractionLoops> matchInstruction(vector::ContractionOp contract) {
  if (contract.getKind() != vector::CombiningKind::ADD ||
      isa<vector::MaskOp>(contract->getParentOp()) ||
      !cast<VectorType>(contract.getLhsType()).getElementType().isF32() ||
      !cast<VectorType>(contract.getRhsType()).getElementType().isF32() ||
      !getElementTypeOrSelf(contract.getAccType()).isF32())
    return failure();
  AffineMap output = contract.getIndexingMapsArray()[2];
  unsigned results = output.getNumResults();
  if (results < 2)
    return failure();
  std::optional<unsigned> reduction;
  for (auto [dim, iterator] : llvm::enumerate(contract.getIteratorTypes()))
    if (vector::isReductionIterator(iterator)) {
      if (reduction)
        return failure();
      reduction = dim;
    }
  if (!reduction)
    return failure();
  ContractionLoops loops{output.getDimPosition(results - 2),
                         output.getDimPosition(results - 1), *reduction};
  SmallVector<int64_t> bounds;
  contract.getIterationBounds(bounds);
  for (auto [dim, bound] : llvm::enumerate(bounds)) {
    int64_t wanted = dim == loops.rows        ? kRows
                     : dim == loops.columns   ? kColumns
                     : dim == loops.reduction ? kReduction
                                              : 1;
    if (bound != wanted)
      return failure();
  }
  return loops;
}

/// Builds the per-lane code of one warp contraction.
class FragmentBuilder {
public:
  FragmentBuilder(OpBuilder &builder, Location loc, vector::ContractionOp contract,
                  ContractionLoops loops, bool tf32)
      : builder(builder), loc(loc), loops(loops), tf32(tf32),
        maps(contract.getIndexingMapsArray()) {
    Value lane = gpu::LaneIdOp::create(builder, loc, /*upper_bound=*/IntegerAttr());
    AffineExpr d0 = builder.getAffineDimExpr(0);
    group = apply(d0.floorDiv(4), lane);
    quad = apply(d0 % 4, lane);
  }

  /// Lane's part of operand A (`read`, indexed by the contraction's map 0).
  FailureOr<Value> loadA(vector::TransferReadOp read) {
    SmallVector<Value> elements;
    for (int64_t i = 0; i < 4; ++i) {
      FailureOr<Value> element =
          loadElement(read, maps[0], offset(group, 8 * (i % 2)),
                      /*column=*/Value(), offset(quad, 4 * (i / 2)));
      if (failed(element))
        return failure();
      elements.push_back(*element);
    }
    return fromElements({4, 1}, elements);
  }

  /// Lane's part of operand B (map 1).
  FailureOr<Value> loadB(vector::TransferReadOp read) {
    SmallVector<Value> elements;
    for (int64_t i = 0; i < 2; ++i) {
      FailureOr<Value> element = loadElement(read, maps[1], Value(), group,
                                             offset(quad, 4 * i));
      if (failed(element))
        return failure();
      elements.push_back(*element);
    }
    return fromElements({2, 1}, elements);
  }

  /// Lane's part of the accumulator `value`: read from memory or a splat.
  FailureOr<Value> loadC(Value value) {
    if (auto read = value.getDefiningOp<vector::TransferReadOp>()) {
      SmallVector<Value> elements;
      for (auto [i, j] : accumulatorElements()) {
        FailureOr<Value> element =
            loadElement(read, maps[2], offset(group, 8 * i),
                        offset(doubleQuad(), j), Value());
        if (failed(element))
          return failure();
        elements.push_back(*element);
      }
      return fromElements({2, 2}, elements);
    }
    DenseElementsAttr splat;
    if (matchPattern(value, m_Constant(&splat)) && splat.isSplat()) {
      auto type = VectorType::get({2, 2}, builder.getF32Type());
      return Value(arith::ConstantOp::create(
          builder, loc, DenseElementsAttr::get(type,
                                               splat.getSplatValue<Attribute>())));
    }
    return failure();
  }

  /// Stores the lane's part `fragment` of the accumulator where `write`
  /// writes the warp's.
  LogicalResult storeC(Value fragment, vector::TransferWriteOp write) {
    if (write.getMask() || write.hasOutOfBoundsDim() ||
        !write.getPermutationMap().isProjectedPermutation())
      return failure();
    for (auto [i, j] : accumulatorElements()) {
      Value element = vector::ExtractOp::create(
          builder, loc, fragment, ArrayRef<int64_t>{i, j});
      SmallVector<Value> indices = memoryIndices(
          write.getPermutationMap(), write.getIndices(), maps[2],
          offset(group, 8 * i), offset(doubleQuad(), j), Value());
      memref::StoreOp::create(builder, loc, element, write.getBase(), indices);
    }
    return success();
  }

  /// `c + a b` on the tensor cores: one TF32 product, or three (3xTF32).
  /// Every operand is exact in TF32 (its dropped bits cleared), so nothing
  /// depends on how the hardware reads the bits TF32 has not.
  Value multiplyAccumulate(Value a, Value b, Value c) {
    SmallVector<int64_t> shape = {kRows, kColumns, kReduction};
    Value highA = highTF32Part(a), highB = highTF32Part(b);
    if (tf32)
      return nvgpu::MmaSyncOp::create(builder, loc, highA, highB, c, shape,
                                      /*tf32Enabled=*/true);
    Value lowA =
        highTF32Part(arith::SubFOp::create(builder, loc, a, highA).getResult());
    Value lowB =
        highTF32Part(arith::SubFOp::create(builder, loc, b, highB).getResult());
    // The small products first, so the large one adds to their sum.
    for (auto [x, y] : {std::pair(lowA, highB), std::pair(highA, lowB),
                        std::pair(highA, highB)})
      c = nvgpu::MmaSyncOp::create(builder, loc, x, y, c, shape,
                                   /*tf32Enabled=*/true);
    return c;
  }

private:
  static SmallVector<std::pair<int64_t, int64_t>> accumulatorElements() {
    return {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  }

  Value apply(AffineExpr expr, Value operand) {
    return affine::makeComposedAffineApply(
        builder, loc, AffineMap::get(1, 0, expr), {operand});
  }
  Value offset(Value value, int64_t constant) {
    return constant == 0 ? value
                         : apply(builder.getAffineDimExpr(0) + constant, value);
  }
  Value doubleQuad() { return apply(builder.getAffineDimExpr(0) * 2, quad); }

  /// The memory indices of the element at (`row`, `column`, `reduction`) of
  /// the contraction's iteration space (null: that loop does not index this
  /// operand) in an operand indexed by `contractionMap` and transferred at
  /// `indices` with `permutation`.
  SmallVector<Value> memoryIndices(AffineMap permutation, ValueRange indices,
                                   AffineMap contractionMap, Value row,
                                   Value column, Value reduction) {
    SmallVector<Value> result(indices);
    for (unsigned position = 0; position < contractionMap.getNumResults();
         ++position) {
      unsigned loop = contractionMap.getDimPosition(position);
      Value along = loop == loops.rows        ? row
                    : loop == loops.columns   ? column
                    : loop == loops.reduction ? reduction
                                              : Value();
      if (!along)
        continue;
      unsigned memoryDim = permutation.getDimPosition(position);
      AffineExpr d0 = builder.getAffineDimExpr(0),
                 d1 = builder.getAffineDimExpr(1);
      result[memoryDim] = affine::makeComposedAffineApply(
          builder, loc, AffineMap::get(2, 0, d0 + d1),
          {result[memoryDim], along});
    }
    return result;
  }

  FailureOr<Value> loadElement(vector::TransferReadOp read,
                               AffineMap contractionMap, Value row,
                               Value column, Value reduction) {
    if (read.getMask() || read.hasOutOfBoundsDim() ||
        !read.getPermutationMap().isProjectedPermutation() ||
        !isa<MemRefType>(read.getBase().getType()))
      return failure();
    SmallVector<Value> indices =
        memoryIndices(read.getPermutationMap(), read.getIndices(),
                      contractionMap, row, column, reduction);
    return Value(memref::LoadOp::create(builder, loc, read.getBase(), indices));
  }

  Value fromElements(ArrayRef<int64_t> shape, ValueRange elements) {
    return vector::FromElementsOp::create(
        builder, loc, VectorType::get(shape, builder.getF32Type()), elements);
  }

  /// `value` with the mantissa bits TF32 drops cleared: exact in TF32.
  Value highTF32Part(Value value) {
    auto type = cast<VectorType>(value.getType());
    VectorType bits = type.clone(builder.getI32Type());
    Value mask = arith::ConstantOp::create(
        builder, loc, DenseElementsAttr::get(bits, kTF32Mask));
    Value cast = arith::BitcastOp::create(builder, loc, bits, value);
    Value high = arith::AndIOp::create(builder, loc, cast, mask);
    return arith::BitcastOp::create(builder, loc, type, high);
  }

  OpBuilder &builder;
  Location loc;
  ContractionLoops loops;
  bool tf32;
  SmallVector<AffineMap> maps;
  Value group, quad;
};

/// The transfer_writes that are the only users of `value`; failure if it
/// has another.
FailureOr<SmallVector<vector::TransferWriteOp>> writesOf(Value value) {
  SmallVector<vector::TransferWriteOp> writes;
  for (Operation *user : value.getUsers()) {
    auto write = dyn_cast<vector::TransferWriteOp>(user);
    if (!write || write.getVector() != value)
      return failure();
    writes.push_back(write);
  }
  return writes;
}

class LowerToTensorCoresPass
    : public loom::impl::LowerToTensorCoresBase<LowerToTensorCoresPass> {
public:
  using LowerToTensorCoresBase::LowerToTensorCoresBase;
  void runOnOperation() override;

private:
  LogicalResult lower(vector::ContractionOp contract);
};

LogicalResult LowerToTensorCoresPass::lower(vector::ContractionOp contract) {
  FailureOr<ContractionLoops> loops = matchInstruction(contract);
  auto lhs = contract.getLhs().getDefiningOp<vector::TransferReadOp>();
  auto rhs = contract.getRhs().getDefiningOp<vector::TransferReadOp>();
  if (failed(loops) || !lhs || !rhs)
    return failure();
  Location loc = contract.getLoc();
  // The accumulator is either carried by the reduction loop around the
  // contraction, or read (or a splat) just before it.
  auto carried = dyn_cast<BlockArgument>(contract.getAcc());
  scf::ForOp loop =
      carried ? dyn_cast<scf::ForOp>(carried.getOwner()->getParentOp())
              : scf::ForOp();
  if (carried && !loop)
    return failure();
  Value initial = contract.getAcc();
  OpResult loopResult;
  if (loop) {
    unsigned position = carried.getArgNumber() - loop.getNumInductionVars();
    auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
    if (!carried.hasOneUse() || !contract->hasOneUse() ||
        yield.getOperand(position) != contract.getResult())
      return failure();
    initial = loop.getInitArgs()[position];
    loopResult = loop->getResult(position);
  }
  FailureOr<SmallVector<vector::TransferWriteOp>> writes =
      writesOf(loop ? Value(loopResult) : contract.getResult());
  if (failed(writes))
    return failure();

  // The lane's coordinates are computed once, before the loop.
  OpBuilder builder(loop ? loop.getOperation() : contract.getOperation());
  FragmentBuilder lanes(builder, loc, contract, *loops, tf32);
  FailureOr<Value> accumulator = lanes.loadC(initial);
  if (failed(accumulator))
    return failure();
  Value result;
  if (loop) {
    // The loop carries the lane's part of the accumulator instead.
    unsigned position = carried.getArgNumber() - loop.getNumInductionVars();
    SmallVector<Value> inits(loop.getInitArgs());
    inits[position] = *accumulator;
    auto fragmentLoop = scf::ForOp::create(
        builder, loop.getLoc(), loop.getLowerBound(), loop.getUpperBound(),
        loop.getStep(), inits);
    fragmentLoop.getRegion().front().erase();
    fragmentLoop.getRegion().takeBody(loop.getRegion());
    carried.setType(accumulator->getType());
    for (auto [old, replacement] :
         llvm::zip_equal(loop.getResults(), fragmentLoop.getResults()))
      if (old != loopResult)
        old.replaceAllUsesWith(replacement);
    result = fragmentLoop.getResult(position);
    builder.setInsertionPoint(contract);
    FailureOr<Value> a = lanes.loadA(lhs), b = lanes.loadB(rhs);
    if (failed(a) || failed(b))
      return failure();
    contract.getResult().replaceAllUsesWith(
        lanes.multiplyAccumulate(*a, *b, carried));
  } else {
    FailureOr<Value> a = lanes.loadA(lhs), b = lanes.loadB(rhs);
    if (failed(a) || failed(b))
      return failure();
    result = lanes.multiplyAccumulate(*a, *b, *accumulator);
  }
  for (vector::TransferWriteOp write : *writes) {
    builder.setInsertionPoint(write);
    if (failed(lanes.storeC(result, write)))
      return failure();
    write.erase();
  }
  contract.erase();
  if (loop)
    loop.erase();
  return success();
}

void LowerToTensorCoresPass::runOnOperation() {
  SmallVector<vector::ContractionOp> contracts;
  getOperation().walk(
      [&](vector::ContractionOp contract) { contracts.push_back(contract); });
  for (vector::ContractionOp contract : contracts)
    if (failed(lower(contract))) {
      contract.emitOpError()
          << "could not become tensor-core instructions (mma.sync): a warp's "
             "contraction must be 16x8x8 f32, its operands read from memory, "
             "its accumulator read or a splat, carried by its reduction loop "
             "and written to memory";
      return signalPassFailure();
    }
  // The warp-wide transfers the lanes' loads replaced.
  getOperation().walk([](vector::TransferReadOp read) {
    if (read->use_empty())
      read.erase();
  });
}

} // namespace
