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
const nerdamer = (src: string): ReturnType<Nerdamer> => (nerdamerLib ??= requireCas('nerdamer') as Nerdamer)(src);
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

export function secondCasIsZero(residual: Expr, maxNodes = 4000): CasVerdict {
  const size = nodeCount(residual);
  if (size > maxNodes) return { status: 'skipped', engine: 'none', detail: `expression has ${size} nodes (> ${maxNodes}); second CAS skipped` };
  const src = text(opaqueForCas(residual));
  try {
    if (hasRationalDenominator(residual) || hasFractionalPower(residual)) {
      const out = String(algebrite().run(`simplify(${src})`)).trim();
      return out === '0' ? { status: 'passed', engine: 'algebrite', detail: 'simplify(residual) = 0' } : { status: 'failed', engine: 'algebrite', detail: `simplify(residual) = ${out.slice(0, 200)}` };
    }
    const out = nerdamer(`expand(${src})`).toString();
    return out === '0' ? { status: 'passed', engine: 'nerdamer', detail: 'expand(residual) = 0' } : { status: 'failed', engine: 'nerdamer', detail: `expand(residual) = ${out.slice(0, 200)}` };
  } catch (e) {
    // An exception is a failure to confirm, not a skip: counted as failed (docs/theory.md §3).
    return { status: 'failed', engine: 'none', detail: `second CAS raised an error on the residual: ${(e as Error).message.slice(0, 200)}` };
  }
}
