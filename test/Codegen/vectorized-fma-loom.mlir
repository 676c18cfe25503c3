// RUN: loom-opt %s --loom-cpu-pipeline \
// RUN: | mlir-translate --mlir-to-llvmir \
// RUN: | llc -O3 -mcpu=x86-64-v4 -o %t.s
// RUN: FileCheck %s --check-prefix=FMA < %t.s
// RUN: FileCheck %s --check-prefix=ARITH < %t.s

// The whole CPU pipeline from the loom dialect: a dense layer with bias and
// relu becomes a register-tiled AVX-512 FMA kernel with the epilogue fused.

// The kernel is its own function (loom-outline-kernels), after the function
// and its C wrapper.
// FMA-LABEL: {{^}}dense_relu_k0:
// ARITH-LABEL: {{^}}dense_relu_k0:
// FMA-COUNT-8: vfmadd{{[0-9]+}}ps {{.*}}zmm
// FMA-NOT: call
// ARITH-DAG: vaddps {{.*}}zmm
// ARITH-DAG: vmaxps {{.*}}zmm
// FMA: {{^}}tanh_mul:
// ARITH-LABEL: {{^}}tanh_mul:
func.func @dense_relu(%x: tensor<32x24xf32>, %w: tensor<24x48xf32>, %b: tensor<48xf32>) -> tensor<32x48xf32> {
  %mm = loom.matmul %x, %w : tensor<32x24xf32>, tensor<24x48xf32> -> tensor<32x48xf32>
  %bb = loom.broadcast_in_dim %b dims = [1] : tensor<48xf32> -> tensor<32x48xf32>
  %s = loom.add %mm, %bb : tensor<32x48xf32>
  %r = loom.relu %s : tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// ARITH-LABEL: {{^}}tanh_mul_k0:
// ARITH: vmulps {{.*}}zmm
// ARITH-NOT: call
func.func @tanh_mul(%x: tensor<8x32xf32>, %y: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %t = loom.tanh %x : tensor<8x32xf32>
  %m = loom.mul %t, %y : tensor<8x32xf32>
  return %m : tensor<8x32xf32>
}
