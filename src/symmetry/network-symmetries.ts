// The symmetry stage for networks, as a recipe:
//   rules/symmetry (type: symmetry) -> sites on the layers -> generators (exact
//   linear fields) / permutations -> checks on the instantiated loss with the
//   real data -> Lie-algebra dimension (exact rank of the span) and orbit
//   dimension (generic rank) -> conserved quantities (rule templates, checked
//   grad Q . grad L = 0) -> invariants (paths through the rules' contractions,
//   checked xi . grad w = 0 for every generator).
// grad L is built once per model and one NormalForm is shared by every check,
// so the normal form of each dL/dtheta_i is computed once (DESIGN §3).
import type { Model } from '../architecture/model.js';
import { add, mul, num, sym } from '../ir/build.js';
import { freeSymbols, type Expr } from '../ir/expr.js';
import { compileMany } from '../ir/evaluate.js';
import { diff, gradient } from '../ir/diff.js';
import { NormalForm } from '../ir/normal-form.js';
import { substitute } from '../ir/substitute.js';
import { normalFormCheck, numericCheck, secondCasCheck } from '../derivation/checks.js';
import type { Check, Step } from '../derivation/types.js';
import { latex } from '../print/latex-expr.js';
import type { StageContext } from '../quotient/types.js';
import { loadRewriteRules } from '../rewrite/rules.js';
import { seededRng } from '../util/random.js';
import { loadSymmetryRules } from './catalogue-rules.js';
import { pathInvariants, type InvariantCandidate } from './catalogue-invariants.js';
import { conservedOf, fieldExprs, fieldVector, instantiateFamilies, type InstantiatedFamily, type LinearField } from './catalogue.js';
import { finiteRescalingSteps } from './finite-action.js';
import { genericRank, randomPoint } from './generic-rank.js';
import { SparseSpan } from './sparse-span.js';
import type { ConservedQuantity, Generator, Invariant, SymmetryFamily, SymmetryResult } from './types.js';

const zero = num(0);

/**
 * What every check on one model shares: one normal form and the gradients of
 * the per-sample losses l_d, built once, and grad L = mean_d grad l_d over the
 * same DAGs. When grad l_d is polynomial in the atoms (MSE; relu(z) = z H(z))
 * the normal form proves xi . grad L = 0 on L itself, where the samples'
 * monomials merge. When it is a rational function (cross-entropy: 1/sum_k e^{f_k})
 * it proves xi . grad l_d = 0 sample by sample, which implies the identity for
 * the mean and keeps one denominator per sample instead of their product.
 */
export interface LossCalculus {
  readonly nf: NormalForm;
  /** grad l_d for every sample (one entry, grad L, for a model without samples). */
  readonly sampleGrads: readonly (readonly Expr[])[];
  /** grad L = (1/N) sum_d grad l_d, sharing the per-sample DAGs. */
  readonly grad: readonly Expr[];
  /** True when every component of grad l_1 has denominator 1 in the normal form. */
  readonly polynomial: boolean;
  /** Gradients of the outputs f_k(x_1) of the first sample (lazily built). */
  readonly outputGrads: () => readonly (readonly Expr[])[];
}

export function lossCalculus(model: Model): LossCalculus {
  const P = model.parameters;
  const nf = new NormalForm();
  const sampleGrads = model.sampleLosses.length ? model.sampleLosses.map((l) => gradient(l, P)) : [gradient(model.loss, P)];
  const N = sampleGrads.length;
  const grad = N === 1 && !model.sampleLosses.length ? sampleGrads[0] : P.map((_, i) => mul(num(1, N), add(...sampleGrads.map((g) => g[i]))));
  const polynomial = sampleGrads[0].every((g) => nf.coefficients(g) !== null);
  const width = model.layers.length ? model.layers[model.layers.length - 1].weights.length : 0;
  let outputGrads: Expr[][] | undefined;
  return { nf, sampleGrads, grad, polynomial, outputGrads: () => (outputGrads ??= model.outputs.slice(0, width).map((f) => gradient(f, P))) };
}

