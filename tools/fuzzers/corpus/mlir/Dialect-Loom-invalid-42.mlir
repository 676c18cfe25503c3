func.func @bad_init(%w: tensor<2xf32> {loom.init = #loom.init<gaussian, 1.0>}) {
  return
}
