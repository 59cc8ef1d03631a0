// The Hessian of L restricted to the complement of the orbit's tangent space
// (the quotient directions): H_q = Q^T H Q with Q an orthonormal basis of the
// null space of the generator matrix [xi_1(theta); ...; xi_k(theta)].
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Orthonormal basis (columns) of the orthogonal complement of the rows' span. */
export function complementBasis(rows: readonly (readonly number[])[], n: number): Matrix {
  if (rows.length === 0) return Matrix.eye(n, n);
  // Null space of X = eigenvectors of the n x n Gram matrix X^T X with (numerically) zero eigenvalue.
  const X = new Matrix(rows.map((r) => [...r]));
  const eig = new EigenvalueDecomposition(X.transpose().mmul(X), { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vmax = Math.max(...values.map(Math.abs), 0);
  const keep = values.map((v, i) => [v, i] as const).filter(([v]) => v <= 1e-12 * vmax).map(([, i]) => i);
  if (keep.length === 0) return new Matrix(n, 0);
  return new Matrix(keep.map((i) => eig.eigenvectorMatrix.getColumn(i))).transpose();
}

/** Smallest eigenvalue of Q^T H Q, with its eigenvector mapped back to theta-space. */
export function quotientMinEigen(hessian: Matrix, basis: Matrix): { value: number; vector: Float64Array } {
  const hq = basis.transpose().mmul(hessian).mmul(basis);
  const sym = hq.add(hq.transpose()).mul(0.5);
  const eig = new EigenvalueDecomposition(sym, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  let k = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[k]) k = i;
  const v = basis.mmul(eig.eigenvectorMatrix.getColumnVector(k)).to1DArray();
  const norm = Math.hypot(...v) || 1;
  return { value: values[k], vector: Float64Array.from(v, (x) => x / norm) };
}

/** Hessian by central differences of an exact gradient (symmetrised). */
export function hessianFromGradient(grad: (theta: Float64Array, out: Float64Array) => void, theta: Float64Array, h = 1e-5): Matrix {
  const n = theta.length;
  const H = new Matrix(n, n);
  const gp = new Float64Array(n), gm = new Float64Array(n);
  const x = theta.slice();
  for (let j = 0; j < n; j++) {
    x[j] = theta[j] + h; grad(x, gp);
    x[j] = theta[j] - h; grad(x, gm);
    x[j] = theta[j];
    for (let i = 0; i < n; i++) H.set(i, j, (gp[i] - gm[i]) / (2 * h));
  }
  return H.add(H.transpose()).mul(0.5);
}
