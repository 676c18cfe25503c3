// RUN: loom-opt %s -split-input-file -loom-autodiff -verify-diagnostics

// Every op without a gradient rule on the path to the loss is named in one
// error, with the differentiable ops its derivative would flow through; the
// rule-less op off the path (on %c) is not reported.
// expected-error @+1 {{cannot build the gradient of @missing_rules: 2 op(s) on the differentiated path have no gradient rule: 'arith.mulf', 'math.sin'}}
func.func @missing_rules(%x: tensor<4xf32> {loom.differentiate}, %c: tensor<4xf32>) -> tensor<f32> {
  %e = loom.exp %x : tensor<4xf32>
  // expected-note @+1 {{'arith.mulf' has no gradient rule; its derivative would flow through 3 differentiable op(s): 'loom.add', 'loom.add', 'loom.reduce_sum'}}
  %m = arith.mulf %e, %e : tensor<4xf32>
  // expected-note @+1 {{'math.sin' has no gradient rule; its derivative would flow through 3 differentiable op(s): 'loom.add', 'loom.add', 'loom.reduce_sum'}}
  %s = math.sin %x : tensor<4xf32>
  %off = math.cos %c : tensor<4xf32>
  %a = loom.add %m, %s : tensor<4xf32>
  %b = loom.add %a, %off : tensor<4xf32>
  %l = loom.reduce_sum %b axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// expected-error @+1 {{cannot differentiate @vector_loss: result 0 must be the loss, a rank-0 float tensor, got 'tensor<4xf32>'}}
func.func @vector_loss(%x: tensor<4xf32> {loom.differentiate}) -> tensor<4xf32> {
  %e = loom.exp %x : tensor<4xf32>
  return %e : tensor<4xf32>
}

// -----

// expected-error @+1 {{cannot add @taken_grad: the module already has a symbol of that name}}
func.func @taken(%x: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %l = loom.reduce_sum %x axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
func.func @taken_grad() {
  return
}

// -----

func.func @with_region(%x: tensor<4xf32> {loom.differentiate}, %c: i1) -> tensor<f32> {
  // expected-error @+1 {{cannot differentiate an op with regions: 'scf.if'}}
  %y = scf.if %c -> tensor<4xf32> {
    scf.yield %x : tensor<4xf32>
  } else {
    scf.yield %x : tensor<4xf32>
  }
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
