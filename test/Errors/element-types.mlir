// Element types Loom does not compute in (f16, bf16, i8, complex, index):
// loom ops reject them at the op, entry functions at compilation.
//
// RUN: rm -rf %t && split-file --leading-lines %s %t
// RUN: for case in f16 i8 complex index; do \
// RUN:   not loomc %t/$case.mlir --run 2>&1 | FileCheck %s --implicit-check-not=error: \
// RUN:       --check-prefix=$(echo $case | tr a-z A-Z) || exit 1; \
// RUN: done
// RUN: not loomc %t/bf16-entry.mlir --run 2>&1 | FileCheck %s --check-prefix=BF16 --implicit-check-not=error:

//--- f16.mlir
func.func @f(%a: tensor<3xf16>) -> tensor<3xf16> {
  %0 = loom.exp %a : tensor<3xf16>
  return %0 : tensor<3xf16>
}
// F16: f16.mlir:[[@LINE-3]]:8: error: 'loom.exp' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<3xf16>'

//--- i8.mlir
func.func @f(%a: tensor<3xi8>) -> tensor<3xi1> {
  %0 = loom.compare lt, %a, %a : tensor<3xi8>
  return %0 : tensor<3xi1>
}
// I8: i8.mlir:[[@LINE-3]]:8: error: 'loom.compare' op operand #0 must be ranked tensor of {{.*}}, but got 'tensor<3xi8>'

//--- complex.mlir
func.func @f(%a: tensor<3xcomplex<f32>>) -> tensor<3xcomplex<f32>> {
  %0 = loom.neg %a : tensor<3xcomplex<f32>>
  return %0 : tensor<3xcomplex<f32>>
}
// COMPLEX: complex.mlir:[[@LINE-3]]:8: error: 'loom.neg' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<3xcomplex<f32>>'

//--- index.mlir
func.func @f(%a: tensor<3xindex>) -> tensor<3xf32> {
  %0 = loom.convert %a : tensor<3xindex> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// INDEX: index.mlir:[[@LINE-3]]:8: error: {{.*}}'tensor<3xindex>'

//--- bf16-entry.mlir
func.func @f(%a: tensor<3xbf16>) -> tensor<3xbf16> {
  return %a : tensor<3xbf16>
}
// BF16: cannot compile the module:
// BF16-NEXT: bf16-entry.mlir:[[@LINE-4]]:1: error: entry 'f' argument #0 has type 'tensor<3xbf16>'; entry functions take and return statically shaped tensors of f32, f64, i1, i32 or i64
