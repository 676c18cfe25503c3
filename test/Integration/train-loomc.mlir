// loomc --grad and --train-step: every stage can be emitted, --run executes.
//
// RUN: loomc %s --grad | FileCheck %s --check-prefix=GRAD
// RUN: loomc %s --grad --run | FileCheck %s --check-prefix=GRADEXEC
// RUN: loomc %s --train-step --optimizer=sgd --lr=0.25 | FileCheck %s --check-prefix=STEP
// RUN: loomc %s --train-step --optimizer=sgd --lr=0.25 --run --steps=3 | FileCheck %s --check-prefix=SGD
// RUN: loomc %s --train-step --emit=linalg | FileCheck %s --check-prefix=LINALG
// RUN: loomc %s --train-step --emit=llvm | FileCheck %s --check-prefix=LLVM
// RUN: loomc %s --train-step --emit=llvmir | FileCheck %s --check-prefix=LLVMIR
// RUN: loomc %s --train-step --emit=asm | FileCheck %s --check-prefix=ASM
// RUN: loomc %s --train-step --emit=obj -o %t.o && test -s %t.o
// RUN: loomc --model=gan --batch=2 --train-step --run --steps=2 | FileCheck %s --check-prefix=GAN
// RUN: loomc --model=vae --batch=2 --train-step --emit=loom | FileCheck %s --check-prefix=VAE
// RUN: not loomc %s --grad --train-step 2>&1 | FileCheck %s --check-prefix=BOTH
// RUN: not loomc %s --train-step --optimizer=rmsprop 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: not loomc %s --train-step --optimizer=adam --lr=-1 --run 2>&1 | FileCheck %s --check-prefix=LR
// RUN: not loomc %s --grad --entry=nope 2>&1 | FileCheck %s --check-prefix=NOFUNC

// loss = sum(w^2) with w = [1, 1, 1]: the loss is 3 and its gradient 2w.
func.func @loss(%w: tensor<3xf32> {loom.param = "w", loom.init = #loom.init<ones, 1.0>})
    -> tensor<f32> {
  %0 = loom.square %w : tensor<3xf32>
  %1 = loom.reduce_sum %0 axes = [0] : tensor<3xf32> -> tensor<f32>
  return %1 : tensor<f32>
}

// GRAD-LABEL: func.func @loss(
// GRAD-LABEL: func.func @loss_grad(
// GRAD-SAME: -> (tensor<f32>, tensor<3xf32> {loom.gradient = 0 : i64})

// GRADEXEC: entry @loss_grad (1 parameters, seed 0)
// GRADEXEC: result #0: tensor<f32>
// GRADEXEC-NEXT: values: [3]
// GRADEXEC: result #1 grad.w: tensor<3xf32>
// GRADEXEC-NEXT: values: [2, 2, 2]

// STEP-LABEL: func.func @train_step(
// STEP-SAME: %{{.*}}: tensor<3xf32> {loom.init = #loom.init<ones, 1.000000e+00>, loom.param = "w"})
// STEP-SAME: -> (tensor<f32> {loom.result = "loss"}, tensor<3xf32> {loom.tied_to = 0 : i64})

// SGD: training step @train_step: 1 parameters, SGD(lr=0.25, momentum=0, weight_decay=0, nesterov=False), seed 0
// SGD-NEXT: step 1 loss 3
// SGD-NEXT: step 2 loss 0.75
// SGD-NEXT: step 3 loss 0.1875

// LINALG-LABEL: func.func @train_step(
// LINALG: linalg.generic
// LLVM: llvm.func @_mlir_ciface_train_step(
// LLVMIR: define void @_mlir_ciface_train_step(
// ASM: _mlir_ciface_train_step:

// The GAN step has two phases, each with its loss.
// GAN: training step @train_step: 14 parameters, Adam(lr=0.0002, betas=(0.5, 0.999), eps=1e-08, weight_decay=0), seed 0
// GAN-NEXT: step 1 loss {{[0-9.e-]+}} {{[0-9.e-]+$}}
// GAN-NEXT: step 2 loss {{[0-9.e-]+}} {{[0-9.e-]+$}}

// VAE-LABEL: func.func @train_step(
// VAE-SAME: {loom.state = "enc.fc1.weight.exp_avg"}
// VAE-SAME: {loom.state = "step"}
// VAE-SAME: {loom.input = "x"}
// VAE-SAME: {loom.input = "seed"}

// BOTH: loomc: error: give at most one of --grad and --train-step
// OPT: loomc: error: unknown --optimizer 'rmsprop'; expected sgd, adam or adamw
// LR: loomc: error: Adam: lr = -1 is invalid; expected a finite value > 0
// NOFUNC: loomc: error: no function named 'nope'
