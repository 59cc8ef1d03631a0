// The generated 2-D Lax-Friedrichs kernel for u_t + H(u_x) + H(u_y) = nu Lap u
// (hj2d_lax_friedrichs; p = grad u, the gradient-field Burgers equation of
// docs/theory.md §1) against (a) the 1-D generated hj_lax_friedrichs: on separable data
// u0 = f(x) + g(y) the scheme splits exactly by direction, so with the same dt
// the 2-D solution is the sum of two 1-D solves (round-off); (b) Cole-Hopf
// quadrature on the double well in both coordinates, u = u1(x, t) + u1(y, t);
// (c) the same well rotated by 45 degrees, u = u1((x + y)/sqrt2, t) +
// u1((x - y)/sqrt2, t) (|grad u|^2 and Lap are rotation invariant), which the
// scheme does not split: its genuinely 2-D behaviour; (d) C and NumPy parity.
import { describe, expect, it } from 'vitest';
import { generatedHJ2D, generatedSolver1D } from '../../../src/codegen/generated-solver.js';
import { hamiltonianOf } from '../../../src/codegen/pde.js';
import { hj2dLaxFriedrichsKernel } from '../../../src/codegen/solvers/hamilton-jacobi-2d.js';
import { parseExpr } from '../../../src/ir/parse.js';
import { coleHopfQuadrature, uniformGrid } from '../../../src/numerics/index.js';
import { maxRelativeError } from '../run-target.js';
import { expectTargetsAgree } from './parity.js';

const H = hamiltonianOf(parseExpr('u_t + u_x^2/2 - nu*u_xx'));
const SKEWED = parseExpr('sqrt(1 + p^2) + p/2');
/** The 1-D double well W (docs/theory.md §1 example Lbar). */
const well = (w: number) => (w * w - 1) ** 2 / 4;
const bump = (y: number) => 0.5 * Math.sin(2 * y) + (y * y) / 4;
const S = Math.SQRT1_2;

/** f(x_i) + g(y_j), row-major nx x ny. */
const separable = (x: Float64Array, y: Float64Array, f: (x: number) => number, g: (y: number) => number) =>
  Float64Array.from({ length: x.length * y.length }, (_, c) => f(x[c % x.length]) + g(y[Math.floor(c / x.length)]));

describe('hj2d_lax_friedrichs on u0 = f(x) + g(y) is the sum of two 1-D hj_lax_friedrichs solves', () => {
  // One kernel call with t_end = tau and a Courant number too large to bind takes
  // exactly one step dt = tau (timeLoop: dt = min(cfl / rate, t_end - t)), so K calls
  // run the 2-D and both 1-D kernels with the same dt sequence, tau everywhere.
  it.each([
    ['H = p^2/2', H, 1e-14], // measured 4.6e-16 relative
    ['H = sqrt(1 + p^2) + p/2', SKEWED, 1e-14], // measured 1.5e-15
  ] as const)('%s, fixed dt = 2e-3 (dt (ax/dx + 2nu/dx^2 + ay/dy + 2nu/dy^2) ~ 0.3 at t = 0), 250 steps', (_, h, tol) => {
    const x = uniformGrid(-2, 2, 60), y = uniformGrid(-1.5, 1.5, 40), tau = 2e-3, nu = 0.05, one = { nu, time: tau, cfl: 1e30 };
    let u: Float64Array = separable(x.x, y.x, well, bump), f: Float64Array = Float64Array.from(x.x, well), g: Float64Array = Float64Array.from(y.x, bump);
    for (let k = 0; k < 250; k++) {
      const two = generatedHJ2D(h)(u, { nx: 60, ny: 40, dx: x.dx, dy: y.dx, ...one });
      expect(two.steps).toBe(1);
      u = two.u;
      f = generatedSolver1D(h, 'hj')(f, { dx: x.dx, ...one }).u!;
      g = generatedSolver1D(h, 'hj')(g, { dx: y.dx, ...one }).u!;
    }
    const sum = Float64Array.from({ length: u.length }, (_, c) => f[c % 60] + g[Math.floor(c / 60)]);
    expect(maxRelativeError(u, sum)).toBeLessThan(tol);
  });

  it('adaptive dt: f = g, dx = dy, the 1-D cfl halved gives the 2-D dt (H = p^2/2, nu = 0.05, t = 1)', () => {
    // the 2-D rate is (ax/dx + 2nu/dx^2) + (ay/dy + 2nu/dy^2) = 2 x the 1-D rate when ax = ay
    const grid = uniformGrid(-3, 3, 80);
    const two = generatedHJ2D(H)(separable(grid.x, grid.x, well, well), { nx: 80, ny: 80, dx: grid.dx, dy: grid.dx, nu: 0.05, time: 1 });
    const one = generatedSolver1D(H, 'hj')(Float64Array.from(grid.x, well), { dx: grid.dx, nu: 0.05, time: 1, cfl: 0.45 });
    expect(two.steps).toBe(one.steps);
    const sum = Float64Array.from({ length: 80 * 80 }, (_, c) => one.u![c % 80] + one.u![Math.floor(c / 80)]);
    expect(maxRelativeError(two.u, sum)).toBeLessThan(1e-14); // measured 6.5e-16 relative
    expect(maxRelativeError(two.px, Float64Array.from({ length: 80 * 80 }, (_, c) => one.p[c % 80]))).toBeLessThan(1e-13); // measured 4.7e-15 (a difference quotient: round-off / dx)
  });
});

