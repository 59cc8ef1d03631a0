// The quotient stage (both kinds): dimension n - orbit dimension, coordinates
// (independent invariants), the push-forward metric G = J J^T, the
// gradient-field verdict, the functional dimension, and on a 1-D quotient the
// reduced loss Lbar(w) and G(w, c).
import type { Model } from '../architecture/model.js';
import { add, mul, num, pow, sub, sym } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';
import { diff, gradient } from '../ir/diff.js';
import { NormalForm } from '../ir/normal-form.js';
import { substitute } from '../ir/substitute.js';
import { checkIdentity } from '../derivation/checks.js';
import type { Step } from '../derivation/types.js';
import { latex } from '../print/latex-expr.js';
import { numericalRank, randomPoint } from '../symmetry/generic-rank.js';
import { modelNumerics } from '../shock/network-numerics.js';
import type { SymmetryResult } from '../symmetry/types.js';
import { gradientFieldVerdict } from './gradient-field.js';
import { pushforwardMetric } from './metric.js';
import { findSection, metricInInvariants } from './reduced-loss.js';
import type { StageContext } from '../pipeline/context.js';
import type { QuotientResult } from './types.js';

/**
 * Functional dimension (docs/theory.md §1): the numerical rank of d(phi(x_d))/d(theta) on
 * the data, phi the map the loss sees (the outputs for mse, the softmax
 * probabilities for cross-entropy: a logit shift changes neither loss nor
 * probabilities). By back-propagation on the network's numbers, never a symbolic
 * Jacobian. Generic rank = the maximum over a few seeded points (one point may be
 * degenerate, e.g. a ReLU unit dead on all data).
 */
export function functionalDimension(model: Model, seed: number): number | null {
  if (model.kind !== 'mlp' || !model.architecture || !model.dataset) return null;
  const net = modelNumerics(model);
  return Math.max(...[0, 1, 2].map((k) => numericalRank(net.lossMapJacobian(randomPoint(model.parameters.length, seed + 31 * k)).map((r) => [...r]), 1e-9)));
}

const fmtMatrix = (G: readonly (readonly Expr[])[]): string => G.length === 1 ? latex(G[0][0]) : `\\text{a } ${G.length}\\times${G.length} \\text{ matrix}`;

