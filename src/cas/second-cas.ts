// Independent zero test by a second CAS (docs/theory.md §3). nerdamer expands
// polynomial and Laurent residuals quickly; algebrite's simplify handles
// rational functions with non-monomial denominators (slowly, so only small ones).
import { createRequire } from 'node:module';
import { children, nodeCount, type Expr } from '../ir/expr.js';
import { text } from '../print/text.js';
import { opaqueForCas } from './opaque.js';

// The CAS libraries are loaded on first use, not at start-up (issue 8.6): a
// command that never reaches a second-CAS check (most of `solve`, `export`,
// `--help`) does not pay for parsing them. Both are CommonJS packages, so a
// synchronous require keeps the checks synchronous.
const requireCas = createRequire(import.meta.url);
type Nerdamer = typeof import('nerdamer');
type AlgebriteLib = typeof import('algebrite').default;
let nerdamerLib: Nerdamer | undefined, algebriteLib: AlgebriteLib | undefined;
const nerdamerModule = (): Nerdamer => (nerdamerLib ??= requireCas('nerdamer') as Nerdamer);
// nerdamer keeps every parsed expression in a global list and later calls slow down with its length: cleared after each call.
const nerdamer = (src: string): string => { const n = nerdamerModule(); try { return n(src).toString(); } finally { n.flush?.(); } };
const algebrite = (): AlgebriteLib => (algebriteLib ??= requireCas('algebrite') as AlgebriteLib);

export type CasVerdict = { status: 'passed' | 'failed' | 'skipped'; engine: 'nerdamer' | 'algebrite' | 'none'; detail: string };

/** Some node of e satisfies pred (shared nodes visited once). */
function someNode(e: Expr, pred: (x: Expr) => boolean): boolean {
  const seen = new Set<Expr>();
  const walk = (x: Expr): boolean => {
    if (seen.has(x)) return false;
    seen.add(x);
    return pred(x) || children(x).some(walk);
  };
  return walk(e);
}
/** nerdamer does not combine sqrt(t)^-1 t^-1 into t^(-3/2); algebrite does, so fractional powers go there. */
const hasFractionalPower = (e: Expr): boolean => someNode(e, (x) => x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.d !== 1n);
/** Division by a sum: a rational function, which nerdamer's expand does not bring to a common denominator. */
const hasRationalDenominator = (e: Expr): boolean => someNode(e, (x) => x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.s < 0n && x.base.kind === 'add');

/**
 * The residual's text with its variables renamed v0, v1, ... in order of first
 * appearance (function names, followed by '(', kept), and the inverse map.
 * Renaming variables bijectively does not change whether an expression is
 * zero, so residuals that differ only in their indices (the same identity at
 * every hidden unit: W1_3_1 ... in place of W1_1_1 ...) share one text and
 * one run of the CAS.
 */
function canonicalText(src: string): { key: string; names: string[] } {
  const index = new Map<string, string>();
  const names: string[] = [];
  const key = src.replace(/(?<![A-Za-z0-9_.])[A-Za-z_][A-Za-z0-9_]*(?!\s*\(|[A-Za-z0-9_])/g, (name) => {
    let v = index.get(name);
    if (v === undefined) { v = `v${names.length}`; index.set(name, v); names.push(name); }
    return v;
  });
  return { key, names };
}
const restoreNames = (out: string, names: readonly string[]): string => out.replace(/\bv(\d+)\b/g, (m, k: string) => names[Number(k)] ?? m);

/** Verdicts of passed canonical texts (a failed one is recomputed, so its report names the original variables). */
const provedZero = new Map<string, CasVerdict>();
const MAX_MEMO = 20000;

export function secondCasIsZero(residual: Expr, maxNodes = 4000): CasVerdict {
  const size = nodeCount(residual);
  if (size > maxNodes) return { status: 'skipped', engine: 'none', detail: `expression has ${size} nodes (> ${maxNodes}); second CAS skipped` };
  const { key, names } = canonicalText(text(opaqueForCas(residual)));
  const rational = hasRationalDenominator(residual) || hasFractionalPower(residual);
  const memoKey = `${rational ? 'a' : 'n'}:${key}`;
  const known = provedZero.get(memoKey);
  if (known) return known;
  try {
    let verdict: CasVerdict;
    if (rational) {
      const out = String(algebrite().run(`simplify(${key})`)).trim();
      verdict = out === '0' ? { status: 'passed', engine: 'algebrite', detail: 'simplify(residual) = 0' } : { status: 'failed', engine: 'algebrite', detail: `simplify(residual) = ${restoreNames(out, names).slice(0, 200)}` };
    } else {
      const out = nerdamer(`expand(${key})`);
      verdict = out === '0' ? { status: 'passed', engine: 'nerdamer', detail: 'expand(residual) = 0' } : { status: 'failed', engine: 'nerdamer', detail: `expand(residual) = ${restoreNames(out, names).slice(0, 200)}` };
    }
    if (verdict.status === 'passed') {
      if (provedZero.size >= MAX_MEMO) provedZero.clear();
      provedZero.set(memoKey, verdict);
    }
    return verdict;
  } catch (e) {
    // An exception is a failure to confirm, not a skip: counted as failed (docs/theory.md §3).
    return { status: 'failed', engine: 'none', detail: `second CAS raised an error on the residual: ${(e as Error).message.slice(0, 200)}` };
  }
}
