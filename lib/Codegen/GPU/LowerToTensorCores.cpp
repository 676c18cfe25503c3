//===- LowerToTensorCores.cpp - Warp contractions to mma.sync -------------===//
//
// Mechanism only: which contractions a warp computes, and at what shape, was
// decided by the strategy (warp_tiles, vector_sizes); the precision is the
// user's (see Passes.td).
//
// A warp's tile is a grid of m16n8k8 TF32 instructions (16 rows by 8 columns
// each). Each lane holds its part of the operands of each instruction, as
// the PTX ISA lays them out ("Matrix fragments for mma.m16n8k8", .tf32),
// with group = lane / 4 and quad = lane % 4 (offsets within the
// instruction's tile):
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
/// output's rows, its columns and the reduction (the others have size 1),
/// and how many instructions its tile has along the rows and the columns.
struct WarpTile {
  unsigned rows, columns, reduction;
  int64_t rowInstructions, columnInstructions;
  int64_t instructions() const { return rowInstructions * columnInstructions; }
};

FailureOr<WarpTile> matchWarpTile(vector::ContractionOp contract) {
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
  SmallVector<int64_t> bounds;
  contract.getIterationBounds(bounds);
  WarpTile tile{output.getDimPosition(results - 2),
                output.getDimPosition(results - 1), *reduction,
                bounds[output.getDimPosition(results - 2)] / kRows,
                bounds[output.getDimPosition(results - 1)] / kColumns};
  for (auto [dim, bound] : llvm::enumerate(bounds)) {
    bool fits = dim == tile.rows        ? bound % kRows == 0
                : dim == tile.columns   ? bound % kColumns == 0
                : dim == tile.reduction ? bound == kReduction
                                        : bound == 1;
    if (!fits || bound == 0)
      return failure();
  }
  // A is indexed by the rows and the reduction, B by the reduction and the
  // columns, as the fragments are laid out.
  SmallVector<AffineMap> maps = contract.getIndexingMapsArray();
  auto indexes = [](AffineMap map, unsigned dim) {
    return map.isFunctionOfDim(dim);
  };
  if (!indexes(maps[0], tile.rows) || !indexes(maps[0], tile.reduction) ||
      indexes(maps[0], tile.columns) || !indexes(maps[1], tile.columns) ||
      !indexes(maps[1], tile.reduction) || indexes(maps[1], tile.rows))
    return failure();
  return tile;
}

/// Builds the per-lane code of one warp contraction. The lane's part of the
/// warp's accumulators is one vector<2x2xf32> per instruction (row-major
/// over the instructions' grid).
class FragmentBuilder {
public:
  FragmentBuilder(OpBuilder &builder, Location loc,
                  vector::ContractionOp contract, WarpTile tile, bool tf32)
      : builder(builder), loc(loc), tile(tile), tf32(tf32),
        maps(contract.getIndexingMapsArray()) {
    Value lane = gpu::LaneIdOp::create(builder, loc, /*upper_bound=*/IntegerAttr());
    AffineExpr d0 = builder.getAffineDimExpr(0);
    group = apply(d0.floorDiv(4), lane);
    quad = apply(d0 % 4, lane);
  }

  /// Lane's part of operand A (`read`, indexed by the contraction's map 0)
  /// for the instructions of row `rowInstruction`.
  FailureOr<Value> loadA(vector::TransferReadOp read, int64_t rowInstruction) {
    SmallVector<Value> elements;
    for (int64_t i = 0; i < 4; ++i) {
      FailureOr<Value> element = loadElement(
          read, maps[0], offset(group, kRows * rowInstruction + 8 * (i % 2)),
          /*column=*/Value(), offset(quad, 4 * (i / 2)));
      if (failed(element))
        return failure();
      elements.push_back(*element);
    }
    return fromElements({4, 1}, elements);
  }

  /// Lane's part of operand B (map 1) for the instructions of column
  /// `columnInstruction`.
  FailureOr<Value> loadB(vector::TransferReadOp read,
                         int64_t columnInstruction) {
    SmallVector<Value> elements;
    for (int64_t i = 0; i < 2; ++i) {
      FailureOr<Value> element = loadElement(
          read, maps[1], Value(),
          offset(group, kColumns * columnInstruction), offset(quad, 4 * i));
      if (failed(element))
        return failure();
      elements.push_back(*element);
    }
    return fromElements({2, 1}, elements);
  }

