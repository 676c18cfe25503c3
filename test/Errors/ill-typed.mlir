// Ops whose types do not fit: each case is one diagnostic at the op and exit
// status 1, never a crash in a later stage.
//
// RUN: rm -rf %t && split-file --leading-lines %s %t
// RUN: not loomc %t/operands.mlir 2>&1 | FileCheck %s --check-prefix=OPERANDS --implicit-check-not=error:
// RUN: not loomc %t/float-only.mlir 2>&1 | FileCheck %s --check-prefix=FLOAT-ONLY --implicit-check-not=error:
// RUN: not loomc %t/result.mlir 2>&1 | FileCheck %s --check-prefix=RESULT --implicit-check-not=error:
// RUN: not loomc %t/return.mlir 2>&1 | FileCheck %s --check-prefix=RETURN --implicit-check-not=error:
// RUN: not loomc %t/unranked.mlir 2>&1 | FileCheck %s --check-prefix=UNRANKED --implicit-check-not=error:
// RUN: not loomc %t/unranked-compare.mlir 2>&1 | FileCheck %s --check-prefix=UNRANKED-COMPARE --implicit-check-not=error:
// RUN: not loomc %t/contraction.mlir --run 2>&1 | FileCheck %s --check-prefix=CONTRACTION --implicit-check-not=error:
// RUN: not loomc %t/reshape.mlir 2>&1 | FileCheck %s --check-prefix=RESHAPE --implicit-check-not=error:
// RUN: not loomc %t/seed.mlir 2>&1 | FileCheck %s --check-prefix=SEED --implicit-check-not=error:
// RUN: not loomc %t/constant.mlir 2>&1 | FileCheck %s --check-prefix=CONSTANT --implicit-check-not=error:
// Dynamic shapes pass the verifier but not the lowering or the entry check.
// RUN: not loomc %t/dynamic.mlir --emit=linalg 2>&1 | FileCheck %s --check-prefix=DYNAMIC-LOWER --implicit-check-not=error:
// RUN: not loomc %t/dynamic.mlir --run 2>&1 | FileCheck %s --check-prefix=DYNAMIC-ENTRY --implicit-check-not=error:
// RUN: not loomc %t/scalar-entry.mlir --run 2>&1 | FileCheck %s --check-prefix=SCALAR-ENTRY --implicit-check-not=error:
// Verified IR that a later pass cannot take: the pipeline reports, naming the pass.
// RUN: not loomc %t/not-loom.mlir --run 2>&1 | FileCheck %s --check-prefix=NOT-LOOM --implicit-check-not=error:
// RUN: not loomc %t/linalg-transpose.mlir --emit=loom 2>&1 | FileCheck %s --check-prefix=LINALG-TRANSPOSE --implicit-check-not=error:
// RUN: not loomc %t/external.mlir --run 2>&1 | FileCheck %s --check-prefix=EXTERNAL --implicit-check-not=error:
// Training and differentiation need one block ending in func.return.
// RUN: not loomc %t/blocks.mlir --train-step 2>&1 | FileCheck %s --check-prefix=TRAIN-BLOCKS --implicit-check-not=error:
// RUN: not loomc %t/blocks.mlir --grad 2>&1 | FileCheck %s --check-prefix=GRAD-BLOCKS --implicit-check-not=error:

