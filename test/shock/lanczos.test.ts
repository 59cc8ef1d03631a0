import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { lanczosExtremes, orthonormalRows } from '../../src/shock/lanczos.js';
import { seededRng } from '../../src/util/random.js';

/** A seeded symmetric n x n matrix with a spread spectrum. */
function symmetric(n: number, seed: number): Matrix {
  const rng = seededRng(seed);
  const A = Matrix.zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const x = rng.normal(); A.set(i, j, x); A.set(j, i, x); }
  return A;
}

describe('Lanczos extremes on the complement of a subspace', () => {
  it.each([[5, 0], [30, 3], [60, 7]])('n = %i, %i orbit directions: equals the dense eigenvalues of Q^T A Q', (n, k) => {
    const A = symmetric(n, n + k);
    const rng = seededRng(99);
    const orbit = orthonormalRows(Array.from({ length: k }, () => Float64Array.from({ length: n }, () => rng.normal())));
    // dense reference: Q = orthonormal complement (eigenvectors of I - sum b b^T with eigenvalue 1)
    const Pm = Matrix.eye(n, n);
    for (const b of orbit) Pm.sub(Matrix.columnVector([...b]).mmul(Matrix.rowVector([...b])));
    const pe = new EigenvalueDecomposition(Pm, { assumeSymmetric: true });
    const cols = pe.realEigenvalues.map((v, i) => [v, i] as const).filter(([v]) => v > 0.5).map(([, i]) => pe.eigenvectorMatrix.getColumn(i));
    const Q = new Matrix(cols).transpose();
    const ref = new EigenvalueDecomposition(Q.transpose().mmul(A).mmul(Q), { assumeSymmetric: true }).realEigenvalues;
    const apply = (v: Float64Array, out: Float64Array) => out.set(A.mmul(Matrix.columnVector([...v])).to1DArray());
    const e = lanczosExtremes(apply, n, orbit, { seed: 1 });
    expect(e.dimension).toBe(n - k);
    expect(e.min.value).toBeCloseTo(Math.min(...ref), 8);
    expect(e.max).toBeCloseTo(Math.max(...ref), 8);
    expect(e.residual).toBeLessThan(1e-8);
    for (const b of orbit) expect(Math.abs(b.reduce((s, x, i) => s + x * e.min.vector[i], 0))).toBeLessThan(1e-10);
  });

  it('a degenerate operator (the Krylov space closes early) still reaches the extremes', () => {
    const n = 12;
    const d = [3, 3, 3, 3, -2, -2, -2, 1, 1, 1, 1, 1];
    const apply = (v: Float64Array, out: Float64Array) => v.forEach((x, i) => { out[i] = d[i] * x; });
    const e = lanczosExtremes(apply, n, [], { seed: 4 });
    expect(e.min.value).toBeCloseTo(-2, 10);
    expect(e.max).toBeCloseTo(3, 10);
  });
});
