// The engine's honesty (docs/theory.md §3): an identity lhs = rhs is checked three
// ways: by the project's normal form, independently by a second CAS, and
// numerically at seeded random points. A failed check is recorded as failed.
import { sub } from '../ir/build.js';
import { freeSymbols, type Expr } from '../ir/expr.js';
import { compile } from '../ir/evaluate.js';
import { NormalForm } from '../ir/normal-form.js';
import { secondCasIsZero } from '../cas/second-cas.js';
import { seededRng } from '../util/random.js';
import type { Check } from './types.js';

export interface CheckOptions {
  readonly seed: number;
  /** Number of random points for the numeric check. */
  readonly points?: number;
  /** Relative tolerance of the numeric check. */
  readonly tolerance?: number;
  /** Symbols known positive: sampled in [0.1, 2] and allowed in root splitting. */
  readonly positive?: readonly string[];
  /** Fixed values for some symbols (e.g. a point on a level set); others are sampled. */
  readonly fixed?: Readonly<Record<string, number>>;
  /** Custom sampler for a symbol. */
  readonly sample?: (name: string, rng: ReturnType<typeof seededRng>) => number | undefined;
  /** Skip the second CAS above this many DAG nodes. */
  readonly casMaxNodes?: number;
  /** A normal form to reuse (its atom table and memo are shared). */
  readonly normalForm?: NormalForm;
}

export function normalFormCheck(lhs: Expr, rhs: Expr, nf: NormalForm): Check {
  const residual = sub(lhs, rhs);
  const zero = nf.isZero(residual);
  return zero
    ? { method: 'normal-form', status: 'passed', detail: 'lhs - rhs reduces to 0' }
    : { method: 'normal-form', status: 'failed', detail: `lhs - rhs reduces to a non-zero expression with ${nf.termCount(residual)} term(s)` };
}

export function secondCasCheck(lhs: Expr, rhs: Expr, maxNodes?: number): Check {
  const v = secondCasIsZero(sub(lhs, rhs), maxNodes);
  return { method: v.engine === 'none' ? 'second-cas' : v.engine, status: v.status, detail: v.detail };
}

export function numericCheck(lhs: Expr, rhs: Expr, opts: CheckOptions): Check {
  const vars = [...new Set([...freeSymbols(lhs), ...freeSymbols(rhs)])].sort();
  const f = compile(lhs, vars), g = compile(rhs, vars);
  const rng = seededRng(opts.seed);
  const tol = opts.tolerance ?? 1e-9;
  const pos = new Set(opts.positive ?? []);
  const points = opts.points ?? 8;
  let worst = 0;
  const x = new Float64Array(vars.length);
  for (let k = 0; k < points; k++) {
    vars.forEach((v, i) => {
      x[i] = opts.fixed?.[v] ?? opts.sample?.(v, rng) ?? (pos.has(v) ? rng.uniform(0.1, 2) : rng.uniform(-2, 2));
    });
    const a = f(x), b = g(x);
    const rel = Math.abs(a - b) / (1 + Math.max(Math.abs(a), Math.abs(b)));
    worst = Math.max(worst, Number.isFinite(rel) ? rel : Infinity);
  }
  return {
    method: 'numeric', status: worst <= tol ? 'passed' : 'failed',
    detail: `max relative residual ${worst.toExponential(2)} at ${points} seeded random points (seed ${opts.seed})`,
    residual: worst, tolerance: tol,
  };
}

/** All three checks of an identity lhs = rhs. */
export function checkIdentity(lhs: Expr, rhs: Expr, opts: CheckOptions): Check[] {
  const nf = opts.normalForm ?? new NormalForm(new Set(opts.positive ?? []));
  return [normalFormCheck(lhs, rhs, nf), secondCasCheck(lhs, rhs, opts.casMaxNodes), numericCheck(lhs, rhs, opts)];
}
