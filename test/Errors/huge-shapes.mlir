// Tensors beyond 2^47 bytes (docs/reliability.md, Bad input) are one error
// naming the value, its type and its size, at every stage and entry point,
// before anything is folded, lowered or allocated.
//
// RUN: rm -rf %t && split-file --leading-lines %s %t
// RUN: not loomc %t/argument.mlir 2>&1 | FileCheck %s --check-prefix=ARGUMENT --implicit-check-not=error:
// RUN: not loomc %t/argument.mlir --run 2>&1 | FileCheck %s --check-prefix=ARGUMENT --implicit-check-not=error:
// RUN: not loomc %t/argument.mlir --emit=obj -o %t/argument.o 2>&1 | FileCheck %s --check-prefix=ARGUMENT --implicit-check-not=error:
// RUN: not ls %t/argument.o
// RUN: not loomc %t/intermediate.mlir --emit=linalg 2>&1 | FileCheck %s --check-prefix=INTERMEDIATE --implicit-check-not=error:
// RUN: not loomc %t/overflow.mlir --run 2>&1 | FileCheck %s --check-prefix=OVERFLOW --implicit-check-not=error:
// RUN: not loomc %t/empty-but-huge.mlir --run 2>&1 | FileCheck %s --check-prefix=EMPTY-BUT-HUGE --implicit-check-not=error:
// RUN: not loomc %t/parameter.mlir --train-step --run 2>&1 | FileCheck %s --check-prefix=PARAMETER --implicit-check-not=error:
// The largest shape under the limit still compiles (nothing is allocated).
// RUN: loomc %t/at-limit.mlir --emit=llvm | FileCheck %s --check-prefix=AT-LIMIT

//--- argument.mlir
func.func @f(%a: tensor<100000x100000x100000xf32>) -> tensor<100000x100000x100000xf32> {
  %0 = loom.exp %a : tensor<100000x100000x100000xf32>
  return %0 : tensor<100000x100000x100000xf32>
}
// ARGUMENT: the module has a tensor too large to compile:
// ARGUMENT-NEXT: argument.mlir:[[@LINE-5]]:14: error: argument #0 of 'f' has type 'tensor<100000x100000x100000xf32>' of 4000000000000000 bytes; one tensor may have at most 140737488355328 bytes (2^47, 128 TiB)

//--- intermediate.mlir
func.func @f(%a: tensor<f64>) -> tensor<f64> {
  %0 = loom.broadcast_in_dim %a dims = [] : tensor<f64> -> tensor<16777216x16777216xf64>
  %1 = loom.reduce_sum %0 axes = [0, 1] : tensor<16777216x16777216xf64> -> tensor<f64>
  return %1 : tensor<f64>
}
// INTERMEDIATE: intermediate.mlir:[[@LINE-4]]:8: error: result #0 of 'loom.broadcast_in_dim' has type 'tensor<16777216x16777216xf64>' of 2251799813685248 bytes

//--- overflow.mlir
func.func @f(%a: tensor<4294967296x4294967296x4xf32>) -> tensor<f32> {
  %0 = loom.reduce_sum %a axes = [0, 1, 2] : tensor<4294967296x4294967296x4xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
// OVERFLOW: overflow.mlir:[[@LINE-4]]:14: error: argument #0 of 'f' has type 'tensor<4294967296x4294967296x4xf32>' of more than 2^64 bytes; one tensor may have

//--- empty-but-huge.mlir
func.func @f(%a: tensor<0x70368744177665x2xf32>) -> tensor<0x70368744177665x2xf32> {
  return %a : tensor<0x70368744177665x2xf32>
}
// EMPTY-BUT-HUGE: empty-but-huge.mlir:[[@LINE-3]]:14: error: argument #0 of 'f' has type 'tensor<0x70368744177665x2xf32>' of 562949953421320 bytes

//--- parameter.mlir
func.func @loss(%w: tensor<65536x65536x16384xf32> {loom.param = "w", loom.init = #loom.init<normal, 1.0>}) -> tensor<f32> {
  %0 = loom.reduce_sum %w axes = [0, 1, 2] : tensor<65536x65536x16384xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
// PARAMETER: parameter.mlir:[[@LINE-4]]:17: error: argument #0 of 'loss' has type 'tensor<65536x65536x16384xf32>' of 281474976710656 bytes

//--- at-limit.mlir
func.func @f(%a: tensor<8388608x4194304xf32>) -> tensor<f32> {
  %0 = loom.reduce_max %a axes = [0, 1] : tensor<8388608x4194304xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
// AT-LIMIT: llvm.func @f(
