// RUN: loom-opt %s -split-input-file -verify-diagnostics

func.func @no_operands(%c: tensor<i64>) {
  // expected-error @+1 {{'loom.all_reduce' op needs at least one operand to reduce}}
  "loom.all_reduce"(%c) <{kind = 0 : i32}> : (tensor<i64>) -> ()
  return
}

// -----

// One bucket is one buffer: f32 and f64 cannot share it.
func.func @mixed_element_types(%c: tensor<i64>, %a: tensor<4xf32>, %b: tensor<2x2xf64>) {
  // expected-error @+1 {{'loom.all_reduce' op operands of one bucket must share an element type, but operand #1 is 'tensor<2x2xf64>' and operand #0 is 'tensor<4xf32>'}}
  %g:2 = loom.all_reduce sum %c, %a, %b : tensor<i64>, tensor<4xf32>, tensor<2x2xf64>
  return
}

// -----

// Each result has its operand's type: a missing result or a changed type is
// caught by the result-type inference.
func.func @missing_result(%c: tensor<i64>, %a: tensor<4xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{'loom.all_reduce' op inferred type(s) 'tensor<4xf32>', 'tensor<8xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  %g = "loom.all_reduce"(%c, %a, %b) <{kind = 0 : i32}> : (tensor<i64>, tensor<4xf32>, tensor<8xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @changed_result_type(%c: tensor<i64>, %a: tensor<4xf32>) {
  // expected-error @+1 {{'loom.all_reduce' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf64>'}}
  %g = "loom.all_reduce"(%c, %a) <{kind = 1 : i32}> : (tensor<i64>, tensor<4xf32>) -> tensor<4xf64>
  return
}

// -----

func.func @comm_not_i64(%c: tensor<i32>, %a: tensor<4xf32>) {
  // expected-error @+1 {{'loom.all_reduce' op operand #0 must be 0D tensor of 64-bit signless integer values, but got 'tensor<i32>'}}
  %g = loom.all_reduce sum %c, %a : tensor<i32>, tensor<4xf32>
  return
}

// -----

func.func @comm_not_rank_0(%c: tensor<1xi64>, %a: tensor<4xf32>) {
  // expected-error @+1 {{'loom.all_reduce' op operand #0 must be 0D tensor of 64-bit signless integer values, but got 'tensor<1xi64>'}}
  %g = loom.all_reduce sum %c, %a : tensor<1xi64>, tensor<4xf32>
  return
}

// -----

func.func @integer_operand(%c: tensor<i64>, %a: tensor<4xi32>) {
  // expected-error @+1 {{'loom.all_reduce' op operand #1 must be variadic of ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  "loom.all_reduce"(%c, %a) <{kind = 0 : i32}> : (tensor<i64>, tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @unknown_kind(%c: tensor<i64>, %a: tensor<4xf32>) {
  // expected-error @+1 {{custom op 'loom.all_reduce' expected string or keyword containing one of the following enum values for attribute 'kind' [sum, mean]}}
  %g = loom.all_reduce max %c, %a : tensor<i64>, tensor<4xf32>
  return
}
