// The coarse-graining stage (docs/theory.md §1): local entropy -> Cole-Hopf ->
// viscous HJ on the quotient (1-D arc length when the metric is not flat) ->
// Burgers. Each step is a transform rule from rules/coarse-graining, applied in
// the order rules/coarse-graining/chain.yaml lists (chain.ts). One source per
// equation: the step states the rule's `after` as an Expr, its identity
// obligation is expanded from that same Expr (obligation.ts), the links the
// chain declares are checked (this `before` = the `after` it takes), and the
// HJ and Burgers equations returned to later stages are the very objects the
// steps that `gives` them state. The identities hold for every loss and are labelled lemmas; the
// numeric checks run on the line the shock stage analyses (`withLineChecks`).
import { match } from 'ts-pattern';
import { add, mul, num, sub, sym } from '../ir/build.js';
import { checkIdentity } from '../derivation/checks.js';
import { compile } from '../ir/evaluate.js';
import { diff } from '../ir/diff.js';
import { freeSymbols, type Expr } from '../ir/expr.js';
import { NormalForm } from '../ir/normal-form.js';
import { parseExpr } from '../ir/parse.js';
import { substitute } from '../ir/substitute.js';
import type { Check, Formula, Step } from '../derivation/types.js';
import { arcLengthMap } from '../numerics/arc-length.js';
import type { StageContext } from '../pipeline/context.js';
import type { QuotientResult } from '../quotient/types.js';
import { RuleError } from '../rewrite/rule-files.js';
import type { LineProblem } from '../shock/shock-on-line.js';
import { seededRng } from '../util/random.js';
import { NUMERIC_CHECKS, type LineData } from './numeric-checks.js';
import { checkObligation } from './obligation.js';
import { loadChain, type Chain } from './chain.js';
import { identitiesOf, loadTransformRules, type TransformRule } from './transform-rules.js';
import type { Viscosity } from './viscosity.js';

export interface CoarseGrainInput {
  readonly quotientDimension: number;
  readonly reduced?: QuotientResult['reduced'];
  readonly viscosity: Viscosity;
  /** The 1-D line the numeric checks run on (else they are added by `withLineChecks`). */
  readonly line?: LineProblem;
}
export interface CoarseGrainResult {
  readonly steps: readonly Step[];
  /** The viscous HJ equation E = 0: the `after` the Cole-Hopf step states and its checks verify (same object). */
  readonly hamiltonJacobi: Expr;
  /** The Burgers equation E = 0 the hj-to-burgers step states (same object). */
  readonly burgers: Expr;
}

/** The chain the stage applies (rules/coarse-graining/chain.yaml) and the equations it hands on. */
const CHAIN_ID = 'coarse-graining';
const GIVES = ['hamilton-jacobi', 'burgers'] as const;

const lemma = (c: Check): Check => ({ ...c, scope: 'lemma' });

function loadRules(ctx: StageContext): { chain: Chain; rule: (id: string) => TransformRule } {
  const rules = loadTransformRules(ctx.rulesDir, Object.keys(NUMERIC_CHECKS));
  const chain = loadChain(ctx.rulesDir, CHAIN_ID, rules, GIVES);
  return { chain, rule: (id) => rules.get(id)! };
}

/** Largest quotient dimension for which the n-D heat-kernel identity is checked symbolically. */
const MAX_KERNEL_DIMENSION = 32;

/**
 * The n-dimensional kernel of the stated local entropy, K = t^(-n/2) exp(-|x - y|^2/(4 nu t)),
 * solves K_t = nu Lap K for n = the quotient dimension (a lemma; the rule's identity is the 1-D
 * case). Checked for l = log K (K > 0): K_t = nu Lap K  <=>  l_t = nu (|grad l|^2 + Lap l). l is
 * radial, l = f(rho, t) with rho = |x - y|^2, so by the chain rule |grad l|^2 = f_rho^2 |grad rho|^2
 * and Lap l = f_rho Lap rho + f_rhorho |grad rho|^2. Three identities, each on an object of size
 * O(n) at most, together imply the n-dimensional one: (a) the radial identity
 * f_t = nu (4 rho f_rho^2 + 2 n f_rho + 4 rho f_rhorho) with n a symbol (every n at once),
 * (b) |grad rho|^2 = 4 rho and (c) Lap rho = 2 n in the n coordinates of this quotient.
 */
