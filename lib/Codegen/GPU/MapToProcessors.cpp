//===- MapToProcessors.cpp - Block and thread foralls onto the GPU --------===//
//
// Mechanism only: which loops are blocks and which are threads was decided
// by the strategy's tiles (see Passes.td).
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

namespace loom {
#define GEN_PASS_DEF_MAPTOPROCESSORS
#include "loom/Codegen/GPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// Whether `op` has one of the memory effects `Effects` (allocating,
/// freeing and taking views count as none); an op that does not say is
/// assumed to.
template <typename... Effects> bool hasMemoryEffect(Operation *op) {
  if (isa<memref::AllocOp, memref::AllocaOp, memref::DeallocOp>(op))
    return false;
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects)
    return !op->hasTrait<OpTrait::HasRecursiveMemoryEffects>() ||
           op->getNumRegions() > 0;
  return (effects.hasEffect<Effects>() || ...);
}

/// Whether `op` reads or writes memory: on the GPU only kernels may.
bool accessesMemory(Operation *op) {
  return hasMemoryEffect<MemoryEffects::Read, MemoryEffects::Write>(op);
}

/// Whether `op` writes memory: in a block's body outside its threads' loop
/// every thread would run it.
bool writesMemory(Operation *op) {
  return hasMemoryEffect<MemoryEffects::Write>(op);
}

/// A one-dimensional scf.parallel over [0, count) mapped to `processor`,
/// whose body `buildBody` fills given the induction variable.
scf::ParallelOp createMappedLoop(
    OpBuilder &builder, Location loc, Value count, gpu::Processor processor,
    function_ref<void(OpBuilder &, Location, Value)> buildBody) {
  Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
  Value one = arith::ConstantIndexOp::create(builder, loc, 1);
  auto loop = scf::ParallelOp::create(builder, loc, ValueRange{zero},
                                      ValueRange{count}, ValueRange{one});
  // The body is built once the loop is in its block, so that folding the
  // index arithmetic can see the enclosing ops.
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(loop.getBody()->getTerminator());
    buildBody(builder, loc, loop.getInductionVars().front());
  }
  MLIRContext *context = builder.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(1, context);
  (void)gpu::setMappingAttr(
      loop, {gpu::ParallelLoopDimMappingAttr::get(context, processor, identity,
                                                  identity)});
  return loop;
}

/// Whether some op writes `value` or a view of it.
bool isWritten(Value value) {
  for (Operation *user : value.getUsers()) {
    if (auto view = dyn_cast<ViewLikeOpInterface>(user);
        view && view.getViewSource() == value) {
      if (llvm::any_of(user->getResults(), isWritten))
        return true;
      continue;
    }
    auto effects = dyn_cast<MemoryEffectOpInterface>(user);
    if (!effects)
      return true;
    SmallVector<MemoryEffects::EffectInstance> instances;
    effects.getEffectsOnValue(value, instances);
    if (llvm::any_of(instances, [](const MemoryEffects::EffectInstance &e) {
          return isa<MemoryEffects::Write>(e.getEffect());
        }))
      return true;
  }
  return false;
}

/// Whether `load` reads a function argument that nothing writes (a random
/// seed): any kernel can load the same value.
bool readsConstantArgument(memref::LoadOp load) {
  auto argument = dyn_cast<BlockArgument>(load.getMemRef());
  return argument &&
         isa<FunctionOpInterface>(argument.getOwner()->getParentOp()) &&
         !isWritten(argument);
}

/// The scalar code the host would compute from `load`: the load and the
/// top-level pure ops that use it, transitively, in program order.
SetVector<Operation *> scalarSlice(memref::LoadOp load) {
  SetVector<Operation *> slice;
  slice.insert(load);
  Block *body = load->getBlock();
  for (Operation &op : llvm::make_range(std::next(load->getIterator()), body->end())) {
    if (op.getNumRegions() != 0 || op.hasTrait<OpTrait::IsTerminator>() ||
        !isMemoryEffectFree(&op))
      continue;
    if (llvm::any_of(op.getOperands(), [&](Value operand) {
          Operation *definer = operand.getDefiningOp();
          return definer && slice.contains(definer);
        }))
      slice.insert(&op);
  }
  return slice;
}

