// Driver: integrate p_t + f(p)_x = nu p_xx (f convex, the derived flux) from
// p0 to `time` with a named scheme. Steps are CFL-limited (godunov.ts
// stableDt), the last one shortened to land exactly on `time`. All scratch is
// allocated once; nothing is allocated per step.
import { match } from 'ts-pattern';
import type { ConvexFlux } from './conservation-law.js';
import { godunovStep, stableDt, type StepperOptions } from './godunov.js';
import type { Boundary, Grid } from './grid.js';
import { sspRk3Step } from './ssp-rk3.js';
import { weno5Rhs, weno5Scratch } from './weno5.js';

export type Scheme = 'godunov' | 'weno5';

export interface BurgersProblem {
  readonly grid: Grid;
  /** Initial data on the cell centres (Godunov reads them as cell averages). */
  readonly p0: Float64Array;
  readonly time: number;
  readonly nu: number;
  readonly flux: ConvexFlux;
  readonly bc: Boundary;
  readonly scheme: Scheme;
  /** Default 0.9 (Godunov), 0.5 (WENO5). */
  readonly cfl?: number;
  /** Called every 500 steps and at the end with the current time and step count. */
  readonly onProgress?: (t: number, steps: number) => void;
}

export interface BurgersSolution { readonly p: Float64Array; readonly steps: number; readonly time: number }

export function solveBurgers1D(pr: BurgersProblem): BurgersSolution {
  if (pr.p0.length !== pr.grid.n) throw new RangeError(`solveBurgers1D: p0 has ${pr.p0.length} values for ${pr.grid.n} cells`);
  if (!(pr.time >= 0) || !(pr.nu >= 0)) throw new RangeError(`solveBurgers1D: need time >= 0 and nu >= 0 (got ${pr.time}, ${pr.nu})`);
  const n = pr.grid.n;
  const o: StepperOptions = { flux: pr.flux, nu: pr.nu, bc: pr.bc, cfl: pr.cfl ?? (pr.scheme === 'weno5' ? 0.5 : 0.9) };
  const step = match(pr.scheme)
    .with('godunov', () => {
      const work = new Float64Array(n + 2);
      return (p: Float64Array, out: Float64Array, dt: number) => godunovStep(p, out, pr.grid, dt, o, work);
    })
    .with('weno5', () => {
      const s = weno5Scratch(n), L = weno5Rhs(pr.grid, o, s);
      return (p: Float64Array, out: Float64Array, dt: number) => sspRk3Step(L, p, out, dt, s);
    })
    .exhaustive();
  let p = pr.p0.slice(), next = new Float64Array(n);
  let t = 0, steps = 0;
  while (t < pr.time - 1e-14 * Math.max(1, pr.time)) {
    const dt = Math.min(stableDt(p, pr.grid, o), pr.time - t);
    step(p, next, dt);
    [p, next] = [next, p];
    t += dt;
    steps++;
    if (pr.onProgress && steps % 500 === 0) pr.onProgress(t, steps);
  }
  pr.onProgress?.(t, steps);
  return { p, steps, time: t };
}
