// C99 spellings: arrays are double pointers with an explicit length n; builds
// with `cc -O2 ... -lm` and nothing else.
import type { KFn } from '../kernel-ir.js';
import type { TargetTable } from '../printer.js';

const LIBM: Record<KFn, string> = { exp: 'exp', log: 'log', sqrt: 'sqrt', tanh: 'tanh', sin: 'sin', cos: 'cos', abs: 'fabs', max: 'fmax', min: 'fmin', pow: 'pow', log1p: 'log1p', expm1: 'expm1' };
const range = (from: number, to: number): string => `long i = ${from}; i < n${to ? ` - ${-to}` : ''}; i++`;

export const cTarget: TargetTable = {
  name: 'c',
  fileExtension: 'c',
  comment: (t) => `/* ${t} */`,
  number: (v) => (Number.isInteger(v) ? `${v}.0` : String(v)),
  fn: (f, args) => `${LIBM[f]}(${args.join(', ')})`,
  select: (c, a, b) => `((${c}) ? (${a}) : (${b}))`,
  binop: (op) => op,
  at: (array, offset, st) => (st ? `${array}[i${offset > 0 ? ` + ${offset}` : offset < 0 ? ` - ${-offset}` : ''}]` : `${array}[${offset}]`),
  declare: (name, value) => `double ${name} = ${value};`,
  assign: (name, value) => `${name} = ${value};`,
  stencil: (out, _size, from, to, value, ind) => [`${ind}for (${range(from, to)}) ${out}[i] = ${value};`],
  reduce: (target, op, _size, from, to, value, ind) => [`${ind}${target} = ${op === 'max' ? '-HUGE_VAL' : '0.0'};`, `${ind}for (${range(from, to)}) ${op === 'max' ? `${target} = fmax(${target}, ${value})` : `${target} += ${value}`};`],
  ghost: (a, ind) => [`${ind}${a}[0] = ${a}[1];`, `${ind}${a}[n - 1] = ${a}[n - 2];`],
  output: (out, k, value) => `${out}[${k}] = ${value};`,
  whileOpen: (c) => `while (${c}) {`,
  blockClose: '}',
  swap: (a, b) => [`{ double *tmp_ = ${a}; ${a} = ${b}; ${b} = tmp_; }`],
  kernelOpen: (k) => [`/* ${k.doc} */`, `${k.returns ? 'long' : 'void'} ${k.name}(${[...k.arrays.map((a) => `${a.intent === 'in' ? 'const ' : ''}double *${a.name}`), ...(k.arrays.length > 2 || k.returns ? ['long n'] : []), ...k.scalars.map((s) => `double ${s}`)].join(', ')}) {`],
  kernelClose: (k) => [...(k.returns ? [`  return (long)${k.returns};`] : []), '}'],
  indentUnit: '  ',
};
