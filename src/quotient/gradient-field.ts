// The paper's gradient-field assumption holds exactly when G depends on the
// quotient coordinates w alone, and on each level set of the conserved
// quantities c when it depends on (w, c) (docs/theory.md §1). Decided by ranks of
// Jacobians at seeded generic points: G is a function of w iff adding dG_ij to
// the rows dw does not raise the rank (likewise with dc).
//
// At scale: the rows (dw_i, dc_m, dG_ij) are grouped into blocks by connected
// parameters (two rows are in one block when their expressions share a
// parameter, transitively). Rows of different blocks have disjoint column
// supports, so the stacked Jacobian is block diagonal after a column permutation
// and every rank is exactly the sum of the blocks' ranks. For a network whose
// invariants are per unit this replaces one SVD of a (dim w)^2/2 x n matrix
// (cost n^4) by one small SVD per block (cost linear in n).
import type { Expr } from '../ir/expr.js';
import { freeSymbols } from '../ir/expr.js';
import { gradient } from '../ir/diff.js';
import type { GradientFieldVerdict } from '../derivation/derivation.js';
import { compileMany } from '../ir/evaluate.js';
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import { numericalRank, randomPoint } from '../symmetry/generic-rank.js';

export interface JacobianRanks { readonly w: number; readonly wG: number; readonly wc: number; readonly wcG: number }

/**
 * A row of a Jacobian: the expression's parameter indices (its support) and
 * its gradient on them at each generic point. Each row is differentiated,
 * compiled and evaluated at every point at once and its compiled code dropped:
 * a deep net has ~(dim w)^2/2 metric rows, whose compiled gradients held
 * together were most of the peak memory; the values are a few numbers each.
 */
interface SparseRow { readonly support: readonly number[]; readonly at: readonly Float64Array[] }

function sparseRow(e: Expr, index: ReadonlyMap<string, number>, params: readonly string[], points: readonly ArrayLike<number>[]): SparseRow {
  const support = freeSymbols(e).filter((s) => index.has(s)).map((s) => index.get(s)!).sort((a, b) => a - b);
  // compiled in the row's own variables (not all n: the compiler indexes its variables), evaluated on the gathered values
  const names = support.map((k) => params[k]);
  const f = compileMany(gradient(e, names), names);
  const local = new Float64Array(support.length);
  const at = points.map((x) => { support.forEach((k, m) => { local[m] = x[k]; }); const out = new Float64Array(support.length); f(local, out); return out; });
  return { support, at };
}

/** Union-find over parameter indices: the block of a row is the root of its support. */
function parameterBlocks(n: number, rows: readonly SparseRow[]): (k: number) => number {
  const parent = Array.from({ length: n }, (_, k) => k);
  const find = (k: number): number => { while (parent[k] !== k) { parent[k] = parent[parent[k]]; k = parent[k]; } return k; };
  for (const r of rows) for (const k of r.support.slice(1)) { const [a, b] = [find(r.support[0]), find(k)]; if (a !== b) parent[a] = b; }
  return find;
}

/** Above this many (rows x columns^2) a block's ranks with dG go through the kernel of [dw; dc] (below). */
const DENSE_WORK = 1e6;

/** Singular values and right singular vectors (columns of V, width x width) of a dense matrix, padded to at least square. */
function svdFull(rows: readonly number[][], width: number): { s: number[]; V: Matrix } {
  const padded = rows.length >= width ? rows.map((r) => [...r]) : [...rows.map((r) => [...r]), ...Array.from({ length: width - rows.length }, () => new Array<number>(width).fill(0))];
  const svd = new SingularValueDecomposition(new Matrix(padded), { autoTranspose: false, computeLeftSingularVectors: false });
  return { s: svd.diagonal, V: svd.rightSingularVectors };
}

/** A row over a block's columns by its non-zero entries. */
interface SparseValues { readonly idx: readonly number[]; readonly val: Float64Array }

/** The rows at generic point number `point`, over a block's columns. */
const sparseValues = (rows: readonly SparseRow[], col: ReadonlyMap<number, number>, point: number): SparseValues[] =>
  rows.map((r) => ({ idx: r.support.map((k) => col.get(k)!), val: r.at[point] }));

const densify = (rows: readonly SparseValues[], width: number): number[][] =>
  rows.map((r) => { const d = new Array<number>(width).fill(0); r.idx.forEach((i, m) => { d[i] = r.val[m]; }); return d; });

