#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @elementwise_chain_fuses(%x: tensor<6x4xf32>) -> tensor<2x3x4xf32> {
  %empty = tensor.empty() : tensor<6x4xf32>
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<6x4xf32>) outs(%empty : tensor<6x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<6x4xf32>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%e : tensor<6x4xf32>) outs(%empty : tensor<6x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.addf %in, %in : f32
    linalg.yield %v : f32
  } -> tensor<6x4xf32>
  %r = tensor.expand_shape %s [[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}
