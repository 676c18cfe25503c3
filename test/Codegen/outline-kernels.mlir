// RUN: loom-opt %s -split-input-file -loom-outline-kernels | FileCheck %s

// Each loop nest becomes a noinline private function called in its place:
// memrefs and other values from above are arguments, constants are cloned
// into the kernel, allocations and deallocations stay where they are.

// CHECK-LABEL: func.func @two_kernels(
// CHECK-SAME:      %[[A:.*]]: memref<64xf32>, %[[B:.*]]: memref<64xf32>)
// CHECK:         %[[T:.*]] = memref.alloc() : memref<64xf32>
// CHECK-NEXT:    call @two_kernels_k0(%[[A]], %[[T]]) : (memref<64xf32>, memref<64xf32>) -> ()
// CHECK-NEXT:    call @two_kernels_k1(%[[T]], %[[B]]) : (memref<64xf32>, memref<64xf32>) -> ()
// CHECK-NEXT:    memref.dealloc %[[T]]
// CHECK-NEXT:    return
// CHECK:       func.func private @two_kernels_k0(
// CHECK-SAME:      attributes {llvm.linkage = #llvm.linkage<internal>, passthrough = ["noinline"]}
// CHECK:         math.exp
// CHECK:       func.func private @two_kernels_k1(%[[X:.*]]: memref<64xf32>, %[[Y:.*]]: memref<64xf32>)
// CHECK-SAME:      attributes {llvm.linkage = #llvm.linkage<internal>, passthrough = ["noinline"]}
// CHECK-DAG:     arith.constant 0 : index
// CHECK-DAG:     arith.constant 64 : index
// CHECK:         scf.for
// CHECK:           memref.load %[[X]]
// CHECK:           memref.store %{{.*}}, %[[Y]]
// CHECK:         return
func.func @two_kernels(%a: memref<64xf32>, %b: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %t = memref.alloc() : memref<64xf32>
  scf.for %i = %c0 to %c64 step %c1 {
    %x = memref.load %a[%i] : memref<64xf32>
    %y = math.exp %x : f32
    memref.store %y, %t[%i] : memref<64xf32>
  }
  scf.for %i = %c0 to %c64 step %c1 {
    %x = memref.load %t[%i] : memref<64xf32>
    %y = arith.negf %x : f32
    memref.store %y, %b[%i] : memref<64xf32>
  }
  memref.dealloc %t : memref<64xf32>
  return
}

// -----

// A loop with results returns them from its kernel; a non-constant scalar
// from above is an argument; a name already taken gets a new one.

// CHECK-LABEL: func.func @with_result(
// CHECK-SAME:      %[[M:.*]]: memref<8xf32>, %[[S:.*]]: f32) -> f32
// CHECK:         %[[R:.*]] = call @with_result_k0_0(%[[S]], %[[M]]) : (f32, memref<8xf32>) -> f32
// CHECK:         return %[[R]]
// CHECK:       func.func private @with_result_k0_0(%[[INIT:.*]]: f32, %{{.*}}: memref<8xf32>) -> f32
// CHECK:         %[[SUM:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[INIT]]) -> (f32)
// CHECK:         return %[[SUM]] : f32
func.func private @with_result_k0()

func.func @with_result(%m: memref<8xf32>, %s: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %sum = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %s) -> (f32) {
    %x = memref.load %m[%i] : memref<8xf32>
    %next = arith.addf %acc, %x : f32
    scf.yield %next : f32
  }
  return %sum : f32
}

// -----

// Declarations and functions without loops are left alone.

// CHECK-LABEL: func.func private @external(memref<4xf32>)
// CHECK-LABEL: func.func @no_loops(
// CHECK-NEXT:    call @external
// CHECK-NEXT:    return
// CHECK-NOT:   func.func private @no_loops_k
func.func private @external(memref<4xf32>)

func.func @no_loops(%m: memref<4xf32>) {
  call @external(%m) : (memref<4xf32>) -> ()
  return
}
