func.func @row_sums(%x: vector<2x16xf32>, %acc: vector<2xf32>) -> vector<2xf32> {
  %r = vector.multi_reduction <add>, %x, %acc [1] : vector<2x16xf32> to vector<2xf32>
  return %r : vector<2xf32>
}
