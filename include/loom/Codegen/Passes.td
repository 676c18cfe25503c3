//===- Passes.td - Loom CPU code generation passes ---------*- tablegen -*-===//
#ifndef LOOM_CODEGEN_PASSES_TD
#define LOOM_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def ResultsToOutParams : Pass<"loom-results-to-out-params", "mlir::ModuleOp"> {
  let summary = "Return tensor results through caller-allocated memref arguments";
  let description = [{
    Fixes the calling convention of every public function with a body: each
    tensor result becomes a trailing `memref` argument with an identity layout
    that the caller allocates, and the function returns nothing. The returned
    tensor is written there with
    `bufferization.materialize_in_destination ... in restrict writable`, so
    one-shot bufferization computes the result in place in the caller's buffer
    (a result that is an input, or the same value twice, is copied).

    The original tensor arguments are marked `bufferization.writable = false`:
    the caller's inputs are never modified. The function gets
    `llvm.emit_c_interface`, so the LLVM lowering emits `_mlir_ciface_<name>`
    taking pointers to strided memref descriptors: inputs first, then one
    output per original result.

    A result carrying `loom.tied_to = N` is the new value of argument `N`
    (a parameter or optimizer state updated by a training step). It gets no
    out-parameter: argument `N` becomes a writable `memref`, read through
    `bufferization.to_tensor ... restrict writable` at the entry, and the
    result is materialized into it (without `restrict`: the argument's
    `to_tensor` already holds it), so one-shot bufferization updates the
    caller's buffer in place. Untied results are materialized before tied
    ones, since they may read an argument's old value. The C interface then takes the inputs followed
    by one output per untied result. A tied index out of range, a type that
    differs from the argument's, or two results tied to one argument is an
    error.

    Private functions keep their signature; one-shot bufferization handles
    calls to them. A public function that is called inside the module, or
    that returns a non-tensor value, is an error.

    Example:

    ```mlir
    func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
      %r = math.exp %a : tensor<4xf32>
      return %r : tensor<4xf32>
    }
    ```

    becomes

    ```mlir
    func.func @f(%a: tensor<4xf32> {bufferization.writable = false},
                 %out0: memref<4xf32>) attributes {llvm.emit_c_interface} {
      %r = math.exp %a : tensor<4xf32>
      bufferization.materialize_in_destination %r in restrict writable %out0
          : (tensor<4xf32>, memref<4xf32>) -> ()
      return
    }
    ```

    and a tied result

    ```mlir
    func.func @update(%p: tensor<4xf32>, %g: tensor<4xf32>)
        -> (tensor<4xf32> {loom.tied_to = 0 : i64}) {
      %r = arith.subf %p, %g : tensor<4xf32>
      return %r : tensor<4xf32>
    }
    ```

    becomes

    ```mlir
    func.func @update(%p: memref<4xf32>,
                      %g: tensor<4xf32> {bufferization.writable = false})
        attributes {llvm.emit_c_interface} {
      %pt = bufferization.to_tensor %p restrict writable
          : memref<4xf32> to tensor<4xf32>
      %r = arith.subf %pt, %g : tensor<4xf32>
      bufferization.materialize_in_destination %r in writable %p
          : (tensor<4xf32>, memref<4xf32>) -> ()
      return
    }
    ```
  }];
  let dependentDialects = [
    "mlir::bufferization::BufferizationDialect",
    "mlir::memref::MemRefDialect",
  ];
}

