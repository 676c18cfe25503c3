#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @exp_tanh_f32(%x: tensor<4x40xf32>) -> tensor<4x40xf32> {
  %empty = tensor.empty() : tensor<4x40xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x40xf32>) outs(%empty : tensor<4x40xf32>) {
  ^bb0(%a: f32, %o: f32):
    %e = math.exp %a : f32
    %t = math.tanh %e : f32
    linalg.yield %t : f32
  } -> tensor<4x40xf32>
  return %r : tensor<4x40xf32>
}

func.func @mul_f64(%x: tensor<3x12xf64>) -> tensor<3x12xf64> {
  %empty = tensor.empty() : tensor<3x12xf64>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<3x12xf64>) outs(%empty : tensor<3x12xf64>) {
  ^bb0(%a: f64, %o: f64):
    %m = arith.mulf %a, %a : f64
    linalg.yield %m : f64
  } -> tensor<3x12xf64>
  return %r : tensor<3x12xf64>
}
