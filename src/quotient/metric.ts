// Push-forward of gradient flow to the quotient (docs/theory.md §1): with J = dw/dtheta,
// d theta/dt = -grad L gives dw/dt = -G grad_w Lbar, G = J J^T.
import { add, mul } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';
import { gradient } from '../ir/diff.js';

export function pushforwardMetric(coordinates: readonly Expr[], params: readonly string[]): Expr[][] {
  const J = coordinates.map((w) => gradient(w, params));
  return J.map((ri) => J.map((rj) => add(...ri.map((x, k) => mul(x, rj[k])))));
}
