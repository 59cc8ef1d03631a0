// Finite-difference WENO5-JS (Jiang-Shu 1996) for p_t + f(p)_x = nu p_xx.
//   Equation: point values p_i; L(p)_i = -(F_{i+1/2} - F_{i-1/2})/dx + nu (D4 p)_i,
//     D4 the fourth-order central Laplacian; time stepping by SSP-RK3 (ssp-rk3.ts).
//   Waves:    global Lax-Friedrichs splitting f = f+ + f-, f+- = (f(p) +- a p)/2,
//     a = max|f'(p)|: f+ has only right-going waves (reconstructed left-biased),
//     f- only left-going ones (right-biased).
//   Entropy fix: the splitting's numerical viscosity a/2 is enough at transonic
//     points (Lax-Friedrichs never keeps an expansion shock).
//   Order 5 on smooth data (the nonlinear weights reduce to 1/10, 6/10, 3/10);
//   essentially non-oscillatory at shocks. Time step: godunov.ts stableDt, cfl 0.5.
import { padWithGhosts, type Grid } from './grid.js';
import type { StepperOptions } from './godunov.js';
import { sspRk3Step, rkScratch, type RkScratch, type SemiDiscrete } from './ssp-rk3.js';

/** Jiang-Shu regulariser of the smoothness indicators. */
const EPS = 1e-6;

/** Left-biased WENO5 value at i+1/2 from the stencil v[i-2..i+2] = (a, b, c, d, e). */
export function weno5Reconstruct(a: number, b: number, c: number, d: number, e: number): number {
  const q0 = (2 * a - 7 * b + 11 * c) / 6, q1 = (-b + 5 * c + 2 * d) / 6, q2 = (2 * c + 5 * d - e) / 6;
  const b0 = (13 / 12) * (a - 2 * b + c) ** 2 + 0.25 * (a - 4 * b + 3 * c) ** 2;
  const b1 = (13 / 12) * (b - 2 * c + d) ** 2 + 0.25 * (b - d) ** 2;
  const b2 = (13 / 12) * (c - 2 * d + e) ** 2 + 0.25 * (3 * c - 4 * d + e) ** 2;
  const w0 = 0.1 / (EPS + b0) ** 2, w1 = 0.6 / (EPS + b1) ** 2, w2 = 0.3 / (EPS + b2) ** 2;
  return (w0 * q0 + w1 * q1 + w2 * q2) / (w0 + w1 + w2);
}

export interface Weno5Scratch extends RkScratch { readonly work: Float64Array; readonly fp: Float64Array; readonly fm: Float64Array }

/** Scratch for n cells (three ghosts per side). Allocated once per solve. */
export const weno5Scratch = (n: number): Weno5Scratch => ({ ...rkScratch(n), work: new Float64Array(n + 6), fp: new Float64Array(n + 6), fm: new Float64Array(n + 6) });

/** The WENO5 semi-discrete operator L(p) for `grid` and options `o`. */
export function weno5Rhs(grid: Grid, o: StepperOptions, s: Weno5Scratch): SemiDiscrete {
  const n = grid.n, g = 3, dx = grid.dx, nu = o.nu, { work, fp, fm } = s;
  return (p, rhs) => {
    padWithGhosts(p, work, g, o.bc);
    let a = 0;
    for (let i = 0; i < n + 2 * g; i++) a = Math.max(a, Math.abs(o.flux.dflux(work[i])));
    for (let i = 0; i < n + 2 * g; i++) { const f = o.flux.flux(work[i]); fp[i] = 0.5 * (f + a * work[i]); fm[i] = 0.5 * (f - a * work[i]); }
    // F at j+1/2 (padded index j): f+ from j-2..j+2, f- mirrored from j+3..j-1.
    const F = (j: number): number => weno5Reconstruct(fp[j - 2], fp[j - 1], fp[j], fp[j + 1], fp[j + 2]) + weno5Reconstruct(fm[j + 3], fm[j + 2], fm[j + 1], fm[j], fm[j - 1]);
    let fl = F(g - 1);
    for (let i = 0; i < n; i++) {
      const j = i + g, fr = F(j);
      const lap = (-work[j + 2] + 16 * work[j + 1] - 30 * work[j] + 16 * work[j - 1] - work[j - 2]) / (12 * dx * dx);
      rhs[i] = -(fr - fl) / dx + nu * lap;
      fl = fr;
    }
  };
}

/** One WENO5 + SSP-RK3 step from `p` into `out`. */
export function weno5Step(p: Float64Array, out: Float64Array, grid: Grid, dt: number, o: StepperOptions, s: Weno5Scratch): void {
  sspRk3Step(weno5Rhs(grid, o, s), p, out, dt, s);
}
