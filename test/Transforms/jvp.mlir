// RUN: loom-opt %s -split-input-file -loom-jvp | FileCheck %s --check-prefix=RAW
// RUN: loom-opt %s -split-input-file -loom-jvp -canonicalize -cse | FileCheck %s --check-prefix=CLEAN

// One function per tangent rule (the same functions as autodiff.mlir). @f_jvp
// takes one tangent per `loom.differentiate` argument after the arguments and
// returns the tangent of each float result after the results. Float operands
// that do not vary get zero tangents; `x * 0` stays after cleaning because it
// is not 0 for infinite or NaN x.

// RAW-LABEL: func.func @neg(
// CLEAN-LABEL: func.func @neg(
// RAW-LABEL: func.func @neg_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[NEG:.*]] = loom.neg %[[ARG0]] : tensor<4xf32>
// RAW: %[[NEG_1:.*]] = loom.neg %[[ARG2]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[NEG]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[NEG]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[NEG_1]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @neg_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[NEG:.*]] = loom.neg %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[NEG_1:.*]] = loom.neg %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[NEG]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[NEG]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[NEG_1]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @neg(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.neg %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @exp(
// CLEAN-LABEL: func.func @exp(
// RAW-LABEL: func.func @exp_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[EXP:.*]] = loom.exp %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG2]], %[[EXP]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[EXP]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[EXP]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @exp_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[EXP:.*]] = loom.exp %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG2]], %[[EXP]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[EXP]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[EXP]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[MUL]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @exp(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.exp %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @log(
// CLEAN-LABEL: func.func @log(
// RAW-LABEL: func.func @log_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[LOG:.*]] = loom.log %[[ARG0]] : tensor<4xf32>
// RAW: %[[DIV:.*]] = loom.div %[[ARG2]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[LOG]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[LOG]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[DIV]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @log_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[LOG:.*]] = loom.log %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[DIV:.*]] = loom.div %[[ARG2]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[LOG]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[LOG]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[DIV]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @log(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.log %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @tanh(
// CLEAN-LABEL: func.func @tanh(
// RAW-LABEL: func.func @tanh_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[TANH:.*]] = loom.tanh %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[CST]], %[[MUL]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG2]], %[[SUB]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[TANH]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[TANH]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[MUL_1]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @tanh_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[TANH:.*]] = loom.tanh %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[CST_1]], %[[MUL]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG2]], %[[SUB]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[TANH]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[TANH]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[MUL_1]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @tanh(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.tanh %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @sigmoid(
// CLEAN-LABEL: func.func @sigmoid(
// RAW-LABEL: func.func @sigmoid_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[SIGMOID:.*]] = loom.sigmoid %[[ARG0]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[CST]], %[[SIGMOID]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SIGMOID]], %[[SUB]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG2]], %[[MUL]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SIGMOID]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[SIGMOID]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[MUL_1]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @sigmoid_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[SIGMOID:.*]] = loom.sigmoid %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[CST_1]], %[[SIGMOID]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SIGMOID]], %[[SUB]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG2]], %[[MUL]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[SIGMOID]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[SIGMOID]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[MUL_1]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @sigmoid(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.sigmoid %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @relu(
// CLEAN-LABEL: func.func @relu(
// RAW-LABEL: func.func @relu_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[RELU:.*]] = loom.relu %[[ARG0]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG2]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[RELU]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[RELU]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SELECT]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @relu_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[RELU:.*]] = loom.relu %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG2]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[RELU]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[RELU]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[SELECT]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @relu(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.relu %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @gelu(
// CLEAN-LABEL: func.func @gelu(
// RAW-LABEL: func.func @gelu_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[GELU:.*]] = loom.gelu %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG0]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG0]], %[[MUL]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<4.471500e-02> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[CST]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[ARG0]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.797884583> : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[ADD]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[TANH:.*]] = loom.tanh %[[MUL_3]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[CST_2]], %[[TANH]] : tensor<4xf32>
// RAW: %[[CST_3:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[ADD_1]], %[[CST_3]] : tensor<4xf32>
// RAW: %[[MUL_5:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[CST_2]], %[[MUL_5]] : tensor<4xf32>
// RAW: %[[CST_4:.*]] = loom.constant dense<1.341450e-01> : tensor<4xf32>
// RAW: %[[MUL_6:.*]] = loom.mul %[[MUL]], %[[CST_4]] : tensor<4xf32>
// RAW: %[[ADD_2:.*]] = loom.add %[[CST_2]], %[[MUL_6]] : tensor<4xf32>
// RAW: %[[CST_5:.*]] = loom.constant dense<0.797884583> : tensor<4xf32>
// RAW: %[[MUL_7:.*]] = loom.mul %[[ADD_2]], %[[CST_5]] : tensor<4xf32>
// RAW: %[[MUL_8:.*]] = loom.mul %[[SUB]], %[[MUL_7]] : tensor<4xf32>
// RAW: %[[CST_6:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_9:.*]] = loom.mul %[[ARG0]], %[[CST_6]] : tensor<4xf32>
// RAW: %[[MUL_10:.*]] = loom.mul %[[MUL_9]], %[[MUL_8]] : tensor<4xf32>
// RAW: %[[ADD_3:.*]] = loom.add %[[MUL_4]], %[[MUL_10]] : tensor<4xf32>
// RAW: %[[MUL_11:.*]] = loom.mul %[[ARG2]], %[[ADD_3]] : tensor<4xf32>
// RAW: %[[MUL_12:.*]] = loom.mul %[[GELU]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_7:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_13:.*]] = loom.mul %[[GELU]], %[[CST_7]] : tensor<4xf32>
// RAW: %[[MUL_14:.*]] = loom.mul %[[MUL_11]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD_4:.*]] = loom.add %[[MUL_14]], %[[MUL_13]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_12]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_4]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @gelu_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<1.341450e-01> : tensor<4xf32>
// CLEAN: %[[CST_2:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[CST_3:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_4:.*]] = loom.constant dense<0.797884583> : tensor<4xf32>
// CLEAN: %[[CST_5:.*]] = loom.constant dense<4.471500e-02> : tensor<4xf32>
// CLEAN: %[[GELU:.*]] = loom.gelu %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG0]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG0]], %[[MUL]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[CST_5]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[ARG0]], %[[MUL_2]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[ADD]], %[[CST_4]] : tensor<4xf32>
// CLEAN: %[[TANH:.*]] = loom.tanh %[[MUL_3]] : tensor<4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[TANH]], %[[CST_3]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[ADD_1]], %[[CST_2]] : tensor<4xf32>
// CLEAN: %[[MUL_5:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[CST_3]], %[[MUL_5]] : tensor<4xf32>
// CLEAN: %[[MUL_6:.*]] = loom.mul %[[MUL]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[ADD_2:.*]] = loom.add %[[MUL_6]], %[[CST_3]] : tensor<4xf32>
// CLEAN: %[[MUL_7:.*]] = loom.mul %[[ADD_2]], %[[CST_4]] : tensor<4xf32>
// CLEAN: %[[MUL_8:.*]] = loom.mul %[[SUB]], %[[MUL_7]] : tensor<4xf32>
// CLEAN: %[[MUL_9:.*]] = loom.mul %[[ARG0]], %[[CST_2]] : tensor<4xf32>
// CLEAN: %[[MUL_10:.*]] = loom.mul %[[MUL_9]], %[[MUL_8]] : tensor<4xf32>
// CLEAN: %[[ADD_3:.*]] = loom.add %[[MUL_4]], %[[MUL_10]] : tensor<4xf32>
// CLEAN: %[[MUL_11:.*]] = loom.mul %[[ARG2]], %[[ADD_3]] : tensor<4xf32>
// CLEAN: %[[MUL_12:.*]] = loom.mul %[[GELU]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_13:.*]] = loom.mul %[[GELU]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_14:.*]] = loom.mul %[[MUL_11]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD_4:.*]] = loom.add %[[MUL_14]], %[[MUL_13]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_12]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_4]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @gelu(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.gelu %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @sqrt(
// CLEAN-LABEL: func.func @sqrt(
// RAW-LABEL: func.func @sqrt_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[SQRT:.*]] = loom.sqrt %[[ARG0]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG2]], %[[CST]] : tensor<4xf32>
// RAW: %[[DIV:.*]] = loom.div %[[MUL]], %[[SQRT]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[SQRT]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SQRT]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[DIV]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @sqrt_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[SQRT:.*]] = loom.sqrt %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG2]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[DIV:.*]] = loom.div %[[MUL]], %[[SQRT]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[SQRT]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[SQRT]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[DIV]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @sqrt(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.sqrt %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @rsqrt(
// CLEAN-LABEL: func.func @rsqrt(
// RAW-LABEL: func.func @rsqrt_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[RSQRT:.*]] = loom.rsqrt %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[RSQRT]], %[[RSQRT]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[MUL]], %[[RSQRT]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<-5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ARG2]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[RSQRT]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_5:.*]] = loom.mul %[[RSQRT]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_6:.*]] = loom.mul %[[MUL_3]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_6]], %[[MUL_5]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_4]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @rsqrt_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<-5.000000e-01> : tensor<4xf32>
// CLEAN: %[[RSQRT:.*]] = loom.rsqrt %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[RSQRT]], %[[RSQRT]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[MUL]], %[[RSQRT]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG2]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[RSQRT]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_5:.*]] = loom.mul %[[RSQRT]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_6:.*]] = loom.mul %[[MUL_3]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_6]], %[[MUL_5]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_4]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @rsqrt(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.rsqrt %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @square(
// CLEAN-LABEL: func.func @square(
// RAW-LABEL: func.func @square_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[SQUARE:.*]] = loom.square %[[ARG0]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<2.000000e+00> : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG2]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[MUL]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SQUARE]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[SQUARE]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[MUL_1]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @square_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<2.000000e+00> : tensor<4xf32>
// CLEAN: %[[SQUARE:.*]] = loom.square %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG2]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[MUL]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[SQUARE]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[SQUARE]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[MUL_1]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @square(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.square %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @abs(
// CLEAN-LABEL: func.func @abs(
// RAW-LABEL: func.func @abs_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[ABS:.*]] = loom.abs %[[ARG0]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// RAW: %[[NEG:.*]] = loom.neg %[[ARG2]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[NEG]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[COMPARE_1:.*]] = loom.compare gt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[COMPARE_1]], %[[ARG2]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ABS]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ABS]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SELECT_1]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @abs_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[ABS:.*]] = loom.abs %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[NEG:.*]] = loom.neg %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[NEG]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[COMPARE_1:.*]] = loom.compare gt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[COMPARE_1]], %[[ARG2]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ABS]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ABS]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[SELECT_1]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @abs(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.abs %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @leaky_relu(
// CLEAN-LABEL: func.func @leaky_relu(
// RAW-LABEL: func.func @leaky_relu_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[LEAKY_RELU:.*]] = loom.leaky_relu %[[ARG0]], 2.500000e-01 : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<2.500000e-01> : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG2]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG2]], %[[MUL]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[LEAKY_RELU]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[LEAKY_RELU]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[SELECT]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @leaky_relu_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<2.500000e-01> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[LEAKY_RELU:.*]] = loom.leaky_relu %[[ARG0]], 2.500000e-01 : tensor<4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG2]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG2]], %[[MUL]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[LEAKY_RELU]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[LEAKY_RELU]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[SELECT]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @leaky_relu(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.leaky_relu %x, 0.25 : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @add(
// CLEAN-LABEL: func.func @add(
// RAW-LABEL: func.func @add_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[ADD:.*]] = loom.add %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[ARG3]], %[[ARG4]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ADD]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ADD_1]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[ADD_2:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @add_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[ARG3]], %[[ARG4]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ADD]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ADD_1]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[ADD_2:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @add(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.add %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @sub(
// CLEAN-LABEL: func.func @sub(
// RAW-LABEL: func.func @sub_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[SUB:.*]] = loom.sub %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[SUB_1:.*]] = loom.sub %[[ARG3]], %[[ARG4]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SUB]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[SUB]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SUB_1]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @sub_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[SUB_1:.*]] = loom.sub %[[ARG3]], %[[ARG4]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SUB]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[SUB]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[SUB_1]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @sub(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.sub %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @mul(
// CLEAN-LABEL: func.func @mul(
// RAW-LABEL: func.func @mul_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[MUL:.*]] = loom.mul %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG0]], %[[ARG4]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ARG3]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[MUL]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_5:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[MUL_5]], %[[MUL_4]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_3]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @mul_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG0]], %[[ARG4]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG3]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[MUL]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[MUL]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_5:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[MUL_5]], %[[MUL_4]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_3]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @mul(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.mul %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @div(
// CLEAN-LABEL: func.func @div(
// RAW-LABEL: func.func @div_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[DIV:.*]] = loom.div %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[DIV]], %[[ARG4]] : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[ARG3]], %[[MUL]] : tensor<4xf32>
// RAW: %[[DIV_1:.*]] = loom.div %[[SUB]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[DIV]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[DIV]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[DIV_1]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @div_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[DIV:.*]] = loom.div %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[DIV]], %[[ARG4]] : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[ARG3]], %[[MUL]] : tensor<4xf32>
// CLEAN: %[[DIV_1:.*]] = loom.div %[[SUB]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[DIV]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[DIV]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[DIV_1]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @div(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.div %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @max(
// CLEAN-LABEL: func.func @max(
// RAW-LABEL: func.func @max_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[MAX:.*]] = loom.max %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[COMPARE_1:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG3]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE_1]], %[[MUL]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[ARG3]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[COMPARE_2:.*]] = loom.compare gt, %[[ARG1]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[COMPARE_3:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[CST_3:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG4]], %[[CST_3]] : tensor<4xf32>
// RAW: %[[SELECT_2:.*]] = loom.select %[[COMPARE_3]], %[[MUL_1]], %[[CST_2]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_3:.*]] = loom.select %[[COMPARE_2]], %[[ARG4]], %[[SELECT_2]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[SELECT_1]], %[[SELECT_3]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MAX]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[CST_4:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MAX]], %[[CST_4]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @max_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[MAX:.*]] = loom.max %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[COMPARE_1:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG3]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE_1]], %[[MUL]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[ARG3]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[COMPARE_2:.*]] = loom.compare gt, %[[ARG1]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG4]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT_2:.*]] = loom.select %[[COMPARE_1]], %[[MUL_1]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_3:.*]] = loom.select %[[COMPARE_2]], %[[ARG4]], %[[SELECT_2]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[SELECT_1]], %[[SELECT_3]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[MAX]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[MAX]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @max(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.max %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @min(
// CLEAN-LABEL: func.func @min(
// RAW-LABEL: func.func @min_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[MIN:.*]] = loom.min %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[COMPARE_1:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG3]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE_1]], %[[MUL]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[ARG3]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[COMPARE_2:.*]] = loom.compare lt, %[[ARG1]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[COMPARE_3:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[CST_3:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG4]], %[[CST_3]] : tensor<4xf32>
// RAW: %[[SELECT_2:.*]] = loom.select %[[COMPARE_3]], %[[MUL_1]], %[[CST_2]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_3:.*]] = loom.select %[[COMPARE_2]], %[[ARG4]], %[[SELECT_2]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[SELECT_1]], %[[SELECT_3]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MIN]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[CST_4:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MIN]], %[[CST_4]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @min_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[MIN:.*]] = loom.min %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[COMPARE_1:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG3]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE_1]], %[[MUL]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[ARG3]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[COMPARE_2:.*]] = loom.compare lt, %[[ARG1]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG4]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT_2:.*]] = loom.select %[[COMPARE_1]], %[[MUL_1]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_3:.*]] = loom.select %[[COMPARE_2]], %[[ARG4]], %[[SELECT_2]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[SELECT_1]], %[[SELECT_3]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[MIN]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[MIN]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @min(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.min %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @pow(
// CLEAN-LABEL: func.func @pow(
// RAW-LABEL: func.func @pow_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[POW:.*]] = loom.pow %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare eq, %[[ARG0]], %[[CST]] : tensor<4xf32>
// RAW: %[[LOG:.*]] = loom.log %[[ARG0]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[CST]], %[[LOG]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[POW]], %[[SELECT]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG4]], %[[MUL]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[ARG1]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[POW_1:.*]] = loom.pow %[[ARG0]], %[[SUB]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ARG1]], %[[POW_1]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[ARG3]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[POW]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_5:.*]] = loom.mul %[[POW]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[MUL_6:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[MUL_6]], %[[MUL_5]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_4]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @pow_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[POW:.*]] = loom.pow %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare eq, %[[ARG0]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[LOG:.*]] = loom.log %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[CST_1]], %[[LOG]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[POW]], %[[SELECT]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG4]], %[[MUL]] : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[ARG1]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[POW_1:.*]] = loom.pow %[[ARG0]], %[[SUB]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG1]], %[[POW_1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[ARG3]], %[[MUL_2]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[POW]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[MUL_5:.*]] = loom.mul %[[POW]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_6:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[MUL_6]], %[[MUL_5]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_4]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @pow(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.pow %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @select(
// CLEAN-LABEL: func.func @select(
// RAW-LABEL: func.func @select_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xi1>, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>, %[[ARG5:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[SELECT:.*]] = loom.select %[[ARG0]], %[[ARG1]], %[[ARG2]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[ARG0]], %[[ARG4]], %[[ARG5]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SELECT]], %[[ARG3]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[SELECT]], %[[CST]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SELECT_1]], %[[ARG3]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @select_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xi1>, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>, %[[ARG5:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[ARG0]], %[[ARG1]], %[[ARG2]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[ARG0]], %[[ARG4]], %[[ARG5]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SELECT]], %[[ARG3]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[SELECT]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[SELECT_1]], %[[ARG3]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @select(%c: tensor<4xi1>, %a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @convert(
// CLEAN-LABEL: func.func @convert(
// RAW-LABEL: func.func @convert_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf64>, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f64>, tensor<f64>)
// RAW: %[[CONVERT:.*]] = loom.convert %[[ARG0]] : tensor<4xf32> -> tensor<4xf64>
// RAW: %[[CONVERT_1:.*]] = loom.convert %[[ARG2]] : tensor<4xf32> -> tensor<4xf64>
// RAW: %[[MUL:.*]] = loom.mul %[[CONVERT]], %[[ARG1]] : tensor<4xf64>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf64>
// RAW: %[[MUL_1:.*]] = loom.mul %[[CONVERT]], %[[CST]] : tensor<4xf64>
// RAW: %[[MUL_2:.*]] = loom.mul %[[CONVERT_1]], %[[ARG1]] : tensor<4xf64>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf64>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf64> -> tensor<f64>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf64> -> tensor<f64>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f64>, tensor<f64>
// CLEAN-LABEL: func.func @convert_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf64>, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f64>, tensor<f64>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf64>
// CLEAN: %[[CONVERT:.*]] = loom.convert %[[ARG0]] : tensor<4xf32> -> tensor<4xf64>
// CLEAN: %[[CONVERT_1:.*]] = loom.convert %[[ARG2]] : tensor<4xf32> -> tensor<4xf64>
// CLEAN: %[[MUL:.*]] = loom.mul %[[CONVERT]], %[[ARG1]] : tensor<4xf64>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[CONVERT]], %[[CST]] : tensor<4xf64>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[CONVERT_1]], %[[ARG1]] : tensor<4xf64>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf64>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf64> -> tensor<f64>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf64> -> tensor<f64>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f64>, tensor<f64>
func.func @convert(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf64>) -> tensor<f64> {
  %y = loom.convert %x : tensor<4xf32> -> tensor<4xf64>
  %w = loom.mul %y, %dy : tensor<4xf64>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf64> -> tensor<f64>
  return %l : tensor<f64>
}