def UpdateTiedInPlace : Pass<"loom-update-tied-in-place", "mlir::func::FuncOp"> {
  let summary = "Compute elementwise updates of tied arguments in their tensor";
  let description = [{
    Runs after `loom-results-to-out-params`, before tiling. A tied result
    (the new value of a parameter or optimizer state) that a `linalg.generic`
    computes into a `tensor.empty` while reading the argument's old value
    with the same indexing map, e.g. SGD's `w - lr * g`, is rewritten to
    compute into the argument's tensor and to read the old value from its
    own init: `outs(%w)` with the body using the `%out` block argument.
    Once tiled, every tile then reads and writes the same slice of one
    tensor, which one-shot bufferization proves in place; reading the old
    value as a separate input would look like a read after the loop's
    earlier writes and force a copy of the whole parameter.

    This only shapes the IR: `loom-eliminate-empty-tensors` checks that the
    update really is in place and falls back to a copy otherwise.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def TileAndVectorize : Pass<"loom-tile-and-vectorize", "mlir::func::FuncOp"> {
  let summary = "Tile linalg ops on tensors to register tiles and vectorize them";
  let description = [{
    Turns every statically shaped linalg op on tensors into a loop nest over
    register-sized tiles whose bodies are vector operations.

    - Tile sizes always divide the loop ranges, so every tile has the same
      static shape and vectorizes without masks. The innermost loop gets the
      largest power of two up to one 512-bit register (16 lanes of f32, 8 of
      f64) that divides it; other loops get 1.
    - Contractions (matmul, batch matmul, ...) get a register tile: up to 8
      rows of M, up to one register of N, and K tiled by 1, so the vectorized
      tile is an outer product that lowers to FMAs.
    - Tiling happens in two levels. The parallel loops are tiled first, and
      producers are fused into the tile: `linalg.fill` always, and a
      contraction whose only user is an elementwise op (the matmul under a
      bias + activation epilogue) together with its fill. Then the reduction
      loops of each tiled op are tiled, so the accumulator tile stays in a
      loop-carried value.
    - Each tile is vectorized with `linalg::vectorize`, elementwise
      `mul`+`add` reductions become `vector.contract`, and the accumulator
      transfers are hoisted out of the reduction loops on tensors.
    - An op that cannot be tiled or vectorized (dynamic shapes, unsupported
      bodies or convolution forms) is left as it is, or as a tiled op, and is
      lowered to scalar loops later: slower, but correct.
    - A reduction that is not a plain contraction but whose inputs are all
      read contiguously along the output's innermost loop, or not at all (a
      matmul with an elementwise prologue fused into its body), gets the same
      register tile over its output (rows by one register of columns,
      reductions tiled by 1), so its accumulator stays a vector instead of
      being reduced horizontally at every step.
    - `linalg.conv_2d_nchw_fchw` with at least 4 output channels is first
      rewritten as an im2col gather (`linalg.generic`) and a matrix product:
      with the output pixels as columns when they fill at least a quarter
      register (no transposes), else with the channels as columns (a
      `linalg.matmul` with the transposed filter, transposed back to NCHW).

    - With `parallel-loops`, the parallel tiling of an op with enough work
      (loop iterations, i.e. output elements times reduction size, of at
      least `min-parallel-work`, split into more than one tile) is an
      `scf.forall` instead of nested `scf.for` loops, for the CPU pipeline to
      run on several threads. Only the parallel output tiles are distributed
      and the tile sizes do not change, so every output element is computed
      by the same instructions as without the option: results are
      bit-identical for any number of threads. Smaller ops stay sequential
      because a fork/join of the thread team (a few microseconds) costs more
      than they take, and so do ops whose tiles hold fewer than 16 loop
      iterations (im2col gathers, transposes with an odd innermost extent):
      the OpenMP loop nest recomputes every index from the collapsed
      iteration number, which costs more than a one-element copy.

    Example: `linalg.matmul` of 16x8 by 8x32 becomes two `scf.for` loops over
    8x16 output tiles around an `scf.for` over K whose body is one
    `vector.contract` of `vector<8x1xf32>` and `vector<1x16xf32>` into a
    `vector<8x16xf32>` accumulator carried by the loop. With
    `parallel-loops` and a large enough matmul, the two outer loops are one
    two-dimensional `scf.forall` over the output tiles.
  }];
  let options = [
    Option<"parallelLoops", "parallel-loops", "bool", /*default=*/"false",
           "Tile the parallel loops of large ops with scf.forall (for "
           "multi-threaded code)">,
    Option<"minParallelWork", "min-parallel-work", "int64_t",
           /*default=*/"65536",
           "Loop iterations an op needs before parallel-loops distributes "
           "its tiles">,
  ];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::scf::SCFDialect",
    "mlir::tensor::TensorDialect",
    "mlir::vector::VectorDialect",
  ];
}

def EliminateEmptyTensors
    : Pass<"loom-eliminate-empty-tensors", "mlir::ModuleOp"> {
  let summary = "Compute results directly in their out-parameters, soundly";
  let description = [{
    Replaces the `tensor.empty` that a returned value is computed into with
    the caller's buffer that `loom-results-to-out-params` materializes it in,
    so one-shot bufferization writes the result in place instead of into a
    temporary that is then copied. Upstream's `-eliminate-empty-tensors`
    does the replacement but decides on an analysis of the IR *before* it:
    when the replaced tensor also reaches another value (two reductions that
    share one CSE'd `linalg.fill` init, say), bufferization later moves the
    first result out of place while the second lives in the first result's
    buffer, and the final copy of the first overwrites the second. This pass
    keeps the replacement sound in three steps:

    1. every `linalg.fill` with several uses is cloned for each use, so
       each result's destination chain is its own (empty tensors are
       replaced one use at a time and stay shared, so buffers are reused);
    2. the replacement: an untied result gets a `to_tensor restrict` of its
       out-parameter, a result tied to an argument (`loom.tied_to`) the
       argument's existing `to_tensor`, so the analysis sees every read of
       the argument's old value;
    3. the check: the one-shot analysis that `loom-bufferize` will run (same
       options) is run again, and every materialization whose source is not
       computed in its destination's buffer gets its replacement undone (it
       is then computed in a temporary and copied). When a result copied
       into a tied argument would overwrite a buffer that a later result
       still reads (two tied arguments swapped), the later result reads a
       copy taken before.
  }];
  let dependentDialects = [
    "mlir::bufferization::BufferizationDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::tensor::TensorDialect",
  ];
}

