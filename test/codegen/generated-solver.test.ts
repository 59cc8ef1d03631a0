// The in-process entry points: compiled once per (H, scheme), grid arrays in,
// solution out; input validation; the HJ slope p = centred difference of u
// (one-sided at the ends, as `solve` reports it).
import { describe, expect, it } from 'vitest';
import { generatedSolver1D, generatedSolver2D } from '../../src/codegen/generated-solver.js';
import { parseExpr } from '../../src/ir/parse.js';
import { uniformGrid } from '../../src/numerics/index.js';

const H = parseExpr('p^2/2');

describe('generatedSolver1D / generatedSolver2D', () => {
  it('compiles once per (H, scheme): the same function for the same derived H', () => {
    expect(generatedSolver1D(parseExpr('p^2/2'), 'weno5')).toBe(generatedSolver1D(H, 'weno5'));
    expect(generatedSolver1D(H, 'godunov')).not.toBe(generatedSolver1D(H, 'weno5'));
    expect(generatedSolver1D(parseExpr('p^2/2 + p'), 'godunov')).not.toBe(generatedSolver1D(H, 'godunov'));
    expect(generatedSolver2D(H)).toBe(generatedSolver2D(parseExpr('p^2/2')));
  });

  it('leaves its input alone and returns the interior values only', () => {
    const grid = uniformGrid(-3, 3, 50), p0 = Float64Array.from(grid.x, (x) => x * x * x - x), copy = p0.slice();
    const r = generatedSolver1D(H, 'weno5')(p0, { dx: grid.dx, nu: 0.05, time: 0.2 });
    expect(p0).toEqual(copy);
    expect(r.p.length).toBe(50);
    expect(r.steps).toBeGreaterThan(0);
    expect(generatedSolver1D(H, 'godunov')(p0, { dx: grid.dx, nu: 0.05, time: 0 })).toEqual({ p: p0, steps: 0 });
  });

  it('hj: p is the centred difference of u, one-sided at the two ends', () => {
    const grid = uniformGrid(-3, 3, 60), dx = grid.dx;
    const { u, p } = generatedSolver1D(H, 'hj')(Float64Array.from(grid.x, (w) => (w * w - 1) ** 2 / 4), { dx, nu: 0.05, time: 0.5 });
    const n = u!.length;
    expect(Math.abs(p[0] - (u![1] - u![0]) / dx)).toBeLessThan(1e-12);
    expect(Math.abs(p[n - 1] - (u![n - 1] - u![n - 2]) / dx)).toBeLessThan(1e-12);
    expect(p[7]).toBe((u![8] - u![6]) / (2 * dx));
  });

  it('refuses bad grids and parameters', () => {
    expect(() => generatedSolver1D(H, 'godunov')(new Float64Array(2), { dx: 0.1, nu: 0, time: 1 })).toThrow(/at least 3 cells/);
    expect(() => generatedSolver1D(H, 'hj')(new Float64Array(10), { dx: 0.1, nu: -1, time: 1 })).toThrow(/nu >= 0/);
    expect(() => generatedSolver2D(H)(new Float64Array(10), { nx: 3, ny: 4, dx: 0.1, dy: 0.1, nu: 0, time: 1 })).toThrow(/10 values for 3 x 4 cells/);
  });
});
