// The generated Godunov kernel (burgers_godunov, built from the derived flux
// f = H) against the hand-written src/numerics/godunov.ts on the same grid and
// data: identical operations, so they agree to round-off (measured: bitwise equal
// for Burgers, 4.4e-16 relative for a non-quadratic H, whose f is evaluated by
// the printed kernel on one side and by the IR's `compile` on the other).
// Entropy: Riemann problems against the exact solution, the transonic fan included.
// Targets: C and Python/NumPy print of the same kernel agree with JS to 1e-10.
import { describe, expect, it } from 'vitest';
import { generatedSolver1D } from '../../../src/codegen/generated-solver.js';
import { godunovSolverKernel } from '../../../src/codegen/solvers/godunov.js';
import { parseExpr } from '../../../src/ir/parse.js';
import { burgersFlux, convexFluxFromExpr, riemannSolution, solveBurgers1D, uniformGrid } from '../../../src/numerics/index.js';
import { l1 } from '../../numerics/helpers.js';
import { maxRelativeError } from '../run-target.js';
import { expectTargetsAgree } from './parity.js';

const BURGERS = parseExpr('p^2/2');
/** Convex, not quadratic, sonic point -1/sqrt(3) (the entropy fix away from 0). */
const SKEWED = parseExpr('sqrt(1 + p^2) + p/2');

describe('burgers_godunov vs src/numerics (same grid and data, outflow)', () => {
  it.each([
    ['Burgers, double well p0 = x^3 - x, nu = 0.05, t = 1', BURGERS, 0.05, 1, 1e-12],
    ['Burgers, nu = 0.01, t = 2 (stationary shock at 0)', BURGERS, 0.01, 2, 1e-12],
    ['H = sqrt(1 + p^2) + p/2, nu = 0.02, t = 1', SKEWED, 0.02, 1, 1e-13],
  ] as const)('%s', (_, H, nu, time, tol) => {
    const grid = uniformGrid(-3, 3, 300);
    const p0 = Float64Array.from(grid.x, (x) => x * x * x - x);
    const generated = generatedSolver1D(H, 'godunov')(p0, { dx: grid.dx, nu, time });
    const reference = solveBurgers1D({ grid, p0, time, nu, flux: H === BURGERS ? burgersFlux : convexFluxFromExpr(H, 'p'), bc: 'outflow', scheme: 'godunov' });
    expect(generated.steps).toBe(reference.steps);
    expect(maxRelativeError(generated.p, reference.p)).toBeLessThan(tol);
  });
});

describe('entropy solution of Riemann problems (800 cells, t = 0.5)', () => {
  it.each([
    ['transonic rarefaction', -1, 1, 0.01], // measured L1 6.8e-3; an expansion shock would leave L1 ~ 1
    ['shock', 1, -0.5, 1e-3], // measured 4.8e-4
    ['rarefaction', 0.5, 1.5, 0.01], // measured 5.0e-3
  ])('%s (%d, %d): L1 error below %d', (_, pL, pR, tol) => {
    const grid = uniformGrid(-1, 1, 800);
    const { p } = generatedSolver1D(BURGERS, 'godunov')(Float64Array.from(grid.x, (x) => (x < 0 ? pL : pR)), { dx: grid.dx, nu: 0, time: 0.5 });
    expect(l1(p, Float64Array.from(grid.x, (x) => riemannSolution(burgersFlux, pL, pR, x / 0.5)), grid.dx)).toBeLessThan(tol);
  });
});

describe('burgers_godunov printed for C and Python/NumPy', () => {
  it('agrees with the in-process kernel to 1e-10', () => {
    const grid = uniformGrid(-3, 3, 120), p = new Float64Array(122);
    grid.x.forEach((x, i) => { p[i + 1] = x * x * x - x; });
    expectTargetsAgree(godunovSolverKernel(BURGERS), p, [grid.dx, 0.05, 0.5, 0.9]);
  });
});
