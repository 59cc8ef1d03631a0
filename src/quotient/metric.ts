// Push-forward of gradient flow to the quotient (docs/theory.md §1): with J = dw/dtheta,
// d theta/dt = -grad L gives dw/dt = -G grad_w Lbar, G = J J^T.
// J is sparse for a network (a per-unit invariant depends on a few weights), so
// each row is differentiated only in its own free symbols and G_ij sums only over
// the parameters w_i and w_j share: G_ij = 0 exactly when they share none. The
// cost is the number of (i, j, k) with k shared, not dim(w)^2 n.
import { add, mul, num } from '../ir/build.js';
import { freeSymbols, type Expr } from '../ir/expr.js';
import { gradient } from '../ir/diff.js';

/** Row i of J = dw_i/dtheta on its support: parameter index -> derivative (parameter order). */
export function sparseJacobian(coordinates: readonly Expr[], params: readonly string[]): Map<number, Expr>[] {
  const index = new Map(params.map((p, k) => [p, k] as const));
  return coordinates.map((w) => {
    const support = freeSymbols(w).filter((s) => index.has(s)).sort((a, b) => index.get(a)! - index.get(b)!);
    const d = gradient(w, support);
    return new Map(support.map((s, m) => [index.get(s)!, d[m]] as const));
  });
}

export function pushforwardMetric(coordinates: readonly Expr[], params: readonly string[]): Expr[][] {
  const J = sparseJacobian(coordinates, params);
  // rows touching each parameter, so only pairs that share a parameter are formed
  const touching = params.map(() => [] as number[]);
  J.forEach((row, i) => row.forEach((_, k) => touching[k].push(i)));
  const terms = coordinates.map(() => new Map<number, number[]>());
  touching.forEach((rows, k) => rows.forEach((i) => rows.forEach((j) => {
    const ks = terms[i].get(j);
    if (ks) ks.push(k); else terms[i].set(j, [k]);
  })));
  const zero = num(0);
  return coordinates.map((_, i) => coordinates.map((__, j) => {
    const ks = terms[i].get(j);
    return ks ? add(...ks.map((k) => mul(J[i].get(k)!, J[j].get(k)!))) : zero;
  }));
}