/**
 * Max error of u and of p = grad u on |x|, |y| < 1.5 against Cole-Hopf quadrature
 * (nu = 0.05, t = 1, [-3, 3]^2, n x n nodes). The exact solution is
 * u1(a) + u1(b) with (a, b) = (x, y), or ((x + y)/sqrt2, (x - y)/sqrt2) rotated.
 */
function errorsAgainstColeHopf(n: number, rotated: boolean): { u: number; p: number } {
  const grid = uniformGrid(-3, 3, n), nu = 0.05;
  const coords = (x: number, y: number): [number, number] => (rotated ? [S * (x + y), S * (x - y)] : [x, y]);
  const u0 = Float64Array.from({ length: n * n }, (_, c) => coords(grid.x[c % n], grid.x[Math.floor(c / n)]).map(well).reduce((s, v) => s + v, 0));
  const r = generatedHJ2D(H)(u0, { nx: n, ny: n, dx: grid.dx, dy: grid.dx, nu, time: 1 });
  const inner = Array.from({ length: n * n }, (_, c) => c).filter((c) => Math.abs(grid.x[c % n]) < 1.5 && Math.abs(grid.x[Math.floor(c / n)]) < 1.5);
  const ab = Float64Array.from(inner.flatMap((c) => coords(grid.x[c % n], grid.x[Math.floor(c / n)])));
  const exact = coleHopfQuadrature({ lbar: well, nu, t: 1, x: ab, window: [-6, 6] });
  let eu = 0, ep = 0;
  inner.forEach((c, k) => {
    const [pa, pb] = [exact.p[2 * k], exact.p[2 * k + 1]];
    // grad u by the chain rule: rotated, u_x = (u1'(a) + u1'(b))/sqrt2, u_y = (u1'(a) - u1'(b))/sqrt2
    const [px, py] = rotated ? [S * (pa + pb), S * (pa - pb)] : [pa, pb];
    eu = Math.max(eu, Math.abs(r.u[c] - (exact.u[2 * k] + exact.u[2 * k + 1])));
    ep = Math.max(ep, Math.abs(r.px[c] - px), Math.abs(r.py[c] - py));
  });
  return { u: eu, p: ep };
}

describe('hj2d_lax_friedrichs vs Cole-Hopf quadrature (nu = 0.05, t = 1, |x|, |y| < 1.5)', () => {
  it('double well in both coordinates: u and p = grad u converge at first order', () => {
    const [coarse, fine] = [100, 200].map((n) => errorsAgainstColeHopf(n, false));
    expect(fine.u).toBeLessThan(2.5e-2); // measured 1.80e-2 on 200 x 200 nodes (3.81e-2 on 100 x 100): twice the 1-D error, as u = u1(x) + u1(y)
    expect(fine.p).toBeLessThan(2.5e-2); // measured 1.61e-2 (3.28e-2)
    expect(Math.log2(coarse.u / fine.u)).toBeGreaterThan(0.8); // measured 1.08
    expect(Math.log2(coarse.p / fine.p)).toBeGreaterThan(0.8); // measured 1.02
  }, 60_000);

  it('double well rotated by 45 degrees (not split by the scheme): first order too', () => {
    const [coarse, fine] = [100, 200].map((n) => errorsAgainstColeHopf(n, true));
    expect(fine.u).toBeLessThan(1.5e-2); // measured 1.02e-2 on 200 x 200 nodes (2.08e-2 on 100 x 100)
    expect(fine.p).toBeLessThan(3e-2); // measured 2.22e-2 (4.39e-2)
    expect(Math.log2(coarse.u / fine.u)).toBeGreaterThan(0.8); // measured 1.03
    expect(Math.log2(coarse.p / fine.p)).toBeGreaterThan(0.8); // measured 0.985
  }, 60_000);
});

describe('hj2d_lax_friedrichs printed for C and Python/NumPy', () => {
  it.each([
    ['H = p^2/2', H],
    ['H = sqrt(1 + p^2) + p/2', SKEWED],
  ] as const)('%s: agrees with the in-process kernel to 1e-10 (rotated double well, nx != ny)', (_, h) => {
    const nx = 24, ny = 16, W = nx + 2, dx = 4 / nx, dy = 3 / ny;
    const u = new Float64Array(W * (ny + 2));
    for (let j = 1; j <= ny; j++) {
      for (let i = 1; i <= nx; i++) {
        const x = -2 + (i - 0.5) * dx, y = -1.5 + (j - 0.5) * dy;
        u[j * W + i] = well(S * (x + y)) + well(S * (x - y));
      }
    }
    expectTargetsAgree(hj2dLaxFriedrichsKernel(h), u, [nx, ny, dx, dy, 0.05, 0.3, 0.9]); // measured bitwise equal in C and NumPy
  });
});