function heatKernelChecks(n: number, seed: number): Check[] {
  if (n > MAX_KERNEL_DIMENSION) return [{ method: 'normal-form', status: 'skipped', scope: 'lemma', detail: `${n}-dimensional heat kernel identity: not run above dimension ${MAX_KERNEL_DIMENSION}` }];
  const f = parseExpr('-(n/2)*log(t) - rho/(4*nu*t)'), fr = diff(f, 'rho'), rho = sym('rho');
  const radial = mul(sym('nu'), add(mul(num(4), rho, fr, fr), mul(num(2), sym('n'), fr), mul(num(4), rho, diff(fr, 'rho'))));
  const xs = Array.from({ length: n }, (_, i) => `x${i + 1}`);
  const rhoOfX = parseExpr(xs.map((x, i) => `(${x} - y${i + 1})^2`).join(' + '));
  const gradSquared = xs.map((x) => { const g = diff(rhoOfX, x); return mul(g, g); }).reduce((a, b) => add(a, b));
  const laplacian = xs.map((x) => diff(diff(rhoOfX, x), x)).reduce((a, b) => add(a, b));
  const parts: [string, Check[]][] = [
    ['(a) radial form l = f(rho, t), rho = |x - y|^2, all n: f_t = nu(4 rho f_rho^2 + 2 n f_rho + 4 rho f_rhorho)', checkIdentity(diff(f, 't'), radial, { seed, positive: ['nu', 't', 'rho', 'n'] })],
    [`(b) |grad rho|^2 = 4 rho in ${n} coordinates`, checkIdentity(gradSquared, mul(num(4), rhoOfX), { seed: seed + 1 })],
    [`(c) Lap rho = 2n = ${2 * n} in ${n} coordinates`, checkIdentity(laplacian, num(2 * n), { seed: seed + 2 })],
  ];
  return parts.flatMap(([what, cs]) => cs.map((c) => lemma({ ...c, detail: `${n}-dimensional heat kernel K_t = nu Lap K (as l_t = nu(|grad l|^2 + Lap l), l = log K; (a)-(c) and the chain rule imply it) ${what}: ${c.detail}` })));
}

/**
 * `e` in renamed coordinates: a coordinate s renamed x turns s into x and each
 * jet symbol's subscript letters likewise (u_s -> u_x, u_ss -> u_xx).
 */
function renameCoordinates(e: Expr, rename: Readonly<Record<string, string>>): Expr {
  const letter = (c: string): string => rename[c] ?? c;
  const to = new Map<string, Expr>();
  for (const name of freeSymbols(e)) {
    const jet = /^([A-Za-z][A-Za-z0-9]*)_([a-z]+)$/.exec(name);
    const renamed = jet ? `${jet[1]}_${[...jet[2]].map(letter).join('')}` : letter(name);
    if (renamed !== name) to.set(name, sym(renamed));
  }
  return to.size ? substitute(e, Object.fromEntries(to)) : e;
}

/** `expr` (as stated by step `what`) equals `expected` by the normal form: consecutive steps state one equation. */
function chainCheck(expr: Expr, expected: Expr, what: string): Check {
  const zero = new NormalForm().isZero(sub(expr, expected));
  return lemma({ method: 'normal-form', status: zero ? 'passed' : 'failed', detail: `${what}: ${zero ? 'the same equation (difference reduces to 0)' : 'a different equation (the chain is broken)'}` });
}

/** The whole stage: the chain and, on `input.line`, its numeric checks (skipped, with the reason, without a line). */
export const coarseGrain = (input: CoarseGrainInput, ctx: StageContext): CoarseGrainResult =>
  withLineChecks(coarseGrainChain(input, ctx), input.line, ctx);

