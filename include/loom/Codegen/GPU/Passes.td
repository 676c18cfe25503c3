//===- Passes.td - GPU code generation passes --------------*- tablegen -*-===//
//
// The GPU's strategy (what to do, from the target description) and the
// GPU-only mechanism passes.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_GPU_PASSES_TD
#define LOOM_CODEGEN_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttachGPUTarget : Pass<"loom-gpu-attach-target", "mlir::ModuleOp"> {
  let summary = "Record the GPU the module is compiled for as loom.target";
  let description = [{
    Sets `loom.target = #loom.gpu_target<...>` on the module from the
    options, which mirror `loom::GPUTarget` (the defaults are sm_80's). A
    module that already has a `loom.target` keeps it, so a test can write its
    own.

    Example: `loom-gpu-attach-target{sm=90}` on `module {}` gives

    ```mlir
    module attributes {loom.target = #loom.gpu_target<sm = 90,
        warp_size = 32, max_threads_per_block = 1024,
        shared_memory_per_block = 49152>} {}
    ```
  }];
  let options = [
    Option<"sm", "sm", "unsigned", /*default=*/"80",
           "Compute capability (80 for sm_80)">,
    Option<"warpSize", "warp-size", "unsigned", /*default=*/"32",
           "Threads of a warp">,
    Option<"maxThreadsPerBlock", "max-threads-per-block", "unsigned",
           /*default=*/"1024", "Most threads of one block">,
    Option<"sharedMemoryPerBlock", "shared-memory-per-block", "uint64_t",
           /*default=*/"49152", "Shared memory of one block in bytes">,
  ];
  let dependentDialects = ["loom::LoomDialect"];
}

def SelectGPULoweringConfig
    : Pass<"loom-gpu-select-lowering-config", "mlir::func::FuncOp"> {
  let summary = "The GPU strategy: decide how each linalg op is lowered";
  let description = [{
    Reads the module's `#loom.gpu_target` and writes a
    `#loom.lowering_config` on every linalg op it maps to the GPU; the
    mechanism passes (`loom-cpu-rewrite-convolutions`, `loom-pad`,
    `loom-tile-and-fuse` at levels `distribution`, `thread` and `reduction`,
    `loom-vectorize`, `loom-gpu-map-to-processors`,
    `loom-gpu-lower-to-tensor-cores`) carry it out; it runs again on the ops
    the first two create. Every decision is made here:

    - An f32 contraction with one row, one column and one reduction loop and
      an output [batch..., rows, columns] goes to the tensor cores: a warp
      computes a 16x8 tile (`warp_tiles`) with one mma.sync m16n8k8 per step
      of 8 along K (`reduction_tiles`, `vector_sizes = [16, 8, 8]`), up to
      8 warps a block, at most 4 along the columns, each count a divisor of
      the instructions along its loop; a fill that only such products read
      joins the warps' tiles as a vector. When its sizes are no whole number
      of instructions and padding them at most doubles its multiply-adds, it
      is padded first (`pad_multiples = [16, 8, 8]`).
    - A convolution becomes an im2col gather and a product
      (`conv_algorithm = im2col_pixels` or `im2col_channels`, whichever
      product needs less padding), and a transposed convolution a product
      and col2im, when that product fits the tensor cores.
    - Otherwise only parallel loops are distributed; each thread computes its outputs'
      reductions alone, in the same order as the CPU's code does, so no
      result depends on the block shape.
    - A thread's tile is one output element (`thread_tiles` of 1 on every
      parallel loop, 0 on reductions).
    - A block's tile (`distribution_tiles`) takes the innermost parallel
      loops, innermost first, until it holds `threads-per-block` threads
      (at most the target's `max_threads_per_block`): consecutive threads
      then read consecutive elements of the innermost dimension, which
      coalesces their loads. A tile size is preferably a divisor of its
      loop's trip count (no partial tiles), when a divisor at least half
      the wanted size exists.
    - Ops whose outputs are scattered (a transposed convolution's faithful
      generic) and ops without parallel loops are left unconfigured: they
      run as one-thread kernels (`loom-gpu-map-to-processors`).
    - Fills that initialize a reduction's output are fused into its tiles.

    Example, for `linalg.generic` on `tensor<64x784xf32>` with 256 threads
    a block: `distribution_tiles = [1, 196]`, `thread_tiles = [1, 1]`.
  }];
  let options = [
    Option<"threadsPerBlock", "threads-per-block", "unsigned",
           /*default=*/"256",
           "Threads the strategy aims for in one block">,
  ];
  let dependentDialects = ["loom::LoomDialect"];
}

