// Driver: integrate p_t + f(p)_x = nu p_xx to time T with a named scheme,
// CFL-limited steps (the last one shortened to land on T). No allocation per step.
import type { ConvexFlux } from './conservation-law.js';
import { godunovStep, stableDt, type StepperOptions } from './godunov.js';
import type { Boundary, Grid } from './grid.js';
import { weno5Step } from './weno5.js';

export type Scheme = 'godunov' | 'weno5';

export interface BurgersProblem {
  readonly grid: Grid;
  readonly p0: Float64Array;
  readonly time: number;
  readonly nu: number;
  readonly flux: ConvexFlux;
  readonly bc: Boundary;
  readonly scheme: Scheme;
  readonly cfl?: number;
  readonly onProgress?: (t: number) => void;
}

export function solveBurgers1D(pr: BurgersProblem): { p: Float64Array; steps: number } {
  const n = pr.grid.n;
  let p = pr.p0.slice(), next = new Float64Array(n);
  const o: StepperOptions = { flux: pr.flux, nu: pr.nu, bc: pr.bc, cfl: pr.cfl ?? (pr.scheme === 'weno5' ? 0.5 : 0.9) };
  const g = pr.scheme === 'weno5' ? 3 : 1;
  const work = new Float64Array(n + 2 * g);
  const scratch = { work, fp: new Float64Array(n + 6), fm: new Float64Array(n + 6), k: new Float64Array(n), u1: new Float64Array(n), u2: new Float64Array(n) };
  let t = 0, steps = 0;
  while (t < pr.time - 1e-14) {
    const dt = Math.min(stableDt(p, pr.grid, o), pr.time - t);
    if (pr.scheme === 'godunov') godunovStep(p, next, pr.grid, dt, o, work);
    else weno5Step(p, next, pr.grid, dt, o, scratch);
    [p, next] = [next, p];
    t += dt;
    steps++;
    if (pr.onProgress && steps % 500 === 0) pr.onProgress(t);
  }
  return { p, steps };
}
