//===- Bufferization.h - Loom's one-shot bufferization policy ---*- C++ -*-===//
//
// What the passes around bufferization share: the options `loom-bufferize`
// bufferizes with (`loom-eliminate-empty-tensors` checks its replacements with
// the same analysis, so both must read them from here), and how a result's
// destination buffer is read as a tensor.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_COMMON_BUFFERIZATION_H
#define LOOM_CODEGEN_COMMON_BUFFERIZATION_H

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"

namespace loom {

/// Function boundaries bufferized with identity layouts; copies are
/// `linalg.copy` ops. One object for the process, since an analysis state
/// keeps a reference to its options.
const mlir::bufferization::OneShotBufferizationOptions &
oneShotBufferizationOptions();

/// The `to_tensor restrict` that reads `buffer` (a function argument), if
/// any: a tied argument's since `loom-results-to-out-params`, an
/// out-parameter's once a result is computed in it.
mlir::bufferization::ToTensorOp restrictedTensorOf(mlir::Value buffer);

} // namespace loom

#endif
