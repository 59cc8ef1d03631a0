// The symmetry stage for networks, as a recipe:
//   rules/symmetry (type: symmetry) -> sites on the layers -> generators (exact
//   linear fields) / permutations -> checks on the instantiated loss with the
//   real data -> Lie-algebra dimension (exact rank of the span) and orbit
//   dimension (generic rank) -> conserved quantities (rule templates, checked
//   grad Q . grad L = 0) -> invariants (paths through the rules' contractions,
//   checked xi . grad w = 0 for every generator).
// grad L is built once per model and one NormalForm is shared by every check,
// so the normal form of each dL/dtheta_i is computed once (docs/theory.md §3).
import type { Model } from '../architecture/model.js';
import { add, mul, num, sub, sym } from '../ir/build.js';
import { equals, freeSymbols, type Expr } from '../ir/expr.js';
import { compileMany } from '../ir/evaluate.js';
import { diff, gradient } from '../ir/diff.js';
import { sparseGradient } from '../ir/gradient.js';
import { NormalForm } from '../ir/normal-form.js';
import { substitute } from '../ir/substitute.js';
import { normalFormCheck, numericCheck, secondCasCheck } from '../derivation/checks.js';
import type { Check, Step } from '../derivation/types.js';
import { applyActivation } from '../architecture/mlp.js';
import { sampleLoss } from '../loss/index.js';
import { latex } from '../print/latex-expr.js';
import type { StageContext } from '../pipeline/context.js';
import { loadRewriteRules } from '../rewrite/rules.js';
import { modelNumerics, type NetworkNumerics } from '../shock/network-numerics.js';
import { seededRng } from '../util/random.js';
import { loadSymmetryRules } from './catalogue-rules.js';
import { pathInvariants, type InvariantCandidate } from './catalogue-invariants.js';
import { conservedOf, fieldExprs, fieldVector, instantiateFamilies, type InstantiatedFamily, type LinearField } from './catalogue.js';
import { finiteRescalingSteps } from './finite-action.js';
import { genericRank, randomPoint } from './generic-rank.js';
import { SparseSpan } from './sparse-span.js';
import { ModularSpan } from './modular-span.js';
import type { ConservedQuantity, Generator, Invariant, SymmetryFamily, SymmetryResult } from './types.js';

const zero = num(0);

/**
 * A linear functional of a gradient, residual(g) = sum_k a_k g[i_k]: the Lie
 * derivative xi . grad (a_k = c theta_j) and grad Q . grad (a_k = dQ/dtheta_i).
 */
export type Combination = readonly (readonly [Expr, number])[];
const combine = (c: Combination, grad: readonly Expr[]): Expr => add(...c.map(([a, i]) => mul(a, grad[i])));

/** Outputs f_k at one input (symbolic or a data point) and their gradients, with a normal form of its own (dropped with the calculus). */
interface OutputSample { readonly nf: NormalForm; readonly outputs: readonly Expr[]; readonly grads: readonly (readonly Expr[])[] }

/**
 * Where an identity was proved: the two-layer block the combination acts on
 * (deep nets, see layerBlock), the network function at a symbolic input, or
 * at every data point; 'shift' when the outputs are not invariant but all move
 * by one common amount and the sample loss ignores a common shift of its
 * outputs (see ShiftLemma).
 */
type OutputRoute = { readonly kind: 'symbolic' | 'samples'; readonly samples: readonly OutputSample[] }
  | { readonly kind: 'block'; readonly layer: number; readonly samples: readonly OutputSample[] }
  | { readonly kind: 'shift'; readonly on: 'symbolic' | 'samples'; readonly samples: readonly OutputSample[]; readonly lemma: ShiftLemma };

/**
 * The loss side of a common shift of the outputs (the softmax translation):
 * every sample loss is l_d = ell(f(x_d), y_d) for the loss kind's ell(z, y)
 * (confirmed structurally), and sum_k d ell / d z_k = 0 at symbolic logits z
 * for each distinct target y in the data. Then if xi . grad f_k(x_d) = c_d for
 * every k, xi . grad l_d = c_d sum_k d ell/d z_k = 0 (chain rule): the
 * identity is proved on the K outputs and one small expression per target,
 * not on the expanded per-sample losses.
 */
interface ShiftLemma { readonly kind: string; readonly targets: number; readonly residuals: readonly Expr[] }