export function quotientStage(model: Model, sym_: SymmetryResult, ctx: StageContext, onStep?: (what: string, done: number, total: number) => void): QuotientResult {
  const P = model.parameters;
  const nf = new NormalForm();
  const quotientDimension = P.length - sym_.orbitDimension;
  const coordinateName = (k: number): string => (quotientDimension === 1 ? (P.includes('w') && !(sym_.invariants[0]?.expr.kind === 'sym' && sym_.invariants[0].expr.name === 'w') ? 'q' : 'w') : `w${k + 1}`);
  const coordinates = sym_.invariants.slice(0, quotientDimension).map((inv, k) => ({ name: coordinateName(k), expr: inv.expr }));
  const G = pushforwardMetric(coordinates.map((c) => c.expr), P);
  const { verdict, ranks, consistent, blocks, viaKernel } = gradientFieldVerdict(coordinates.map((c) => c.expr), sym_.conserved.map((c) => c.expr), G, P, ctx.seed, { onStep });
  const fdim = functionalDimension(model, ctx.seed);

  const steps: Step[] = [{
    id: 'quotient/dimension', stage: 'quotient', rule: 'quotient-dimension',
    title: 'Quotient dimension',
    statement: `$\\dim \\Theta/G = n - \\dim(\\text{orbit}) = ${P.length} - ${sym_.orbitDimension} = ${quotientDimension}$ (the orbit dimension is the generic rank of the generators, not the algebra's dimension ${sym_.lieAlgebraDimension}).` +
      (fdim !== null ? ` Functional dimension (rank of $\\partial \\phi(f_\\theta(x_d))/\\partial\\theta$ on the data, $\\phi$ ${model.lossKind === 'cross-entropy' ? 'the softmax probabilities' : 'the outputs'}, what the loss sees): ${fdim}${fdim < quotientDimension ? ' — below the quotient dimension: the catalogue misses symmetries of this architecture and data (or the data do not separate all functions)' : ''}.` : ''),
    conditions: [`${coordinates.length} independent invariants found as quotient coordinates`],
    checks: [
      {
        method: 'numeric', status: coordinates.length === quotientDimension ? 'passed' : 'failed',
        detail: `independent polynomial invariants found: ${coordinates.length}, quotient dimension ${quotientDimension}` +
          (coordinates.length < quotientDimension ? ': the invariant search does not reach every quotient coordinate (for instance the rational invariants of a linear layer, or symmetries the catalogue misses)' : ''),
      },
      // The map the loss sees factors through the quotient, so its rank on the data cannot exceed the quotient's dimension.
      ...(fdim !== null ? [{
        method: 'numeric' as const, status: fdim <= quotientDimension ? 'passed' as const : 'failed' as const,
        detail: `functional dimension ${fdim} ${fdim <= quotientDimension ? '<=' : '>'} quotient dimension ${quotientDimension}${fdim <= quotientDimension ? '' : ': a claimed symmetry changes the function'}`,
      }] : []),
    ],
  }];
  steps.push({
    id: 'quotient/metric', stage: 'quotient', rule: 'pushforward-metric',
    title: 'Push-forward metric and the gradient-field assumption',
    statement: `With $J = \\partial w/\\partial\\theta$, gradient flow pushes forward to $\\dot w = -G\\nabla_w \\bar L$, $G = JJ^T = ${fmtMatrix(G)}$. ` +
      ({ exact: 'G depends on w alone: the gradient-field assumption holds exactly.', 'on-level-set': 'G depends on w and the conserved quantities: the gradient-field assumption holds on each level set of the conserved quantities.', fails: 'G is not a function of w and the conserved quantities: the gradient-field assumption fails.' } as const)[verdict],
    conditions: [`generic ranks: rank[dw] = ${ranks.w}, rank[dw; dG] = ${ranks.wG}, rank[dw; dc] = ${ranks.wc}, rank[dw; dc; dG] = ${ranks.wcG}` +
      (blocks > 1 ? ` (each the sum over ${blocks} blocks of parameters: rows of different blocks share no parameter, so the Jacobian is block diagonal and its rank is the sum of the blocks' ranks)` : '') +
      (viaKernel > 0 ? `; in ${viaKernel === blocks ? 'the' : `${viaKernel} large`} block${viaKernel === 1 ? '' : 's'}, rank[A; dG] = rank A + rank(dG K) with K an orthonormal basis of ker A (A = dw or [dw; dc]): the rows of dG on the orbit directions, the same rank as the stacked matrix` : '')],
    checks: [{ method: 'numeric', status: consistent ? 'passed' : 'failed', detail: `the four Jacobian ranks ${consistent ? 'agree' : 'DISAGREE'} at 3 seeded generic points (seeds ${ctx.seed}, ${ctx.seed + 17}, ${ctx.seed + 34})` }],
  });

  let reduced: QuotientResult['reduced'];
  if (quotientDimension === 1 && coordinates.length === 1 && model.kind === 'expression') {
    const line = reducedLossOnLine(model, sym_, coordinates[0], G[0][0], ctx, nf);
    reduced = line.reduced;
    steps.push(line.step);
  }
  return { quotientDimension, functionalDimension: fdim, coordinates, metric: G, gradientField: verdict, reduced, steps };
}

/**
 * On a 1-D quotient: Lbar(w) through a verified section, G as a function of
 * (w, c), and the push-forward identity. `reduced` is left undefined (and the
 * step says why) when there is no section or G is neither 1 nor expressible
 * in (w, c): later stages then work in the parameters instead of on a line
 * whose metric they would not know.
 */
