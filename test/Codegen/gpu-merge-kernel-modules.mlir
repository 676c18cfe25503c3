// RUN: loom-opt %s -split-input-file -verify-diagnostics -loom-gpu-merge-kernel-modules | FileCheck %s

// Two outlined kernels, both named after their function: one module, each
// kernel renamed after the module it came from, the launches pointed at it.
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK: gpu.launch_func @f_kernel::@f_kernel
// CHECK: gpu.launch_func @f_kernel::@f_kernel_0
// CHECK: gpu.module @f_kernel {
// CHECK: gpu.func @f_kernel() kernel
// CHECK: gpu.func @f_kernel_0() kernel
// CHECK-NOT: gpu.module
module attributes {gpu.container_module} {
  func.func @f() {
    %c1 = arith.constant 1 : index
    gpu.launch_func @f_kernel::@f_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    gpu.launch_func @f_kernel_0::@f_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    return
  }
  gpu.module @f_kernel {
    gpu.func @f_kernel() kernel { gpu.return }
  }
  gpu.module @f_kernel_0 {
    gpu.func @f_kernel() kernel { gpu.return }
  }
}

// -----

// A second module's kernel whose new name the first already holds.
module attributes {gpu.container_module} {
  gpu.module @a {
    gpu.func @b() kernel { gpu.return }
  }
  gpu.module @b {
    // expected-error @+1 {{cannot be named @b, which @a holds}}
    gpu.func @b() kernel { gpu.return }
  }
}
