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

  it('round trip w -> s -> w for the DESIGN metric G = sqrt(c^2 + 4 w^2), c = 1', () => {
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
  });
});