def Bufferize : Pass<"loom-bufferize", "mlir::ModuleOp"> {
  let summary = "One-shot bufferization with Loom's calling convention";
  let description = [{
    Runs one-shot module bufferization with the policy the CPU pipeline and
    the runtime agree on:

    - function boundaries are bufferized, with identity layouts on every
      function argument and result, so the C interface takes plain row-major
      buffers;
    - tensors are written in place wherever the analysis allows it (run
      `loom-eliminate-empty-tensors` first so results land in the
      out-parameters of `loom-results-to-out-params`);
    - the copies bufferization must insert are `linalg.copy` ops, which lower
      to loops like any other linalg op, so the generated code never calls
      the `memrefCopy` helper of the MLIR C runner library.

    Buffers it allocates are freed by `-buffer-deallocation-pipeline`, which
    must run after it.
  }];
  let dependentDialects = [
    "mlir::bufferization::BufferizationDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::memref::MemRefDialect",
  ];
}

def LowerVectors : Pass<"loom-lower-vectors", "mlir::func::FuncOp"> {
  let summary = "Lower high-level vector ops on buffers to LLVM-ready forms";
  let description = [{
    Runs after bufferization. It first hoists transfers that read and write
    the same buffer location in a loop out of it (the accumulator of a
    matmul tile stays in registers across K), then progressively lowers:

    - `vector.contract` to `vector.outerproduct`, then to `vector.fma`;
    - `vector.multi_reduction` to `vector.reduction` over the inner dimension;
    - transfers with permutation or broadcast maps to minor identity
      transfers, broadcasts, transposes and shape casts to 1-D vector ops;
    - `math` ops with a polynomial approximation (exp, log, tanh, erf, ...)
      on f32 to `arith`/`vector` code, so they vectorize instead of calling
      libm one lane at a time.

    What remains (1-D `vector.transfer_*`, `vector.fma`, `vector.reduction`)
    is handled by `-convert-vector-to-scf` and `-convert-vector-to-llvm`.

    Example:

    ```mlir
    %c = vector.contract {...} %a, %b, %acc
        : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
    ```

    becomes eight `vector.fma` ops on `vector<16xf32>`, one per row, each
    multiplying a broadcast element of `%a` with the row of `%b`.
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::memref::MemRefDialect",
    "mlir::scf::SCFDialect",
    "mlir::vector::VectorDialect",
  ];
}

def FuseElementwise : Pass<"loom-fuse-elementwise", "mlir::func::FuncOp"> {
  let summary = "Fuse elementwise linalg ops; propagate reshapes around, not "
                "into, reductions";
  let description = [{
    Upstream's `linalg-fuse-elementwise-ops` with one change: a
    `tensor.expand_shape` or `tensor.collapse_shape` is not folded into a
    linalg op with reduction loops (a matmul, a convolution's product, a
    reduction), nor such an op into it. Folding expands the op's iteration
    space to the reshaped dimensions: a `[576 x 6272]` matrix product becomes
    a 6-D one over `64x3x3` by `128x7x7`, whose innermost extents (3 and 7)
    leave the register tiling of `loom-tile-and-vectorize` one lane wide.
    Kept as written, the contraction gets its 8x16 tiles and the reshapes
    stay metadata.

    Elementwise producers are still fused into their consumers (reductions
    included) when they have no other user, as upstream does.
  }];
  let dependentDialects = [
    "mlir::affine::AffineDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::tensor::TensorDialect",
  ];
}

#endif // LOOM_CODEGEN_PASSES_TD
