// The 1-D quotient line of an expression spec: the reduced loss Lbar(w), its
// metric G(w) with the conserved constants fixed, and the domain of w.
import type { Model } from '../architecture/model.js';
import { num } from '../ir/build.js';
import { compile } from '../ir/evaluate.js';
import { substitute } from '../ir/substitute.js';
import type { QuotientResult } from '../quotient/types.js';
import type { Spec } from '../spec/types.js';
import type { LineProblem } from '../shock/shock-on-line.js';
import { seededRng } from '../util/random.js';

/**
 * Conserved constants are fixed at 0 (the balanced level set, where gradient
 * flow from a balanced initialisation stays); the derivation states this.
 * The domain of w is the spec's `domain.<w>` if given, else the range of
 * w(theta) over the parameter box (seeded sample).
 */
export function quotientLine(spec: Spec, model: Model, q: QuotientResult): Omit<LineProblem, 'nu' | 'seed'> | undefined {
  if (model.kind !== 'expression' || q.quotientDimension !== 1 || !q.reduced) return undefined;
  const r = q.reduced;
  const metric = r.metric ? substitute(r.metric, new Map(r.conservedSymbols.map((c) => [c, num(0)] as const))) : undefined;
  const given = spec.domain[r.variable];
  const domain = given ?? coordinateRange(spec, model, q);
  const origin = r.conservedSymbols.length > 0 && r.metric
    ? `the quotient line on the balanced level set ($${r.conservedSymbols.join(' = ')} = 0$)`
    : 'the quotient line';
  return { variable: r.variable, loss: r.loss, metric, domain, origin };
}

function coordinateRange(spec: Spec, model: Model, q: QuotientResult): readonly [number, number] {
  const coordinate = q.coordinates[0];
  if (!coordinate) return [-3, 3];
  const f = compile(coordinate.expr, model.parameters);
  const rng = seededRng(spec.training.seed);
  let lo = Infinity, hi = -Infinity;
  const x = new Float64Array(model.parameters.length);
  for (let k = 0; k < 4000; k++) {
    model.parameters.forEach((p, i) => {
      const [a, b] = spec.domain[p] ?? [-3, 3];
      // corners are sampled too: products of parameters take their extremes there.
      x[i] = k < 64 ? ((k >> i) & 1 ? b : a) : rng.uniform(a, b);
    });
    const v = f(x);
    if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  return lo < hi ? [lo, hi] : [lo - 1, lo + 1];
}
