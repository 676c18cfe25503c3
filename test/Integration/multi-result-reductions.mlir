// Functions with several reduction results, at 1 and 2 threads. A shared
// zero init of the reductions once made every later result repeat the first
// one's value (see loom-eliminate-empty-tensors).
// REQUIRES: openmp
// RUN: loomc %s --run --entry=two_full_sums | FileCheck %s --check-prefix=TWO
// RUN: loomc %s --run --entry=two_full_sums --num-threads=2 | FileCheck %s --check-prefix=TWO
// RUN: loomc %s --run --entry=rank0_and_rank1 | FileCheck %s --check-prefix=MIXED
// RUN: loomc %s --run --entry=rank0_and_rank1 --num-threads=2 | FileCheck %s --check-prefix=MIXED
// RUN: loomc %s --run --entry=same_value_twice | FileCheck %s --check-prefix=TWICE
// RUN: loomc %s --run --entry=same_value_twice --num-threads=2 | FileCheck %s --check-prefix=TWICE
// RUN: loomc %s --run --entry=large_reductions | FileCheck %s --check-prefix=LARGE
// RUN: loomc %s --run --entry=large_reductions --num-threads=2 | FileCheck %s --check-prefix=LARGE
// RUN: loomc %s --run --entry=inputs_returned | FileCheck %s --check-prefix=INPUTS
// RUN: loomc %s --run --entry=inputs_returned --num-threads=2 | FileCheck %s --check-prefix=INPUTS
//
// Forward mode: the tangent of a sum loss is not the loss.
// RUN: rm -rf %t && mkdir -p %t
// RUN: loomc %s --run --entry=point --outputs=%t > /dev/null
// RUN: loom-opt %s -loom-jvp=function=sum_of_squares -o %t/jvp.mlir
// RUN: loomc %t/jvp.mlir --run --entry=sum_of_squares_jvp --inputs=%t/result0.npy,%t/result1.npy \
// RUN:   | FileCheck %s --check-prefix=JVP
// RUN: loomc %t/jvp.mlir --run --entry=sum_of_squares_jvp --inputs=%t/result0.npy,%t/result1.npy --num-threads=2 \
// RUN:   | FileCheck %s --check-prefix=JVP

// a = [[1, 2], [3, 4], [5, 6], [7, 8]]: sum 36
// b = [[1, -1], [2, -2], [0.5, 0.25], [3, 0]]: sum 3.75
// TWO: result #0: tensor<f32>
// TWO-NEXT: values: [36]
// TWO: result #1: tensor<f32>
// TWO-NEXT: values: [3.75]
func.func @two_full_sums() -> (tensor<f32>, tensor<f32>) {
  %a = loom.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %b = loom.constant dense<[[1.0, -1.0], [2.0, -2.0], [0.5, 0.25], [3.0, 0.0]]> : tensor<4x2xf32>
  %0 = loom.reduce_sum %a axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  %1 = loom.reduce_sum %b axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}

// Sums, maxima and means, over rows, columns and everything, of a and b.
// MIXED: result #0: tensor<2xf32>
// MIXED-NEXT: values: [16, 20]
// MIXED: result #1: tensor<f32>
// MIXED-NEXT: values: [3.75]
// MIXED: result #2: tensor<4xf32>
// MIXED-NEXT: values: [2, 4, 6, 8]
// MIXED: result #3: tensor<2xf32>
// MIXED-NEXT: values: [1.625, -0.6875]
// MIXED: result #4: tensor<f32>
// MIXED-NEXT: values: [8]
// MIXED: result #5: tensor<4xf32>
// MIXED-NEXT: values: [3, 7, 11, 15]
// MIXED: result #6: tensor<f32>
// MIXED-NEXT: values: [0.46875]
func.func @rank0_and_rank1() -> (tensor<2xf32>, tensor<f32>, tensor<4xf32>, tensor<2xf32>,
                                 tensor<f32>, tensor<4xf32>, tensor<f32>) {
  %a = loom.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %b = loom.constant dense<[[1.0, -1.0], [2.0, -2.0], [0.5, 0.25], [3.0, 0.0]]> : tensor<4x2xf32>
  %0 = loom.reduce_sum %a axes = [0] : tensor<4x2xf32> -> tensor<2xf32>
  %1 = loom.reduce_sum %b axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  %2 = loom.reduce_max %a axes = [1] : tensor<4x2xf32> -> tensor<4xf32>
  %3 = loom.reduce_mean %b axes = [0] : tensor<4x2xf32> -> tensor<2xf32>
  %4 = loom.reduce_max %a axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  %5 = loom.reduce_sum %a axes = [1] : tensor<4x2xf32> -> tensor<4xf32>
  %6 = loom.reduce_mean %b axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  return %0, %1, %2, %3, %4, %5, %6
      : tensor<2xf32>, tensor<f32>, tensor<4xf32>, tensor<2xf32>, tensor<f32>, tensor<4xf32>, tensor<f32>
}

