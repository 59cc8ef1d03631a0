// `solve`: the derived viscous Burgers equation p_t + (p^2/2)_x = nu p_xx from
// p(x, 0) = dLbar/dx on the 1-D line the shock stage analysed
// (Intermediates.line): the 1-D quotient of an expression spec, or the slice
// theta* + s v of a higher-dimensional quotient (networks, bare expressions).
// Recipe (types in comments):
//   LineProblem -> FlatLine (coordinate x, uniform grid, u0 = Lbar, p0 = dLbar/dx)
//     -> estimateWork, guardWork (refuse past the limit: exit 2)
//     -> runScheme (u, p on the grid) -> checkSolution (maximum principle: exit 1)
//     -> detectShocks -> SolveResult   (solve-guards.ts)
// Coordinates (docs/theory.md §1): a flat line is solved in its own variable. A curved
// 1-D quotient (G not constant) is solved in arc length s = Int dw/sqrt(G),
// where the metric is flat and the equation is the same Burgers equation
// (numerics/arc-length.ts): x = s, p = du/ds. du/ds stays finite at cone
// points (G = 0), where du/dw = (du/ds)/sqrt(G) does not; w(s) is reported
// alongside. Outflow boundaries (waves leave the box without reflection).
import { match } from 'ts-pattern';
import { compile } from '../ir/evaluate.js';
import { diff } from '../ir/diff.js';
import { text } from '../print/text.js';
import { generatedSolver1D, type GeneratedSolver1D, type Solution1D } from '../codegen/generated-solver.js';
import { hamiltonianOf } from '../codegen/pde.js';
import { mul, num, pow, sub, sym } from '../ir/build.js';
import { NormalForm } from '../ir/normal-form.js';
import type { Expr } from '../ir/expr.js';
import {
  arcLengthMap, coleHopfQuadrature, ColeHopfUnresolved, convexFluxFromExpr, detectShocks, slopeToArcLength, uniformGrid,
  type ArcLengthMap, type DetectedShock, type Grid,
} from '../numerics/index.js';
import { DEFAULT_CFL } from '../codegen/solvers/index.js';
import { hopfLax, lagrangianOf } from '../shock/hopf-lax.js';
import { checkSolution, estimateWork, guardWork, MAX_CELLS, maximumPrincipleBounds, WORK_LIMIT, type SchemeKind, type WorkEstimate } from './solve-guards.js';
import type { LineProblem, LineSlice } from '../shock/shock-on-line.js';
import { SpecError } from '../spec/errors.js';
import type { Intermediates } from './derive.js';
import { InputError } from '../spec/errors.js';

/** docs/theory.md §1: H(p) = p^2/2, the only Hamiltonian the Cole-Hopf transform linearises. */
const BURGERS_HAMILTONIAN = mul(num(1, 2), pow(sym('p'), 2));

export const SCHEMES = ['weno5-imex', 'weno5', 'godunov-imex', 'godunov', 'cole-hopf', 'hj'] as const;
export type SolveScheme = (typeof SCHEMES)[number];
/**
 * The default: explicit WENO5 flux with implicit diffusion. Same tolerance against
 * Cole-Hopf as explicit WENO5 (<= 1e-5 on the double well at nu = 0.05; measured
 * 8.4e-7 vs 5.9e-7 at 300 cells, t = 0.5), dt limited by the advection CFL only
 * (bench/imex.ts); its time error is second order (Strang), so at equal grids on
 * smooth viscous data explicit WENO5, whose dt ~ dx^2/nu is tiny, is closer still.
 */
export const DEFAULT_SCHEME: SolveScheme = 'weno5-imex';

const KIND: Readonly<Record<SolveScheme, SchemeKind>> = {
  'weno5-imex': 'imex', 'godunov-imex': 'imex', weno5: 'explicit', godunov: 'explicit', hj: 'hj', 'cole-hopf': 'quadrature',
};