/** The chain with its identity and chain checks; `withLineChecks` adds the numeric checks once the line is known. */
export function coarseGrainChain(input: Omit<CoarseGrainInput, 'line'>, ctx: StageContext): CoarseGrainResult {
  const { chain, rule: need } = loadRules(ctx);
  const curved = input.reduced?.metric !== undefined;
  const applied = chain.steps.filter((s) => s.when === undefined || (s.when === 'curved-quotient' && curved));
  const stated = new Map<string, { before?: Expr; after?: Expr }>(applied.map((s) => {
    const r = need(s.rule);
    return [s.rule, { before: r.before ? parseExpr(r.before) : undefined, after: r.after ? parseExpr(r.after) : undefined }];
  }));
  const steps: Step[] = applied.map((link, k) => {
    const id = link.rule;
    const rule = need(id);
    const { before, after } = stated.get(id)!;
    const own = new Map<string, Expr>([...(before ? [['before', before] as const] : []), ...(after ? [['after', after] as const] : [])]);
    const identities = identitiesOf(rule);
    const label = (i: number, c: Check): Check => (identities.length > 1 ? { ...c, detail: `identity ${i + 1} of ${identities.length}: ${c.detail}` } : c);
    const checks: Check[] = identities.flatMap((o, i) => checkObligation(o, ctx.seed + 10 * k + i, own).map((c) => lemma(label(i, c))));
    if (id === 'local-entropy' && input.quotientDimension >= 2) checks.push(...heatKernelChecks(input.quotientDimension, ctx.seed + 5));
    // the links the chain declares (loadChain has checked they point to earlier steps with the expressions)
    const prevAfter = link.takes ? stated.get(link.takes)?.after : undefined;
    if (link.takes && before && prevAfter) checks.push(chainCheck(before, prevAfter, `this step's before vs the after of coarse-grain/${link.takes}`));
    const same = link['same-as'];
    const sameAfter = same ? stated.get(same.step)?.after : undefined;
    if (same && after && sameAfter) {
      const renamed = Object.keys(same.rename).length ? ` (${Object.entries(same.rename).map(([from, to]) => `${from} renamed ${to}`).join(', ')})` : '';
      checks.push(chainCheck(renameCoordinates(after, same.rename), sameAfter, `this step's after${renamed} vs the after of coarse-grain/${same.step}`));
    }
    const conditions = id === 'local-entropy'
      ? [`$${input.viscosity.formulaTex}$`, input.quotientDimension === 1 ? '1-D quotient' : `${input.quotientDimension}-dimensional quotient: the identities hold in each coordinate (heat kernel $t^{-n/2}e^{-|x-y|^2/(4\\nu t)}$)`]
      : [];
    // Equations are shown as E = 0; the first `before` (the reduced loss) is an expression.
    const formula = (e: Expr, equation: boolean): Formula => (equation ? { kind: 'eq', lhs: e, rhs: num(0) } : { kind: 'expr', expr: e });
    return {
      id: `coarse-grain/${id}`, stage: 'coarse-grain', rule: id, title: link.title, statement: rule.statement,
      ...(before ? { before: formula(before, k > 0) } : {}),
      ...(after ? { after: formula(after, true) } : {}),
      conditions, checks,
    };
  });
  // loadChain has checked that these steps exist, apply to every quotient and state an `after`
  const hamiltonJacobi = stated.get(chain.gives.get('hamilton-jacobi')!.rule)!.after!;
  const burgers = stated.get(chain.gives.get('burgers')!.rule)!.after!;
  return { steps, hamiltonJacobi, burgers };
}

/**
 * The numeric checks the rules name, and the checks of this spec's own data,
 * run on the 1-D line the shock stage analyses: a flat line in its variable, a
 * curved 1-D quotient in arc length, the slice theta* + s v of a network or of
 * a quotient of dimension >= 2. Without a line (or when its arc length
 * diverges) they are `skipped` with the reason.
 */
export function withLineChecks(r: CoarseGrainResult, line: LineProblem | undefined, ctx: StageContext): CoarseGrainResult {
  const { rule: need } = loadRules(ctx);
  const data = line ? lineData(line, ctx.seed) : { why: 'no 1-D line was given to run on' };
  const steps = r.steps.map((s): Step => {
    const rule = need(s.rule);
    const extra: Check[] = rule.numeric.map((name) => ('why' in data
      ? { method: 'numeric', status: 'skipped', scope: 'lemma', detail: `${name}: not run (${data.why})` }
      : lemma(NUMERIC_CHECKS[name](data))));
    const own = match(s.rule)
      .with('hj-to-burgers', () => [line && !('why' in data) ? initialDatumCheck(line, data) : { method: 'numeric', status: 'skipped', detail: `initial datum p(x, 0) = dLbar/dx: not run (${'why' in data ? data.why : ''})` } as Check])
      .with('laplace-beltrami-arc-length', () => [line?.metric ? metricPositiveCheck(line) : { method: 'numeric', status: 'skipped', detail: 'G > 0 on the line: not run (no curved 1-D line was given)' } as Check])
      .otherwise(() => []);
    const added = [...extra, ...own];
    return { ...s, checks: [...s.checks, ...added], conditions: line && added.length ? [...s.conditions, `numeric checks on ${line.origin}${line.metric ? ' in arc length' : ''}`] : s.conditions };
  });
  return { ...r, steps };
}

/** The line as the flat problem the quadrature needs: Lbar as a function of its flat coordinate. */
function lineData(line: LineProblem, seed: number): LineData | { why: string } {
  // A network slice carries back-propagation evaluators (line.numeric): the quadrature calls Lbar
  // thousands of times, and the compiled symbolic loss of a network is far slower per call.
  const fast = line.metric === undefined ? line.numeric : undefined;
  if (fast) return { lbar: (w) => fast.value(w), nu: line.nu, domain: line.domain, seed };
  const L = compile(line.loss, [line.variable]);
  if (!line.metric) return { lbar: (w) => L([w]), nu: line.nu, domain: line.domain, seed };
  const G = compile(line.metric, [line.variable]);
  try {
    const map = arcLengthMap((w) => G([w]), line.domain, { anchor: Math.min(Math.max(0, line.domain[0]), line.domain[1]) });
    return { lbar: (s) => L([map.w(s)]), nu: line.nu, domain: map.range, seed };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { why: `the arc length of ${line.variable} does not exist on [${line.domain.join(', ')}]: ${e.message.replace(/^arcLengthMap: /, '')}` };
  }
}

