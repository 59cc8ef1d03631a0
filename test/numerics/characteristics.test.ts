import { describe, expect, it } from 'vitest';
import { breakingTime } from '../../src/shock/breaking-time.js';
import { characteristicPositions, firstCrossing, traceCharacteristics } from '../../src/numerics/index.js';

// [name, Lbar', Lbar'', domain, t*, x*] (t* = null: characteristics never cross)
const cases = [
  ['double well', (y: number) => y ** 3 - y, (y: number) => 3 * y * y - 1, [-3, 3], 1, 0],
  ['-sin x', (y: number) => -Math.sin(y), (y: number) => -Math.cos(y), [-Math.PI, Math.PI], 1, 0],
  ['-sin(pi x)', (y: number) => -Math.sin(Math.PI * y), (y: number) => -Math.PI * Math.cos(Math.PI * y), [-1, 1], 1 / Math.PI, 0],
  ['tilted: 1/2 - sin(2 y)', (y: number) => 0.5 - Math.sin(2 * y), (y: number) => -2 * Math.cos(2 * y), [-1.3, 1.7], 0.5, 0.25],
  ['convex Lbar = y^2', (y: number) => 2 * y, () => 2, [-2, 2], null, null],
] as const;

describe('first crossing of characteristics x = y + t Lbar\'(y)', () => {
  it.each(cases)('%s: from samples of Lbar\'\'', (_, slope, curvature, domain, tStar, xStar) => {
    const c = firstCrossing({ slope, curvature, domain });
    if (tStar === null) { expect(c.time).toBeNull(); return; }
    expect(c.time).toBeCloseTo(tStar, 8);
    expect(c.location).toBeCloseTo(xStar!, 8);
  });

  it.each(cases)('%s: the direct tracer (Lbar\' only)', (_, slope, __, domain, tStar, xStar) => {
    const c = traceCharacteristics({ slope, domain, samples: 8001 });
    if (tStar === null) { expect(c.time).toBeNull(); return; }
    expect(c.time).toBeCloseTo(tStar, 5);
    expect(c.location).toBeCloseTo(xStar!, 5);
  });

  it('agrees with the shock stage (src/shock/breaking-time.ts) on the double well', () => {
    const b = breakingTime({ negCurvature: (w) => 1 - 3 * w * w, slope: (w) => w ** 3 - w }, [-3, 3]);
    const c = firstCrossing({ slope: (w) => w ** 3 - w, curvature: (w) => 3 * w * w - 1, domain: [-3, 3] });
    expect(c.time).toBeCloseTo(b.time!, 10);
  });

  it('just after t* neighbouring characteristics are out of order near x*, just before they are not', () => {
    const feet = Float64Array.from({ length: 2001 }, (_, i) => -0.5 + i / 2000);
    const ordered = (x: Float64Array) => x.every((v, i) => i === 0 || v > x[i - 1]);
    expect(ordered(characteristicPositions((y) => -Math.sin(y), feet, 0.999))).toBe(true);
    expect(ordered(characteristicPositions((y) => -Math.sin(y), feet, 1.001))).toBe(false);
  });
});
