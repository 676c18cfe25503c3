//===- Passes.td - Target-neutral code generation passes ---*- tablegen -*-===//
//
// The calling convention, bufferization, and the mechanism passes that carry
// out a `#loom.lowering_config` whichever target's strategy wrote it.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_COMMON_PASSES_TD
#define LOOM_CODEGEN_COMMON_PASSES_TD

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

def Pack : Pass<"loom-pack", "mlir::func::FuncOp"> {
  let summary = "Pack the operands of ops whose lowering config has pack_tiles";
  let description = [{
    Data tiling, deciding nothing itself. Each linalg op whose
    `loom.lowering_config` has `pack_tiles` (one inner tile per loop, 0 for
    a loop that is not packed) is packed with upstream's `linalg::pack`: its
    operands become `linalg.pack`s by those tiles and the op a packed
    `linalg.generic` on them, its result a `linalg.unpack`. Each packed
    input's outer dimensions are then ordered with the reduction's last
    (`linalg::packTranspose`), so every panel of inner tiles is contiguous
    along the reduction: a matmul's B packed by 16 columns, `[K, N]` ->
    `[N/16, K, 16]`, is read row after row at one stride of 64 bytes instead
    of one of N elements. The packs and unpacks are lowered at once to
    `tensor.expand_shape` / `linalg.transpose` / `tensor.collapse_shape`
    (`linalg::lowerPack`, `lowerUnPack`): ops the strategy configures when it
    runs again, as it does the packed generic (which has no config).

    An op with pack_tiles that cannot be packed so (a tile count other than
    its loops, tiles that do not divide the loops, maps that are not
    projected permutations) is an error.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect",
    "mlir::tensor::TensorDialect",
  ];
}

def Pad : Pass<"loom-pad", "mlir::func::FuncOp"> {
  let summary = "Pad ops to the multiples their lowering config gives";
  let description = [{
    Deciding nothing itself: each linalg op whose `loom.lowering_config` has
    `pad_multiples` (one per loop, 0 or 1 for a loop that is not padded) is
    replaced, with upstream's `linalg::rewriteAsPaddedOp`, by a copy on
    operands extended with zeros to those multiples, and a
    `tensor.extract_slice` of the copy's result. The zeros add nothing to a
    sum of products, so the slice is the op's result. The copy has no config
    (the strategy configures it when it runs again), and each `tensor.pad`
    becomes a `linalg.fill` and a `tensor.insert_slice` of its source (a pad
    of a fill: a larger fill), ops the strategy configures too.

    Example: a `linalg.matmul` of `tensor<64x9xf32>` and `tensor<9x196xf32>`
    with `pad_multiples = [16, 8, 8]` becomes a matmul of `tensor<64x16xf32>`
    and `tensor<16x200xf32>` into `tensor<64x200xf32>`, and its
    `[0, 0] [64, 196]` slice.

    Every other `tensor.pad` of the function becomes a `linalg.fill` and a
    `tensor.insert_slice` first, for the same reason: after bufferization a
    pad is work no config covers (on a GPU, a kernel of one thread).

    An op that cannot be padded (a multiple count other than its loops,
    dynamic shapes) is an error.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect",
    "mlir::tensor::TensorDialect",
  ];
}

def TileAndFuse : Pass<"loom-tile-and-fuse", "mlir::func::FuncOp"> {
  let summary = "Tile ops at one level of their lowering config, fusing the "
                "producers it names";
  let description = [{
    Reads the `loom.lowering_config` of each op and tiles at one level,
    deciding nothing itself:

    - `level=distribution`: each root with `distribution_tiles` is tiled by
      them with an `scf.forall` (the threads' tiles).
    - `level=thread`: each root with `thread_tiles` (a GPU's) is tiled by
      them with an `scf.forall` inside its block's (`distribution_tiles`)
      forall: one iteration per GPU thread of the block; a root with
      `warp_tiles` is tiled by those, with a forall mapped to warps
      (`#gpu.warp<linear_dim_0>`, ...): one iteration per warp.
    - `level=cache`: each root with `cache_tiles` is tiled by them with
      `scf.for` loops (inside its thread tile, with the same rule as below).
    - `level=register`: each root with `register_tiles` is tiled by them with
      `scf.for` loops. A root already tiled for threads or for the cache
      keeps the loops its outer tile has no room to tile (a register tile as
      large as the thread tile is the thread tile).
    - `level=reduction`: each op (root or fused) with `reduction_tiles` has
      its reduction loops tiled by them, so its accumulator is carried by the
      loop.

    At every level but `reduction` the producers of the operands a config
    lists in `fused_producers` are computed inside the tiles (transitively,
    through the fused producers' own configs); a fused producer left without
    users is erased. Roots are visited consumers first, so an epilogue fuses the
    contraction it reads before that contraction could be tiled on its own.
    Tiled ops keep their config, except that a producer fused into a root's
    tiles joins its group and is no root of its own (`root = false`), so a
    later level does not tile it again.

    Example (`level=register`):

    ```mlir
    %f = linalg.fill {loom.lowering_config = #loom.lowering_config<
        register_tiles = [1, 16], root = true>} ...
    %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<
        register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1],
        root = true, fused_producers = [2]>}
        ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%f : ...)
    ```

    becomes two `scf.for` loops over 8x16 tiles of the result, each with a
    `linalg.fill` and a `linalg.matmul` on `tensor<8x16xf32>`.
  }];
  let options = [
    Option<"level", "level", "std::string", /*default=*/"\"register\"",
           "Tiling level: distribution, thread, cache, register or "
           "reduction">,
  ];
  let dependentDialects = [
    "mlir::gpu::GPUDialect",
    "mlir::affine::AffineDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::scf::SCFDialect",
    "mlir::tensor::TensorDialect",
  ];
}

def Vectorize : Pass<"loom-vectorize", "mlir::func::FuncOp"> {
  let summary = "Vectorize the tiles a lowering config gives vector sizes";
  let description = [{
    Every linalg op on tensors whose `loom.lowering_config` has
    `vector_sizes` is vectorized at its static (tile) shape with
    `linalg::vectorize`; an op with no config or no vector sizes stays a
    linalg op and becomes scalar loops later, and so does one the vectorizer
    cannot handle (dynamic shapes, most convolutions). Elementwise `mul` +
    `add` reductions then become `vector.contract`, and transfers fold with
    the tensor slices around them.

    Example: a `linalg.matmul` on `tensor<8x1xf32>` and `tensor<1x16xf32>`
    into `tensor<8x16xf32>` becomes two `vector.transfer_read`s, a
    `vector.contract` of `vector<8x1xf32>` and `vector<1x16xf32>` into
    `vector<8x16xf32>`, and a `vector.transfer_write`.
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::tensor::TensorDialect",
    "mlir::vector::VectorDialect",
  ];
}

def HoistAccumulators : Pass<"loom-hoist-accumulators", "mlir::func::FuncOp"> {
  let summary = "Carry loop-invariant tensor slices and transfers in loop "
                "values";
  let description = [{
    In every `scf.for` (inner loops first), a slice or vector transfer read
    and written back at the same loop-invariant place on an iteration
    argument is moved out of the loop: the value is read once before it,
    carried as a loop value, and written once after. A reduction's
    accumulator tile stays in registers instead of going through the tensor
    at every step.

    Example:

    ```mlir
    %r = scf.for %k = %c0 to %c24 step %c1 iter_args(%t = %init) {
      %acc = vector.transfer_read %t[%c0, %c0] ... : vector<8x16xf32>
      %next = vector.contract ... %acc
      %w = vector.transfer_write %next, %t[%c0, %c0] ...
      scf.yield %w
    }
    ```

    becomes one `vector.transfer_read` of `%init` before the loop, a loop
    carrying `vector<8x16xf32>`, and one `vector.transfer_write` after it.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect"];
}

def PlanWorkspace : Pass<"loom-plan-workspace", "mlir::ModuleOp"> {
  let summary = "Place a public function's temporaries in one workspace "
                "argument, reusing memory between buffers that are not live "
                "at once";
  let description = [{
    After bufferization and deallocation, an entry function allocates its
    temporaries with `memref.alloc` at the top of its body and frees them
    with `memref.dealloc`. Every such allocation of a static shape whose
    uses (through view-like ops) are all known becomes a `memref.view` into
    one trailing argument `memref<Nxi8> {loom.workspace = N}`, and its
    dealloc is erased. The caller (the runtime) provides the workspace, so a
    call allocates nothing and the memory stays warm between calls.

    A buffer is live from its allocation to the last top-level op that uses
    it or a view of it; buffers whose live ranges overlap get disjoint byte
    ranges, others may share memory. Offsets are assigned largest buffer
    first, each at the lowest 64-byte-aligned offset free for its whole live
    range. Allocations in nested regions (a loop's scratch), with dynamic
    sizes or a non-identity layout, or whose buffer escapes (returned,
    yielded, or stored through an op that is not view-like) are left as they
    are. Private functions, public functions called inside the module (their
    callers would need the argument) and functions without such allocations
    are not changed.

    Example:

    ```mlir
    func.func @f(%a: memref<64xf32>, %out: memref<64xf32>) {
      %t = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
      ... %t ...
      memref.dealloc %t : memref<64xf32>
      return
    }
    ```

    becomes

    ```mlir
    func.func @f(%a: memref<64xf32>, %out: memref<64xf32>,
                 %ws: memref<256xi8> {loom.workspace = 256 : i64}) {
      %c0 = arith.constant 0 : index
      %t = memref.view %ws[%c0][] : memref<256xi8> to memref<64xf32>
      ... %t ...
      return
    }
    ```
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect"];
}

def StripLoweringAttrs : Pass<"loom-strip-lowering-attrs", "mlir::ModuleOp"> {
  let summary = "Remove loom.target and loom.lowering_config once they are "
                "carried out";
  let description = [{
    The decisions have been carried out by the time the module is lowered to
    the LLVM dialect; removing them leaves a module that tools without the
    loom dialect (`mlir-translate`) read.
  }];
}

def OutlineKernels : Pass<"loom-outline-kernels", "mlir::ModuleOp"> {
  let summary = "Move every loop nest of a bufferized function into a "
                "function of its own";
  let description = [{
    After bufferization a function is a sequence of kernels (loop nests and
    leftover linalg ops, each computing one fused op into its buffers)
    between allocations. Each top-level op with a region of a function with
    one block becomes a call of a new private function, `@<function>_kN`,
    that takes the values it uses from above as arguments (constants are
    cloned instead, so the kernel keeps its static trip counts) and returns
    its results. The kernels are marked `noinline` and get internal linkage
    (`llvm.linkage`): they export no symbol.

    One function per kernel keeps compile time linear in the graph's size:
    LLVM's function passes (induction variable simplification, scheduling)
    and MLIR's per-function passes see one kernel at a time instead of a
    function holding every kernel of a training step, whose cost grew
    quadratically with the number of loops. A call costs nanoseconds against
    a kernel's microseconds.

    Example:

    ```mlir
    func.func @f(%a: memref<64xf32>, %b: memref<64xf32>) {
      %c0 = arith.constant 0 : index
      scf.for %i = %c0 to %c64 step %c16 { ... %a ... %b ... }
      return
    }
    ```

    becomes

    ```mlir
    func.func @f(%a: memref<64xf32>, %b: memref<64xf32>) {
      call @f_k0(%a, %b) : (memref<64xf32>, memref<64xf32>) -> ()
      return
    }
    func.func private @f_k0(%a: memref<64xf32>, %b: memref<64xf32>)
        attributes {llvm.linkage = #llvm.linkage<internal>,
                    passthrough = ["noinline"]} {
      %c0 = arith.constant 0 : index
      scf.for %i = %c0 to %c64 step %c16 { ... }
      return
    }
    ```
  }];
  let dependentDialects = ["mlir::func::FuncDialect",
                           "mlir::LLVM::LLVMDialect"];
}

#endif // LOOM_CODEGEN_COMMON_PASSES_TD
