// JavaScript (and, with types, TypeScript) spellings: Float64Array in and out,
// loops over indices, temporaries allocated once in a closure around the kernel
// (no allocation per call).
import { codeHelpers, codeSpellings } from '../../ir/functions.js';
import type { KFn } from '../kernel-ir.js';
import type { TargetTable } from '../printer.js';

// The language's own primitives; the functions and activations are spelled in the registry (src/ir/functions.ts).
const FNS: Record<KFn, string> = {
  ...codeSpellings('js'),
  sqrt: 'Math.sqrt($0)', max: 'Math.max($0, $1)', min: 'Math.min($0, $1)', pow: 'Math.pow($0, $1)', log1p: 'Math.log1p($0)', expm1: 'Math.expm1($0)',
};

// Keywords, the words reserved in strict mode and ES modules (await, let,
// static, implements, interface, package, private, protected, public), and the
// globals a kernel refers to (Math, Float64Array, Infinity, NaN).
const RESERVED = new Set(['new', 'function', 'var', 'let', 'const', 'class', 'delete', 'in', 'of', 'default', 'return', 'for', 'while', 'if', 'else', 'do', 'this', 'void', 'with', 'yield', 'await', 'async', 'case', 'switch', 'break', 'continue', 'typeof', 'instanceof', 'enum', 'export', 'import', 'super', 'try', 'catch', 'finally', 'throw', 'debugger', 'null', 'true', 'false', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'Math', 'Infinity', 'NaN', 'undefined', 'arguments', 'eval', 'Float64Array', 'Number', 'Array', 'Object', 'globalThis', 'declare', 'type', 'namespace', 'module', 'abstract', 'as', 'satisfies', 'keyof', 'readonly', 'any', 'number', 'never', 'unknown']);

function table(typed: boolean): TargetTable {
  const num = typed ? ': number' : '';
  const helpers = codeHelpers('js', num);
  return {
    name: typed ? 'ts' : 'js',
    fileExtension: typed ? 'ts' : 'js',
    reserved: RESERVED,
    comment: (t) => `// ${t}`,
    number: (v) => (Number.isFinite(v) ? (Object.is(v, -0) ? '0' : String(v)) : v > 0 ? 'Infinity' : '-Infinity'),
    fns: FNS,
    helpers,
    binop: (op) => op,
    select: (c, a, b) => `(${c} ? ${a} : ${b})`,
    index: (a, i) => `${a}[${i}]`,
    declare: (n, v) => `let ${n} = ${v};`,
    assign: (l, v) => `${l} = ${v};`,
    accumulate: (l, op, v) => (op === '+' ? `${l} += ${v};` : `${l} = Math.max(${l}, ${v});`),
    forOpen: (i, a, b) => `for (let ${i} = ${a}; ${i} < ${b}; ${i}++) {`,
    whileOpen: (c) => `while (${c}) {`,
    blockClose: '}',
    kernelOpen: (k, sig) => {
      const params = [...sig.arrays.map((a) => `${a.name}${typed ? ': Float64Array' : ''}`), ...sig.scalars.map((s) => `${s.name}${num}`)].join(', ');
      const head = `function ${k.name}(${params})${typed ? (sig.returns ? ': number' : ': void') : ''} {`;
      const sizes = sig.sizes.map((s) => `const ${s.name} = ${s.array}.length${s.times !== 1 ? ` / ${s.times}` : ''};`);
      const doc = `/** ${k.doc} */`;
      if (sig.temps.length === 0) return { lines: [doc, `export ${head}`, ...sizes.map((l) => `  ${l}`)], indent: '  ' };
      // temporaries live in a closure: allocated once, reused by every call
      return {
        lines: [doc, `export const ${k.name} = (() => {`, ...sig.temps.map((x) => `  const ${x.name} = new Float64Array(${x.length});`), `  return ${head}`, ...sizes.map((l) => `    ${l}`)],
        indent: '    ',
      };
    },
    kernelClose: (_k, sig) => (sig.temps.length === 0
      ? [...(sig.returns ? [`  return ${sig.returns};`] : []), '}']
      : [...(sig.returns ? [`    return ${sig.returns};`] : []), '  };', '})();']),
    prelude: [],
    indentUnit: '  ',
  };
}

export const jsTarget = table(false);
export const tsTarget = table(true);