/**
 * The second CAS on the smallest exact target: the outputs f_k(x_1) when the
 * normal form finds the identity holds there already (a symmetry of the network
 * function: a stronger statement), else the first sample's loss l_1.
 */
export function secondCasOnSample(residual: (grad: readonly Expr[]) => Expr, calc: LossCalculus): Check {
  const outs = calc.outputGrads().map(residual);
  if (outs.length && outs.every((r) => calc.nf.isZero(r))) {
    const cs = outs.map((r) => secondCasCheck(r, zero));
    const worst = cs.find((c) => c.status === 'failed') ?? cs.find((c) => c.status === 'skipped') ?? cs[0];
    return { ...worst, detail: `on the outputs f_k(x_1), k = 1..${outs.length}: ${worst.detail}` };
  }
  const c = secondCasCheck(residual(calc.sampleGrads[0]), zero);
  return { ...c, detail: `on the first sample's loss l_1: ${c.detail}` };
}

/** Normal-form check of an identity residual(grad L) = 0: on L, or sample by sample (see LossCalculus). */
export function lossIdentityCheck(residual: (grad: readonly Expr[]) => Expr, calc: LossCalculus): Check {
  const N = calc.sampleGrads.length;
  if (calc.polynomial || N === 1) {
    const r = residual(calc.grad);
    return calc.nf.isZero(r)
      ? { method: 'normal-form', status: 'passed', detail: 'the residual on L reduces to 0' }
      : { method: 'normal-form', status: 'failed', detail: `the residual on L reduces to a non-zero expression with ${calc.nf.termCount(r)} term(s)` };
  }
  for (let d = 0; d < N; d++) {
    const r = residual(calc.sampleGrads[d]);
    if (!calc.nf.isZero(r)) return { method: 'normal-form', status: 'failed', detail: `the residual for sample ${d + 1} reduces to a non-zero expression with ${calc.nf.termCount(r)} term(s) (checked sample by sample: rational per-sample gradients)` };
  }
  return { method: 'normal-form', status: 'passed', detail: `the residual reduces to 0 for each of the ${N} samples, hence for their mean L` };
}

/** xi . grad f for a linear field, over its non-zero components only. */
export function lieDerivative(field: LinearField, grad: readonly Expr[], parameters: readonly string[]): Expr {
  return add(...field.entries.map((e) => mul(num(e.coef), ...(e.source === null ? [] : [sym(parameters[e.source])]), grad[e.target])));
}

export interface VerifyOptions {
  /** Only the normal-form check (benchmarks): no second CAS, no numeric points. */
  readonly symbolicOnly?: boolean;
  /** Reuse grad L and the normal form of an earlier call on the same model. */
  readonly calculus?: LossCalculus;
}

const withPrefix = (id: string, cs: readonly Check[]): Check[] => cs.map((c) => ({ ...c, detail: `${id}: ${c.detail}` }));
const casSkipped = (what: string): Check => ({ method: 'second-cas', status: 'skipped', detail: `second CAS run on the first ${what} only (cost, ~0.3 s per network identity); this one is proved by the normal form and checked numerically` });

/**
 * Checks xi . grad L == 0 for every generator (normal form on L; second CAS on
 * the first sample's loss for the first generator of each family; numeric on L
 * at seeded random parameters), and L(P theta) == L(theta) for every
 * permutation. Family dimensions are what each family adds to the span of the
 * families before it, largest families first (rescaling inside GL(h) adds 0),
 * so they sum to the Lie-algebra dimension.
 */
