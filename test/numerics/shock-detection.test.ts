import { describe, expect, it } from 'vitest';
import { burgersFlux, detectShocks, uniformGrid } from '../../src/numerics/index.js';

// docs/theory.md §1: viscous profile p = s - ([p]/2) tanh([p](x - x0)/(4 nu)).
const profile = (s: number, jump: number, x0: number, nu: number) => (x: number) => s - (jump / 2) * Math.tanh((jump * (x - x0)) / (4 * nu));

describe('shock detection', () => {
  const grid = uniformGrid(-2, 2, 2000);

  it.each([[0.2, 1, 0.3, 0.005], [-0.4, 2, -0.7, 0.01], [0, 0.6, 0, 0.02]])('a viscous profile (s = %d, [p] = %d, x0 = %d, nu = %d)', (s, jump, x0, nu) => {
    const p = Float64Array.from(grid.x, profile(s, jump, x0, nu));
    const found = detectShocks(grid.x, p, burgersFlux, nu);
    expect(found).toHaveLength(1);
    expect(found[0].location).toBeCloseTo(x0, 6);
    expect(found[0].speed).toBeCloseTo(s, 6); // symmetric profile: RH of the read states is s
    expect(found[0].left - found[0].right).toBeGreaterThan(0.95 * jump);
    expect(found[0].left - found[0].right).toBeLessThanOrEqual(jump);
  });

  it('two shocks, sorted by location', () => {
    const a = profile(0.5, 1, -1, 0.005), b = profile(-0.5, 1, 1, 0.005);
    const p = Float64Array.from(grid.x, (x) => (x < 0 ? a(x) : b(x)));
    expect(detectShocks(grid.x, p, burgersFlux, 0.005).map((s) => Math.round(s.location * 1e6) / 1e6)).toEqual([-1, 1]);
  });

  it('a smooth decreasing ramp is not a shock, however large its drop', () => {
    expect(detectShocks(grid.x, Float64Array.from(grid.x, (x) => -Math.sin(x)), burgersFlux, 0)).toHaveLength(0);
    // the same drop compressed to the viscous width is one
    expect(detectShocks(grid.x, Float64Array.from(grid.x, profile(0, 2, 0, 0.01)), burgersFlux, 0.01)).toHaveLength(1);
  });

  it('a steep profile wider than the viscosity allows is rejected (thickness test), accepted with the right nu', () => {
    const p = Float64Array.from(grid.x, profile(0, 1, 0, 0.05));
    expect(detectShocks(grid.x, p, burgersFlux, 0.001)).toHaveLength(0);
    expect(detectShocks(grid.x, p, burgersFlux, 0.05)).toHaveLength(1);
  });

  it('rising fronts (rarefactions) and jumps below minJump are ignored', () => {
    expect(detectShocks(grid.x, Float64Array.from(grid.x, (x) => Math.tanh(x / 0.01)), burgersFlux, 0)).toHaveLength(0);
    const p = Float64Array.from(grid.x, (x) => Math.sin(x) + profile(0, 0.01, 0.5, 0.001)(x));
    expect(detectShocks(grid.x, p, burgersFlux, 0.001, { minJump: 0.1 })).toHaveLength(0);
  });
});
