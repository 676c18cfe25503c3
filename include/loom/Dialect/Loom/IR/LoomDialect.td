//===- LoomDialect.td - The loom dialect -------------------*- tablegen -*-===//
#ifndef LOOM_DIALECT_TD
#define LOOM_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Loom_Dialect : Dialect {
  let name = "loom";
  let cppNamespace = "::loom";
  let summary = "Tensor-level deep-learning graphs";
  let description = [{
    Small, orthogonal primitive ops on builtin ranked tensors with static shapes.
    Composite layers (softmax, layer norm, losses) are compositions built by the
    DSL. Broadcasting is always explicit (`loom.broadcast_in_dim`), so every
    elementwise op sees operands of one type.

    The dialect owns the ABI attributes on function arguments and results
    (`discardableAttrs` below) and verifies them wherever they appear:
    `loom.param`, `loom.input` and `loom.state` name an argument (a
    parameter, a batch input, optimizer state), `loom.init` is a parameter's
    initializer, `loom.differentiate` marks a float argument to differentiate
    with respect to, `loom.gradient` and `loom.tied_to` give the argument a
    result is the gradient of, or is written back into, and `loom.result`
    names a result (the runtime and the CLI call results by these names),
    and `loom.workspace` marks the scratch-memory argument codegen adds.
    docs/dialect.md has
    the rules; code reads them through `loom/Dialect/Loom/IR/LoomABI.h`.
  }];
  let discardableAttrs = (ins
    "::mlir::StringAttr":$param,
    "::mlir::StringAttr":$input,
    "::mlir::StringAttr":$state,
    "::loom::InitAttr":$init,
    "::mlir::UnitAttr":$differentiate,
    "::mlir::IntegerAttr":$gradient,
    "::mlir::IntegerAttr":$tied_to,
    "::mlir::StringAttr":$result,
    "::mlir::IntegerAttr":$workspace
  );
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let hasOperationAttrVerify = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
}

// Runs an op's type inference with its other invariants, before the
// InferTypeOpInterface check that follows a failure with a generic "failed to
// infer returned types": a bad op gets one diagnostic, its own.
def Loom_InferredTypesVerified : NativeOpTrait<"InferredTypesVerified"> {
  let cppNamespace = "::loom::OpTrait";
}

class Loom_Op<string mnemonic, list<Trait> traits = []>
    : Op<Loom_Dialect, mnemonic,
         !listconcat(traits, [Loom_InferredTypesVerified])>;

def Loom_FloatTensor : RankedTensorOf<[F32, F64]>;
def Loom_IndexTensor : RankedTensorOf<[I32, I64]>;
def Loom_BoolTensor : RankedTensorOf<[I1]>;
def Loom_AnyTensor : RankedTensorOf<[F32, F64, I1, I32, I64]>;
def Loom_SeedTensor : 0DTensorOf<[I64]>;

def Loom_CmpEq : I32EnumAttrCase<"eq", 0>;
def Loom_CmpNe : I32EnumAttrCase<"ne", 1>;
def Loom_CmpLt : I32EnumAttrCase<"lt", 2>;
def Loom_CmpLe : I32EnumAttrCase<"le", 3>;
def Loom_CmpGt : I32EnumAttrCase<"gt", 4>;
def Loom_CmpGe : I32EnumAttrCase<"ge", 5>;
def Loom_ComparisonPredicate : I32EnumAttr<"ComparisonPredicate",
    "comparison predicate",
    [Loom_CmpEq, Loom_CmpNe, Loom_CmpLt, Loom_CmpLe, Loom_CmpGt, Loom_CmpGe]> {
  let cppNamespace = "::loom";
}

def Loom_CommunicatorTensor : 0DTensorOf<[I64]>;

def Loom_ReduceSum : I32EnumAttrCase<"sum", 0>;
def Loom_ReduceMean : I32EnumAttrCase<"mean", 1>;
def Loom_CollectiveReduction : I32EnumAttr<"CollectiveReduction",
    "how a collective combines the ranks' values",
    [Loom_ReduceSum, Loom_ReduceMean]> {
  let cppNamespace = "::loom";
}

def Loom_InitZeros : I32EnumAttrCase<"zeros", 0>;
def Loom_InitOnes : I32EnumAttrCase<"ones", 1>;
def Loom_InitNormal : I32EnumAttrCase<"normal", 2>;
def Loom_InitUniform : I32EnumAttrCase<"uniform", 3>;
def Loom_InitXavierUniform : I32EnumAttrCase<"xavier_uniform", 4>;
def Loom_InitKaimingUniform : I32EnumAttrCase<"kaiming_uniform", 5>;
def Loom_InitKind : I32EnumAttr<"InitKind", "parameter initializer",
    [Loom_InitZeros, Loom_InitOnes, Loom_InitNormal, Loom_InitUniform,
     Loom_InitXavierUniform, Loom_InitKaimingUniform]> {
  let cppNamespace = "::loom";
  let genSpecializedAttr = 0;
}
def Loom_InitKindAttr : EnumAttr<Loom_Dialect, Loom_InitKind, "init_kind">;

def Loom_InitAttr : AttrDef<Loom_Dialect, "Init"> {
  let mnemonic = "init";
  let summary = "How the runtime initializes a parameter";
  let description = [{
    `#loom.init<kind, scale>` on a parameter argument. `scale` means: the standard
    deviation for `normal`, the bound for `uniform` (U(-scale, scale)), the gain for
    `xavier_uniform` and `kaiming_uniform`; it is ignored by `zeros` and `ones`.
    Fans follow the weight layouts of the DSL: `[in, out]` for rank 2 and
    `[out, in, kh, kw]` for rank 4.
  }];
  let parameters = (ins "::loom::InitKind":$kind,
                        APFloatParameter<"initializer scale">:$scale);
  let extraClassDeclaration = [{
    double getScaleValue() const { return getScale().convertToDouble(); }
  }];
  // `<kind, scale>`, parsed by hand: the generated parser follows the error of
  // a bad kind or scale with a second, generic one.
  let hasCustomAssemblyFormat = 1;
}

#endif // LOOM_DIALECT_TD
