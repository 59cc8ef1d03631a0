// Guards around `solve` (issue 10): the work is estimated before a solver
// starts (refused past a stated limit, exit 2), inputs outside double precision
// are refused, and every result is checked against an independent bound
// (maximum principle) before it is printed: a non-finite or out-of-bound
// solution is a failed check (exit 1), never a result.
//
// Maximum principle (docs/theory.md §1). p = u_x solves p_t + H(p)_x = nu p_xx:
// constants are solutions and the equation is a viscous conservation law, so
//   min p0 <= p(x, t) <= max p0.
// u solves u_t + H(u_x) = nu u_xx, and c - t H(0) is a solution for every
// constant c, so by comparison
//   min u0 - t H(0) <= u(x, t) <= max u0 - t H(0).
// Both extrema are taken over what the scheme sees: the grid for the generated
// schemes (outflow ghosts copy grid values), the whole Cole-Hopf window for the
// quadrature (and for u, whose anchor is a Cole-Hopf value). Schemes of order > 1
// are not exactly bound-preserving (WENO5 over- and undershoots by a few per cent
// of the jump at a shock), so the check allows 10% of the interval's width: it
// is a detector of garbage (NaN, 5e289), not of discretisation error.
import { compile } from '../ir/evaluate.js';
import { diff } from '../ir/diff.js';
import type { Expr } from '../ir/expr.js';
import type { Grid } from '../numerics/index.js';
import { InputError } from '../spec/errors.js';

/** A Cole-Hopf quadrature point (one exp and a few flops) costs about a tenth of a cell-step of the generated schemes. */
const QUADRATURE_POINTS_PER_CELL_STEP = 10;
/** Work past which `solve` refuses to start without --allow-long: about a minute of one core for the generated JS kernels (150-200 ns per cell-step measured). */
export const WORK_LIMIT = 3e8;
/** Cells past which even the arrays of a solve are refused (8 MB each). */
export const MAX_CELLS = 1_000_000;
/** The diffusion number nu t/dx^2 past which products of it leave double precision. */
const MAX_DIFFUSION_NUMBER = 1e200;
/** Slack of the maximum-principle check, as a fraction of the interval's width. */
export const BOUND_SLACK = 0.1;

/** A solution that failed its independent check: reported with exit 1, never printed as a result. */
export class SolveCheckFailed extends Error {}

export type SchemeKind = 'explicit' | 'imex' | 'hj' | 'quadrature';

/** What one scheme costs: the steps of its time loop (or the quadrature points per cell) times the cells. */
export interface WorkEstimate {
  /** Time steps (upper bound), or quadrature points per cell for Cole-Hopf. */
  readonly steps: number;
  readonly cells: number;
  /** steps x cells (Cole-Hopf: points x cells / 10, in cell-steps of the time-stepping schemes). */
  readonly work: number;
  /** The bound on |H'(p)| the step count uses. */
  readonly maxSpeed: number;
  /** What limits dt, in words (for the refusal message). */
  readonly limitedBy: string;
}

/** [min, max] of an array, skipping nothing: NaN propagates as [NaN, NaN]. */
export function range(v: ArrayLike<number>): readonly [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i])) return [NaN, NaN];
    lo = Math.min(lo, v[i]); hi = Math.max(hi, v[i]);
  }
  return [lo, hi];
}

/** max |H'(p)| over [lo, hi]: H convex, so H' is increasing and |H'| is largest at an end. */
export function maxSpeed(H: Expr, [lo, hi]: readonly [number, number], variable = 'p'): number {
  const dH = compile(diff(H, variable), [variable]);
  return Math.max(Math.abs(dH([lo])), Math.abs(dH([hi])));
}

/**
 * The work of a solve, before it starts. Time-stepping schemes: dt from their CFL
 * condition with the largest speed the maximum principle allows (so an upper bound on
 * the steps: speeds only fall below it), plus one step per progress segment:
 *   explicit  dt (a/dx + c nu/dx^2) = cfl     c = 4 (conservation law), 2 (hj)
 *   imex      dt a/dx = cfl                   (the diffusion is implicit)
 * Cole-Hopf: quadrature points per cell (coleHopfQuadrature's default rule).
 */
export function estimateWork(kind: SchemeKind, o: { grid: Grid; p0: Float64Array; H: Expr; nu: number; time: number; cfl: number; segments: number; window: readonly [number, number] }): WorkEstimate {
  const { grid, nu, time } = o, dx = grid.dx, cells = grid.n;
  if (kind === 'quadrature') {
    const sigma = Math.sqrt(2 * nu * time), points = Math.min(400_001, Math.max(4001, Math.ceil((20 * (o.window[1] - o.window[0])) / sigma) + 1));
    return { steps: points, cells, work: (points * cells) / QUADRATURE_POINTS_PER_CELL_STEP, maxSpeed: NaN, limitedBy: 'quadrature points per cell' };
  }
  const a = Math.max(maxSpeed(o.H, range(o.p0)), 1e-12);
  const c = kind === 'hj' ? 2 : 4;
  const rate = kind === 'imex' ? a / dx : a / dx + (c * nu) / (dx * dx);
  const steps = Math.ceil((time * rate) / o.cfl) + o.segments;
  const limitedBy = kind === 'imex' || a / dx >= (c * nu) / (dx * dx)
    ? `the advection CFL dt max|H'| / dx = ${o.cfl} (max|H'| <= ${a.toPrecision(3)})`
    : `explicit diffusion, dt <= ${o.cfl} dx^2/(${c} nu) = ${((o.cfl * dx * dx) / (c * nu)).toPrecision(3)}`;
  return { steps, cells, work: steps * cells, maxSpeed: a, limitedBy };
}

