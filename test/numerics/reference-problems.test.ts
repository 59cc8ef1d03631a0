// docs/theory.md §6 reference problems, solved by the schemes and compared with exact
// references (Cole-Hopf quadrature, characteristics).
import { describe, expect, it } from 'vitest';
import { burgersFlux, coleHopfQuadrature, detectShocks, firstCrossing, solveBurgers1D, traceCharacteristics, uniformGrid, type Scheme } from '../../src/numerics/index.js';
import { characteristicSolution, l1, maxError } from './helpers.js';

describe('double well Lbar = (w^2 - 1)^2/4 on [-3, 3], p0 = w^3 - w, outflow, t = 2', () => {
  const lbar = (w: number) => (w * w - 1) ** 2 / 4;
  const solve = (scheme: Scheme, n: number, nu: number) => {
    const grid = uniformGrid(-3, 3, n);
    const { p } = solveBurgers1D({ grid, p0: Float64Array.from(grid.x, (w) => w ** 3 - w), time: 2, nu, flux: burgersFlux, bc: 'outflow', scheme });
    return { grid, p, ref: coleHopfQuadrature({ lbar, nu, t: 2, x: grid.x, window: [-6, 6] }) };
  };
  const awayFromShock = (x: Float64Array) => (i: number) => Math.abs(x[i]) > 0.4 && Math.abs(x[i]) < 2;

  // Measured: Godunov 6.8e-3, 3.5e-3, 1.8e-3 on 375, 750, 1500 cells; WENO5 3e-7 on 300 cells.
  it.each([['godunov', 1500], ['weno5', 300]] as const)('nu = 0.05: %s on %d cells is within 2e-3 of Cole-Hopf away from the shock', (scheme, n) => {
    const { grid, p, ref } = solve(scheme, n, 0.05);
    expect(maxError(p, ref.p, awayFromShock(grid.x))).toBeLessThan(2e-3);
  });

  it('nu = 0.05: Godunov converges to Cole-Hopf at first order', () => {
    const [e1, e2] = [375, 750].map((n) => { const { grid, p, ref } = solve('godunov', n, 0.05); return maxError(p, ref.p, awayFromShock(grid.x)); });
    expect(Math.log2(e1 / e2)).toBeGreaterThan(0.85);
    expect(Math.log2(e1 / e2)).toBeLessThan(1.15);
  });

  it('nu = 0.01: one stationary shock at x = 0; WENO5 matches Cole-Hopf through it', () => {
    const { grid, p, ref } = solve('weno5', 600, 0.01);
    expect(maxError(p, ref.p, (i) => Math.abs(grid.x[i]) < 2.5)).toBeLessThan(1e-4); // measured 2.6e-5, the shock included
    const shocks = detectShocks(grid.x, p, burgersFlux, 0.01);
    expect(shocks).toHaveLength(1);
    expect(Math.abs(shocks[0].location)).toBeLessThan(1e-6);
    expect(Math.abs(shocks[0].speed)).toBeLessThan(1e-6);
    expect(shocks[0].left).toBeGreaterThan(0.25); // inviscid states +-0.354 (y = 1/sqrt 2), viscously rounded
    expect(shocks[0].right).toBeCloseTo(-shocks[0].left, 10);
  });

  it('nu = 0.01: Godunov also puts the shock at x = 0', () => {
    const { grid, p } = solve('godunov', 750, 0.01);
    const shocks = detectShocks(grid.x, p, burgersFlux, 0.01);
    expect(shocks).toHaveLength(1);
    expect(Math.abs(shocks[0].location)).toBeLessThan(grid.dx);
  });
});

describe('inviscid p0 = -sin x, periodic on [-pi, pi]', () => {
  const grid = uniformGrid(-Math.PI, Math.PI, 800);
  const p0 = Float64Array.from(grid.x, (x) => -Math.sin(x));
  const at = (t: number) => solveBurgers1D({ grid, p0, time: t, nu: 0, flux: burgersFlux, bc: 'periodic', scheme: 'godunov' }).p;

  it('characteristics give t* = 1 at x* = 0', () => {
    const data = { slope: (y: number) => -Math.sin(y), domain: [-Math.PI, Math.PI] as const };
    for (const c of [firstCrossing({ ...data, curvature: (y) => -Math.cos(y) }), traceCharacteristics(data)]) {
      expect(c.time).toBeCloseTo(1, 5);
      expect(c.location).toBeCloseTo(0, 10);
    }
  });

  it('at t = 1 the solution is still continuous and matches characteristics; no shock yet at t = 0.9', () => {
    const exact = Float64Array.from(grid.x, (x) => characteristicSolution((y) => -Math.sin(y), x, 1, 1));
    expect(l1(at(1), exact, grid.dx)).toBeLessThan(0.02);
    expect(detectShocks(grid.x, at(0.9), burgersFlux)).toHaveLength(0);
  });

  it('at t = 1.5 one shock at x = 0 with the states of the characteristics (xi = t sin xi, p = +-sin xi)', () => {
    const t = 1.5;
    let xi = 1;
    for (let k = 0; k < 100; k++) xi = t * Math.sin(xi);
    const shocks = detectShocks(grid.x, at(t), burgersFlux);
    expect(shocks).toHaveLength(1);
    expect(Math.abs(shocks[0].location)).toBeLessThan(1e-9);
    expect(shocks[0].left).toBeCloseTo(Math.sin(xi), 2);
    expect(shocks[0].right).toBeCloseTo(-Math.sin(xi), 2);
  });
});

describe('viscous benchmark p0 = -sin(pi x) on [-1, 1], nu = 0.01/pi (Basdevant et al. 1986)', () => {
  const nu = 0.01 / Math.PI;
  const u0 = (y: number) => Math.cos(Math.PI * y) / Math.PI; // u(x, 0) with u_x = p0; periodic, so the whole-line formula holds

  it('breaking time 1/pi at x = 0', () => {
    const c = firstCrossing({ slope: (y) => -Math.sin(Math.PI * y), curvature: (y) => -Math.PI * Math.cos(Math.PI * y), domain: [-1, 1] });
    expect(c.time).toBeCloseTo(1 / Math.PI, 8);
    expect(c.location).toBeCloseTo(0, 10);
  });

  it('WENO5 at t = 1.6037/pi: Cole-Hopf to 1e-6 away from x = 0, stationary shock at 0, max slope 152.005', () => {
    const t = 1.6037 / Math.PI, grid = uniformGrid(-1, 1, 800);
    const { p } = solveBurgers1D({ grid, p0: Float64Array.from(grid.x, (x) => -Math.sin(Math.PI * x)), time: t, nu, flux: burgersFlux, bc: 'periodic', scheme: 'weno5' });
    const ref = coleHopfQuadrature({ lbar: u0, nu, t, x: grid.x, window: [-3, 3] });
    expect(maxError(p, ref.p, (i) => Math.abs(grid.x[i]) > 0.1)).toBeLessThan(1e-6);
    expect(maxError(p, ref.p)).toBeLessThan(1e-2);
    const [s] = detectShocks(grid.x, p, burgersFlux, nu);
    expect(Math.abs(s.location)).toBeLessThan(1e-9);
    // The cell centres straddle x = 0: the central slope there is the benchmark's max |p_x| = 152.00516, to a few %.
    const i = grid.n / 2;
    expect(-(p[i] - p[i - 1]) / grid.dx).toBeGreaterThan(0.95 * 152.00516);
  });
});