/**
 * What every check on one model shares: the per-sample losses l_d and their
 * gradients, grad L = mean_d grad l_d over the same DAGs, and (lazily) the
 * network outputs and their gradients. Identities are proved on the smallest
 * object that implies them (issue 11): L depends on theta only through the
 * outputs f_k(x_d), so xi . grad f_k(x_d) = 0 for every d and k implies
 * xi . grad L = sum_{d,k} (dL/df_k(x_d)) xi . grad f_k(x_d) = 0 (chain rule),
 * for any loss of the outputs; and an identity of f_k(x) as a function of a
 * symbolic input x holds at every x_d. So the first route is f_k(x) for
 * symbolic x (one proof for all samples), the second f_k(x_d) sample by sample
 * (a data-dependent symmetry). When the outputs are not invariant (the softmax
 * translation leaves only the cross-entropy invariant) the identity is proved
 * on L when grad l_d is polynomial in the atoms (MSE; relu(z) = z H(z)), or
 * sample by sample when it is rational (cross-entropy: 1/sum_k e^{f_k}), which
 * implies it for the mean and keeps one denominator per sample.
 */
export interface LossCalculus {
  readonly nf: NormalForm;
  /** grad l_d for every sample (one entry, grad L, for a model without samples). */
  readonly sampleGrads: readonly (readonly Expr[])[];
  /** grad L = (1/N) sum_d grad l_d, sharing the per-sample DAGs. */
  readonly grad: readonly Expr[];
  /** True when every component of grad l_1 has denominator 1 in the normal form. */
  readonly polynomial: boolean;
  /** The network function at a symbolic input (empty without a forward map), lazily built. */
  readonly symbolicOutput: () => readonly OutputSample[];
  /** The outputs f_k(x_d) sample by sample (empty without outputs), lazily built. */
  readonly outputSamples: () => readonly OutputSample[];
  /** Number of outputs per sample. */
  readonly outputWidth: number;
  /** Memo of outputRoute per combination (one proof, reused by the second CAS). */
  readonly routes: WeakMap<Combination, OutputRoute | null>;
  /** The shift lemma of the model's loss when it holds by the normal form, else null (lazily built). */
  readonly shiftLemma: () => ShiftLemma | null;
  /** The second CAS on the shift lemma (one verdict per model, lazily). */
  readonly shiftLemmaCas: () => Check;
  /**
   * For a network deeper than two layers whose combination moves only parameters
   * of layers l+1, l+2 (0-based l): l and that block's pre-activations at a
   * symbolic input (see layerBlock), lazily built; else null.
   */
  readonly block: (c: Combination) => { readonly layer: number; readonly samples: readonly OutputSample[] } | null;
  /** L and grad L by back-propagation (the tensor-route kernels) for a network with data, else null; compiled once, lazily. */
  readonly numerics: () => NetworkNumerics | null;
}

/** ShiftLemma for a network with data and a loss kind, when the normal form proves it (null otherwise). */
function shiftLemmaOf(model: Model, width: number): ShiftLemma | null {
  const kind = model.lossKind, targets = model.dataset?.targets;
  if (!kind || !targets || width === 0 || model.sampleLosses.length !== targets.length || model.outputs.length !== width * targets.length) return null;
  // l_d really is ell(f(x_d), y_d): rebuilt from the outputs, the same DAG (the chain rule needs it).
  const built = targets.every((y, d) => equals(sampleLoss(kind, model.outputs.slice(d * width, d * width + width), y), model.sampleLosses[d]));
  if (!built) return null;
  const names = Array.from({ length: width }, (_, k) => `zlogit_${k + 1}`);
  const z = names.map((n) => sym(n));
  const distinct = [...new Map(targets.map((y) => [JSON.stringify(y), y] as const)).values()];
  const nf = new NormalForm();
  const residuals = distinct.map((y) => { const ell = sampleLoss(kind, z, y); return add(...names.map((n) => diff(ell, n))); });
  return residuals.every((r) => nf.isZero(r)) ? { kind, targets: distinct.length, residuals } : null;
}

