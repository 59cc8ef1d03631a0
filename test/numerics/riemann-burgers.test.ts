import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/ir/parse.js';
import { burgersFlux, convexFluxFromExpr, detectShocks, godunovFlux, laxEntropyCondition, rankineHugoniotSpeed, riemannSolution, riemannWave, solveBurgers1D, uniformGrid, type ConvexFlux } from '../../src/numerics/index.js';
import { seededRng } from '../../src/util/random.js';
import { l1 } from './helpers.js';

// A second convex flux with its minimiser away from 0: f = exp(p) - 2p, f' = exp(p) - 2, p_s = log 2.
const expFlux = convexFluxFromExpr(parseExpr('exp(p) - 2*p'), 'p');

describe('Rankine-Hugoniot and Lax', () => {
  it.each([[1, 0, 0.5], [2, -1, 0.5], [0, -1, -0.5], [3, 3, 3]])('Burgers s(%d, %d) = (pL + pR)/2 = %d', (pL, pR, s) => {
    expect(rankineHugoniotSpeed(burgersFlux, pL, pR)).toBeCloseTo(s, 14);
  });

  it('s = [f]/[p] for a non-Burgers flux', () => {
    expect(rankineHugoniotSpeed(expFlux, 1, -1)).toBeCloseTo((Math.E - 2 - (1 / Math.E + 2)) / 2, 12);
  });

  it.each([[1, 0, true], [0, 1, false], [2, -2, true], [-1, 1, false]])('Lax entropy condition for (%d, %d): %s', (pL, pR, ok) => {
    expect(laxEntropyCondition(burgersFlux, pL, pR)).toBe(ok);
    expect(laxEntropyCondition(expFlux, pL, pR)).toBe(ok);
  });
});

describe('exact Riemann solution', () => {
  it('classifies the wave, with the transonic flag', () => {
    expect(riemannWave(burgersFlux, 1, 0)).toEqual({ kind: 'shock', speed: 0.5 });
    expect(riemannWave(burgersFlux, 0.5, 1)).toEqual({ kind: 'rarefaction', tail: 0.5, head: 1, transonic: false });
    expect(riemannWave(burgersFlux, -1, 1)).toEqual({ kind: 'rarefaction', tail: -1, head: 1, transonic: true });
  });

  it.each([-0.7, -0.2, 0, 0.4, 0.9])('Burgers fan p = x/t at x/t = %d', (xi) => {
    expect(riemannSolution(burgersFlux, -1, 1, xi)).toBeCloseTo(xi, 12);
  });

  it('the fan of f = exp(p) - 2p is p = log(xi + 2)', () => {
    for (const xi of [-1.5, -0.5, 0, 0.5]) expect(riemannSolution(expFlux, -1, 1, xi)).toBeCloseTo(Math.log(xi + 2), 12);
  });

  it('the Godunov flux is f at the exact solution on x/t = 0 (seeded random states, two fluxes)', () => {
    const rng = seededRng(11);
    for (const flux of [burgersFlux, expFlux]) {
      for (let k = 0; k < 500; k++) {
        const pL = rng.uniform(-3, 3), pR = rng.uniform(-3, 3);
        expect(godunovFlux(flux, pL, pR)).toBeCloseTo(flux.flux(riemannSolution(flux, pL, pR, 0)), 10);
      }
    }
  });
});

describe('Godunov scheme vs the exact Riemann solution (nu = 0, t = 1, L1)', () => {
  const run = (flux: ConvexFlux, pL: number, pR: number, n = 800) => {
    const grid = uniformGrid(-2, 2, n);
    const { p } = solveBurgers1D({ grid, p0: Float64Array.from(grid.x, (x) => (x < 0 ? pL : pR)), time: 1, nu: 0, flux, bc: 'outflow', scheme: 'godunov' });
    return { grid, p, exact: Float64Array.from(grid.x, (x) => riemannSolution(flux, pL, pR, x)) };
  };

  // L1 errors at 800 cells (measured): shocks 1.7e-3, rarefaction 6.8e-3, transonic 1.4e-2;
  // f = exp(p) - 2p: shock 2.8e-3, transonic 2.8e-2. Fans converge at about dx log(1/dx).
  it.each([
    ['Burgers right-moving shock (1, 0)', burgersFlux, 1, 0, 3e-3],
    ['Burgers left-moving shock (0, -1)', burgersFlux, 0, -1, 3e-3],
    ['Burgers rarefaction (0, 1)', burgersFlux, 0, 1, 1e-2],
    ['Burgers transonic rarefaction (-1, 1)', burgersFlux, -1, 1, 2e-2],
    ['exp(p) - 2p shock (1, -1)', expFlux, 1, -1, 5e-3],
    ['exp(p) - 2p transonic rarefaction (-1, 1.5)', expFlux, -1, 1.5, 4e-2],
  ] as const)('%s: L1 error on 800 cells below tolerance, and converging', (_, flux, pL, pR, tol) => {
    const coarse = run(flux, pL, pR, 400), fine = run(flux, pL, pR, 800);
    const e400 = l1(coarse.p, coarse.exact, coarse.grid.dx), e800 = l1(fine.p, fine.exact, fine.grid.dx);
    expect(e800).toBeLessThan(tol);
    expect(Math.log2(e400 / e800)).toBeGreaterThan(0.6);
    if (pL > pR) {
      const shocks = detectShocks(fine.grid.x, fine.p, flux);
      expect(shocks).toHaveLength(1);
      const s = rankineHugoniotSpeed(flux, pL, pR);
      expect(shocks[0].speed).toBeCloseTo(s, 4); // RH from the captured states (first order: 1e-5 off)
      expect(Math.abs(shocks[0].location - s)).toBeLessThan(2 * fine.grid.dx); // the shock travelled s t
    }
  });

  it('the transonic rarefaction needs the entropy fix: without it the expansion shock stays', () => {
    const noFix: ConvexFlux = { ...burgersFlux, fluxMinimiser: Infinity }; // the sonic point never inside [pL, pR]
    const fixed = run(burgersFlux, -1, 1, 400), broken = run(noFix, -1, 1, 400);
    expect(l1(fixed.p, fixed.exact, fixed.grid.dx)).toBeLessThan(0.03);
    expect(l1(broken.p, broken.exact, broken.grid.dx)).toBeGreaterThan(0.5); // |x| < 1: |sign(x) - x| integrates to 1
  });
});