/** Largest singular value of B (rows by their non-zeros) by power iteration on B^T B, to 1e-9 relative (a lower bound). */
function largestSingularValue(B: readonly SparseValues[], width: number): number {
  if (B.length === 0) return 0;
  // a fixed start vector with every component non-zero (deterministic)
  let v = Float64Array.from({ length: width }, (_, i) => 1 + ((i * 7919) % 13) / 13);
  let sigma = 0;
  for (let it = 0; it < 500; it++) {
    const w = new Float64Array(width);
    for (const r of B) {
      let Bv = 0;
      r.idx.forEach((i, q) => { Bv += r.val[q] * v[i]; });
      r.idx.forEach((i, q) => { w[i] += r.val[q] * Bv; });
    }
    const norm = Math.hypot(...w);
    if (norm === 0) return 0;
    const next = Math.sqrt(norm / Math.hypot(...v));
    v = w.map((x) => x / norm);
    if (Math.abs(next - sigma) <= 1e-9 * next) return next;
    sigma = next;
  }
  return sigma;
}

const toSparse = (rows: readonly number[][]): SparseValues[] =>
  rows.map((r) => { const idx = r.flatMap((x, i) => (x !== 0 ? [i] : [])); return { idx, val: Float64Array.from(idx, (i) => r[i]) }; });

/** M K for rows M (by non-zeros) and the columns `cols` of V (gathered once into a flat array: Matrix.get per entry was most of the cost). */
function timesColumns(M: readonly SparseValues[], V: Matrix, cols: readonly number[]): number[][] {
  const k = cols.length, K = new Float64Array(V.rows * k);
  for (let i = 0; i < V.rows; i++) for (let m = 0; m < k; m++) K[i * k + m] = V.get(i, cols[m]);
  return M.map((r) => {
    const out = new Array<number>(k).fill(0);
    r.idx.forEach((i, q) => { const v = r.val[q]; for (let m = 0; m < k; m++) out[m] += v * K[i * k + m]; });
    return out;
  });
}

/**
 * A k x k upper-triangular R with R^T R = M^T M for M = B K (B's rows by their
 * non-zeros, K the columns `cols` of V): M = Q R with orthonormal Q, so M and
 * R have the same singular values, and M N and R N too for any N. Built by
 * Householder QR of [R; next rows of M], a chunk at a time, so the tall M
 * (one row per metric entry: ~(dim w)^2/2 of them) is never held whole.
 */
function triangularFactor(B: readonly SparseValues[], V: Matrix, cols: readonly number[], chunk = 4096): number[][] {
  const k = cols.length;
  let R: number[][] = [];
  for (let start = 0; start < B.length; start += chunk) {
    const stacked = [...R, ...timesColumns(B.slice(start, start + chunk), V, cols)];
    while (stacked.length < k) stacked.push(new Array<number>(k).fill(0));
    R = new QrDecomposition(new Matrix(stacked)).upperTriangularMatrix.to2DArray();
  }
  return R;
}

/** Rank (absolute threshold) and the indices of the kernel's columns of V, from singular values s. */
const split = (s: readonly number[], threshold: number): { rank: number; kernel: number[] } => {
  const kernel = s.flatMap((x, i) => (x > threshold ? [] : [i]));
  return { rank: s.length - kernel.length, kernel };
};

