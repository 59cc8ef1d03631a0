// Linear Lie symmetries of a bare loss (DESIGN §1): xi = A theta with
// xi . grad L == 0. Each term theta_j d_i L is brought to the normal form; the
// identity sum_ij A_ij theta_j d_i L = 0 holds iff every monomial's coefficient
// vanishes, a linear system in the A_ij whose exact null space is the algebra.
import { add, mul, num, sym } from '../ir/build.js';
import type { Expr, Fraction } from '../ir/expr.js';
import { gradient } from '../ir/diff.js';
import { NormalForm } from '../ir/normal-form.js';
import { coefficientMatrix, nullSpace } from './exact-linear-algebra.js';

export interface LinearAlgebraBasis {
  /** Basis matrices A (n x n, exact). */
  readonly matrices: readonly Fraction[][][];
  /** Null when the loss is not a Laurent polynomial in its atoms (search not applicable). */
  readonly applicable: boolean;
}

export function linearSymmetryAlgebra(loss: Expr, params: readonly string[], nf: NormalForm = new NormalForm()): LinearAlgebraBasis {
  const n = params.length;
  const grad = gradient(loss, params);
  const columns: Map<string, Fraction>[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const c = nf.coefficients(mul(sym(params[j]), grad[i]));
    if (c === null) return { matrices: [], applicable: false };
    columns.push(c);
  }
  const basis = nullSpace(coefficientMatrix(columns), n * n);
  return { matrices: basis.map((v) => Array.from({ length: n }, (_, i) => v.slice(i * n, i * n + n))), applicable: true };
}

/** The vector field xi = A theta as expressions. */
export function infinitesimalGenerator(A: readonly (readonly Fraction[])[], params: readonly string[]): Expr[] {
  return A.map((row) => add(...row.map((a, j) => mul(num(a), sym(params[j])))));
}

/** xi . grad f */
export const lieDerivative = (field: readonly Expr[], f: Expr, params: readonly string[]): Expr =>
  add(...gradient(f, params).map((g, i) => mul(field[i], g)));
