// Godunov's method for p_t + f(p)_x = nu p_xx, f convex (Burgers: f = p^2/2).
//   Equation: finite volumes on cell averages,
//     p_i^{n+1} = p_i - (dt/dx)(F_{i+1/2} - F_{i-1/2}) + (nu dt/dx^2)(p_{i+1} - 2 p_i + p_{i-1}),
//     F_{i+1/2} = godunovFlux(p_i, p_{i+1}) (exact Riemann solution at x/t = 0).
//   Waves:    one shock or one rarefaction per interface (riemann-burgers.ts).
//   Entropy fix: built into the exact flux (transonic fan -> f(p_s)), so the
//             scheme is monotone and converges to the entropy solution. First order.
//   Time step: dt (max|f'(p)|/dx + 4 nu/dx^2) = cfl. Monotonicity needs
//             a dt/dx + 2 nu dt/dx^2 <= 1; the factor 4 halves the diffusive
//             number so that the same limit also holds for WENO5's fourth-order
//             Laplacian under SSP-RK3 (its eigenvalues reach -16/3 nu/dx^2).
import type { ConvexFlux } from './conservation-law.js';
import { padWithGhosts, type Boundary, type Grid } from './grid.js';
import { godunovFlux } from './riemann-burgers.js';

export interface StepperOptions { readonly flux: ConvexFlux; readonly nu: number; readonly bc: Boundary; readonly cfl?: number }

/** Largest characteristic speed max_i |f'(p_i)| (floored so that dt stays finite at rest). */
export function maxWaveSpeed(p: Float64Array, flux: ConvexFlux): number {
  let a = 1e-12;
  for (let i = 0; i < p.length; i++) a = Math.max(a, Math.abs(flux.dflux(p[i])));
  return a;
}

/** CFL-limited time step: dt (max|f'|/dx + 4 nu/dx^2) = cfl (default 0.9). */
export function stableDt(p: Float64Array, grid: Grid, o: StepperOptions): number {
  return (o.cfl ?? 0.9) / (maxWaveSpeed(p, o.flux) / grid.dx + (4 * o.nu) / (grid.dx * grid.dx));
}

/** One forward-Euler Godunov step; writes the n interior cells into `out`. `work` has length n + 2. */
export function godunovStep(p: Float64Array, out: Float64Array, grid: Grid, dt: number, o: StepperOptions, work: Float64Array): void {
  const n = grid.n;
  padWithGhosts(p, work, 1, o.bc);
  const r = dt / grid.dx, d = (o.nu * dt) / (grid.dx * grid.dx);
  let fl = godunovFlux(o.flux, work[0], work[1]);
  for (let i = 0; i < n; i++) {
    const fr = godunovFlux(o.flux, work[i + 1], work[i + 2]);
    out[i] = work[i + 1] - r * (fr - fl) + d * (work[i + 2] - 2 * work[i + 1] + work[i]);
    fl = fr;
  }
}
