import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/ir/parse.js';
import { burgersFlux, convexFluxFromExpr, fluxMinimiser, isConvexOn } from '../../src/numerics/index.js';

describe('conservation law from a derived flux expression', () => {
  it('p^2/2 compiles to the Burgers flux, derivative and minimiser', () => {
    const f = convexFluxFromExpr(parseExpr('p^2/2'), 'p');
    for (const p of [-2.5, -0.3, 0, 0.7, 4]) {
      expect(f.flux(p)).toBeCloseTo(burgersFlux.flux(p), 14);
      expect(f.dflux(p)).toBeCloseTo(burgersFlux.dflux(p), 14);
    }
    expect(f.fluxMinimiser).toBe(0);
  });

  it.each([
    ['(p - 1)^2/2 + p^4', (p: number) => p - 1 + 4 * p ** 3],
    ['exp(p) - 3*p', (p: number) => Math.exp(p) - 3],
    ['p^2 + 0.5*p', (p: number) => 2 * p + 0.5],
  ])('the minimiser of %s is the root of its derivative', (src, df) => {
    const ps = convexFluxFromExpr(parseExpr(src), 'p').fluxMinimiser;
    expect(Math.abs(df(ps))).toBeLessThan(1e-10);
  });

  it('a monotone flux has its minimiser at infinity', () => {
    expect(fluxMinimiser(Math.exp)).toBe(-Infinity);
    expect(fluxMinimiser((p) => -Math.exp(-p))).toBe(Infinity);
  });

  it('convexity is checked on samples', () => {
    expect(isConvexOn(convexFluxFromExpr(parseExpr('p^4/4 + p'), 'p'), -3, 3)).toBe(true);
    expect(isConvexOn(convexFluxFromExpr(parseExpr('p^3/3'), 'p'), -3, 3)).toBe(false);
  });
});
