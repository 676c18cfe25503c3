func.func @compare_result(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "loom.compare"(%a, %a) {predicate = 0 : i32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
