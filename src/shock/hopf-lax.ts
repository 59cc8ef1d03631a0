// Inviscid entropy solution by the Hopf-Lax formula (docs/theory.md §1, zero-temperature
// limit) for u_t + H(u_x) = 0 with H convex: u(x,t) = min_y Lbar(y) + t L((x-y)/t), L = H* the
// Legendre transform of H (Burgers, H = p^2/2: L(q) = q^2/2), p = L'((x - y*(x))/t). A shock is
// where the minimiser y*(x) jumps; p_L, p_R are the one-sided values there.
import { diff } from '../ir/diff.js';
import { compile } from '../ir/evaluate.js';
import type { Expr } from '../ir/expr.js';
import { NormalForm } from '../ir/normal-form.js';
import type { ConvexFlux } from '../numerics/conservation-law.js';

export interface Jump { readonly location: number; readonly left: number; readonly right: number }

/** L(q) = sup_p (q p - H(p)) and p(q) = L'(q) = (H')^(-1)(q), the momentum of velocity q; `text` is TeX. */
export interface Lagrangian { readonly L: (q: number) => number; readonly momentum: (q: number) => number; readonly text: string }

/** H = p^2/2. */
export const BURGERS_LAGRANGIAN: Lagrangian = { L: (q) => 0.5 * q * q, momentum: (q) => q, text: '$L(q) = q^2/2$' };

/**
 * The Lagrangian of a derived flux H(p) (an Expr in p): H quadratic (H''' = 0 by the normal form),
 * H = a p^2 + b p + c with a > 0, in closed form L(q) = (q - b)^2/(4a) - c; any other H by the
 * Legendre transform, p(q) = (H')^(-1)(q) by bisection (H' non-decreasing). undefined when H is
 * not strictly convex (H'' <= 0 somewhere on the sampled range): Hopf-Lax does not apply.
 */
export function lagrangianOf(H: Expr, flux: ConvexFlux): Lagrangian | undefined {
  const d2 = compile(diff(diff(H, 'p'), 'p'), ['p']);
  for (let k = -40; k <= 40; k++) if (!(d2([k / 4]) > 0)) return undefined;
  if (new NormalForm().isZero(diff(diff(diff(H, 'p'), 'p'), 'p'))) {
    const a = d2([0]) / 2, b = flux.dflux(0), c = flux.flux(0);
    if (a === 0.5 && b === 0 && c === 0) return BURGERS_LAGRANGIAN;
    return { L: (q) => ((q - b) * (q - b)) / (4 * a) - c, momentum: (q) => (q - b) / (2 * a), text: `$L(q) = (q - ${b})^2/(4 \\cdot ${a}) - ${c}$ ($H$ quadratic)` };
  }
  const momentum = (q: number): number => {
    let lo = -1, hi = 1;
    while (flux.dflux(lo) > q && lo > -1e12) lo *= 2;
    while (flux.dflux(hi) < q && hi < 1e12) hi *= 2;
    for (let k = 0; k < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(lo)); k++) {
      const m = 0.5 * (lo + hi);
      if (flux.dflux(m) < q) lo = m; else hi = m;
    }
    return 0.5 * (lo + hi);
  };
  return { L: (q) => { const p = momentum(q); return q * p - flux.flux(p); }, momentum, text: "$L(q) = q\\,p(q) - H(p(q))$ with $H'(p(q)) = q$ (Legendre transform, by bisection)" };
}

/** min_y Lbar(y) + t L((x - y)/t) over the samples (ys, lbar): the value u(x, t) and the minimiser y*(x). */
export function hopfLax(ys: Float64Array, lbar: Float64Array, t: number, x: number, lagrangian: Lagrangian = BURGERS_LAGRANGIAN): { value: number; argmin: number } {
  let value = Infinity, argmin = 0;
  if (lagrangian === BURGERS_LAGRANGIAN) {
    for (let j = 0; j < ys.length; j++) {
      const d = x - ys[j];
      const v = lbar[j] + (d * d) / (2 * t);
      if (v < value) { value = v; argmin = ys[j]; }
    }
    return { value, argmin };
  }
  for (let j = 0; j < ys.length; j++) {
    const v = lbar[j] + t * lagrangian.L((x - ys[j]) / t);
    if (v < value) { value = v; argmin = ys[j]; }
  }
  return { value, argmin };
}

/** Largest jump of the Hopf-Lax minimiser over a grid of x (s-coordinates), or null if none. */
export function hopfLaxShock(ys: Float64Array, lbar: Float64Array, t: number, xs: Float64Array, lagrangian: Lagrangian = BURGERS_LAGRANGIAN): Jump | null {
  const argmin = Float64Array.from(xs, (x) => hopfLax(ys, lbar, t, x, lagrangian).argmin);
  const dy = ys[1] - ys[0];
  let bestJump = 0, at = -1;
  for (let i = 0; i + 1 < xs.length; i++) {
    const jump = argmin[i + 1] - argmin[i];
    // A jump of the minimiser spans many y-cells; smooth parts move by about dx * (1 + ...) cells.
    if (jump > bestJump && jump > 20 * dy) { bestJump = jump; at = i; }
  }
  if (at < 0) return null;
  const pL = lagrangian.momentum((xs[at] - argmin[at]) / t), pR = lagrangian.momentum((xs[at + 1] - argmin[at + 1]) / t);
  return { location: (xs[at] + xs[at + 1]) / 2, left: pL, right: pR };
}
