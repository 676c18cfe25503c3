func.func @activations(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = loom.relu %x : tensor<8xf32>
  %1 = loom.sigmoid %0 : tensor<8xf32>
  %2 = loom.gelu %1 : tensor<8xf32>
  %3 = loom.leaky_relu %2, 0.2 : tensor<8xf32>
  return %3 : tensor<8xf32>
}
