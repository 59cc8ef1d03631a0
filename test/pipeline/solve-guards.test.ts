// The guards of `solve` (src/pipeline/solve-guards.ts): the work estimate is an
// upper bound on the steps actually taken, work past the limit and diffusion
// numbers past double precision are refused (exit 2), and the maximum-principle
// check rejects non-finite and out-of-bound solutions (exit 1) while passing the
// real solutions of the bundled examples.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/spec/errors.js';
import { parseExpr } from '../../src/ir/parse.js';
import { uniformGrid } from '../../src/numerics/index.js';
import { runPipeline, type Intermediates } from '../../src/pipeline/derive.js';
import { checkSolution, estimateWork, guardWork, maximumPrincipleBounds, SolveCheckFailed, WORK_LIMIT } from '../../src/pipeline/solve-guards.js';
import { runScheme, solveQuotient } from '../../src/pipeline/solve.js';
import { loadSpec } from '../../src/spec/load.js';

const BURGERS = parseExpr('p^2/2');
const grid = uniformGrid(-3, 3, 300);
const u0 = (w: number) => (w * w - 1) ** 2 / 4;
const data = { u0, p0: Float64Array.from(grid.x, (w) => w ** 3 - w), window: [-6, 6] as const };
let doubleWell: Intermediates | undefined;
const pipeline = () => (doubleWell ??= runPipeline(loadSpec('derivations/double-well/spec.yaml'), { rulesDir: 'rules' }).intermediates);

describe('estimateWork: an upper bound on the steps, from the maximum principle', () => {
  it.each([
    ['weno5', 'explicit', 0.5], ['godunov', 'explicit', 0.9], ['hj', 'hj', 0.9], ['weno5-imex', 'imex', 0.5], ['godunov-imex', 'imex', 0.9],
  ] as const)('%s (double well, 300 cells, nu = 0.05, t = 0.5): steps taken <= estimate', (scheme, kind, cfl) => {
    const e = estimateWork(kind, { grid, p0: data.p0, H: BURGERS, nu: 0.05, time: 0.5, cfl, segments: 20, window: data.window });
    const { steps } = runScheme(scheme, grid, data, 0.05, 0.5, BURGERS);
    expect(e.maxSpeed).toBeCloseTo(3 ** 3 - 3 - 0.6, 0); // max |p0| on the grid, ~23.4
    expect(steps).toBeLessThanOrEqual(e.steps);
    expect(e.work).toBe(e.steps * 300);
  });

  it('IMEX work does not grow with nu; explicit work grows like nu/dx^2', () => {
    const est = (kind: 'explicit' | 'imex', nu: number) => estimateWork(kind, { grid, p0: data.p0, H: BURGERS, nu, time: 2, cfl: 0.5, segments: 20, window: data.window }).work;
    expect(est('imex', 1e6)).toBe(est('imex', 0.05));
    expect(est('explicit', 1e6) / est('explicit', 1e3)).toBeGreaterThan(900);
  });
});

