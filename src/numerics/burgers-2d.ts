// Two-dimensional scalar viscous Burgers-type law
//   p_t + f(p)_x + g(p)_y = nu (p_xx + p_yy),   f, g convex (Burgers: f = g = p^2/2),
// by dimension splitting (Strang): half an x-sweep, a y-sweep, half an x-sweep,
// each sweep the 1-D Godunov scheme of godunov.ts (exact Riemann flux with its
// transonic entropy fix, central diffusion in that direction) along every grid
// line. Waves and entropy fix: those of riemann-burgers.ts, per direction.
// Time step: the smaller of the two 1-D limits dt (max|f'|/dx + 4 nu/dx^2) = cfl.
// First order overall (Godunov sweeps). Storage is row-major: p[j nx + i] at (x_i, y_j).
// Scope: a scalar law. The gradient field p = grad u of a 2-D quotient obeys a
// vector equation (p_t + grad |p|^2/2 = nu Lap p); data of the form
// p = q(x + y) reduce it to this scalar law with the flux q^2 and viscosity 2 nu.
import type { ConvexFlux } from './conservation-law.js';
import { godunovStep, stableDt, type StepperOptions } from './godunov.js';
import type { Boundary, Grid } from './grid.js';

export interface Burgers2DProblem {
  readonly x: Grid;
  readonly y: Grid;
  /** Initial data, row-major (length nx ny). */
  readonly p0: Float64Array;
  readonly time: number;
  readonly nu: number;
  /** One flux for both directions, or f (x) and g (y). */
  readonly flux: ConvexFlux | { readonly x: ConvexFlux; readonly y: ConvexFlux };
  readonly bc: Boundary | { readonly x: Boundary; readonly y: Boundary };
  /** Default 0.9. */
  readonly cfl?: number;
  readonly onProgress?: (t: number, steps: number) => void;
}

const perAxis = <T extends object>(v: T | { readonly x: T; readonly y: T }): { x: T; y: T } =>
  'x' in v && 'y' in v ? { x: v.x as T, y: v.y as T } : { x: v as T, y: v as T };

export function solveBurgers2D(pr: Burgers2DProblem): { p: Float64Array; steps: number; time: number } {
  const nx = pr.x.n, ny = pr.y.n;
  if (pr.p0.length !== nx * ny) throw new RangeError(`solveBurgers2D: p0 has ${pr.p0.length} values for ${nx} x ${ny} cells`);
  const flux = perAxis<ConvexFlux>(pr.flux);
  const bc = typeof pr.bc === 'string' ? { x: pr.bc, y: pr.bc } : pr.bc;
  const ox: StepperOptions = { flux: flux.x, nu: pr.nu, bc: bc.x, cfl: pr.cfl ?? 0.9 };
  const oy: StepperOptions = { flux: flux.y, nu: pr.nu, bc: bc.y, cfl: pr.cfl ?? 0.9 };
  const p = pr.p0.slice();
  const lineX = new Float64Array(nx), outX = new Float64Array(nx), workX = new Float64Array(nx + 2);
  const lineY = new Float64Array(ny), outY = new Float64Array(ny), workY = new Float64Array(ny + 2);
  const sweepX = (dt: number): void => {
    for (let j = 0; j < ny; j++) {
      const row = p.subarray(j * nx, (j + 1) * nx);
      lineX.set(row);
      godunovStep(lineX, outX, pr.x, dt, ox, workX);
      row.set(outX);
    }
  };
  const sweepY = (dt: number): void => {
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) lineY[j] = p[j * nx + i];
      godunovStep(lineY, outY, pr.y, dt, oy, workY);
      for (let j = 0; j < ny; j++) p[j * nx + i] = outY[j];
    }
  };
  let t = 0, steps = 0;
  while (t < pr.time - 1e-14 * Math.max(1, pr.time)) {
    const dt = Math.min(stableDt(p, pr.x, ox), stableDt(p, pr.y, oy), pr.time - t);
    sweepX(dt / 2);
    sweepY(dt);
    sweepX(dt / 2);
    t += dt;
    steps++;
    if (pr.onProgress && steps % 100 === 0) pr.onProgress(t, steps);
  }
  pr.onProgress?.(t, steps);
  return { p, steps, time: t };
}