/**
 * The Burgers initial datum of this spec, p(x, 0) = dLbar/dx (in arc length
 * sqrt(G) dLbar/dw), from the symbolic derivative of this line's loss, against
 * finite differences of Lbar in the flat coordinate at seeded points.
 */
function initialDatumCheck(line: LineProblem, d: LineData): Check {
  const w = line.variable;
  const slope = compile(diff(line.loss, w), [w]);
  const G = line.metric ? compile(line.metric, [w]) : undefined;
  const L = compile(line.loss, [w]);
  let wOf = (x: number): number => x;
  if (line.metric) {
    const map = arcLengthMap((v) => G!([v]), line.domain, { anchor: Math.min(Math.max(0, line.domain[0]), line.domain[1]) });
    wOf = map.w;
  }
  const rng = seededRng(d.seed + 7);
  const [lo, hi] = d.domain;
  let worst = 0;
  const h = 1e-5 * (hi - lo);
  for (let k = 0; k < 8; k++) {
    const x = rng.uniform(lo + 0.1 * (hi - lo), hi - 0.1 * (hi - lo));
    const wx = wOf(x);
    const symbolic = slope([wx]) * (G ? Math.sqrt(Math.max(G([wx]), 0)) : 1);
    const residual = slopeResidual((k) => L([wOf(x + k * h)]), h, symbolic);
    if (Number.isFinite(symbolic) && Number.isFinite(residual)) worst = Math.max(worst, residual);
    else worst = Infinity;
  }
  const tol = 1e-5;
  return {
    method: 'numeric', status: worst <= tol ? 'passed' : 'failed', residual: worst, tolerance: tol,
    detail: `initial datum p(x, 0) = ${line.metric ? `sqrt(G) dLbar/d${w}` : `dLbar/d${w}`} of this line vs the closest of the central and one-sided second-order differences of Lbar${line.metric ? '(w(s)) in arc length' : ''} at 8 seeded points: max relative ${worst.toExponential(2)}`,
  };
}

/**
 * Relative residual of a claimed slope of f at x against finite differences,
 * f sampled as fAt(k) = f(x + k h). A ReLU net's Lbar has kinks along the line
 * (one per activation change per sample); a stencil that straddles one is off
 * by O(jump in slope), not O(h^2). The central and both one-sided second-order
 * differences are O(h^2) where f is smooth, and one kink within 2h of x spoils
 * the central stencil and one side only, so the closest of the three judges
 * the point (a wrong slope disagrees with all three).
 */
export function slopeResidual(fAt: (k: number) => number, h: number, slope: number): number {
  const f0 = fAt(0), fp = fAt(1), fm = fAt(-1);
  const stencils = [(fp - fm) / (2 * h), (-3 * f0 + 4 * fp - fAt(2)) / (2 * h), (3 * f0 - 4 * fm + fAt(-2)) / (2 * h)];
  return Math.min(...stencils.map((fd) => Math.abs(slope - fd) / (1 + Math.abs(fd))));
}

/** The Laplace-Beltrami rule needs G > 0 (zeros only at isolated cone points) on this line's domain. */
function metricPositiveCheck(line: LineProblem): Check {
  const G = compile(line.metric!, [line.variable]);
  const [lo, hi] = line.domain, n = 2001;
  let negative = 0, zeros = 0, adjacentZeros = 0, min = Infinity, prevZero = false;
  for (let i = 0; i < n; i++) {
    const g = G([lo + ((hi - lo) * i) / (n - 1)]);
    min = Math.min(min, g);
    if (!(g >= 0)) negative++;
    const z = g === 0;
    if (z) zeros++;
    if (z && prevZero) adjacentZeros++;
    prevZero = z;
  }
  const ok = negative === 0 && adjacentZeros === 0;
  return { method: 'numeric', status: ok ? 'passed' : 'failed', detail: `G(${line.variable}) on ${n} points of [${lo}, ${hi}]: min ${min.toPrecision(4)}, ${negative} negative or undefined, ${zeros} zero(s)${adjacentZeros ? ', zero on an interval' : ''} (G must be an inverse metric: > 0 up to isolated cone points)` };
}
