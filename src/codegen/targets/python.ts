// Python spellings: scalars use `math`, arrays are NumPy arrays. A `vector`
// loop prints as whole-array slices with NumPy element-wise functions; other
// loops are plain `for ... in range(...)`.
import { codeHelpers, codeSpellings } from '../../ir/functions.js';
import type { KFn } from '../kernel-ir.js';
import type { TargetTable } from '../printer.js';

// The language's own primitives; the functions and activations are spelled in the registry (src/ir/functions.ts).
const FNS: Record<KFn, string> = {
  ...codeSpellings('python'),
  sqrt: 'math.sqrt($0)', max: 'max($0, $1)', min: 'min($0, $1)', pow: 'math.pow($0, $1)', log1p: 'math.log1p($0)', expm1: 'math.expm1($0)',
};
const VECTOR_FNS: Record<KFn, string> = {
  ...codeSpellings('numpy'),
  sqrt: 'np.sqrt($0)', max: 'np.maximum($0, $1)', min: 'np.minimum($0, $1)', pow: 'np.power($0, $1)', log1p: 'np.log1p($0)', expm1: 'np.expm1($0)',
};

// Keywords, soft keywords and every builtin (a local named like a builtin the
// kernel calls, e.g. max, would shadow it), plus the modules the file imports.
const PYTHON_KEYWORDS = 'False None True and as assert async await break case class continue def del elif else except finally for from global if import in is lambda match nonlocal not or pass raise return try type while with yield';
const PYTHON_BUILTINS = 'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple vars zip Ellipsis NotImplemented';
export const PYTHON_RESERVED = new Set([...PYTHON_KEYWORDS.split(' '), ...PYTHON_BUILTINS.split(' '), 'math', 'np', 'numpy', 'sys']);

export const pythonNumber = (v: number, integer: boolean): string => {
  if (!Number.isFinite(v)) return v > 0 ? 'math.inf' : '-math.inf';
  const s = Object.is(v, -0) ? '0' : String(v);
  return integer || /[.e]/.test(s) ? s : `${s}.0`;
};

export const pythonTarget: TargetTable = {
  name: 'python',
  fileExtension: 'py',
  reserved: PYTHON_RESERVED,
  comment: (t) => `# ${t}`,
  number: pythonNumber,
  fns: FNS,
  vectorFns: VECTOR_FNS,
  helpers: codeHelpers('python'),
  binop: (op, mode) => (op === '&&' ? (mode === 'vector' ? '&' : 'and') : op),
  select: (c, a, b, mode) => (mode === 'vector' ? `np.where(${c}, ${a}, ${b})` : `(${a} if ${c} else ${b})`),
  index: (a, i) => `${a}[${i}]`,
  slice: (a, from, to) => `${a}[${from}:${to}]`,
  declare: (n, v) => `${n} = ${v}`,
  assign: (l, v) => `${l} = ${v}`,
  accumulate: (l, op, v, mode) => (op === '+'
    ? (mode === 'vector' ? `${l} += float(np.sum(${v}))` : `${l} += ${v}`)
    : (mode === 'vector' ? `${l} = max(${l}, float(np.max(${v})))` : `${l} = max(${l}, ${v})`)),
  forOpen: (i, a, b) => `for ${i} in range(${a}, ${b}):`,
  whileOpen: (c) => `while ${c}:`,
  blockClose: null,
  kernelOpen: (k, sig) => ({
    lines: [
      `def ${k.name}(${[...sig.arrays.map((a) => a.name), ...sig.scalars.map((s) => s.name)].join(', ')}):`,
      `    """${k.doc}"""`,
      ...sig.sizes.map((s) => `    ${s.name} = len(${s.array})${s.times !== 1 ? ` // ${s.times}` : ''}`),
      ...sig.temps.map((x) => `    ${x.name} = np.zeros(${x.length})`),
    ],
    indent: '    ',
  }),
  kernelClose: (_k, sig) => (sig.returns ? [`    return int(${sig.returns})`] : []),
  prelude: ['import math', '', 'import numpy as np'],
  indentUnit: '    ',
};
