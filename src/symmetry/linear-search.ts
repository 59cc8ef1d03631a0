// Linear Lie symmetries of a bare loss (docs/theory.md §1): xi = A theta with
// xi . grad L == 0. Each term theta_j d_i L is brought to the normal form; the
// identity sum_ij A_ij theta_j d_i L = 0 holds iff every monomial's coefficient
// vanishes, a linear system in the A_ij whose exact null space is the algebra.
// Sound but possibly incomplete: the atoms (exp, tanh, H, ...) are treated as
// independent, so every null-space vector is a true symmetry, while a symmetry
// that needs a relation between atoms would be missed.
import { add, mul, num, sym } from '../ir/build.js';
import type { Expr, Fraction } from '../ir/expr.js';
import { gradient } from '../ir/diff.js';
import { NormalForm, type Poly } from '../ir/normal-form.js';
import { coefficientMatrix, nullSpace } from './exact-linear-algebra.js';
import { compile } from '../ir/evaluate.js';
import { numericalRank, randomPoint } from './generic-rank.js';

export interface LinearAlgebraBasis {
  /** Basis matrices A (n x n, exact), A[i][j] the coefficient of theta_j in xi_i. */
  readonly matrices: readonly Fraction[][][];
}

/**
 * Coefficient maps of e_1..e_m after multiplying all of them by one common
 * non-zero multiple M of their normal-form denominators (the product of the
 * distinct ones; the normal form does not cancel common factors, so no
 * division is needed). Hence sum_k x_k e_k == 0 iff sum_k x_k col_k == 0,
 * which makes coefficient matching work for rational losses too.
 */
export function commonDenominatorCoefficients(exprs: readonly Expr[], nf: NormalForm): Map<string, Fraction>[] {
  const rats = exprs.map((e) => nf.rat(e));
  const denominators = new Map<string, Poly>();
  for (const r of rats) denominators.set(nf.polyKey(r.den), r.den);
  return rats.map((r) => {
    const own = nf.polyKey(r.den);
    let scaled = r.num;
    for (const [key, den] of denominators) if (key !== own) scaled = nf.polyMul(scaled, den);
    return nf.coefficientMap(scaled);
  });
}

export function linearSymmetryAlgebra(loss: Expr, params: readonly string[], nf: NormalForm = new NormalForm()): LinearAlgebraBasis {
  const n = params.length;
  const grad = gradient(loss, params);
  // Column (i, j) of the system: the coefficients of theta_j d_i L (unknown A_ij).
  const terms: Expr[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) terms.push(mul(sym(params[j]), grad[i]));
  const basis = nullSpace(coefficientMatrix(commonDenominatorCoefficients(terms, nf)), n * n);
  return { matrices: basis.map((v) => Array.from({ length: n }, (_, i) => v.slice(i * n, i * n + n))) };
}

/** The vector field xi = A theta as expressions. */
export function infinitesimalGenerator(A: readonly (readonly Fraction[])[], params: readonly string[]): Expr[] {
  return A.map((row) => add(...row.map((a, j) => mul(num(a), sym(params[j])))));
}

/** xi . grad f */
export const lieDerivative = (field: readonly Expr[], f: Expr, params: readonly string[]): Expr =>
  add(...gradient(f, params).map((g, i) => mul(field[i], g)));

/**
 * An independent numeric account of the linear search: xi = A theta is a
 * symmetry iff sum_ij A_ij theta_j d_i L(theta) = 0 for every theta, so the
 * algebra is contained in the null space of the sampled system whose row k is
 * (theta_j d_i L)(theta_k) over (i, j), with equality at generic points once
 * there are more rows than unknowns. Its numerical nullity (singular values
 * below 1e-9 of the largest) is compared with the exact null space's dimension.
 */
export function sampledNullity(loss: Expr, params: readonly string[], seed: number): number {
  const n = params.length;
  const grad = gradient(loss, params).map((g) => compile(g, params));
  const rows: number[][] = [];
  for (let k = 0; k < n * n + 4; k++) {
    const theta = randomPoint(n, seed + k);
    const g = grad.map((f) => f(theta));
    const row: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) row.push(theta[j] * g[i]);
    // rows scaled to unit length (the null space is unchanged; the rank tolerance is relative)
    const norm = Math.hypot(...row);
    rows.push(norm > 0 ? row.map((x) => x / norm) : row);
  }
  return n * n - numericalRank(rows);
}
