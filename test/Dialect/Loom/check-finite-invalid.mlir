// RUN: loom-opt %s -split-input-file -verify-diagnostics

func.func @negative_id(%x: tensor<4xf32>) {
  // expected-error @+1 {{'loom.check_finite' op id must be non-negative, got -1}}
  loom.check_finite %x id = -1 producer = "loom.exp" : tensor<4xf32>
  return
}

// -----

func.func @no_producer(%x: tensor<4xf32>) {
  // expected-error @+1 {{'loom.check_finite' op producer must name the op whose result is checked}}
  loom.check_finite %x id = 0 producer = "" : tensor<4xf32>
  return
}

// -----

func.func @integer(%x: tensor<4xi32>) {
  // expected-error @+1 {{'loom.check_finite' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values}}
  "loom.check_finite"(%x) {id = 0 : i64, producer = "loom.iota"} : (tensor<4xi32>) -> ()
  return
}