//--- operands.mlir
func.func @f(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {
  %0 = "loom.add"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// OPERANDS: operands.mlir:[[@LINE-3]]:8: error: 'loom.add' op all non-scalar operands/results must have the same shape and base type

//--- float-only.mlir
func.func @f(%a: tensor<2xi32>) -> tensor<2xi32> {
  %0 = loom.exp %a : tensor<2xi32>
  return %0 : tensor<2xi32>
}
// FLOAT-ONLY: float-only.mlir:[[@LINE-3]]:8: error: 'loom.exp' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<2xi32>'

//--- result.mlir
func.func @f(%a: tensor<2x3xf32>) -> tensor<7xf32> {
  %0 = "loom.reduce_sum"(%a) {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}
// RESULT: result.mlir:[[@LINE-3]]:8: error: 'loom.reduce_sum' op inferred type(s) 'tensor<3xf32>' are incompatible with return type(s) of operation 'tensor<7xf32>'

//--- return.mlir
func.func @f(%a: tensor<2xf32>) -> tensor<3xf32> {
  %0 = loom.exp %a : tensor<2xf32>
  return %0 : tensor<2xf32>
}
// RETURN: return.mlir:[[@LINE-2]]:3: error: type of return operand 0 ('tensor<2xf32>') doesn't match function result type ('tensor<3xf32>') in function @f

//--- unranked.mlir
func.func @f(%a: tensor<*xf32>, %b: tensor<*xf32>) -> tensor<2x2xf32> {
  %0 = "loom.matmul"(%a, %b) : (tensor<*xf32>, tensor<*xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
// UNRANKED: unranked.mlir:[[@LINE-3]]:8: error: 'loom.matmul' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<*xf32>'

//--- unranked-compare.mlir
func.func @f(%a: tensor<*xf32>) -> tensor<3xi1> {
  %0 = loom.compare lt, %a, %a : tensor<*xf32>
  return %0 : tensor<3xi1>
}
// UNRANKED-COMPARE: unranked-compare.mlir:[[@LINE-3]]:34: error: custom op 'loom.compare' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'

//--- contraction.mlir
func.func @f(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  %0 = loom.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
// CONTRACTION: contraction.mlir:[[@LINE-3]]:8: error: 'loom.matmul' contraction sizes differ: lhs [2, 3] has k = 3, rhs [4, 5] has k = 4

//--- reshape.mlir
func.func @f(%a: tensor<4xf32>) -> tensor<3xf32> {
  %0 = loom.reshape %a : tensor<4xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// RESHAPE: reshape.mlir:[[@LINE-3]]:8: error: 'loom.reshape' op cannot reshape [4] (4 elements) to [3] (3 elements)

//--- seed.mlir
func.func @f(%s: tensor<i32>) -> tensor<3xf32> {
  %0 = loom.random_uniform %s stream = 0 : tensor<i32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// SEED: seed.mlir:[[@LINE-3]]:8: error: 'loom.random_uniform' op operand #0 must be 0D tensor of 64-bit signless integer values, but got 'tensor<i32>'

//--- constant.mlir
func.func @f() -> tensor<3xf32> {
  %0 = loom.constant dense<[1.0, 2.0]> : tensor<3xf32>
  return %0 : tensor<3xf32>
}
// CONSTANT: constant.mlir:[[@LINE-3]]:22: error: inferred shape of elements literal ([2]) does not match type ([3])

//--- dynamic.mlir
func.func @f(%a: tensor<?x4xf32>, %b: tensor<4x?xf32>) -> tensor<?x?xf32> {
  %0 = loom.matmul %a, %b : tensor<?x4xf32>, tensor<4x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
// DYNAMIC-LOWER: lowering stage 'linalg' failed in pass 'convert-loom-to-linalg':
// DYNAMIC-LOWER-NEXT: dynamic.mlir:[[@LINE-4]]:8: error: 'loom.matmul' op needs static shapes to lower to linalg, got 'tensor<?x4xf32>'
// DYNAMIC-ENTRY: cannot compile the module:
// DYNAMIC-ENTRY-NEXT: dynamic.mlir:[[@LINE-7]]:1: error: entry 'f' argument #0 has type 'tensor<?x4xf32>'; entry functions take and return statically shaped tensors of f32, f64, i1, i32 or i64

//--- scalar-entry.mlir
func.func @f(%a: f32) -> f32 {
  return %a : f32
}
// SCALAR-ENTRY: scalar-entry.mlir:[[@LINE-3]]:1: error: entry 'f' argument #0 has type 'f32'; entry functions take

//--- not-loom.mlir
func.func @f(%a: tensor<3xf32>) -> tensor<3xf32> {
  %0 = arith.addf %a, %a : tensor<3xf32>
  return %0 : tensor<3xf32>
}
// loomc reads loom ops in func.func only.
// NOT-LOOM: not-loom.mlir:[[@LINE-4]]:8: error: Dialect `arith' not found for custom op 'arith.addf'

//--- linalg-transpose.mlir
func.func @f(%a: tensor<2x3x4x5xf32>) -> tensor<3x2x4x5xf32> {
  %e = tensor.empty() : tensor<3x2x4x5xf32>
  %t = linalg.transpose ins(%a : tensor<2x3x4x5xf32>) outs(%e : tensor<3x2x4x5xf32>) permutation = [1,+ 0, 2, 3]
  return %t : tensor<3x2x4x5xf32>
}
// A permutation that once crashed MLIR's linalg parser (found by the
// pipeline fuzzer): loomc does not parse linalg at all.
// LINALG-TRANSPOSE: linalg-transpose.mlir:[[@LINE-6]]:8: error: Dialect `tensor' not found for custom op 'tensor.empty'

//--- external.mlir
func.func private @g(tensor<3xf32>) -> tensor<3xf32>
func.func @f(%a: tensor<3xf32>) -> tensor<3xf32> {
  %0 = func.call @g(%a) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// EXTERNAL: cannot compile the module:
// EXTERNAL-NEXT: external.mlir:[[@LINE-6]]:1: error: function 'g' is declared without a body; compiled code can call only functions the module defines

//--- blocks.mlir
func.func @f(%a: tensor<3xf32> {loom.param = "w", loom.init = #loom.init<ones, 1.0>}) -> tensor<f32> {
  cf.br ^bb1
^bb1:
  %0 = loom.reduce_sum %a axes = [0] : tensor<3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
// TRAIN-BLOCKS: cannot build the training step:
// TRAIN-BLOCKS-NEXT: blocks.mlir:[[@LINE-7]]:1: error: cannot train @f: it must have a body of exactly one block, ending in func.return
// GRAD-BLOCKS: blocks.mlir:[[@LINE-8]]:1: error: cannot differentiate @f: it must have a body of exactly one block, ending in func.return