def MapToProcessors
    : Pass<"loom-gpu-map-to-processors", "mlir::func::FuncOp"> {
  let summary = "Map the block and thread foralls of bufferized code to GPU "
                "processors; run what is left on the host as one-thread "
                "kernels";
  let description = [{
    After bufferization, on each function:

    - A top-level `scf.forall` (the tiles of one block each) becomes an
      `scf.parallel` over its iterations mapped to `block_x`, and an
      `scf.forall` directly inside it (one thread each) an `scf.parallel`
      mapped to `thread_x`; the iteration of a multi-dimensional forall is
      linearized, its innermost dimension fastest (consecutive threads, then
      consecutive elements). A thread forall whose trip count depends on
      the block (a partial tile) gets its largest trip count as its thread
      count, and the threads past the block's own count do nothing. A
      forall mapped to warps (`#gpu.warp<...>`) gets `warp-lanes` threads
      per iteration, which all run its body: the warp's instructions
      (`mma.sync`) compute its tile together.
    - A top-level `memref.load` of an argument that nothing but loads
      reads (a random seed) is copied into each kernel that uses its value.
    - A top-level `memref.copy` of a static shape (bufferization adds them)
      becomes a kernel of one element per thread, in blocks of 256.
    - Any other top-level op that reads or writes memory (an op the
      strategy did not distribute) is wrapped in a one-block, one-thread
      `scf.parallel`: the host only launches kernels, it never touches
      device memory.

    `convert-parallel-loops-to-gpu` then turns each mapped nest into a
    `gpu.launch`. A forall nested deeper, or a thread forall of more than
    `max-threads` iterations, is an error.
  }];
  let options = [
    Option<"maxThreads", "max-threads", "unsigned", /*default=*/"1024",
           "Most threads of one block">,
    Option<"hostCalls", "host-calls", "bool", /*default=*/"false",
           "Let one-thread kernels call host functions (nvptx-host, whose "
           "kernels run on the host); otherwise a func.call is an error">,
    Option<"warpLanes", "warp-lanes", "unsigned", /*default=*/"32",
           "Threads that run one iteration of a warp forall: the warp size, "
           "or 1 where one host thread computes a warp's vectors (nvptx-host)">,
  ];
  let dependentDialects = [
    "mlir::affine::AffineDialect",
    "mlir::arith::ArithDialect",
    "mlir::gpu::GPUDialect",
    "mlir::scf::SCFDialect",
  ];
}

