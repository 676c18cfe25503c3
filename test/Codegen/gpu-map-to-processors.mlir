// RUN: loom-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(func.func(loom-gpu-map-to-processors))' | FileCheck %s
// RUN: loom-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(func.func(loom-gpu-map-to-processors{warp-lanes=1}))' | FileCheck %s --check-prefix=HOST

// A block forall of 2 x 4 blocks becomes one block_x loop of 8, its thread
// forall of 4 x 64 one thread_x loop of 256; both delinearized, the
// innermost dimension fastest.
// CHECK-LABEL: func.func @blocks_and_threads
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: scf.parallel (%[[B:.*]]) = (%{{.*}}) to (%[[C8]])
// CHECK: affine.delinearize_index %[[B]] into (2, 4)
// CHECK: scf.parallel (%[[T:.*]]) = (%{{.*}}) to (%{{.*}})
// CHECK: affine.delinearize_index %[[T]] into (4, 64)
// CHECK: memref.store
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
func.func @blocks_and_threads(%out: memref<8x256xf32>) {
  %one = arith.constant 1.0 : f32
  scf.forall (%i, %j) = (0, 0) to (8, 256) step (4, 64) {
    scf.forall (%ti, %tj) in (4, 64) {
      %r = arith.addi %i, %ti : index
      %c = arith.addi %j, %tj : index
      memref.store %one, %out[%r, %c] : memref<8x256xf32>
    }
  }
  return
}

// -----

// A partial tile: the block's thread count is its largest tile (17), and the
// threads past the tile's own size do nothing.
// CHECK-LABEL: func.func @partial_tile
// CHECK: scf.parallel
// CHECK: %[[C17:.*]] = arith.constant 17 : index
// CHECK: scf.parallel (%[[T:.*]]) = (%{{.*}}) to (%[[C17]])
// CHECK: %[[IN:.*]] = arith.cmpi ult, %[[T]], %{{.*}} : index
// CHECK: scf.if %[[IN]]
// CHECK: memref.store
#size = affine_map<(d0) -> (-d0 + 31, 17)>
func.func @partial_tile(%out: memref<31xf32>) {
  %one = arith.constant 1.0 : f32
  scf.forall (%i) = (0) to (31) step (17) {
    %n = affine.min #size(%i)
    scf.forall (%t) in (%n) {
      %k = arith.addi %i, %t : index
      memref.store %one, %out[%k] : memref<31xf32>
    }
  }
  return
}

// -----

