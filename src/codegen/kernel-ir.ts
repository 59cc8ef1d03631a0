// The kernel IR (pystencils/Devito style): symbolic expressions are frozen
// into typed straight-line code, stencil updates over arrays and reductions,
// which every target printer walks. Nothing here knows a target.
//
//   KExpr: num | var | at (array element with a constant offset from the stencil
//          index) | bin | neg | call | select
//   Stmt:  let / set (scalars), stencil (out[i] = e(i) for i in [lo, n + hi)),
//          reduce (max/sum over a stencil range), while, comment, ghost (fill
//          boundary cells)
export type KFn = 'exp' | 'log' | 'sqrt' | 'tanh' | 'sin' | 'cos' | 'abs' | 'max' | 'min' | 'pow' | 'log1p' | 'expm1';
export type BinOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '&&';

export type KExpr =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'var'; readonly name: string }
  /** array[offset + i] inside a stencil (i the stencil index), or array[offset] outside. */
  | { readonly k: 'at'; readonly array: string; readonly offset: number }
  | { readonly k: 'bin'; readonly op: BinOp; readonly a: KExpr; readonly b: KExpr }
  | { readonly k: 'neg'; readonly a: KExpr }
  | { readonly k: 'call'; readonly fn: KFn; readonly args: readonly KExpr[] }
  | { readonly k: 'select'; readonly cond: KExpr; readonly a: KExpr; readonly b: KExpr };

export type Stmt =
  | { readonly k: 'comment'; readonly text: string }
  | { readonly k: 'let'; readonly name: string; readonly value: KExpr }
  | { readonly k: 'set'; readonly name: string; readonly value: KExpr }
  /** out[i] = value(i) for i in [from, n + toFromEnd), n the length of `size`. */
  | { readonly k: 'stencil'; readonly out: string; readonly size: string; readonly from: number; readonly toFromEnd: number; readonly value: KExpr }
  /** target = op over i of value(i), same range convention. */
  | { readonly k: 'reduce'; readonly target: string; readonly op: 'max' | 'sum'; readonly size: string; readonly from: number; readonly toFromEnd: number; readonly value: KExpr }
  /** Outflow ghost cells: array[0] = array[1], array[n-1] = array[n-2] (zero gradient). */
  | { readonly k: 'ghost'; readonly array: string; readonly size: string }
  /** out[k] = value for scalar outputs (straight-line kernels). */
  | { readonly k: 'output'; readonly out: string; readonly index: number; readonly value: KExpr }
  | { readonly k: 'while'; readonly cond: KExpr; readonly body: readonly Stmt[] }
  /** Swap two arrays (double buffering). */
  | { readonly k: 'swap'; readonly a: string; readonly b: string };

export interface ArrayParam { readonly name: string; readonly intent: 'in' | 'out' | 'inout' | 'scratch' }

export interface Kernel {
  readonly name: string;
  /** What the kernel computes, with the equation it implements. */
  readonly doc: string;
  readonly scalars: readonly string[];
  readonly arrays: readonly ArrayParam[];
  readonly body: readonly Stmt[];
  /** Scalar returned by the kernel, if any (a local's name). */
  readonly returns?: string;
}

export const num = (v: number): KExpr => ({ k: 'num', v });
export const kvar = (name: string): KExpr => ({ k: 'var', name });
export const at = (array: string, offset = 0): KExpr => ({ k: 'at', array, offset });
export const bin = (op: BinOp, a: KExpr, b: KExpr): KExpr => ({ k: 'bin', op, a, b });
export const kcall = (fn: KFn, ...args: KExpr[]): KExpr => ({ k: 'call', fn, args });
export const select = (cond: KExpr, a: KExpr, b: KExpr): KExpr => ({ k: 'select', cond, a, b });