export function verifyGenerators(model: Model, families: readonly InstantiatedFamily[], ctx: StageContext, opts: VerifyOptions = {}): SymmetryFamily[] {
  const P = model.parameters;
  const calc = opts.calculus ?? lossCalculus(model);
  const added = familyDimensions(families);
  return families.map((fam, fi) => {
    const rule = fam.site.rule;
    if (rule.kind === 'discrete') {
      const checks = fam.permutations.flatMap((perm, k) => {
        const moved = substitute(model.loss, new Map([...perm.mapping].map(([a, b]) => [a, sym(b)] as const)));
        const cs = [normalFormCheck(moved, model.loss, calc.nf)];
        if (!opts.symbolicOnly) cs.push(numericCheck(moved, model.loss, { seed: ctx.seed + k, points: 3, tolerance: ctx.tolerance }));
        return withPrefix(`${perm.id}: L(P theta) = L(theta)`, cs);
      });
      return { id: fam.id, rule: rule.id, kind: 'discrete', dimension: 0, generators: [], actionTex: rule.action.tex, checks };
    }
    const generators: Generator[] = fam.fields.map((f, k) => {
      const checks: Check[] = [lossIdentityCheck((g) => lieDerivative(f, g, P), calc)];
      if (!opts.symbolicOnly) {
        const residual = lieDerivative(f, calc.grad, P);
        if (k === 0) checks.push(secondCasOnSample((g) => lieDerivative(f, g, P), calc));
        else checks.push(casSkipped('generator of this family'));
        checks.push(numericCheck(residual, zero, { seed: ctx.seed + 17 * fi + k, points: 3, tolerance: ctx.tolerance }));
      }
      return { id: f.id, field: fieldExprs(f, P), checks };
    });
    return { id: fam.id, rule: rule.id, kind: 'continuous', dimension: added[fi], generators, actionTex: rule.action.tex, checks: [] };
  });
}

/** Exact dimension each continuous family adds to the span, families taken by decreasing own rank (stable). */
function familyDimensions(families: readonly InstantiatedFamily[]): number[] {
  const own = families.map((f) => { const s = new SparseSpan(); f.fields.forEach((g) => s.add(fieldVector(g))); return s.dimension; });
  const order = families.map((_, i) => i).sort((a, b) => own[b] - own[a] || a - b);
  const span = new SparseSpan();
  const added = families.map(() => 0);
  for (const i of order) for (const g of families[i].fields) if (span.add(fieldVector(g))) added[i]++;
  return added;
}

/** Conserved quantities from the rules' templates, kept when independent of earlier ones, each checked grad Q . grad L == 0. */
function conservedQuantities(model: Model, families: readonly InstantiatedFamily[], calc: LossCalculus, ctx: StageContext): { quantities: ConservedQuantity[]; steps: Step[] } {
  const P = model.parameters;
  const index = new Map(P.map((p, i) => [p, i] as const));
  const span = new SparseSpan();
  const quantities: ConservedQuantity[] = [];
  const steps: Step[] = [];
  const casDone = new Set<string>();
  for (const fam of families) {
    if (fam.site.rule.kind !== 'continuous') continue;
    for (const q of conservedOf(fam.site, model)) {
      if (!span.add(calc.nf.coefficients(q.expr) ?? new Map())) continue; // e.g. a rescaling quantity is a diagonal entry of GL(h)'s
      const vars = freeSymbols(q.expr);
      const dQ = vars.map((v) => diff(q.expr, v));
      const dot = (g: readonly Expr[]): Expr => add(...vars.map((v, i) => mul(dQ[i], g[index.get(v)!])));
      const rule = fam.site.rule.id;
      const k = quantities.length;
      const cas = casDone.has(rule) ? casSkipped('conserved quantity of this rule') : secondCasOnSample(dot, calc);
      casDone.add(rule);
      const checks: Check[] = [lossIdentityCheck(dot, calc), cas, numericCheck(dot(calc.grad), zero, { seed: ctx.seed + 500 + k, points: 3, tolerance: ctx.tolerance })];
      const id = `c_${k + 1}`;
      quantities.push({ id, rule, expr: q.expr, checks });
      steps.push({
        id: `symmetry/conserved-${id}`, stage: 'symmetry', rule,
        title: `Conserved quantity $c_{${k + 1}}$ (${q.id})`,
        statement: `Under gradient flow $\\dot\\theta = -\\nabla L$, $c_{${k + 1}} = ${q.tex} = ${latex(q.expr)}$ is constant: $\\nabla c_{${k + 1}}\\cdot\\nabla L = 0$.`,
        before: { kind: 'expr', expr: q.expr }, conditions: [`from the conserved template of ${rule} at ${q.id}`],
        checks: withPrefix(id, checks),
      });
    }
  }
  return { quantities, steps };
}

