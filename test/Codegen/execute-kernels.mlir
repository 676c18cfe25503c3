// RUN: loom-opt %s --loom-cpu-codegen \
// RUN: | mlir-translate --mlir-to-llvmir \
// RUN: | llc -O3 -mcpu=x86-64-v4 -relocation-model=pic -filetype=obj -o %t.o
// RUN: cc -O1 %S/Inputs/kernels-driver.c %t.o -lm -o %t.exe
// RUN: %t.exe | FileCheck %s
// RUN: loom-opt %s --loom-cpu-codegen | FileCheck %s --check-prefix=WORKSPACE
// REQUIRES: avx512, cc

// Runs the generated code through its C interface (inputs, then one
// caller-allocated output per result) and compares each kernel with plain C
// loops in double precision (Inputs/kernels-driver.c). The outputs start as
// NaN garbage, so a missed store shows.

// CHECK: matmul_bias_relu: ok
// CHECK: chain: ok
// CHECK: chain_f64: ok
// CHECK: row_sum: ok
// CHECK: col_max: ok
// CHECK: transpose: ok
// CHECK: conv: ok
// CHECK: concat: ok
// CHECK: concat_slice: ok
// CHECK: bmm: ok
// CHECK: identity_0: ok
// CHECK: identity_1: ok
// CHECK: softmax: ok
// The softmax's temporaries come in a workspace, which the driver gives
// 64 KiB.
// WORKSPACE: llvm.func @_mlir_ciface_softmax(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr {loom.workspace = {{[0-9][0-9]?[0-9]?[0-9]?}} : i64})

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d0)>
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
func.func @chain(%x: tensor<4x40xf32>, %y: tensor<4x40xf32>, %z: tensor<4x40xf32>) -> tensor<4x40xf32> {
  %empty = tensor.empty() : tensor<4x40xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %y, %z : tensor<4x40xf32>, tensor<4x40xf32>, tensor<4x40xf32>) outs(%empty : tensor<4x40xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32, %o: f32):
    %e = math.exp %a : f32
    %t = math.tanh %b : f32
    %l = math.log %c : f32
    %m = arith.mulf %e, %t : f32
    %s = arith.addf %m, %l : f32
    linalg.yield %s : f32
  } -> tensor<4x40xf32>
  return %r : tensor<4x40xf32>
}
func.func @chain_f64(%x: tensor<3x12xf64>, %y: tensor<3x12xf64>) -> tensor<3x12xf64> {
  %empty = tensor.empty() : tensor<3x12xf64>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %y : tensor<3x12xf64>, tensor<3x12xf64>) outs(%empty : tensor<3x12xf64>) {
  ^bb0(%a: f64, %b: f64, %o: f64):
    %e = math.exp %a : f64
    %m = arith.mulf %e, %b : f64
    linalg.yield %m : f64
  } -> tensor<3x12xf64>
  return %r : tensor<3x12xf64>
}
func.func @row_sum(%x: tensor<8x64xf32>) -> tensor<8xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<8xf32>) -> tensor<8xf32>
  %r = linalg.reduce ins(%x : tensor<8x64xf32>) outs(%fill : tensor<8xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return %r : tensor<8xf32>
}
func.func @col_max(%x: tensor<8x64xf32>) -> tensor<64xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %empty = tensor.empty() : tensor<64xf32>
  %fill = linalg.fill ins(%ninf : f32) outs(%empty : tensor<64xf32>) -> tensor<64xf32>
  %r = linalg.reduce ins(%x : tensor<8x64xf32>) outs(%fill : tensor<64xf32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.maximumf %in, %acc : f32
      linalg.yield %s : f32
    }
  return %r : tensor<64xf32>
}
func.func @transpose(%x: tensor<16x12xf32>) -> tensor<12x16xf32> {
  %empty = tensor.empty() : tensor<12x16xf32>
  %r = linalg.transpose ins(%x : tensor<16x12xf32>) outs(%empty : tensor<12x16xf32>) permutation = [1, 0]
  return %r : tensor<12x16xf32>
}
func.func @conv(%x: tensor<1x2x6x6xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x4x4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x6x6xf32>, tensor<3x2x3x3xf32>) outs(%fill : tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %r : tensor<1x3x4x4xf32>
}
func.func @concat(%a: tensor<4x6xf32>, %b: tensor<4x10xf32>) -> (tensor<4x16xf32>, tensor<2x6xf32>) {
  %empty = tensor.empty() : tensor<4x16xf32>
  %0 = tensor.insert_slice %a into %empty[0, 0] [4, 6] [1, 1] : tensor<4x6xf32> into tensor<4x16xf32>
  %1 = tensor.insert_slice %b into %0[0, 6] [4, 10] [1, 1] : tensor<4x10xf32> into tensor<4x16xf32>
  %s = tensor.extract_slice %a[1, 0] [2, 6] [1, 1] : tensor<4x6xf32> to tensor<2x6xf32>
  return %1, %s : tensor<4x16xf32>, tensor<2x6xf32>
}
func.func @bmm(%a: tensor<2x4x8xf32>, %b: tensor<2x8x16xf32>) -> tensor<2x4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x4x16xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<2x4x8xf32>, tensor<2x8x16xf32>) outs(%fill : tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
  return %r : tensor<2x4x16xf32>
}
func.func @identity(%a: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
  return %a, %a : tensor<5x3xf32>, tensor<5x3xf32>
}
func.func @softmax(%x: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<8xf32>
  %f1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  %max = linalg.reduce ins(%x : tensor<8x64xf32>) outs(%f1 : tensor<8xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.maximumf %in, %acc : f32
      linalg.yield %s : f32
    }
  %e2 = tensor.empty() : tensor<8x64xf32>
  %ex = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %max : tensor<8x64xf32>, tensor<8xf32>) outs(%e2 : tensor<8x64xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %e = math.exp %d : f32
    linalg.yield %e : f32
  } -> tensor<8x64xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  %sum = linalg.reduce ins(%ex : tensor<8x64xf32>) outs(%f2 : tensor<8xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %r = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%ex, %sum : tensor<8x64xf32>, tensor<8xf32>) outs(%e2 : tensor<8x64xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %d = arith.divf %a, %s : f32
    linalg.yield %d : f32
  } -> tensor<8x64xf32>
  return %r : tensor<8x64xf32>
}
