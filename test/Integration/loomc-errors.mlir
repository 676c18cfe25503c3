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

// A flag that the chosen mode does not read is an error, not ignored, and so
// is a value out of range; all are reported before anything is compiled.
// RUN: not loomc %s --batch=4 2>&1 | FileCheck %s --check-prefix=BATCH-FILE
// RUN: not loomc --model=ae --batch=-3 2>&1 | FileCheck %s --check-prefix=BATCH-NEGATIVE
// RUN: not loomc --model=ae --optimizer=sgd --run 2>&1 | FileCheck %s --check-prefix=OPTIMIZER
// RUN: not loomc --model=ae --bench --outputs=%t 2>&1 | FileCheck %s --check-prefix=BENCH-OUTPUTS
// RUN: not loomc --model=ae --train-step --bench --steps=3 2>&1 | FileCheck %s --check-prefix=BENCH-STEPS
// RUN: not loomc --model=ae --run --peak-gflops=100 2>&1 | FileCheck %s --check-prefix=PEAK
// RUN: not loomc --model=ae --bench --peak-gflops=-1 2>&1 | FileCheck %s --check-prefix=PEAK-VALUE
// RUN: not loomc --model=ae --steps=3 --run 2>&1 | FileCheck %s --check-prefix=STEPS
// RUN: not loomc --model=ae --train-step --run --steps=0 2>&1 | FileCheck %s --check-prefix=STEPS-ZERO
// RUN: not loomc --model=ae --train-step --run --train-images=10 2>&1 | FileCheck %s --check-prefix=IMAGES
// RUN: not loomc --model=ae --inputs=%t.npy 2>&1 | FileCheck %s --check-prefix=INPUTS
// RUN: not loomc --model=ae --train-step --run --outputs=%t 2>&1 | FileCheck %s --check-prefix=OUTPUTS
// RUN: not loomc --model=ae --run -o %t.mlir 2>&1 | FileCheck %s --check-prefix=OUTPUT-FILE
// BATCH-FILE: loomc: error: --batch applies to --model only (a file's shapes are its own)
// BATCH-NEGATIVE: loomc: error: --batch must be positive, got -3
// OPTIMIZER: loomc: error: --optimizer applies to --train-step only
// BENCH-OUTPUTS: loomc: error: --outputs applies to --run, not --bench (which prints no results)
// BENCH-STEPS: loomc: error: --steps applies to --run, not --bench (which takes as many steps as it times)
// PEAK: loomc: error: --peak-gflops applies to --bench only
// PEAK-VALUE: loomc: error: --peak-gflops must be positive, got -1
// STEPS: loomc: error: --steps applies to --train-step only
// STEPS-ZERO: loomc: error: --steps must be positive, got 0
// IMAGES: loomc: error: --train-images needs --data
// INPUTS: loomc: error: --inputs applies to --run without --train-step only
// OUTPUTS: loomc: error: --outputs applies to --run without --train-step only
// OUTPUT-FILE: loomc: error: -o names the file of --emit; give --emit=<stage> with it