  /// Lane's part of the accumulators `value`, one vector<2x2xf32> per
  /// instruction: read from memory or a splat.
  FailureOr<SmallVector<Value>> loadC(Value value) {
    if (auto read = value.getDefiningOp<vector::TransferReadOp>()) {
      SmallVector<Value> elements, fragments;
      for (auto [row, column] : accumulatorElements()) {
        FailureOr<Value> element =
            loadElement(read, maps[2], row, column, Value());
        if (failed(element))
          return failure();
        elements.push_back(*element);
        if (elements.size() == 4) {
          fragments.push_back(fromElements({2, 2}, elements));
          elements.clear();
        }
      }
      return fragments;
    }
    DenseElementsAttr splat;
    if (!matchPattern(value, m_Constant(&splat)) || !splat.isSplat())
      return failure();
    Value fragment = arith::ConstantOp::create(
        builder, loc,
        DenseElementsAttr::get(
            VectorType::get({2, 2}, builder.getF32Type()),
            splat.getSplatValue<Attribute>()));
    return SmallVector<Value>(tile.instructions(), fragment);
  }

  /// Stores the lane's part `fragments` of the accumulators where `write`
  /// writes the warp's.
  LogicalResult storeC(ArrayRef<Value> fragments,
                       vector::TransferWriteOp write) {
    if (write.getMask() || write.hasOutOfBoundsDim() ||
        !write.getPermutationMap().isProjectedPermutation())
      return failure();
    for (auto [index, position] : llvm::enumerate(accumulatorElements())) {
      Value value = vector::ExtractOp::create(
          builder, loc, fragments[index / 4],
          ArrayRef<int64_t>{int64_t(index / 2) % 2, int64_t(index) % 2});
      SmallVector<Value> indices =
          memoryIndices(write.getPermutationMap(), write.getIndices(), maps[2],
                        position.first, position.second, Value());
      memref::StoreOp::create(builder, loc, value, write.getBase(), indices);
    }
    return success();
  }

  /// `c + a b` over the warp's tile: for each instruction, its row's A and
  /// column's B (loaded once each) and its accumulators.
  FailureOr<SmallVector<Value>>
  multiplyAccumulate(vector::TransferReadOp lhs, vector::TransferReadOp rhs,
                     ArrayRef<Value> accumulators) {
    SmallVector<Value> a, b;
    for (int64_t row = 0; row < tile.rowInstructions; ++row) {
      FailureOr<Value> fragment = loadA(lhs, row);
      if (failed(fragment))
        return failure();
      a.push_back(*fragment);
    }
    for (int64_t column = 0; column < tile.columnInstructions; ++column) {
      FailureOr<Value> fragment = loadB(rhs, column);
      if (failed(fragment))
        return failure();
      b.push_back(*fragment);
    }
    SmallVector<std::pair<Value, Value>> partsA = llvm::map_to_vector(
        a, [&](Value fragment) { return split(fragment); });
    SmallVector<std::pair<Value, Value>> partsB = llvm::map_to_vector(
        b, [&](Value fragment) { return split(fragment); });
    SmallVector<Value> sums;
    for (int64_t row = 0; row < tile.rowInstructions; ++row)
      for (int64_t column = 0; column < tile.columnInstructions; ++column)
        sums.push_back(multiplyAccumulate(
            partsA[row], partsB[column],
            accumulators[row * tile.columnInstructions + column]));
    return sums;
  }

private:
  /// The (row, column) in the warp's tile of each element of the lane's
  /// accumulators, in their order.
  SmallVector<std::pair<Value, Value>> accumulatorElements() {
    SmallVector<std::pair<Value, Value>> elements;
    for (int64_t row = 0; row < tile.rowInstructions; ++row)
      for (int64_t column = 0; column < tile.columnInstructions; ++column)
        for (int64_t i = 0; i < 2; ++i)
          for (int64_t j = 0; j < 2; ++j)
            elements.push_back(
                {offset(group, kRows * row + 8 * i),
                 offset(doubleQuad(), kColumns * column + j)});
    return elements;
  }

