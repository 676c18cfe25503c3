// RUN: loom-opt %s -split-input-file -loom-autodiff | FileCheck %s --check-prefix=RAW
// RUN: loom-opt %s -split-input-file -loom-autodiff -canonicalize -cse | FileCheck %s --check-prefix=CLEAN

// One function per gradient rule. Each loss is sum(op(x) * dy), so after
// cleaning the cotangent reaching the rule is the argument %dy itself. RAW
// shows what the pass emits (the forward ops copied, then the backward code in
// reverse op order); CLEAN shows the same after -canonicalize -cse.

// RAW-LABEL: func.func @neg(
// CLEAN-LABEL: func.func @neg(
// RAW-LABEL: func.func @neg_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[NEG:.*]] = loom.neg %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[NEG]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[NEG_1:.*]] = loom.neg %[[MUL_1]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[NEG_1]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @neg_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[NEG:.*]] = loom.neg %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[NEG]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[NEG_1:.*]] = loom.neg %[[ARG1]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[NEG_1]] : tensor<f32>, tensor<4xf32>
func.func @neg(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.neg %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @exp(
// CLEAN-LABEL: func.func @exp(
// RAW-LABEL: func.func @exp_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[EXP:.*]] = loom.exp %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[EXP]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[EXP]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_2]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @exp_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[EXP:.*]] = loom.exp %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[EXP]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL]] : tensor<f32>, tensor<4xf32>
func.func @exp(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.exp %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @log(
// CLEAN-LABEL: func.func @log(
// RAW-LABEL: func.func @log_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[LOG:.*]] = loom.log %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[LOG]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[DIV:.*]] = loom.div %[[MUL_1]], %[[ARG0]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[DIV]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @log_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[LOG:.*]] = loom.log %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[LOG]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[DIV:.*]] = loom.div %[[ARG1]], %[[ARG0]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[DIV]] : tensor<f32>, tensor<4xf32>
func.func @log(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.log %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @tanh(
// CLEAN-LABEL: func.func @tanh(
// RAW-LABEL: func.func @tanh_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[TANH:.*]] = loom.tanh %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[TANH]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[CST_1]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_1]], %[[SUB]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_3]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @tanh_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[TANH:.*]] = loom.tanh %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[TANH]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[CST]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG1]], %[[SUB]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_2]] : tensor<f32>, tensor<4xf32>
func.func @tanh(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.tanh %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @sigmoid(
// CLEAN-LABEL: func.func @sigmoid(
// RAW-LABEL: func.func @sigmoid_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[SIGMOID:.*]] = loom.sigmoid %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SIGMOID]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[CST_1]], %[[SIGMOID]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[SIGMOID]], %[[SUB]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_1]], %[[MUL_2]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_3]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @sigmoid_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[SIGMOID:.*]] = loom.sigmoid %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SIGMOID]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[CST]], %[[SIGMOID]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[SIGMOID]], %[[SUB]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG1]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_2]] : tensor<f32>, tensor<4xf32>
func.func @sigmoid(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.sigmoid %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @relu(
// CLEAN-LABEL: func.func @relu(
// RAW-LABEL: func.func @relu_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[RELU:.*]] = loom.relu %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[RELU]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[MUL_1]], %[[CST_2]] : tensor<4xi1>, tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[SELECT]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @relu_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[RELU:.*]] = loom.relu %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[RELU]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG1]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[SELECT]] : tensor<f32>, tensor<4xf32>
func.func @relu(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.relu %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @gelu(
// CLEAN-LABEL: func.func @gelu(
// RAW-LABEL: func.func @gelu_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[GELU:.*]] = loom.gelu %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[GELU]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ARG0]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[ARG0]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<4.471500e-02> : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[MUL_3]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[ARG0]], %[[MUL_4]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.797884583> : tensor<4xf32>
// RAW: %[[MUL_5:.*]] = loom.mul %[[ADD]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[TANH:.*]] = loom.tanh %[[MUL_5]] : tensor<4xf32>
// RAW: %[[CST_3:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[ADD_1:.*]] = loom.add %[[CST_3]], %[[TANH]] : tensor<4xf32>
// RAW: %[[CST_4:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_6:.*]] = loom.mul %[[ADD_1]], %[[CST_4]] : tensor<4xf32>
// RAW: %[[MUL_7:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[CST_3]], %[[MUL_7]] : tensor<4xf32>
// RAW: %[[CST_5:.*]] = loom.constant dense<1.341450e-01> : tensor<4xf32>
// RAW: %[[MUL_8:.*]] = loom.mul %[[MUL_2]], %[[CST_5]] : tensor<4xf32>
// RAW: %[[ADD_2:.*]] = loom.add %[[CST_3]], %[[MUL_8]] : tensor<4xf32>
// RAW: %[[CST_6:.*]] = loom.constant dense<0.797884583> : tensor<4xf32>
// RAW: %[[MUL_9:.*]] = loom.mul %[[ADD_2]], %[[CST_6]] : tensor<4xf32>
// RAW: %[[MUL_10:.*]] = loom.mul %[[SUB]], %[[MUL_9]] : tensor<4xf32>
// RAW: %[[CST_7:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_11:.*]] = loom.mul %[[ARG0]], %[[CST_7]] : tensor<4xf32>
// RAW: %[[MUL_12:.*]] = loom.mul %[[MUL_11]], %[[MUL_10]] : tensor<4xf32>
// RAW: %[[ADD_3:.*]] = loom.add %[[MUL_6]], %[[MUL_12]] : tensor<4xf32>
// RAW: %[[MUL_13:.*]] = loom.mul %[[MUL_1]], %[[ADD_3]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_13]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @gelu_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<1.341450e-01> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[CST_2:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_3:.*]] = loom.constant dense<0.797884583> : tensor<4xf32>
// CLEAN: %[[CST_4:.*]] = loom.constant dense<4.471500e-02> : tensor<4xf32>
// CLEAN: %[[GELU:.*]] = loom.gelu %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[GELU]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG0]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG0]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[MUL_2]], %[[CST_4]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[ARG0]], %[[MUL_3]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[ADD]], %[[CST_3]] : tensor<4xf32>
// CLEAN: %[[TANH:.*]] = loom.tanh %[[MUL_4]] : tensor<4xf32>
// CLEAN: %[[ADD_1:.*]] = loom.add %[[TANH]], %[[CST_2]] : tensor<4xf32>
// CLEAN: %[[MUL_5:.*]] = loom.mul %[[ADD_1]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_6:.*]] = loom.mul %[[TANH]], %[[TANH]] : tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[CST_2]], %[[MUL_6]] : tensor<4xf32>
// CLEAN: %[[MUL_7:.*]] = loom.mul %[[MUL_1]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[ADD_2:.*]] = loom.add %[[MUL_7]], %[[CST_2]] : tensor<4xf32>
// CLEAN: %[[MUL_8:.*]] = loom.mul %[[ADD_2]], %[[CST_3]] : tensor<4xf32>
// CLEAN: %[[MUL_9:.*]] = loom.mul %[[SUB]], %[[MUL_8]] : tensor<4xf32>
// CLEAN: %[[MUL_10:.*]] = loom.mul %[[ARG0]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_11:.*]] = loom.mul %[[MUL_10]], %[[MUL_9]] : tensor<4xf32>
// CLEAN: %[[ADD_3:.*]] = loom.add %[[MUL_5]], %[[MUL_11]] : tensor<4xf32>
// CLEAN: %[[MUL_12:.*]] = loom.mul %[[ARG1]], %[[ADD_3]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_12]] : tensor<f32>, tensor<4xf32>
func.func @gelu(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.gelu %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @sqrt(
// CLEAN-LABEL: func.func @sqrt(
// RAW-LABEL: func.func @sqrt_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[SQRT:.*]] = loom.sqrt %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SQRT]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[DIV:.*]] = loom.div %[[MUL_2]], %[[SQRT]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[DIV]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @sqrt_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[SQRT:.*]] = loom.sqrt %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SQRT]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG1]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[DIV:.*]] = loom.div %[[MUL_1]], %[[SQRT]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[DIV]] : tensor<f32>, tensor<4xf32>
func.func @sqrt(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.sqrt %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @rsqrt(
// CLEAN-LABEL: func.func @rsqrt(
// RAW-LABEL: func.func @rsqrt_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[RSQRT:.*]] = loom.rsqrt %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[RSQRT]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[RSQRT]], %[[RSQRT]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_2]], %[[RSQRT]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<-5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[MUL_1]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_5:.*]] = loom.mul %[[MUL_4]], %[[MUL_3]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_5]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @rsqrt_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<-5.000000e-01> : tensor<4xf32>
// CLEAN: %[[RSQRT:.*]] = loom.rsqrt %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[RSQRT]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[RSQRT]], %[[RSQRT]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[RSQRT]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[ARG1]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[MUL_3]], %[[MUL_2]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_4]] : tensor<f32>, tensor<4xf32>
func.func @rsqrt(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.rsqrt %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @square(
// CLEAN-LABEL: func.func @square(
// RAW-LABEL: func.func @square_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[SQUARE:.*]] = loom.square %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SQUARE]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<2.000000e+00> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_2]], %[[ARG0]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_3]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @square_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<2.000000e+00> : tensor<4xf32>
// CLEAN: %[[SQUARE:.*]] = loom.square %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SQUARE]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG1]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[ARG0]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_2]] : tensor<f32>, tensor<4xf32>
func.func @square(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.square %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @abs(
// CLEAN-LABEL: func.func @abs(
// RAW-LABEL: func.func @abs_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[ABS:.*]] = loom.abs %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ABS]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[NEG:.*]] = loom.neg %[[MUL_1]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[NEG]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[COMPARE_1:.*]] = loom.compare gt, %[[ARG0]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[COMPARE_1]], %[[MUL_1]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[SELECT_1]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @abs_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[ABS:.*]] = loom.abs %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ABS]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[NEG:.*]] = loom.neg %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[NEG]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[COMPARE_1:.*]] = loom.compare gt, %[[ARG0]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[COMPARE_1]], %[[ARG1]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[SELECT_1]] : tensor<f32>, tensor<4xf32>
func.func @abs(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.abs %x : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @leaky_relu(
// CLEAN-LABEL: func.func @leaky_relu(
// RAW-LABEL: func.func @leaky_relu_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[LEAKY_RELU:.*]] = loom.leaky_relu %[[ARG0]], 2.500000e-01 : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[LEAKY_RELU]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<2.500000e-01> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[MUL_1]], %[[MUL_2]] : tensor<4xi1>, tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[SELECT]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @leaky_relu_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<2.500000e-01> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[LEAKY_RELU:.*]] = loom.leaky_relu %[[ARG0]], 2.500000e-01 : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[LEAKY_RELU]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG1]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG1]], %[[MUL_1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[SELECT]] : tensor<f32>, tensor<4xf32>
func.func @leaky_relu(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.leaky_relu %x, 0.25 : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @add(
// CLEAN-LABEL: func.func @add(
// RAW-LABEL: func.func @add_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[ADD:.*]] = loom.add %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_1]], %[[MUL_1]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @add_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[ADD:.*]] = loom.add %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ADD]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[ARG2]], %[[ARG2]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @add(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.add %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @sub(
// CLEAN-LABEL: func.func @sub(
// RAW-LABEL: func.func @sub_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[SUB:.*]] = loom.sub %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SUB]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[NEG:.*]] = loom.neg %[[MUL_1]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_1]], %[[NEG]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @sub_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[SUB:.*]] = loom.sub %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SUB]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[NEG:.*]] = loom.neg %[[ARG2]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[ARG2]], %[[NEG]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @sub(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.sub %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @mul(
// CLEAN-LABEL: func.func @mul(
// RAW-LABEL: func.func @mul_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[MUL:.*]] = loom.mul %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[MUL]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_2]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[MUL_2]], %[[ARG0]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_3]], %[[MUL_4]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @mul_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[MUL]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG2]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[ARG2]], %[[ARG0]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_2]], %[[MUL_3]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @mul(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.mul %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @div(
// CLEAN-LABEL: func.func @div(
// RAW-LABEL: func.func @div_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[DIV:.*]] = loom.div %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[DIV]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[DIV_1:.*]] = loom.div %[[MUL_1]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[DIV_1]], %[[DIV]] : tensor<4xf32>
// RAW: %[[NEG:.*]] = loom.neg %[[MUL_2]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[DIV_1]], %[[NEG]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @div_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[DIV:.*]] = loom.div %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[DIV]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[DIV_1:.*]] = loom.div %[[ARG2]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[DIV_1]], %[[DIV]] : tensor<4xf32>
// CLEAN: %[[NEG:.*]] = loom.neg %[[MUL_1]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[DIV_1]], %[[NEG]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @div(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.div %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @max(
// CLEAN-LABEL: func.func @max(
// RAW-LABEL: func.func @max_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[MAX:.*]] = loom.max %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[MAX]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[COMPARE_1:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE_1]], %[[MUL_2]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[MUL_1]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[MUL_1]], %[[SELECT_1]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[SELECT_1]], %[[SUB]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @max_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[MAX:.*]] = loom.max %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[MAX]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[COMPARE:.*]] = loom.compare gt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[COMPARE_1:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG2]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE_1]], %[[MUL_1]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[ARG2]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[ARG2]], %[[SELECT_1]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[SELECT_1]], %[[SUB]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @max(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.max %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @min(
// CLEAN-LABEL: func.func @min(
// RAW-LABEL: func.func @min_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[MIN:.*]] = loom.min %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[MIN]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[COMPARE_1:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE_1]], %[[MUL_2]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[MUL_1]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[MUL_1]], %[[SELECT_1]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[SELECT_1]], %[[SUB]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @min_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[MIN:.*]] = loom.min %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[MIN]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[COMPARE_1:.*]] = loom.compare eq, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG2]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE_1]], %[[MUL_1]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[ARG2]], %[[SELECT]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[ARG2]], %[[SELECT_1]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[SELECT_1]], %[[SUB]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @min(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.min %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @pow(
// CLEAN-LABEL: func.func @pow(
// RAW-LABEL: func.func @pow_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[POW:.*]] = loom.pow %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[POW]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// RAW: %[[SUB:.*]] = loom.sub %[[ARG1]], %[[CST_1]] : tensor<4xf32>
// RAW: %[[POW_1:.*]] = loom.pow %[[ARG0]], %[[SUB]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[ARG1]], %[[POW_1]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_1]], %[[MUL_2]] : tensor<4xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare eq, %[[ARG0]], %[[CST_2]] : tensor<4xf32>
// RAW: %[[LOG:.*]] = loom.log %[[ARG0]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[CST_2]], %[[LOG]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[POW]], %[[SELECT]] : tensor<4xf32>
// RAW: %[[MUL_5:.*]] = loom.mul %[[MUL_1]], %[[MUL_4]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_3]], %[[MUL_5]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @pow_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[POW:.*]] = loom.pow %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[POW]], %[[ARG2]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[SUB:.*]] = loom.sub %[[ARG1]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[POW_1:.*]] = loom.pow %[[ARG0]], %[[SUB]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[ARG1]], %[[POW_1]] : tensor<4xf32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[ARG2]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare eq, %[[ARG0]], %[[CST]] : tensor<4xf32>
// CLEAN: %[[LOG:.*]] = loom.log %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[CST]], %[[LOG]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[MUL_3:.*]] = loom.mul %[[POW]], %[[SELECT]] : tensor<4xf32>
// CLEAN: %[[MUL_4:.*]] = loom.mul %[[ARG2]], %[[MUL_3]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_2]], %[[MUL_4]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @pow(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.pow %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @select(
// CLEAN-LABEL: func.func @select(
// RAW-LABEL: func.func @select_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xi1>, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG3:.*]]: tensor<4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 1 : i64}, tensor<4xf32> {loom.gradient = 2 : i64})
// RAW: %[[SELECT:.*]] = loom.select %[[ARG0]], %[[ARG1]], %[[ARG2]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SELECT]], %[[ARG3]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG3]] : tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[ARG0]], %[[MUL_1]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_2:.*]] = loom.select %[[ARG0]], %[[CST_1]], %[[MUL_1]] : tensor<4xi1>, tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[SELECT_1]], %[[SELECT_2]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @select_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xi1>, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG3:.*]]: tensor<4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 1 : i64}, tensor<4xf32> {loom.gradient = 2 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[ARG0]], %[[ARG1]], %[[ARG2]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SELECT]], %[[ARG3]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[ARG0]], %[[ARG3]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_2:.*]] = loom.select %[[ARG0]], %[[CST]], %[[ARG3]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[SELECT_1]], %[[SELECT_2]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @select(%c: tensor<4xi1>, %a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @convert(
// CLEAN-LABEL: func.func @convert(
// RAW-LABEL: func.func @convert_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf64>)
// RAW-SAME: -> (tensor<f64>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[CONVERT:.*]] = loom.convert %[[ARG0]] : tensor<4xf32> -> tensor<4xf64>
// RAW: %[[MUL:.*]] = loom.mul %[[CONVERT]], %[[ARG1]] : tensor<4xf64>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf64> -> tensor<f64>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f64>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f64> -> tensor<4xf64>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<4xf64>
// RAW: %[[CONVERT_1:.*]] = loom.convert %[[MUL_1]] : tensor<4xf64> -> tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[CONVERT_1]] : tensor<f64>, tensor<4xf32>
// CLEAN-LABEL: func.func @convert_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf64>)
// CLEAN-SAME: -> (tensor<f64>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CONVERT:.*]] = loom.convert %[[ARG0]] : tensor<4xf32> -> tensor<4xf64>
// CLEAN: %[[MUL:.*]] = loom.mul %[[CONVERT]], %[[ARG1]] : tensor<4xf64>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf64> -> tensor<f64>
// CLEAN: %[[CONVERT_1:.*]] = loom.convert %[[ARG1]] : tensor<4xf64> -> tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[CONVERT_1]] : tensor<f64>, tensor<4xf32>
func.func @convert(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf64>) -> tensor<f64> {
  %y = loom.convert %x : tensor<4xf32> -> tensor<4xf64>
  %w = loom.mul %y, %dy : tensor<4xf64>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf64> -> tensor<f64>
  return %l : tensor<f64>
}

// -----

// RAW-LABEL: func.func @convert_through_integer(
// CLEAN-LABEL: func.func @convert_through_integer(
// RAW-LABEL: func.func @convert_through_integer_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate})
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[CONVERT:.*]] = loom.convert %[[ARG0]] : tensor<4xf32> -> tensor<4xi32>
// RAW: %[[CONVERT_1:.*]] = loom.convert %[[CONVERT]] : tensor<4xi32> -> tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[CONVERT_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[CST]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @convert_through_integer_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate})
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[CONVERT:.*]] = loom.convert %[[ARG0]] : tensor<4xf32> -> tensor<4xi32>
// CLEAN: %[[CONVERT_1:.*]] = loom.convert %[[CONVERT]] : tensor<4xi32> -> tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[CONVERT_1]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[CST]] : tensor<f32>, tensor<4xf32>
func.func @convert_through_integer(%x: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %i = loom.convert %x : tensor<4xf32> -> tensor<4xi32>
  %y = loom.convert %i : tensor<4xi32> -> tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @compare_condition(
// CLEAN-LABEL: func.func @compare_condition(
// RAW-LABEL: func.func @compare_condition_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate})
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// RAW: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG0]], %[[ARG1]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[SELECT]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[BROADCAST_IN_DIM]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// RAW: %[[SELECT_2:.*]] = loom.select %[[COMPARE]], %[[CST_1]], %[[BROADCAST_IN_DIM]] : tensor<4xi1>, tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[SELECT_1]], %[[SELECT_2]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @compare_condition_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate})
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare lt, %[[ARG0]], %[[ARG1]] : tensor<4xf32>
// CLEAN: %[[SELECT:.*]] = loom.select %[[COMPARE]], %[[ARG0]], %[[ARG1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[SELECT]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[SELECT_1:.*]] = loom.select %[[COMPARE]], %[[CST]], %[[CST_1]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: %[[SELECT_2:.*]] = loom.select %[[COMPARE]], %[[CST_1]], %[[CST]] : tensor<4xi1>, tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[SELECT_1]], %[[SELECT_2]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
func.func @compare_condition(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %c = loom.compare lt, %a, %b : tensor<4xf32>
  %y = loom.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @broadcast_in_dim(
// CLEAN-LABEL: func.func @broadcast_in_dim(
// RAW-LABEL: func.func @broadcast_in_dim_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<3x1xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x3x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<3x1xf32> {loom.gradient = 0 : i64})
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[ARG0]] dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<2x3x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM_1:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<2x3x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM_1]], %[[ARG1]] : tensor<2x3x4xf32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[MUL_1]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// RAW: %[[RESHAPE:.*]] = loom.reshape %[[REDUCE_SUM_1]] : tensor<3xf32> -> tensor<3x1xf32>
// RAW: return %[[REDUCE_SUM]], %[[RESHAPE]] : tensor<f32>, tensor<3x1xf32>
// CLEAN-LABEL: func.func @broadcast_in_dim_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<3x1xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x3x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<3x1xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[ARG0]] dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<2x3x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[ARG1]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// CLEAN: %[[RESHAPE:.*]] = loom.reshape %[[REDUCE_SUM_1]] : tensor<3xf32> -> tensor<3x1xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[RESHAPE]] : tensor<f32>, tensor<3x1xf32>
func.func @broadcast_in_dim(%x: tensor<3x1xf32> {loom.differentiate}, %dy: tensor<2x3x4xf32>) -> tensor<f32> {
  %y = loom.broadcast_in_dim %x dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
  %w = loom.mul %y, %dy : tensor<2x3x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reshape(
// CLEAN-LABEL: func.func @reshape(
// RAW-LABEL: func.func @reshape_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x6xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<2x6xf32> {loom.gradient = 0 : i64})
// RAW: %[[RESHAPE:.*]] = loom.reshape %[[ARG0]] : tensor<2x6xf32> -> tensor<3x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[RESHAPE]], %[[ARG1]] : tensor<3x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<3x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<3x4xf32>
// RAW: %[[RESHAPE_1:.*]] = loom.reshape %[[MUL_1]] : tensor<3x4xf32> -> tensor<2x6xf32>
// RAW: return %[[REDUCE_SUM]], %[[RESHAPE_1]] : tensor<f32>, tensor<2x6xf32>
// CLEAN-LABEL: func.func @reshape_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x6xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<2x6xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[RESHAPE:.*]] = loom.reshape %[[ARG0]] : tensor<2x6xf32> -> tensor<3x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[RESHAPE]], %[[ARG1]] : tensor<3x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
// CLEAN: %[[RESHAPE_1:.*]] = loom.reshape %[[ARG1]] : tensor<3x4xf32> -> tensor<2x6xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[RESHAPE_1]] : tensor<f32>, tensor<2x6xf32>
func.func @reshape(%x: tensor<2x6xf32> {loom.differentiate}, %dy: tensor<3x4xf32>) -> tensor<f32> {
  %y = loom.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>
  %w = loom.mul %y, %dy : tensor<3x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @transpose(
// CLEAN-LABEL: func.func @transpose(
// RAW-LABEL: func.func @transpose_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4x2xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<2x3x4xf32> {loom.gradient = 0 : i64})
// RAW: %[[TRANSPOSE:.*]] = loom.transpose %[[ARG0]] perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[TRANSPOSE]], %[[ARG1]] : tensor<3x4x2xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<3x4x2xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<3x4x2xf32>
// RAW: %[[TRANSPOSE_1:.*]] = loom.transpose %[[MUL_1]] perm = [2, 0, 1] : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
// RAW: return %[[REDUCE_SUM]], %[[TRANSPOSE_1]] : tensor<f32>, tensor<2x3x4xf32>
// CLEAN-LABEL: func.func @transpose_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4x2xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<2x3x4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[TRANSPOSE:.*]] = loom.transpose %[[ARG0]] perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[TRANSPOSE]], %[[ARG1]] : tensor<3x4x2xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
// CLEAN: %[[TRANSPOSE_1:.*]] = loom.transpose %[[ARG1]] perm = [2, 0, 1] : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[TRANSPOSE_1]] : tensor<f32>, tensor<2x3x4xf32>
func.func @transpose(%x: tensor<2x3x4xf32> {loom.differentiate}, %dy: tensor<3x4x2xf32>) -> tensor<f32> {
  %y = loom.transpose %x perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %w = loom.mul %y, %dy : tensor<3x4x2xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @slice(
// CLEAN-LABEL: func.func @slice(
// RAW-LABEL: func.func @slice_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<7x5xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x3xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<7x5xf32> {loom.gradient = 0 : i64})
// RAW: %[[SLICE:.*]] = loom.slice %[[ARG0]] start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[SLICE]], %[[ARG1]] : tensor<2x3xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<2x3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<2x3xf32>
// RAW: %[[RESHAPE:.*]] = loom.reshape %[[MUL_1]] : tensor<2x3xf32> -> tensor<2x1x3xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<2x2x3xf32>
// RAW: %[[CONCAT:.*]] = loom.concat %[[RESHAPE]], %[[CST_1]] axis = 1 : (tensor<2x1x3xf32>, tensor<2x2x3xf32>) -> tensor<2x3x3xf32>
// RAW: %[[RESHAPE_1:.*]] = loom.reshape %[[CONCAT]] : tensor<2x3x3xf32> -> tensor<6x3xf32>
// RAW: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<1x3xf32>
// RAW: %[[CONCAT_1:.*]] = loom.concat %[[CST_2]], %[[RESHAPE_1]] axis = 0 : (tensor<1x3xf32>, tensor<6x3xf32>) -> tensor<7x3xf32>
// RAW: %[[CST_3:.*]] = loom.constant dense<0.000000e+00> : tensor<7x2xf32>
// RAW: %[[CONCAT_2:.*]] = loom.concat %[[CONCAT_1]], %[[CST_3]] axis = 1 : (tensor<7x3xf32>, tensor<7x2xf32>) -> tensor<7x5xf32>
// RAW: return %[[REDUCE_SUM]], %[[CONCAT_2]] : tensor<f32>, tensor<7x5xf32>
// CLEAN-LABEL: func.func @slice_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<7x5xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x3xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<7x5xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<0.000000e+00> : tensor<7x2xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<1x3xf32>
// CLEAN: %[[CST_2:.*]] = loom.constant dense<0.000000e+00> : tensor<2x2x3xf32>
// CLEAN: %[[SLICE:.*]] = loom.slice %[[ARG0]] start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[SLICE]], %[[ARG1]] : tensor<2x3xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
// CLEAN: %[[RESHAPE:.*]] = loom.reshape %[[ARG1]] : tensor<2x3xf32> -> tensor<2x1x3xf32>
// CLEAN: %[[CONCAT:.*]] = loom.concat %[[RESHAPE]], %[[CST_2]] axis = 1 : (tensor<2x1x3xf32>, tensor<2x2x3xf32>) -> tensor<2x3x3xf32>
// CLEAN: %[[RESHAPE_1:.*]] = loom.reshape %[[CONCAT]] : tensor<2x3x3xf32> -> tensor<6x3xf32>
// CLEAN: %[[CONCAT_1:.*]] = loom.concat %[[CST_1]], %[[RESHAPE_1]] axis = 0 : (tensor<1x3xf32>, tensor<6x3xf32>) -> tensor<7x3xf32>
// CLEAN: %[[CONCAT_2:.*]] = loom.concat %[[CONCAT_1]], %[[CST]] axis = 1 : (tensor<7x3xf32>, tensor<7x2xf32>) -> tensor<7x5xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[CONCAT_2]] : tensor<f32>, tensor<7x5xf32>
func.func @slice(%x: tensor<7x5xf32> {loom.differentiate}, %dy: tensor<2x3xf32>) -> tensor<f32> {
  %y = loom.slice %x start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
  %w = loom.mul %y, %dy : tensor<2x3xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @concat(
// CLEAN-LABEL: func.func @concat(
// RAW-LABEL: func.func @concat_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x1xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<2x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<2x3xf32> {loom.gradient = 0 : i64}, tensor<2x1xf32> {loom.gradient = 1 : i64})
// RAW: %[[CONCAT:.*]] = loom.concat %[[ARG0]], %[[ARG1]] axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[CONCAT]], %[[ARG2]] : tensor<2x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<2x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<2x4xf32>
// RAW: %[[SLICE:.*]] = loom.slice %[[MUL_1]] start = [0, 0] limit = [2, 3] strides = [1, 1] : tensor<2x4xf32> -> tensor<2x3xf32>
// RAW: %[[SLICE_1:.*]] = loom.slice %[[MUL_1]] start = [0, 3] limit = [2, 4] strides = [1, 1] : tensor<2x4xf32> -> tensor<2x1xf32>
// RAW: return %[[REDUCE_SUM]], %[[SLICE]], %[[SLICE_1]] : tensor<f32>, tensor<2x3xf32>, tensor<2x1xf32>
// CLEAN-LABEL: func.func @concat_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<2x1xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<2x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<2x3xf32> {loom.gradient = 0 : i64}, tensor<2x1xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[CONCAT:.*]] = loom.concat %[[ARG0]], %[[ARG1]] axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[CONCAT]], %[[ARG2]] : tensor<2x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// CLEAN: %[[SLICE:.*]] = loom.slice %[[ARG2]] start = [0, 0] limit = [2, 3] strides = [1, 1] : tensor<2x4xf32> -> tensor<2x3xf32>
// CLEAN: %[[SLICE_1:.*]] = loom.slice %[[ARG2]] start = [0, 3] limit = [2, 4] strides = [1, 1] : tensor<2x4xf32> -> tensor<2x1xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[SLICE]], %[[SLICE_1]] : tensor<f32>, tensor<2x3xf32>, tensor<2x1xf32>
func.func @concat(%a: tensor<2x3xf32> {loom.differentiate}, %b: tensor<2x1xf32> {loom.differentiate}, %dy: tensor<2x4xf32>) -> tensor<f32> {
  %y = loom.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %w = loom.mul %y, %dy : tensor<2x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @matmul(
// CLEAN-LABEL: func.func @matmul(
// RAW-LABEL: func.func @matmul_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<2x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<2x3xf32> {loom.gradient = 0 : i64}, tensor<3x4xf32> {loom.gradient = 1 : i64})
// RAW: %[[MATMUL:.*]] = loom.matmul %[[ARG0]], %[[ARG1]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[MATMUL]], %[[ARG2]] : tensor<2x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<2x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<2x4xf32>
// RAW: %[[TRANSPOSE:.*]] = loom.transpose %[[ARG1]] perm = [1, 0] : tensor<3x4xf32> -> tensor<4x3xf32>
// RAW: %[[MATMUL_1:.*]] = loom.matmul %[[MUL_1]], %[[TRANSPOSE]] : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
// RAW: %[[TRANSPOSE_1:.*]] = loom.transpose %[[ARG0]] perm = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
// RAW: %[[MATMUL_2:.*]] = loom.matmul %[[TRANSPOSE_1]], %[[MUL_1]] : tensor<3x2xf32>, tensor<2x4xf32> -> tensor<3x4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MATMUL_1]], %[[MATMUL_2]] : tensor<f32>, tensor<2x3xf32>, tensor<3x4xf32>
// CLEAN-LABEL: func.func @matmul_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<2x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<2x3xf32> {loom.gradient = 0 : i64}, tensor<3x4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[MATMUL:.*]] = loom.matmul %[[ARG0]], %[[ARG1]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[MATMUL]], %[[ARG2]] : tensor<2x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
// CLEAN: %[[TRANSPOSE:.*]] = loom.transpose %[[ARG1]] perm = [1, 0] : tensor<3x4xf32> -> tensor<4x3xf32>
// CLEAN: %[[MATMUL_1:.*]] = loom.matmul %[[ARG2]], %[[TRANSPOSE]] : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
// CLEAN: %[[TRANSPOSE_1:.*]] = loom.transpose %[[ARG0]] perm = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
// CLEAN: %[[MATMUL_2:.*]] = loom.matmul %[[TRANSPOSE_1]], %[[ARG2]] : tensor<3x2xf32>, tensor<2x4xf32> -> tensor<3x4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MATMUL_1]], %[[MATMUL_2]] : tensor<f32>, tensor<2x3xf32>, tensor<3x4xf32>
func.func @matmul(%a: tensor<2x3xf32> {loom.differentiate}, %b: tensor<3x4xf32> {loom.differentiate}, %dy: tensor<2x4xf32>) -> tensor<f32> {
  %y = loom.matmul %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %w = loom.mul %y, %dy : tensor<2x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @batch_matmul(
// CLEAN-LABEL: func.func @batch_matmul(
// RAW-LABEL: func.func @batch_matmul_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<5x2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<5x3x4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<5x2x4xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<5x2x3xf32> {loom.gradient = 0 : i64}, tensor<5x3x4xf32> {loom.gradient = 1 : i64})
// RAW: %[[MATMUL:.*]] = loom.matmul %[[ARG0]], %[[ARG1]] : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[MATMUL]], %[[ARG2]] : tensor<5x2x4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<5x2x4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG2]] : tensor<5x2x4xf32>
// RAW: %[[TRANSPOSE:.*]] = loom.transpose %[[ARG1]] perm = [0, 2, 1] : tensor<5x3x4xf32> -> tensor<5x4x3xf32>
// RAW: %[[MATMUL_1:.*]] = loom.matmul %[[MUL_1]], %[[TRANSPOSE]] : tensor<5x2x4xf32>, tensor<5x4x3xf32> -> tensor<5x2x3xf32>
// RAW: %[[TRANSPOSE_1:.*]] = loom.transpose %[[ARG0]] perm = [0, 2, 1] : tensor<5x2x3xf32> -> tensor<5x3x2xf32>
// RAW: %[[MATMUL_2:.*]] = loom.matmul %[[TRANSPOSE_1]], %[[MUL_1]] : tensor<5x3x2xf32>, tensor<5x2x4xf32> -> tensor<5x3x4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MATMUL_1]], %[[MATMUL_2]] : tensor<f32>, tensor<5x2x3xf32>, tensor<5x3x4xf32>
// CLEAN-LABEL: func.func @batch_matmul_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<5x2x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<5x3x4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<5x2x4xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<5x2x3xf32> {loom.gradient = 0 : i64}, tensor<5x3x4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[MATMUL:.*]] = loom.matmul %[[ARG0]], %[[ARG1]] : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[MATMUL]], %[[ARG2]] : tensor<5x2x4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
// CLEAN: %[[TRANSPOSE:.*]] = loom.transpose %[[ARG1]] perm = [0, 2, 1] : tensor<5x3x4xf32> -> tensor<5x4x3xf32>
// CLEAN: %[[MATMUL_1:.*]] = loom.matmul %[[ARG2]], %[[TRANSPOSE]] : tensor<5x2x4xf32>, tensor<5x4x3xf32> -> tensor<5x2x3xf32>
// CLEAN: %[[TRANSPOSE_1:.*]] = loom.transpose %[[ARG0]] perm = [0, 2, 1] : tensor<5x2x3xf32> -> tensor<5x3x2xf32>
// CLEAN: %[[MATMUL_2:.*]] = loom.matmul %[[TRANSPOSE_1]], %[[ARG2]] : tensor<5x3x2xf32>, tensor<5x2x4xf32> -> tensor<5x3x4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MATMUL_1]], %[[MATMUL_2]] : tensor<f32>, tensor<5x2x3xf32>, tensor<5x3x4xf32>
func.func @batch_matmul(%a: tensor<5x2x3xf32> {loom.differentiate}, %b: tensor<5x3x4xf32> {loom.differentiate}, %dy: tensor<5x2x4xf32>) -> tensor<f32> {
  %y = loom.matmul %a, %b : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
  %w = loom.mul %y, %dy : tensor<5x2x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// The input gradient is the transposed convolution; the filter gradient
// convolves the batch-major input, padded to exactly what the windows reach,
// with the cotangent: stride and dilation trade places, no zeros inserted.
// RAW-LABEL: func.func @conv2d(
// RAW-LABEL: func.func @conv2d_grad(
// RAW: loom.conv2d_transpose
// CLEAN-LABEL: func.func @conv2d(
// CLEAN-LABEL: func.func @conv2d_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<1x2x5x5xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x2x3x3xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<1x3x3x3xf32>)
// CLEAN-DAG: %[[ZEROS_W:.*]] = loom.constant dense<0.000000e+00> : tensor<2x1x7x1xf32>
// CLEAN-DAG: %[[ZEROS_H:.*]] = loom.constant dense<0.000000e+00> : tensor<2x1x1x5xf32>
// CLEAN: %[[LOSS:.*]] = loom.reduce_sum
// CLEAN: %[[DX:.*]] = loom.conv2d_transpose %[[ARG2]], %[[ARG1]] strides = [2, 2] padding = [1, 1] : tensor<1x3x3x3xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x5x5xf32>
// CLEAN: %[[XT:.*]] = loom.transpose %[[ARG0]] perm = [1, 0, 2, 3] : tensor<1x2x5x5xf32> -> tensor<2x1x5x5xf32>
// CLEAN: %[[PAD_H:.*]] = loom.concat %[[ZEROS_H]], %[[XT]], %[[ZEROS_H]] axis = 2
// CLEAN: %[[PAD_W:.*]] = loom.concat %[[ZEROS_W]], %[[PAD_H]], %[[ZEROS_W]] axis = 3 : {{.*}} -> tensor<2x1x7x7xf32>
// CLEAN: %[[DYT:.*]] = loom.transpose %[[ARG2]] perm = [1, 0, 2, 3] : tensor<1x3x3x3xf32> -> tensor<3x1x3x3xf32>
// CLEAN: %[[CORR:.*]] = loom.conv2d %[[PAD_W]], %[[DYT]] strides = [1, 1] padding = [0, 0] dilations = [2, 2] : tensor<2x1x7x7xf32>, tensor<3x1x3x3xf32> -> tensor<2x3x3x3xf32>
// CLEAN: %[[DW:.*]] = loom.transpose %[[CORR]] perm = [1, 0, 2, 3] : tensor<2x3x3x3xf32> -> tensor<3x2x3x3xf32>
// CLEAN: return %[[LOSS]], %[[DX]], %[[DW]]
func.func @conv2d(%x: tensor<1x2x5x5xf32> {loom.differentiate}, %f: tensor<3x2x3x3xf32> {loom.differentiate}, %dy: tensor<1x3x3x3xf32>) -> tensor<f32> {
  %y = loom.conv2d %x, %f strides = [2, 2] padding = [1, 1] : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
  %w = loom.mul %y, %dy : tensor<1x3x3x3xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2, 3] : tensor<1x3x3x3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// The transpose's input gradient is the convolution it transposes; its
// filter gradient is conv2d's with input and cotangent swapped (the bottom
// row of the 6x5 result is beyond the windows, so no high padding there).
// CLEAN-LABEL: func.func @conv2d_transpose_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<1x3x3x3xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3x2x3x3xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<1x2x6x5xf32>)
// CLEAN: %[[DX:.*]] = loom.conv2d %[[ARG2]], %[[ARG1]] strides = [2, 2] padding = [1, 1] : tensor<1x2x6x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
// CLEAN: %[[YT:.*]] = loom.transpose %[[ARG2]] perm = [1, 0, 2, 3] : tensor<1x2x6x5xf32> -> tensor<2x1x6x5xf32>
// CLEAN: loom.concat %{{.*}}, %[[YT]] axis = 2 : (tensor<2x1x1x5xf32>, tensor<2x1x6x5xf32>) -> tensor<2x1x7x5xf32>
// CLEAN: %[[CORR:.*]] = loom.conv2d %{{.*}}, %{{.*}} strides = [1, 1] padding = [0, 0] dilations = [2, 2] : tensor<2x1x7x7xf32>, tensor<3x1x3x3xf32> -> tensor<2x3x3x3xf32>
// CLEAN: %[[DW:.*]] = loom.transpose %[[CORR]] perm = [1, 0, 2, 3]
// CLEAN: return %{{.*}}, %[[DX]], %[[DW]]
func.func @conv2d_transpose(%x: tensor<1x3x3x3xf32> {loom.differentiate}, %f: tensor<3x2x3x3xf32> {loom.differentiate}, %dy: tensor<1x2x6x5xf32>) -> tensor<f32> {
  %y = loom.conv2d_transpose %x, %f strides = [2, 2] padding = [1, 1] : tensor<1x3x3x3xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x6x5xf32>
  %w = loom.mul %y, %dy : tensor<1x2x6x5xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2, 3] : tensor<1x2x6x5xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reduce_sum(
// CLEAN-LABEL: func.func @reduce_sum(
// RAW-LABEL: func.func @reduce_sum_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<2x3x4xf32> {loom.gradient = 0 : i64})
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ARG0]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[REDUCE_SUM]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[BROADCAST_IN_DIM_1:.*]] = loom.broadcast_in_dim %[[MUL_1]] dims = [1] : tensor<3xf32> -> tensor<2x3x4xf32>
// RAW: return %[[REDUCE_SUM_1]], %[[BROADCAST_IN_DIM_1]] : tensor<f32>, tensor<2x3x4xf32>
// CLEAN-LABEL: func.func @reduce_sum_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<2x3x4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ARG0]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[REDUCE_SUM]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[ARG1]] dims = [1] : tensor<3xf32> -> tensor<2x3x4xf32>
// CLEAN: return %[[REDUCE_SUM_1]], %[[BROADCAST_IN_DIM]] : tensor<f32>, tensor<2x3x4xf32>
func.func @reduce_sum(%x: tensor<2x3x4xf32> {loom.differentiate}, %dy: tensor<3xf32>) -> tensor<f32> {
  %y = loom.reduce_sum %x axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %w = loom.mul %y, %dy : tensor<3xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reduce_mean(
// CLEAN-LABEL: func.func @reduce_mean(
// RAW-LABEL: func.func @reduce_mean_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<2x3x4xf32> {loom.gradient = 0 : i64})
// RAW: %[[REDUCE_MEAN:.*]] = loom.reduce_mean %[[ARG0]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[REDUCE_MEAN]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[BROADCAST_IN_DIM_1:.*]] = loom.broadcast_in_dim %[[MUL_1]] dims = [1] : tensor<3xf32> -> tensor<2x3x4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<1.250000e-01> : tensor<2x3x4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[BROADCAST_IN_DIM_1]], %[[CST_1]] : tensor<2x3x4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_2]] : tensor<f32>, tensor<2x3x4xf32>
// CLEAN-LABEL: func.func @reduce_mean_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<2x3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<2x3x4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<1.250000e-01> : tensor<2x3x4xf32>
// CLEAN: %[[REDUCE_MEAN:.*]] = loom.reduce_mean %[[ARG0]] axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[REDUCE_MEAN]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[ARG1]] dims = [1] : tensor<3xf32> -> tensor<2x3x4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[CST]] : tensor<2x3x4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_1]] : tensor<f32>, tensor<2x3x4xf32>
func.func @reduce_mean(%x: tensor<2x3x4xf32> {loom.differentiate}, %dy: tensor<3xf32>) -> tensor<f32> {
  %y = loom.reduce_mean %x axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %w = loom.mul %y, %dy : tensor<3xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reduce_max(
// CLEAN-LABEL: func.func @reduce_max(
// RAW-LABEL: func.func @reduce_max_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<3x4xf32> {loom.gradient = 0 : i64})
// RAW: %[[REDUCE_MAX:.*]] = loom.reduce_max %[[ARG0]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[REDUCE_MAX]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<3xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG1]] : tensor<3xf32>
// RAW: %[[BROADCAST_IN_DIM_1:.*]] = loom.broadcast_in_dim %[[REDUCE_MAX]] dims = [0] : tensor<3xf32> -> tensor<3x4xf32>
// RAW: %[[COMPARE:.*]] = loom.compare eq, %[[ARG0]], %[[BROADCAST_IN_DIM_1]] : tensor<3x4xf32>
// RAW: %[[CONVERT:.*]] = loom.convert %[[COMPARE]] : tensor<3x4xi1> -> tensor<3x4xf32>
// RAW: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[CONVERT]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// RAW: %[[DIV:.*]] = loom.div %[[MUL_1]], %[[REDUCE_SUM_1]] : tensor<3xf32>
// RAW: %[[BROADCAST_IN_DIM_2:.*]] = loom.broadcast_in_dim %[[DIV]] dims = [0] : tensor<3xf32> -> tensor<3x4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[CONVERT]], %[[BROADCAST_IN_DIM_2]] : tensor<3x4xf32>
// RAW: return %[[REDUCE_SUM]], %[[MUL_2]] : tensor<f32>, tensor<3x4xf32>
// CLEAN-LABEL: func.func @reduce_max_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<3x4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<3xf32>)
// CLEAN-SAME: -> (tensor<f32>, tensor<3x4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[REDUCE_MAX:.*]] = loom.reduce_max %[[ARG0]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[REDUCE_MAX]], %[[ARG1]] : tensor<3xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<3xf32> -> tensor<f32>
// CLEAN: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[REDUCE_MAX]] dims = [0] : tensor<3xf32> -> tensor<3x4xf32>
// CLEAN: %[[COMPARE:.*]] = loom.compare eq, %[[ARG0]], %[[BROADCAST_IN_DIM]] : tensor<3x4xf32>
// CLEAN: %[[CONVERT:.*]] = loom.convert %[[COMPARE]] : tensor<3x4xi1> -> tensor<3x4xf32>
// CLEAN: %[[REDUCE_SUM_1:.*]] = loom.reduce_sum %[[CONVERT]] axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
// CLEAN: %[[DIV:.*]] = loom.div %[[ARG1]], %[[REDUCE_SUM_1]] : tensor<3xf32>
// CLEAN: %[[BROADCAST_IN_DIM_1:.*]] = loom.broadcast_in_dim %[[DIV]] dims = [0] : tensor<3xf32> -> tensor<3x4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[CONVERT]], %[[BROADCAST_IN_DIM_1]] : tensor<3x4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[MUL_1]] : tensor<f32>, tensor<3x4xf32>
func.func @reduce_max(%x: tensor<3x4xf32> {loom.differentiate}, %dy: tensor<3xf32>) -> tensor<f32> {
  %y = loom.reduce_max %x axes = [1] : tensor<3x4xf32> -> tensor<3xf32>
  %w = loom.mul %y, %dy : tensor<3xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @reparameterize(
// CLEAN-LABEL: func.func @reparameterize(
// RAW-LABEL: func.func @reparameterize_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<i64>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[RANDOM_NORMAL:.*]] = loom.random_normal %[[ARG2]] stream = 0 : tensor<i64> -> tensor<4xf32>
// RAW: %[[CST:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[ARG1]], %[[CST]] : tensor<4xf32>
// RAW: %[[EXP:.*]] = loom.exp %[[MUL]] : tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[EXP]], %[[RANDOM_NORMAL]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[ARG0]], %[[MUL_1]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST_1:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST_1]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[RANDOM_NORMAL]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_2]], %[[EXP]] : tensor<4xf32>
// RAW: %[[MUL_4:.*]] = loom.mul %[[MUL_3]], %[[CST]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[BROADCAST_IN_DIM]], %[[MUL_4]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @reparameterize_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG2:.*]]: tensor<i64>)
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<5.000000e-01> : tensor<4xf32>
// CLEAN: %[[RANDOM_NORMAL:.*]] = loom.random_normal %[[ARG2]] stream = 0 : tensor<i64> -> tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[ARG1]], %[[CST_1]] : tensor<4xf32>
// CLEAN: %[[EXP:.*]] = loom.exp %[[MUL]] : tensor<4xf32>
// CLEAN: %[[MUL_1:.*]] = loom.mul %[[EXP]], %[[RANDOM_NORMAL]] : tensor<4xf32>
// CLEAN: %[[ADD:.*]] = loom.add %[[ARG0]], %[[MUL_1]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ADD]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[MUL_2:.*]] = loom.mul %[[MUL_1]], %[[CST_1]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[CST]], %[[MUL_2]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>
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
// RAW-LABEL: func.func @fan_out_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate})
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// RAW: %[[EXP:.*]] = loom.exp %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL:.*]] = loom.mul %[[EXP]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[MUL_1:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[ARG0]] : tensor<4xf32>
// RAW: %[[MUL_2:.*]] = loom.mul %[[BROADCAST_IN_DIM]], %[[EXP]] : tensor<4xf32>
// RAW: %[[MUL_3:.*]] = loom.mul %[[MUL_1]], %[[EXP]] : tensor<4xf32>
// RAW: %[[ADD:.*]] = loom.add %[[MUL_2]], %[[MUL_3]] : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[ADD]] : tensor<f32>, tensor<4xf32>
// CLEAN-LABEL: func.func @fan_out_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate})
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
// CLEAN: %[[EXP:.*]] = loom.exp %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[MUL:.*]] = loom.mul %[[EXP]], %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[MUL]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: %[[ADD:.*]] = loom.add %[[EXP]], %[[MUL]] : tensor<4xf32>
// CLEAN: return %[[REDUCE_SUM]], %[[ADD]] : tensor<f32>, tensor<4xf32>
func.func @fan_out(%x: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %e = loom.exp %x : tensor<4xf32>
  %y = loom.mul %e, %x : tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// RAW-LABEL: func.func @off_path(
// CLEAN-LABEL: func.func @off_path(
// RAW-LABEL: func.func @off_path_grad(
// RAW-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate})
// RAW-SAME: -> (tensor<f32>, tensor<4xf32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// RAW: %[[TANH:.*]] = loom.tanh %[[ARG0]] : tensor<4xf32>
// RAW: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ARG0]] axes = [0] : tensor<4xf32> -> tensor<f32>
// RAW: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<f32>
// RAW: %[[BROADCAST_IN_DIM:.*]] = loom.broadcast_in_dim %[[CST]] dims = [] : tensor<f32> -> tensor<4xf32>
// RAW: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// RAW: return %[[REDUCE_SUM]], %[[TANH]], %[[BROADCAST_IN_DIM]], %[[CST_1]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
// CLEAN-LABEL: func.func @off_path_grad(
// CLEAN-SAME: %[[ARG0:.*]]: tensor<4xf32> {loom.differentiate}, %[[ARG1:.*]]: tensor<4xf32> {loom.differentiate})
// CLEAN-SAME: -> (tensor<f32>, tensor<4xf32>, tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 1 : i64})
// CLEAN: %[[CST:.*]] = loom.constant dense<1.000000e+00> : tensor<4xf32>
// CLEAN: %[[CST_1:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf32>
// CLEAN: %[[TANH:.*]] = loom.tanh %[[ARG0]] : tensor<4xf32>
// CLEAN: %[[REDUCE_SUM:.*]] = loom.reduce_sum %[[ARG0]] axes = [0] : tensor<4xf32> -> tensor<f32>
// CLEAN: return %[[REDUCE_SUM]], %[[TANH]], %[[CST]], %[[CST_1]] : tensor<f32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
func.func @off_path(%x: tensor<4xf32> {loom.differentiate}, %unused: tensor<4xf32> {loom.differentiate}) -> (tensor<f32>, tensor<4xf32>) {
  %aux = loom.tanh %x : tensor<4xf32>
  %l = loom.reduce_sum %x axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l, %aux : tensor<f32>, tensor<4xf32>
}