function reducedLossOnLine(model: Model, sym_: SymmetryResult, w: { name: string; expr: Expr }, G: Expr, ctx: StageContext, nf: NormalForm): { reduced: QuotientResult['reduced']; step: Step } {
  const P = model.parameters;
  const base = { id: 'quotient/reduced-loss', stage: 'quotient', rule: 'reduced-loss', title: 'Reduced loss on the quotient' } as const;
  const section = findSection(model.loss, w.expr, P, w.name, nf);
  if (!section) {
    return {
      reduced: undefined,
      step: {
        ...base,
        statement: `No section $\\theta = s(${w.name})$ was found on which $L(\\theta) = \\bar L(${latex(w.expr)})$ holds identically (tried: every parameter but one fixed at 1, then at 0, the last solved from $${w.name} = ${latex(w.expr)}$ when affine or a pure square in it). The loss may depend on more than this invariant (e.g. on a sign, a discrete invariant); no reduced loss on a line is formed.`,
        conditions: [], checks: [],
      },
    };
  }
  const lbar = section.reducedLoss;
  const lossChecks = checkIdentity(model.loss, substitute(lbar, { [w.name]: w.expr }), { seed: ctx.seed, normalForm: nf });
  const cNames = sym_.conserved.map((_, k) => (sym_.conserved.length === 1 ? 'c' : `c${k + 1}`));
  const gInQ = metricInInvariants(G, w.expr, sym_.conserved.map((c) => c.expr), { w: w.name, c: cNames }, nf);
  const back = gInQ && substitute(gInQ, new Map<string, Expr>([[w.name, w.expr], ...sym_.conserved.map((c, k) => [cNames[k], c.expr] as const)]));
  const metricChecks = back ? checkIdentity(pow(G, 2), pow(back, 2), { seed: ctx.seed + 1, normalForm: nf }) : [];
  // Push-forward, docs/theory.md §1: dw/dt = J theta' = -J grad L must equal -G Lbar'(w(theta)).
  const gradL = gradient(model.loss, P);
  const jGradL = add(...gradient(w.expr, P).map((j, i) => mul(j, gradL[i])));
  const pushChecks = checkIdentity(jGradL, mul(G, substitute(diff(lbar, w.name), { [w.name]: w.expr })), { seed: ctx.seed + 2, normalForm: nf });
  const flat = nf.isZero(sub(G, num(1)));
  const step: Step = {
    ...base,
    statement: `On the section ${[...section.bindings].map(([p, e]) => `$${latex(sym(p))} = ${latex(e)}$`).join(', ')}${section.rangeTex ? ` (real for $${section.rangeTex}$)` : ''} the loss becomes $\\bar L(${w.name}) = ${latex(lbar)}$, and $L(\\theta) = \\bar L(${latex(w.expr)})$ identically.` +
      (gInQ ? ` The metric is $G = ${latex(G)} = ${latex(gInQ)}$${cNames.length ? ` with ${sym_.conserved.map((c, k) => `$${cNames[k]} = ${latex(c.expr)}$`).join(', ')}` : ''}.`
        : ` The metric $G = ${latex(G)}$ could not be written as a function of $${w.name}$ and the conserved quantities ($G$ or $G^2$ a polynomial of degree at most 2 in them), so no quotient line is formed: later stages work in the parameters.`),
    before: { kind: 'expr', expr: model.loss },
    after: { kind: 'eq', lhs: sym('Lbar'), rhs: lbar },
    conditions: [`checked: $L = \\bar L(w(\\theta))$; $J\\nabla L = G\\,\\bar L'(w)$ (push-forward)${gInQ ? `; $G^2 = ${latex(pow(gInQ, 2))}$` : ''}, each an identity in $\\theta$`],
    checks: [...lossChecks, ...metricChecks, ...pushChecks],
  };
  const reduced = gInQ || flat
    ? { variable: w.name, loss: lbar, metric: flat ? undefined : gInQ, conservedSymbols: gInQ && !flat ? cNames : [] }
    : undefined;
  return { reduced, step };
}
