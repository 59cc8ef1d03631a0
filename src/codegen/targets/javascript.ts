// JavaScript (and, with types, TypeScript) spellings for the kernel walker.
import type { KFn } from '../kernel-ir.js';
import type { TargetTable } from '../printer.js';

const MATH: Record<KFn, string> = { exp: 'Math.exp', log: 'Math.log', sqrt: 'Math.sqrt', tanh: 'Math.tanh', sin: 'Math.sin', cos: 'Math.cos', abs: 'Math.abs', max: 'Math.max', min: 'Math.min', pow: 'Math.pow', log1p: 'Math.log1p', expm1: 'Math.expm1' };
const JS_RESERVED = new Set(['new', 'function', 'var', 'let', 'const', 'class', 'delete', 'in', 'default']);

function table(typed: boolean): TargetTable {
  const arrayT = typed ? ': Float64Array' : '', numT = typed ? ': number' : '';
  const range = (size: string, from: number, to: number): string => `let i = ${from}; i < ${size}.length${to ? ` - ${-to}` : ''}; i++`;
  return {
    name: typed ? 'ts' : 'js',
    fileExtension: typed ? 'ts' : 'js',
    comment: (t) => `// ${t}`,
    number: (v) => (Object.is(v, -0) ? '0' : String(v)),
    fn: (f, args) => `${MATH[f]}(${args.join(', ')})`,
    select: (c, a, b) => `(${c} ? ${a} : ${b})`,
    binop: (op) => op,
    at: (array, offset, st) => (st ? `${array}[i${offset > 0 ? ` + ${offset}` : offset < 0 ? ` - ${-offset}` : ''}]` : `${array}[${offset}]`),
    declare: (name, value) => `let ${JS_RESERVED.has(name) ? name + '_' : name} = ${value};`,
    assign: (name, value) => `${name} = ${value};`,
    stencil: (out, size, from, to, value, ind) => [`${ind}for (${range(size, from, to)}) ${out}[i] = ${value};`],
    reduce: (target, op, size, from, to, value, ind) => [`${ind}${target} = ${op === 'max' ? '-Infinity' : '0'};`, `${ind}for (${range(size, from, to)}) ${op === 'max' ? `${target} = Math.max(${target}, ${value})` : `${target} += ${value}`};`],
    ghost: (a, ind) => [`${ind}${a}[0] = ${a}[1];`, `${ind}${a}[${a}.length - 1] = ${a}[${a}.length - 2];`],
    output: (out, k, value) => `${out}[${k}] = ${value};`,
    whileOpen: (c) => `while (${c}) {`,
    blockClose: '}',
    swap: (a, b) => [`[${a}, ${b}] = [${b}, ${a}];`],
    kernelOpen: (k) => [`/** ${k.doc} */`, `export function ${k.name}(${[...k.arrays.map((a) => a.name + arrayT), ...k.scalars.map((s) => s + numT)].join(', ')})${typed ? (k.returns ? ': number' : ': void') : ''} {`],
    kernelClose: (k) => [...(k.returns ? [`  return ${k.returns};`] : []), '}'],
    indentUnit: '  ',
  };
}

export const jsTarget = table(false);
export const tsTarget = table(true);
