// The CLI round trip with trained weights: --train-step --run --save writes a
// checkpoint, --load resumes training from it exactly where it stopped (the
// 7th step's loss equals an uninterrupted run's, with Fashion-MNIST batches
// that cross an epoch: 40 images, batches of 8), and --run --load evaluates
// the entry with the trained weights: its loss at the weights after 3 steps
// is the loss the 4th training step reports (stand-in data: x is argument 0
// in both modes, so both draw the same values).
//
// REQUIRES: fashion-mnist
// RUN: rm -rf %t && mkdir -p %t
// RUN: loomc %s --train-step --run --steps=7 --data=%fmnist --train-images=40 > %t/full.txt
// RUN: loomc %s --train-step --run --steps=6 --save=%t/six.ckpt --data=%fmnist --train-images=40 | FileCheck %s --check-prefix=SAVED
// RUN: loomc %s --train-step --run --steps=1 --load=%t/six.ckpt --data=%fmnist --train-images=40 > %t/resumed.txt
// RUN: cat %t/full.txt %t/resumed.txt | FileCheck %s --check-prefix=RESUMED
//
// RUN: loomc %s --train-step --run --steps=3 --save=%t/three.ckpt > /dev/null
// RUN: loomc %s --train-step --run --steps=1 --load=%t/three.ckpt > %t/step4.txt
// RUN: loomc %s --run --load=%t/three.ckpt > %t/inference.txt
// RUN: loomc %s --run > %t/untrained.txt
// RUN: %python %S/Inputs/compare_losses.py %t/step4.txt %t/inference.txt %t/untrained.txt
//
// RUN: not loomc %s --run --load=%t/missing.ckpt 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not loomc %S/Inputs/other-params.mlir --run --load=%t/three.ckpt 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not loomc %s --run --save=%t/x.ckpt 2>&1 | FileCheck %s --check-prefix=SAVE-MODE
// RUN: not loomc %s --train-step --load=%t/three.ckpt 2>&1 | FileCheck %s --check-prefix=LOAD-MODE

// SAVED: step 6 loss
// SAVED-NEXT: saved {{.*}}six.ckpt (step 6)

// RESUMED: step 7 loss [[LOSS:[0-9.e+-]+]]
// RESUMED: training step @train_step
// RESUMED-NEXT: step 7 loss [[LOSS]]
// RESUMED-NOT: step

// MISSING: loomc: error: {{.*}}missing.ckpt
// NAME: loomc: error: checkpoint '{{.*}}three.ckpt' has no parameter 'v' (the entry's parameter tensor<784x4xf32>)
// SAVE-MODE: loomc: error: --save applies to --train-step --run only
// LOAD-MODE: loomc: error: --load applies to --run (and --train-step --run) and --emit=artifact only

func.func @loss(%x: tensor<8x784xf32> {loom.input = "x"},
                %w: tensor<784x4xf32> {loom.param = "w", loom.init = #loom.init<normal, 0.01>}) -> tensor<f32> {
  %y = loom.matmul %x, %w : tensor<8x784xf32>, tensor<784x4xf32> -> tensor<8x4xf32>
  %s = loom.mul %y, %y : tensor<8x4xf32>
  %l = loom.reduce_mean %s axes = [0, 1] : tensor<8x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
