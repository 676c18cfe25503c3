//===- LoomCodegenAttrs.td - What code generation decided --*- tablegen -*-===//
//
// Attributes a target's lowering strategy writes and its mechanism passes
// read: the description of the target (on the module) and the lowering
// configuration of each op (see docs/pipeline.md).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_ATTRS_TD
#define LOOM_CODEGEN_ATTRS_TD

include "loom/Dialect/Loom/IR/LoomDialect.td"

def Loom_CPUTargetAttr : AttrDef<Loom_Dialect, "CPUTarget"> {
  let mnemonic = "cpu_target";
  let summary = "The facts about a CPU that its lowering strategy reads";
  let description = [{
    `loom.target = #loom.cpu_target<...>` on a module says which CPU its code
    is for: the widest vector register the code may use (`vector_bits`), how
    many of them the ISA names (`vector_registers`), the vector FMAs a core
    starts per cycle (`fma_units`), and the per-core L1 data and L2 caches and
    the shared L3 in bytes. `loom-cpu-select-lowering-config` derives tile
    sizes from it. Every field is required and positive; `vector_bits` is a
    power of two of at least 128.

    ```mlir
    module attributes {loom.target = #loom.cpu_target<vector_bits = 256,
        vector_registers = 16, fma_units = 2, l1_cache = 32768,
        l2_cache = 1048576, l3_cache = 33554432>} {}
    ```
  }];
  let parameters = (ins "unsigned":$vector_bits, "unsigned":$vector_registers,
                        "unsigned":$fma_units, "uint64_t":$l1_cache,
                        "uint64_t":$l2_cache, "uint64_t":$l3_cache);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Loom_GPUTargetAttr : AttrDef<Loom_Dialect, "GPUTarget"> {
  let mnemonic = "gpu_target";
  let summary = "The facts about an NVIDIA GPU that its lowering strategy reads";
  let description = [{
    `loom.target = #loom.gpu_target<...>` on a module says which GPU its code
    is for: the compute capability (`sm`, e.g. 80 for sm_80), the threads of
    a warp, the most threads one block may have and the shared memory one
    block may use, in bytes. `loom-gpu-select-lowering-config` derives the
    block and thread tiles from it. `sm` is at least 50, `warp_size` a power
    of two and `max_threads_per_block` a multiple of it.

    ```mlir
    module attributes {loom.target = #loom.gpu_target<sm = 80,
        warp_size = 32, max_threads_per_block = 1024,
        shared_memory_per_block = 49152>} {}
    ```
  }];
  let parameters = (ins "unsigned":$sm, "unsigned":$warp_size,
                        "unsigned":$max_threads_per_block,
                        "uint64_t":$shared_memory_per_block);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Loom_ConvNone : I32EnumAttrCase<"none", 0>;
def Loom_ConvDirect : I32EnumAttrCase<"direct", 1>;
def Loom_ConvIm2colPixels : I32EnumAttrCase<"im2col_pixels", 2>;
def Loom_ConvIm2colChannels : I32EnumAttrCase<"im2col_channels", 3>;
def Loom_ConvCol2im : I32EnumAttrCase<"col2im", 4>;
def Loom_ConvAlgorithm : I32EnumAttr<"ConvAlgorithm",
    "how a convolution is computed",
    [Loom_ConvNone, Loom_ConvDirect, Loom_ConvIm2colPixels,
     Loom_ConvIm2colChannels, Loom_ConvCol2im]> {
  let cppNamespace = "::loom";
  let genSpecializedAttr = 0;
}

// A list of sizes in square brackets, `[8, 16, 0]`; omitted when empty.
class Loom_SizesParameter<string desc>
    : OptionalArrayRefParameter<"int64_t", desc> {
  let parser = [{
    [&]() -> ::mlir::FailureOr<::llvm::SmallVector<int64_t>> {
      ::llvm::SmallVector<int64_t> sizes;
      if ($_parser.parseCommaSeparatedList(
              ::mlir::AsmParser::Delimiter::Square,
              [&] { return $_parser.parseInteger(sizes.emplace_back()); }))
        return ::mlir::failure();
      return sizes;
    }()
  }];
  let printer = [{
    $_printer << '[';
    ::llvm::interleaveComma($_self, $_printer);
    $_printer << ']';
  }];
}

def Loom_LoweringConfigAttr : AttrDef<Loom_Dialect, "LoweringConfig"> {
  let mnemonic = "lowering_config";
  let summary = "How one op is lowered: its tiles, vectors, algorithm and "
                "fusion group";
  let description = [{
    `loom.lowering_config = #loom.lowering_config<...>` on a linalg op is the
    decision of the target's strategy (`loom-cpu-select-lowering-config`);
    the mechanism passes read it and decide nothing themselves. Every list of
    sizes has one entry per loop of the op; 0 leaves a loop untiled, and an
    empty (omitted) list skips that level.

    - `distribution_tiles`: the parallel tiles handed to threads (an
      `scf.forall`); empty: the op runs on one thread. On a GPU, the tile of
      one thread block.
    - `cache_tiles`: the parallel tiles whose operands stay in cache; a root
      is tiled by them with `scf.for` loops (inside its thread tile, around
      its register tiles).
    - `pack_tiles`: the inner tile of each loop by which the op's operands
      are packed (`loom-pack`: `linalg.pack` with these tiles, panels
      contiguous along the reduction); 0 leaves a loop unpacked, empty: not
      packed. A packed op is replaced by a packed `linalg.generic` that the
      strategy configures in turn.
    - `register_tiles`: the parallel tiles computed in registers; a root is
      tiled by them with `scf.for` loops (inside its thread tile).
    - `reduction_tiles`: the tiles of the reduction loops, whose accumulator
      stays in registers across the reduction.
    - `vector_sizes`: the vector shape of one register tile; empty: the op
      stays scalar (e.g. it reads or writes `i1`, which LLVM packs in bits).
    - `conv_algorithm`: for a convolution, how it is computed: `direct` (as
      written), `im2col_pixels` (a window gather and a product with the
      output pixels as columns) or `im2col_channels` (with the output
      channels as columns); for a transposed convolution (the scatter
      generic that `convert-loom-to-linalg` emits), `direct` (as written, in
      scalar loops) or `col2im` (a product, then strided additions of each
      filter tap's columns); `none` for other ops.
    - `root`: the op starts a fusion group and is tiled; an op that is not a
      root is only computed inside the tiles of the root that fuses it.
    - `fused_producers`: the operand numbers of the op whose producers join
      its group (computed inside its tiles).
    - `thread_tiles`: on a GPU, the tile of one thread inside its block's
      tile (an `scf.forall` nested in the block's); empty: not a GPU op.
    - `warp_tiles`: on a GPU, the tile of one warp inside its block's tile
      (an `scf.forall` mapped to warps), which the warp computes with
      tensor-core instructions of the shape `vector_sizes`; an op has
      thread tiles or warp tiles, not both.
    - `pad_multiples`: each loop's trip count is rounded up to a multiple of
      its entry (0 or 1: not padded) by `loom-pad`, the operands extended
      with zeros: the op is replaced by one on the padded shapes, whose
      result's slice replaces its result, and which the strategy configures
      in turn (a product padded to whole tensor-core instructions).

    ```mlir
    %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<
             register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1],
             vector_sizes = [8, 16, 1], root = true, fused_producers = [2]>}
        ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>)
        outs(%fill : tensor<32x48xf32>) -> tensor<32x48xf32>
    ```
  }];
  let parameters = (ins
      Loom_SizesParameter<"thread tile per loop">:$distribution_tiles,
      Loom_SizesParameter<"cache tile per loop">:$cache_tiles,
      Loom_SizesParameter<"packing tile per loop">:$pack_tiles,
      Loom_SizesParameter<"register tile per loop">:$register_tiles,
      Loom_SizesParameter<"reduction tile per loop">:$reduction_tiles,
      Loom_SizesParameter<"vector shape of a register tile">:$vector_sizes,
      DefaultValuedParameter<"::loom::ConvAlgorithm",
                             "::loom::ConvAlgorithm::none">:$conv_algorithm,
      DefaultValuedParameter<"bool", "false">:$root,
      Loom_SizesParameter<"operands whose producers join the group">
          :$fused_producers,
      Loom_SizesParameter<"GPU thread tile per loop">:$thread_tiles,
      Loom_SizesParameter<"GPU warp tile per loop">:$warp_tiles,
      Loom_SizesParameter<"multiple each loop is padded to">:$pad_multiples);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // LOOM_CODEGEN_ATTRS_TD
