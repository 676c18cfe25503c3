//===- LoomInterfaces.td - loom op interfaces --------------*- tablegen -*-===//
#ifndef LOOM_INTERFACES_TD
#define LOOM_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Loom_GradientOpInterface : OpInterface<"GradientOpInterface"> {
  let cppNamespace = "::loom";
  let description = [{
    The derivative of an op, written as loom ops, so that the autodiff passes
    (`loom-autodiff`, `loom-jvp`) walk a function without knowing any op.

    Only float values carry derivatives: integer and i1 operands (seeds,
    conditions, indices) never receive a cotangent or a tangent, and the passes
    never ask for one. Both methods insert at the builder's insertion point and
    use the op's location.
  }];
  let methods = [
    InterfaceMethod<[{
        Reverse mode: builds the vector-Jacobian product. `resultCotangents`
        holds one cotangent per float result (the result's type, never null).
        Returns one entry per operand: the operand's cotangent (its type) where
        `operandNeedsGradient[i]` is true, null elsewhere (a rule may skip the
        work for operands the caller does not need).
      }],
      "::llvm::SmallVector<::mlir::Value>", "buildVjp",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$resultCotangents,
           "::llvm::ArrayRef<bool>":$operandNeedsGradient)>,
    InterfaceMethod<[{
        Forward mode: builds the Jacobian-vector product. `operandTangents`
        holds one tangent per operand: a value of the operand's type for every
        float operand (zeros where the operand does not vary), null for integer
        and i1 operands. Returns one tangent per result, null for results that
        are not float.
      }],
      "::llvm::SmallVector<::mlir::Value>", "buildJvp",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$operandTangents)>,
  ];
}

#endif // LOOM_INTERFACES_TD
