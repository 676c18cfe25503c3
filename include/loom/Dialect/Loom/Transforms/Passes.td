//===- Passes.td - loom dialect transformations ------------*- tablegen -*-===//
#ifndef LOOM_DIALECT_LOOM_TRANSFORMS_PASSES_TD
#define LOOM_DIALECT_LOOM_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def LoomAutodiff : Pass<"loom-autodiff", "mlir::ModuleOp"> {
  let summary = "Reverse-mode differentiation: emit @f_grad next to @f";
  let description = [{
    For a function `@f` whose result 0 is a scalar loss (`tensor<f32>` or
    `tensor<f64>`), followed by any auxiliary results, adds `@f_grad` with the
    same arguments that returns the loss, the auxiliaries and one gradient per
    differentiated argument, in argument order. `@f` itself is unchanged.

    Differentiated arguments are those carrying the unit attribute
    `loom.differentiate`; a function with none differentiates every float
    argument carrying `loom.param`. Without the `function` option the pass
    handles every function with a `loom.differentiate` argument.

    The gradient function recomputes the forward ops, then walks them
    backwards and asks each op on a path from a differentiated argument to the
    loss for its vector-Jacobian product (`GradientOpInterface`); fan-out is
    summed with `loom.add`, other ops produce no backward code. When ops on
    that path have no rule, one error names all of them (and the
    differentiable ops after them) and the module is left unchanged. Each
    gradient result carries `loom.gradient = <argument index>`.

    Example:

    ```mlir
    func.func @f(%w: tensor<3xf32> {loom.differentiate}) -> tensor<f32> {
      %0 = loom.square %w : tensor<3xf32>
      %1 = loom.reduce_sum %0 axes = [0] : tensor<3xf32> -> tensor<f32>
      return %1 : tensor<f32>
    }
    ```

    gains (after `-canonicalize -cse`)

    ```mlir
    func.func @f_grad(%w: tensor<3xf32> {loom.differentiate})
        -> (tensor<f32>, tensor<3xf32> {loom.gradient = 0 : i64}) {
      %two = loom.constant dense<2.0> : tensor<3xf32>
      %0 = loom.square %w : tensor<3xf32>
      %1 = loom.reduce_sum %0 axes = [0] : tensor<3xf32> -> tensor<f32>
      %2 = loom.mul %w, %two : tensor<3xf32>
      return %1, %2 : tensor<f32>, tensor<3xf32>
    }
    ```
  }];
  let options = [
    Option<"functionName", "function", "std::string", /*default=*/"\"\"",
           "Differentiate only this function">,
  ];
  let dependentDialects = ["loom::LoomDialect", "mlir::func::FuncDialect"];
}

def LoomJvp : Pass<"loom-jvp", "mlir::ModuleOp"> {
  let summary = "Forward-mode differentiation: emit @f_jvp next to @f";
  let description = [{
    Adds `@f_jvp(args..., tangents...)` taking one tangent per differentiated
    argument (chosen as in `loom-autodiff`) and returning `@f`'s results
    followed by the tangent of every float result: the Jacobian-vector
    product. Each op on a path from a differentiated argument to a result
    builds its tangent through `GradientOpInterface::buildJvp`.

    Applied to the output of `loom-autodiff` (`-loom-jvp=function=f_grad`) it
    gives Hessian-vector products by forward over reverse: the tangents of
    `@f_grad`'s gradient results are `H v`.
  }];
  let options = [
    Option<"functionName", "function", "std::string", /*default=*/"\"\"",
           "Differentiate only this function">,
  ];
  let dependentDialects = ["loom::LoomDialect", "mlir::func::FuncDialect"];
}

def LoomCheckNumerics : Pass<"loom-check-numerics", "mlir::ModuleOp"> {
  let summary = "Check every float result for NaN and Inf at run time";
  let description = [{
    Inserts `loom.check_finite` right after every loom op that produces a
    float tensor, in every function, except constants and the ops that only
    move or select values (`reshape transpose broadcast_in_dim slice concat
    neg abs relu max min select reduce_max`): from finite operands, which are
    checked where they are computed, those cannot produce a NaN or an Inf. Each check names the op
    (`producer`), carries its location and gets an `id` unique in the module,
    counting up in program order from 0 (after any checks already there).
    A value that already has a check is left alone, so the pass can run
    twice.

    `convert-loom-to-linalg` lowers each check to a reduction that finds the
    first non-finite element and a call into the runtime, which fails the
    call with the first check that reported: `loomc --check-numerics`,
    `loom::CompilerOptions::checkNumerics`.

    Example:

    ```mlir
    %0 = loom.log %x : tensor<2x3xf32>
    ```

    becomes

    ```mlir
    %0 = loom.log %x : tensor<2x3xf32>
    loom.check_finite %0 id = 0 producer = "loom.log" : tensor<2x3xf32>
    ```
  }];
  let dependentDialects = ["loom::LoomDialect"];
}

#endif // LOOM_DIALECT_LOOM_TRANSFORMS_PASSES_TD
