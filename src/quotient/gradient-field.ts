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
import { numericalRank, randomPoint } from '../symmetry/generic-rank.js';

export interface JacobianRanks { readonly w: number; readonly wG: number; readonly wc: number; readonly wcG: number }

/** A row of a Jacobian: the expression's parameter indices (its support) and its compiled gradient on them. */
interface SparseRow { readonly support: readonly number[]; readonly grad: (x: ArrayLike<number>, out: Float64Array) => void }

function sparseRow(e: Expr, index: ReadonlyMap<string, number>, params: readonly string[]): SparseRow {
  const support = freeSymbols(e).filter((s) => index.has(s)).map((s) => index.get(s)!).sort((a, b) => a - b);
  return { support, grad: compileMany(gradient(e, support.map((k) => params[k])), params) };
}

/** Union-find over parameter indices: the block of a row is the root of its support. */
function parameterBlocks(n: number, rows: readonly SparseRow[]): (k: number) => number {
  const parent = Array.from({ length: n }, (_, k) => k);
  const find = (k: number): number => { while (parent[k] !== k) { parent[k] = parent[parent[k]]; k = parent[k]; } return k; };
  for (const r of rows) for (const k of r.support.slice(1)) { const [a, b] = [find(r.support[0]), find(k)]; if (a !== b) parent[a] = b; }
  return find;
}

/** Numerical rank (relative tolerance per block) of the stacked rows, as the sum over parameter blocks. */
function blockRank(rows: readonly SparseRow[], blockOf: (k: number) => number, x: ArrayLike<number>, tol: number): number {
  const byBlock = new Map<number, SparseRow[]>();
  for (const r of rows) {
    if (r.support.length === 0) continue; // a constant row has zero gradient
    const b = blockOf(r.support[0]);
    const list = byBlock.get(b);
    if (list) list.push(r); else byBlock.set(b, [r]);
  }
  let rank = 0;
  for (const block of byBlock.values()) {
    const columns = [...new Set(block.flatMap((r) => r.support))].sort((a, b) => a - b);
    const col = new Map(columns.map((k, m) => [k, m] as const));
    const dense = block.map((r) => {
      const out = new Float64Array(r.support.length);
      r.grad(x, out);
      const row = new Array<number>(columns.length).fill(0);
      r.support.forEach((k, m) => { row[col.get(k)!] = out[m]; });
      return row;
    });
    rank += numericalRank(dense, tol);
  }
  return rank;
}

export function gradientFieldVerdict(w: readonly Expr[], c: readonly Expr[], G: readonly (readonly Expr[])[], params: readonly string[], seed: number, onStep?: (what: string, done: number, total: number) => void): { verdict: GradientFieldVerdict; ranks: JacobianRanks; consistent: boolean; blocks: number } {
  const index = new Map(params.map((p, k) => [p, k] as const));
  const row = (e: Expr): SparseRow => sparseRow(e, index, params);
  const dw = w.map(row);
  const dc = c.map(row);
  // the upper triangle of G; an entry that is identically 0 (no shared parameter) has a zero gradient row
  const dG = G.flatMap((r, i) => r.filter((e, j) => j >= i && !(e.kind === 'num' && e.value.equals(0)))).map(row);
  const blockOf = parameterBlocks(params.length, [...dw, ...dc, ...dG]);
  const blocks = new Set([...dw, ...dc, ...dG].filter((r) => r.support.length > 0).map((r) => blockOf(r.support[0]))).size;
  // Three generic points must agree (a rank drop at one point is not generic).
  const perPoint = [0, 1, 2].map((k): JacobianRanks => {
    const p = randomPoint(params.length, seed + 17 * k);
    const r = (rows: readonly SparseRow[]): number => blockRank(rows, blockOf, p, 1e-8);
    const ranks = { w: r(dw), wG: r([...dw, ...dG]), wc: r([...dw, ...dc]), wcG: r([...dw, ...dc, ...dG]) };
    onStep?.('generic point', k + 1, 3);
    return ranks;
  });
  const ranks = perPoint[0];
  const consistent = perPoint.every((q) => q.w === ranks.w && q.wG === ranks.wG && q.wc === ranks.wc && q.wcG === ranks.wcG);
  const verdict: GradientFieldVerdict = ranks.wG === ranks.w ? 'exact' : ranks.wcG === ranks.wc ? 'on-level-set' : 'fails';
  return { verdict, ranks, consistent, blocks };
}
