// The kernel IR (pystencils/Devito style): symbolic expressions are frozen into
// typed code over Float64 arrays, which named passes rewrite and every target
// printer walks. Nothing here knows a target.
//
//   Kernel  { name, doc, inputs, outputs, temps, body, returns? }
//     inputs   array params (length: a number, or a size symbol times a factor)
//              and scalar params (double | int); an 'inout' array is read and written
//     outputs  arrays written by the kernel (signature order: inputs, then outputs)
//     temps    fixed-length scratch arrays, preallocated once per compiled kernel
//              (in-process JS: in the closure; C: static; NumPy: per call)
//   Stmt    assign (declare a local, or overwrite a local or an array element)
//           | accumulate (lhs += value, or lhs = max(lhs, value))
//           | for (index from <= i < to; `vector` marks an element-wise map
//             whose body only touches element i + const, so array targets may
//             print it as whole-array slices)
//           | while | comment
//   KExpr   const | var | index(array, idx) | binary | neg | call(known fn) | select
//
// Sizes: an array whose length is { size: 'N', times: 2 } has 2N elements. JS,
// TypeScript and Python derive N from the array (N = X.length / 2); C passes N
// explicitly (long N, after the arrays), since a C pointer has no length.
import type { CodeFn } from '../ir/functions.js';

export type KFn =
  // the target languages' primitives, spelled by each target table
  | 'sqrt' | 'max' | 'min' | 'pow' | 'log1p' | 'expm1'
  // the registry's functions and activations (value semantics and spellings: src/ir/functions.ts)
  | CodeFn;
export type BinOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '&&';

export type KExpr =
  | { readonly k: 'const'; readonly v: number }
  | { readonly k: 'var'; readonly name: string }
  | { readonly k: 'index'; readonly array: string; readonly idx: KExpr }
  | { readonly k: 'binary'; readonly op: BinOp; readonly a: KExpr; readonly b: KExpr }
  | { readonly k: 'neg'; readonly a: KExpr }
  | { readonly k: 'call'; readonly fn: KFn; readonly args: readonly KExpr[] }
  | { readonly k: 'select'; readonly cond: KExpr; readonly a: KExpr; readonly b: KExpr };

export type LValue = Extract<KExpr, { k: 'var' } | { k: 'index' }>;

export type Stmt =
  | { readonly k: 'comment'; readonly text: string }
  /** lhs = value; `declare` introduces a new double local (lhs a var). */
  | { readonly k: 'assign'; readonly lhs: LValue; readonly value: KExpr; readonly declare?: boolean }
  | { readonly k: 'accumulate'; readonly lhs: LValue; readonly op: '+' | 'max'; readonly value: KExpr }
  | { readonly k: 'for'; readonly index: string; readonly from: KExpr; readonly to: KExpr; readonly body: readonly Stmt[]; readonly vector?: boolean }
  | { readonly k: 'while'; readonly cond: KExpr; readonly body: readonly Stmt[] };

export type Length = number | { readonly size: string; readonly times?: number };

export interface ArrayParam {
  readonly k: 'array';
  readonly name: string;
  readonly length: Length;
  readonly intent: 'in' | 'out' | 'inout' | 'scratch';
}
export interface ScalarParam { readonly k: 'scalar'; readonly name: string; readonly type: 'double' | 'int' }
export type Param = ArrayParam | ScalarParam;

export interface Kernel {
  readonly name: string;
  /** What the kernel computes, with the equation it implements. */
  readonly doc: string;
  readonly inputs: readonly Param[];
  readonly outputs: readonly ArrayParam[];
  readonly temps: readonly { readonly name: string; readonly length: number }[];
  readonly body: readonly Stmt[];
  /** Scalar local returned by the kernel, if any. */
  readonly returns?: string;
}

