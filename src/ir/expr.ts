// The expression IR: immutable nodes with a structural hash computed once at
// construction, so equality is a hash compare plus (rarely) a structural walk.
// The CAS libraries are tools behind this IR, never the IR itself (docs/theory.md §2).
import Fraction from 'fraction.js';
import type { FnName } from './functions.js';

export type Rational = Fraction;
export { Fraction };

export type Expr = Num | Sym | Add | Mul | Pow | Call;

export interface Num { readonly kind: 'num'; readonly value: Fraction; readonly hash: number }
export interface Sym { readonly kind: 'sym'; readonly name: string; readonly hash: number }
export interface Add { readonly kind: 'add'; readonly terms: readonly Expr[]; readonly hash: number }
export interface Mul { readonly kind: 'mul'; readonly factors: readonly Expr[]; readonly hash: number }
export interface Pow { readonly kind: 'pow'; readonly base: Expr; readonly exp: Expr; readonly hash: number }
export interface Call { readonly kind: 'call'; readonly fn: FnName; readonly args: readonly Expr[]; readonly hash: number }

// FNV-1a style mixing on 32-bit integers.
function mix(h: number, x: number): number {
  h ^= x;
  return Math.imul(h, 16777619) >>> 0;
}
function strHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}
function listHash(seed: number, xs: readonly Expr[]): number {
  let h = seed;
  for (const x of xs) h = mix(h, x.hash);
  return h;
}

export const mkNum = (value: Fraction): Num => ({ kind: 'num', value, hash: strHash('n' + value.toFraction()) });
export const mkSym = (name: string): Sym => ({ kind: 'sym', name, hash: strHash('s' + name) });
export const mkAdd = (terms: readonly Expr[]): Add => ({ kind: 'add', terms, hash: listHash(0x9e3779b1, terms) });
export const mkMul = (factors: readonly Expr[]): Mul => ({ kind: 'mul', factors, hash: listHash(0x85ebca6b, factors) });
export const mkPow = (base: Expr, exp: Expr): Pow => ({ kind: 'pow', base, exp, hash: mix(mix(0xc2b2ae35, base.hash), exp.hash) });
export const mkCall = (fn: FnName, args: readonly Expr[]): Call => ({ kind: 'call', fn, args, hash: listHash(strHash('f' + fn), args) });

/** Structural equality (pointer-equal or same hash and same shape). */
export function equals(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.hash !== b.hash || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'num': return a.value.equals((b as Num).value);
    case 'sym': return a.name === (b as Sym).name;
    case 'add': return listEquals(a.terms, (b as Add).terms);
    case 'mul': return listEquals(a.factors, (b as Mul).factors);
    case 'pow': return equals(a.base, (b as Pow).base) && equals(a.exp, (b as Pow).exp);
    case 'call': return a.fn === (b as Call).fn && listEquals(a.args, (b as Call).args);
  }
}
function listEquals(a: readonly Expr[], b: readonly Expr[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!equals(a[i], b[i])) return false;
  return true;
}

/** Children of a node, in order (leaves have none). */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'num': case 'sym': return [];
    case 'add': return e.terms;
    case 'mul': return e.factors;
    case 'pow': return [e.base, e.exp];
    case 'call': return e.args;
  }
}

/** Free symbols, in first-occurrence order. */
export function freeSymbols(e: Expr): string[] {
  const seen = new Set<string>();
  const visited = new Set<Expr>();
  const walk = (x: Expr): void => {
    if (visited.has(x)) return;
    visited.add(x);
    if (x.kind === 'sym') seen.add(x.name);
    else for (const c of children(x)) walk(c);
  };
  walk(e);
  return [...seen];
}

/** Number of distinct nodes (a DAG measure of size). */
export function nodeCount(e: Expr): number {
  const visited = new Set<Expr>();
  const walk = (x: Expr): void => {
    if (visited.has(x)) return;
    visited.add(x);
    for (const c of children(x)) walk(c);
  };
  walk(e);
  return visited.size;
}
