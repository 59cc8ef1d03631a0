// Godunov's method for p_t + f(p)_x = nu p_xx: first-order upwind finite
// volumes with the exact Riemann flux (entropy-satisfying, transonic fix in
// godunovFlux), explicit central diffusion. Time step from the combined
// advection-diffusion limit dt (max|f'|/dx + 4 nu/dx^2) <= CFL (the factor 4
// also covers the fourth-order Laplacian of WENO5 under SSP-RK3).
import type { ConvexFlux } from './conservation-law.js';
import { fillGhosts, type Boundary, type Grid } from './grid.js';
import { godunovFlux } from './riemann.js';

export interface StepperOptions { readonly flux: ConvexFlux; readonly nu: number; readonly bc: Boundary; readonly cfl?: number }

export function stableDt(p: Float64Array, grid: Grid, o: StepperOptions): number {
  let amax = 1e-12;
  for (const v of p) amax = Math.max(amax, Math.abs(o.flux.df(v)));
  return (o.cfl ?? 0.9) / (amax / grid.dx + (4 * o.nu) / (grid.dx * grid.dx));
}

/** One forward-Euler step of the Godunov scheme; writes into `out` (interior only). */
export function godunovStep(p: Float64Array, out: Float64Array, grid: Grid, dt: number, o: StepperOptions, work: Float64Array): void {
  const n = grid.n, g = 1;
  work.set(p, g);
  fillGhosts(work, n, g, o.bc);
  const r = dt / grid.dx, d = (o.nu * dt) / (grid.dx * grid.dx);
  let fl = godunovFlux(o.flux, work[0], work[1]);
  for (let i = 0; i < n; i++) {
    const fr = godunovFlux(o.flux, work[i + 1], work[i + 2]);
    out[i] = work[i + 1] - r * (fr - fl) + d * (work[i + 2] - 2 * work[i + 1] + work[i]);
    fl = fr;
  }
}