export function lossCalculus(model: Model): LossCalculus {
  const P = model.parameters;
  const nf = new NormalForm();
  let sampleGrads: Expr[][] | undefined, grad: Expr[] | undefined, polynomial: boolean | undefined;
  const samplesOf = (): Expr[][] => (sampleGrads ??= model.sampleLosses.length ? model.sampleLosses.map((l) => sparseGradient(l, P)) : [sparseGradient(model.loss, P)]);
  const width = model.layers.length ? model.layers[model.layers.length - 1].weights.length : 0;
  const at = (outputs: readonly Expr[]): OutputSample => ({ nf: new NormalForm(), outputs, grads: outputs.map((f) => sparseGradient(f, P)) });
  let symbolic: OutputSample[] | undefined, samples: OutputSample[] | undefined;
  let lemma: ShiftLemma | null | undefined, lemmaCas: Check | undefined;
  let net: NetworkNumerics | null | undefined;
  const blocks = new Map<number, OutputSample[] | null>();
  const blockSamples = (l: number): OutputSample[] | null => {
    if (!blocks.has(l)) { const y = layerBlock(model, l); blocks.set(l, y ? [at(y)] : null); }
    return blocks.get(l)!;
  };
  const inputWidth = model.layers.length ? model.layers[0].weights[0].length : 0;
  return {
    nf, outputWidth: width, routes: new WeakMap(),
    // Built only when an identity is not proved on the outputs (the loss route, numeric checks).
    get sampleGrads() { return samplesOf(); },
    get grad() {
      const gs = samplesOf();
      return (grad ??= gs.length === 1 && !model.sampleLosses.length ? gs[0] : P.map((_, i) => mul(num(1, gs.length), add(...gs.map((g) => g[i])))));
    },
    symbolicOutput: () => (symbolic ??= model.forward && width ? [at(model.forward(Array.from({ length: inputWidth }, (_, i) => sym(`xin_${i + 1}`))))] : []),
    outputSamples: () => (samples ??= width === 0 ? [] : Array.from({ length: model.outputs.length / width }, (_, d) => at(model.outputs.slice(d * width, d * width + width)))),
    get polynomial() { return (polynomial ??= samplesOf()[0].every((g) => nf.isPolynomial(g))); },
    shiftLemma: () => (lemma === undefined ? (lemma = shiftLemmaOf(model, width)) : lemma),
    shiftLemmaCas: () => (lemmaCas ??= lemmaCasCheck(lemma ?? null)),
    block: (c) => {
      if (model.layers.length <= 2) return null; // the block is the whole network: the symbolic route is the same object
      const l = blockOf(model, c.map(([, i]) => P[i]));
      const samples = l === null ? null : blockSamples(l);
      return l === null || !samples ? null : { layer: l, samples };
    },
    numerics: () => (net === undefined ? (net = model.kind === 'mlp' && model.architecture && model.dataset ? modelNumerics(model) : null) : net),
  };
}

/**
 * The second CAS on the shift lemma: one call per distinct residual (one-hot
 * targets all give sum_k p_k - 1), untagged: these are rational in exp(z_k),
 * and algebrite's simplify is fast on each alone but slow on a tagged sum.
 */
function lemmaCasCheck(lemma: ShiftLemma | null): Check {
  if (!lemma) return { method: 'second-cas', status: 'failed', detail: 'no shift lemma for this loss' };
  const distinct = lemma.residuals.filter((r, i) => lemma.residuals.findIndex((q) => equals(q, r)) === i);
  const verdicts = distinct.map((r) => secondCasCheck(r, zero));
  const bad = verdicts.find((v) => v.status !== 'passed');
  const c = bad ?? verdicts[0];
  return { ...c, detail: `sum_k d ell/d z_k at symbolic logits z for each of the ${lemma.targets} distinct target(s) (${distinct.length} distinct residual(s), each alone): ${c.detail}` };
}

/** The first output route on which sum_k a_k d f / d theta_{i_k} = 0 for every output, or null. */
function outputRoute(c: Combination, calc: LossCalculus): OutputRoute | null {
  if (calc.routes.has(c)) return calc.routes.get(c)!;
  const holds = (samples: readonly OutputSample[]): boolean =>
    samples.length > 0 && samples.every((s) => s.grads.every((g) => s.nf.isZeroCombination(c.map(([a, i]) => [a, g[i]] as const))));
  const block = calc.block(c);
  if (block && holds(block.samples)) {
    const route: OutputRoute = { kind: 'block', layer: block.layer, samples: block.samples };
    calc.routes.set(c, route);
    return route;
  }
  const symbolic = calc.symbolicOutput();
  const route: OutputRoute | null = holds(symbolic) ? { kind: 'symbolic', samples: symbolic } : holds(calc.outputSamples()) ? { kind: 'samples', samples: calc.outputSamples() } : shiftRoute(c, calc);
  calc.routes.set(c, route);
  return route;
}

/** xi . grad f_k - xi . grad f_1 for k = 2..K on every output sample: zero iff the outputs move by one common amount. */
const shiftResiduals = (c: Combination, samples: readonly OutputSample[]): Expr[] =>
  samples.flatMap((s) => s.grads.slice(1).map((g) => sub(combine(c, g), combine(c, s.grads[0]))));

/** The shift route: a common shift of the outputs (symbolic input first, else sample by sample) and a loss that ignores it. */
function shiftRoute(c: Combination, calc: LossCalculus): OutputRoute | null {
  if (calc.outputWidth < 2) return null;
  const shifts = (samples: readonly OutputSample[]): boolean =>
    samples.length > 0 && samples.every((s) => s.grads.slice(1).every((g) => s.nf.isZeroCombination([...c.map(([a, i]) => [a, g[i]] as const), ...c.map(([a, i]) => [mul(num(-1), a), s.grads[0][i]] as const)])));
  for (const [on, samples] of [['symbolic', calc.symbolicOutput()], ['samples', calc.outputSamples()]] as const) {
    if (!shifts(samples)) continue;
    const lemma = calc.shiftLemma();
    return lemma ? { kind: 'shift', on, samples, lemma } : null;
  }
  return null;
}

