// Python/NumPy spellings: stencils become whole-array slice expressions
// (vectorised), reductions np.max / np.sum, select np.where.
import type { KFn } from '../kernel-ir.js';
import type { TargetTable } from '../printer.js';

const NP: Record<KFn, string> = { exp: 'np.exp', log: 'np.log', sqrt: 'np.sqrt', tanh: 'np.tanh', sin: 'np.sin', cos: 'np.cos', abs: 'np.abs', max: 'np.maximum', min: 'np.minimum', pow: 'np.power', log1p: 'np.log1p', expm1: 'np.expm1' };
const RESERVED = new Set(['lambda', 'in', 'is', 'not', 'and', 'or', 'def', 'class', 'pass', 'from', 'import']);

const slice = (array: string, start: number, end: number): string => `${array}[${start}:${end === 0 ? '' : `len(${array}) - ${-end}`}]`;

export const pythonTarget: TargetTable = {
  name: 'python',
  fileExtension: 'py',
  comment: (t) => `# ${t}`,
  number: (v) => (Number.isInteger(v) ? `${v}.0` : String(v)),
  fn: (f, args) => `${NP[f]}(${args.join(', ')})`,
  select: (c, a, b) => `np.where(${c}, ${a}, ${b})`,
  binop: (op) => (op === '&&' ? '&' : op),
  // Inside a stencil over [from, n + to) the access array[i + off] is the slice [from + off, n + to + off).
  at: (array, offset, st) => (st ? slice(array, st.from + offset, st.toFromEnd + offset) : `${array}[${offset}]`),
  declare: (name, value) => `${RESERVED.has(name) ? name + '_' : name} = ${value}`,
  assign: (name, value) => `${name} = ${value}`,
  stencil: (out, _size, from, to, value, ind) => [`${ind}${slice(out, from, to)} = ${value}`],
  reduce: (target, op, _size, _from, _to, value, ind) => [`${ind}${target} = float(np.${op}(${value}))`],
  ghost: (a, ind) => [`${ind}${a}[0] = ${a}[1]`, `${ind}${a}[-1] = ${a}[-2]`],
  output: (out, k, value) => `${out}[${k}] = ${value}`,
  whileOpen: (c) => `while ${c}:`,
  blockClose: null,
  swap: (a, b) => [`${a}, ${b} = ${b}, ${a}`],
  kernelOpen: (k) => [`def ${k.name}(${[...k.arrays.map((a) => a.name), ...k.scalars].join(', ')}):`, `    """${k.doc}"""`],
  kernelClose: (k) => (k.returns ? [`    return int(${k.returns})`] : []),
  indentUnit: '    ',
};
