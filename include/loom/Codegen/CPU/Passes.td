//===- Passes.td - CPU code generation passes --------------*- tablegen -*-===//
//
// The CPU's strategy (what to do, from the target description) and the
// CPU-only mechanism passes.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_CPU_PASSES_TD
#define LOOM_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttachCPUTarget : Pass<"loom-cpu-attach-target", "mlir::ModuleOp"> {
  let summary = "Record the CPU the module is compiled for as loom.target";
  let description = [{
    Sets `loom.target = #loom.cpu_target<...>` on the module from the
    options, which mirror `loom::CPUTarget` (the defaults are a generic
    AVX-512 core). A module that already has a `loom.target` keeps it, so a
    test can write its own.

    Example: `loom-cpu-attach-target{vector-bits=256 vector-registers=16}`
    on `module {}` gives

    ```mlir
    module attributes {loom.target = #loom.cpu_target<vector_bits = 256,
        vector_registers = 16, fma_units = 2, l1_cache = 32768,
        l2_cache = 1048576, l3_cache = 33554432>} {}
    ```
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"512",
           "Widest vector register the code may use">,
    Option<"vectorRegisters", "vector-registers", "unsigned",
           /*default=*/"32", "Vector registers the ISA names">,
    Option<"fmaUnits", "fma-units", "unsigned", /*default=*/"2",
           "Vector FMAs a core starts per cycle">,
    Option<"l1Cache", "l1-cache", "uint64_t", /*default=*/"32768",
           "Per-core L1 data cache in bytes">,
    Option<"l2Cache", "l2-cache", "uint64_t", /*default=*/"1048576",
           "Per-core L2 cache in bytes">,
    Option<"l3Cache", "l3-cache", "uint64_t", /*default=*/"33554432",
           "Shared L3 cache in bytes">,
  ];
  let dependentDialects = ["loom::LoomDialect"];
}