describe('guardWork: refusals are bad input (exit 2) with the estimate and a way out', () => {
  const e = estimateWork('explicit', { grid: uniformGrid(-3, 3, 3000), p0: Float64Array.from(uniformGrid(-3, 3, 3000).x, (w) => w ** 3 - w), H: BURGERS, nu: 0.05, time: 2, cfl: 0.5, segments: 20, window: data.window });
  it('explicit WENO5 at 3000 cells, t = 2, nu = 0.05 (92 s of CPU in issue 8) is refused, suggesting weno5-imex', () => {
    expect(e.work).toBeGreaterThan(WORK_LIMIT);
    expect(() => guardWork('weno5', 'explicit', e, { nu: 0.05, time: 2, dx: 0.002, maxWork: WORK_LIMIT })).toThrow(InputError);
    expect(() => guardWork('weno5', 'explicit', e, { nu: 0.05, time: 2, dx: 0.002, maxWork: WORK_LIMIT }))
      .toThrow(/estimated work 7\.\de8 cell-steps \(up to 2\.\de5 steps x 3e3 cells; dt limited by explicit diffusion.*use --scheme weno5-imex .*--allow-long/);
    expect(() => guardWork('weno5', 'explicit', e, { nu: 0.05, time: 2, dx: 0.002, maxWork: Infinity })).not.toThrow();
  });
  it('a diffusion number nu t/dx^2 beyond 1e200 is out of range', () => {
    expect(() => guardWork('weno5-imex', 'imex', { ...e, work: 1 }, { nu: 1e308, time: 2, dx: 0.005, maxWork: WORK_LIMIT })).toThrow(/nu t\/dx\^2 = Infinity is out of range/);
  });
});

describe('checkSolution: the maximum principle as an independent detector', () => {
  const bounds = maximumPrincipleBounds({ p0: data.p0, u0, window: data.window, grid, H: BURGERS, time: 0.5, wholeWindow: false });
  it('bounds: p in [min p0, max p0] on the grid, u in [min u0, max u0] on the window (H(0) = 0)', () => {
    expect(bounds.p[0]).toBeCloseTo(-(2.99 ** 3 - 2.99), 10);
    expect(bounds.p[1]).toBeCloseTo(2.99 ** 3 - 2.99, 10);
    expect(bounds.u[0]).toBeCloseTo(0, 6);
    expect(bounds.u[1]).toBeCloseTo(u0(6), 6);
  });
  it('passes a real solution, rejects NaN and the u = 5e289 of an unresolved quadrature', () => {
    const r = runScheme('weno5-imex', grid, data, 0.05, 0.5, BURGERS);
    expect(() => checkSolution({ ...r, x: grid.x }, bounds)).not.toThrow();
    const nan = r.p.slice(); nan[7] = NaN;
    expect(() => checkSolution({ u: r.u, p: nan, x: grid.x }, bounds)).toThrow(SolveCheckFailed);
    const huge = r.u.slice(); huge[0] = 5e289;
    expect(() => checkSolution({ u: huge, p: r.p, x: grid.x }, bounds)).toThrow(/u = 5e289 at x = -2\.99 violates the maximum principle/);
  });
});

describe('solveQuotient with the inputs of issue 10', () => {
  it('--time 1e-300: p = p0 to round-off, u = u0 up to the trapezoid rule that integrates u from p (was u = 5e289)', () => {
    const r = solveQuotient(pipeline(), { time: 1e-300, grid: 200, scheme: 'weno5-imex' });
    expect(r.steps).toBe(0); // below the time loop's 1e-14 tolerance: the data are the solution
    // the trapezoid rule's bound (length) dx^2/12 max|p0''| = 6 (0.03)^2/12 18 = 8.1e-3 (1.2e-4 measured)
    const dx = r.x[1] - r.x[0], trapezoid = (6 * dx * dx * 18) / 12;
    r.x.forEach((x, i) => {
      expect(Math.abs(r.u[i] - u0(x))).toBeLessThan(trapezoid);
      expect(r.p[i]).toBeCloseTo(x ** 3 - x, 12);
    });
    expect(r.u[0]).toBeCloseTo(u0(r.x[0]), 12); // the anchor: u0 - t H(u0') + nu t u0''
  });
  it('--viscosity 1e308 is out of range (was NaN everywhere, exit 0)', () => {
    expect(() => solveQuotient(pipeline(), { time: 2, viscosity: 1e308, grid: 200, scheme: 'weno5-imex' })).toThrow(InputError);
  });
  it('--viscosity 1e6 (weno5-imex): the Cole-Hopf anchor of u leaves the maximum principle and the check says so', () => {
    // The window [-6, 6] no longer holds the mass of the heat kernel (width 2000): u[0] = 1.2e7.
    expect(() => solveQuotient(pipeline(), { time: 2, viscosity: 1e6, grid: 200, scheme: 'weno5-imex' })).toThrow(SolveCheckFailed);
  });
  it('--time 1e9 is refused before any work; --grid past 1e6 before any allocation', () => {
    expect(() => solveQuotient(pipeline(), { time: 1e9, grid: 1200, scheme: 'weno5-imex' })).toThrow(/estimated work 1\.1e16 cell-steps/);
    expect(() => solveQuotient(pipeline(), { time: 1, grid: 2e9, scheme: 'weno5-imex' })).toThrow(/at most 1000000 cells/);
  });
  it('maxWork lifts or lowers the limit', () => {
    expect(() => solveQuotient(pipeline(), { time: 0.5, grid: 100, scheme: 'weno5-imex', maxWork: 1e3 })).toThrow(/exceeds the limit 1e3/);
    expect(solveQuotient(pipeline(), { time: 0.5, grid: 100, scheme: 'weno5-imex', maxWork: Infinity }).steps).toBeGreaterThan(0);
  });
});
