// The first step of every derivation: the model and its symbolic loss, with
// the symbolic gradient checked against central finite differences.
import type { Model } from '../architecture/model.js';
import { gradient } from '../ir/diff.js';
import { compile, compileMany } from '../ir/evaluate.js';
import { sym } from '../ir/build.js';
import type { Step } from '../derivation/types.js';
import { latexSymbol } from '../print/symbol-names.js';
import { randomPoint } from '../symmetry/generic-rank.js';

export function lossStep(model: Model, seed: number): Step {
  const P = model.parameters;
  const L = compile(model.loss, P);
  const g = compileMany(gradient(model.loss, P), P);
  const theta = randomPoint(P.length, seed);
  const exact = new Float64Array(P.length);
  g(theta, exact);
  let worst = 0;
  const h = 1e-6;
  for (let i = 0; i < P.length; i++) {
    const tp = theta.slice(), tm = theta.slice();
    tp[i] += h; tm[i] -= h;
    const fd = (L(tp) - L(tm)) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - exact[i]) / (1 + Math.abs(exact[i])));
  }
  const tol = 1e-6;
  return {
    id: 'loss/definition', stage: 'loss', rule: 'loss-definition',
    title: 'Model and symbolic loss',
    statement: model.definitionTex,
    after: { kind: 'eq', lhs: sym('L'), rhs: model.loss },
    conditions: [`${P.length} parameter${P.length === 1 ? '' : 's'}: $\\theta = (${P.length <= 12 ? P.map(latexSymbol).join(', ') : `\\ldots`})$`],
    checks: [{
      method: 'numeric', status: worst <= tol ? 'passed' : 'failed',
      detail: `symbolic gradient vs central finite differences (h = 1e-6) at a seeded random point (seed ${seed}): max relative error ${worst.toExponential(2)}`,
      residual: worst, tolerance: tol,
    }],
  };
}
