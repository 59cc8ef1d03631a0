// The symmetry stage for networks: catalogue rules instantiated on the layers,
// every generator verified on the instantiated loss with the spec's data
// (normal form on L; second CAS on the first output f_1(x_1), through which
// alone L depends on theta;
// numeric at seeded random parameters), conserved quantities by Noether,
// invariants as quotient coordinates.
import type { Model } from '../architecture/model.js';
import { add, mul, num, sym } from '../ir/build.js';
import { Fraction, type Expr } from '../ir/expr.js';
import { compileMany } from '../ir/evaluate.js';
import { gradient } from '../ir/diff.js';
import { NormalForm } from '../ir/normal-form.js';
import { substitute } from '../ir/substitute.js';
import { normalFormCheck, numericCheck, secondCasCheck } from '../derivation/checks.js';
import type { Check, Step } from '../derivation/types.js';
import { latex } from '../print/latex-expr.js';
import type { StageContext } from '../quotient/types.js';
import { loadSymmetryRules } from './catalogue-rules.js';
import { loadRewriteRules } from '../rewrite/rules.js';
import { finiteRescalingSteps } from './finite-action.js';
import { generatorsOf, permutationsOf, sites, type RawGenerator } from './catalogue.js';
import { quadraticForm, symmetricElements } from './conserved.js';
import { genericRank, numericalRank } from './generic-rank.js';
import { polynomialInvariants } from './invariants.js';
import { fieldTex, invariantChecks } from './expression-symmetries.js';
import type { ConservedQuantity, Generator, Invariant, SymmetryFamily, SymmetryResult } from './types.js';

const zero = num(0);

/** xi . grad f over the non-zero components of xi only. */
export function sparseLieDerivative(field: readonly Expr[], grad: readonly Expr[]): Expr {
  return add(...field.flatMap((c, i) => (c.kind === 'num' && c.value.equals(0) ? [] : [mul(c, grad[i])])));
}

export interface VerifyOptions {
  readonly symbolicOnly?: boolean;
  readonly seed: number;
  /** Where the second CAS checks the identity: the first output (symmetries of the network function) or the first sample's loss (symmetries of the loss only, e.g. softmax translation). */
  readonly casOn?: 'output' | 'sample-loss';
}

/**
 * The second CAS (nerdamer) needs ~0.3 s per network identity, so it runs on
 * the first member of each family only; the others are proved by the normal
 * form and checked numerically, and their second-CAS check says so.
 */
const casSkipped = (what: string): Check => ({ method: 'second-cas', status: 'skipped', detail: `second CAS run on the first ${what} of this family only (cost); this one is proved by the normal form` });

/** Verify xi . grad L == 0 for each generator; the gradient and normal form are shared across generators. */
export function verifyGenerators(model: Model, raw: readonly RawGenerator[], o: VerifyOptions, nf: NormalForm = new NormalForm(), gradL: readonly Expr[] = gradient(model.loss, model.parameters)): Generator[] {
  // The second CAS checks xi . grad f_1(x_1) = 0: L depends on theta only through the outputs, so this
  // is the core of the identity on a much smaller expression (nerdamer needs ~0.3 s for a whole sample loss).
  const onOutput = (o.casOn ?? 'output') === 'output';
  const casTarget = onOutput ? model.outputs[0] : model.sampleLosses[0];
  const casWhere = onOutput ? 'on the output f_1(x_1)' : "on the first sample's loss";
  const gradSample = !o.symbolicOnly && casTarget ? gradient(casTarget, model.parameters) : undefined;
  return raw.map((g, k) => {
    const residual = sparseLieDerivative(g.field, gradL);
    const checks: Check[] = [normalFormCheck(residual, zero, nf)];
    if (!o.symbolicOnly) {
      if (k === 0) {
        const cas = gradSample ? secondCasCheck(sparseLieDerivative(g.field, gradSample), zero) : secondCasCheck(residual, zero);
        checks.push(gradSample ? { ...cas, detail: `${casWhere}: ${cas.detail}` } : cas);
      } else checks.push(casSkipped('generator'));
      checks.push(numericCheck(residual, zero, { seed: o.seed + k, points: 4 }));
    }
    return { id: g.id, field: g.field, checks };
  });
}

