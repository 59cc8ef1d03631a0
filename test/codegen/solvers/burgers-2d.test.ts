// The generated 2-D kernel (burgers2d_godunov: Strang-split Godunov sweeps for
// p_t + f(p)_x + f(p)_y = nu Lap p, f = H) against the hand-written
// src/numerics/burgers-2d.ts on the same grids and data, outflow: the same
// sweeps in the same order, agreement to round-off (measured: bitwise equal).
import { describe, expect, it } from 'vitest';
import { generatedSolver2D } from '../../../src/codegen/generated-solver.js';
import { burgers2dGodunovKernel } from '../../../src/codegen/solvers/burgers-2d.js';
import { parseExpr } from '../../../src/ir/parse.js';
import { burgersFlux, solveBurgers2D, uniformGrid } from '../../../src/numerics/index.js';
import { maxRelativeError } from '../run-target.js';
import { expectTargetsAgree } from './parity.js';

const BURGERS = parseExpr('p^2/2');

describe('burgers2d_godunov vs src/numerics/burgers-2d.ts (outflow)', () => {
  it.each([
    ['smooth data, nu = 0.02, t = 0.8', 0.02, 0.8],
    ['inviscid, t = 1.5 (shocks in both directions)', 0, 1.5],
  ])('%s', (_, nu, time) => {
    const x = uniformGrid(-2, 2, 40), y = uniformGrid(-1.5, 1.5, 30);
    const p0 = new Float64Array(40 * 30);
    for (let j = 0; j < 30; j++) for (let i = 0; i < 40; i++) p0[j * 40 + i] = Math.sin(x.x[i]) * Math.cos(y.x[j]) - 0.3 * y.x[j];
    const generated = generatedSolver2D(BURGERS)(p0, { nx: 40, ny: 30, dx: x.dx, dy: y.dx, nu, time });
    const reference = solveBurgers2D({ x, y, p0, time, nu, flux: burgersFlux, bc: 'outflow' });
    expect(generated.steps).toBe(reference.steps);
    expect(maxRelativeError(generated.p, reference.p)).toBeLessThan(1e-12);
  });
});

describe('burgers2d_godunov printed for C and Python/NumPy', () => {
  it('agrees with the in-process kernel to 1e-10', () => {
    const nx = 24, ny = 16, W = nx + 2, dx = 4 / nx, dy = 3 / ny;
    const p = new Float64Array(W * (ny + 2));
    for (let j = 1; j <= ny; j++) for (let i = 1; i <= nx; i++) p[j * W + i] = Math.sin(-2 + (i - 0.5) * dx) - 0.3 * (-1.5 + (j - 0.5) * dy);
    expectTargetsAgree(burgers2dGodunovKernel(BURGERS), p, [nx, ny, dx, dy, 0.02, 0.5, 0.9]);
  });
});
