func.func @dynamic_elementwise(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = loom.relu %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
