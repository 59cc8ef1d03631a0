import { describe, expect, it } from 'vitest';
import { ModularSpan, MODULUS } from '../../src/symmetry/modular-span.js';
import { seededRng } from '../../src/util/random.js';

const vec = (xs: readonly number[]): Map<number, number> => new Map(xs.map((x, i) => [i, x] as const).filter(([, x]) => x !== 0));

/** Rank over Q by exact fraction-free elimination on BigInt (the independent reference). */
function rankOverQ(rows: readonly (readonly number[])[]): number {
  const m = rows.map((r) => r.map(BigInt));
  let rank = 0;
  const n = m[0]?.length ?? 0;
  for (let c = 0; c < n && rank < m.length; c++) {
    const p = m.findIndex((r, i) => i >= rank && r[c] !== 0n);
    if (p < 0) continue;
    [m[rank], m[p]] = [m[p], m[rank]];
    for (let i = rank + 1; i < m.length; i++) {
      const f = m[i][c], g = m[rank][c];
      if (f !== 0n) m[i] = m[i].map((x, k) => x * g - m[rank][k] * f);
    }
    rank++;
  }
  return rank;
}

describe('ModularSpan', () => {
  it('agrees with the rank over Q on random integer matrices with planted dependences', () => {
    const rng = seededRng(3);
    for (let trial = 0; trial < 30; trial++) {
      const n = 3 + Math.floor(rng.uniform(0, 8));
      const base = Array.from({ length: 1 + Math.floor(rng.uniform(0, n)) }, () => Array.from({ length: n }, () => (rng.uniform(0, 1) < 0.4 ? Math.floor(rng.uniform(-50, 50)) : 0)));
      // rows that are integer combinations of earlier ones
      const rows = [...base];
      for (let k = 0; k < 4; k++) {
        const a = Math.floor(rng.uniform(-3, 4)), b = Math.floor(rng.uniform(-3, 4));
        const i = Math.floor(rng.uniform(0, rows.length)), j = Math.floor(rng.uniform(0, rows.length));
        rows.push(rows[i].map((x, c) => a * x + b * rows[j][c]));
      }
      const span = new ModularSpan();
      const added = rows.map((r) => span.add(vec(r)));
      expect(span.dimension).toBe(rankOverQ(rows));
      // greedy: each row is kept iff it raises the rank of the rows before it
      rows.forEach((_, k) => expect(added[k]).toBe(rankOverQ(rows.slice(0, k + 1)) > rankOverQ(rows.slice(0, k))));
    }
  });

  it('sees a dependence with large and negative entries exactly', () => {
    const span = new ModularSpan();
    expect(span.add(vec([123456789, -987654321, 5]))).toBe(true);
    expect(span.add(vec([-246913578, 1975308642, -10]))).toBe(false); // -2 times the first
    expect(span.add(vec([-246913578, 1975308643, -10]))).toBe(true); // off by one in the middle entry
    expect(span.add(vec([0, 0, 1]))).toBe(true);
    expect(span.add(vec([1, 0, 0]))).toBe(false); // rank 3 in R^3 already
    expect(span.dimension).toBe(3);
  });

  it('a vector that is a multiple of the modulus is zero there (the documented one-sided error)', () => {
    const span = new ModularSpan();
    expect(span.add(vec([MODULUS, 2 * MODULUS]))).toBe(false);
  });
});
