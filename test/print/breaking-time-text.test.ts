import { describe, expect, it } from 'vitest';
import { breakingTimeText } from '../../src/print/breaking-time-text.js';

const fmt = (x: number | null): string => (x === null ? '-' : Number(x.toPrecision(4)).toString());

describe('breakingTimeText', () => {
  it.each([
    [{ time: 1.5, rho: 2 / 3 }, '1.5'],
    [{ time: null, rho: -0.5 }, '-'],
    [{ time: 0, rho: 0.25, kink: { location: -1, jump: 0.03 } }, '0+ (concave kink, [p] = 0.03; the smooth parts break at 1/rho = 4)'],
    [{ time: 0, rho: -0.3, kink: { location: 0.2, jump: 0.1 } }, '0+ (concave kink, [p] = 0.1)'],
  ])('%j -> %s', (r, text) => expect(breakingTimeText(r, fmt)).toBe(text));
});
