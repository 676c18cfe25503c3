// Source loomc cannot read: each case is one diagnostic with a location where
// the text has one, and exit status 1 (`not` fails on a crash).
//
// RUN: rm -rf %t && split-file --leading-lines %s %t
// RUN: not loomc %t/syntax.mlir 2>&1 | FileCheck %s --check-prefix=SYNTAX --implicit-check-not=error:
// RUN: %python -c "import sys; t = open(sys.argv[1]).read(); print(t[:t.index('2xf32>\n  return')], end='')" %t/valid.mlir > %t/truncated.mlir
// RUN: not loomc %t/truncated.mlir 2>&1 | FileCheck %s --check-prefix=TRUNCATED --implicit-check-not=error:
// RUN: printf '\000\377\376\001junk' > %t/junk.mlir
// RUN: not loomc %t/junk.mlir 2>&1 | FileCheck %s --check-prefix=JUNK --implicit-check-not=error:
// RUN: printf 'ML\357R\000\377\001\002' > %t/bytecode.mlir
// RUN: not loomc %t/bytecode.mlir 2>&1 | FileCheck %s --check-prefix=BYTECODE --implicit-check-not=error:
// RUN: not loomc %t/unknown-op.mlir --run 2>&1 | FileCheck %s --check-prefix=UNKNOWN-OP --implicit-check-not=error:
// RUN: not loomc %t/unknown-dialect.mlir 2>&1 | FileCheck %s --check-prefix=UNKNOWN-DIALECT --implicit-check-not=error:
// RUN: not loomc %t/duplicate.mlir 2>&1 | FileCheck %s --check-prefix=DUPLICATE --implicit-check-not=error:
// RUN: printf '' > %t/empty.mlir
// RUN: not loomc %t/empty.mlir --run 2>&1 | FileCheck %s --check-prefix=EMPTY --implicit-check-not=error:
// RUN: not loomc %t/missing.mlir 2>&1 | FileCheck %s --check-prefix=MISSING --implicit-check-not=error:
// RUN: not loomc %t 2>&1 | FileCheck %s --check-prefix=DIRECTORY --implicit-check-not=error:
//
// Nesting beyond 256 levels would overflow MLIR's recursive parser (about
// 3000 levels of regions, arrays, types or locations crash it on an 8 MB
// stack); it is rejected before parsing.
// RUN: %python -c "print('func.func @f() attributes {x = ' + '[' * 100000 + ']' * 100000 + '} { return }')" > %t/deep-array.mlir
// RUN: not loomc %t/deep-array.mlir 2>&1 | FileCheck %s --check-prefix=NESTED --implicit-check-not=error:
// RUN: %python -c "print('func.func @f(%%a: ' + 'complex<' * 100000 + 'f32' + '>' * 100000 + ') { return }')" > %t/deep-type.mlir
// RUN: not loomc %t/deep-type.mlir 2>&1 | FileCheck %s --check-prefix=NESTED --implicit-check-not=error:
// 256 levels are still read (the error is the verifier's, not the depth check's).
// RUN: %python -c "print('func.func @f() attributes {x = ' + '[' * 254 + ']' * 254 + '} { return }')" > %t/deep-ok.mlir
// RUN: loomc %t/deep-ok.mlir | FileCheck %s --check-prefix=DEEP-OK

//--- syntax.mlir
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = loom.exp %a tensor<2xf32>
  return %0 : tensor<2xf32>
}
// SYNTAX: syntax.mlir:[[@LINE-3]]:19: error: expected ':'

//--- valid.mlir
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = loom.exp %a : tensor<2xf32>
  return %0 : tensor<2xf32>
}
// TRUNCATED: truncated.mlir:[[@LINE-3]]:{{[0-9]+}}: error: expected non-function type

// JUNK: junk.mlir:1:2: error: unexpected character
// BYTECODE: bytecode.mlir:1:1: error: MLIR bytecode is not accepted: Loom reads textual MLIR only

//--- unknown-op.mlir
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = loom.frobnicate %a : tensor<2xf32>
  return %0 : tensor<2xf32>
}
// UNKNOWN-OP: unknown-op.mlir:[[@LINE-3]]:8: error: custom op 'loom.frobnicate' is unknown

//--- unknown-dialect.mlir
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "mystery.op"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// UNKNOWN-DIALECT: unknown-dialect.mlir:[[@LINE-3]]:20: error: operation being parsed with an unregistered dialect

//--- duplicate.mlir
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}
// DUPLICATE: duplicate.mlir:[[@LINE-3]]:1: error: redefinition of symbol named 'f'
// DUPLICATE: note: see existing symbol definition here

// EMPTY: empty.mlir:0:0: error: the module has no public function to compile
// MISSING: loomc: error: cannot open input file '{{.*}}missing.mlir': No such file or directory
// DIRECTORY: loomc: error: cannot open input file '{{.*}}': {{[Ii]}}s a directory
// NESTED: deep-{{array|type}}.mlir:1:{{[0-9]+}}: error: brackets nest more than 256 levels deep, beyond what Loom parses
// DEEP-OK: func.func @f() attributes {x = {{\[+}}
