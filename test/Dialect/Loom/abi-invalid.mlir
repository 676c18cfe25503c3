// RUN: loom-opt %s -split-input-file -verify-diagnostics

// The dialect's verifier of the ABI attributes on function arguments and
// results (docs/dialect.md). Functions with no loom op are verified too.

// expected-error @+1 {{argument #0 of @param_not_string has loom.param = 3 : i64; expected a non-empty string}}
func.func @param_not_string(%w: tensor<3xf32> {loom.param = 3}) -> tensor<3xf32> {
  return %w : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @input_empty has loom.input = ""; expected a non-empty string}}
func.func @input_empty(%x: tensor<3xf32> {loom.input = ""}) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @state_unit has loom.state = unit; expected a non-empty string}}
func.func @state_unit(%s: tensor<3xf32> {loom.state}) -> tensor<3xf32> {
  return %s : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @param_and_input is both loom.param and loom.input; an argument is a parameter, an input or optimizer state}}
func.func @param_and_input(%a: tensor<3xf32> {loom.param = "w", loom.input = "x"}) -> tensor<3xf32> {
  return %a : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @input_and_state is both loom.input and loom.state}}
func.func @input_and_state(%a: tensor<3xf32> {loom.input = "x", loom.state = "w.m"}) -> tensor<3xf32> {
  return %a : tensor<3xf32>
}

// -----

// expected-error @+1 {{arguments #0 and #2 of @same_name are both named 'w'; argument names must be unique}}
func.func @same_name(%a: tensor<3xf32> {loom.param = "w"}, %b: tensor<3xf32>,
                     %c: tensor<3xf32> {loom.input = "w"}) -> tensor<3xf32> {
  return %a : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @init_without_param has loom.init but no loom.param; only parameters are initialized}}
func.func @init_without_param(%x: tensor<3xf32> {loom.input = "x", loom.init = #loom.init<zeros, 0.0>}) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @init_not_init has loom.init = "zeros"; expected a #loom.init<kind, scale>}}
func.func @init_not_init(%w: tensor<3xf32> {loom.param = "w", loom.init = "zeros"}) -> tensor<3xf32> {
  return %w : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @init_negative_scale has an initializer scale of -1.000000e+00; it must be finite and non-negative}}
func.func @init_negative_scale(%w: tensor<3xf32> {loom.param = "w", loom.init = #loom.init<normal, -1.0>}) -> tensor<3xf32> {
  return %w : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @differentiate_value has loom.differentiate = true; it is a unit attribute and takes no value}}
func.func @differentiate_value(%x: tensor<3xf32> {loom.differentiate = true}) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @differentiate_integer of type 'tensor<4xi32>' has loom.differentiate; only float tensors have derivatives}}
func.func @differentiate_integer(%i: tensor<4xi32> {loom.differentiate}, %x: tensor<4xf32>) -> tensor<f32> {
  %l = loom.reduce_sum %x axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// expected-error @+1 {{argument #0 of @tied_on_argument has loom.tied_to, which is an attribute of results}}
func.func @tied_on_argument(%p: tensor<3xf32> {loom.tied_to = 0 : i64}) -> tensor<3xf32> {
  return %p : tensor<3xf32>
}

// -----

// expected-error @+1 {{result #0 of @param_on_result has loom.param, which is an attribute of arguments}}
func.func @param_on_result(%p: tensor<3xf32>) -> (tensor<3xf32> {loom.param = "w"}) {
  return %p : tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @misspelled has an unknown loom ABI attribute 'loom.parameter'}}
func.func @misspelled(%p: tensor<3xf32> {loom.parameter = "w"}) -> tensor<3xf32> {
  return %p : tensor<3xf32>
}

// -----

// expected-error @+1 {{result #0 of @tied_out_of_range has loom.tied_to = 2 : i64; expected the index of one of its 2 arguments}}
func.func @tied_out_of_range(%p: tensor<4xf32>, %g: tensor<4xf32>)
    -> (tensor<4xf32> {loom.tied_to = 2 : i64}) {
  return %p : tensor<4xf32>
}

// -----

// expected-error @+1 {{result #0 of @tied_negative has loom.tied_to = -1 : i64; expected the index of one of its 1 arguments}}
func.func @tied_negative(%p: tensor<4xf32>) -> (tensor<4xf32> {loom.tied_to = -1 : i64}) {
  return %p : tensor<4xf32>
}

// -----

// expected-error @+1 {{result #0 of @tied_string has loom.tied_to = "p"; expected the index of one of its 1 arguments}}
func.func @tied_string(%p: tensor<4xf32>) -> (tensor<4xf32> {loom.tied_to = "p"}) {
  return %p : tensor<4xf32>
}

// -----

