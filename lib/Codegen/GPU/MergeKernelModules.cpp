//===- MergeKernelModules.cpp - One gpu.module for a program's kernels ----===//
#include "loom/Codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

namespace loom {
#define GEN_PASS_DEF_MERGEKERNELMODULES
#include "loom/Codegen/GPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

class MergeKernelModulesPass
    : public loom::impl::MergeKernelModulesBase<MergeKernelModulesPass> {
public:
  void runOnOperation() override {
    SmallVector<gpu::GPUModuleOp> modules(
        getOperation().getOps<gpu::GPUModuleOp>());
    if (modules.size() < 2)
      return;
    gpu::GPUModuleOp first = modules.front();
    Block &destination = first.getBodyRegion().front();
    // (module, kernel) -> the kernel's name in `first`.
    llvm::DenseMap<std::pair<StringAttr, StringAttr>, StringAttr> renamed;
    for (gpu::GPUModuleOp module : llvm::drop_begin(modules)) {
      Block &source = module.getBodyRegion().front();
      for (Operation &op : llvm::make_early_inc_range(source)) {
        if (op.hasTrait<OpTrait::IsTerminator>())
          continue;
        auto kernel = dyn_cast<gpu::GPUFuncOp>(op);
        if (!kernel) {
          op.emitOpError() << "is not a kernel; only kernels are merged";
          return signalPassFailure();
        }
        StringAttr name = module.getSymNameAttr();
        if (first.lookupSymbol(name)) {
          kernel.emitOpError() << "cannot be named @" << name.getValue()
                               << ", which @" << first.getSymName()
                               << " holds";
          return signalPassFailure();
        }
        renamed[{name, kernel.getNameAttr()}] = name;
        kernel.setName(name);
        op.moveBefore(&destination, destination.end());
      }
    }
    StringAttr target = first.getSymNameAttr();
    getOperation().walk([&](gpu::LaunchFuncOp launch) {
      auto found =
          renamed.find({launch.getKernelModuleName(), launch.getKernelName()});
      StringAttr kernel = found == renamed.end() ? launch.getKernelName()
                                                 : found->second;
      launch.setKernelAttr(
          SymbolRefAttr::get(target, {FlatSymbolRefAttr::get(kernel)}));
    });
    for (gpu::GPUModuleOp module : llvm::drop_begin(modules))
      module.erase();
  }
};

} // namespace
