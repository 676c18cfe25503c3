// i1 tensors that cross memory (results, arguments) hold one byte per
// element, while LLVM stores a vector of i1 as packed bits: vectorized tiles
// wrote 16 comparisons into 2 bytes and read 16 conditions from 2 bytes.
// Found by loom-difftest (seeds 692104595497589673, 7317164769370704631).
// Such tiles now stay scalar.
//
// x <= x holds for every element, so all 16 (and all 2x32) must be 1.
// RUN: loomc %s --run --entry=compare_16 | FileCheck %s --check-prefix=C16
// C16: result #0: tensor<16xi1>  mean=1 std=0 min=1 max=1 sum=16
// RUN: loomc %s --run --entry=compare_2x32 | FileCheck %s --check-prefix=C64
// C64: result #0: tensor<2x32xi1>  mean=1 std=0 min=1 max=1 sum=64
//
// Reading a mask: select against the reference evaluator, on loom-difftest's
// inputs for seed 7 (a random mask).
// RUN: rm -rf %t && mkdir -p %t
// RUN: loom-difftest %s --output-dir=%t | FileCheck %s --check-prefix=SELECT
// SELECT: programs=3 mismatches=0

func.func @compare_16(%a: tensor<16xf64> {difftest.input = 0 : i64}) -> tensor<16xi1> attributes {difftest.seed = 7 : i64} {
  %0 = loom.compare le, %a, %a : tensor<16xf64>
  return %0 : tensor<16xi1>
}

func.func @compare_2x32(%a: tensor<2x32xf32> {difftest.input = 0 : i64}) -> tensor<2x32xi1> attributes {difftest.seed = 7 : i64} {
  %0 = loom.compare ge, %a, %a : tensor<2x32xf32>
  return %0 : tensor<2x32xi1>
}

func.func @select_mask(%c: tensor<2x16xi1> {difftest.input = 0 : i64}, %a: tensor<2x16xf32> {difftest.input = 1 : i64}, %b: tensor<2x16xf32> {difftest.input = 2 : i64}) -> tensor<2x16xf32> attributes {difftest.seed = 7 : i64} {
  %0 = loom.select %c, %a, %b : tensor<2x16xi1>, tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}
