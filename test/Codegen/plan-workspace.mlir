// RUN: loom-opt %s -allow-unregistered-dialect -loom-plan-workspace -split-input-file | FileCheck %s

// Two temporaries live at once get disjoint, 64-byte-aligned ranges of one
// trailing workspace argument; their deallocs go.

// CHECK-LABEL: func.func @both_live
// CHECK-SAME: %[[OUT:[^:]+]]: memref<16xf32>, %[[WS:[^:]+]]: memref<192xi8> {loom.workspace = 192 : i64})
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: %[[A:.*]] = memref.view %[[WS]][%[[C0]]][] : memref<192xi8> to memref<32xf32>
// CHECK-DAG: %[[B:.*]] = memref.view %[[WS]][%[[C128]]][] : memref<192xi8> to memref<16xf32>
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.dealloc
// CHECK: return
func.func @both_live(%out: memref<16xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<32xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  "test.use"(%a, %b) : (memref<32xf32>, memref<16xf32>) -> ()
  memref.copy %b, %out : memref<16xf32> to memref<16xf32>
  memref.dealloc %a : memref<32xf32>
  memref.dealloc %b : memref<16xf32>
  return
}

// -----

// A buffer whose last use (through a view) comes before another's allocation
// shares its memory.

// CHECK-LABEL: func.func @reused
// CHECK-SAME: %[[WS:[^:]+]]: memref<256xi8> {loom.workspace = 256 : i64})
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[WS]][%[[C0]]][] : memref<256xi8> to memref<8x8xf32>
// CHECK: memref.collapse_shape
// CHECK: %[[C0B:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[WS]][%[[C0B]]][] : memref<256xi8> to memref<64xf32>
func.func @reused(%out: memref<64xf32>) {
  %a = memref.alloc() : memref<8x8xf32>
  %flat = memref.collapse_shape %a [[0, 1]] : memref<8x8xf32> into memref<64xf32>
  memref.copy %flat, %out : memref<64xf32> to memref<64xf32>
  %b = memref.alloc() : memref<64xf32>
  memref.copy %out, %b : memref<64xf32> to memref<64xf32>
  memref.copy %b, %out : memref<64xf32> to memref<64xf32>
  memref.dealloc %a : memref<8x8xf32>
  memref.dealloc %b : memref<64xf32>
  return
}

// -----

// A buffer live until a later use inside a loop stays apart from one
// allocated before that loop.

// CHECK-LABEL: func.func @loop_use
// CHECK-SAME: memref<512xi8> {loom.workspace = 512 : i64}
func.func @loop_use(%out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %a = memref.alloc() : memref<64xf32>
  %b = memref.alloc() : memref<64xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    memref.copy %a, %b : memref<64xf32> to memref<64xf32>
  }
  memref.copy %b, %out : memref<64xf32> to memref<64xf32>
  memref.dealloc %a : memref<64xf32>
  memref.dealloc %b : memref<64xf32>
  return
}

// -----

// Left alone: a dynamic size, an allocation inside a loop, a buffer
// returned, and a private function.

// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%{{.*}}: index, %{{.*}}: memref<?xf32>)
// CHECK-NOT: loom.workspace
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
func.func @dynamic(%n: index, %out: memref<?xf32>) {
  %a = memref.alloc(%n) : memref<?xf32>
  memref.copy %a, %out : memref<?xf32> to memref<?xf32>
  memref.dealloc %a : memref<?xf32>
  return
}

// CHECK-LABEL: func.func @in_loop
// CHECK-SAME: (%{{.*}}: memref<4xf32>)
// CHECK: scf.for
// CHECK-NEXT: memref.alloc() : memref<4xf32>
func.func @in_loop(%out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c1 step %c1 {
    %t = memref.alloc() : memref<4xf32>
    memref.copy %t, %out : memref<4xf32> to memref<4xf32>
    memref.dealloc %t : memref<4xf32>
  }
  return
}

// CHECK-LABEL: func.func @escapes
// CHECK-SAME: () -> memref<4xf32>
// CHECK: memref.alloc() : memref<4xf32>
func.func @escapes() -> memref<4xf32> {
  %t = memref.alloc() : memref<4xf32>
  return %t : memref<4xf32>
}

// CHECK-LABEL: func.func private @helper
// CHECK-SAME: (%{{.*}}: memref<4xf32>)
// CHECK: memref.alloc() : memref<4xf32>
func.func private @helper(%out: memref<4xf32>) {
  %t = memref.alloc() : memref<4xf32>
  memref.copy %t, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %t : memref<4xf32>
  return
}

// -----

// A public function called inside the module keeps its signature: its
// callers would need the workspace too.

// CHECK-LABEL: func.func @callee
// CHECK-SAME: (%{{.*}}: memref<4xf32>)
// CHECK: memref.alloc() : memref<4xf32>
func.func @callee(%out: memref<4xf32>) {
  %t = memref.alloc() : memref<4xf32>
  memref.copy %t, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %t : memref<4xf32>
  return
}

func.func @caller(%out: memref<4xf32>) {
  call @callee(%out) : (memref<4xf32>) -> ()
  return
}
