import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction } from '../../src/ir/expr.js';
import { coefficientMatrix, nullSpace, rank, rref } from '../../src/symmetry/exact-linear-algebra.js';
import { seededRng } from '../../src/util/random.js';

const Q = (rows: (number | string)[][]): Fraction[][] => rows.map((r) => r.map((x) => new Fraction(x)));
const times = (M: Fraction[][], v: Fraction[]): Fraction[] => M.map((row) => row.reduce((s, x, j) => s.add(x.mul(v[j])), new Fraction(0)));
const isZeroVec = (v: Fraction[]): boolean => v.every((x) => x.equals(0));

describe('exact linear algebra over Q', () => {
  it('rref of a rank-2 matrix with a rational pivot', () => {
    const { rows, pivots } = rref(Q([[2, 4, 1], [1, 2, '1/2'], [0, 1, 3]]), 3);
    expect(pivots).toEqual([0, 1]);
    expect(rows.map((r) => r.map((x) => x.toFraction()))).toEqual([['1', '0', '-11/2'], ['0', '1', '3']]);
  });

  it.each([
    [[[1, 1], [1, 1]], 1],
    [[[1, 0], [0, 1]], 0],
    [[[0, 0, 0]], 3],
    [[['1/3', '2/3', 1], [1, 2, 3]], 2],
  ])('null space of %j has dimension %i and is annihilated', (rows, dim) => {
    const M = Q(rows as (number | string)[][]);
    const N = nullSpace(M, M[0].length);
    expect(N).toHaveLength(dim);
    N.forEach((v) => expect(isZeroVec(times(M, v))).toBe(true));
  });

  it('property: M v = 0 for every basis vector and rank + nullity = columns', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }),
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 25, maxLength: 25 }),
      (r, c, xs) => {
        const M = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (__, j) => new Fraction(xs[i * 5 + j])));
        const N = nullSpace(M, c);
        return N.every((v) => isZeroVec(times(M, v))) && rank(M, c) + N.length === c && rank(N, c) === N.length;
      }), { seed: 11, numRuns: 200 });
  });

  it('agrees with SymPy (rank and the span of the null space) on seeded random integer matrices', () => {
    const rng = seededRng(5);
    // low-rank products so that null spaces are non-trivial
    const mats = Array.from({ length: 12 }, (_, k) => {
      const r = 2 + (k % 4), c = 3 + (k % 5), inner = 1 + (k % 3);
      const U = Array.from({ length: r }, () => Array.from({ length: inner }, () => Math.round(rng.uniform(-3, 3))));
      const V = Array.from({ length: inner }, () => Array.from({ length: c }, () => Math.round(rng.uniform(-3, 3))));
      return U.map((u) => V[0].map((_, j) => u.reduce((s, x, l) => s + x * V[l][j], 0)));
    });
    const py = `
import json, sys, sympy as sp
out = []
for m in json.loads(sys.stdin.read()):
    M = sp.Matrix(m)
    out.append({'rank': int(M.rank()), 'null': [[str(x) for x in v] for v in M.nullspace()]})
print(json.dumps(out))`;
    const ref = JSON.parse(execFileSync('python3', ['-c', py], { input: JSON.stringify(mats) }).toString()) as { rank: number; null: string[][] }[];
    mats.forEach((m, k) => {
      const M = Q(m), c = m[0].length;
      const ours = nullSpace(M, c);
      const theirs = ref[k].null.map((v) => v.map((x) => new Fraction(x)));
      expect(rank(M, c)).toBe(ref[k].rank);
      expect(ours).toHaveLength(theirs.length);
      // same subspace: stacking both bases does not raise the rank
      expect(rank([...ours, ...theirs], c)).toBe(ours.length);
    });
  });

  it('coefficientMatrix: rows are monomials (sorted), columns the expressions', () => {
    const cols = [new Map([['x', new Fraction(1)], ['y', new Fraction(2)]]), new Map([['y', new Fraction(-1)]])];
    expect(coefficientMatrix(cols).map((r) => r.map((x) => x.valueOf()))).toEqual([[1, 0], [2, -1]]);
  });
});