// -----

// RAW-LABEL: func.func @convert_through_integer(
// CLEAN-LABEL: func.func @convert_through_integer(
// RAW-LABEL: func.func @convert_through_integer_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[CONVERT:.*]] = loom.convert %[[ARG0]] : tensor<4xf32> -> tensor<4xi32>
// RAW: %[[CONVERT_1:.*]] = loom.convert %[[CONVERT]] : tensor<4xi32> -> tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[CONVERT_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[CST]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @convert_through_integer_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<f32>
// CLEAN: %[[CONVERT:.*]] = loom.convert %[[ARG0]] : tensor<4xf32> -> tensor<4xi32>
// CLEAN: %[[CONVERT_1:.*]] = loom.convert %[[CONVERT]] : tensor<4xi32> -> tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[CONVERT_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[CST]] : tensor<f32>, tensor<f32>
func.func @convert_through_integer(%x: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %i = loom.convert %x : tensor<4xf32> -> tensor<4xi32>
  %y = loom.convert %i : tensor<4xi32> -> tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @compare_condition(
// CLEAN-LABEL: func.func @compare_condition(
// RAW-LABEL: func.func @compare_condition_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG0]], %[[ARG1]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[ARG2]], %[[ARG3]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[SELECT]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[SELECT_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @compare_condition_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG0]], %[[ARG1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[ARG2]], %[[ARG3]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[SELECT]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[SELECT_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @compare_condition(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %c = loom.compare lt, %a, %b : tensor<4xf32>
  %y = loom.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @broadcast_in_dim(
// CLEAN-LABEL: func.func @broadcast_in_dim(
// RAW-LABEL: func.func @broadcast_in_dim_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<3x1xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x3x4xf32>, %[[ARG2:.*]]: tensor<3x1xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[ARG0]] dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// RAW: %[[BROADCAST_IN_DIM_1:.*]] = loom.broadcast_in_dim %[[ARG2]] dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<2x3x4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<2x3x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[CST]] : tensor<2x3x4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[BROADCAST_IN_DIM_1]], %[[ARG1]] : tensor<2x3x4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<2x3x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @broadcast_in_dim_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<3x1xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x3x4xf32>, %[[ARG2:.*]]: tensor<3x1xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<2x3x4xf32>
// CLEAN: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[ARG0]] dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// CLEAN: %[[BROADCAST_IN_DIM_1:.*]] = loom.broadcast_in_dim %[[ARG2]] dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<2x3x4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[CST]] : tensor<2x3x4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[BROADCAST_IN_DIM_1]], %[[ARG1]] : tensor<2x3x4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<2x3x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @broadcast_in_dim(%x: tensor<3x1xf32> {loom.differentiate}, %dy: tensor<2x3x4xf32>) -> tensor<f32> {
  %y = loom.broadcast_in_dim %x dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
  %w = loom.mul %y, %dy : tensor<2x3x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reshape(
// CLEAN-LABEL: func.func @reshape(
// RAW-LABEL: func.func @reshape_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x6xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4xf32>, %[[ARG2:.*]]: tensor<2x6xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[RESHAPE:.*]] = loom.reshape %[[ARG0]] : tensor<2x6xf32> -> tensor<3x4xf32>
// RAW: %[[RESHAPE_1:.*]] = loom.reshape %[[ARG2]] : tensor<2x6xf32> -> tensor<3x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[RESHAPE]], %[[ARG1]] : tensor<3x4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[RESHAPE]], %[[CST]] : tensor<3x4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[RESHAPE_1]], %[[ARG1]] : tensor<3x4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<3x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @reshape_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x6xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4xf32>, %[[ARG2:.*]]: tensor<2x6xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3x4xf32>
// CLEAN: %[[RESHAPE:.*]] = loom.reshape %[[ARG0]] : tensor<2x6xf32> -> tensor<3x4xf32>
// CLEAN: %[[RESHAPE_1:.*]] = loom.reshape %[[ARG2]] : tensor<2x6xf32> -> tensor<3x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[RESHAPE]], %[[ARG1]] : tensor<3x4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[RESHAPE]], %[[CST]] : tensor<3x4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[RESHAPE_1]], %[[ARG1]] : tensor<3x4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<3x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @reshape(%x: tensor<2x6xf32> {loom.differentiate}, %dy: tensor<3x4xf32>) -> tensor<f32> {
  %y = loom.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>
  %w = loom.mul %y, %dy : tensor<3x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @transpose(
// CLEAN-LABEL: func.func @transpose(
// RAW-LABEL: func.func @transpose_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4x2xf32>, %[[ARG2:.*]]: tensor<2x3x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[TRANSPOSE:.*]] = loom.transpose %[[ARG0]] perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// RAW: %[[TRANSPOSE_1:.*]] = loom.transpose %[[ARG2]] perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[TRANSPOSE]], %[[ARG1]] : tensor<3x4x2xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3x4x2xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[TRANSPOSE]], %[[CST]] : tensor<3x4x2xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[TRANSPOSE_1]], %[[ARG1]] : tensor<3x4x2xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<3x4x2xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @transpose_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4x2xf32>, %[[ARG2:.*]]: tensor<2x3x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3x4x2xf32>
// CLEAN: %[[TRANSPOSE:.*]] = loom.transpose %[[ARG0]] perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// CLEAN: %[[TRANSPOSE_1:.*]] = loom.transpose %[[ARG2]] perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[TRANSPOSE]], %[[ARG1]] : tensor<3x4x2xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[TRANSPOSE]], %[[CST]] : tensor<3x4x2xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[TRANSPOSE_1]], %[[ARG1]] : tensor<3x4x2xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<3x4x2xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @transpose(%x: tensor<2x3x4xf32> {loom.differentiate}, %dy: tensor<3x4x2xf32>) -> tensor<f32> {
  %y = loom.transpose %x perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %w = loom.mul %y, %dy : tensor<3x4x2xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @slice(
// CLEAN-LABEL: func.func @slice(
// RAW-LABEL: func.func @slice_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<7x5xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x3xf32>, %[[ARG2:.*]]: tensor<7x5xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[SLICE:.*]] = loom.slice %[[ARG0]] start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
// RAW: %[[SLICE_1:.*]] = loom.slice %[[ARG2]] start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SLICE]], %[[ARG1]] : tensor<2x3xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<2x3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[SLICE]], %[[CST]] : tensor<2x3xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SLICE_1]], %[[ARG1]] : tensor<2x3xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<2x3xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @slice_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<7x5xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x3xf32>, %[[ARG2:.*]]: tensor<7x5xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<2x3xf32>
// CLEAN: %[[SLICE:.*]] = loom.slice %[[ARG0]] start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
// CLEAN: %[[SLICE_1:.*]] = loom.slice %[[ARG2]] start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SLICE]], %[[ARG1]] : tensor<2x3xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[SLICE]], %[[CST]] : tensor<2x3xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[SLICE_1]], %[[ARG1]] : tensor<2x3xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<2x3xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @slice(%x: tensor<7x5xf32> {loom.differentiate}, %dy: tensor<2x3xf32>) -> tensor<f32> {
  %y = loom.slice %x start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
  %w = loom.mul %y, %dy : tensor<2x3xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @concat(
// CLEAN-LABEL: func.func @concat(
// RAW-LABEL: func.func @concat_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x1xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<2x4xf32>, %[[ARG3:.*]]: tensor<2x3xf32>, %[[ARG4:.*]]: tensor<2x1xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[CONCAT:.*]] = loom.concat %[[ARG0]], %[[ARG1]] axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
// RAW: %[[CONCAT_1:.*]] = loom.concat %[[ARG3]], %[[ARG4]] axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[CONCAT]], %[[ARG2]] : tensor<2x4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<2x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[CONCAT]], %[[CST]] : tensor<2x4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[CONCAT_1]], %[[ARG2]] : tensor<2x4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<2x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @concat_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x1xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<2x4xf32>, %[[ARG3:.*]]: tensor<2x3xf32>, %[[ARG4:.*]]: tensor<2x1xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<2x4xf32>
// CLEAN: %[[CONCAT:.*]] = loom.concat %[[ARG0]], %[[ARG1]] axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
// CLEAN: %[[CONCAT_1:.*]] = loom.concat %[[ARG3]], %[[ARG4]] axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[CONCAT]], %[[ARG2]] : tensor<2x4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[CONCAT]], %[[CST]] : tensor<2x4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[CONCAT_1]], %[[ARG2]] : tensor<2x4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<2x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @concat(%a: tensor<2x3xf32> {loom.differentiate}, %b: tensor<2x1xf32> {loom.differentiate}, %dy: tensor<2x4xf32>) -> tensor<f32> {
  %y = loom.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %w = loom.mul %y, %dy : tensor<2x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @matmul(
// CLEAN-LABEL: func.func @matmul(
// RAW-LABEL: func.func @matmul_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<2x4xf32>, %[[ARG3:.*]]: tensor<2x3xf32>, %[[ARG4:.*]]: tensor<3x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[MATMUL:.*]] = loom.matmul %[[ARG0]], %[[ARG1]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// RAW: %[[MATMUL_1:.*]] = loom.matmul %[[ARG0]], %[[ARG4]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// RAW: %[[MATMUL_2:.*]] = loom.matmul %[[ARG3]], %[[ARG1]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MATMUL_2]], %[[MATMUL_1]] : tensor<2x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[MATMUL]], %[[ARG2]] : tensor<2x4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<2x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[MATMUL]], %[[CST]] : tensor<2x4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<2x4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<2x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @matmul_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<2x4xf32>, %[[ARG3:.*]]: tensor<2x3xf32>, %[[ARG4:.*]]: tensor<3x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<2x4xf32>
// CLEAN: %[[MATMUL:.*]] = loom.matmul %[[ARG0]], %[[ARG1]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CLEAN: %[[MATMUL_1:.*]] = loom.matmul %[[ARG0]], %[[ARG4]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CLEAN: %[[MATMUL_2:.*]] = loom.matmul %[[ARG3]], %[[ARG1]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MATMUL_2]], %[[MATMUL_1]] : tensor<2x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[MATMUL]], %[[ARG2]] : tensor<2x4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[MATMUL]], %[[CST]] : tensor<2x4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<2x4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<2x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @matmul(%a: tensor<2x3xf32> {loom.differentiate}, %b: tensor<3x4xf32> {loom.differentiate}, %dy: tensor<2x4xf32>) -> tensor<f32> {
  %y = loom.matmul %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %w = loom.mul %y, %dy : tensor<2x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @batch_matmul(
// CLEAN-LABEL: func.func @batch_matmul(
// RAW-LABEL: func.func @batch_matmul_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<5x2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<5x3x4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<5x2x4xf32>, %[[ARG3:.*]]: tensor<5x2x3xf32>, %[[ARG4:.*]]: tensor<5x3x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[MATMUL:.*]] = loom.matmul %[[ARG0]], %[[ARG1]] : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
// RAW: %[[MATMUL_1:.*]] = loom.matmul %[[ARG0]], %[[ARG4]] : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
// RAW: %[[MATMUL_2:.*]] = loom.matmul %[[ARG3]], %[[ARG1]] : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MATMUL_2]], %[[MATMUL_1]] : tensor<5x2x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[MATMUL]], %[[ARG2]] : tensor<5x2x4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<5x2x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[MATMUL]], %[[CST]] : tensor<5x2x4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<5x2x4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<5x2x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @batch_matmul_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<5x2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<5x3x4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<5x2x4xf32>, %[[ARG3:.*]]: tensor<5x2x3xf32>, %[[ARG4:.*]]: tensor<5x3x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<5x2x4xf32>
// CLEAN: %[[MATMUL:.*]] = loom.matmul %[[ARG0]], %[[ARG1]] : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
// CLEAN: %[[MATMUL_1:.*]] = loom.matmul %[[ARG0]], %[[ARG4]] : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
// CLEAN: %[[MATMUL_2:.*]] = loom.matmul %[[ARG3]], %[[ARG1]] : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MATMUL_2]], %[[MATMUL_1]] : tensor<5x2x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[MATMUL]], %[[ARG2]] : tensor<5x2x4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[MATMUL]], %[[CST]] : tensor<5x2x4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<5x2x4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<5x2x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @batch_matmul(%a: tensor<5x2x3xf32> {loom.differentiate}, %b: tensor<5x3x4xf32> {loom.differentiate}, %dy: tensor<5x2x4xf32>) -> tensor<f32> {
  %y = loom.matmul %a, %b : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
  %w = loom.mul %y, %dy : tensor<5x2x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @conv2d(
// CLEAN-LABEL: func.func @conv2d(
// RAW-LABEL: func.func @conv2d_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<1x2x5x5xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x2x3x3xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<1x3x3x3xf32>, %[[ARG3:.*]]: tensor<1x2x5x5xf32>, %[[ARG4:.*]]: tensor<3x2x3x3xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[CONV2D:.*]] = loom.conv2d %[[ARG0]], %[[ARG1]] strides = [2, 2] padding = [1, 1] : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
// RAW: %[[CONV2D_1:.*]] = loom.conv2d %[[ARG3]], %[[ARG1]] strides = [2, 2] padding = [1, 1] : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
// RAW: %[[CONV2D_2:.*]] = loom.conv2d %[[ARG0]], %[[ARG4]] strides = [2, 2] padding = [1, 1] : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
// RAW: %[[ADD:.*]] = loom.add %[[CONV2D_1]], %[[CONV2D_2]] : tensor<1x3x3x3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[CONV2D]], %[[ARG2]] : tensor<1x3x3x3xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<1x3x3x3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[CONV2D]], %[[CST]] : tensor<1x3x3x3xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<1x3x3x3xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<1x3x3x3xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2, 3] : tensor<1x3x3x3xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0, 1, 2, 3] : tensor<1x3x3x3xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @conv2d_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<1x2x5x5xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x2x3x3xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<1x3x3x3xf32>, %[[ARG3:.*]]: tensor<1x2x5x5xf32>, %[[ARG4:.*]]: tensor<3x2x3x3xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<1x3x3x3xf32>
// CLEAN: %[[CONV2D:.*]] = loom.conv2d %[[ARG0]], %[[ARG1]] strides = [2, 2] padding = [1, 1] : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
// CLEAN: %[[CONV2D_1:.*]] = loom.conv2d %[[ARG3]], %[[ARG1]] strides = [2, 2] padding = [1, 1] : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
// CLEAN: %[[CONV2D_2:.*]] = loom.conv2d %[[ARG0]], %[[ARG4]] strides = [2, 2] padding = [1, 1] : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[CONV2D_1]], %[[CONV2D_2]] : tensor<1x3x3x3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[CONV2D]], %[[ARG2]] : tensor<1x3x3x3xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[CONV2D]], %[[CST]] : tensor<1x3x3x3xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<1x3x3x3xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<1x3x3x3xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2, 3] : tensor<1x3x3x3xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_1]] axes = [0, 1, 2, 3] : tensor<1x3x3x3xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @conv2d(%x: tensor<1x2x5x5xf32> {loom.differentiate}, %f: tensor<3x2x3x3xf32> {loom.differentiate}, %dy: tensor<1x3x3x3xf32>) -> tensor<f32> {
  %y = loom.conv2d %x, %f strides = [2, 2] padding = [1, 1] : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
  %w = loom.mul %y, %dy : tensor<1x3x3x3xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2, 3] : tensor<1x3x3x3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// conv2d_transpose is bilinear: the tangent is the transpose of the input's
// tangent with the filter plus the transpose of the input with the filter's.
// CLEAN-LABEL: func.func @conv2d_transpose_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<1x3x3x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x2x3x3xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<1x2x6x5xf32>, %[[ARG3:.*]]: tensor<1x3x3x3xf32>, %[[ARG4:.*]]: tensor<3x2x3x3xf32>)
// CLEAN: loom.conv2d_transpose %[[ARG0]], %[[ARG1]] strides = [2, 2] padding = [1, 1]
// CLEAN: %[[FROM_INPUT:.*]] = loom.conv2d_transpose %[[ARG3]], %[[ARG1]] strides = [2, 2] padding = [1, 1] : tensor<1x3x3x3xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x6x5xf32>
// CLEAN: %[[FROM_FILTER:.*]] = loom.conv2d_transpose %[[ARG0]], %[[ARG4]] strides = [2, 2] padding = [1, 1] : tensor<1x3x3x3xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x6x5xf32>
// CLEAN: loom.add %[[FROM_INPUT]], %[[FROM_FILTER]] : tensor<1x2x6x5xf32>
func.func @conv2d_transpose(%x: tensor<1x3x3x3xf32> {loom.differentiate}, %f: tensor<3x2x3x3xf32> {loom.differentiate}, %dy: tensor<1x2x6x5xf32>) -> tensor<f32> {
  %y = loom.conv2d_transpose %x, %f strides = [2, 2] padding = [1, 1] : tensor<1x3x3x3xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x6x5xf32>
  %w = loom.mul %y, %dy : tensor<1x2x6x5xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2, 3] : tensor<1x2x6x5xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reduce_sum(
// CLEAN-LABEL: func.func @reduce_sum(
// RAW-LABEL: func.func @reduce_sum_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>, %[[ARG2:.*]]: tensor<2x3x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ARG0]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ARG2]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[REDUCE_SUM]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[REDUCE_SUM]], %[[CST]] : tensor<3xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[REDUCE_SUM_1]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<3xf32>
// RAW: %[[REDUCE_SUM_2:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_3:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM_2]], %[[REDUCE_SUM_3]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @reduce_sum_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>, %[[ARG2:.*]]: tensor<2x3x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ARG0]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ARG2]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[REDUCE_SUM]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[REDUCE_SUM]], %[[CST]] : tensor<3xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[REDUCE_SUM_1]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<3xf32>
// CLEAN: %[[REDUCE_SUM_2:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_3:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM_2]], %[[REDUCE_SUM_3]] : tensor<f32>, tensor<f32>
func.func @reduce_sum(%x: tensor<2x3x4xf32> {loom.differentiate}, %dy: tensor<3xf32>) -> tensor<f32> {
  %y = loom.reduce_sum %x axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %w = loom.mul %y, %dy : tensor<3xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reduce_mean(
// CLEAN-LABEL: func.func @reduce_mean(
// RAW-LABEL: func.func @reduce_mean_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>, %[[ARG2:.*]]: tensor<2x3x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[REDUCE_MEAN:.*]] = loom.reduce_mean %[[ARG0]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// RAW: %[[REDUCE_MEAN_1:.*]] = loom.reduce_mean %[[ARG2]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[REDUCE_MEAN]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[REDUCE_MEAN]], %[[CST]] : tensor<3xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[REDUCE_MEAN_1]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<3xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @reduce_mean_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>, %[[ARG2:.*]]: tensor<2x3x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3xf32>
// CLEAN: %[[REDUCE_MEAN:.*]] = loom.reduce_mean %[[ARG0]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// CLEAN: %[[REDUCE_MEAN_1:.*]] = loom.reduce_mean %[[ARG2]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[REDUCE_MEAN]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[REDUCE_MEAN]], %[[CST]] : tensor<3xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[REDUCE_MEAN_1]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<3xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @reduce_mean(%x: tensor<2x3x4xf32> {loom.differentiate}, %dy: tensor<3xf32>) -> tensor<f32> {
  %y = loom.reduce_mean %x axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %w = loom.mul %y, %dy : tensor<3xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reduce_max(
// CLEAN-LABEL: func.func @reduce_max(
// RAW-LABEL: func.func @reduce_max_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>, %[[ARG2:.*]]: tensor<3x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[REDUCE_MAX:.*]] = loom.reduce_max %[[ARG0]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[REDUCE_MAX]] dims = [0] : tensor<3xf32> -> tensor<3x4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare eq, %[[ARG0]], %[[BROADCAST_IN_DIM]] : tensor<3x4xf32>
// RAW: %[[CONVERT:.*]] = loom.convert %[[COMPARE]] : tensor<3x4xi1> -> tensor<3x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[CONVERT]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[CONVERT]], %[[ARG2]] : tensor<3x4xf32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[MUL]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// RAW: %[[DIV:.*]] = loom.div %[[REDUCE_SUM_1]], %[[REDUCE_SUM]] : tensor<3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[REDUCE_MAX]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[REDUCE_MAX]], %[[CST]] : tensor<3xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[DIV]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<3xf32>
// RAW: %[[REDUCE_SUM_2:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_3:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM_2]], %[[REDUCE_SUM_3]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @reduce_max_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>, %[[ARG2:.*]]: tensor<3x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<3xf32>
// CLEAN: %[[REDUCE_MAX:.*]] = loom.reduce_max %[[ARG0]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// CLEAN: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[REDUCE_MAX]] dims = [0] : tensor<3xf32> -> tensor<3x4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare eq, %[[ARG0]], %[[BROADCAST_IN_DIM]] : tensor<3x4xf32>
// CLEAN: %[[CONVERT:.*]] = loom.convert %[[COMPARE]] : tensor<3x4xi1> -> tensor<3x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[CONVERT]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[CONVERT]], %[[ARG2]] : tensor<3x4xf32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[MUL]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// CLEAN: %[[DIV:.*]] = loom.div %[[REDUCE_SUM_1]], %[[REDUCE_SUM]] : tensor<3xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[REDUCE_MAX]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[REDUCE_MAX]], %[[CST]] : tensor<3xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[DIV]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<3xf32>
// CLEAN: %[[REDUCE_SUM_2:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_3:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM_2]], %[[REDUCE_SUM_3]] : tensor<f32>, tensor<f32>
func.func @reduce_max(%x: tensor<3x4xf32> {loom.differentiate}, %dy: tensor<3xf32>) -> tensor<f32> {
  %y = loom.reduce_max %x axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
  %w = loom.mul %y, %dy : tensor<3xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reparameterize(
// CLEAN-LABEL: func.func @reparameterize(
// RAW-LABEL: func.func @reparameterize_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<i64>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[RANDOM_NORMAL:.*]] = loom.random_normal %[[ARG2]] stream = 0 : tensor<i64> -> tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG1]], %[[CST]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG1]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ARG4]], %[[CST]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[EXP:.*]] = loom.exp %[[MUL]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[ADD]], %[[EXP]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[EXP]], %[[RANDOM_NORMAL]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_5:.*]] = loom.mul %[[EXP]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[MUL_6:.*]] = loom.mul %[[MUL_3]], %[[RANDOM_NORMAL]] : tensor<4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[MUL_6]], %[[MUL_5]] : tensor<4xf32>
// RAW: %[[ADD_2:.*]] = loom.add %[[ARG0]], %[[MUL_4]] : tensor<4xf32>
// RAW: %[[ADD_3:.*]] = loom.add %[[ARG3]], %[[ADD_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ADD_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_3]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @reparameterize_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<i64>, %[[ARG3:.*]]: tensor<4xf32>, %[[ARG4:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[RANDOM_NORMAL:.*]] = loom.random_normal %[[ARG2]] stream = 0 : tensor<i64> -> tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG1]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG1]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG4]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[EXP:.*]] = loom.exp %[[MUL]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[ADD]], %[[EXP]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[EXP]], %[[RANDOM_NORMAL]] : tensor<4xf32>
// CLEAN: %[[MUL_5:.*]] = loom.mul %[[EXP]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_6:.*]] = loom.mul %[[MUL_3]], %[[RANDOM_NORMAL]] : tensor<4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[MUL_6]], %[[MUL_5]] : tensor<4xf32>
// CLEAN: %[[ADD_2:.*]] = loom.add %[[ARG0]], %[[MUL_4]] : tensor<4xf32>
// CLEAN: %[[ADD_3:.*]] = loom.add %[[ARG3]], %[[ADD_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ADD_2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD_3]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @reparameterize(%mu: tensor<4xf32> {loom.differentiate}, %logvar: tensor<4xf32> {loom.differentiate}, %seed: tensor<i64>) -> tensor<f32> {
  %eps = loom.random_normal %seed stream = 0 : tensor<i64> -> tensor<4xf32>
  %half = loom.constant dense<0.5> : tensor<4xf32>
  %s = loom.mul %logvar, %half : tensor<4xf32>
  %std = loom.exp %s : tensor<4xf32>
  %noise = loom.mul %std, %eps : tensor<4xf32>
  %z = loom.add %mu, %noise : tensor<4xf32>
  %l = loom.reduce_sum %z axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @fan_out(
// CLEAN-LABEL: func.func @fan_out(
// RAW-LABEL: func.func @fan_out_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<f32>)
// RAW: %[[EXP:.*]] = loom.exp %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG1]], %[[EXP]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[EXP]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[EXP]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
// CLEAN-LABEL: func.func @fan_out_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<f32>)
// CLEAN: %[[EXP:.*]] = loom.exp %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG1]], %[[EXP]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[EXP]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[MUL]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[REDUCE_SUM_1]] : tensor<f32>, tensor<f32>
func.func @fan_out(%x: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %e = loom.exp %x : tensor<4xf32>
  %y = loom.mul %e, %x : tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @off_path(
// CLEAN-LABEL: func.func @off_path(
// RAW-LABEL: func.func @off_path_jvp(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32>, tensor<f32>, tensor<4xf32>)
// RAW: %[[TANH:.*]] = loom.tanh %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[CST]], %[[MUL]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[ARG2]], %[[SUB]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ARG0]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ARG2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: return %[[REDUCE_SUM]], %[[TANH]], %[[REDUCE_SUM_1]], %[[MUL_1]] : tensor<f32>, tensor<4xf32>, tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @off_path_jvp(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>, %[[ARG3:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32>, tensor<f32>, tensor<4xf32>)
// CLEAN: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[TANH:.*]] = loom.tanh %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[CST]], %[[MUL]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG2]], %[[SUB]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ARG0]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ARG2]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[TANH]], %[[REDUCE_SUM_1]], %[[MUL_1]] : tensor<f32>, tensor<4xf32>, tensor<f32>, tensor<4xf32>
func.func @off_path(%x: tensor<4xf32> {loom.differentiate}, %unused: tensor<4xf32> {loom.differentiate}) -> (tensor<f32>, tensor<4xf32>) {
  %aux = loom.tanh %x : tensor<4xf32>
  %l = loom.reduce_sum %x axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l, %aux : tensor<f32>, tensor<4xf32>
}
