// loomc --check-numerics: the log of a negative input is reported at the
// log's line, with the first bad element, and loomc fails; without the flag
// the NaN is an ordinary result.
// RUN: rm -rf %t && mkdir -p %t
// RUN: loomc %s --run --entry=make --outputs=%t | FileCheck %s --check-prefix=MAKE
// RUN: not loomc %s --run --entry=logs --inputs=%t/result0.npy --check-numerics 2>&1 | FileCheck %s --check-prefix=CHECKED
// RUN: loomc %s --run --entry=logs --inputs=%t/result0.npy | FileCheck %s --check-prefix=PLAIN
// RUN: %if openmp %{ not loomc %s --run --entry=logs --inputs=%t/result0.npy --check-numerics --num-threads=2 2>&1 | FileCheck %s --check-prefix=CHECKED %}
// The instrumented loom IR, as --emit shows it.
// RUN: loomc %s --emit=loom --entry=logs --check-numerics | FileCheck %s --check-prefix=EMIT

// MAKE: result #0: tensor<2x3xf32>
func.func @make() -> tensor<2x3xf32> {
  %x = loom.constant dense<[[1.0, 2.0, 3.0], [4.0, -5.0, 6.0]]> : tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}

// CHECKED: check-numerics.mlir:[[@LINE+9]]:8: error: 'loom.log' produced NaN (first non-finite value at element [1, 1])
// CHECKED-NOT: error
// PLAIN: values: [1, 2.10736, 2.83066, 3.38629, {{-?nan}}, 4.24125]
// The abs can only produce what it reads (checked already): no check.
// EMIT-NOT: producer = "loom.abs"
// EMIT: loom.check_finite %{{.*}} id = 0 producer = "loom.log"
// EMIT: loom.check_finite %{{.*}} id = 1 producer = "loom.sqrt"
func.func @logs(%x: tensor<2x3xf32> {loom.input = "x"}) -> tensor<2x3xf32> {
  %a = loom.abs %x : tensor<2x3xf32>
  %l = loom.log %x : tensor<2x3xf32>
  // Also NaN at [1, 1], but after the log.
  %s = loom.sqrt %x : tensor<2x3xf32>
  %y = loom.add %l, %s : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