/// Computes `slice` in every kernel (top-level op with regions) that uses
/// its values instead of on the host, and erases it; fails when a value is
/// used outside a kernel.
LogicalResult computeInKernels(const SetVector<Operation *> &slice) {
  SetVector<Operation *> kernels;
  for (Operation *op : slice)
    for (Operation *user : op->getUsers()) {
      if (slice.contains(user))
        continue;
      Operation *kernel = user;
      while (kernel->getParentOp() &&
             !isa<FunctionOpInterface>(kernel->getParentOp()))
        kernel = kernel->getParentOp();
      if (kernel == user || kernel->getNumRegions() == 0)
        return user->emitOpError()
               << "uses on the host a value read from device memory";
      kernels.insert(kernel);
    }
  for (Operation *kernel : kernels) {
    OpBuilder builder(kernel->getContext());
    builder.setInsertionPointToStart(&kernel->getRegion(0).front());
    IRMapping mapping;
    for (Operation *op : slice)
      builder.clone(*op, mapping);
    for (Operation *op : slice)
      for (OpResult result : op->getResults())
        result.replaceUsesWithIf(mapping.lookup(result), [&](OpOperand &use) {
          return kernel->isProperAncestor(use.getOwner());
        });
  }
  for (Operation *op : llvm::reverse(slice))
    op->erase();
  return success();
}

/// Wraps `op` in a kernel of one block of one thread.
LogicalResult runOnOneThread(Operation *op, bool hostCalls) {
  if (auto call = dyn_cast<func::CallOp>(op); call && !hostCalls)
    return call.emitOpError()
           << "calls @" << call.getCallee()
           << " on the host, which GPU code cannot (the data-parallel "
              "exchange and NaN checks are host calls; docs/gpu.md)";
  if (op->getNumResults() != 0)
    return op->emitOpError()
           << "computes a value on the host from device memory; the GPU "
              "strategy must leave no such op";
  OpBuilder builder(op);
  Location loc = op->getLoc();
  Value one = arith::ConstantIndexOp::create(builder, loc, 1);
  createMappedLoop(builder, loc, one, gpu::Processor::BlockX,
                   [&](OpBuilder &b, Location l, Value) {
                     createMappedLoop(b, l, one, gpu::Processor::ThreadX,
                                      [&](OpBuilder &inner, Location, Value) {
                                        op->moveBefore(inner.getInsertionBlock(),
                                                       inner.getInsertionPoint());
                                      });
                   });
  return success();
}

/// The position of iteration `linear` along each loop of a nest of `basis`
/// trip counts, the innermost loop fastest.
SmallVector<Value> delinearize(OpBuilder &builder, Location loc, Value linear,
                               ArrayRef<int64_t> basis) {
  if (basis.size() == 1)
    return {linear};
  SmallVector<OpFoldResult> sizes =
      llvm::map_to_vector(basis, [&](int64_t size) -> OpFoldResult {
        return builder.getIndexAttr(size);
      });
  return llvm::to_vector_of<Value>(
      affine::AffineDelinearizeIndexOp::create(builder, loc, linear, sizes)
          .getResults());
}

/// Threads of a block of a distributed copy.
constexpr int64_t kCopyThreads = 256;

/// The source and target of `op` if it copies one memref into another
/// (memref.copy, or linalg.copy, which bufferization creates).
std::optional<std::pair<Value, Value>> copiedMemRefs(Operation *op) {
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return std::pair(copy.getSource(), copy.getTarget());
  if (auto copy = dyn_cast<linalg::CopyOp>(op);
      copy && copy.hasPureBufferSemantics())
    return std::pair(copy.getInputs()[0], copy.getOutputs()[0]);
  return std::nullopt;
}

