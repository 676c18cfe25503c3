//===- Bufferize.cpp - One-shot bufferization with Loom's policy ----------===//
#include "loom/Codegen/Common/Passes.h"

#include "loom/Codegen/Common/Bufferization.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotModuleBufferize.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace loom {
#define GEN_PASS_DEF_BUFFERIZE
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

const bufferization::OneShotBufferizationOptions &
loom::oneShotBufferizationOptions() {
  static const bufferization::OneShotBufferizationOptions options = [] {
    bufferization::OneShotBufferizationOptions options;
    options.bufferizeFunctionBoundaries = true;
    options.setFunctionBoundaryTypeConversion(
        bufferization::LayoutMapOption::IdentityLayoutMap);
    options.memCpyFn = [](OpBuilder &builder, Location loc, Value from,
                          Value to) {
      linalg::CopyOp::create(builder, loc, from, to);
      return success();
    };
    return options;
  }();
  return options;
}

bufferization::ToTensorOp loom::restrictedTensorOf(Value buffer) {
  for (Operation *user : buffer.getUsers())
    if (auto toTensor = dyn_cast<bufferization::ToTensorOp>(user);
        toTensor && toTensor.getRestrict())
      return toTensor;
  return {};
}

namespace {

struct BufferizePass : loom::impl::BufferizeBase<BufferizePass> {
  void runOnOperation() override {
    bufferization::BufferizationState state;
    if (failed(bufferization::runOneShotModuleBufferize(
            getOperation(), loom::oneShotBufferizationOptions(), state)))
      signalPassFailure();
  }
};

} // namespace
