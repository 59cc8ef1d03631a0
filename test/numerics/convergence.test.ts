// Measured orders on smooth periodic data before breaking (docs/theory.md §6):
// p0 = 1/2 + sin(pi x)/4 on [-1, 1], nu = 0, t = 0.4 (t* = 4/pi = 1.27).
// Godunov evolves cell averages and is compared with cell averages of the exact
// solution; finite-difference WENO5 evolves point values and is compared
// pointwise. The exact solution is p0 at the foot of the characteristic.
import { describe, expect, it } from 'vitest';
import { burgersFlux, solveBurgers1D, uniformGrid } from '../../src/numerics/index.js';
import { cellAverage, characteristicSolution, fittedOrder, l1 } from './helpers.js';

const p0 = (x: number) => 0.5 + 0.25 * Math.sin(Math.PI * x);
const T = 0.4;
const exact = (x: number) => characteristicSolution(p0, x, T, 1);

describe('convergence on smooth data before t* (periodic, nu = 0)', () => {
  it('Godunov: fitted order in [0.8, 1.2] (measured 1.00 on 100..800 cells)', () => {
    const ns = [100, 200, 400, 800];
    const errors = ns.map((n) => {
      const grid = uniformGrid(-1, 1, n);
      const { p } = solveBurgers1D({ grid, p0: Float64Array.from(grid.x, (c) => cellAverage(p0, c, grid.dx)), time: T, nu: 0, flux: burgersFlux, bc: 'periodic', scheme: 'godunov' });
      return l1(p, Float64Array.from(grid.x, (c) => cellAverage(exact, c, grid.dx)), grid.dx);
    });
    const q = fittedOrder(ns, errors);
    expect(q).toBeGreaterThan(0.8);
    expect(q).toBeLessThan(1.2);
  });

  it('WENO5 + SSP-RK3: fitted order >= 4.5 (measured about 5.1 on 40..320 cells)', () => {
    // dt ~ dx^(5/3) so that RK3's O(dt^3) error is O(dx^5) and the spatial order shows.
    const ns = [40, 80, 160, 320];
    const errors = ns.map((n) => {
      const grid = uniformGrid(-1, 1, n);
      const { p } = solveBurgers1D({ grid, p0: Float64Array.from(grid.x, p0), time: T, nu: 0, flux: burgersFlux, bc: 'periodic', scheme: 'weno5', cfl: 0.5 * (n / 20) ** (-2 / 3) });
      return l1(p, Float64Array.from(grid.x, exact), grid.dx);
    });
    expect(errors[errors.length - 1]).toBeLessThan(1e-9);
    expect(fittedOrder(ns, errors)).toBeGreaterThan(4.5);
  });
});