const singularValues = (M: readonly number[][]): number[] =>
  M.length === 0 || M[0].length === 0 ? [] : new SingularValueDecomposition(new Matrix(M.map((r) => [...r])), { autoTranspose: true, computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal;

/**
 * The four ranks of a big block through the kernel K of dw: rank[A; B] = rank A
 * + rank(B K) for K an orthonormal basis of ker A (B's rows on the orbit
 * directions). One SVD of dw (columns^3); then ker[dw; dc] = K N with N the
 * kernel of dc K, and the small products dc K, dG K, dG K N (dG K by its
 * triangular factor, see triangularFactor). Each threshold is
 * tol times the largest s_max of the matrices stacked (within a factor sqrt(3)
 * of the stacked matrix's s_max that the dense route uses).
 */
function ranksThroughKernel(w: readonly number[][], c: readonly number[][], G: readonly SparseValues[], width: number, tol: number): JacobianRanks {
  const { s, V } = svdFull(w, width);
  const sW = Math.max(0, ...s);
  const cs = toSparse(c);
  const [sC, sG] = [largestSingularValue(cs, width), largestSingularValue(G, width)];
  const W = split(s, tol * sW);
  if (sW === 0) return { w: 0, wG: 0, wc: 0, wcG: 0 }; // not reached for a block (its rows have support)
  if (W.kernel.length === 0) return { w: W.rank, wG: W.rank, wc: W.rank, wcG: W.rank }; // dw has full column rank
  // ker dw = columns W.kernel of V
  const cK = timesColumns(cs, V, W.kernel);
  const cKsvd = svdFull(cK, W.kernel.length);
  const C = split(cKsvd.s.slice(0, W.kernel.length), tol * Math.max(sW, sC));
  // dG K through its triangular factor (same singular values, also after multiplying by N)
  const GK = triangularFactor(G, V, W.kernel);
  const wG = W.rank + singularValues(GK).filter((x) => x > tol * Math.max(sW, sG)).length;
  // ker [dw; dc] = K N, N = columns C.kernel of the right singular vectors of dc K
  const N = cKsvd.V;
  const GKN = GK.map((row) => C.kernel.map((m) => row.reduce((acc, x, j) => acc + x * N.get(j, m), 0)));
  const wc = W.rank + C.rank;
  const wcG = wc + (C.kernel.length ? singularValues(GKN).filter((x) => x > tol * Math.max(sW, sC, sG)).length : 0);
  return { w: W.rank, wG, wc, wcG };
}

/** The four ranks of one block at generic point number x (relative tolerance per block). */
function blockRanks(rows: { w: SparseRow[]; c: SparseRow[]; G: SparseRow[] }, x: number, tol: number, denseWork: number): JacobianRanks & { viaKernel: number } {
  const columns = [...new Set([...rows.w, ...rows.c, ...rows.G].flatMap((r) => r.support))].sort((a, b) => a - b);
  const col = new Map(columns.map((k, m) => [k, m] as const));
  const [w, c] = [rows.w, rows.c].map((rs) => densify(sparseValues(rs, col, x), columns.length));
  const Gs = sparseValues(rows.G, col, x);
  if ((w.length + c.length + Gs.length) * columns.length ** 2 <= denseWork) {
    const G = densify(Gs, columns.length);
    const r = (m: number[][]): number => numericalRank(m, tol);
    return { w: r(w), wG: r([...w, ...G]), wc: r([...w, ...c]), wcG: r([...w, ...c, ...G]), viaKernel: 0 };
  }
  return { ...ranksThroughKernel(w, c, Gs, columns.length, tol), viaKernel: 1 };
}

/** The four ranks as sums over parameter blocks. */
function rankSums(all: { w: SparseRow[]; c: SparseRow[]; G: SparseRow[] }, blockOf: (k: number) => number, x: number, tol: number, denseWork: number): JacobianRanks & { viaKernel: number } {
  const byBlock = new Map<number, { w: SparseRow[]; c: SparseRow[]; G: SparseRow[] }>();
  for (const kind of ['w', 'c', 'G'] as const) {
    for (const r of all[kind]) {
      if (r.support.length === 0) continue; // a constant row has zero gradient
      const b = blockOf(r.support[0]);
      let entry = byBlock.get(b);
      if (!entry) byBlock.set(b, entry = { w: [], c: [], G: [] });
      entry[kind].push(r);
    }
  }
  const sum = { w: 0, wG: 0, wc: 0, wcG: 0, viaKernel: 0 };
  for (const block of byBlock.values()) {
    const r = blockRanks(block, x, tol, denseWork);
    sum.w += r.w; sum.wG += r.wG; sum.wc += r.wc; sum.wcG += r.wcG; sum.viaKernel += r.viaKernel;
  }
  return sum;
}

export function gradientFieldVerdict(w: readonly Expr[], c: readonly Expr[], G: readonly (readonly Expr[])[], params: readonly string[], seed: number, opts: { onStep?: (what: string, done: number, total: number) => void; denseWork?: number } = {}): { verdict: GradientFieldVerdict; ranks: JacobianRanks; consistent: boolean; blocks: number; viaKernel: number } {
  const index = new Map(params.map((p, k) => [p, k] as const));
  // Three generic points must agree (a rank drop at one point is not generic).
  const points = [0, 1, 2].map((k) => randomPoint(params.length, seed + 17 * k));
  const row = (e: Expr): SparseRow => sparseRow(e, index, params, points);
  const dw = w.map(row);
  const dc = c.map(row);
  // the upper triangle of G; an entry that is identically 0 (no shared parameter) has a zero gradient row
  const dG = G.flatMap((r, i) => r.filter((e, j) => j >= i && !(e.kind === 'num' && e.value.equals(0)))).map(row);
  const blockOf = parameterBlocks(params.length, [...dw, ...dc, ...dG]);
  const blocks = new Set([...dw, ...dc, ...dG].filter((r) => r.support.length > 0).map((r) => blockOf(r.support[0]))).size;
  const perPoint = points.map((_, k) => {
    const { viaKernel, ...ranks } = rankSums({ w: dw, c: dc, G: dG }, blockOf, k, 1e-8, opts.denseWork ?? DENSE_WORK);
    opts.onStep?.('generic point', k + 1, 3);
    return { ranks, viaKernel };
  });
  const viaKernel = perPoint[0].viaKernel;
  const ranks = perPoint[0].ranks;
  const consistent = perPoint.every(({ ranks: q }) => q.w === ranks.w && q.wG === ranks.wG && q.wc === ranks.wc && q.wcG === ranks.wcG);
  const verdict: GradientFieldVerdict = ranks.wG === ranks.w ? 'exact' : ranks.wcG === ranks.wc ? 'on-level-set' : 'fails';
  return { verdict, ranks, consistent, blocks, viaKernel };
}