// expected-error @+1 {{result #0 of @tied_type_mismatch has type 'tensor<2xf32>' but loom.tied_to names argument #0 of type 'tensor<4xf32>'}}
func.func @tied_type_mismatch(%p: tensor<4xf32>, %g: tensor<2xf32>)
    -> (tensor<2xf32> {loom.tied_to = 0 : i64}) {
  return %g : tensor<2xf32>
}

// -----

// expected-error @+1 {{argument #0 of @tied_twice is named by loom.tied_to of more than one result}}
func.func @tied_twice(%p: tensor<4xf32>)
    -> (tensor<4xf32> {loom.tied_to = 0 : i64}, tensor<4xf32> {loom.tied_to = 0 : i64}) {
  return %p, %p : tensor<4xf32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{result #1 of @gradient_type has type 'tensor<3xf32>' but loom.gradient names argument #0 of type 'tensor<4xf32>'}}
func.func @gradient_type(%x: tensor<4xf32>, %y: tensor<3xf32>)
    -> (tensor<f32>, tensor<3xf32> {loom.gradient = 0 : i64}) {
  %l = loom.reduce_sum %x axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l, %y : tensor<f32>, tensor<3xf32>
}

// -----

// expected-error @+1 {{argument #0 of @gradient_twice is named by loom.gradient of more than one result}}
func.func @gradient_twice(%x: tensor<4xf32>)
    -> (tensor<4xf32> {loom.gradient = 0 : i64}, tensor<4xf32> {loom.gradient = 0 : i64}) {
  return %x, %x : tensor<4xf32>, tensor<4xf32>
}

// -----

// Declarations are verified too.
// expected-error @+1 {{argument #1 of @declaration has loom.input = 7 : i64; expected a non-empty string}}
func.func private @declaration(tensor<4xf32> {loom.param = "w"}, tensor<4xf32> {loom.input = 7})

// -----

func.func @on_an_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'loom.exp' op carries 'loom.param', an attribute of function arguments or results, as an operation attribute}}
  %0 = loom.exp %x {loom.param = "w"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{argument #0 of @bufferized_integer of type 'memref<4xi32>' has loom.differentiate; only float tensors have derivatives}}
func.func @bufferized_integer(%i: memref<4xi32> {loom.differentiate}) {
  return
}

// -----

// expected-error @+1 {{result #0 of @result_empty has loom.result = ""; expected a non-empty string}}
func.func @result_empty(%x: tensor<4xf32>) -> (tensor<4xf32> {loom.result = ""}) {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{results #0 and #1 of @result_twice are both named 'y'; result names must be unique}}
func.func @result_twice(%x: tensor<4xf32>)
    -> (tensor<4xf32> {loom.result = "y"}, tensor<4xf32> {loom.result = "y"}) {
  return %x, %x : tensor<4xf32>, tensor<4xf32>
}

// -----

// A given name may not take the name another result has by default: the
// new value of the parameter "w".
// expected-error @+1 {{results #0 and #1 of @result_takes_tied_name are both named 'w'; result names must be unique}}
func.func @result_takes_tied_name(%w: tensor<4xf32> {loom.param = "w"})
    -> (tensor<4xf32> {loom.result = "w"}, tensor<4xf32> {loom.tied_to = 0 : i64}) {
  return %w, %w : tensor<4xf32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{argument #0 of @result_on_argument has loom.result, which is an attribute of results}}
func.func @result_on_argument(%x: tensor<4xf32> {loom.result = "x"}) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{argument #0 of @workspace_not_last has loom.workspace but is not the last argument}}
func.func @workspace_not_last(%ws: memref<64xi8> {loom.workspace = 64 : i64}, %x: memref<4xf32>) {
  return
}

// -----

// expected-error @+1 {{argument #0 of @workspace_wrong_size has loom.workspace = 128 but type 'memref<64xi8>'; expected memref<128xi8>}}
func.func @workspace_wrong_size(%ws: memref<64xi8> {loom.workspace = 128 : i64}) {
  return
}

// -----

// expected-error @+1 {{argument #0 of @workspace_negative has loom.workspace = -1 : i64; expected a byte count >= 0}}
func.func @workspace_negative(%ws: memref<64xi8> {loom.workspace = -1 : i64}) {
  return
}

// -----

// expected-error @+1 {{argument #0 of @workspace_tensor has loom.workspace on a tensor; a workspace is memory, added after bufferization}}
func.func @workspace_tensor(%ws: tensor<64xi8> {loom.workspace = 64 : i64}) {
  return
}

// -----

// expected-error @+1 {{result #0 of @workspace_result has loom.workspace, which is an attribute of arguments}}
func.func @workspace_result(%x: memref<4xf32>) -> (i32 {loom.workspace = 0 : i64}) {
  %c = arith.constant 0 : i32
  return %c : i32
}