def SelectLoweringConfig
    : Pass<"loom-cpu-select-lowering-config", "mlir::func::FuncOp"> {
  let summary = "The CPU strategy: decide how each linalg op is lowered";
  let description = [{
    Reads the module's `loom.target` (`#loom.cpu_target`) and writes a
    `loom.lowering_config` on every statically shaped linalg op on tensors
    that has none. All of the CPU's lowering policy is here; the mechanism
    passes (`loom-cpu-rewrite-convolutions`, `loom-tile-and-fuse`,
    `loom-vectorize`) only carry it out.

    - Register tiles divide the loop ranges (no masks, no remainder loops).
      A register holds `vector_bits / element bits` lanes (at most as many as
      of f32). The innermost loop gets the largest power of two up to one
      register that divides it, other loops 1.
    - A contraction (and a reduction whose inputs are all read contiguously
      along the output's innermost loop, e.g. a matmul with a fused
      elementwise prologue) gets rows by one register of columns: as many
      rows as keep every FMA unit busy through a 4-cycle FMA latency
      (`4 * fma_units`), at most half the vector registers (the others hold
      operands); reduction loops are tiled by 1, so the tile is an outer
      product whose accumulator stays in registers. With 32 registers of 512
      bits and 2 FMA units: 8x16 tiles of f32; with 16 registers of 256 bits:
      8x8.
    - Fills are fused into the tiles of every op that reads or writes them
      (`fused_producers`). A contraction whose only user is an elementwise op
      reading it with a permutation (the matmul under a bias + activation
      epilogue) is not a root: the epilogue is, with the contraction's
      register tile, and fuses it. A contraction with a second user stays a
      root of its own.
    - With `threads` > 1, a root's parallel tiles are also its thread tiles
      (`distribution_tiles`) when it has more than one tile, at least
      `min-parallel-work` loop iterations (its fused contraction's included),
      and at least 16 iterations per tile: a fork/join of the thread team
      costs microseconds, and a scalar tile's OpenMP loop nest recomputes
      every index. The sizes are the register tiles, so each output element
      is computed by the same instructions on any thread count.
    - An op that reads or writes `i1` gets no `vector_sizes`: LLVM packs a
      vector of i1 in bits while a buffer of i1 holds bytes.
    - `linalg.conv_2d_nchw_fchw` with static shapes and one element type and
      at least 4 output channels is an im2col gather and a product
      (`conv_algorithm = im2col_pixels` when the output pixels fill at least
      a quarter register, or as many lanes as the channels would, else
      `im2col_channels`); with fewer channels the gather costs more than the
      product saves and it stays `direct`.
    - A transposed convolution (the scatter generic of
      `loom/Conversion/LoomToLinalg/TransposedConvolution.h`) with at least
      4 input channels is `col2im`: a product with K = the input channels,
      then one strided addition per filter tap. With fewer, the product is
      an outer product of almost no depth and the additions dominate; it
      stays `direct`: scalar loops, as written (no register tiles or
      vectors: its output rows are reached by several loops, which the
      vectorizer cannot express).

    - A rank-2 `linalg.matmul` whose B does not fit in the L2 cache, with
      at least 64 rows of A, gets only `pack_tiles = [0, lanes, 0]`: B
      packed into panels of one register of columns, contiguous along K
      (unpacked, each row of a register tile's B is N elements from the
      next). Fewer rows do not repay the copy (measured: 1.25-1.6x faster
      from 64 rows, even at 32, slower at 16). An epilogue does not claim a
      matmul that is packed.
    - A root contraction without batch loops whose B (the input that no
      row loop reads) exceeds L2, with at least 64 rows, gets `cache_tiles`
      over its outermost column loop: the largest multiple of its register
      tile dividing the loop whose K x block of B fits in half of L2, so
      each row block of the register tiles reads the block from L2. None
      when the op is distributed (a thread tile is one register tile).

    Run it again after `loom-cpu-rewrite-convolutions` and after
    `loom-pack`: it configures the ops those created and leaves the others
    alone.

    Example (default target):

    ```mlir
    %r = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>)
        outs(%fill : tensor<32x48xf32>) -> tensor<32x48xf32>
    ```

    gets

    ```mlir
    {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0],
        reduction_tiles = [0, 0, 1], vector_sizes = [8, 16, 1], root = true,
        fused_producers = [2]>}
    ```
  }];
  let options = [
    Option<"threads", "threads", "unsigned", /*default=*/"1",
           "Threads that run the code (> 1: distribute large ops' tiles)">,
    Option<"minParallelWork", "min-parallel-work", "int64_t",
           /*default=*/"65536",
           "Loop iterations an op needs before its tiles are distributed">,
  ];
  let dependentDialects = ["loom::LoomDialect"];
}

def RewriteConvolutions
    : Pass<"loom-cpu-rewrite-convolutions", "mlir::func::FuncOp"> {
  let summary = "Rewrite convolutions with the algorithm their config names";
  let description = [{
    A `linalg.conv_2d_nchw_fchw` whose `loom.lowering_config` says
    `conv_algorithm = im2col_pixels` or `im2col_channels` becomes an im2col
    gather (a `linalg.generic` copy of the input windows, K = C*KH*KW) and a
    matrix product:

    - `im2col_pixels`: out[n] (F x OH*OW) += W (F x K) * col[n] (K x OH*OW),
      a `linalg.generic`; the result is already NCHW, no transposes.
    - `im2col_channels`: (N*OH*OW x F) = col (N*OH*OW x K) * W^T (K x F), a
      `linalg.matmul` with the filter transposed, its result transposed back
      to NCHW.

    A `linalg.fill` init is recreated in the product's shape, so it fuses
    into the product's tiles.

    A transposed convolution's scatter generic with `conv_algorithm =
    col2im` becomes the product the adjoint of im2col implies, columns
    ((C*KH*KW) x (N*H*W)) = W^T x dY (channel-major), a `linalg.matmul`,
    then for each filter tap a `linalg.generic` that adds the tap's columns
    into the strided window of the accumulator it reaches
    (`tensor.extract_slice` / `tensor.insert_slice` with the op's strides).

    Other ops are left alone; a config asking for im2col of a convolution
    with dynamic shapes or mixed element types, or for col2im of an op that
    is not a transposed convolution, is an error. The new ops have no config: run
    `loom-cpu-select-lowering-config` after this pass.
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::tensor::TensorDialect",
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
    leave the register tiles one lane wide.
    Kept as written, the contraction gets its 8x16 tiles and the reshapes
    stay metadata.

    Elementwise producers are still fused into their consumers (reductions
    included) when they have no other user, as upstream does. The decisions
    are the CPU's named policy (`loom::cpuElementwiseFusionPolicy`); the
    patterns are the target-neutral `loom::populateElementwiseFusionPatterns`.
  }];
  let dependentDialects = [
    "mlir::affine::AffineDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::tensor::TensorDialect",
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

#endif // LOOM_CODEGEN_CPU_PASSES_TD
