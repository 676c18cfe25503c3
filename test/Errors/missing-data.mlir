// Training data that is missing or damaged: one error naming the file,
// before any step runs; a missing file before anything is compiled (no
// compile-cache or timing report).
//
// RUN: rm -rf %t && mkdir -p %t/junk %t/truncated
// RUN: not loomc %s --train-step --run --data=%t/missing 2>&1 | FileCheck %s --check-prefix=MISSING --implicit-check-not=error:
// RUN: not loomc %s --train-step --run --data=%t/missing --timing 2>&1 | FileCheck %s --check-prefix=MISSING --implicit-check-not=error: --implicit-check-not="compile cache" --implicit-check-not="Execution time"
// RUN: printf 'not gzip, not idx' > %t/junk/train-images-idx3-ubyte.gz
// RUN: printf 'not gzip, not idx' > %t/junk/train-labels-idx1-ubyte.gz
// RUN: not loomc %s --train-step --run --data=%t/junk 2>&1 | FileCheck %s --check-prefix=JUNK --implicit-check-not=error:
// RUN: %python -c "import gzip, random, struct, sys; open(sys.argv[1], 'wb').write(gzip.compress(struct.pack('>IIII', 0x803, 10, 28, 28) + random.Random(0).randbytes(7840))[:3000])" %t/truncated/train-images-idx3-ubyte.gz
// RUN: cp %t/truncated/train-images-idx3-ubyte.gz %t/truncated/train-labels-idx1-ubyte.gz
// RUN: not loomc %s --train-step --run --data=%t/truncated 2>&1 | FileCheck %s --check-prefix=TRUNCATED --implicit-check-not=error:

func.func @loss(%w: tensor<784x1xf32> {loom.param = "w", loom.init = #loom.init<normal, 0.01>},
                %x: tensor<2x784xf32> {loom.input = "x"}) -> tensor<f32> {
  %y = loom.matmul %x, %w : tensor<2x784xf32>, tensor<784x1xf32> -> tensor<2x1xf32>
  %l = loom.reduce_sum %y axes = [0, 1] : tensor<2x1xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// MISSING: loomc: error: Fashion-MNIST file '{{.*}}missing/train-images-idx3-ubyte.gz' does not exist; install the data set with `apt-get install dataset-fashion-mnist`
// JUNK: loomc: error: '{{.*}}junk/train-images-idx3-ubyte.gz' is not an idx file: its magic number starts 0x6e 0x6f instead of 0x00 0x00
// TRUNCATED: loomc: error: cannot read idx file '{{.*}}truncated/train-images-idx3-ubyte.gz': the compressed data ends early (truncated file)
