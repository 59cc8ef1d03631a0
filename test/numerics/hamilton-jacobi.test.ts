import { describe, expect, it } from 'vitest';
import { burgersFlux, coleHopfQuadrature, solveHJ1D, solveHamiltonJacobi1D, uniformGrid, type HamiltonianScheme } from '../../src/numerics/index.js';
import { maxError } from './helpers.js';

const lbar = (w: number) => (w * w - 1) ** 2 / 4;

/** Hopf-Lax (nu = 0): u = min_y Lbar(y) + (x - y)^2/(2t), by brute force on a fine grid. */
function hopfLax(x: number, t: number): number {
  let best = Infinity;
  for (let k = 0; k <= 60000; k++) { const y = -6 + k * 2e-4; best = Math.min(best, lbar(y) + ((x - y) * (x - y)) / (2 * t)); }
  return best;
}

describe('u_t + u_x^2/2 = nu u_xx on the double well, outflow', () => {
  const solve = (scheme: HamiltonianScheme, n: number, nu: number, t: number) => {
    const grid = uniformGrid(-3, 3, n);
    return { grid, u: solveHJ1D({ grid, u0: Float64Array.from(grid.x, lbar), time: t, nu, hamiltonian: burgersFlux, bc: 'outflow', scheme }).u };
  };
  const inner = (x: Float64Array) => (i: number) => Math.abs(x[i]) < 1.5;

  it.each(['lax-friedrichs', 'godunov'] as const)('%s: u converges to Cole-Hopf (nu = 0.05, t = 1) at first order', (scheme) => {
    const errs = [300, 600].map((n) => {
      const { grid, u } = solve(scheme, n, 0.05, 1);
      return maxError(u, coleHopfQuadrature({ lbar, nu: 0.05, t: 1, x: grid.x, window: [-6, 6] }).u, inner(grid.x));
    });
    expect(errs[1]).toBeLessThan(5e-3); // measured 2.9e-3 (LLF), 2.8e-3 (Godunov) on 600 nodes
    expect(Math.log2(errs[0] / errs[1])).toBeGreaterThan(0.8);
  });

  it.each(['lax-friedrichs', 'godunov'] as const)('%s: nu = 0 converges to the Hopf-Lax viscosity solution through the kink at t = 2', (scheme) => {
    const errs = [300, 600].map((n) => {
      const { grid, u } = solve(scheme, n, 0, 2);
      return maxError(u, Float64Array.from(grid.x, (x) => hopfLax(x, 2)), inner(grid.x));
    });
    expect(errs[1]).toBeLessThan(5e-3); // measured 2.9e-3 (LLF), 2.8e-3 (Godunov) on 600 nodes
    expect(errs[1]).toBeLessThan(0.7 * errs[0]);
  });

  it('the positional form is the Lax-Friedrichs scheme', () => {
    const grid = uniformGrid(-3, 3, 200), u0 = Float64Array.from(grid.x, lbar);
    expect(solveHamiltonJacobi1D(grid, u0, 0.5, 0.05, burgersFlux, 'outflow')).toEqual(solveHJ1D({ grid, u0, time: 0.5, nu: 0.05, hamiltonian: burgersFlux, bc: 'outflow' }).u);
  });
});