/** Which coordinate x is, and where the line comes from (`solve --json`: `coordinate`). */
export interface SolveCoordinate {
  /** Name of x: the line's own variable (flat) or 's', the arc length of `quotientVariable`. */
  readonly name: string;
  readonly metric: 'flat' | 'arc-length';
  /** What p is: the slope du/dx, e.g. 'du/ds'. */
  readonly slope: string;
  /** Where the line comes from (the shock stage's wording; TeX between $...$). */
  readonly origin: string;
  /** Arc length only: the quotient coordinate w, its inverse metric G(w) and the point where s = 0. */
  readonly quotientVariable?: string;
  readonly inverseMetric?: string;
  readonly anchor?: number;
  /** Arc length only: points where G = 0 (cone points, at finite distance). */
  readonly conePoints?: readonly number[];
  /** A slice theta* + s v: the parameters, theta* and the unit vector v. */
  readonly slice?: LineSlice;
}

export interface SolveShock extends DetectedShock {
  /** Arc length only: the shock's position in the quotient coordinate, w(location). */
  readonly quotientLocation?: number;
}

export interface SolveResult {
  readonly x: number[]; readonly u: number[]; readonly p: number[];
  readonly time: number; readonly viscosity: number; readonly scheme: SolveScheme;
  readonly shocks: readonly SolveShock[];
  readonly coordinate: SolveCoordinate;
  /** Arc length only: w(x) at every grid point. */
  readonly quotientCoordinate?: number[];
  readonly variable: string; readonly grid: number;
  /** The derived viscous HJ equation E = 0 (text) and the H(p) read off it: the flux of the p_t + H(p)_x = nu p_xx that was solved. */
  readonly equation: string;
  readonly hamiltonian: string;
  /** Time steps taken (0 for cole-hopf) and the work estimated before the solve started (steps x cells, an upper bound). */
  readonly steps: number;
  readonly estimate: WorkEstimate;
}

/** Initial data of the flat problem u_t + u_x^2/2 = nu u_xx on a grid. */
export interface LineData {
  /** u(x, 0) = Lbar on the whole line: Cole-Hopf integrates beyond the grid. */
  readonly u0: (x: number) => number;
  /** p(x, 0) = du0/dx at the cell centres. */
  readonly p0: Float64Array;
  /** Cole-Hopf integration window in x (holds the mass of the integrand). */
  readonly window: readonly [number, number];
}

/** Equal time segments a generated solve is run in: progress is reported between them. */
const SEGMENTS = 20;

/**
 * The scheme dispatch, the one place that names solvers: u and p = u_x at the
 * cell centres of `grid` at `time`, for u_t + H(u_x) = nu u_xx with H the
 * Hamiltonian of the derived equation. godunov/weno5/hj run the kernels
 * generated from H (src/codegen/solvers, the same text `export` prints),
 * compiled in-process; src/numerics keeps the hand-written solvers they are
 * tested against. godunov/weno5 evolve p (Burgers) and get u by the trapezoid
 * rule anchored at the left cell by Cole-Hopf; hj evolves u and differentiates;
 * cole-hopf is the exact quadrature (H = p^2/2 only: the Cole-Hopf transform).
 * Each generated solve runs in SEGMENTS equal time segments (always, so that
 * results do not depend on whether progress is shown), each CFL-limited and
 * ending exactly on its segment's end.
 */