/** Rank of the span of linear/affine vector fields (coefficients read off by evaluation at 0 and e_j). */
export function spanDimension(fields: readonly (readonly Expr[])[], params: readonly string[]): number {
  const n = params.length;
  const rows = fields.map((f) => {
    const F = compileMany(f, params);
    const at = (x: Float64Array): number[] => { const o = new Float64Array(n); F(x, o); return [...o]; };
    const z = at(new Float64Array(n));
    return [...z, ...params.flatMap((_, j) => { const e = new Float64Array(n); e[j] = 1; return at(e).map((v, i) => v - z[i]); })];
  });
  return numericalRank(rows);
}

/** Conserved quantities of a family by Noether: theta^T S theta for symmetric S in the span, c . theta for constant fields. */
function noetherQuantities(gens: readonly RawGenerator[], params: readonly string[]): { expr: Expr; ofFunction: boolean }[] {
  const n = params.length;
  const linear: Fraction[][][] = [];
  const constant: Expr[] = [];
  for (const g of gens) {
    const F = compileMany(g.field, params);
    const z = new Float64Array(n); F(new Float64Array(n), z);
    if (z.some((v) => v !== 0)) { constant.push(add(...[...z].flatMap((v, i) => (v ? [mul(num(String(v)), sym(params[i]))] : [])))); continue; }
    const A = Array.from({ length: n }, () => Array.from({ length: n }, () => new Fraction(0)));
    params.forEach((_, j) => {
      const e = new Float64Array(n); e[j] = 1; const o = new Float64Array(n); F(e, o);
      o.forEach((v, i) => { if (v) A[i][j] = new Fraction(String(v)); });
    });
    linear.push(A);
  }
  // Quadratic ones come from symmetries of the network function; linear ones from shifts the loss alone ignores.
  return [...symmetricElements(linear).map((S) => ({ expr: quadraticForm(S, params), ofFunction: true })), ...constant.map((expr) => ({ expr, ofFunction: false }))];
}