/// Replaces `copy` of a static shape by a kernel of one element per thread
/// (blocks of kCopyThreads): bufferization's copies (a tied parameter into
/// its result, a slice into place, a pad's source into it) would otherwise
/// run on one thread. Returns false, leaving it, for a dynamic shape.
bool distributeCopy(Operation *copy, Value source, Value target,
                    int64_t maxThreads) {
  auto type = cast<MemRefType>(source.getType());
  if (!type.hasStaticShape())
    return false;
  int64_t elements = type.getNumElements();
  int64_t threads = std::min<int64_t>({kCopyThreads, maxThreads,
                                       std::max<int64_t>(elements, 1)});
  int64_t blocks = llvm::divideCeil(elements, threads);
  OpBuilder builder(copy);
  Location loc = copy->getLoc();
  Value blockCount = arith::ConstantIndexOp::create(builder, loc, blocks);
  Value threadCount = arith::ConstantIndexOp::create(builder, loc, threads);
  Value total = arith::ConstantIndexOp::create(builder, loc, elements);
  ArrayRef<int64_t> shape = type.getShape();
  createMappedLoop(
      builder, loc, blockCount, gpu::Processor::BlockX,
      [&](OpBuilder &b, Location l, Value block) {
        createMappedLoop(
            b, l, threadCount, gpu::Processor::ThreadX,
            [&](OpBuilder &t, Location tl, Value thread) {
              Value linear = arith::AddIOp::create(
                  t, tl, arith::MulIOp::create(t, tl, block, threadCount),
                  thread);
              Value inside = arith::CmpIOp::create(
                  t, tl, arith::CmpIPredicate::ult, linear, total);
              auto branch = scf::IfOp::create(t, tl, inside, false);
              OpBuilder then = branch.getThenBodyBuilder();
              SmallVector<Value> indices =
                  shape.empty() ? SmallVector<Value>()
                                : delinearize(then, tl, linear, shape);
              Value element =
                  memref::LoadOp::create(then, tl, source, indices);
              memref::StoreOp::create(then, tl, element, target, indices);
            });
      });
  copy->erase();
  return true;
}

/// The trip counts of `forall`'s loops, and for each the largest it can
/// take (the same, when static); failure if one has no constant bound.
struct TripCounts {
  SmallVector<Value> counts;
  SmallVector<int64_t> largest;
};

FailureOr<TripCounts> tripCounts(OpBuilder &builder, scf::ForallOp forall) {
  TripCounts result;
  Location loc = forall.getLoc();
  for (auto [lower, upper, step] :
       llvm::zip_equal(forall.getMixedLowerBound(), forall.getMixedUpperBound(),
                       forall.getMixedStep())) {
    AffineExpr l, u, s;
    bindSymbols(builder.getContext(), l, u, s);
    OpFoldResult count = affine::makeComposedFoldedAffineApply(
        builder, loc, (u - l).ceilDiv(s), {lower, upper, step});
    Value countValue = getValueOrCreateConstantIndexOp(builder, loc, count);
    FailureOr<int64_t> bound = ValueBoundsConstraintSet::computeConstantBound(
        presburger::BoundType::UB, ValueBoundsConstraintSet::Variable(count),
        /*stopCondition=*/nullptr, /*closedUB=*/true);
    if (failed(bound))
      return failure();
    result.counts.push_back(countValue);
    result.largest.push_back(*bound);
  }
  return result;
}

/// The induction variables of `forall` at `positions` along its loops.
SmallVector<Value> inductionVars(OpBuilder &builder, Location loc,
                                 scf::ForallOp forall,
                                 ArrayRef<Value> positions) {
  SmallVector<Value> ivs;
  for (auto [position, lower, step] : llvm::zip_equal(
           positions, forall.getMixedLowerBound(), forall.getMixedStep())) {
    AffineExpr i, l, s;
    bindSymbols(builder.getContext(), i, l, s);
    ivs.push_back(getValueOrCreateConstantIndexOp(
        builder, loc,
        affine::makeComposedFoldedAffineApply(builder, loc, l + i * s,
                                              {position, lower, step})));
  }
  return ivs;
}