  /// An operand's high and low TF32 parts (3xTF32), or its TF32 value and
  /// none; each exact in TF32 (its dropped bits cleared), so nothing depends
  /// on how the hardware reads the bits TF32 has not.
  std::pair<Value, Value> split(Value operand) {
    Value high = highTF32Part(operand);
    if (tf32)
      return {high, Value()};
    return {high, highTF32Part(
                      arith::SubFOp::create(builder, loc, operand, high))};
  }

  /// `c + a b` on the tensor cores: one TF32 product, or three (3xTF32),
  /// the small ones first.
  Value multiplyAccumulate(std::pair<Value, Value> a, std::pair<Value, Value> b,
                           Value c) {
    SmallVector<int64_t> shape = {kRows, kColumns, kReduction};
    SmallVector<std::pair<Value, Value>> products = {{a.first, b.first}};
    if (!tf32)
      products = {{a.second, b.first}, {a.first, b.second}, {a.first, b.first}};
    for (auto [x, y] : products)
      c = nvgpu::MmaSyncOp::create(builder, loc, x, y, c, shape,
                                   /*tf32Enabled=*/true);
    return c;
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
      Value along = loop == tile.rows        ? row
                    : loop == tile.columns   ? column
                    : loop == tile.reduction ? reduction
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
  WarpTile tile;
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
  FailureOr<WarpTile> tile = matchWarpTile(contract);
  auto lhs = contract.getLhs().getDefiningOp<vector::TransferReadOp>();
  auto rhs = contract.getRhs().getDefiningOp<vector::TransferReadOp>();
  if (failed(tile) || !lhs || !rhs)
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
  FragmentBuilder lanes(builder, loc, contract, *tile, tf32);
  FailureOr<SmallVector<Value>> accumulators = lanes.loadC(initial);
  if (failed(accumulators))
    return failure();
  SmallVector<Value> results;
  if (loop) {
    // The loop carries the lane's parts of the accumulators instead: the
    // carried value becomes the first, the others follow it.
    unsigned position = carried.getArgNumber() - loop.getNumInductionVars();
    size_t count = accumulators->size();
    SmallVector<Value> inits(loop.getInitArgs());
    inits.erase(inits.begin() + position);
    inits.insert(inits.begin() + position, accumulators->begin(),
                 accumulators->end());
    auto fragmentLoop = scf::ForOp::create(
        builder, loop.getLoc(), loop.getLowerBound(), loop.getUpperBound(),
        loop.getStep(), inits);
    fragmentLoop.getRegion().front().erase();
    fragmentLoop.getRegion().takeBody(loop.getRegion());
    Block *body = fragmentLoop.getBody();
    Type fragmentType = accumulators->front().getType();
    carried.setType(fragmentType);
    SmallVector<Value> carriedParts = {carried};
    for (size_t part = 1; part < count; ++part)
      carriedParts.push_back(body->insertArgument(
          carried.getArgNumber() + part, fragmentType, loc));
    for (auto [index, old] : llvm::enumerate(loop.getResults()))
      if (index != position)
        old.replaceAllUsesWith(
            fragmentLoop.getResult(index < position ? index : index + count - 1));
    for (size_t part = 0; part < count; ++part)
      results.push_back(fragmentLoop.getResult(position + part));
    builder.setInsertionPoint(contract);
    FailureOr<SmallVector<Value>> next =
        lanes.multiplyAccumulate(lhs, rhs, carriedParts);
    if (failed(next))
      return failure();
    auto yield = cast<scf::YieldOp>(body->getTerminator());
    SmallVector<Value> yielded(yield.getOperands());
    yielded.erase(yielded.begin() + position);
    yielded.insert(yielded.begin() + position, next->begin(), next->end());
    yield->setOperands(yielded);
  } else {
    FailureOr<SmallVector<Value>> next =
        lanes.multiplyAccumulate(lhs, rhs, *accumulators);
    if (failed(next))
      return failure();
    results = std::move(*next);
  }
  for (vector::TransferWriteOp write : *writes) {
    builder.setInsertionPoint(write);
    if (failed(lanes.storeC(results, write)))
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
             "contraction must be f32, of whole 16x8x8 instructions with a "
             "reduction of 8, its operands read from memory, "
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
