// The coarse-graining stage (DESIGN §1): local entropy -> Cole-Hopf -> viscous
// HJ on the quotient (1-D arc length when the metric is not flat) -> Burgers.
// Each step is a transform rule from rules/coarse-graining; its identity
// obligation is checked in jet space, and the numeric checks it names are run
// on the actual reduced loss when the quotient is a flat line.
import { parseExpr } from '../ir/parse.js';
import { compile } from '../ir/evaluate.js';
import type { Expr } from '../ir/expr.js';
import type { Check, Step } from '../derivation/types.js';
import type { QuotientResult, StageContext } from '../quotient/types.js';
import { RuleError } from '../rewrite/rule-files.js';
import { NUMERIC_CHECKS } from './numeric-checks.js';
import { checkObligation } from './obligation.js';
import { loadTransformRules, type TransformRule } from './transform-rules.js';
import type { Viscosity } from './viscosity.js';

export interface CoarseGrainInput {
  readonly quotientDimension: number;
  readonly reduced?: QuotientResult['reduced'];
  readonly viscosity: Viscosity;
  readonly domain?: readonly [number, number];
}
export interface CoarseGrainResult { readonly steps: readonly Step[]; readonly hamiltonJacobi: Expr; readonly burgers: Expr }

const CHAIN = ['local-entropy', 'cole-hopf', 'laplace-beltrami-arc-length', 'hj-to-burgers'] as const;
const TITLES: Record<(typeof CHAIN)[number], string> = {
  'local-entropy': 'Local-entropy coarse-graining',
  'cole-hopf': 'Cole-Hopf: heat equation to viscous Hamilton-Jacobi',
  'laplace-beltrami-arc-length': 'Viscous HJ on the curved quotient: Laplace-Beltrami and arc length',
  'hj-to-burgers': 'Viscous Burgers equation for p = grad u',
};

export function coarseGrain(input: CoarseGrainInput, ctx: StageContext): CoarseGrainResult {
  const rules = loadTransformRules(ctx.rulesDir, Object.keys(NUMERIC_CHECKS));
  const need = (id: string): TransformRule => {
    const r = rules.get(id);
    if (!r) throw new RuleError(ctx.rulesDir, id, `expected a transform rule with id "${id}" (the coarse-graining chain uses it)`);
    return r;
  };
  const r = input.reduced;
  const flatLine = r && !r.metric && input.domain ? { lbar: ((f) => (w: number) => f([w]))(compile(r.loss, [r.variable])), nu: input.viscosity.nu, domain: input.domain, seed: ctx.seed } : undefined;
  const steps: Step[] = CHAIN.filter((id) => id !== 'laplace-beltrami-arc-length' || (r?.metric !== undefined)).map((id, k) => {
    const rule = need(id);
    const checks: Check[] = typeof rule.obligation === 'string' ? [] : checkObligation(rule.obligation, ctx.seed + k);
    for (const name of rule.numeric) {
      checks.push(flatLine ? NUMERIC_CHECKS[name](flatLine) : { method: 'numeric', status: 'skipped', detail: `${name}: runs on a flat 1-D reduced loss only (this quotient: dimension ${input.quotientDimension}${r?.metric ? ', curved' : ''})` });
    }
    const conditions = id === 'local-entropy'
      ? [`$${input.viscosity.formulaTex}$`, input.quotientDimension === 1 ? '1-D quotient' : `${input.quotientDimension}-dimensional quotient: the identities hold in each coordinate (heat kernel $t^{-n/2}e^{-|x-y|^2/(4\\nu t)}$)`]
      : [];
    return {
      id: `coarse-grain/${id}`, stage: 'coarse-grain', rule: id, title: TITLES[id], statement: rule.statement,
      ...(rule.before ? { before: { kind: 'expr', expr: parseExpr(rule.before) } as const } : {}),
      ...(rule.after ? { after: { kind: 'expr', expr: parseExpr(rule.after) } as const } : {}),
      conditions, checks,
    };
  });
  return {
    steps,
    hamiltonJacobi: parseExpr(need('cole-hopf').after ?? 'u_t + u_x^2/2 - nu*u_xx'),
    burgers: parseExpr(need('hj-to-burgers').after ?? 'p_t + p*p_x - nu*p_xx'),
  };
}