/// Moves the body of `forall` (without its terminator) to `builder`'s
/// insertion point, with `ivs` for its induction variables, and erases it.
void inlineBody(OpBuilder &builder, scf::ForallOp forall,
                ArrayRef<Value> ivs) {
  Block &body = *forall.getBody();
  for (auto [iv, replacement] : llvm::zip_equal(forall.getInductionVars(), ivs))
    iv.replaceAllUsesWith(replacement);
  Block *destination = builder.getInsertionBlock();
  destination->getOperations().splice(builder.getInsertionPoint(),
                                      body.getOperations(), body.begin(),
                                      std::prev(body.end()));
  forall.erase();
}

class MapToProcessorsPass
    : public loom::impl::MapToProcessorsBase<MapToProcessorsPass> {
public:
  using MapToProcessorsBase::MapToProcessorsBase;
  void runOnOperation() override;

private:
  LogicalResult mapBlocks(scf::ForallOp forall);
  LogicalResult mapThreads(scf::ForallOp forall);
};

LogicalResult MapToProcessorsPass::mapThreads(scf::ForallOp forall) {
  OpBuilder builder(forall);
  Location loc = forall.getLoc();
  FailureOr<TripCounts> trips = tripCounts(builder, forall);
  if (failed(trips))
    return forall.emitOpError() << "has a thread count without a constant "
                                   "bound";
  // A warp's iteration runs on all its lanes, which compute it together.
  std::optional<ArrayAttr> mapping = forall.getMapping();
  bool perWarp = mapping && llvm::any_of(*mapping,
                                         llvm::IsaPred<gpu::GPUWarpMappingAttr>);
  int64_t lanes = perWarp ? int64_t(warpLanes) : 1;
  int64_t threads = lanes;
  for (int64_t largest : trips->largest)
    threads *= largest;
  if (threads > int64_t(maxThreads))
    return forall.emitOpError() << "needs " << threads
                                << " threads in one block; at most "
                                << unsigned(maxThreads);
  Value count = arith::ConstantIndexOp::create(builder, loc, threads);
  createMappedLoop(
      builder, loc, count, gpu::Processor::ThreadX,
      [&](OpBuilder &b, Location l, Value thread) {
        // An affine map, not arith: the tensor-core conversion takes
        // scalar arith ops for vector ones it cannot convert.
        Value linear = thread;
        if (lanes > 1)
          linear = affine::makeComposedAffineApply(
              b, l, b.getAffineDimExpr(0).floorDiv(lanes), {thread});
        SmallVector<Value> positions =
            delinearize(b, l, linear, trips->largest);
        // A partial tile's extra threads do nothing.
        Value guard;
        for (auto [position, trip, largest] :
             llvm::zip_equal(positions, trips->counts, trips->largest)) {
          if (getConstantIntValue(trip) == largest)
            continue;
          Value below = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult,
                                              position, trip);
          guard = guard ? arith::AndIOp::create(b, l, guard, below) : below;
        }
        if (!guard) {
          inlineBody(b, forall, inductionVars(b, l, forall, positions));
          return;
        }
        auto branch = scf::IfOp::create(b, l, guard, /*withElse=*/false);
        OpBuilder inner = branch.getThenBodyBuilder();
        inlineBody(inner, forall, inductionVars(inner, l, forall, positions));
      });
  return success();
}

LogicalResult MapToProcessorsPass::mapBlocks(scf::ForallOp forall) {
  if (forall.getNumResults() != 0)
    return forall.emitOpError() << "still has results after bufferization";
  OpBuilder builder(forall);
  Location loc = forall.getLoc();
  FailureOr<TripCounts> trips = tripCounts(builder, forall);
  if (failed(trips))
    return forall.emitOpError() << "has a block count without a constant "
                                   "bound";
  int64_t blocks = 1;
  for (auto [trip, largest] : llvm::zip_equal(trips->counts, trips->largest)) {
    if (getConstantIntValue(trip) != largest)
      return forall.emitOpError() << "has a dynamic block count";
    blocks *= largest;
  }
  Value count = arith::ConstantIndexOp::create(builder, loc, blocks);
  createMappedLoop(builder, loc, count, gpu::Processor::BlockX,
                   [&](OpBuilder &b, Location l, Value linear) {
                     SmallVector<Value> positions =
                         delinearize(b, l, linear, trips->largest);
                     inlineBody(b, forall,
                                inductionVars(b, l, forall, positions));
                   });
  return success();
}