def LowerToTensorCores
    : Pass<"loom-gpu-lower-to-tensor-cores", "mlir::gpu::GPUModuleOp"> {
  let summary = "Each warp's vector contraction becomes tensor-core "
                "instructions, at the precision asked for";
  let description = [{
    Inside the kernels, a warp's `vector.contract` of a grid of tensor-core
    instructions (16k x 8l outputs, a reduction of 8, f32: what the
    strategy's `warp_tiles` and `vector_sizes` give), read with
    `vector.transfer_read`, its accumulator carried by an `scf.for`, written
    with `vector.transfer_write`, becomes `nvgpu.mma.sync` m16n8k8: each
    lane (`gpu.lane_id`) loads its part of the operands once per row and
    per column of instructions and its part of the accumulators (the PTX
    ISA's fragment layout of m16n8k8 TF32), the loop carries the lane's
    accumulators (a `vector<2x2xf32>` per instruction), and each lane
    stores its part. Unit (batch) dimensions index the memory as they are.

    f32 operands go through the TF32 tensor cores, whose inputs have 10
    mantissa bits:

    - by default, three TF32 products per instruction (3xTF32): each operand
      is split into `hi`, its f32 value with the low 13 mantissa bits
      cleared, and `lo = x - hi`, and the accumulator takes `lo_a * hi_b`,
      `hi_a * lo_b` and `hi_a * hi_b`, smallest first: about f32 accuracy
      (what is dropped, `lo_a * lo_b` and `lo`'s own truncation, is near
      2^-20 relative); `lo` is itself cleared to TF32;
    - with `tf32`, one TF32 product of the operands cleared to TF32: three
      times the throughput, and results that differ from f32 at ~2^-10
      relative, so only on request
      (`loomc --gpu-tf32`).

    A `vector.contract` that is left (one the conversion cannot take) is an
    error: it would run on every lane of the warp.
  }];
  let options = [
    Option<"tf32", "tf32", "bool", /*default=*/"false",
           "One TF32 product per instruction instead of three (3xTF32)">,
  ];
  let dependentDialects = [
    "mlir::affine::AffineDialect",
    "mlir::arith::ArithDialect",
    "mlir::gpu::GPUDialect",
    "mlir::memref::MemRefDialect",
    "mlir::nvgpu::NVGPUDialect",
    "mlir::vector::VectorDialect",
  ];
}

def CheckHostCode : Pass<"loom-gpu-check-host-code", "mlir::func::FuncOp"> {
  let summary = "Fail on host code that reads or writes device memory";
  let description = [{
    After `convert-parallel-loops-to-gpu`, every buffer is device memory: the
    host may allocate, free and take views of buffers and launch kernels, but
    an op outside a `gpu.launch` that reads or writes memory is an error
    naming it. It guards the invariant `loom-gpu-map-to-processors`
    establishes against later passes (a canonicalization that inlines a
    one-iteration loop would otherwise move a kernel's work to the host).
  }];
}

def MergeKernelModules
    : Pass<"loom-gpu-merge-kernel-modules", "mlir::ModuleOp"> {
  let summary = "Move every outlined kernel into one gpu.module";
  let description = [{
    `gpu-kernel-outlining` gives each kernel a `gpu.module` of its own,
    named uniquely, with the kernel named after the function it came from.
    This pass moves the kernels of all of them into the first, each renamed
    after the module it leaves, and points every `gpu.launch_func` at it, so
    a program's kernels are one PTX module: one file for `ptxas`, one module
    for the driver to load.
  }];
  let dependentDialects = ["mlir::gpu::GPUDialect"];
}

def ApproximateMath : Pass<"loom-gpu-approximate-math", "mlir::gpu::GPUModuleOp"> {
  let summary = "Compute the kernels' f32 math functions with polynomials";
  let description = [{
    Expands `math.powf`, `exp2`, `tan` and the hyperbolic functions into exp
    and log, rewrites `math.tanh`, `math.exp`, `math.log`, `math.erf` and the
    other f32 functions MLIR approximates into arithmetic, with the same
    approximations the CPU's code uses (`loom-lower-vectors`), and `math.fma`, `absf`,
    `floor`, `ceil`, `sqrt`, `rsqrt` (as 1 / sqrt), `copysign`, `roundeven`
    and `trunc` into the LLVM intrinsics that NVPTX has instructions for. The
    kernels then call nothing: without it, `convert-gpu-to-nvvm` turns every
    math op into a call of CUDA's libdevice (`__nv_expf`, `__nv_fmaf`),
    which only a CUDA toolkit provides. f64 transcendental functions keep
    those calls (docs/gpu.md).
  }];
  let dependentDialects = [
    "mlir::LLVM::LLVMDialect",
    "mlir::arith::ArithDialect",
    "mlir::math::MathDialect",
    "mlir::vector::VectorDialect",
  ];
}

#endif // LOOM_CODEGEN_GPU_PASSES_TD
