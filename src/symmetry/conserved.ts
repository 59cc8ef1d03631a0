// Conserved quantities of gradient flow from linear symmetries (docs/theory.md §1):
// with d theta/dt = -grad L, d/dt (theta^T S theta) = -2 (S theta) . grad L,
// which vanishes when S theta is a symmetry generator, i.e. S symmetric and in
// the algebra. The symmetric part of the algebra is a null space again.
import { add, mul, num, pow, sym } from '../ir/build.js';
import type { Expr, Fraction } from '../ir/expr.js';
import { nullSpace, rank } from './exact-linear-algebra.js';

export function symmetricElements(basis: readonly Fraction[][][]): Fraction[][][] {
  if (basis.length === 0) return [];
  const n = basis[0].length;
  // rows: entries (i < j) of sum_k alpha_k (B_k - B_k^T) = 0
  const rows: Fraction[][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) rows.push(basis.map((B) => B[i][j].sub(B[j][i])));
  const alphas = rows.length ? nullSpace(rows, basis.length) : basis.map((_, k) => basis.map((__, l) => (k === l ? num(1).value : num(0).value)));
  const candidates = alphas.map((a) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => basis.reduce((s, B, k) => s.add(a[k].mul(B[i][j])), num(0).value))));
  // A redundant basis (e.g. rescalings inside GL(h)) gives zero or dependent S: keep an independent set.
  const kept: Fraction[][][] = [];
  for (const S of candidates) {
    const flat = [...kept, S].map((M) => M.flat());
    if (rank(flat, n * n) > kept.length) kept.push(S);
  }
  return kept;
}

/** Q = theta^T S theta. */
/** Q = theta^T S theta, written as sum_i S_ii theta_i^2 + sum_{i<j} 2 S_ij theta_i theta_j, first coefficient positive (Q and -Q are equally conserved). */
export function quadraticForm(S: readonly (readonly Fraction[])[], params: readonly string[]): Expr {
  const coef: { c: Fraction; e: Expr }[] = [];
  S.forEach((row, i) => {
    if (!row[i].equals(0)) coef.push({ c: row[i], e: pow(sym(params[i]), 2) });
    for (let j = i + 1; j < row.length; j++) {
      const c = row[j].add(S[j][i]);
      if (!c.equals(0)) coef.push({ c, e: mul(sym(params[i]), sym(params[j])) });
    }
  });
  const sign = coef.length && coef[0].c.s < 0n ? -1 : 1;
  return add(...coef.map(({ c, e }) => mul(num(c.mul(sign)), e)));
}
