// An artifact saved by loomc runs in loom-run, which links LoomRuntime alone.
// The inputs are loomc's results of @make (constants written below); the
// expected values are computed by hand from them.
// RUN: rm -rf %t && mkdir -p %t/in
// RUN: loomc %s --run --entry=make --outputs=%t/in > /dev/null
// RUN: loomc %s --save-artifact=%t/artifact
// RUN: FileCheck %s --check-prefix=MANIFEST < %t/artifact/manifest.txt
// RUN: loom-run %t/artifact --entry=affine --inputs=%t/in/result0.npy,%t/in/result1.npy | FileCheck %s --check-prefix=AFFINE
// RUN: loom-run %t/artifact --entry=accumulate --inputs=%t/in/result2.npy,%t/in/result2.npy --outputs=%t/out | FileCheck %s --check-prefix=ACCUMULATE
// RUN: ls %t/out | FileCheck %s --check-prefix=FILES
// FILES: acc.npy
// FILES-NEXT: total.npy
// Code for four threads calls libomp, which the library finds by its rpath.
// RUN: %if openmp %{ loomc %s --num-threads=4 --save-artifact=%t/threads %}
// RUN: %if openmp %{ loom-run %t/threads --entry=affine --inputs=%t/in/result0.npy,%t/in/result1.npy | FileCheck %s --check-prefix=AFFINE %}
// RUN: not loom-run %t/artifact --entry=affine --inputs=%t/in/result1.npy,%t/in/result0.npy 2>&1 | FileCheck %s --check-prefix=SWAPPED
// RUN: not loom-run %t/missing 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not loomc %s --check-numerics --save-artifact=%t/checked 2>&1 | FileCheck %s --check-prefix=CHECKED

// MANIFEST: loom-artifact 3
// MANIFEST-NEXT: target "host-cpu" "{{.+}}"
// MANIFEST-NEXT: threads 1
// MANIFEST-NEXT: library "code-{{[0-9a-f]+}}.so"
// MANIFEST-NEXT: entry "make"
// MANIFEST-NEXT: result "result0" f32 [2,3]
// MANIFEST-NEXT: result "result1" f32 [2]
// MANIFEST-NEXT: result "result2" f32 [3]
// MANIFEST-NEXT: end
// MANIFEST-NEXT: entry "affine"
// MANIFEST-NEXT: arg input "x" f32 [2,3]
// MANIFEST-NEXT: arg param "w" f32 [3,2] init ones 1
// MANIFEST-NEXT: arg input "b" f32 [2]
// MANIFEST-NEXT: result "result0" f32 [2,2]
// MANIFEST-NEXT: end
// MANIFEST-NEXT: entry "accumulate"
// MANIFEST-NEXT: arg input "acc" f32 [3]
// MANIFEST-NEXT: arg plain "arg1" f32 [3]
// MANIFEST-NEXT: result "acc" f32 [3] tied 0
// MANIFEST-NEXT: result "total" f32 []
// The doubled input is a temporary, in the workspace.
// MANIFEST-NEXT: workspace 64
// MANIFEST-NEXT: end

func.func @make() -> (tensor<2x3xf32>, tensor<2xf32>, tensor<3xf32>) {
  %x = loom.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = loom.constant dense<[0.5, -20.0]> : tensor<2xf32>
  %d = loom.constant dense<[1.5, -2.0, 4.0]> : tensor<3xf32>
  return %x, %b, %d : tensor<2x3xf32>, tensor<2xf32>, tensor<3xf32>
}

// relu(x @ ones(3x2) + b): the row sums 6 and 15, plus 0.5 and -20.
// AFFINE: result #0: tensor<2x2xf32>
// AFFINE-NEXT: values: [6.5, 0, 15.5, 0]
func.func @affine(%x: tensor<2x3xf32> {loom.input = "x"},
                  %w: tensor<3x2xf32> {loom.param = "w", loom.init = #loom.init<ones, 1.0>},
                  %b: tensor<2xf32> {loom.input = "b"}) -> tensor<2x2xf32> {
  %xw = loom.matmul %x, %w : tensor<2x3xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
  %bb = loom.broadcast_in_dim %b dims = [1] : tensor<2xf32> -> tensor<2x2xf32>
  %s = loom.add %xw, %bb : tensor<2x2xf32>
  %r = loom.relu %s : tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// acc + 2 d with acc = d = [1.5, -2, 4], and the sum of the new acc.
// Results are printed, and written, under their names: the tied one is
// called after its argument.
// ACCUMULATE: result #0 acc: tensor<3xf32>
// ACCUMULATE-NEXT: values: [4.5, -6, 12]
// ACCUMULATE: result #1 total: tensor<f32>
// ACCUMULATE-NEXT: values: [10.5]
func.func @accumulate(%acc: tensor<3xf32> {loom.input = "acc"}, %d: tensor<3xf32>)
    -> (tensor<3xf32> {loom.tied_to = 0 : i64}, tensor<f32> {loom.result = "total"}) {
  %two = loom.constant dense<2.0> : tensor<3xf32>
  %dd = loom.mul %d, %two : tensor<3xf32>
  %new = loom.add %acc, %dd : tensor<3xf32>
  %sum = loom.reduce_sum %new axes = [0] : tensor<3xf32> -> tensor<f32>
  return %new, %sum : tensor<3xf32>, tensor<f32>
}

// SWAPPED: loom-run: error (invalid argument): argument #0 ('x') of 'affine': expected tensor<2x3xf32>, got tensor<2xf32>
// MISSING: loom-run: error (I/O): cannot open artifact manifest '{{.*}}missing/manifest.txt'
// CHECKED: error: an artifact cannot hold NaN/Inf checks
