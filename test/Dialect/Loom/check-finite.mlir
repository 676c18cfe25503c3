// RUN: loom-opt %s | loom-opt | FileCheck %s
// RUN: loom-opt %s -mlir-print-op-generic | loom-opt | FileCheck %s
// RUN: loom-opt %s -canonicalize -cse | FileCheck %s --check-prefix=KEPT

// CHECK-LABEL: func.func @check
// CHECK: loom.check_finite %{{.*}} id = 4 producer = "loom.exp" : tensor<2x3xf64>
// KEPT-LABEL: func.func @check
// The write effect keeps both checks, though they read one value and the
// function returns nothing computed from them.
// KEPT-COUNT-2: loom.check_finite
func.func @check(%x: tensor<2x3xf64>) {
  %e = loom.exp %x : tensor<2x3xf64>
  loom.check_finite %e id = 4 producer = "loom.exp" : tensor<2x3xf64>
  loom.check_finite %e id = 5 producer = "loom.exp" : tensor<2x3xf64>
  return
}
