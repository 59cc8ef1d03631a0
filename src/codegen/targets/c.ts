// C99 spellings: arrays are double pointers, size symbols are passed as long
// after the arrays (a pointer has no length), temporaries are static arrays of
// fixed length. Builds with `cc -O2 -std=c99 FILE -lm` and nothing else.
import { codeHelpers, codeSpellings } from '../../ir/functions.js';
import type { KFn } from '../kernel-ir.js';
import type { TargetTable } from '../printer.js';

// The language's own primitives; the functions and activations are spelled in the registry (src/ir/functions.ts).
const FNS: Record<KFn, string> = {
  ...codeSpellings('c'),
  sqrt: 'sqrt($0)', max: 'fmax($0, $1)', min: 'fmin($0, $1)', pow: 'pow($0, $1)', log1p: 'log1p($0)', expm1: 'expm1($0)',
};

// C keywords (C99 to C23 and the GNU extensions asm and typeof), the library
// functions a kernel calls, and the lower-case macros and objects of the four
// headers. Upper-case names are blocked by RESERVED_PATTERN: NAN, INFINITY,
// HUGE_VAL, EOF, NULL, EDOM, FP_NAN, M_PI, ... are macros that would replace them.
const RESERVED = new Set(['auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extern', 'float', 'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return', 'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union', 'unsigned', 'void', 'volatile', 'while',
  'bool', 'true', 'false', 'alignas', 'alignof', 'constexpr', 'nullptr', 'static_assert', 'thread_local', 'typeof', 'typeof_unqual', 'asm', 'noreturn', 'complex', 'imaginary',
  'main', 'exp', 'log', 'sqrt', 'tanh', 'sin', 'cos', 'fabs', 'fmax', 'fmin', 'pow', 'log1p', 'expm1', 'y0', 'y1', 'yn', 'j0', 'j1', 'jn', 'gamma', 'signbit',
  'errno', 'stdin', 'stdout', 'stderr', 'assert', 'math_errhandling', 'isnan', 'isinf', 'isfinite', 'isnormal', 'fpclassify', 'isgreater', 'isgreaterequal', 'isless', 'islessequal', 'islessgreater', 'isunordered', 'offsetof', 'size_t', 'printf', 'scanf', 'malloc', 'free', 'strcmp', 'memcpy', 'memset']);
// (Names with digits, such as the weights W1_0_0, are not macros, except the few listed.)
const RESERVED_PATTERN = /^([A-Z][A-Z_]*|M_LN2|M_LN10|M_LOG2E|M_LOG10E|M_SQRT2|M_SQRT1_2|M_1_PI|M_2_PI|M_2_SQRTPI|FP_ILOGB0)$/;

const number = (v: number, integer: boolean): string => {
  if (!Number.isFinite(v)) return v > 0 ? 'HUGE_VAL' : '-HUGE_VAL';
  const s = Object.is(v, -0) ? '0' : String(v);
  return integer || /[.e]/.test(s) ? s : `${s}.0`;
};

export const cTarget: TargetTable = {
  name: 'c',
  fileExtension: 'c',
  reserved: RESERVED,
  reservedPattern: RESERVED_PATTERN,
  comment: (t) => `/* ${t} */`,
  number,
  fns: FNS,
  helpers: codeHelpers('c'),
  binop: (op) => op,
  select: (c, a, b) => `(${c} ? ${a} : ${b})`,
  index: (a, i) => `${a}[${i}]`,
  declare: (n, v) => `double ${n} = ${v};`,
  assign: (l, v) => `${l} = ${v};`,
  accumulate: (l, op, v) => (op === '+' ? `${l} += ${v};` : `${l} = fmax(${l}, ${v});`),
  forOpen: (i, a, b) => `for (long ${i} = ${a}; ${i} < ${b}; ${i}++) {`,
  whileOpen: (c) => `while (${c}) {`,
  blockClose: '}',
  kernelOpen: (k, sig) => {
    const params = [
      ...sig.arrays.map((a) => `${a.intent === 'in' ? 'const ' : ''}double *${a.name}`),
      ...sig.sizes.map((s) => `long ${s.name}`),
      ...sig.scalars.map((s) => `${s.type === 'int' ? 'long' : 'double'} ${s.name}`),
    ];
    return {
      lines: [`/* ${k.doc} */`, `${sig.returns ? 'long' : 'void'} ${k.name}(${params.join(', ')}) {`, ...sig.temps.map((x) => `  static double ${x.name}[${x.length}];`)],
      indent: '  ',
    };
  },
  kernelClose: (_k, sig) => [...(sig.returns ? [`  return (long)${sig.returns};`] : []), '}'],
  prelude: ['#include <math.h>', '#include <stdio.h>', '#include <stdlib.h>', '#include <string.h>'],
  indentUnit: '  ',
};
