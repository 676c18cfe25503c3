// RUN: loom-opt %S/../Conversion/LoomToLinalg/execute.mlir --loom-cpu-pipeline=workspace=false \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN: | FileCheck %S/../Conversion/LoomToLinalg/execute.mlir

// The numeric checks of the loom-to-linalg lowering (values computed
// independently of Loom), run again through the whole CPU pipeline: tiled,
// vectorized, bufferized with out-parameters and lowered to LLVM, the
// results must not change.