const sci = (x: number): string => (Number.isFinite(x) ? x.toPrecision(2).replace(/\.?0+e/, 'e').replace('e+', 'e') : String(x));

/**
 * Refuse inputs outside double precision (exit 2) and work past `maxWork` (exit 2,
 * with the estimate and what would make it smaller). `scheme` names the scheme in the message.
 */
export function guardWork(scheme: string, kind: SchemeKind, e: WorkEstimate, o: { nu: number; time: number; dx: number; maxWork: number }): void {
  const diffusionNumber = (o.nu * o.time) / (o.dx * o.dx);
  if (!(diffusionNumber <= MAX_DIFFUSION_NUMBER)) {
    throw new InputError(`--viscosity ${o.nu} with --time ${o.time}: nu t/dx^2 = ${sci(diffusionNumber)} is out of range (at most ${sci(MAX_DIFFUSION_NUMBER)}; beyond it the diffusion overflows double precision)`);
  }
  if (!(e.work <= o.maxWork)) {
    const hint = kind === 'explicit' || kind === 'hj'
      ? `--scheme ${scheme.startsWith('godunov') ? 'godunov-imex' : 'weno5-imex'} (implicit diffusion: dt limited by the advection CFL only), fewer cells (--grid), a shorter --time, or --allow-long`
      : kind === 'imex' ? 'fewer cells (--grid), a shorter --time, or --allow-long' : 'fewer cells (--grid) or --allow-long';
    const what = kind === 'quadrature' ? `${sci(e.cells)} cells x ${sci(e.steps)} quadrature points, ${QUADRATURE_POINTS_PER_CELL_STEP} points per cell-step` : `up to ${sci(e.steps)} steps x ${sci(e.cells)} cells; dt limited by ${e.limitedBy}`;
    throw new InputError(`solve --scheme ${scheme}: estimated work ${sci(e.work)} cell-steps (${what}) exceeds the limit ${sci(o.maxWork)} (about a minute); use ${hint}`);
  }
}

/** The maximum-principle intervals of p and u (before slack), from the values the scheme sees. */
export interface SolutionBounds { readonly p: readonly [number, number]; readonly u: readonly [number, number] }

export function maximumPrincipleBounds(o: { p0: ArrayLike<number>; u0: (x: number) => number; window: readonly [number, number]; grid: Grid; H: Expr; time: number; wholeWindow: boolean }, variable = 'p'): SolutionBounds {
  // u (and p for the quadrature) on the window, sampled finely; p there by centred differences
  const [a, b] = o.window, m = 20_001, h = (b - a) / (m - 1);
  const ys = Float64Array.from({ length: m }, (_, k) => a + k * h);
  const u = range(Float64Array.from(ys, o.u0));
  const pWindow = range(Float64Array.from(ys, (y) => (o.u0(y + h / 2) - o.u0(y - h / 2)) / h));
  const pGrid = range(o.p0);
  const p: readonly [number, number] = o.wholeWindow ? [Math.min(pGrid[0], pWindow[0]), Math.max(pGrid[1], pWindow[1])] : pGrid;
  const shift = o.time * compile(o.H, [variable])([0]);
  return { p, u: [u[0] - shift, u[1] - shift] };
}

/** Throws SolveCheckFailed when a value is not finite or leaves its bound by more than the slack. */
export function checkSolution(r: { u: ArrayLike<number>; p: ArrayLike<number>; x: ArrayLike<number> }, bounds: SolutionBounds): void {
  for (const [name, values, [lo, hi]] of [['p', r.p, bounds.p], ['u', r.u, bounds.u]] as const) {
    const slack = BOUND_SLACK * (hi - lo) + 1e-9 * (1 + Math.max(Math.abs(lo), Math.abs(hi)));
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) throw new SolveCheckFailed(`${name}(x) is not finite (${v} at x = ${r.x[i]}): the scheme broke down; nothing is printed`);
      if (v < lo - slack || v > hi + slack) {
        throw new SolveCheckFailed(`${name} = ${sci(v)} at x = ${r.x[i]} violates the maximum principle: ${name} must stay in [${sci(lo)}, ${sci(hi)}] (the range of its initial data, 10% slack); nothing is printed`);
      }
    }
  }
}
