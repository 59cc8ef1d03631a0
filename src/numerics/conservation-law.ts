// The equation every scheme in this folder solves: a scalar conservation law
//   p_t + f(p)_x = nu p_xx,   f convex,
// given as data derived upstream (docs/theory.md §1: Burgers, f = p^2/2, f' = p, the
// flux minimiser p_s = 0). Schemes never name Burgers: they call `flux`,
// `dflux` and use `fluxMinimiser` (f'(p_s) = 0) for the sonic entropy fix.
import type { Expr } from '../ir/expr.js';
import { diff } from '../ir/diff.js';
import { compile } from '../ir/evaluate.js';
import { rootOfNonDecreasing } from '../util/monotone-root.js';

export interface ConvexFlux {
  /** f(p). */
  readonly flux: (p: number) => number;
  /** f'(p), non-decreasing because f is convex. */
  readonly dflux: (p: number) => number;
  /** The sonic point p_s with f'(p_s) = 0 (the minimum of f); +-Infinity if f is monotone. */
  readonly fluxMinimiser: number;
}

/** docs/theory.md §1: inviscid Burgers flux of p = grad u. */
export const burgersFlux: ConvexFlux = { flux: (p) => 0.5 * p * p, dflux: (p) => p, fluxMinimiser: 0 };

/** The minimiser of a convex flux: the root of its non-decreasing f' (src/util/monotone-root.ts). */
export const fluxMinimiser = rootOfNonDecreasing;

/**
 * The conservation law of a derived flux expression f(variable): f and f'
 * compiled from the IR (f' by symbolic differentiation), p_s by bisection.
 * Convexity is the caller's claim (Burgers-type equations from HJ with a
 * convex Hamiltonian); `isConvexOn` checks it on samples.
 */
export function convexFluxFromExpr(f: Expr, variable: string): ConvexFlux {
  const fc = compile(f, [variable]), dfc = compile(diff(f, variable), [variable]);
  const arg = new Float64Array(1);
  const flux = (p: number): number => { arg[0] = p; return fc(arg); };
  const dflux = (p: number): number => { arg[0] = p; return dfc(arg); };
  return { flux, dflux, fluxMinimiser: fluxMinimiser(dflux) };
}

/** f' non-decreasing on `samples` points of [lo, hi] (a necessary check of convexity). */
export function isConvexOn(flux: ConvexFlux, lo: number, hi: number, samples = 1001): boolean {
  let prev = flux.dflux(lo);
  for (let i = 1; i < samples; i++) {
    const d = flux.dflux(lo + ((hi - lo) * i) / (samples - 1));
    if (d < prev - 1e-12 * (1 + Math.abs(prev))) return false;
    prev = d;
  }
  return true;
}
