// Exact linear algebra over Q (fraction.js): reduced row echelon form and
// null space, for coefficient matching (docs/theory.md §1: linear symmetries are the
// null space of the coefficient system).
import { Fraction } from '../ir/expr.js';

export type QMatrix = Fraction[][];
const ZERO = new Fraction(0);

/** Reduced row echelon form (returns a new matrix) and the pivot columns. */
export function rref(m: readonly (readonly Fraction[])[], cols: number): { rows: Fraction[][]; pivots: number[] } {
  const rows = m.map((r) => [...r]);
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < cols && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && !row[c].equals(0));
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    const inv = new Fraction(1).div(rows[r][c]);
    rows[r] = rows[r].map((x) => x.mul(inv));
    for (let i = 0; i < rows.length; i++) {
      if (i === r || rows[i][c].equals(0)) continue;
      const f = rows[i][c];
      rows[i] = rows[i].map((x, j) => x.sub(f.mul(rows[r][j])));
    }
    pivots.push(c);
    r++;
  }
  return { rows: rows.slice(0, r), pivots };
}

/** Basis of { x : M x = 0 }, one vector per free column, in RREF-normal form. */
export function nullSpace(m: readonly (readonly Fraction[])[], cols: number): Fraction[][] {
  const { rows, pivots } = rref(m, cols);
  const free = Array.from({ length: cols }, (_, c) => c).filter((c) => !pivots.includes(c));
  return free.map((f) => {
    const x = Array.from({ length: cols }, () => ZERO);
    x[f] = new Fraction(1);
    pivots.forEach((pc, i) => { x[pc] = rows[i][f].neg(); });
    return x;
  });
}

export const rank = (m: readonly (readonly Fraction[])[], cols: number): number => rref(m, cols).pivots.length;

/**
 * Coefficient matching: given expressions' coefficient maps c_j (monomial ->
 * coefficient), the matrix whose rows are monomials and columns are j, so that
 * sum_j x_j e_j == 0 iff M x = 0.
 */
export function coefficientMatrix(columns: readonly ReadonlyMap<string, Fraction>[]): Fraction[][] {
  const keys = [...new Set(columns.flatMap((c) => [...c.keys()]))].sort();
  return keys.map((k) => columns.map((c) => c.get(k) ?? ZERO));
}
