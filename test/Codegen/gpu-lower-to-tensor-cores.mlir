// RUN: loom-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(gpu.module(loom-gpu-lower-to-tensor-cores,canonicalize,cse))' | FileCheck %s
// RUN: loom-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(gpu.module(loom-gpu-lower-to-tensor-cores{tf32=true},canonicalize,cse))' | FileCheck %s --check-prefix=TF32

// A warp's 16x8 tile of C = A B, K in steps of 8, its accumulator a splat
// carried by the loop: the loop carries the lane's 2x2 part instead (a
// vector<2x2xf32> per instruction). Each
// lane (group = lane / 4, quad = lane % 4) loads A at rows group and
// group + 8, columns quad and quad + 4; B at rows quad and quad + 4, column
// group; and stores C at rows group and group + 8, columns 2 quad and
// 2 quad + 1 (the PTX ISA's m16n8k8 TF32 fragments). By default each product
// is three TF32 products of the operands' high and low parts (3xTF32): the
// high part is the f32 with its 13 low mantissa bits cleared (-8192 =
// 0xffffe000), the low one the rest, itself cleared so; the small products
// first.
// CHECK-DAG: #[[$ROW:.*]] = affine_map<()[s0, s1] -> (s1 + s0 floordiv 4)>
// CHECK-DAG: #[[$QUAD:.*]] = affine_map<(d0)[s0] -> (d0 + s0 mod 4)>
// CHECK-DAG: #[[$ROW8:.*]] = affine_map<()[s0, s1] -> (s1 + s0 floordiv 4 + 8)>
// CHECK-DAG: #[[$QUAD4:.*]] = affine_map<(d0)[s0] -> (d0 + s0 mod 4 + 4)>
// CHECK-DAG: #[[$COL:.*]] = affine_map<()[s0, s1] -> (s0 * 2 + s1 - (s0 floordiv 4) * 8)>
// CHECK-DAG: #[[$COL1:.*]] = affine_map<()[s0, s1] -> (s0 * 2 + s1 - (s0 floordiv 4) * 8 + 1)>
// CHECK-LABEL: gpu.func @carried
// CHECK-SAME: (%[[A:.*]]: memref<64x32xf32>, %[[B:.*]]: memref<32x16xf32>, %[[C:.*]]: memref<64x16xf32>, %[[I:.*]]: index, %[[J:.*]]: index)
// CHECK-DAG: %[[MASK_B:.*]] = arith.constant dense<-8192> : vector<2x1xi32>
// CHECK-DAG: %[[MASK_A:.*]] = arith.constant dense<-8192> : vector<4x1xi32>
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<2x2xf32>
// CHECK: %[[LANE:.*]] = gpu.lane_id
// CHECK: %[[SUM:.*]] = scf.for %[[K:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (vector<2x2xf32>)
// CHECK-DAG: %[[R0:.*]] = affine.apply #[[$ROW]]()[%[[LANE]], %[[I]]]
// CHECK-DAG: %[[K0:.*]] = affine.apply #[[$QUAD]](%[[K]])[%[[LANE]]]
// CHECK-DAG: %[[R8:.*]] = affine.apply #[[$ROW8]]()[%[[LANE]], %[[I]]]
// CHECK-DAG: %[[K4:.*]] = affine.apply #[[$QUAD4]](%[[K]])[%[[LANE]]]
// CHECK-DAG: %[[A0:.*]] = memref.load %[[A]][%[[R0]], %[[K0]]]
// CHECK-DAG: %[[A1:.*]] = memref.load %[[A]][%[[R8]], %[[K0]]]
// CHECK-DAG: %[[A2:.*]] = memref.load %[[A]][%[[R0]], %[[K4]]]
// CHECK-DAG: %[[A3:.*]] = memref.load %[[A]][%[[R8]], %[[K4]]]
// CHECK: %[[AF:.*]] = vector.from_elements %[[A0]], %[[A1]], %[[A2]], %[[A3]] : vector<4x1xf32>
// CHECK: %[[N:.*]] = affine.apply #[[$ROW]]()[%[[LANE]], %[[J]]]
// CHECK: %[[B0:.*]] = memref.load %[[B]][%[[K0]], %[[N]]]
// CHECK: %[[B1:.*]] = memref.load %[[B]][%[[K4]], %[[N]]]
// CHECK: %[[BF:.*]] = vector.from_elements %[[B0]], %[[B1]] : vector<2x1xf32>
// CHECK: %[[ABITS:.*]] = arith.bitcast %[[AF]] : vector<4x1xf32> to vector<4x1xi32>
// CHECK: %[[AHIBITS:.*]] = arith.andi %[[ABITS]], %[[MASK_A]]
// CHECK: %[[AHI:.*]] = arith.bitcast %[[AHIBITS]] : vector<4x1xi32> to vector<4x1xf32>
// CHECK: %[[ADIFF:.*]] = arith.subf %[[AF]], %[[AHI]]
// CHECK: arith.bitcast %[[ADIFF]]
// CHECK: arith.andi %{{.*}}, %[[MASK_A]]
// CHECK: %[[ALO:.*]] = arith.bitcast
// CHECK: %[[BBITS:.*]] = arith.bitcast %[[BF]] : vector<2x1xf32> to vector<2x1xi32>
// CHECK: %[[BHIBITS:.*]] = arith.andi %[[BBITS]], %[[MASK_B]]
// CHECK: %[[BHI:.*]] = arith.bitcast %[[BHIBITS]] : vector<2x1xi32> to vector<2x1xf32>
// CHECK: %[[BDIFF:.*]] = arith.subf %[[BF]], %[[BHI]]
// CHECK: arith.bitcast %[[BDIFF]]
// CHECK: arith.andi %{{.*}}, %[[MASK_B]]
// CHECK: %[[BLO:.*]] = arith.bitcast
// CHECK: %[[P0:.*]] = nvgpu.mma.sync(%[[ALO]], %[[BHI]], %[[ACC]]) {mmaShape = [16, 8, 8], tf32Enabled}
// CHECK: %[[P1:.*]] = nvgpu.mma.sync(%[[AHI]], %[[BLO]], %[[P0]]) {mmaShape = [16, 8, 8], tf32Enabled}
// CHECK: %[[P2:.*]] = nvgpu.mma.sync(%[[AHI]], %[[BHI]], %[[P1]]) {mmaShape = [16, 8, 8], tf32Enabled}
// CHECK: scf.yield %[[P2]]
// CHECK: %[[C00:.*]] = vector.extract %[[SUM]][0, 0]
// CHECK: %[[CR0:.*]] = affine.apply #[[$ROW]]()[%[[LANE]], %[[I]]]
// CHECK: %[[CC0:.*]] = affine.apply #[[$COL]]()[%[[LANE]], %[[J]]]
// CHECK: memref.store %[[C00]], %[[C]][%[[CR0]], %[[CC0]]]
// CHECK: %[[C01:.*]] = vector.extract %[[SUM]][0, 1]
// CHECK: %[[CC1:.*]] = affine.apply #[[$COL1]]()[%[[LANE]], %[[J]]]
// CHECK: memref.store %[[C01]], %[[C]][%[[CR0]], %[[CC1]]]
// CHECK: %[[C10:.*]] = vector.extract %[[SUM]][1, 0]
// CHECK: %[[CR8:.*]] = affine.apply #[[$ROW8]]()[%[[LANE]], %[[I]]]
// CHECK: memref.store %[[C10]], %[[C]][%[[CR8]], %[[CC0]]]
// CHECK: %[[C11:.*]] = vector.extract %[[SUM]][1, 1]
// CHECK: memref.store %[[C11]], %[[C]][%[[CR8]], %[[CC1]]]
// CHECK-NOT: vector.contract
// CHECK-NOT: vector.transfer
// One TF32 product when asked (--gpu-tf32): the operands' dropped bits
// cleared, no low parts.
// TF32-LABEL: gpu.func @carried
// TF32-COUNT-2: arith.andi
// TF32-NOT: arith.subf
// TF32: nvgpu.mma.sync(%{{.*}}, %{{.*}}, %{{.*}}) {mmaShape = [16, 8, 8], tf32Enabled}
// TF32-NOT: nvgpu.mma.sync
// TF32: gpu.return
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
gpu.module @kernels {
  gpu.func @carried(%A: memref<64x32xf32>, %B: memref<32x16xf32>, %C: memref<64x16xf32>, %i: index, %j: index) kernel {
    %c0 = arith.constant 0 : index
    %c8 = arith.constant 8 : index
    %c32 = arith.constant 32 : index
    %pad = arith.constant 0.0 : f32
    %zero = arith.constant dense<0.0> : vector<16x8xf32>
    %r = scf.for %k = %c0 to %c32 step %c8 iter_args(%acc = %zero) -> vector<16x8xf32> {
      %a = vector.transfer_read %A[%i, %k], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<16x8xf32>
      %b = vector.transfer_read %B[%k, %j], %pad {in_bounds = [true, true]} : memref<32x16xf32>, vector<8x8xf32>
      %d = vector.contract {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %a, %b, %acc : vector<16x8xf32>, vector<8x8xf32> into vector<16x8xf32>
      scf.yield %d : vector<16x8xf32>
    }
    vector.transfer_write %r, %C[%i, %j] {in_bounds = [true, true]} : vector<16x8xf32>, memref<64x16xf32>
    gpu.return
  }
}

// -----

// One step of K and an accumulator read from memory: the lane loads its
// part of C where it later stores it. A batched product's unit batch
// dimension indexes memory as it is (%b), and an operand read transposed
// (A^T, rows along memory's second dimension) is loaded at swapped indices.
// CHECK-LABEL: gpu.func @read_accumulator
// CHECK-SAME: (%[[AT:.*]]: memref<4x8x16xf32>, %[[B:.*]]: memref<4x8x8xf32>, %[[C:.*]]: memref<4x16x8xf32>, %[[BATCH:.*]]: index)
// CHECK: %[[LANE:.*]] = gpu.lane_id
// CHECK: %[[GROUP:.*]] = affine.apply #{{.*}}()[%[[LANE]]]
// CHECK-COUNT-4: memref.load %[[C]][%[[BATCH]], %{{.*}}, %{{.*}}]
// CHECK: vector.from_elements {{.*}} : vector<2x2xf32>
// CHECK: %[[QUAD:.*]] = affine.apply #{{.*}}()[%[[LANE]]]
// CHECK: memref.load %[[AT]][%[[BATCH]], %[[QUAD]], %[[GROUP]]]
// CHECK-COUNT-3: memref.load %[[AT]][%[[BATCH]]
// CHECK: vector.from_elements {{.*}} : vector<4x1xf32>
// CHECK-COUNT-2: memref.load %[[B]][%[[BATCH]]
// CHECK-COUNT-3: nvgpu.mma.sync
// CHECK-COUNT-4: memref.store %{{.*}}, %[[C]][%[[BATCH]]
// CHECK-NOT: vector.contract
#at = affine_map<(b, m, n, k) -> (b, k, m)>
#b = affine_map<(b, m, n, k) -> (b, k, n)>
#c = affine_map<(b, m, n, k) -> (b, m, n)>
gpu.module @kernels {
  gpu.func @read_accumulator(%AT: memref<4x8x16xf32>, %B: memref<4x8x8xf32>, %C: memref<4x16x8xf32>, %batch: index) kernel {
    %c0 = arith.constant 0 : index
    %pad = arith.constant 0.0 : f32
    %a = vector.transfer_read %AT[%batch, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<4x8x16xf32>, vector<1x8x16xf32>
    %b = vector.transfer_read %B[%batch, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<4x8x8xf32>, vector<1x8x8xf32>
    %acc = vector.transfer_read %C[%batch, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<4x16x8xf32>, vector<1x16x8xf32>
    %d = vector.contract {indexing_maps = [#at, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"], kind = #vector.kind<add>} %a, %b, %acc : vector<1x8x16xf32>, vector<1x8x8xf32> into vector<1x16x8xf32>
    vector.transfer_write %d, %C[%batch, %c0, %c0] {in_bounds = [true, true, true]} : vector<1x16x8xf32>, memref<4x16x8xf32>
    gpu.return
  }
}

// -----

// A warp's tile of 2x2 instructions (32x16): A loaded once for each of its
// two rows of instructions (the second 16 rows further), B once for each of
// its two columns (8 columns further), and each of the four instructions
// accumulates into its own vector<2x2xf32>.
// CHECK-DAG: #[[$ROW16:.*]] = affine_map<()[s0, s1] -> (s1 + s0 floordiv 4 + 16)>
// CHECK-DAG: #[[$N8:.*]] = affine_map<()[s0, s1] -> (s1 + s0 floordiv 4 + 8)>
// CHECK-LABEL: gpu.func @grid
// CHECK-SAME: (%[[A:.*]]: memref<64x8xf32>, %[[B:.*]]: memref<8x32xf32>, %[[C:.*]]: memref<64x32xf32>, %[[I:.*]]: index, %[[J:.*]]: index)
// CHECK: %[[LANE:.*]] = gpu.lane_id
// CHECK-COUNT-4: memref.load %[[A]]
// CHECK: %[[R16:.*]] = affine.apply #[[$ROW16]]()[%[[LANE]], %[[I]]]
// CHECK: memref.load %[[A]][%[[R16]]
// CHECK-COUNT-3: memref.load %[[A]]
// CHECK-COUNT-2: memref.load %[[B]]
// CHECK: %[[N8:.*]] = affine.apply #[[$N8]]()[%[[LANE]], %[[J]]]
// CHECK: memref.load %[[B]][%{{.*}}, %[[N8]]]
// CHECK: memref.load %[[B]][%{{.*}}, %[[N8]]]
// CHECK-COUNT-12: nvgpu.mma.sync
// CHECK-NOT: nvgpu.mma.sync
// CHECK-COUNT-8: memref.store %{{.*}}, %[[C]]
// CHECK: memref.store %{{.*}}, %[[C]][%[[R16]],
// CHECK-COUNT-7: memref.store %{{.*}}, %[[C]]
// CHECK-NOT: memref.store
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
gpu.module @kernels {
  gpu.func @grid(%A: memref<64x8xf32>, %B: memref<8x32xf32>, %C: memref<64x32xf32>, %i: index, %j: index) kernel {
    %c0 = arith.constant 0 : index
    %pad = arith.constant 0.0 : f32
    %zero = arith.constant dense<0.0> : vector<32x16xf32>
    %a = vector.transfer_read %A[%i, %c0], %pad {in_bounds = [true, true]} : memref<64x8xf32>, vector<32x8xf32>
    %b = vector.transfer_read %B[%c0, %j], %pad {in_bounds = [true, true]} : memref<8x32xf32>, vector<8x16xf32>
    %d = vector.contract {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %a, %b, %zero : vector<32x8xf32>, vector<8x16xf32> into vector<32x16xf32>
    vector.transfer_write %d, %C[%i, %j] {in_bounds = [true, true]} : vector<32x16xf32>, memref<64x32xf32>
    gpu.return
  }
}

// -----

// A contraction that is no grid of whole instructions with a reduction of 8
// is an error (the strategy gives warp tiles that are).
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
gpu.module @kernels {
  gpu.func @wrong_shape(%A: memref<16x16xf32>, %B: memref<16x8xf32>, %C: memref<16x8xf32>) kernel {
    %c0 = arith.constant 0 : index
    %pad = arith.constant 0.0 : f32
    %a = vector.transfer_read %A[%c0, %c0], %pad {in_bounds = [true, true]} : memref<16x16xf32>, vector<16x16xf32>
    %b = vector.transfer_read %B[%c0, %c0], %pad {in_bounds = [true, true]} : memref<16x8xf32>, vector<16x8xf32>
    %acc = vector.transfer_read %C[%c0, %c0], %pad {in_bounds = [true, true]} : memref<16x8xf32>, vector<16x8xf32>
    // expected-error @+1 {{could not become tensor-core instructions (mma.sync)}}
    %d = vector.contract {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %a, %b, %acc : vector<16x16xf32>, vector<16x8xf32> into vector<16x8xf32>
    vector.transfer_write %d, %C[%c0, %c0] {in_bounds = [true, true]} : vector<16x8xf32>, memref<16x8xf32>
    gpu.return
  }
}

// -----

// The operands swapped (the rows come from the second input): an error, not
// fragments built from the wrong operand.
#b = affine_map<(m, n, k) -> (k, n)>
#a = affine_map<(m, n, k) -> (m, k)>
#c = affine_map<(m, n, k) -> (m, n)>
gpu.module @kernels {
  gpu.func @swapped(%A: memref<16x8xf32>, %B: memref<8x8xf32>, %C: memref<16x8xf32>) kernel {
    %c0 = arith.constant 0 : index
    %pad = arith.constant 0.0 : f32
    %a = vector.transfer_read %A[%c0, %c0], %pad {in_bounds = [true, true]} : memref<16x8xf32>, vector<16x8xf32>
    %b = vector.transfer_read %B[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x8xf32>, vector<8x8xf32>
    %acc = vector.transfer_read %C[%c0, %c0], %pad {in_bounds = [true, true]} : memref<16x8xf32>, vector<16x8xf32>
    // expected-error @+1 {{could not become tensor-core instructions (mma.sync)}}
    %d = vector.contract {indexing_maps = [#b, #a, #c], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %b, %a, %acc : vector<8x8xf32>, vector<16x8xf32> into vector<16x8xf32>
    vector.transfer_write %d, %C[%c0, %c0] {in_bounds = [true, true]} : vector<16x8xf32>, memref<16x8xf32>
    gpu.return
  }
}
