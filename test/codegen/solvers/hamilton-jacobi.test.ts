// The generated Lax-Friedrichs kernel for u_t + H(u_x) = nu u_xx
// (hj_lax_friedrichs, H read off the derived equation) against the hand-written
// src/numerics/hamilton-jacobi.ts: same operations, agreement to round-off
// (measured: bitwise equal for H = p^2/2, 1.5e-16 relative for a non-quadratic
// H); against Cole-Hopf quadrature (exact up to quadrature error) on the double
// well, where it converges at first order.
import { describe, expect, it } from 'vitest';
import { generatedSolver1D } from '../../../src/codegen/generated-solver.js';
import { hamiltonianOf } from '../../../src/codegen/pde.js';
import { hjLaxFriedrichsKernel } from '../../../src/codegen/solvers/hamilton-jacobi.js';
import { parseExpr } from '../../../src/ir/parse.js';
import { burgersFlux, coleHopfQuadrature, convexFluxFromExpr, solveHJ1D, uniformGrid } from '../../../src/numerics/index.js';
import { maxError } from '../../numerics/helpers.js';
import { maxRelativeError } from '../run-target.js';
import { expectTargetsAgree } from './parity.js';

const H = hamiltonianOf(parseExpr('u_t + u_x^2/2 - nu*u_xx'));
const SKEWED = parseExpr('sqrt(1 + p^2) + p/2');
const lbar = (w: number) => (w * w - 1) ** 2 / 4;

describe('hj_lax_friedrichs vs src/numerics (double well, outflow)', () => {
  it.each([
    ['H = p^2/2, nu = 0.05, t = 1', H, 0.05, 1, 1e-12],
    ['H = p^2/2, nu = 0, t = 2 (through the kink)', H, 0, 2, 1e-12],
    ['H = sqrt(1 + p^2) + p/2, nu = 0.05, t = 1', SKEWED, 0.05, 1, 1e-13],
  ] as const)('%s', (_, h, nu, time, tol) => {
    const grid = uniformGrid(-3, 3, 300), u0 = Float64Array.from(grid.x, lbar);
    const generated = generatedSolver1D(h, 'hj')(u0, { dx: grid.dx, nu, time });
    const reference = solveHJ1D({ grid, u0, time, nu, hamiltonian: h === H ? burgersFlux : convexFluxFromExpr(h, 'p'), bc: 'outflow', scheme: 'lax-friedrichs' });
    expect(generated.steps).toBe(reference.steps);
    expect(maxRelativeError(generated.u!, reference.u)).toBeLessThan(tol);
  });
});

describe('hj_lax_friedrichs vs Cole-Hopf quadrature (nu = 0.05, t = 1, |x| < 1.5)', () => {
  it('u and p = u_x converge at first order', () => {
    const errors = [300, 600].map((n) => {
      const grid = uniformGrid(-3, 3, n);
      const { u, p } = generatedSolver1D(H, 'hj')(Float64Array.from(grid.x, lbar), { dx: grid.dx, nu: 0.05, time: 1 });
      const exact = coleHopfQuadrature({ lbar, nu: 0.05, t: 1, x: grid.x, window: [-6, 6] });
      const inner = (i: number) => Math.abs(grid.x[i]) < 1.5;
      return { u: maxError(u!, exact.u, inner), p: maxError(p, exact.p, inner) };
    });
    expect(errors[1].u).toBeLessThan(5e-3); // measured 2.9e-3 on 600 nodes (5.8e-3 on 300)
    expect(errors[1].p).toBeLessThan(1e-2); // measured 5.3e-3 (1.0e-2 on 300)
    expect(Math.log2(errors[0].u / errors[1].u)).toBeGreaterThan(0.8); // measured 1.01
    expect(Math.log2(errors[0].p / errors[1].p)).toBeGreaterThan(0.8); // measured 0.97
  });
});

describe('hj_lax_friedrichs printed for C and Python/NumPy', () => {
  it('agrees with the in-process kernel to 1e-10', () => {
    const grid = uniformGrid(-3, 3, 120), u = new Float64Array(122);
    grid.x.forEach((x, i) => { u[i + 1] = lbar(x); });
    expectTargetsAgree(hjLaxFriedrichsKernel(H), u, [grid.dx, 0.05, 0.5, 0.9]);
  });
});