/** Greedy functionally independent subset: rank of the gradients at a generic point (Gram-Schmidt, twice). */
function independent(candidates: readonly InvariantCandidate[], P: readonly string[], seed: number): InvariantCandidate[] {
  const point = randomPoint(P.length, seed);
  const basis: Float64Array[] = [];
  const kept: InvariantCandidate[] = [];
  for (const c of candidates) {
    const v = new Float64Array(P.length);
    compileMany(gradient(c.expr, P), P)(point, v);
    const norm0 = Math.hypot(...v);
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) for (const q of basis) { const d = q.reduce((s, x, i) => s + x * v[i], 0); q.forEach((x, i) => { v[i] -= d * x; }); }
    const norm = Math.hypot(...v);
    if (norm <= 1e-8 * norm0) continue;
    basis.push(v.map((x) => x / norm));
    kept.push(c);
  }
  return kept;
}

/** xi_k . grad w == 0 for every generator k: normal form per generator; numeric and second CAS on a seeded random combination. */
function invariantChecks(w: Expr, fields: readonly LinearField[], P: readonly string[], calc: LossCalculus, seed: number, withCas: boolean): Check[] {
  const vars = new Set(freeSymbols(w));
  const grad = P.map((p) => (vars.has(p) ? diff(w, p) : zero));
  const acting = fields.filter((f) => f.entries.some((e) => vars.has(P[e.target])));
  // Nothing is computed here: an honest `unchecked` (docs/theory.md §3), never a `passed` with residual 0.
  if (acting.length === 0) return [{ method: 'normal-form', status: 'unchecked', detail: `not computed: no generator moves the parameters of this invariant (of ${fields.length}), so xi_k . grad w = 0 was not evaluated` }];
  const residuals = acting.map((f) => lieDerivative(f, grad, P));
  const bad = residuals.filter((r) => !calc.nf.isZero(r)).length;
  const rng = seededRng(seed);
  const combination = add(...residuals.map((r) => mul(num(String(Math.round(rng.uniform(0.5, 1.5) * 1e6) / 1e6)), r)));
  return [
    bad === 0 ? { method: 'normal-form', status: 'passed', detail: `xi_k . grad w reduces to 0 for all ${acting.length} generators acting on it` } : { method: 'normal-form', status: 'failed', detail: `xi_k . grad w is non-zero for ${bad} of ${acting.length} generators` },
    withCas ? secondCasCheck(combination, zero) : casSkipped('invariant of this group'),
    numericCheck(combination, zero, { seed, points: 3 }),
  ];
}

