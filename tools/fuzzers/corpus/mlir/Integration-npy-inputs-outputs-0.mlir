func.func @make() -> (tensor<2x3xf32>, tensor<3xf32>) {
  %x = loom.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %s = loom.constant dense<[10.0, -1.0, 0.5]> : tensor<3xf32>
  return %x, %s : tensor<2x3xf32>, tensor<3xf32>
}

func.func @scale(%x: tensor<2x3xf32> {loom.input = "x"}, %s: tensor<3xf32> {loom.input = "s"}) -> tensor<2x3xf32> {
  %sb = loom.broadcast_in_dim %s dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %y = loom.mul %x, %sb : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
