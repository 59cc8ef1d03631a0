// The first step of every derivation: the model and its symbolic loss, with
// the symbolic gradient checked against central finite differences.
import type { Model } from '../architecture/model.js';
import { gradient } from '../ir/diff.js';
import { reverseGradient } from '../ir/reverse-gradient.js';
import { compile, compileMany } from '../ir/evaluate.js';
import { sym } from '../ir/build.js';
import type { Check, Step } from '../derivation/types.js';
import { modelNumerics } from '../shock/network-numerics.js';
import { latexSymbol } from '../print/symbol-names.js';
import { randomPoint } from '../symmetry/generic-rank.js';

export function lossStep(model: Model, seed: number): Step {
  const P = model.parameters;
  const L = compile(model.loss, P);
  // A network's gradient by reverse accumulation (one adjoint per shared node: size linear in the loss);
  // a bare expression's variable by variable, as its later steps differentiate it.
  const g = compileMany(model.kind === 'mlp' ? reverseGradient(model.loss, P) : gradient(model.loss, P), P);
  const theta = randomPoint(P.length, seed);
  const exact = new Float64Array(P.length);
  g(theta, exact);
  const checks = P.length <= PER_COORDINATE_LIMIT || model.kind !== 'mlp'
    ? [perCoordinateCheck(L, theta, exact, seed)]
    : [directionalCheck(L, theta, exact, seed), backPropagationCheck(model, theta, exact, seed)];
  return {
    id: 'loss/definition', stage: 'loss', rule: 'loss-definition',
    title: 'Model and symbolic loss',
    statement: model.definitionTex,
    after: { kind: 'eq', lhs: sym('L'), rhs: model.loss },
    conditions: [`${P.length} parameter${P.length === 1 ? '' : 's'}: $\\theta = (${P.length <= 12 ? P.map(latexSymbol).join(', ') : `\\ldots`})$`],
    checks,
  };
}

/**
 * Up to this many parameters every partial derivative is checked by its own
 * central difference (2 n evaluations of a loss of size ~ n: cost n^2). Above it
 * (networks only) the finite differences run along seeded random directions and
 * every component is compared with back-propagation on the network's numbers.
 */
const PER_COORDINATE_LIMIT = 300;
const FD_STEP = 1e-6, FD_TOLERANCE = 1e-6;

function perCoordinateCheck(L: (x: ArrayLike<number>) => number, theta: Float64Array, exact: Float64Array, seed: number): Check {
  let worst = 0;
  for (let i = 0; i < theta.length; i++) {
    const tp = theta.slice(), tm = theta.slice();
    tp[i] += FD_STEP; tm[i] -= FD_STEP;
    const fd = (L(tp) - L(tm)) / (2 * FD_STEP);
    worst = Math.max(worst, Math.abs(fd - exact[i]) / (1 + Math.abs(exact[i])));
  }
  return {
    method: 'numeric', status: worst <= FD_TOLERANCE ? 'passed' : 'failed',
    detail: `symbolic gradient vs central finite differences (h = 1e-6) at a seeded random point (seed ${seed}): max relative error ${worst.toExponential(2)}`,
    residual: worst, tolerance: FD_TOLERANCE,
  };
}

const DIRECTIONS = 8;

/** v . grad L against (L(theta + h v) - L(theta - h v)) / 2h along seeded random unit directions v. */
function directionalCheck(L: (x: ArrayLike<number>) => number, theta: Float64Array, exact: Float64Array, seed: number): Check {
  let worst = 0;
  for (let k = 0; k < DIRECTIONS; k++) {
    const v = randomPoint(theta.length, seed + 101 + k);
    const norm = Math.hypot(...v);
    v.forEach((x, i) => { v[i] = x / norm; });
    const tp = theta.map((x, i) => x + FD_STEP * v[i]), tm = theta.map((x, i) => x - FD_STEP * v[i]);
    const fd = (L(tp) - L(tm)) / (2 * FD_STEP);
    const dv = exact.reduce((a, g, i) => a + g * v[i], 0);
    worst = Math.max(worst, Math.abs(fd - dv) / (1 + Math.abs(dv)));
  }
  return {
    method: 'numeric', status: worst <= FD_TOLERANCE ? 'passed' : 'failed',
    detail: `symbolic gradient vs central finite differences (h = 1e-6) along ${DIRECTIONS} seeded random unit directions (seeds ${seed + 101}..${seed + 100 + DIRECTIONS}) at a seeded random point (seed ${seed}): max relative error ${worst.toExponential(2)} (above ${PER_COORDINATE_LIMIT} parameters; every component is compared with back-propagation in the next check)`,
    residual: worst, tolerance: FD_TOLERANCE,
  };
}

const BACKPROP_TOLERANCE = 1e-9;

/** Every component of the symbolic gradient against back-propagation on the network's numbers (an independent implementation). */
function backPropagationCheck(model: Model, theta: Float64Array, exact: Float64Array, seed: number): Check {
  const numeric = new Float64Array(theta.length);
  modelNumerics(model).gradient(theta, numeric);
  let worst = 0;
  exact.forEach((g, i) => { worst = Math.max(worst, Math.abs(g - numeric[i]) / (1 + Math.abs(numeric[i]))); });
  return {
    method: 'numeric', status: worst <= BACKPROP_TOLERANCE ? 'passed' : 'failed',
    detail: `symbolic gradient vs back-propagation on the network's numbers, all ${theta.length} components at the seeded random point (seed ${seed}): max relative error ${worst.toExponential(2)}`,
    residual: worst, tolerance: BACKPROP_TOLERANCE,
  };
}
