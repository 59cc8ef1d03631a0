// `solve`: the derived viscous Burgers equation p_t + (p^2/2)_x = nu p_xx from
// p(x, 0) = dLbar/dx on the 1-D line the shock stage analysed
// (Intermediates.line): the 1-D quotient of an expression spec, or the slice
// theta* + s v of a higher-dimensional quotient (networks, bare expressions).
// Recipe (types in comments):
//   LineProblem -> FlatLine (coordinate x, uniform grid, u0 = Lbar, p0 = dLbar/dx)
//     -> runScheme (u, p on the grid) -> detectShocks -> SolveResult
// Coordinates (DESIGN §1): a flat line is solved in its own variable. A curved
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
  arcLengthMap, coleHopfQuadrature, convexFluxFromExpr, detectShocks, slopeToArcLength, uniformGrid,
  type ArcLengthMap, type DetectedShock, type Grid,
} from '../numerics/index.js';
import { hopfLax } from '../shock/hopf-lax.js';
import type { LineProblem, LineSlice } from '../shock/shock-on-line.js';
import { SpecError } from '../spec/errors.js';
import type { Intermediates } from './derive.js';
import { InputError } from '../spec/errors.js';

/** DESIGN §1: H(p) = p^2/2, the only Hamiltonian the Cole-Hopf transform linearises. */
const BURGERS_HAMILTONIAN = mul(num(1, 2), pow(sym('p'), 2));

export const SCHEMES = ['weno5', 'godunov', 'cole-hopf', 'hj'] as const;
export type SolveScheme = (typeof SCHEMES)[number];

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
export function runScheme(scheme: SolveScheme, grid: Grid, data: LineData, nu: number, time: number, H: Expr, onProgress?: (t: number) => void): { u: Float64Array; p: Float64Array } {
  const exact = (x: Float64Array) => coleHopfQuadrature({ lbar: data.u0, nu, t: time, x, window: data.window });
  const evolve = (solver: GeneratedSolver1D, initial: Float64Array): Solution1D => {
    let state = initial, last: Solution1D = { p: initial, steps: 0 };
    for (let k = 1; k <= SEGMENTS; k++) {
      last = solver(state, { dx: grid.dx, nu, time: (time * k) / SEGMENTS - (time * (k - 1)) / SEGMENTS });
      state = last.u ?? last.p;
      onProgress?.((time * k) / SEGMENTS);
    }
    return last;
  };
  return match(scheme)
    .with('cole-hopf', () => {
      if (!(nu > 0)) throw new InputError('--scheme cole-hopf needs a positive viscosity');
      if (!new NormalForm().isZero(sub(H, BURGERS_HAMILTONIAN))) throw new InputError(`--scheme cole-hopf solves H(p) = p^2/2 only (the derived H is ${text(H)})`);
      return exact(grid.x);
    })
    .with('hj', () => {
      const r = evolve(generatedSolver1D(H, 'hj'), Float64Array.from(grid.x, data.u0));
      return { u: r.u!, p: r.p };
    })
    .with('godunov', 'weno5', (s) => {
      const p = evolve(generatedSolver1D(H, s), data.p0).p;
      const u = new Float64Array(p.length);
      u[0] = nu > 0 ? exact(grid.x.subarray(0, 1)).u[0] : inviscidValue(data, grid.x[0], time);
      for (let i = 1; i < p.length; i++) u[i] = u[i - 1] + 0.5 * (p[i] + p[i - 1]) * grid.dx;
      return { u, p };
    })
    .exhaustive();
}

/**
 * nu = 0: the viscosity solution is the Hopf-Lax formula (DESIGN §1, H = p^2/2),
 * minimised over a fine grid of the Cole-Hopf window (used only to anchor u at one point).
 */
function inviscidValue(data: LineData, x: number, t: number): number {
  if (t === 0) return data.u0(x);
  const [a, b] = data.window, m = 20_000;
  const ys = Float64Array.from({ length: m + 1 }, (_, k) => a + ((b - a) * k) / m);
  return hopfLax(ys, Float64Array.from(ys, data.u0), t, x).value;
}

/** The line as a flat problem: its coordinate, grid and initial data, and the way back to w. */
interface FlatLine {
  readonly coordinate: SolveCoordinate;
  readonly grid: Grid;
  readonly data: LineData;
  readonly toQuotient?: (x: number) => number;
}

function flatLine(line: LineProblem, cells: number, sourceFile: string): FlatLine {
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

export function solveQuotient(im: Intermediates, o: { time: number; viscosity?: number; grid: number; scheme: SolveScheme; onProgress?: (t: number) => void }): SolveResult {
  const nu = o.viscosity ?? im.viscosity.nu;
  const flat = flatLine(im.line, o.grid, im.spec.sourceFile);
  const { grid, toQuotient } = flat;
  const H = hamiltonianOf(im.coarse.hamiltonJacobi);
  const { u, p } = runScheme(o.scheme, grid, flat.data, nu, o.time, H, o.onProgress);
  const shocks = detectShocks(grid.x, p, convexFluxFromExpr(H, 'p'), nu).map((s) => (toQuotient ? { ...s, quotientLocation: toQuotient(s.location) } : s));
  return {
    x: [...grid.x], u: [...u], p: [...p], time: o.time, viscosity: nu, scheme: o.scheme, shocks,
    coordinate: flat.coordinate,
    ...(toQuotient ? { quotientCoordinate: Array.from(grid.x, toQuotient) } : {}),
    variable: flat.coordinate.name, grid: o.grid,
  };
}
