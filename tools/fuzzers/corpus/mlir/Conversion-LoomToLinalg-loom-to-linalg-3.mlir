func.func @compare_select(%a: tensor<4xf32>, %b: tensor<4xf32>, %i: tensor<4xi32>, %j: tensor<4xi32>,
                          %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %lt = loom.compare lt, %a, %b : tensor<4xf32>
  %sel = loom.select %lt, %a, %b : tensor<4xi1>, tensor<4xf32>
  %ne = loom.compare ne, %a, %b : tensor<4xf32>
  %ge = loom.compare ge, %i, %j : tensor<4xi32>
  %blt = loom.compare lt, %p, %q : tensor<4xi1>
  return %sel, %ne, %ge, %blt : tensor<4xf32>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}