export function networkSymmetries(model: Model, ctx: StageContext): SymmetryResult {
  const P = model.parameters;
  const rules = loadSymmetryRules(ctx.rulesDir);
  const instantiated = instantiateFamilies(rules, model);
  const calc = lossCalculus(model);
  const families = verifyGenerators(model, instantiated, ctx, { calculus: calc });
  const steps: Step[] = families.map((f, i) => familyStep(f, instantiated[i], model));

  const linear = instantiated.flatMap((f) => f.fields);
  const span = new SparseSpan();
  linear.forEach((f) => span.add(fieldVector(f)));
  const fields = families.flatMap((f) => f.generators.map((g) => g.field));
  const orbitDimension = genericRank(fields, P, ctx.seed);

  const { quantities: conserved, steps: conservedSteps } = conservedQuantities(model, instantiated, calc, ctx);
  steps.push(...conservedSteps);

  const kept = independent(pathInvariants(model, instantiated.map((f) => f.site)), P, ctx.seed);
  const groups = [...new Set(kept.map((c) => c.segment))];
  const invariants: Invariant[] = [];
  for (const segment of groups) {
    const members = kept.filter((c) => c.segment === segment);
    const checked = members.map((c, k) => ({ id: `w_${invariants.length + k + 1}`, expr: c.expr, checks: linear.length ? invariantChecks(c.expr, linear, P, calc, ctx.seed + 900 + invariants.length + k, k === 0) : [] }));
    invariants.push(...checked);
    const cited = [...new Set(members.flatMap((c) => c.rules))];
    const rule = cited[0] ?? instantiated.find((f) => f.fields.length)?.site.rule.id;
    if (!rule) continue; // no generator anywhere: every parameter is a coordinate, nothing to check
    steps.push({
      id: `symmetry/invariants-${segment + 1}`, stage: 'symmetry', rule,
      title: `${checked.length} invariant(s) ${cited.length ? `through ${cited.join(', ')}` : '(untouched parameters)'}`,
      statement: `Invariant under all ${linear.length} generators (quotient coordinates): ${checked.slice(0, 16).map((w) => `$${latex(w.expr)}$`).join(', ')}${checked.length > 16 ? ', \\dots' : ''}.`,
      conditions: [cited.length ? `products along paths through the contracted sites of ${cited.join(', ')}` : 'parameters no generator moves', `Lie algebra dimension ${span.dimension}, orbit dimension ${orbitDimension}`],
      checks: checked.flatMap((w) => withPrefix(w.id, w.checks)),
    });
  }
  steps.push(...finiteRescalingSteps(model, loadRewriteRules(ctx.rulesDir), ctx.seed));
  return { families, lieAlgebraDimension: span.dimension, orbitDimension, invariants, conserved, steps };
}

function familyStep(f: SymmetryFamily, inst: InstantiatedFamily, model: Model): Step {
  const rule = inst.site.rule;
  const layer = inst.site.layer + 1;
  const conditions = [`layer ${layer}: activation ${model.layers[inst.site.layer].activation}`];
  if (f.kind === 'continuous') {
    const first = f.generators[0];
    if (f.dimension < inst.fields.length) conditions.push(`adds ${f.dimension} to the span of the other families (${inst.fields.length} generators)`);
    return {
      id: `symmetry/${f.id}`, stage: 'symmetry', rule: rule.id,
      title: `${rule.id.replace(/-/g, ' ')} at layer ${layer}: ${f.generators.length} generator(s), dimension ${f.dimension}`,
      statement: `${rule.statement} Action: $${rule.action.tex}$.${first ? ` First generator ${first.id}: $\\xi = ${fieldTex(inst.fields[0], model.parameters)}$.` : ''}`,
      conditions, checks: f.generators.flatMap((g) => withPrefix(g.id, g.checks)),
    };
  }
  return {
    id: `symmetry/${f.id}`, stage: 'symmetry', rule: rule.id,
    title: `${rule.id.replace(/-/g, ' ')} at layer ${layer}: ${inst.permutations.length} transposition(s)`,
    statement: `${rule.statement} Action: $${rule.action.tex}$.`,
    conditions: [...conditions, 'discrete group: no dimension drop'], checks: f.checks,
  };
}

/** xi as a derivation operator, sum_i xi_i d/d theta_i. */
function fieldTex(f: LinearField, P: readonly string[]): string {
  return f.entries.map((e, k) => {
    const c = e.source === null ? num(e.coef) : mul(num(e.coef), sym(P[e.source]));
    const t = latex(c);
    const sign = k > 0 && !t.startsWith('-') ? ' + ' : '';
    return `${sign}${t}\\,\\partial_{${latex(sym(P[e.target]))}}`;
  }).join('');
}