// Constructors.
export const num = (v: number): KExpr => ({ k: 'const', v });
export const kvar = (name: string): Extract<KExpr, { k: 'var' }> => ({ k: 'var', name });
export const index = (array: string, idx: KExpr | number): Extract<KExpr, { k: 'index' }> => ({ k: 'index', array, idx: typeof idx === 'number' ? num(idx) : idx });
export const bin = (op: BinOp, a: KExpr, b: KExpr): KExpr => ({ k: 'binary', op, a, b });
export const kneg = (a: KExpr): KExpr => ({ k: 'neg', a });
export const kcall = (fn: KFn, ...args: KExpr[]): KExpr => ({ k: 'call', fn, args });
export const select = (cond: KExpr, a: KExpr, b: KExpr): KExpr => ({ k: 'select', cond, a, b });
export const comment = (text: string): Stmt => ({ k: 'comment', text });
export const declare = (name: string, value: KExpr): Stmt => ({ k: 'assign', lhs: kvar(name), value, declare: true });
export const assign = (lhs: LValue, value: KExpr): Stmt => ({ k: 'assign', lhs, value });
export const accumulate = (lhs: LValue, value: KExpr, op: '+' | 'max' = '+'): Stmt => ({ k: 'accumulate', lhs, op, value });
export const loop = (i: string, from: KExpr | number, to: KExpr | number, body: readonly Stmt[], vector = false): Stmt =>
  ({ k: 'for', index: i, from: typeof from === 'number' ? num(from) : from, to: typeof to === 'number' ? num(to) : to, body, ...(vector ? { vector } : {}) });

/** Integer index arithmetic with constant folding, so exported indices read `j * 4 + k`, not `(j * 4 + 0) + k`. */
export function iadd(a: KExpr, b: KExpr | number): KExpr {
  const B = typeof b === 'number' ? num(b) : b;
  if (B.k === 'const' && B.v === 0) return a;
  if (a.k === 'const' && a.v === 0) return B;
  if (a.k === 'const' && B.k === 'const') return num(a.v + B.v);
  // (x + c1) + c2 and (x - c1) + c2 fold their constants
  if (B.k === 'const' && a.k === 'binary' && (a.op === '+' || a.op === '-') && a.b.k === 'const') return iadd(a.a, (a.op === '+' ? a.b.v : -a.b.v) + B.v);
  if (B.k === 'const' && B.v < 0) return bin('-', a, num(-B.v));
  return bin('+', a, B);
}
export function imul(a: KExpr, c: number): KExpr {
  if (c === 0) return num(0);
  if (c === 1) return a;
  return a.k === 'const' ? num(a.v * c) : bin('*', a, num(c));
}

/** Arrays of the signature, in order: inputs then outputs. */
export const signatureArrays = (k: Kernel): ArrayParam[] => [...k.inputs.filter((p): p is ArrayParam => p.k === 'array'), ...k.outputs];
export const signatureScalars = (k: Kernel): ScalarParam[] => k.inputs.filter((p): p is ScalarParam => p.k === 'scalar');

/** Size symbols with the first array that determines each (name, array, factor). */
export function sizeSymbols(k: Kernel): { readonly name: string; readonly array: string; readonly times: number }[] {
  const seen = new Map<string, { name: string; array: string; times: number }>();
  for (const a of signatureArrays(k)) {
    if (typeof a.length !== 'number' && !seen.has(a.length.size)) seen.set(a.length.size, { name: a.length.size, array: a.name, times: a.length.times ?? 1 });
  }
  return [...seen.values()];
}

/** Arithmetic operations in a kernel (binary, neg, call nodes; loads and constants are free): what CSE reduces. */
export function opCount(k: Kernel | readonly Stmt[]): number {
  const e = (x: KExpr): number => {
    switch (x.k) {
      case 'const': case 'var': case 'index': return 0;
      case 'binary': return 1 + e(x.a) + e(x.b);
      case 'neg': return 1 + e(x.a);
      case 'call': return 1 + x.args.reduce((s, a) => s + e(a), 0);
      case 'select': return 1 + e(x.cond) + e(x.a) + e(x.b);
    }
  };
  const s = (st: Stmt): number => {
    switch (st.k) {
      case 'comment': return 0;
      case 'assign': case 'accumulate': return e(st.value);
      case 'for': return st.body.reduce((n, b) => n + s(b), 0);
      case 'while': return e(st.cond) + st.body.reduce((n, b) => n + s(b), 0);
    }
  };
  const body = 'body' in k ? (k as Kernel).body : (k as readonly Stmt[]);
  return body.reduce((n, st) => n + s(st), 0);
}
