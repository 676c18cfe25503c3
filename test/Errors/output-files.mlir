// Outputs are written whole or not at all: a failed compilation leaves an
// existing -o file as it was, an unwritable path is one error, and no
// temporary file is left behind (loom/Runtime/Files.h).
//
// RUN: rm -rf %t && mkdir -p %t/out && split-file %s %t/in
// RUN: echo previous > %t/out/kept.mlir
// RUN: not loomc %t/in/bad.mlir -o %t/out/kept.mlir 2>&1 | FileCheck %s --check-prefix=BAD --implicit-check-not=error:
// RUN: echo previous | cmp - %t/out/kept.mlir
// RUN: not loomc %t/in/good.mlir --emit=obj -o %t/missing-dir/f.o 2>&1 | FileCheck %s --check-prefix=NO-DIR --implicit-check-not=error:
// RUN: not loomc %t/in/good.mlir -o %t/out 2>&1 | FileCheck %s --check-prefix=IS-DIR --implicit-check-not=error:
// RUN: touch %t/out/file
// RUN: not loomc %t/in/good.mlir --run --outputs=%t/out/file 2>&1 | FileCheck %s --check-prefix=OUTPUTS-FILE --implicit-check-not=error:
// RUN: loomc %t/in/good.mlir --emit=obj -o %t/out/f.o
// RUN: loomc %t/in/good.mlir --run --outputs=%t/out
// RUN: ls %t/out | FileCheck %s --check-prefix=LISTING

// BAD: bad.mlir:2:8: error: 'loom.exp' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values
// NO-DIR: loomc: error: cannot create '{{.*}}missing-dir/f.o': No such file or directory
// IS-DIR: loomc: error: cannot write '{{.*}}out': {{[Ii]}}s a directory
// OUTPUTS-FILE: loomc: error: cannot create '{{.*}}file/result0.npy': Not a directory
// LISTING:      f.o
// LISTING-NEXT: file
// LISTING-NEXT: kept.mlir
// LISTING-NEXT: result0.npy
// LISTING-NOT:  {{.}}

//--- bad.mlir
func.func @f(%a: tensor<2xi32>) -> tensor<2xi32> {
  %0 = loom.exp %a : tensor<2xi32>
  return %0 : tensor<2xi32>
}
//--- good.mlir
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = loom.exp %a : tensor<2xf32>
  return %0 : tensor<2xf32>
}