// TWICE: result #0: tensor<f32>
// TWICE-NEXT: values: [36]
// TWICE: result #1: tensor<f32>
// TWICE-NEXT: values: [4.5]
// TWICE: result #2: tensor<f32>
// TWICE-NEXT: values: [36]
// TWICE: result #3: tensor<2xf32>
// TWICE-NEXT: values: [16, 20]
// TWICE: result #4: tensor<2xf32>
// TWICE-NEXT: values: [16, 20]
func.func @same_value_twice() -> (tensor<f32>, tensor<f32>, tensor<f32>, tensor<2xf32>, tensor<2xf32>) {
  %a = loom.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %sum = loom.reduce_sum %a axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  %mean = loom.reduce_mean %a axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  %columns = loom.reduce_sum %a axes = [0] : tensor<4x2xf32> -> tensor<2xf32>
  return %sum, %mean, %sum, %columns, %columns : tensor<f32>, tensor<f32>, tensor<f32>, tensor<2xf32>, tensor<2xf32>
}

// Large enough for 2 threads to split the rows (whole numbers below 2^24, so
// f32 sums are exact). Columns iota j: each row sums to 0 + ... + 255 = 32640;
// rows iota i: row i sums to 256 i.
// LARGE: result #0: tensor<512xf32>  mean=32640 std=0 min=32640 max=32640
// LARGE: result #1: tensor<512xf32>  mean=65408 std={{.*}} min=0 max=130816
// LARGE: result #2: tensor<f32>
// LARGE-NEXT: values: [1.67117e+07]
// LARGE: result #3: tensor<512xf32>  mean=255 std=0 min=255 max=255
func.func @large_reductions() -> (tensor<512xf32>, tensor<512xf32>, tensor<f32>, tensor<512xf32>) {
  %j = loom.iota dim = 1 : tensor<512x256xf32>
  %i = loom.iota dim = 0 : tensor<512x256xf32>
  %rows_j = loom.reduce_sum %j axes = [1] : tensor<512x256xf32> -> tensor<512xf32>
  %rows_i = loom.reduce_sum %i axes = [1] : tensor<512x256xf32> -> tensor<512xf32>
  %all = loom.reduce_sum %j axes = [0, 1] : tensor<512x256xf32> -> tensor<f32>
  %maxima = loom.reduce_max %j axes = [1] : tensor<512x256xf32> -> tensor<512xf32>
  return %rows_j, %rows_i, %all, %maxima : tensor<512xf32>, tensor<512xf32>, tensor<f32>, tensor<512xf32>
}

// The inputs are random; each returned input must come back unchanged next
// to the reductions (of a constant, so their values are known).
// INPUTS: result #0: tensor<3xf32>
// INPUTS-NEXT: values: [[[X:.*]]]
// INPUTS: result #1: tensor<f32>
// INPUTS-NEXT: values: [36]
// INPUTS: result #2: tensor<3xf32>
// INPUTS-NEXT: values: [[[X]]]
// INPUTS: result #3: tensor<f32>
// INPUTS-NEXT: values: [[[S:.*]]]
// INPUTS: result #4: tensor<f32>
// INPUTS-NEXT: values: [8]
// INPUTS: result #5: tensor<f32>
// INPUTS-NEXT: values: [[[S]]]
func.func @inputs_returned(%x: tensor<3xf32>, %s: tensor<f32>) -> (tensor<3xf32>, tensor<f32>, tensor<3xf32>,
                                                                tensor<f32>, tensor<f32>, tensor<f32>) {
  %a = loom.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %sum = loom.reduce_sum %a axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  %max = loom.reduce_max %a axes = [0, 1] : tensor<4x2xf32> -> tensor<f32>
  return %x, %sum, %x, %s, %max, %s : tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>, tensor<f32>, tensor<f32>
}

// x = [1, 2, 3], dx = [0.5, -1, 2]: loss sum(x^2) = 14,
// tangent sum(2 x dx) = 1 - 4 + 12 = 9.
// JVP: result #0: tensor<f32>
// JVP-NEXT: values: [14]
// JVP: result #1: tensor<f32>
// JVP-NEXT: values: [9]
func.func @point() -> (tensor<3xf32>, tensor<3xf32>) {
  %x = loom.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %dx = loom.constant dense<[0.5, -1.0, 2.0]> : tensor<3xf32>
  return %x, %dx : tensor<3xf32>, tensor<3xf32>
}

func.func @sum_of_squares(%x: tensor<3xf32> {loom.differentiate}) -> tensor<f32> {
  %0 = loom.square %x : tensor<3xf32>
  %1 = loom.reduce_sum %0 axes = [0] : tensor<3xf32> -> tensor<f32>
  return %1 : tensor<f32>
}
