//===- PlanWorkspace.cpp - Temporaries in one caller-provided buffer ------===//
//
// Static buffer assignment: every shape is static, so the temporaries of an
// entry function can be laid out at compile time in one workspace the
// runtime provides and reuses across calls, instead of being malloc'ed and
// freed (and page-faulted in) on every call.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Common/Passes.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <algorithm>

namespace loom {
#define GEN_PASS_DEF_PLANWORKSPACE
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// The workspace's base is this aligned (the runtime allocates it so), and
/// so is every offset in it: a cache line, the widest vector.
constexpr uint64_t kWorkspaceAlignment = 64;

uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// A temporary to place: its allocation, deallocations, size and the
/// positions (in the body's op order) of its first and last use.
struct Temporary {
  memref::AllocOp alloc;
  SmallVector<memref::DeallocOp> deallocs;
  uint64_t bytes = 0;
  unsigned first = 0, last = 0;
  uint64_t offset = 0;
};

/// Whether `alloc` can live in the workspace; fills `temporary`'s live range
/// and deallocations. Its uses must be known: views of it are followed, a
/// terminator or an op returning a memref that is not a view (the buffer
/// may escape) disqualifies it.
bool analyze(memref::AllocOp alloc, Block &body,
             const DenseMap<Operation *, unsigned> &position,
             Temporary &temporary) {
  MemRefType type = alloc.getType();
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      type.getMemorySpace() || !alloc.getSymbolOperands().empty() ||
      alloc.getAlignment().value_or(0) > kWorkspaceAlignment)
    return false;
  temporary.alloc = alloc;
  temporary.first = temporary.last = position.lookup(alloc);
  SmallVector<Value> worklist{alloc.getResult()};
  while (!worklist.empty()) {
    Value buffer = worklist.pop_back_val();
    for (OpOperand &use : buffer.getUses()) {
      Operation *user = use.getOwner();
      if (auto dealloc = dyn_cast<memref::DeallocOp>(user)) {
        if (buffer != alloc.getResult() || dealloc->getBlock() != &body)
          return false;
        temporary.deallocs.push_back(dealloc);
        continue;
      }
      if (user->hasTrait<OpTrait::IsTerminator>())
        return false;
      auto view = dyn_cast<ViewLikeOpInterface>(user);
      bool isView = view && view.getViewSource() == buffer;
      for (Value result : user->getResults())
        if (isa<BaseMemRefType>(result.getType())) {
          if (!isView)
            return false;
          worklist.push_back(result);
        }
      Operation *top = body.findAncestorOpInBlock(*user);
      if (!top)
        return false;
      temporary.last = std::max(temporary.last, position.lookup(top));
    }
  }
  return true;
}

/// Largest buffer first, each at the lowest aligned offset that no buffer
/// live at the same time occupies. Returns the workspace's size.
uint64_t assignOffsets(MutableArrayRef<Temporary> temporaries) {
  SmallVector<Temporary *> order;
  for (Temporary &temporary : temporaries)
    order.push_back(&temporary);
  llvm::stable_sort(order, [](const Temporary *a, const Temporary *b) {
    return a->bytes > b->bytes;
  });
  uint64_t total = 0;
  SmallVector<Temporary *> placed;
  for (Temporary *temporary : order) {
    SmallVector<Temporary *> overlapping;
    for (Temporary *other : placed)
      if (other->bytes != 0 && other->first <= temporary->last &&
          temporary->first <= other->last)
        overlapping.push_back(other);
    llvm::sort(overlapping, [](const Temporary *a, const Temporary *b) {
      return a->offset < b->offset;
    });
    uint64_t offset = 0;
    for (Temporary *other : overlapping) {
      if (offset + temporary->bytes <= other->offset)
        break;
      offset = std::max(offset,
                        alignUp(other->offset + other->bytes, kWorkspaceAlignment));
    }
    temporary->offset = offset;
    total = std::max(total, offset + temporary->bytes);
    placed.push_back(temporary);
  }
  return alignUp(total, kWorkspaceAlignment);
}

class PlanWorkspacePass
    : public loom::impl::PlanWorkspaceBase<PlanWorkspacePass> {
public:
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && func.isPublic() &&
          func.getBody().hasOneBlock() && !loom::abi::getWorkspaceBytes(func) &&
          SymbolTable::symbolKnownUseEmpty(func, module) &&
          failed(plan(func)))
        return signalPassFailure();
  }

private:
  LogicalResult plan(func::FuncOp func) {
    Block &body = func.front();
    DenseMap<Operation *, unsigned> position;
    for (auto [index, op] : llvm::enumerate(body))
      position[&op] = index;

    DataLayout layout = DataLayout::closest(func);
    SmallVector<Temporary> temporaries;
    for (auto alloc : body.getOps<memref::AllocOp>()) {
      Temporary temporary;
      if (!analyze(alloc, body, position, temporary))
        continue;
      temporary.bytes = layout.getTypeSize(alloc.getType().getElementType()) *
                        alloc.getType().getNumElements();
      temporaries.push_back(std::move(temporary));
    }
    if (temporaries.empty())
      return success();
    uint64_t bytes = assignOffsets(temporaries);

    MLIRContext *context = func.getContext();
    auto workspaceType =
        MemRefType::get({static_cast<int64_t>(bytes)}, IntegerType::get(context, 8));
    unsigned index = func.getNumArguments();
    if (failed(func.insertArgument(
            index, workspaceType,
            DictionaryAttr::get(context, {loom::abi::workspace(context, bytes)}),
            func.getLoc())))
      return func.emitError("cannot add the workspace argument to @")
             << func.getSymName();
    Value workspace = func.getArgument(index);
    OpBuilder builder(context);
    for (Temporary &temporary : temporaries) {
      builder.setInsertionPoint(temporary.alloc);
      Location loc = temporary.alloc.getLoc();
      Value offset = arith::ConstantIndexOp::create(builder, loc, temporary.offset);
      Value view = memref::ViewOp::create(builder, loc, temporary.alloc.getType(),
                                          workspace, offset, ValueRange());
      for (memref::DeallocOp dealloc : temporary.deallocs)
        dealloc.erase();
      temporary.alloc.replaceAllUsesWith(view);
      temporary.alloc.erase();
    }
    return success();
  }
};

} // namespace
