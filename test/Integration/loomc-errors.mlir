// Bad input to the CLI is a clear error and a non-zero exit, never a crash.
// RUN: not loomc %s 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: not loomc %s.missing 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not loomc --model=resnet 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: not loomc --model=ae --emit=ptx 2>&1 | FileCheck %s --check-prefix=EMIT
// RUN: not loomc --model=ae --emit=obj 2>&1 | FileCheck %s --check-prefix=OBJ
// RUN: not loomc 2>&1 | FileCheck %s --check-prefix=NOINPUT
// RUN: not loomc --model=ae --run --entry=nope 2>&1 | FileCheck %s --check-prefix=ENTRY

// VERIFY: loomc-errors.mlir:[[@LINE+3]]:8: error: 'loom.matmul' contraction sizes differ: lhs [2, 3] has k = 3, rhs [4, 5] has k = 4
// NOFILE: loomc: error: {{.*}}missing
func.func @bad(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  %0 = loom.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
// MODEL: loomc: error: {{.*}}resnet
// EMIT: loomc: error: unknown --emit stage 'ptx'
// OBJ: loomc: error: --emit=obj writes binary: give an output file with -o
// NOINPUT: loomc: error: give exactly one of an input .mlir file or --model=NAME
// ENTRY: loomc: error: no entry named 'nope'; entries: forward
