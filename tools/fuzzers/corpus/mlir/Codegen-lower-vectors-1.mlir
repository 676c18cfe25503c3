func.func @transcendental(%x: vector<16xf32>) -> vector<16xf32> {
  %e = math.exp %x : vector<16xf32>
  %t = math.tanh %e : vector<16xf32>
  %l = math.log %t : vector<16xf32>
  return %l : vector<16xf32>
}