export function runScheme(scheme: SolveScheme, grid: Grid, data: LineData, nu: number, time: number, H: Expr, onProgress?: (t: number) => void): { u: Float64Array; p: Float64Array; steps: number } {
  const exact = (x: Float64Array) => coleHopfQuadrature({ lbar: data.u0, nu, t: time, x, window: data.window });
  let steps = 0;
  const evolve = (solver: GeneratedSolver1D, initial: Float64Array): Solution1D => {
    let state = initial, last: Solution1D = { p: initial, steps: 0 };
    for (let k = 1; k <= SEGMENTS; k++) {
      last = solver(state, { dx: grid.dx, nu, time: (time * k) / SEGMENTS - (time * (k - 1)) / SEGMENTS });
      state = last.u ?? last.p;
      steps += last.steps;
      onProgress?.((time * k) / SEGMENTS);
    }
    return last;
  };
  return match(scheme)
    .with('cole-hopf', () => {
      if (!(nu > 0)) throw new InputError('--scheme cole-hopf needs a positive viscosity');
      if (!new NormalForm().isZero(sub(H, BURGERS_HAMILTONIAN))) throw new InputError(`--scheme cole-hopf solves H(p) = p^2/2 only (the derived H is ${text(H)})`);
      try {
        return { ...exact(grid.x), steps: 0 };
      } catch (e) {
        if (!(e instanceof ColeHopfUnresolved)) throw e;
        throw new InputError(`--scheme cole-hopf --time ${time}: ${e.message}`);
      }
    })
    .with('hj', () => {
      const r = evolve(generatedSolver1D(H, 'hj'), Float64Array.from(grid.x, data.u0));
      return { u: r.u!, p: r.p, steps };
    })
    .with('godunov', 'weno5', 'godunov-imex', 'weno5-imex', (s) => {
      const p = evolve(generatedSolver1D(H, s), data.p0).p;
      const u = new Float64Array(p.length);
      u[0] = anchorValue(data, H, grid.x[0], nu, time);
      for (let i = 1; i < p.length; i++) u[i] = u[i - 1] + 0.5 * (p[i] + p[i - 1]) * grid.dx;
      return { u, p, steps };
    })
    .exhaustive();
}

/**
 * u at one point x (the anchor of u = Int p): Cole-Hopf for nu > 0, Hopf-Lax for nu = 0.
 * At times so short that the quadrature cannot resolve the heat kernel
 * (sqrt(2 nu t) below its spacing), the first-order expansion
 * u(x, t) = u0(x) - t H(u0'(x)) + nu t u0''(x) + O(t^2), t then below h^2/(2 nu) (9e-9 on the double well).
 */
function anchorValue(data: LineData, H: Expr, x: number, nu: number, t: number): number {
  if (!(nu > 0)) return inviscidValue(data, H, x, t);
  try {
    return coleHopfQuadrature({ lbar: data.u0, nu, t, x: Float64Array.of(x), window: data.window }).u[0];
  } catch (e) {
    if (!(e instanceof ColeHopfUnresolved)) throw e;
    const h = 1e-4 * Math.max(1, Math.abs(x)), u0 = data.u0;
    const slope = (u0(x + h) - u0(x - h)) / (2 * h), curvature = (u0(x + h) - 2 * u0(x) + u0(x - h)) / (h * h);
    return u0(x) - t * compile(H, ['p'])([slope]) + nu * t * curvature;
  }
}

/**
 * nu = 0: the viscosity solution is the Hopf-Lax formula (docs/theory.md §1) with the Lagrangian of the derived H,
 * minimised over a fine grid of the Cole-Hopf window (used only to anchor u at one point).
 */
function inviscidValue(data: LineData, H: Expr, x: number, t: number): number {
  if (t === 0) return data.u0(x);
  const [a, b] = data.window, m = 20_000;
  const ys = Float64Array.from({ length: m + 1 }, (_, k) => a + ((b - a) * k) / m);
  const lagrangian = lagrangianOf(H, convexFluxFromExpr(H, 'p'));
  if (!lagrangian) throw new InputError(`--viscosity 0: the Hopf-Lax formula needs a strictly convex H (the derived H is ${text(H)})`);
  return hopfLax(ys, Float64Array.from(ys, data.u0), t, x, lagrangian).value;
}

/** The line as a flat problem: its coordinate, grid and initial data, and the way back to w. */
export interface FlatLine {
  readonly coordinate: SolveCoordinate;
  readonly grid: Grid;
  readonly data: LineData;
  readonly toQuotient?: (x: number) => number;
}