export function networkSymmetries(model: Model, ctx: StageContext): SymmetryResult {
  const P = model.parameters;
  const nf = new NormalForm();
  const gradL = gradient(model.loss, P);
  const rules = loadSymmetryRules(ctx.rulesDir);
  const families: SymmetryFamily[] = [];
  const conserved: ConservedQuantity[] = [];
  const steps: Step[] = [];
  const noetherGenerators: RawGenerator[] = [];
  for (const site of sites(rules, model)) {
    const id = `${site.rule.id}/L${site.layer + 1}`;
    if (site.rule.kind === 'discrete') {
      const checks = permutationsOf(site, model).flatMap((perm, k) => {
        const moved = substitute(model.loss, new Map([...perm.mapping].map(([a, b]) => [a, sym(b)] as const)));
        return [normalFormCheck(moved, model.loss, nf), numericCheck(moved, model.loss, { seed: ctx.seed + k, points: 3 })].map((c) => ({ ...c, detail: `${perm.id}: ${c.detail}` }));
      });
      families.push({ id, rule: site.rule.id, kind: 'discrete', dimension: 0, generators: [], actionTex: 'S_h', checks });
      steps.push({ id: `symmetry/${id}`, stage: 'symmetry', rule: site.rule.id, title: `Unit permutations of layer ${site.layer + 1}`, statement: site.rule.statement, conditions: ['discrete group: no dimension drop'], checks });
      continue;
    }
    const raw = generatorsOf(site, model);
    const generators = verifyGenerators(model, raw, { seed: ctx.seed, casOn: site.rule.applies.to === 'output-layer' ? 'sample-loss' : 'output' }, nf, gradL);
    const dimension = spanDimension(raw.map((g) => g.field), P);
    families.push({ id, rule: site.rule.id, kind: 'continuous', dimension, generators, actionTex: raw.length ? fieldTex(raw[0].field, P) : '', checks: [] });
    steps.push({
      id: `symmetry/${id}`, stage: 'symmetry', rule: site.rule.id,
      title: `${site.rule.id.replace(/-/g, ' ')} at layer ${site.layer + 1}: ${generators.length} generator(s), dimension ${dimension}`,
      statement: site.rule.statement + (raw.length ? ` First generator: $\\xi = ${fieldTex(raw[0].field, P)}$.` : ''),
      conditions: [`activation of layer ${site.layer + 1}: ${model.layers[site.layer].activation}`],
      checks: generators.flatMap((g) => g.checks.map((c) => ({ ...c, detail: `${g.id}: ${c.detail}` }))),
    });
    if (site.rule.conserved === 'noether') noetherGenerators.push(...raw);
  }
  // Noether over all families at once: overlapping families (rescaling inside GL(h)) give each quantity once.
  const gradOutput = model.outputs.length ? gradient(model.outputs[0], P) : gradL;
  const gradSampleLoss = model.sampleLosses.length ? gradient(model.sampleLosses[0], P) : gradL;
  for (const { expr: Q, ofFunction } of noetherQuantities(noetherGenerators, P)) {
    const k = conserved.length;
    const gradQ = gradient(Q, P);
    const dot = sparseLieDerivative(gradQ, gradL);
    const cas = k === 0 ? secondCasCheck(sparseLieDerivative(gradQ, ofFunction ? gradOutput : gradSampleLoss), zero) : casSkipped('conserved quantity');
    const checks = [normalFormCheck(dot, zero, nf), k === 0 ? { ...cas, detail: `${ofFunction ? 'on the output f_1(x_1) (grad c = 2 S theta is a generator)' : "on the first sample's loss"}: ${cas.detail}` } : cas, numericCheck(dot, zero, { seed: ctx.seed + 500 + k, points: 4 })];
    conserved.push({ id: `c_${k + 1}`, rule: 'noether-gradient-flow', expr: Q, checks });
    steps.push({ id: `symmetry/conserved-c_${k + 1}`, stage: 'symmetry', rule: 'noether-gradient-flow', title: `Conserved quantity $c_{${k + 1}}$`, statement: `$c_{${k + 1}} = ${latex(Q)}$ is constant under gradient flow: $\\nabla c\\cdot\\nabla L = 0$.`, before: { kind: 'expr', expr: Q }, conditions: [], checks });
  }
  steps.push(...finiteRescalingSteps(model, loadRewriteRules(ctx.rulesDir), ctx.seed));
  const fields = families.flatMap((f) => f.generators.map((g) => g.field));
  const lieAlgebraDimension = fields.length ? spanDimension(fields, P) : 0;
  const orbitDimension = genericRank(fields, P, ctx.seed);
  const invariants: Invariant[] = polynomialInvariants(fields, P, P.length - orbitDimension, ctx.seed, nf)
    .map((w, k) => ({ id: `w_${k + 1}`, expr: w, checks: fields.length ? invariantChecks(fields, w, P, ctx, nf, k === 0) : [] }));
  steps.push({
    id: 'symmetry/invariants', stage: 'symmetry', rule: 'polynomial-invariant',
    title: `${invariants.length} invariants (quotient coordinates)`,
    statement: `Invariants of all ${fields.length} generators: ${invariants.slice(0, 16).map((w) => `$${latex(w.expr)}$`).join(', ')}${invariants.length > 16 ? ', \\dots' : ''}.`,
    conditions: [`Lie algebra dimension ${lieAlgebraDimension}, orbit dimension ${orbitDimension}`],
    checks: invariants.flatMap((w) => w.checks.map((c) => ({ ...c, detail: `${w.id}: ${c.detail}` }))),
  });
  return { families, lieAlgebraDimension, orbitDimension, invariants, conserved, steps };
}
