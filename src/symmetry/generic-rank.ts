// Numerical rank of a set of vector fields at a generic (seeded random) point:
// the orbit dimension is the rank of the generators there, not the algebra's
// dimension (docs/theory.md §1). Also used for functional dimension and invariant
// independence: any "rank of a Jacobian-like matrix of expressions".
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Expr } from '../ir/expr.js';
import { compile } from '../ir/evaluate.js';
import { seededRng } from '../util/random.js';

/** Numerical rank of a dense matrix (rows x cols) with relative threshold tol * s_max. */
export function numericalRank(rows: readonly (readonly number[])[], tol = 1e-9): number {
  if (rows.length === 0 || rows[0].length === 0) return 0;
  const svd = new SingularValueDecomposition(new Matrix(rows.map((r) => [...r])), { autoTranspose: true });
  const s = svd.diagonal;
  const smax = Math.max(...s);
  if (smax === 0) return 0;
  return s.filter((x) => x > tol * smax).length;
}

/** Evaluate expression rows at a point given as positional values of `parameters`. */
export function evaluateRows(rows: readonly (readonly Expr[])[], parameters: readonly string[], point: ArrayLike<number>): number[][] {
  return rows.map((row) => row.map((e) => compile(e, parameters)(point)));
}

/** A seeded random point, coordinates ~ N(0, 1). */
export function randomPoint(n: number, seed: number): Float64Array {
  const rng = seededRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** Rank of the matrix whose rows are the given vector fields, at a generic point. */
export function genericRank(fields: readonly (readonly Expr[])[], parameters: readonly string[], seed: number): number {
  if (fields.length === 0) return 0;
  return numericalRank(evaluateRows(fields, parameters, randomPoint(parameters.length, seed)));
}