export function flatLine(line: LineProblem, cells: number, sourceFile: string): FlatLine {
  const w = line.variable, [lo, hi] = line.domain;
  const lbar = compile(line.loss, [w]), slope = compile(diff(line.loss, w), [w]);
  const L = (v: number): number => lbar([v]), dL = (v: number): number => slope([v]);
  const common = { origin: line.origin, ...(line.slice ? { slice: line.slice } : {}) };
  if (!line.metric) {
    const grid = uniformGrid(lo, hi, cells), half = (hi - lo) / 2;
    return {
      coordinate: { name: w, metric: 'flat', slope: `du/d${w}`, ...common },
      grid,
      data: { u0: L, p0: Float64Array.from(grid.x, dL), window: [lo - half, hi + half] },
    };
  }
  const G = compile(line.metric, [w]);
  const anchor = Math.min(Math.max(0, lo), hi);
  let map: ArcLengthMap;
  try {
    map = arcLengthMap((v) => G([v]), line.domain, { anchor });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // The range of w comes from the parameter box (quotient-line.ts): that is the key to change.
    throw new SpecError(sourceFile, 'domain', `expected a parameter box over which ${w} in [${lo}, ${hi}] has finite arc length Int d${w}/sqrt(G) for solve (${e.message.replace(/^arcLengthMap: /, '')})`);
  }
  const [s0, s1] = map.range, half = (s1 - s0) / 2;
  const grid = uniformGrid(s0, s1, cells);
  return {
    coordinate: {
      name: 's', metric: 'arc-length', slope: 'du/ds', ...common,
      quotientVariable: w, inverseMetric: text(line.metric), anchor, conePoints: map.conePoints,
    },
    grid,
    // u0(s) = Lbar(w(s)); beyond the box w(s) continues with the end metric (arc-length.ts).
    data: { u0: (s) => L(map.w(s)), p0: slopeToArcLength(map, dL, grid.x), window: [s0 - half, s1 + half] },
    toQuotient: map.w,
  };
}

export interface SolveOptions {
  readonly time: number;
  readonly viscosity?: number;
  readonly grid: number;
  readonly scheme: SolveScheme;
  /** Refuse (exit 2) when the estimated work (steps x cells) exceeds this; default WORK_LIMIT, Infinity lifts it. */
  readonly maxWork?: number;
  readonly onProgress?: (t: number) => void;
}

export function solveQuotient(im: Intermediates, o: SolveOptions): SolveResult {
  const nu = o.viscosity ?? im.viscosity.nu;
  if (o.grid > MAX_CELLS) throw new InputError(`--grid ${o.grid}: at most ${MAX_CELLS} cells`);
  const flat = flatLine(im.line, o.grid, im.spec.sourceFile);
  const { grid, toQuotient } = flat;
  const H = hamiltonianOf(im.coarse.hamiltonJacobi);
  const kind = KIND[o.scheme];
  const estimate = estimateWork(kind, {
    grid, p0: flat.data.p0, H, nu, time: o.time, segments: SEGMENTS, window: flat.data.window,
    cfl: o.scheme === 'cole-hopf' ? 1 : DEFAULT_CFL[o.scheme],
  });
  guardWork(o.scheme, kind, estimate, { nu, time: o.time, dx: grid.dx, maxWork: o.maxWork ?? WORK_LIMIT });
  const { u, p, steps } = runScheme(o.scheme, grid, flat.data, nu, o.time, H, o.onProgress);
  checkSolution({ u, p, x: grid.x }, maximumPrincipleBounds({ p0: flat.data.p0, u0: flat.data.u0, window: flat.data.window, grid, H, time: o.time, wholeWindow: o.scheme === 'cole-hopf' }));
  const shocks = detectShocks(grid.x, p, convexFluxFromExpr(H, 'p'), nu).map((s) => (toQuotient ? { ...s, quotientLocation: toQuotient(s.location) } : s));
  return {
    x: [...grid.x], u: [...u], p: [...p], time: o.time, viscosity: nu, scheme: o.scheme, shocks,
    coordinate: flat.coordinate,
    ...(toQuotient ? { quotientCoordinate: Array.from(grid.x, toQuotient) } : {}),
    variable: flat.coordinate.name, grid: o.grid,
    equation: `${text(im.coarse.hamiltonJacobi)} = 0`, hamiltonian: text(H), steps, estimate,
  };
}
