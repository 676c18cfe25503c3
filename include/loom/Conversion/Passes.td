//===- Passes.td - Loom conversion passes ------------------*- tablegen -*-===//
#ifndef LOOM_CONVERSION_PASSES_TD
#define LOOM_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertLoomToLinalg : Pass<"convert-loom-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower loom ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every `loom` op into upstream ops on static-shaped tensors, ready
    for linalg fusion, tiling, vectorization and one-shot bufferization:

    - elementwise math, compare, select and convert become one
      `linalg.generic` with identity maps and parallel iterators whose body
      is `arith`/`math`;
    - `broadcast_in_dim` becomes a `linalg.generic` whose input map projects
      the result dimensions onto the operand (size-1 operand dimensions read
      index 0);
    - `matmul` becomes `linalg.matmul` (rank 2) or `linalg.batch_matmul`
      (rank 3; higher ranks collapse their batch dimensions first), `conv2d`
      becomes `tensor.pad` + `linalg.conv_2d_nchw_fchw`, reductions become
      `linalg.reduce` over a filled init;
    - `reshape`, `transpose`, `slice` and `concat` become `tensor` reshapes,
      `linalg.transpose`, `tensor.extract_slice` and `tensor.insert_slice`;
    - `check_finite` becomes a `func.call` that hands the tensor's buffer
      (`bufferization.to_buffer ... read_only`, cast to an unranked memref)
      to the runtime's `loomCheckFiniteF32`/`F64`, declared by the pass (see
      `loom/Support/NonFiniteReport.h`);
    - `constant` becomes `arith.constant`, `iota` and the counter-based random
      ops become `linalg.generic` ops driven by `linalg.index` (the random
      numbers follow `loom/Support/CounterRNG.h` bit for bit).

    The loom dialect is illegal afterwards: an op that cannot be lowered is an
    error naming it.

    Example:

    ```mlir
    %r = loom.relu %x : tensor<4x8xf32>
    ```

    becomes

    ```mlir
    %init = tensor.empty() : tensor<4x8xf32>
    %r = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<4x8xf32>) outs(%init : tensor<4x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %zero = arith.constant 0.000000e+00 : f32
      %max = arith.maximumf %in, %zero : f32
      linalg.yield %max : f32
    } -> tensor<4x8xf32>
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::bufferization::BufferizationDialect",
    "mlir::func::FuncDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect",
    "mlir::memref::MemRefDialect",
    "mlir::tensor::TensorDialect",
  ];
}

#endif // LOOM_CONVERSION_PASSES_TD
