// Exact Riemann solver for a convex flux (Clawpack style).
// Waves: a shock with Rankine-Hugoniot speed when pL > pR (Lax entropy
// condition f'(pL) > s > f'(pR)), a rarefaction fan when pL < pR. Entropy fix:
// a transonic rarefaction (f'(pL) < 0 < f'(pR)) takes the sonic value at x/t = 0.
import { rankineHugoniotSpeed, type ConvexFlux } from './conservation-law.js';

/** Self-similar solution p(x/t) of the Riemann problem. For the rarefaction, f' is inverted by bisection. */
export function riemannSolution(flux: ConvexFlux, pL: number, pR: number, xi: number): number {
  if (pL > pR) {
    const s = rankineHugoniotSpeed(flux, pL, pR);
    return xi < s ? pL : pR;
  }
  if (xi <= flux.df(pL)) return pL;
  if (xi >= flux.df(pR)) return pR;
  // inside the fan: f'(p) = xi, f' increasing (convex flux)
  let lo = pL, hi = pR;
  for (let k = 0; k < 100; k++) {
    const mid = 0.5 * (lo + hi);
    if (flux.df(mid) < xi) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Godunov flux: f evaluated at the Riemann solution on x/t = 0 (closed form for a convex flux). */
export function godunovFlux(flux: ConvexFlux, pL: number, pR: number): number {
  if (pL <= pR) {
    // rarefaction (or constant): min of f over [pL, pR]; the sonic point if inside (entropy fix)
    if (pL <= flux.sonic && flux.sonic <= pR) return flux.f(flux.sonic);
    return Math.min(flux.f(pL), flux.f(pR));
  }
  // shock: max of f over [pR, pL]
  return Math.max(flux.f(pL), flux.f(pR));
}
