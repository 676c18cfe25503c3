func.func @reshapes(%x: tensor<2x3x4xf32>) -> (tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<4x6xf32>, tensor<1x24xf32>) {
  %collapse = loom.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %expand = loom.reshape %x : tensor<2x3x4xf32> -> tensor<2x3x2x2xf32>
  %regroup = loom.reshape %x : tensor<2x3x4xf32> -> tensor<4x6xf32>
  %unit = loom.reshape %x : tensor<2x3x4xf32> -> tensor<1x24xf32>
  return %collapse, %expand, %regroup, %unit : tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<4x6xf32>, tensor<1x24xf32>
}
