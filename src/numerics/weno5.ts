// WENO5-JS reconstruction (Jiang-Shu 1996) with global Lax-Friedrichs flux
// splitting f = f+ + f-, f+- = (f(p) +- a p)/2, a = max|f'|, plus central
// fourth-order diffusion; time integration by SSP-RK3 (Shu-Osher).
import type { ConvexFlux } from './conservation-law.js';
import { fillGhosts, type Grid } from './grid.js';
import type { StepperOptions } from './godunov.js';

const EPS = 1e-6;

/** Left-biased WENO5 value at i+1/2 from v[i-2..i+2]. */
function weno5(a: number, b: number, c: number, d: number, e: number): number {
  const q0 = (2 * a - 7 * b + 11 * c) / 6, q1 = (-b + 5 * c + 2 * d) / 6, q2 = (2 * c + 5 * d - e) / 6;
  const b0 = (13 / 12) * (a - 2 * b + c) ** 2 + 0.25 * (a - 4 * b + 3 * c) ** 2;
  const b1 = (13 / 12) * (b - 2 * c + d) ** 2 + 0.25 * (b - d) ** 2;
  const b2 = (13 / 12) * (c - 2 * d + e) ** 2 + 0.25 * (3 * c - 4 * d + e) ** 2;
  const w0 = 0.1 / (EPS + b0) ** 2, w1 = 0.6 / (EPS + b1) ** 2, w2 = 0.3 / (EPS + b2) ** 2;
  return (w0 * q0 + w1 * q1 + w2 * q2) / (w0 + w1 + w2);
}

/** Right-hand side L(p) = -(F_{i+1/2} - F_{i-1/2})/dx + nu p_xx. */
export function wenoRhs(p: Float64Array, rhs: Float64Array, grid: Grid, o: StepperOptions, work: Float64Array, fp: Float64Array, fm: Float64Array): void {
  const n = grid.n, g = 3;
  work.set(p, g);
  fillGhosts(work, n, g, o.bc);
  let a = 0;
  for (let i = 0; i < n + 2 * g; i++) a = Math.max(a, Math.abs(o.flux.df(work[i])));
  for (let i = 0; i < n + 2 * g; i++) { const f = o.flux.f(work[i]); fp[i] = 0.5 * (f + a * work[i]); fm[i] = 0.5 * (f - a * work[i]); }
  const F = (j: number): number => weno5(fp[j - 2], fp[j - 1], fp[j], fp[j + 1], fp[j + 2]) + weno5(fm[j + 3], fm[j + 2], fm[j + 1], fm[j], fm[j - 1]);
  const dx = grid.dx, nu = o.nu;
  let fl = F(g - 1);
  for (let i = 0; i < n; i++) {
    const j = i + g;
    const fr = F(j);
    const lap = (-work[j + 2] + 16 * work[j + 1] - 30 * work[j] + 16 * work[j - 1] - work[j - 2]) / (12 * dx * dx);
    rhs[i] = -(fr - fl) / dx + nu * lap;
    fl = fr;
  }
}

/** One SSP-RK3 step of WENO5. */
export function weno5Step(p: Float64Array, out: Float64Array, grid: Grid, dt: number, o: StepperOptions, s: { work: Float64Array; fp: Float64Array; fm: Float64Array; k: Float64Array; u1: Float64Array; u2: Float64Array }): void {
  const n = grid.n;
  wenoRhs(p, s.k, grid, o, s.work, s.fp, s.fm);
  for (let i = 0; i < n; i++) s.u1[i] = p[i] + dt * s.k[i];
  wenoRhs(s.u1, s.k, grid, o, s.work, s.fp, s.fm);
  for (let i = 0; i < n; i++) s.u2[i] = 0.75 * p[i] + 0.25 * (s.u1[i] + dt * s.k[i]);
  wenoRhs(s.u2, s.k, grid, o, s.work, s.fp, s.fm);
  for (let i = 0; i < n; i++) out[i] = p[i] / 3 + (2 / 3) * (s.u2[i] + dt * s.k[i]);
}
