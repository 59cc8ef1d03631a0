// The equation every scheme in this folder solves: a scalar conservation law
//   p_t + f(p)_x = nu p_xx,   f convex,
// given as data derived upstream (docs/theory.md §1: Burgers, f = p^2/2, f' = p, the
// flux minimiser p_s = 0). Schemes never name Burgers: they call `flux`,
// `dflux` and use `fluxMinimiser` (f'(p_s) = 0) for the sonic entropy fix.
import type { Expr } from '../ir/expr.js';
import { diff } from '../ir/diff.js';
import { compile } from '../ir/evaluate.js';

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

/**
 * The root of a non-decreasing f' by bracketing (f' < 0 < f') and bisection.
 * When f' takes no negative (positive) value on [-1e8, 1e8] the flux is
 * non-decreasing (non-increasing) and the minimiser is -Infinity (+Infinity);
 * the Godunov flux then reduces to the upwind value, which is right.
 */
export function fluxMinimiser(dflux: (p: number) => number): number {
  if (dflux(0) === 0) return 0;
  let lo = -1, hi = 1;
  while (!(dflux(lo) < 0) && lo > -1e8) lo *= 2;
  while (!(dflux(hi) > 0) && hi < 1e8) hi *= 2;
  // f' >= 0 everywhere: f is non-decreasing and its infimum is at -Infinity (and vice versa)
  if (!(dflux(lo) < 0)) return -Infinity;
  if (!(dflux(hi) > 0)) return Infinity;
  for (let k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
    const mid = 0.5 * (lo + hi);
    if (dflux(mid) < 0) lo = mid; else hi = mid;
  }
  const ps = 0.5 * (lo + hi);
  return Math.abs(ps) < 1e-14 ? 0 : ps;
}

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