const placeText = (on: 'symbolic' | 'samples', n: number, K: number): string => (on === 'symbolic'
  ? `on the network outputs f_k(x), k = 1..${K}, at a symbolic input x (hence at every data point x_d)`
  : `on the outputs f_k(x_d), k = 1..${K}, at each of the ${n} data points`);
const blockText = (l: number, width: number): string =>
  `on the pre-activations y_k, k = 1..${width}, of layer ${l + 2} as functions of a symbolic input of layer ${l + 1} and the parameters of layers ${l + 1}, ${l + 2} (f depends on these only through y, so this holds for f at every input and for L)`;
const routeText = (r: OutputRoute, K: number): string => (r.kind === 'shift'
  ? `${placeText(r.on, r.samples.length, K)} as a common shift (xi . grad f_k - xi . grad f_1 = 0 for k = 2..${K}), and on the ${r.lemma.kind} sample loss ell(z, y) at symbolic logits z (sum_k d ell/d z_k = 0 for each of the ${r.lemma.targets} distinct targets; l_d = ell(f(x_d), y_d))`
  : r.kind === 'block' ? blockText(r.layer, r.samples[0].outputs.length) : placeText(r.kind, r.samples.length, K));

/**
 * Several residuals as one expression sum_d s_d r_d in fresh symbols s_d: it
 * is the zero polynomial iff every r_d is, so one call of the second CAS
 * checks all of them exactly.
 */
function tagged(rs: readonly Expr[]): Expr {
  return rs.length === 1 ? rs[0] : add(...rs.map((r, d) => mul(sym(`cas_s_${d + 1}`), r)));
}

/** The second CAS on the object the normal form proved the identity on (the outputs, else every sample's loss). */
export function secondCasOn(c: Combination, calc: LossCalculus): Check {
  const route = outputRoute(c, calc);
  // Off the outputs (the softmax translation, or an identity that fails) the second CAS would
  // expand whole per-sample losses, whose cost grows quickly with their size (algebrite's
  // simplify for cross-entropy): there it runs on the first sample's loss, and says so.
  const rs = route?.kind === 'shift' ? shiftResiduals(c, route.samples) : route ? route.samples.flatMap((s) => s.grads.map((g) => combine(c, g))) : [combine(c, calc.sampleGrads[0])];
  const check = secondCasCheck(tagged(rs), zero);
  const where = route ? routeText(route, calc.outputWidth) : `on the first sample's loss l_1 only (of ${calc.sampleGrads.length}; the outputs are not invariant, and the normal form checked the loss)`;
  const tags = rs.length > 1 ? ', tagged by fresh symbols s_d (zero iff every residual is)' : '';
  if (route?.kind !== 'shift') return { ...check, detail: `${where}${tags}: ${check.detail}` };
  // Both halves of the shift proof by the second CAS: the outputs' common shift and the loss lemma.
  const lemma = calc.shiftLemmaCas();
  const status = check.status === 'failed' || lemma.status === 'failed' ? 'failed' : check.status === 'passed' && lemma.status === 'passed' ? 'passed' : 'skipped';
  return { method: check.method, status, detail: `${where}; the common shift${tags}: ${check.detail} [${check.method}]; the loss: ${lemma.detail} [${lemma.method}]` };
}

/** Normal-form check of an identity residual(grad L) = 0: on the outputs, on L, or sample by sample (see LossCalculus). */
export function lossIdentityCheck(c: Combination, calc: LossCalculus): Check {
  const route = outputRoute(c, calc);
  if (route?.kind === 'shift') return { method: 'normal-form', status: 'passed', detail: `the residuals reduce to 0 ${routeText(route, calc.outputWidth)}; so xi . grad l_d = c_d sum_k d ell/d z_k = 0 for every sample (chain rule), hence on L` };
  if (route) return { method: 'normal-form', status: 'passed', detail: `the residual reduces to 0 ${routeText(route, calc.outputWidth)}; L depends on theta only through the outputs, so it vanishes on L (chain rule)` };
  const N = calc.sampleGrads.length;
  if (calc.polynomial || N === 1) {
    const r = combine(c, calc.grad);
    return calc.nf.isZero(r)
      ? { method: 'normal-form', status: 'passed', detail: 'the residual on L reduces to 0 (the outputs alone are not invariant)' }
      : { method: 'normal-form', status: 'failed', detail: `the residual on L reduces to a non-zero expression with ${calc.nf.termCount(r)} term(s)` };
  }
  for (let d = 0; d < N; d++) {
    const r = combine(c, calc.sampleGrads[d]);
    if (!calc.nf.isZero(r)) return { method: 'normal-form', status: 'failed', detail: `the residual for sample ${d + 1} reduces to a non-zero expression with ${calc.nf.termCount(r)} term(s) (checked sample by sample: rational per-sample gradients)` };
  }
  return { method: 'normal-form', status: 'passed', detail: `the residual reduces to 0 for each of the ${N} samples, hence for their mean L (the outputs alone are not invariant)` };
}

