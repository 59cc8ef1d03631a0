// The breaking-time estimator against exact inviscid Burgers data: for a
// concave quadratic Lbar = -rho x^2/2 (+ a convex far field) the characteristics
// give p(x, t) = -rho x/(1 - rho t) exactly, so E[y] = x - t p is known and the
// estimator must return t* = 1/rho, x* = 0, independently of any prediction.
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/util/random.js';
import { compressionSeries, measureShock } from '../../src/verify/shock-measure.js';

const linspace = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** Per-chain means ybar[k][j][i] = x - t p(x, t) + noise (the same noise at every x: common random numbers). */
function chains(p: (x: number, t: number) => number, xs: number[], ts: number[], noise: number, K = 16) {
  const rng = seededRng(5);
  return Array.from({ length: K }, () => ts.map((t) => { const e = noise * rng.normal(); return xs.map((x) => x - t * p(x, t) + e * (1 + 0.1 * x)); }));
}

describe('measured breaking time and place', () => {
  const xs = linspace(-1, 1, 21);
  it.each([[0.5], [1], [2]])('concave quadratic, rho = %d: t* = 1/rho from 1/c(0+)', (rho) => {
    const tStar = 1 / rho, shift = 0.3;
    const ts = linspace((2 * tStar) / 16, 2 * tStar, 16);
    const p = (x: number, t: number) => (-rho * (x - shift)) / (1 - rho * Math.min(t, 0.999 * tStar));
    const m = measureShock(xs, compressionSeries(xs, ts, chains(p, xs, ts, 1e-4)), tStar / 2);
    expect(m.time).not.toBeNull();
    expect(Math.abs(m.time! - tStar)).toBeLessThan(0.02 * tStar);
    expect(m.timeError!).toBeLessThan(0.01 * tStar);
  });

  it('the location follows the steepest characteristic: x*(t) = y* + t Lbar\'(y*)', () => {
    // Lbar' = y^3 - y - 0.2 (a tilted double well): steepest at y* = 0, moving with speed -0.2;
    // p from the characteristics solved by Newton (smooth before t* = 1).
    const slope = (y: number) => y ** 3 - y - 0.2;
    const p = (x: number, t: number) => {
      let y = x;
      for (let k = 0; k < 60; k++) y -= (y + t * slope(y) - x) / (1 + t * (3 * y * y - 1));
      return slope(y);
    };
    const fine = linspace(-1, 1, 41);
    const ts = linspace(1 / 8, 0.5, 4);
    const m = measureShock(fine, compressionSeries(fine, ts, chains(p, fine, ts, 1e-5)), 0.5);
    expect(m.time!).toBeCloseTo(1, 1);
    expect(Math.abs(m.location! - -0.2)).toBeLessThan(3 * m.locationError!);
  });

  it('a convex line has no significant compression and no breaking time', () => {
    const ts = linspace(0.1, 2, 16);
    const p = (x: number, t: number) => (2 * x) / (1 + 2 * t);
    const m = measureShock(xs, compressionSeries(xs, ts, chains(p, xs, ts, 1e-3)), 0.5);
    expect(m.time).toBeNull();
    expect(m.maxLowerBound).toBeLessThan(0);
  });
});
