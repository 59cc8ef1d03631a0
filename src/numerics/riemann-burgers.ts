// Exact Riemann solver for p_t + f(p)_x = 0 with a convex flux f (Burgers:
// f = p^2/2), Clawpack style.
//   Equation: p(x, 0) = pL for x < 0, pR for x > 0; the solution is self-similar, p(x/t).
//   Waves:    pL > pR: one shock with the Rankine-Hugoniot speed s = [f]/[p]
//             (Burgers: s = (pL + pR)/2), admissible by Lax: f'(pL) > s > f'(pR);
//             pL < pR: one rarefaction fan f'(p) = x/t between f'(pL) and f'(pR).
//   Entropy fix: a transonic rarefaction f'(pL) < 0 < f'(pR) (Burgers: pL < 0 < pR)
//             has p = p_s (the flux minimiser, f'(p_s) = 0) on x/t = 0, so the
//             Godunov flux there is f(p_s), not f(pL) or f(pR): an expansion
//             shock is never formed.
import type { ConvexFlux } from './conservation-law.js';

/** docs/theory.md §1: s = [f]/[p]; the characteristic speed f'(p) when the states agree. */
export function rankineHugoniotSpeed(flux: ConvexFlux, pL: number, pR: number): number {
  return pL === pR ? flux.dflux(pL) : (flux.flux(pL) - flux.flux(pR)) / (pL - pR);
}

/** Lax entropy condition f'(pL) > s > f'(pR): characteristics run into the shock. */
export function laxEntropyCondition(flux: ConvexFlux, pL: number, pR: number): boolean {
  const s = rankineHugoniotSpeed(flux, pL, pR);
  return flux.dflux(pL) > s && s > flux.dflux(pR);
}

export type RiemannWave =
  | { readonly kind: 'constant' }
  | { readonly kind: 'shock'; readonly speed: number }
  | { readonly kind: 'rarefaction'; readonly tail: number; readonly head: number; readonly transonic: boolean };

/** The single wave of the Riemann problem (convex flux: one shock or one fan). */
export function riemannWave(flux: ConvexFlux, pL: number, pR: number): RiemannWave {
  if (pL === pR) return { kind: 'constant' };
  if (pL > pR) return { kind: 'shock', speed: rankineHugoniotSpeed(flux, pL, pR) };
  const tail = flux.dflux(pL), head = flux.dflux(pR);
  return { kind: 'rarefaction', tail, head, transonic: tail < 0 && head > 0 };
}

/** p(x/t = xi). Inside a fan f'(p) = xi is inverted by bisection (f' non-decreasing). */
export function riemannSolution(flux: ConvexFlux, pL: number, pR: number, xi: number): number {
  const wave = riemannWave(flux, pL, pR);
  switch (wave.kind) {
    case 'constant': return pL;
    case 'shock': return xi < wave.speed ? pL : pR;
    case 'rarefaction': {
      if (xi <= wave.tail) return pL;
      if (xi >= wave.head) return pR;
      let lo = pL, hi = pR;
      for (let k = 0; k < 200 && hi - lo > 1e-15 * (1 + Math.abs(lo)); k++) {
        const mid = 0.5 * (lo + hi);
        if (flux.dflux(mid) < xi) lo = mid; else hi = mid;
      }
      return 0.5 * (lo + hi);
    }
  }
}

/**
 * Godunov flux f(p(0; pL, pR)) in closed form for a convex flux (Osher):
 * min of f over [pL, pR] when pL <= pR (the value at the flux minimiser when it
 * lies inside: the transonic entropy fix), max of f over [pR, pL] otherwise.
 */
export function godunovFlux(flux: ConvexFlux, pL: number, pR: number): number {
  if (pL <= pR) {
    const ps = flux.fluxMinimiser;
    if (pL <= ps && ps <= pR) return flux.flux(ps);
    return Math.min(flux.flux(pL), flux.flux(pR));
  }
  return Math.max(flux.flux(pL), flux.flux(pR));
}