void MapToProcessorsPass::runOnOperation() {
  func::FuncOp function = getOperation();
  if (function.isExternal())
    return;
  if (warpLanes == 0) {
    function.emitError() << "warp-lanes must be positive";
    return signalPassFailure();
  }
  // Scalars the host would read from device memory are computed where they
  // are used, once every op that touches memory is in a kernel.
  SmallVector<SetVector<Operation *>> scalarSlices;
  SetVector<Operation *> deferred;
  for (auto load : function.getBody().getOps<memref::LoadOp>())
    if (!deferred.contains(load) && readsConstantArgument(load)) {
      scalarSlices.push_back(scalarSlice(load));
      deferred.insert(scalarSlices.back().begin(), scalarSlices.back().end());
    }
  SmallVector<Operation *> topLevel;
  for (Operation &op : function.getBody().getOps())
    topLevel.push_back(&op);
  for (Operation *op : topLevel) {
    if (deferred.contains(op) || isa<scf::ForallOp>(op) ||
        op->hasTrait<OpTrait::IsTerminator>() || !accessesMemory(op))
      continue;
    if (std::optional<std::pair<Value, Value>> copied = copiedMemRefs(op);
        copied && distributeCopy(op, copied->first, copied->second, maxThreads))
      continue;
    if (failed(runOnOneThread(op, hostCalls)))
      return signalPassFailure();
  }
  for (const SetVector<Operation *> &slice : scalarSlices)
    if (failed(computeInKernels(slice)))
      return signalPassFailure();
  topLevel.clear();
  for (Operation &op : function.getBody().getOps())
    topLevel.push_back(&op);
  for (Operation *op : topLevel) {
    if (op->hasTrait<OpTrait::IsTerminator>())
      continue;
    auto forall = dyn_cast<scf::ForallOp>(op);
    if (!forall)
      continue;
    // The block's body: one thread forall, or ops all threads would run
    // (which may read, not write).
    SmallVector<scf::ForallOp> threadLoops(
        forall.getBody()->getOps<scf::ForallOp>());
    bool othersWrite = llvm::any_of(
        forall.getBody()->without_terminator(), [](Operation &inner) {
          return !isa<scf::ForallOp>(inner) && writesMemory(&inner);
        });
    if (threadLoops.size() > 1 || (threadLoops.size() == 1 && othersWrite)) {
      forall.emitOpError() << "has work outside its one thread forall";
      return signalPassFailure();
    }
    if (threadLoops.empty()) {
      // No thread tiles (a one-iteration thread forall folds away): one
      // thread does the block's work, all of it in one loop.
      Block *body = forall.getBody();
      SmallVector<Operation *> work = llvm::map_to_vector(
          body->without_terminator(), [](Operation &op) { return &op; });
      if (!work.empty()) {
        OpBuilder builder(work.front());
        Location loc = forall.getLoc();
        Value one = arith::ConstantIndexOp::create(builder, loc, 1);
        createMappedLoop(builder, loc, one, gpu::Processor::ThreadX,
                         [&](OpBuilder &b, Location, Value) {
                           for (Operation *op : work)
                             op->moveBefore(b.getInsertionBlock(),
                                            b.getInsertionPoint());
                         });
      }
    } else if (failed(mapThreads(threadLoops.front()))) {
      return signalPassFailure();
    }
    if (failed(mapBlocks(forall)))
      return signalPassFailure();
  }
  // Deeper foralls were not tiled for a GPU.
  WalkResult deeper = function.walk([](scf::ForallOp forall) {
    forall.emitOpError() << "is nested deeper than a block's threads";
    return WalkResult::interrupt();
  });
  if (deeper.wasInterrupted())
    signalPassFailure();
}

} // namespace
