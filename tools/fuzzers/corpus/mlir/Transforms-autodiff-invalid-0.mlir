func.func @missing_rules(%x: tensor<4xf32> {loom.differentiate}, %c: tensor<4xf32>) -> tensor<f32> {
  %e = loom.exp %x : tensor<4xf32>
  %m = arith.mulf %e, %e : tensor<4xf32>
  %s = math.sin %x : tensor<4xf32>
  %off = math.cos %c : tensor<4xf32>
  %a = loom.add %m, %s : tensor<4xf32>
  %b = loom.add %a, %off : tensor<4xf32>
  %l = loom.reduce_sum %b axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
