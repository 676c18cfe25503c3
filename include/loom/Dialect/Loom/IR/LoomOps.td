//===- LoomOps.td - loom dialect operations ----------------*- tablegen -*-===//
#ifndef LOOM_OPS_TD
#define LOOM_OPS_TD

include "loom/Dialect/Loom/IR/LoomDialect.td"
include "loom/Dialect/Loom/IR/LoomInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "loom/Dialect/Loom/IR/LoomCodegenAttrs.td"

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class Loom_UnaryOp<string mnemonic, string doc, list<Trait> traits = []>
    : Loom_Op<mnemonic, !listconcat(traits,
        [Pure, Elementwise, SameOperandsAndResultType,
         DeclareOpInterfaceMethods<Loom_GradientOpInterface>])> {
  let summary = doc;
  let arguments = (ins Loom_FloatTensor:$operand);
  let results = (outs Loom_FloatTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

class Loom_BinaryOp<string mnemonic, string doc, list<Trait> traits = []>
    : Loom_Op<mnemonic, !listconcat(traits,
        [Pure, Elementwise, SameOperandsAndResultType,
         DeclareOpInterfaceMethods<Loom_GradientOpInterface>])> {
  let summary = doc;
  let description = [{
    Both operands have the result's type; broadcast first with
    `loom.broadcast_in_dim` where shapes differ.
  }];
  let arguments = (ins Loom_FloatTensor:$lhs, Loom_FloatTensor:$rhs);
  let results = (outs Loom_FloatTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def Loom_AddOp : Loom_BinaryOp<"add", "elementwise lhs + rhs", [Commutative]> {
  let hasFolder = 1;
}
def Loom_SubOp : Loom_BinaryOp<"sub", "elementwise lhs - rhs"> { let hasFolder = 1; }
def Loom_MulOp : Loom_BinaryOp<"mul", "elementwise lhs * rhs", [Commutative]> {
  let hasFolder = 1;
}
def Loom_DivOp : Loom_BinaryOp<"div", "elementwise lhs / rhs"> { let hasFolder = 1; }
def Loom_MaxOp : Loom_BinaryOp<"max", "elementwise maximum", [Commutative]> {
  let hasFolder = 1;
}
def Loom_MinOp : Loom_BinaryOp<"min", "elementwise minimum", [Commutative]> {
  let hasFolder = 1;
}
def Loom_PowOp : Loom_BinaryOp<"pow", "elementwise lhs raised to rhs">;

def Loom_NegOp : Loom_UnaryOp<"neg", "elementwise -x"> { let hasFolder = 1; }
def Loom_ExpOp : Loom_UnaryOp<"exp", "elementwise e^x">;
def Loom_LogOp : Loom_UnaryOp<"log", "elementwise natural logarithm">;
def Loom_TanhOp : Loom_UnaryOp<"tanh", "elementwise hyperbolic tangent">;
def Loom_SigmoidOp : Loom_UnaryOp<"sigmoid", "elementwise 1 / (1 + e^-x)">;
def Loom_ReluOp : Loom_UnaryOp<"relu", "elementwise max(x, 0)">;
def Loom_GeluOp : Loom_UnaryOp<"gelu", "GELU, tanh approximation"> {
  let description = [{
    `0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))`, the form PyTorch
    computes with `approximate="tanh"`.
  }];
}
def Loom_SqrtOp : Loom_UnaryOp<"sqrt", "elementwise square root">;
def Loom_RsqrtOp : Loom_UnaryOp<"rsqrt", "elementwise 1 / sqrt(x)">;
def Loom_SquareOp : Loom_UnaryOp<"square", "elementwise x * x">;
def Loom_AbsOp : Loom_UnaryOp<"abs", "elementwise |x|">;

def Loom_LeakyReluOp : Loom_Op<"leaky_relu",
    [Pure, Elementwise, SameOperandsAndResultType,
     DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "elementwise x if x > 0 else alpha * x";
  let arguments = (ins Loom_FloatTensor:$operand, F64Attr:$alpha);
  let results = (outs Loom_FloatTensor:$result);
  let assemblyFormat = "$operand `,` $alpha attr-dict `:` type($result)";
}

def Loom_CompareOp : Loom_Op<"compare", [Pure, Elementwise,
    SameTypeOperands, DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "elementwise comparison producing i1";
  let arguments = (ins Loom_ComparisonPredicate:$predicate,
                       Loom_AnyTensor:$lhs, Loom_AnyTensor:$rhs);
  let results = (outs Loom_BoolTensor:$result);
  let assemblyFormat = "$predicate `,` $lhs `,` $rhs attr-dict `:` type($lhs)";
}

def Loom_SelectOp : Loom_Op<"select", [Pure, Elementwise,
    AllTypesMatch<["on_true", "on_false", "result"]>,
    DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "elementwise condition ? on_true : on_false";
  let arguments = (ins Loom_BoolTensor:$condition, Loom_AnyTensor:$on_true,
                       Loom_AnyTensor:$on_false);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = [{
    $condition `,` $on_true `,` $on_false attr-dict `:` type($condition) `,` type($result)
  }];
  let hasFolder = 1;
}

def Loom_ConvertOp : Loom_Op<"convert", [Pure, Elementwise,
    DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "elementwise element-type conversion";
  let description = [{
    Float to float rounds to nearest, integer to float converts the signed value
    (i1 gives 0 or 1), float to integer truncates toward zero.
  }];
  let arguments = (ins Loom_AnyTensor:$operand);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Shape and layout
//===----------------------------------------------------------------------===//

def Loom_BroadcastInDimOp : Loom_Op<"broadcast_in_dim",
    [Pure, DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "broadcast a tensor into a larger shape";
  let description = [{
    As in HLO: operand dimension `i` maps to result dimension
    `broadcast_dimensions[i]` (strictly increasing) and must have that
    dimension's size or size 1; the other result dimensions are new.

    ```mlir
    %b = loom.broadcast_in_dim %bias dims = [1] : tensor<16xf32> -> tensor<8x16xf32>
    ```
  }];
  let arguments = (ins Loom_AnyTensor:$operand,
                       DenseI64ArrayAttr:$broadcast_dimensions);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = [{
    $operand `dims` `=` $broadcast_dimensions attr-dict `:` type($operand) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Loom_ReshapeOp : Loom_Op<"reshape",
    [Pure, DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "reinterpret the elements, in row-major order, in a new shape";
  let arguments = (ins Loom_AnyTensor:$operand);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Loom_TransposeOp : Loom_Op<"transpose",
    [Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>,
     DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "permute dimensions: result dim i is operand dim perm[i]";
  let arguments = (ins Loom_AnyTensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = [{
    $operand `perm` `=` $permutation attr-dict `:` type($operand) `->` type($result)
  }];
  let hasFolder = 1;
}

def Loom_SliceOp : Loom_Op<"slice",
    [Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>,
     DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "static strided slice";
  let description = [{
    Along dimension `d` takes indices `start[d], start[d] + strides[d], ...` below
    `limit[d]`; the result has `ceil((limit - start) / stride)` elements there.
  }];
  let arguments = (ins Loom_AnyTensor:$operand, DenseI64ArrayAttr:$start,
                       DenseI64ArrayAttr:$limit, DenseI64ArrayAttr:$strides);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = [{
    $operand `start` `=` $start `limit` `=` $limit `strides` `=` $strides attr-dict
    `:` type($operand) `->` type($result)
  }];
  let hasFolder = 1;
}

def Loom_ConcatOp : Loom_Op<"concat",
    [Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>,
     DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "concatenate tensors along one dimension";
  let arguments = (ins Variadic<Loom_AnyTensor>:$inputs, I64Attr:$axis);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = [{
    $inputs `axis` `=` $axis attr-dict `:` functional-type($inputs, $result)
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Contractions and reductions
//===----------------------------------------------------------------------===//

def Loom_MatmulOp : Loom_Op<"matmul",
    [Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>,
     DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "(batched) matrix product";
  let description = [{
    `lhs: [b..., m, k]`, `rhs: [b..., k, n]` give `[b..., m, n]`; batch dimensions
    must be equal (broadcast explicitly). Accumulates in the element type.

    Canonicalization folds the batch into the rows when `rhs` is a 2-D weight
    broadcast over the batch: one `[b...*m, k] x [k, n]` product between two
    reshapes instead of a batched product of a materialized broadcast.
  }];
  let arguments = (ins Loom_FloatTensor:$lhs, Loom_FloatTensor:$rhs);
  let results = (outs Loom_FloatTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasCanonicalizer = 1;
}

def Loom_Conv2DOp : Loom_Op<"conv2d",
    [Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>,
     DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "2-D convolution, NCHW input and OIHW filter";
  let description = [{
    Cross-correlation as in PyTorch's `conv2d` (no bias, no groups):
    `input: [n, c, h, w]`, `filter: [o, c, kh, kw]`, zero padding `padding =
    [ph, pw]` on both sides, `strides = [sh, sw]`, filter taps `dilations =
    [dh, dw]` apart (default 1, printed only when not 1);

      result[n, o, y, x] = sum_{c, i, j} input[n, c, y*sh + i*dh - ph,
                                               x*sw + j*dw - pw] * filter[o, c, i, j]

    with `[n, o, (h + 2ph - dh(kh - 1) - 1) / sh + 1, (w + ...) / sw + 1]`.
  }];
  let arguments = (ins Loom_FloatTensor:$input, Loom_FloatTensor:$filter,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding,
                       DefaultValuedOptionalAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations);
  let results = (outs Loom_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter `strides` `=` $strides `padding` `=` $padding
    (`dilations` `=` $dilations^)? attr-dict
    `:` type($input) `,` type($filter) `->` type($result)
  }];
}

def Loom_Conv2DTransposeOp : Loom_Op<"conv2d_transpose",
    [Pure, DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "the adjoint of conv2d with respect to its input";
  let description = [{
    The transposed ("fractionally strided") convolution, PyTorch's
    `conv_transpose2d` without output padding: every input element scatters
    its filter window into the result,

      result[n, c, y*sh + i*dh - ph, x*sw + j*dw - pw] +=
          input[n, o, y, x] * filter[o, c, i, j]

    for `input: [n, o, oh, ow]` and `filter: [o, c, kh, kw]` (the layout of
    the `loom.conv2d` it transposes). The result `[n, c, h, w]` is given by
    its type, since several `h` convolve to the same `oh`; it must satisfy
    `(h + 2ph - dh(kh - 1) - 1) / sh + 1 == oh`. This is the input gradient
    of `loom.conv2d`, computed without the zeros a stride-dilated cotangent
    would add.
  }];
  let arguments = (ins Loom_FloatTensor:$input, Loom_FloatTensor:$filter,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding,
                       DefaultValuedOptionalAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations);
  let results = (outs Loom_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter `strides` `=` $strides `padding` `=` $padding
    (`dilations` `=` $dilations^)? attr-dict
    `:` type($input) `,` type($filter) `->` type($result)
  }];
  let hasVerifier = 1;
}

class Loom_ReduceOp<string mnemonic, string doc>
    : Loom_Op<mnemonic, [Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>,
                         DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = doc;
  let description = [{
    Reduces over `axes` (strictly increasing, in range) and drops them from the
    shape; reshape afterwards to keep them as size 1.
  }];
  let arguments = (ins Loom_FloatTensor:$operand, DenseI64ArrayAttr:$axes);
  let results = (outs Loom_FloatTensor:$result);
  let assemblyFormat = [{
    $operand `axes` `=` $axes attr-dict `:` type($operand) `->` type($result)
  }];
}

def Loom_ReduceSumOp : Loom_ReduceOp<"reduce_sum", "sum over axes">;
def Loom_ReduceMeanOp : Loom_ReduceOp<"reduce_mean", "mean over axes">;
def Loom_ReduceMaxOp : Loom_ReduceOp<"reduce_max", "maximum over axes">;

//===----------------------------------------------------------------------===//
// Sources
//===----------------------------------------------------------------------===//

def Loom_ConstantOp : Loom_Op<"constant", [Pure, ConstantLike,
    DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "a constant tensor";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Loom_IotaOp : Loom_Op<"iota", [Pure]> {
  let summary = "each element is its index along one dimension";
  let arguments = (ins I64Attr:$dimension);
  let results = (outs Loom_AnyTensor:$result);
  let assemblyFormat = "`dim` `=` $dimension attr-dict `:` type($result)";
  let hasVerifier = 1;
}

class Loom_RandomOp<string mnemonic, string doc> : Loom_Op<mnemonic, [Pure]> {
  let summary = doc;
  let description = [{
    Counter-based: element `i` (row-major linear index) is a pure function of
    `(seed, stream, i)`, so the numbers do not depend on tiling, vector width or
    thread count. Ops with the same seed and different `stream` give independent
    numbers. The generator is specified in `loom/Support/CounterRNG.h`.
  }];
  let arguments = (ins Loom_SeedTensor:$seed, I64Attr:$stream);
  let results = (outs Loom_FloatTensor:$result);
  let assemblyFormat = [{
    $seed `stream` `=` $stream attr-dict `:` type($seed) `->` type($result)
  }];
}

def Loom_RandomUniformOp : Loom_RandomOp<"random_uniform", "uniform numbers in [0, 1)">;
def Loom_RandomNormalOp : Loom_RandomOp<"random_normal", "standard normal numbers">;

//===----------------------------------------------------------------------===//
// Collectives
//===----------------------------------------------------------------------===//

def Loom_AllReduceOp : Loom_Op<"all_reduce",
    [MemoryEffects<[MemRead, MemWrite]>,
     DeclareOpInterfaceMethods<InferTypeOpInterface>,
     DeclareOpInterfaceMethods<Loom_GradientOpInterface>]> {
  let summary = "combines each operand elementwise across the ranks of a communicator";
  let description = [{
    Every rank of the communicator `comm` runs the op with operands of the
    same types; result `i` is, on every rank, the elementwise `sum` (or
    `mean`: the sum divided by the number of ranks) of operand `i` over the
    ranks. The operands of one op are one bucket: they travel together, in
    one exchange of their total size.

    `comm` is a handle the runtime gives out (`loom::Communicator::handle`,
    include/loom/Runtime/Communicator.h); handle 0 is the world of one
    process, where both kinds return the operands unchanged. The reduction
    order is fixed by the number of ranks and the bucket's size, never by
    timing, so results are reproducible. The op communicates: it keeps its
    place in program order and is never removed, since every rank must run
    the same collectives in the same order. Its adjoint is the same
    all-reduce of the cotangents (the all-reduce of a sum is its own
    adjoint). The reference evaluator is the world of one process.

    ```mlir
    %g:2 = loom.all_reduce mean %comm, %gw, %gb
        : tensor<i64>, tensor<784x256xf32>, tensor<256xf32>
    ```
  }];
  let arguments = (ins Loom_CollectiveReduction:$kind,
                       Loom_CommunicatorTensor:$comm,
                       Variadic<Loom_FloatTensor>:$inputs);
  let results = (outs Variadic<Loom_FloatTensor>:$results);
  let assemblyFormat = [{
    $kind $comm `,` $inputs attr-dict `:` type($comm) `,` type($inputs)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Instrumentation
//===----------------------------------------------------------------------===//

def Loom_CheckFiniteOp : Loom_Op<"check_finite", [MemoryEffects<[MemWrite]>]> {
  let summary = "reports the first NaN or Inf in a tensor to the runtime";
  let description = [{
    Inserted by `loom-check-numerics` after every op that produces a float
    tensor (`producer` names that op, and the check carries its location).
    When the compiled code runs, a check whose operand holds a NaN or an
    infinity reports `id` and the first such element (row-major) to the
    runtime, which fails the call with the location of the first check that
    reported. The operand is not changed and the op has no result, so folds
    and fusion see through it; its write effect keeps it in program order
    and alive. The reference evaluator ignores it.

    ```mlir
    %0 = loom.log %x : tensor<2x3xf32>
    loom.check_finite %0 id = 0 producer = "loom.log" : tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Loom_FloatTensor:$operand, I64Attr:$id,
                       StrAttr:$producer);
  let assemblyFormat = [{
    $operand `id` `=` $id `producer` `=` $producer attr-dict `:` type($operand)
  }];
  let hasVerifier = 1;
}

#endif // LOOM_OPS_TD
