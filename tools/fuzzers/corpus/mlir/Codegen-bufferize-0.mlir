#id = affine_map<(d0) -> (d0)>
func.func @in_place(%x: tensor<64xf32> {bufferization.writable = false}, %out: memref<64xf32>) {
  %empty = tensor.empty() : tensor<64xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%empty : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<64xf32>
  bufferization.materialize_in_destination %r in restrict writable %out : (tensor<64xf32>, memref<64xf32>) -> ()
  return
}


func.func @input_result(%x: tensor<64xf32> {bufferization.writable = false}, %out: memref<64xf32>) {
  bufferization.materialize_in_destination %x in restrict writable %out : (tensor<64xf32>, memref<64xf32>) -> ()
  return
}


func.func @read_only_input(%x: tensor<64xf32> {bufferization.writable = false}, %out: memref<64xf32>) {
  %r = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel"]}
      outs(%x : tensor<64xf32>) {
  ^bb0(%o: f32):
    %n = arith.negf %o : f32
    linalg.yield %n : f32
  } -> tensor<64xf32>
  bufferization.materialize_in_destination %r in restrict writable %out : (tensor<64xf32>, memref<64xf32>) -> ()
  return
}
