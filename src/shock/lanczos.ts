// Extreme eigenvalues of a symmetric operator known only through products
// A v, restricted to the orthogonal complement of a subspace (the orbit's
// tangent space): the Lanczos iteration with full re-orthogonalisation
// (Golub & Van Loan, Matrix Computations, §10.1), restarted with a fresh
// seeded vector when the Krylov space closes early. With m steps the Ritz
// values of the tridiagonal T_m bracket the spectrum from inside; when m
// reaches the dimension of the complement they are exact.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { seededRng } from '../util/random.js';

export type Operator = (v: Float64Array, out: Float64Array) => void;

const dot = (a: Float64Array, b: Float64Array): number => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };
const norm = (a: Float64Array): number => Math.sqrt(dot(a, a));

/** An orthonormal basis of span(rows) by modified Gram-Schmidt; rows whose remainder is below `relTol` of the largest row are dropped (dependent). */
export function orthonormalRows(rows: readonly Float64Array[], relTol = 1e-6): Float64Array[] {
  const scale = Math.max(0, ...rows.map(norm));
  const basis: Float64Array[] = [];
  for (const r of rows) {
    const q = Float64Array.from(r);
    for (let pass = 0; pass < 2; pass++) for (const b of basis) { const c = dot(q, b); for (let i = 0; i < q.length; i++) q[i] -= c * b[i]; }
    const nq = norm(q);
    if (nq > relTol * scale && Number.isFinite(nq)) basis.push(q.map((x) => x / nq));
  }
  return basis;
}

/** v <- v - sum_b (b . v) b for an orthonormal basis. */
export function projectOut(basis: readonly Float64Array[], v: Float64Array): void {
  for (const b of basis) { const c = dot(v, b); for (let i = 0; i < v.length; i++) v[i] -= c * b[i]; }
}

export interface ExtremeEigen {
  readonly min: { readonly value: number; readonly vector: Float64Array };
  readonly max: number;
  /** |P A P v - lambda v| for the reported minimum (v a unit vector): small when converged. */
  readonly residual: number;
  readonly steps: number;
  /** Dimension of the complement. */
  readonly dimension: number;
}

/**
 * Smallest (with eigenvector) and largest eigenvalue of P A P on the complement
 * of span(`orbit`) (orthonormal), n the ambient dimension. `maxSteps` caps the
 * Krylov dimension; below the complement's dimension the values are Ritz values,
 * and the residual says how well the minimum has converged.
 */
export function lanczosExtremes(apply: Operator, n: number, orbit: readonly Float64Array[], o: { seed: number; maxSteps?: number }): ExtremeEigen {
  const dimension = n - orbit.length;
  if (dimension <= 0) return { min: { value: 0, vector: new Float64Array(n) }, max: 0, residual: 0, steps: 0, dimension: 0 };
  const m = Math.min(dimension, o.maxSteps ?? 120);
  const rng = seededRng(o.seed);
  const Q: Float64Array[] = [];
  const alpha: number[] = [], beta: number[] = [];
  const w = new Float64Array(n);
  const fresh = (): Float64Array | null => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const q = Float64Array.from({ length: n }, () => rng.normal());
      projectOut(orbit, q); projectOut(Q, q); projectOut(orbit, q); projectOut(Q, q);
      const nq = norm(q);
      if (nq > 1e-8) return q.map((x) => x / nq);
    }
    return null;
  };
  let q = fresh();
  let scale = 0;
  while (q && Q.length < m) {
    Q.push(q);
    apply(q, w);
    projectOut(orbit, w);
    const a = dot(q, w);
    alpha.push(a);
    // full re-orthogonalisation (twice is enough, Kahan-Parlett) instead of the three-term recurrence alone
    projectOut(Q, w); projectOut(Q, w); projectOut(orbit, w);
    const b = norm(w);
    scale = Math.max(scale, Math.abs(a), b);
    if (Q.length === m) break;
    if (b > 1e-10 * Math.max(scale, 1e-300) && Number.isFinite(b)) { beta.push(b); q = w.map((x) => x / b); }
    else { beta.push(0); q = fresh(); }
  }
  const k = Q.length;
  const T = Matrix.zeros(k, k);
  for (let i = 0; i < k; i++) { T.set(i, i, alpha[i]); if (i + 1 < k) { T.set(i, i + 1, beta[i]); T.set(i + 1, i, beta[i]); } }
  const eig = new EigenvalueDecomposition(T, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  let lo = 0, hi = 0;
  values.forEach((v, i) => { if (v < values[lo]) lo = i; if (v > values[hi]) hi = i; });
  const y = eig.eigenvectorMatrix.getColumn(lo);
  const vector = new Float64Array(n);
  Q.forEach((qi, i) => { for (let j = 0; j < n; j++) vector[j] += y[i] * qi[j]; });
  projectOut(orbit, vector);
  // Unit length, and a fixed sign (the largest component positive), so that the direction is reproducible.
  let big = 0;
  for (let j = 1; j < n; j++) if (Math.abs(vector[j]) > Math.abs(vector[big])) big = j;
  const nv = (norm(vector) || 1) * (vector[big] < 0 ? -1 : 1);
  for (let j = 0; j < n; j++) vector[j] /= nv;
  apply(vector, w);
  projectOut(orbit, w);
  let r = 0;
  for (let j = 0; j < n; j++) r += (w[j] - values[lo] * vector[j]) ** 2;
  return { min: { value: values[lo], vector }, max: values[hi], residual: Math.sqrt(r), steps: k, dimension };
}
