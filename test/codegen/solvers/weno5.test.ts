// The generated WENO5 + SSP-RK3 kernel (burgers_weno5, from the derived flux
// f = H) against the hand-written src/numerics/weno5.ts + ssp-rk3.ts: the same
// operations in the same order (Lax-Friedrichs splitting with alpha per stage,
// Jiang-Shu weights with eps = 1e-6, fourth-order central diffusion, SSP-RK3
// with u/3 in the last stage), so they agree to round-off (measured: bitwise
// equal for Burgers, 8.4e-16 relative for a non-quadratic H). Convergence order
// ~5 on smooth data before breaking; entropy solutions of Riemann problems.
import { describe, expect, it } from 'vitest';
import { generatedSolver1D } from '../../../src/codegen/generated-solver.js';
import { weno5SolverKernel } from '../../../src/codegen/solvers/weno5.js';
import { uniformGrid } from '../../../src/numerics/index.js';
import { characteristicSolution, fittedOrder, l1 } from '../../numerics/helpers.js';
import { BURGERS, describeReferenceParity, describeRiemannProblems, expectTargetsAgree } from './parity.js';

describeReferenceParity('weno5');

describe('order of accuracy before breaking (nu = 0, outflow)', () => {
  it('fitted order >= 4.5 on 80..640 points (measured 4.98; pairwise 4.6, 5.1, 5.2)', () => {
    // A bump on a constant state: p0 = 1/2 + exp(-8x^2)/4 on [-2, 2], t = 0.4 < t* = 1.65.
    // The boundary values stay 1/2 (to 1e-14), so outflow ghosts are exact and the
    // order is the scheme's; dt ~ dx^(5/3) makes RK3's O(dt^3) error O(dx^5).
    const p0 = (x: number) => 0.5 + 0.25 * Math.exp(-8 * x * x), T = 0.4;
    const ns = [80, 160, 320, 640];
    const errors = ns.map((n) => {
      const grid = uniformGrid(-2, 2, n);
      const { p } = generatedSolver1D(BURGERS, 'weno5')(Float64Array.from(grid.x, p0), { dx: grid.dx, nu: 0, time: T, cfl: 0.5 * (n / 40) ** (-2 / 3) });
      return l1(p, Float64Array.from(grid.x, (x) => characteristicSolution(p0, x, T, 0.75)), grid.dx);
    });
    expect(errors[errors.length - 1]).toBeLessThan(1e-8); // measured 2.7e-9
    expect(fittedOrder(ns, errors)).toBeGreaterThan(4.5);
  });
});

describeRiemannProblems('weno5', [
  ['transonic rarefaction', -1, 1, 5e-3], // measured L1 1.9e-3
  ['shock', 1, -0.5, 5e-3], // measured 1.3e-3
  ['rarefaction', 0.5, 1.5, 5e-3], // measured 1.4e-3
]);

describe('burgers_weno5 printed for C and Python/NumPy', () => {
  it('agrees with the in-process kernel to 1e-10', () => {
    const grid = uniformGrid(-3, 3, 120), p = new Float64Array(126);
    grid.x.forEach((x, i) => { p[i + 3] = x * x * x - x; });
    expectTargetsAgree(weno5SolverKernel(BURGERS), p, [grid.dx, 0.05, 0.5, 0.5]);
  });
});
