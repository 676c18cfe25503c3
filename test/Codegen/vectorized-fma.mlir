// RUN: loom-opt %s --loom-cpu-codegen \
// RUN: | mlir-translate --mlir-to-llvmir \
// RUN: | llc -O3 -mcpu=x86-64-v4 -o %t.s
// RUN: FileCheck %s --check-prefix=FMA < %t.s
// RUN: FileCheck %s --check-prefix=ARITH < %t.s

// The CPU code generation stage must emit AVX-512 code: the matmul's K loop
// is eight broadcast FMAs on zmm accumulators, its bias + relu epilogue and
// the elementwise chain run on zmm registers, and exp is a vectorized
// polynomial, not a libm call per element.

// Each function's kernel is its own function (loom-outline-kernels), after
// the function and its C wrapper.
// FMA-LABEL: {{^}}matmul_bias_relu_k0:
// ARITH-LABEL: {{^}}matmul_bias_relu_k0:
// FMA-COUNT-8: vfmadd{{[0-9]+}}ps {{.*}}zmm
// FMA-NOT: call
// ARITH-DAG: vaddps {{.*}}zmm
// ARITH-DAG: vmaxps {{.*}}zmm
// FMA: {{^}}scale_shift_exp:
// ARITH-LABEL: {{^}}scale_shift_exp:
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
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

// ARITH-LABEL: {{^}}scale_shift_exp_k0:
// ARITH: vmulps {{.*}}zmm
// ARITH: vaddps {{.*}}zmm
// ARITH-NOT: call
// ARITH-LABEL: {{^}}scale_f64:
func.func @scale_shift_exp(%x: tensor<16x64xf32>, %y: tensor<16x64xf32>, %z: tensor<16x64xf32>) -> tensor<16x64xf32> {
  %empty = tensor.empty() : tensor<16x64xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %y, %z : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32>) outs(%empty : tensor<16x64xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %c : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  } -> tensor<16x64xf32>
  return %r : tensor<16x64xf32>
}

// An f64 chain of width 8 uses zmm registers as well.

// ARITH-LABEL: {{^}}scale_f64_k0:
// ARITH: vmulpd {{.*}}zmm
func.func @scale_f64(%x: tensor<4x24xf64>, %y: tensor<4x24xf64>) -> tensor<4x24xf64> {
  %empty = tensor.empty() : tensor<4x24xf64>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %y : tensor<4x24xf64>, tensor<4x24xf64>) outs(%empty : tensor<4x24xf64>) {
  ^bb0(%a: f64, %b: f64, %o: f64):
    %m = arith.mulf %a, %b : f64
    linalg.yield %m : f64
  } -> tensor<4x24xf64>
  return %r : tensor<4x24xf64>
}