/** Seeded parameter points in [-2, 2]^P, as numericCheck samples them. */
function seededPoints(n: number, seed: number, count: number): Float64Array[] {
  const rng = seededRng(seed);
  return Array.from({ length: count }, () => {
    const theta = new Float64Array(n);
    for (let i = 0; i < n; i++) theta[i] = rng.uniform(-2, 2);
    return theta;
  });
}

const numericVerdict = (worst: number, tolerance: number, what: string, points: number, seed: number): Check => ({
  method: 'numeric', status: worst <= tolerance ? 'passed' : 'failed',
  detail: `${what}: max relative residual ${worst.toExponential(2)} at ${points} seeded random points (seed ${seed})`, residual: worst, tolerance,
});

/**
 * Numeric check of sum_k a_k(theta) dL/dtheta_{i_k} = 0 at seeded random
 * points. For a network with data grad L comes from back-propagation (the
 * tensor-route gradient kernel: independent of the symbolic derivative and
 * linear in parameters x samples); otherwise from the symbolic grad L.
 * Relative residual |r| / (1 + |r|), as numericCheck.
 */
export function combinationNumericCheck(c: Combination, calc: LossCalculus, P: readonly string[], seed: number, tolerance = 1e-9, points = 3): Check {
  const net = calc.numerics();
  if (!net || net.n !== P.length) return numericCheck(combine(c, calc.grad), zero, { seed, points, tolerance });
  const coefficients = compileMany(c.map(([a]) => a), P);
  const a = new Float64Array(c.length), g = new Float64Array(P.length);
  let worst = 0;
  for (const theta of seededPoints(P.length, seed, points)) {
    net.gradient(theta, g);
    coefficients(theta, a);
    const r = c.reduce((s, [, i], k) => s + a[k] * g[i], 0);
    const rel = Math.abs(r) / (1 + Math.abs(r));
    worst = Math.max(worst, Number.isFinite(rel) ? rel : Infinity);
  }
  return numericVerdict(worst, tolerance, 'xi . grad L with grad L by back-propagation over all samples', points, seed);
}

/** Numeric check of L(P theta) = L(theta) at seeded random points (back-propagation kernels' L for a network with data). */
function permutationNumericCheck(model: Model, perm: ReadonlyMap<string, string>, calc: LossCalculus, seed: number, tolerance: number, points = 3): Check {
  const net = calc.numerics(), P = model.parameters;
  if (!net || net.n !== P.length) {
    const moved = substitute(model.loss, new Map([...perm].map(([a, b]) => [a, sym(b)] as const)));
    return numericCheck(moved, model.loss, { seed, points, tolerance });
  }
  const index = new Map(P.map((p, i) => [p, i] as const));
  // (P theta)_a = theta_b for every a -> b of the substitution.
  const moves = [...perm].map(([a, b]) => [index.get(a)!, index.get(b)!] as const);
  let worst = 0;
  for (const theta of seededPoints(P.length, seed, points)) {
    const moved = Float64Array.from(theta);
    for (const [a, b] of moves) moved[a] = theta[b];
    const l0 = net.loss(theta), l1 = net.loss(moved);
    const rel = Math.abs(l1 - l0) / (1 + Math.max(Math.abs(l0), Math.abs(l1)));
    worst = Math.max(worst, Number.isFinite(rel) ? rel : Infinity);
  }
  return numericVerdict(worst, tolerance, 'L(P theta) - L(theta) by the tensor-route loss kernel over all samples', points, seed);
}

/** xi . grad as a combination: the field's non-zero components. */
export const fieldCombination = (field: LinearField, parameters: readonly string[]): Combination =>
  field.entries.map((e) => [e.source === null ? num(e.coef) : mul(num(e.coef), sym(parameters[e.source])), e.target] as const);

/** xi . grad f for a linear field, over its non-zero components only. */
export function lieDerivative(field: LinearField, grad: readonly Expr[], parameters: readonly string[]): Expr {
  return combine(fieldCombination(field, parameters), grad);
}

/** The output route on which f_k(P theta) = f_k(theta) for every output, or null. */
function permutationRoute(perm: ReadonlyMap<string, string>, calc: LossCalculus): { route: OutputRoute; residuals: Expr[] } | null {
  const bind = new Map([...perm].map(([a, b]) => [a, sym(b)] as const));
  for (const [kind, samples] of [['symbolic', calc.symbolicOutput()], ['samples', calc.outputSamples()]] as const) {
    const residuals = samples.flatMap((s) => s.outputs.map((f) => sub(substitute(f, bind), f)));
    if (samples.length && samples.every((s, i) => residuals.slice(i * s.outputs.length, (i + 1) * s.outputs.length).every((r) => s.nf.isZero(r)))) return { route: { kind, samples }, residuals };
  }
  return null;
}

