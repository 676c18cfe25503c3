func.func private @printMemrefF32(memref<*xf32>)
func.func private @printMemrefF64(memref<*xf64>)
func.func private @printMemrefI64(memref<*xi64>)

func.func @printF32(%t: tensor<?xf32>) {
  %m = bufferization.to_buffer %t : tensor<?xf32> to memref<?xf32>
  %u = memref.cast %m : memref<?xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return
}

func.func @activations() {
  %x = loom.constant dense<[-1.0, 0.5, 2.0]> : tensor<3xf32>
  %g = loom.gelu %x : tensor<3xf32>
  %s = loom.sigmoid %x : tensor<3xf32>
  %l = loom.leaky_relu %x, 0.2 : tensor<3xf32>
  %all = loom.concat %g, %s, %l axis = 0 : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<9xf32>
  %d = tensor.cast %all : tensor<9xf32> to tensor<?xf32>
  call @printF32(%d) : (tensor<?xf32>) -> ()
  return
}

func.func @conv() {
  %in = loom.iota dim = 3 : tensor<1x1x3x3xf32>
  %rows = loom.iota dim = 2 : tensor<1x1x3x3xf32>
  %three = loom.constant dense<3.0> : tensor<1x1x3x3xf32>
  %one = loom.constant dense<1.0> : tensor<1x1x3x3xf32>
  %r3 = loom.mul %rows, %three : tensor<1x1x3x3xf32>
  %sum = loom.add %r3, %in : tensor<1x1x3x3xf32>
  %input = loom.add %sum, %one : tensor<1x1x3x3xf32>
  %w = loom.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %y = loom.conv2d %input, %w strides = [2, 2] padding = [1, 1] : tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  %flat = loom.reshape %y : tensor<1x1x2x2xf32> -> tensor<4xf32>
  %d = tensor.cast %flat : tensor<4xf32> to tensor<?xf32>
  call @printF32(%d) : (tensor<?xf32>) -> ()
  return
}

func.func @contractions() {
  %l = loom.constant dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], [[6.0, 7.0, 8.0], [9.0, 10.0, 11.0]]]]> : tensor<1x2x2x3xf32>
  %r = loom.constant dense<[[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]]]]> : tensor<1x2x3x1xf32>
  %mm = loom.matmul %l, %r : tensor<1x2x2x3xf32>, tensor<1x2x3x1xf32> -> tensor<1x2x2x1xf32>
  %mmf = loom.reshape %mm : tensor<1x2x2x1xf32> -> tensor<4xf32>
  %v = loom.reshape %l : tensor<1x2x2x3xf32> -> tensor<2x2x3xf32>
  %mean = loom.reduce_mean %v axes = [0, 2] : tensor<2x2x3xf32> -> tensor<2xf32>
  %max = loom.reduce_max %v axes = [1, 2] : tensor<2x2x3xf32> -> tensor<2xf32>
  %all = loom.concat %mmf, %mean, %max axis = 0 : (tensor<4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<8xf32>
  %d = tensor.cast %all : tensor<8xf32> to tensor<?xf32>
  call @printF32(%d) : (tensor<?xf32>) -> ()
  return
}

func.func @layout() {
  %x = loom.constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]> : tensor<2x3xf32>
  %t = loom.transpose %x perm = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  %s = loom.slice %t start = [0, 0] limit = [3, 2] strides = [2, 1] : tensor<3x2xf32> -> tensor<2x2xf32>
  %bias = loom.constant dense<[10.0, 20.0]> : tensor<2xf32>
  %b = loom.broadcast_in_dim %bias dims = [0] : tensor<2xf32> -> tensor<2x2xf32>
  %sum = loom.add %s, %b : tensor<2x2xf32>
  %flat = loom.reshape %sum : tensor<2x2xf32> -> tensor<4xf32>
  %d = tensor.cast %flat : tensor<4xf32> to tensor<?xf32>
  call @printF32(%d) : (tensor<?xf32>) -> ()
  return
}

func.func @logic() {
  %x = loom.constant dense<[-1.5, 0.0, 2.5, 7.0]> : tensor<4xf32>
  %y = loom.constant dense<[1.0, 0.0, 2.5, 3.0]> : tensor<4xf32>
  %ge = loom.compare ge, %x, %y : tensor<4xf32>
  %sel = loom.select %ge, %x, %y : tensor<4xi1>, tensor<4xf32>
  %truncated = loom.convert %x : tensor<4xf32> -> tensor<4xi32>
  %back = loom.convert %truncated : tensor<4xi32> -> tensor<4xf32>
  %nonzero = loom.convert %x : tensor<4xf32> -> tensor<4xi1>
  %flag = loom.convert %nonzero : tensor<4xi1> -> tensor<4xf32>
  %all = loom.concat %sel, %back, %flag axis = 0 : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<12xf32>
  %d = tensor.cast %all : tensor<12xf32> to tensor<?xf32>
  call @printF32(%d) : (tensor<?xf32>) -> ()
  return
}

func.func @random() {
  %seed = arith.constant dense<42> : tensor<i64>
  %u = loom.random_uniform %seed stream = 7 : tensor<i64> -> tensor<2x3xf32>
  %two24 = loom.constant dense<16777216.0> : tensor<2x3xf32>
  %scaled = loom.mul %u, %two24 : tensor<2x3xf32>
  %bits = loom.convert %scaled : tensor<2x3xf32> -> tensor<2x3xi64>
  %bm = bufferization.to_buffer %bits : tensor<2x3xi64> to memref<2x3xi64>
  %bu = memref.cast %bm : memref<2x3xi64> to memref<*xi64>
  call @printMemrefI64(%bu) : (memref<*xi64>) -> ()

  %n = loom.random_normal %seed stream = 1 : tensor<i64> -> tensor<4xf64>
  %nm = bufferization.to_buffer %n : tensor<4xf64> to memref<4xf64>
  %nu = memref.cast %nm : memref<4xf64> to memref<*xf64>
  call @printMemrefF64(%nu) : (memref<*xf64>) -> ()

  %negative = arith.constant dense<-5> : tensor<i64>
  %n2 = loom.random_normal %negative stream = 3 : tensor<i64> -> tensor<2x3xf32>
  %n2f = loom.reshape %n2 : tensor<2x3xf32> -> tensor<6xf32>
  %d = tensor.cast %n2f : tensor<6xf32> to tensor<?xf32>
  call @printF32(%d) : (tensor<?xf32>) -> ()
  return
}

func.func @main() {
  call @activations() : () -> ()
  call @conv() : () -> ()
  call @contractions() : () -> ()
  call @layout() : () -> ()
  call @logic() : () -> ()
  call @random() : () -> ()
  return
}
