// loomc --timing reports, on stderr, every MLIR pass under its stage and
// LLVM's phases, for the JIT (--run) and for emitted machine code; without
// it nothing is reported.
// RUN: loomc %s --run --no-cache --timing 2>&1 >/dev/null | FileCheck %s
// RUN: loomc %s --emit=obj -o %t.o --timing 2>&1 | FileCheck %s
// RUN: loomc %s --emit=obj -o %t.o 2>&1 | count 0

// CHECK: Execution time report
// CHECK: Wall Time
// CHECK: {{^ .* }}linalg{{$}}
// CHECK: ConvertLoomToLinalg
// CHECK: {{^ .* }}bufferized{{$}}
// CHECK: Bufferize
// CHECK: {{^ .* }}llvm{{$}}
// CHECK: OutlineKernels
// CHECK: (verify)
// CHECK: translate to LLVM IR
// CHECK: LLVM optimize
// CHECK: InstCombinePass
// CHECK: LLVM machine code
// CHECK: Total
func.func @scale(%x: tensor<64xf32>, %y: tensor<64xf32>) -> tensor<64xf32> {
  %t = loom.tanh %x : tensor<64xf32>
  %m = loom.mul %t, %y : tensor<64xf32>
  return %m : tensor<64xf32>
}