/**
 * The block of layers l, l+1 (0-based, l + 1 < depth) as a function of a
 * symbolic input a of layer l: the next layer's pre-activations
 * y_k = sum_j W^{(l+2)}_{kj} act_{l+1}(sum_i W^{(l+1)}_{ji} a_i + b^{(l+1)}_j) + b^{(l+2)}_k.
 * The network is f = g(y) with g and a free of the parameters of layers
 * l+1, l+2, so an identity of y in those parameters (for every a) is one of f
 * at every input, and of L. Its size is width_{l+1} x width_{l+2}, whatever
 * the depth and the other widths.
 */
function layerBlock(model: Model, l: number): Expr[] | null {
  const arch = model.architecture, lower = model.layers[l], upper = model.layers[l + 1];
  if (!arch || !lower || !upper) return null;
  const a = lower.weights[0].map((_, i) => sym(l === 0 ? `xin_${i + 1}` : `ain${l}_${i + 1}`));
  const u = lower.weights.map((row, j) => applyActivation(arch.layers[l], add(...row.map((w, i) => mul(sym(w), a[i])), ...(lower.bias ? [sym(lower.bias[j])] : []))));
  return upper.weights.map((row, k) => add(...row.map((w, j) => mul(sym(w), u[j])), ...(upper.bias ? [sym(upper.bias[k])] : [])));
}

/** The 0-based l whose block (layers l+1, l+2) holds every parameter the permutation moves, or null. */
function blockOf(model: Model, moved: readonly string[]): number | null {
  const layerOf = new Map(model.layers.flatMap((lp, l) => [...lp.weights.flat(), ...(lp.bias ?? [])].map((p) => [p, l] as const)));
  const ls = moved.map((p) => layerOf.get(p));
  if (ls.some((l) => l === undefined)) return null;
  const lo = Math.min(...(ls as number[])), hi = Math.max(...(ls as number[]));
  if (hi - lo > 1 || model.layers.length < 2) return null;
  return Math.min(lo, model.layers.length - 2);
}

/**
 * y_k(P theta) - y_k(theta) restricted to the terms of y_k that contain a
 * moved parameter: the other terms are unchanged by the substitution (it only
 * replaces those symbols), so they cancel exactly. Exact, and of size O(1)
 * per output for a transposition of two units.
 */
function movedTermsResidual(y: Expr, bind: ReadonlyMap<string, Expr>): Expr {
  const terms = y.kind === 'add' ? y.terms : [y];
  const touched = terms.filter((t) => freeSymbols(t).some((v) => bind.has(v)));
  return add(...touched.map((t) => sub(substitute(t, bind), t)));
}

/** L(P theta) = L(theta) on the block of the two layers the permutation acts on, when it holds there (see layerBlock). */
function blockPermutationChecks(model: Model, perm: ReadonlyMap<string, string>, withCas: boolean): Check[] | null {
  const l = blockOf(model, [...perm.keys()]);
  const y = l === null ? null : layerBlock(model, l);
  if (l === null || !y) return null;
  const bind = new Map([...perm].map(([a, b]) => [a, sym(b)] as const));
  const nf = new NormalForm();
  if (!y.every((yk) => nf.isZero(sub(substitute(yk, bind), yk)))) return null;
  const where = blockText(l, y.length);
  const cs: Check[] = [{ method: 'normal-form', status: 'passed', detail: `y_k(P theta) - y_k(theta) reduces to 0 ${where}` }];
  if (withCas) {
    const c = secondCasCheck(tagged(y.map((yk) => movedTermsResidual(yk, bind))), zero);
    cs.push({ ...c, detail: `${where}, on the terms of y_k containing a moved parameter (the others are unchanged by the substitution and cancel): ${c.detail}` });
  }
  return cs;
}

/** L(P theta) = L(theta): on a two-layer block, else on the outputs when they are invariant (which implies it), else on L; normal form, then optionally the second CAS on the same object. */
function permutationChecks(model: Model, perm: ReadonlyMap<string, string>, calc: LossCalculus, withCas: boolean): Check[] {
  const block = blockPermutationChecks(model, perm, withCas);
  if (block) return block;
  const hit = permutationRoute(perm, calc);
  const bind = new Map([...perm].map(([a, b]) => [a, sym(b)] as const));
  if (hit) {
    const cs: Check[] = [{ method: 'normal-form', status: 'passed', detail: `f_k(P theta) - f_k(theta) reduces to 0 ${routeText(hit.route, calc.outputWidth)}; L depends on theta only through the outputs` }];
    if (withCas) { const c = secondCasCheck(tagged(hit.residuals), zero); cs.push({ ...c, detail: `${routeText(hit.route, calc.outputWidth)}: ${c.detail}` }); }
    return cs;
  }
  const cs = [normalFormCheck(substitute(model.loss, bind), model.loss, calc.nf)];
  if (withCas) {
    const first = model.sampleLosses[0] ?? model.loss;
    const c = secondCasCheck(sub(substitute(first, bind), first), zero);
    cs.push({ ...c, detail: `on the first sample's loss only (the outputs are not invariant; the normal form checked L): ${c.detail}` });
  }
  return cs;
}

