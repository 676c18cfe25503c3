#elementwise = affine_map<(d0, d1) -> (d0, d1)>
func.func @tiny_exp(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %empty = tensor.empty() : tensor<4x16xf32>
  %r = linalg.generic {indexing_maps = [#elementwise, #elementwise], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x16xf32>) outs(%empty : tensor<4x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %e = math.exp %v : f32
    linalg.yield %e : f32
  } -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}
