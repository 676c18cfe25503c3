// Bad .npy files given to --inputs: one error naming the file and what is
// wrong, exit status 1, and nothing allocated for a shape the file does not
// hold. An empty array is a valid input.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/make_npy.py %t/good.npy '<f4' 2,3
// RUN: loomc %s --run --inputs=%t/good.npy | FileCheck %s --check-prefix=GOOD
// RUN: %python %S/Inputs/make_npy.py %t/truncated.npy '<f4' 2,3 20
// RUN: not loomc %s --run --inputs=%t/truncated.npy 2>&1 | FileCheck %s --check-prefix=TRUNCATED --implicit-check-not=error:
// RUN: %python %S/Inputs/make_npy.py %t/long.npy '<f4' 2,3 30
// RUN: not loomc %s --run --inputs=%t/long.npy 2>&1 | FileCheck %s --check-prefix=LONG --implicit-check-not=error:
// RUN: %python %S/Inputs/make_npy.py %t/huge.npy '<f4' 100000,100000,100000 24
// RUN: not loomc %s --run --inputs=%t/huge.npy 2>&1 | FileCheck %s --check-prefix=HUGE --implicit-check-not=error:
// RUN: %python %S/Inputs/make_npy.py %t/f64.npy '<f8' 2,3
// RUN: not loomc %s --run --inputs=%t/f64.npy 2>&1 | FileCheck %s --check-prefix=DTYPE --implicit-check-not=error:
// RUN: %python %S/Inputs/make_npy.py %t/f16.npy '<f2' 2,3
// RUN: not loomc %s --run --inputs=%t/f16.npy 2>&1 | FileCheck %s --check-prefix=F16 --implicit-check-not=error:
// RUN: %python %S/Inputs/make_npy.py %t/big-endian.npy '>f4' 2,3
// RUN: not loomc %s --run --inputs=%t/big-endian.npy 2>&1 | FileCheck %s --check-prefix=BIG-ENDIAN --implicit-check-not=error:
// RUN: %python %S/Inputs/make_npy.py %t/fortran.npy '<f4' 2,3 --fortran
// RUN: not loomc %s --run --inputs=%t/fortran.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN --implicit-check-not=error:
// RUN: head -c 40 %t/good.npy > %t/cut-header.npy
// RUN: not loomc %s --run --inputs=%t/cut-header.npy 2>&1 | FileCheck %s --check-prefix=CUT-HEADER --implicit-check-not=error:
// RUN: printf 'not an array' > %t/text.npy
// RUN: not loomc %s --run --inputs=%t/text.npy 2>&1 | FileCheck %s --check-prefix=TEXT --implicit-check-not=error:
// RUN: not loomc %s --run --inputs=%t 2>&1 | FileCheck %s --check-prefix=DIRECTORY --implicit-check-not=error:
// RUN: not loomc %s --run --inputs=%t/good.npy,%t/good.npy 2>&1 | FileCheck %s --check-prefix=EXTRA --implicit-check-not=error:
// RUN: %python %S/Inputs/make_npy.py %t/empty.npy '<f4' 0,3
// RUN: loomc %s --run --entry=empty --inputs=%t/empty.npy | FileCheck %s --check-prefix=EMPTY

func.func @f(%x: tensor<2x3xf32> {loom.input = "x"}) -> tensor<2x3xf32> {
  %0 = loom.exp %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
func.func @empty(%x: tensor<0x3xf32> {loom.input = "x"}) -> tensor<3xf32> {
  %0 = loom.reduce_sum %x axes = [0] : tensor<0x3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// GOOD: values: [1, 1, 1, 1, 1, 1]
// TRUNCATED: loomc: error: {{.*}}truncated.npy: truncated data: tensor<2x3xf32> needs 24 bytes, the file has 20
// LONG: loomc: error: {{.*}}long.npy: corrupt data: tensor<2x3xf32> needs 24 bytes, the file has 30
// HUGE: loomc: error: {{.*}}huge.npy: truncated data: tensor<100000x100000x100000xf32> needs 4000000000000000 bytes, the file has 24
// DTYPE: loomc: error: argument #0 ('x') of 'f': expected tensor<2x3xf32>, got tensor<2x3xf64>
// F16: loomc: error: {{.*}}f16.npy: unsupported dtype '<f2'; supported: '<f4' '<f8' '|b1' '<i4' '<i8'
// BIG-ENDIAN: loomc: error: {{.*}}big-endian.npy: unsupported dtype '>f4' (big-endian data is not supported)
// FORTRAN: loomc: error: {{.*}}fortran.npy: Fortran-order arrays are not supported; save a C-order copy
// CUT-HEADER: loomc: error: {{.*}}cut-header.npy: truncated header: it declares 118 bytes, the file has 30
// TEXT: loomc: error: {{.*}}text.npy: not an .npy file (too short, or no \x93NUMPY magic)
// DIRECTORY: loomc: error: cannot open '{{.*}}': {{[Ii]}}s a directory
// EXTRA: loomc: error: entry 'f' takes 1 inputs but --inputs gave 2
// EMPTY: values: [0, 0, 0]
