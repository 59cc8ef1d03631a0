import { describe, expect, it } from 'vitest';
import { arcLengthMap, scalarFromArcLength, slopeFromArcLength, slopeToArcLength, uniformGrid } from '../../src/numerics/index.js';

describe('arc length s = Int dw / sqrt(G)', () => {
  // G = 1 + w^2: s(w) = asinh(w) - asinh(lo) exactly.
  const map = arcLengthMap((w) => 1 + w * w, [-3, 3]);

  it('matches the closed form asinh and its inverse sinh to 1e-10', () => {
    expect(map.length).toBeCloseTo(2 * Math.asinh(3), 11);
    for (const w of [-3, -2.2, -0.1, 0, 0.77, 2.9, 3]) {
      expect(map.s(w)).toBeCloseTo(Math.asinh(w) + Math.asinh(3), 10);
      expect(map.w(Math.asinh(w) + Math.asinh(3))).toBeCloseTo(w, 10);
    }
  });

  it('round trip w -> s -> w for the example metric of docs/theory.md §1 G = sqrt(c^2 + 4 w^2), c = 1', () => {
    const m = arcLengthMap((w) => Math.sqrt(1 + 4 * w * w), [-2, 2]);
    for (let k = 0; k <= 40; k++) { const w = -2 + k * 0.1; expect(m.w(m.s(w))).toBeCloseTo(w, 10); }
    // ds/dw = G^(-1/2) by a central difference
    expect((m.s(0.5 + 1e-5) - m.s(0.5 - 1e-5)) / 2e-5).toBeCloseTo((1 + 4 * 0.25) ** -0.25, 8);
  });

  it('maps data and a solution there and back: p_s = sqrt(G) Lbar\', u unchanged', () => {
    const lbar = (w: number) => (w * w - 1) ** 2 / 4, slope = (w: number) => w ** 3 - w;
    const sGrid = uniformGrid(0, map.length, 4000);
    const ps = slopeToArcLength(map, slope, sGrid.x);
    // p_s is dLbar/ds: compare with a difference quotient of Lbar(w(s))
    const i = 1234, h = 1e-5;
    expect(ps[i]).toBeCloseTo((lbar(map.w(sGrid.x[i] + h)) - lbar(map.w(sGrid.x[i] - h))) / (2 * h), 5);
    const w = Float64Array.from({ length: 50 }, (_, k) => -2.5 + k * 0.1);
    slopeFromArcLength(map, sGrid.x, ps, w).forEach((v, k) => expect(v).toBeCloseTo(slope(w[k]), 3));
    scalarFromArcLength(map, sGrid.x, Float64Array.from(sGrid.x, (s) => lbar(map.w(s))), w).forEach((v, k) => expect(v).toBeCloseTo(lbar(w[k]), 3));
  });

  it('rejects a metric that is not positive', () => {
    expect(() => arcLengthMap((w) => w, [-1, 1])).toThrow(/not positive/);
    expect(() => arcLengthMap(() => 0, [-1, 1])).toThrow(/not positive/);
  });
});

describe('arc length through a cone point (G vanishes, 1/sqrt(G) integrable)', () => {
  // scalar-linear on the balanced level set: G = sqrt(c^2 + 4 w^2) at c = 0 is 2|w|, and
  // s = Int_0^w dw'/sqrt(2|w'|) = sign(w) sqrt(2|w|), w = sign(s) s^2/2 (closed form).
  const G = (w: number) => Math.sqrt(4 * w * w);
  const sExact = (w: number) => Math.sign(w) * Math.sqrt(2 * Math.abs(w));
  const wExact = (s: number) => (Math.sign(s) * s * s) / 2;
  // Tolerances: the substituted Gauss rule is exact to rounding for this G (1e-14 measured,
  // the zero a node); with the zero between samples it is located by golden section to
  // ~1e-25, and s near a cone point is only as accurate as sqrt of that (5e-13 measured).
  it.each([
    ['zero on a node', [-4, 4], 2049, 1e-12],
    ['zero between nodes', [-3, 4.1], 2049, 1e-11],
    ['zero between nodes, coarse', [-3, 4.1], 257, 1e-10],
    ['zero at the left end', [0, 4], 513, 1e-12],
    ['zero at the right end', [-4, 0], 513, 1e-12],
  ] as const)('%s: s(w) and w(s) match the closed form', (_, domain, nodes, tol) => {
    const m = arcLengthMap(G, domain, { nodes, anchor: 0 });
    expect(m.conePoints).toHaveLength(1);
    expect(Math.abs(m.conePoints[0])).toBeLessThan(1e-20);
    expect(m.range[0]).toBeCloseTo(sExact(domain[0]), 11);
    expect(m.range[1]).toBeCloseTo(sExact(domain[1]), 11);
    let es = 0, ew = 0;
    for (let k = 0; k <= 2000; k++) {
      const w = domain[0] + ((domain[1] - domain[0]) * k) / 2000;
      es = Math.max(es, Math.abs(m.s(w) - sExact(w)));
      ew = Math.max(ew, Math.abs(m.w(sExact(w)) - w));
    }
    expect(es).toBeLessThan(tol);
    expect(ew).toBeLessThan(3 * tol);
    expect(m.sqrtG(0)).toBe(0);
  });

  it('beyond the domain the metric is frozen at its end value (C^1 continuation)', () => {
    const m = arcLengthMap(G, [-4, 4], { anchor: 0 });
    const [, s1] = m.range;
    expect(m.w(s1 + 0.5)).toBeCloseTo(4 + 0.5 * Math.sqrt(8), 12);
    expect(m.s(4 + 0.5 * Math.sqrt(8))).toBeCloseTo(s1 + 0.5, 12);
  });

  it('a zero of order 2 is infinitely far away: rejected with the reason', () => {
    expect(() => arcLengthMap((w) => w * w, [-1, 1])).toThrow(/order 2\.00 at w = 0.*infinitely far/);
  });
});