// A forall mapped to warps: 2 x 4 warps of 32 lanes, 256 threads, each warp's
// iteration found from its threads' index divided by 32. With one lane a warp
// (nvptx-host), one thread computes a warp's tile.
// CHECK-DAG: #[[$BYWARP:.*]] = affine_map<(d0) -> (d0 floordiv 32)>
// CHECK-LABEL: func.func @warps
// CHECK: %[[C256:.*]] = arith.constant 256 : index
// CHECK: scf.parallel (%[[T:.*]]) = (%{{.*}}) to (%[[C256]])
// CHECK: %[[WARP:.*]] = affine.apply #[[$BYWARP]](%[[T]])
// CHECK: affine.delinearize_index %[[WARP]] into (2, 4)
// CHECK: vector.transfer_write
// CHECK: {mapping = [#gpu.loop_dim_map<processor = thread_x
// HOST-LABEL: func.func @warps
// HOST: %[[C8:.*]] = arith.constant 8 : index
// HOST: scf.parallel (%[[T:.*]]) = (%{{.*}}) to (%[[C8]])
// HOST-NOT: floordiv
// HOST: affine.delinearize_index %[[T]] into (2, 4)
func.func @warps(%out: memref<32x32xf32>) {
  %zero = arith.constant dense<0.0> : vector<16x8xf32>
  scf.forall (%i) = (0) to (32) step (32) {
    scf.forall (%wi, %wj) = (0, 0) to (32, 32) step (16, 8) {
      vector.transfer_write %zero, %out[%wi, %wj] {in_bounds = [true, true]} : vector<16x8xf32>, memref<32x32xf32>
    } {mapping = [#gpu.warp<linear_dim_0>, #gpu.warp<linear_dim_1>]}
  }
  return
}

// -----

// What the strategy did not distribute, such as a full reduction, runs on
// one block of one thread; the host touches no device memory.
// CHECK-LABEL: func.func @reduce_on_one_thread
// CHECK: %[[ONE:.*]] = arith.constant 1 : index
// CHECK: scf.parallel (%{{.*}}) = (%{{.*}}) to (%[[ONE]])
// CHECK: scf.parallel (%{{.*}}) = (%{{.*}}) to (%[[ONE]])
// CHECK-NEXT: linalg.reduce
func.func @reduce_on_one_thread(%in: memref<4xf32>, %out: memref<f32>) {
  linalg.reduce ins(%in : memref<4xf32>) outs(%out : memref<f32>) dimensions = [0]
    (%a: f32, %b: f32) {
      %s = arith.addf %a, %b : f32
      linalg.yield %s : f32
    }
  return
}

// -----

// A copy of a static shape: one element per thread, blocks of 256 (600
// elements: 3 blocks, the last one's extra threads guarded).
// CHECK-LABEL: func.func @copy_distributed
// CHECK-DAG: %[[BLOCKS:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[THREADS:.*]] = arith.constant 256 : index
// CHECK-DAG: %[[TOTAL:.*]] = arith.constant 600 : index
// CHECK: scf.parallel (%[[B:.*]]) = (%{{.*}}) to (%[[BLOCKS]])
// CHECK: scf.parallel (%[[T:.*]]) = (%{{.*}}) to (%[[THREADS]])
// CHECK: %[[SCALED:.*]] = arith.muli %[[B]], %[[THREADS]]
// CHECK: %[[I:.*]] = arith.addi %[[SCALED]], %[[T]]
// CHECK: %[[IN:.*]] = arith.cmpi ult, %[[I]], %[[TOTAL]]
// CHECK: scf.if %[[IN]]
// CHECK: affine.delinearize_index %[[I]] into (20, 30)
// CHECK: memref.load
// CHECK: memref.store
// CHECK-NOT: memref.copy
func.func @copy_distributed(%in: memref<20x30xf32, strided<[60, 1]>>, %out: memref<20x30xf32>) {
  memref.copy %in, %out : memref<20x30xf32, strided<[60, 1]>> to memref<20x30xf32>
  return
}

// -----

// Bufferization's copies are linalg.copy ops: distributed the same way.
// CHECK-LABEL: func.func @linalg_copy_distributed
// CHECK-DAG: %[[BLOCKS:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[THREADS:.*]] = arith.constant 256 : index
// CHECK: scf.parallel (%{{.*}}) = (%{{.*}}) to (%[[BLOCKS]])
// CHECK: scf.parallel (%{{.*}}) = (%{{.*}}) to (%[[THREADS]])
// CHECK: memref.load %{{.*}} : memref<300xf32, strided<[2]>>
// CHECK: memref.store
// CHECK-NOT: linalg.copy
func.func @linalg_copy_distributed(%in: memref<300xf32, strided<[2]>>, %out: memref<300xf32>) {
  linalg.copy ins(%in : memref<300xf32, strided<[2]>>) outs(%out : memref<300xf32>)
  return
}

// -----

// A seed read by the host and hashed there: the load and the arithmetic on
// it are computed in the kernel that uses them instead.
// CHECK-LABEL: func.func @seed
// CHECK-NOT: memref.load
// CHECK: scf.parallel
// CHECK: memref.load %{{.*}}[] : memref<i64>
// CHECK: arith.muli
// CHECK: scf.parallel
// CHECK: memref.store
func.func @seed(%seed: memref<i64>, %out: memref<64xi64>) {
  %s = memref.load %seed[] : memref<i64>
  %c7 = arith.constant 7 : i64
  %h = arith.muli %s, %c7 : i64
  scf.forall (%i) = (0) to (64) step (64) {
    scf.forall (%t) in (64) {
      %k = arith.addi %i, %t : index
      memref.store %h, %out[%k] : memref<64xi64>
    }
  }
  return
}

// -----

// A value the host would read from memory that something writes, and one
// that the host itself would use: errors.
func.func @written_scalar(%x: memref<f32>, %out: memref<f32>) {
  // expected-error @+1 {{'memref.load' op computes a value on the host from device memory}}
  %v = memref.load %x[] : memref<f32>
  memref.store %v, %x[] : memref<f32>
  return
}

// -----

func.func @scalar_on_the_host(%x: memref<f32>) -> f32 {
  %v = memref.load %x[] : memref<f32>
  // expected-error @+1 {{'func.return' op uses on the host a value read from device memory}}
  return %v : f32
}

// -----

// A block that writes outside its one thread forall: every thread would.
func.func @work_outside_threads(%out: memref<64xf32>) {
  %one = arith.constant 1.0 : f32
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{has work outside its one thread forall}}
  scf.forall (%i) = (0) to (64) step (64) {
    memref.store %one, %out[%c0] : memref<64xf32>
    scf.forall (%t) in (64) {
      %k = arith.addi %i, %t : index
      memref.store %one, %out[%k] : memref<64xf32>
    }
  }
  return
}

// -----

// More threads than a block may have (--max-threads, 1024).
func.func @too_many_threads(%out: memref<2048xf32>) {
  %one = arith.constant 1.0 : f32
  scf.forall (%i) = (0) to (2048) step (2048) {
    // expected-error @+1 {{needs 2048 threads in one block; at most 1024}}
    scf.forall (%t) in (2048) {
      memref.store %one, %out[%t] : memref<2048xf32>
    }
  }
  return
}
