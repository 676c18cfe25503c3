// RUN: loom-opt %s --loom-cpu-codegen \
// RUN: | mlir-translate --mlir-to-llvmir \
// RUN: | llc -O3 -mcpu=x86-64-v3 -o %t.s
// RUN: FileCheck %s < %t.s
// RUN: loom-opt %s --loom-cpu-codegen='threads=1' -mlir-print-ir-after=loom-hoist-accumulators 2>&1 >/dev/null \
// RUN: | FileCheck %s --check-prefix=TILES

// The module's target is a 256-bit core with 16 registers (AVX2): the tiles
// and vectors come from that description, so the matmul is 8x8 register
// tiles whose K loop is eight broadcast FMAs on ymm accumulators, and no
// instruction touches a zmm register.

// TILES: vector.contract {{.*}} : vector<8x1xf32>, vector<1x8xf32> into vector<8x8xf32>
// TILES-NOT: vector<16xf32>
// TILES-NOT: x16xf32>

// The kernel (loom-outline-kernels) is the last function.
// CHECK-LABEL: {{^}}matmul_bias_relu_k0:
// CHECK-COUNT-8: vfmadd{{[0-9]+}}ps {{.*}}ymm
// CHECK-NOT: zmm
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
module attributes {loom.target = #loom.cpu_target<vector_bits = 256, vector_registers = 16, fma_units = 2, l1_cache = 32768, l2_cache = 1048576, l3_cache = 33554432>} {
func.func @matmul_bias_relu(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %bias: tensor<48xf32>) -> tensor<32x48xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<32x48xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<32x48xf32>) -> tensor<32x48xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%fill : tensor<32x48xf32>) -> tensor<32x48xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<32x48xf32>, tensor<48xf32>) outs(%empty : tensor<32x48xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}
}
