// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file -verify-diagnostics

// The runtime's all-reduce names are reserved: a definition of that name,
// a declaration of another type and any other symbol of that name are
// errors, not silently called.
// expected-error @+1 {{the symbol 'loomAllReduceF32' is reserved for the runtime's collectives}}
func.func @loomAllReduceF32(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = loom.constant dense<0> : tensor<i64>
  %g = loom.all_reduce sum %c, %x : tensor<i64>, tensor<4xf32>
  return %g : tensor<4xf32>
}

// -----

// expected-error @+1 {{the symbol 'loomAllReduceF64' is reserved for the runtime's collectives}}
func.func private @loomAllReduceF64(i64, memref<*xf64>)
func.func @wrong_declaration(%c: tensor<i64>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %g = loom.all_reduce sum %c, %x : tensor<i64>, tensor<4xf32>
  return %g : tensor<4xf32>
}

// -----

// expected-error @+1 {{the symbol 'loomAllReduceF32' is reserved for the runtime's collectives}}
memref.global "private" @loomAllReduceF32 : memref<4xf32>
func.func @not_a_function(%c: tensor<i64>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %g = loom.all_reduce mean %c, %x : tensor<i64>, tensor<4xf32>
  return %g : tensor<4xf32>
}

// -----

func.func @dynamic(%c: tensor<i64>, %x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'loom.all_reduce' op needs static shapes to lower to linalg, got 'tensor<?xf32>'}}
  %g = loom.all_reduce sum %c, %x : tensor<i64>, tensor<?xf32>
  return %g : tensor<?xf32>
}