export interface VerifyOptions {
  /** Only the normal-form check (benchmarks): no second CAS, no numeric points. */
  readonly symbolicOnly?: boolean;
  /** Reuse grad L and the normal form of an earlier call on the same model. */
  readonly calculus?: LossCalculus;
}

const withPrefix = (id: string, cs: readonly Check[]): Check[] => cs.map((c) => ({ ...c, detail: `${id}: ${c.detail}` }));

/**
 * Checks xi . grad L == 0 for every generator (normal form on the outputs or
 * on L; second CAS on the same object; numeric on L at seeded random
 * parameters), and L(P theta) == L(theta) for every permutation. Family
 * dimensions are what each family adds to the span of the families before it,
 * largest families first (rescaling inside GL(h) adds 0), so they sum to the
 * Lie-algebra dimension.
 */
export function verifyGenerators(model: Model, families: readonly InstantiatedFamily[], ctx: StageContext, opts: VerifyOptions = {}): SymmetryFamily[] {
  const P = model.parameters;
  const calc = opts.calculus ?? lossCalculus(model);
  const added = familyDimensions(families);
  // progress: one step per generator and per permutation checked
  const total = families.reduce((n, f) => n + (f.site.rule.kind === 'discrete' ? f.permutations.length : f.fields.length), 0);
  let done = 0;
  const stepDone = (): void => ctx.onStep?.('generator or permutation', ++done, total);
  return families.map((fam, fi) => {
    const rule = fam.site.rule;
    if (rule.kind === 'discrete') {
      const checks = fam.permutations.flatMap((perm, k) => {
        const cs = permutationChecks(model, perm.mapping, calc, !opts.symbolicOnly);
        if (!opts.symbolicOnly) cs.push(permutationNumericCheck(model, perm.mapping, calc, ctx.seed + k, ctx.tolerance ?? 1e-9));
        stepDone();
        return withPrefix(`${perm.id}: L(P theta) = L(theta)`, cs);
      });
      return { id: fam.id, rule: rule.id, kind: 'discrete', dimension: 0, generators: [], actionTex: rule.action.tex, checks };
    }
    const generators: Generator[] = fam.fields.map((f, k) => {
      const c = fieldCombination(f, P);
      const checks: Check[] = [lossIdentityCheck(c, calc)];
      if (!opts.symbolicOnly) {
        checks.push(secondCasOn(c, calc));
        checks.push(combinationNumericCheck(c, calc, P, ctx.seed + 17 * fi + k, ctx.tolerance));
      }
      stepDone();
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
  for (const fam of families) {
    if (fam.site.rule.kind !== 'continuous') continue;
    for (const q of conservedOf(fam.site, model)) {
      if (!span.add(calc.nf.coefficients(q.expr) ?? new Map())) continue; // e.g. a rescaling quantity is a diagonal entry of GL(h)'s
      const vars = freeSymbols(q.expr);
      const dot: Combination = vars.map((v) => [diff(q.expr, v), index.get(v)!] as const);
      const rule = fam.site.rule.id;
      const k = quantities.length;
      const checks: Check[] = [lossIdentityCheck(dot, calc), secondCasOn(dot, calc), combinationNumericCheck(dot, calc, P, ctx.seed + 500 + k, ctx.tolerance)];
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

const euclidean = (v: Float64Array): number => { let s = 0; for (let i = 0; i < v.length; i++) s += v[i] * v[i]; return Math.sqrt(s); };
/** v -= (q . v) q for a unit vector q (plain loops: this runs candidates x rank times). */
function subtractProjection(v: Float64Array, q: Float64Array): void {
  let d = 0;
  for (let i = 0; i < v.length; i++) d += q[i] * v[i];
  if (d !== 0) for (let i = 0; i < v.length; i++) v[i] -= d * q[i];
}

/** Seeded non-zero integers in [-1000, 1000]^n: path products and their partials stay exact doubles there. */
function integerPoint(n: number, seed: number): Float64Array {
  const rng = seededRng(seed);
  return Float64Array.from({ length: n }, () => { const k = Math.floor(rng.uniform(1, 1001)); return rng.uniform(0, 1) < 0.5 ? -k : k; });
}
/** Exactly representable integers (with headroom: partial sums of a polynomial's terms stayed exact too). */
const exactInteger = (x: number): boolean => Number.isInteger(x) && Math.abs(x) <= 2 ** 50;

/** The gradient of a candidate at a point, sparse: only its own variables have non-zero partials (a path product has depth-many). */
function candidateGradient(c: InvariantCandidate, index: ReadonlyMap<string, number>, P: readonly string[], point: Float64Array): Map<number, number> {
  const vars = freeSymbols(c.expr);
  const partials = new Float64Array(vars.length);
  // compiled in the candidate's own variables (the compiler indexes every variable it is given), evaluated on the gathered values
  compileMany(gradient(c.expr, vars), vars)(Float64Array.from(vars, (x) => point[index.get(x)!]), partials);
  return new Map(vars.map((x, k) => [index.get(x)!, partials[k]] as const).filter(([, g]) => g !== 0));
}

/**
 * Greedy functionally independent subset: rank of the gradients at a point.
 * Polynomial candidates (path products, sums of them) at a seeded integer
 * point have integer gradients, whose rank is taken exactly modulo a prime in
 * reduced row echelon form (ModularSpan: cost nnz per candidate, so linear in
 * the number of paths); independent there implies independent over Q, hence
 * functionally independent. Otherwise Gram-Schmidt (twice) at a real point.
 */
function independent(candidates: readonly InvariantCandidate[], P: readonly string[], seed: number, maxRank: number): InvariantCandidate[] {
  const index = new Map(P.map((p, i) => [p, i] as const));
  const point = integerPoint(P.length, seed);
  const span = new ModularSpan();
  const kept: InvariantCandidate[] = [];
  for (const c of candidates) {
    // The gradient of an invariant annihilates every generator, so at most P - orbit dimension are
    // independent: once that many are kept no later candidate can be (the paths grow like width^depth).
    if (kept.length >= maxRank) break;
    const g = candidateGradient(c, index, P, point);
    if (![...g.values()].every(exactInteger)) return independentReal(candidates, P, seed, maxRank);
    if (span.add(g)) kept.push(c);
  }
  return kept;
}

/** Greedy functionally independent subset: rank of the gradients at a generic point (Gram-Schmidt, twice). */
function independentReal(candidates: readonly InvariantCandidate[], P: readonly string[], seed: number, maxRank: number): InvariantCandidate[] {
  const point = randomPoint(P.length, seed);
  const basis: Float64Array[] = [];
  const kept: InvariantCandidate[] = [];
  for (const c of candidates) {
    if (kept.length >= maxRank) break; // see independent

    // Only the candidate's own variables have non-zero partials (a path product has depth-many).
    const vars = freeSymbols(c.expr), at = vars.map((x) => P.indexOf(x));
    const partials = new Float64Array(vars.length);
    compileMany(gradient(c.expr, vars), P)(point, partials);
    const v = new Float64Array(P.length);
    at.forEach((i, k) => { v[i] = partials[k]; });
    const norm0 = euclidean(v);
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) for (const q of basis) subtractProjection(v, q);
    const norm = euclidean(v);
    if (norm <= 1e-8 * norm0) continue;
    for (let i = 0; i < v.length; i++) v[i] /= norm;
    basis.push(v);
    kept.push(c);
  }
  return kept;
}

/**
 * xi_k . grad w == 0 for every generator k, by actually differentiating w:
 * the normal form on each xi_k . grad w, the second CAS on all of them at once
 * (tagged by fresh symbols s_k: zero iff each is), and a numeric check of a
 * seeded random combination at random points.
 */
function invariantChecks(w: Expr, fields: readonly LinearField[], P: readonly string[], seed: number): Check[] {
  const vars = new Set(freeSymbols(w));
  const grad = P.map((p) => (vars.has(p) ? diff(w, p) : zero));
  const nf = new NormalForm();
  const residuals = fields.map((f) => lieDerivative(f, grad, P));
  const bad = residuals.filter((r) => !nf.isZero(r)).length;
  const rng = seededRng(seed);
  const combination = add(...residuals.map((r) => mul(num(String(Math.round(rng.uniform(0.5, 1.5) * 1e6) / 1e6)), r)));
  const cas = secondCasCheck(tagged(residuals), zero);
  return [
    bad === 0 ? { method: 'normal-form', status: 'passed', detail: `xi_k . grad w reduces to 0 for all ${fields.length} generators` } : { method: 'normal-form', status: 'failed', detail: `xi_k . grad w is non-zero for ${bad} of ${fields.length} generators` },
    { ...cas, detail: `all ${fields.length} generators, tagged by fresh symbols s_k: ${cas.detail}` },
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

  const kept = independent(pathInvariants(model, instantiated.map((f) => f.site)), P, ctx.seed, P.length - orbitDimension);
  const groups = [...new Set(kept.map((c) => c.segment))];
  const invariants: Invariant[] = [];
  for (const segment of groups) {
    const members = kept.filter((c) => c.segment === segment);
    const checked = members.map((c, k) => ({ id: `w_${invariants.length + k + 1}`, expr: c.expr, checks: linear.length ? invariantChecks(c.expr, linear, P, ctx.seed + 900 + invariants.length + k) : [] }));
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
