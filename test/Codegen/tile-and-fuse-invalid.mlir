// RUN: loom-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=register}))'

func.func @wrong_rank(%x: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  // expected-error @+1 {{has a lowering config with 3 tile sizes for 2 loops}}
  %fill = linalg.fill {loom.lowering_config = #loom.lowering_config<register_tiles = [1, 1, 16], root = true>}
      ins(%zero : f32) outs(%x : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %fill : tensor<8x16xf32>
}
