// The paper's gradient-field assumption holds exactly when G depends on the
// quotient coordinates w alone, and on each level set of the conserved
// quantities c when it depends on (w, c) (docs/theory.md §1). Decided by ranks of
// Jacobians at seeded generic points: G is a function of w iff adding dG_ij to
// the rows dw does not raise the rank (likewise with dc).
import type { Expr } from '../ir/expr.js';
import { gradient } from '../ir/diff.js';
import type { GradientFieldVerdict } from '../derivation/derivation.js';
import { compileMany } from '../ir/evaluate.js';
import { numericalRank, randomPoint } from '../symmetry/generic-rank.js';

export function gradientFieldVerdict(w: readonly Expr[], c: readonly Expr[], G: readonly (readonly Expr[])[], params: readonly string[], seed: number): { verdict: GradientFieldVerdict; ranks: Record<string, number>; consistent: boolean } {
  const dw = w.map((e) => gradient(e, params));
  const dc = c.map((e) => gradient(e, params));
  const dG = G.flatMap((row, i) => row.filter((_, j) => j >= i)).map((e) => gradient(e, params));
  // Each row compiled once (one closure per row, shared subexpressions evaluated once) and evaluated at every point.
  const compiled = (rows: Expr[][]) => rows.map((row) => compileMany(row, params));
  const [fw, fc, fG] = [compiled(dw), compiled(dc), compiled(dG)];
  // Three generic points must agree (a rank drop at one point is not generic).
  const perPoint = [0, 1, 2].map((k) => {
    const p = randomPoint(params.length, seed + 17 * k);
    const at = (fs: typeof fw): number[][] => fs.map((f) => { const out = new Float64Array(params.length); f(p, out); return [...out]; });
    const [vw, vc, vG] = [at(fw), at(fc), at(fG)];
    const r = (rows: number[][]): number => numericalRank(rows, 1e-8);
    return { w: r(vw), wG: r([...vw, ...vG]), wc: r([...vw, ...vc]), wcG: r([...vw, ...vc, ...vG]) };
  });
  const ranks = perPoint[0];
  const consistent = perPoint.every((q) => q.w === ranks.w && q.wG === ranks.wG && q.wc === ranks.wc && q.wcG === ranks.wcG);
  const verdict: GradientFieldVerdict = ranks.wG === ranks.w ? 'exact' : ranks.wcG === ranks.wc ? 'on-level-set' : 'fails';
  return { verdict, ranks, consistent };
}
