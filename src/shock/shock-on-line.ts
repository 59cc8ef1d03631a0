// The shock stage on a 1-D quotient (or a 1-D slice of one): breaking time and
// place from the Laplace-Beltrami Hessian, the entropy solution after breaking
// (Hopf-Lax in arc length), Rankine-Hugoniot speed, Lax condition, Reynolds
// number. Each statement is a step with its checks.
import { add, div, mul, num, pow, sub, sym } from '../ir/build.js';
import { convexFluxFromExpr, fluxMinimiser, type ConvexFlux } from '../numerics/conservation-law.js';
import { uniformGrid, type Grid } from '../numerics/grid.js';
import { solveBurgers1D } from '../numerics/solve-burgers.js';
import { detectShocks, SHOCK_WIDTH_FACTOR, type DetectedShock } from '../numerics/shock-detection.js';
import { latex as latexExpr } from '../print/latex-expr.js';
import { Fraction, type Expr } from '../ir/expr.js';
import { compile } from '../ir/evaluate.js';
import { diff } from '../ir/diff.js';
import { substitute } from '../ir/substitute.js';
import { checkIdentity } from '../derivation/checks.js';
import type { Check, Step } from '../derivation/types.js';
import type { ShockReport } from '../derivation/derivation.js';
import { arcLengthMap } from '../numerics/arc-length.js';
import { breakingTime, oneSidedLimit } from './breaking-time.js';
import { hopfLaxShock, lagrangianOf } from './hopf-lax.js';
import { laxEntropyCondition, rankineHugoniotSpeed, reynoldsNumber } from './rankine-hugoniot.js';

export interface LineProblem {
  readonly variable: string;
  /** Lbar(w). */
  readonly loss: Expr;
  /** G(w) (inverse metric) with conserved constants already fixed; undefined = flat. */
  readonly metric?: Expr;
  readonly domain: readonly [number, number];
  readonly nu: number;
  readonly seed: number;
  /** Where this line comes from (for the step prose). */
  readonly origin: string;
  /** A slice theta* + s v of a higher-dimensional quotient: the parameters, theta* and the unit vector v. */
  readonly slice?: LineSlice;
  /**
   * Numeric evaluators of the same Lbar(w), Lbar'(w), Lbar''(w) on a flat line (a network
   * slice: the loss, v . grad L and v^T H v at theta* + s v, by back-propagation and the
   * R-operator). When given, the numeric analysis uses them instead of evaluating the
   * expression tree, and no symbolic second derivative of a network-sized loss is formed.
   */
  readonly numeric?: LineEvaluators;
}

export interface LineEvaluators {
  readonly value: (w: number) => number;
  readonly first: (w: number) => number;
  readonly second: (w: number) => number;
}

export interface LineSlice {
  readonly parameters: readonly string[];
  readonly point: readonly number[];
  readonly direction: readonly number[];
}

const numericCheck = (ok: boolean, detail: string, residual?: number, tolerance?: number): Check =>
  ({ method: 'numeric', status: ok ? 'passed' : 'failed', detail, ...(residual !== undefined ? { residual, tolerance } : {}) });

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(6)).toString());

/** Burgers: H(p) = p^2/2 (what the shipped Cole-Hopf rule derives); callers pass the derived H. */
export const BURGERS_FLUX: Expr = mul(num(1, 2), pow(sym('p'), 2));

/**
 * The shock stage on one line, for the conservation law p_t + H(p)_x = nu p_xx
 * with `flux` = H(p) (an Expr in p) read off the derived HJ equation (codegen/pde.ts
 * hamiltonianOf): the Rankine-Hugoniot speed is [H]/[p], the characteristic speeds H'.
 */
export function shockOnLine(p: LineProblem, flux: Expr = BURGERS_FLUX): { report: ShockReport; steps: Step[] } {
  const w = p.variable;
  const G = p.metric ?? num(1);
  const fast = p.metric === undefined ? p.numeric : undefined;
  const L1 = fast ? undefined : diff(p.loss, w);
  // docs/theory.md §1 / breaking-time.ts: d^2 Lbar / ds^2 = G Lbar'' + G' Lbar' / 2.
  const curvature = L1 ? add(mul(G, diff(L1, w)), mul(num(1, 2), diff(G, w), L1)) : undefined;
  const negCurv = fast ? (x: readonly number[]) => -fast.second(x[0]) : compile(mul(num(-1), curvature!), [w]);
  const slopeS = fast ? (x: readonly number[]) => fast.first(x[0]) : compile(mul(pow(G, num(1, 2)), L1!), [w]);
  const lbarF = fast ? (x: readonly number[]) => fast.value(x[0]) : compile(p.loss, [w]);
  const gF = compile(G, [w]);
  // Characteristic speed H'(p) of the derived flux at p = dLbar/ds; they fold where
  // d/ds H'(p) = H''(p) d^2Lbar/ds^2 is most negative (Burgers: H' = p, H'' = 1).
  const dH = compile(diff(flux, 'p'), ['p']), d2H = compile(diff(diff(flux, 'p'), 'p'), ['p']);
  const characteristicSpeed = (x: number): number => dH([slopeS([x])]);
  const br = breakingTime({ negCurvature: (x) => d2H([slopeS([x])]) * negCurv([x]), slope: characteristicSpeed }, p.domain);

  const steps: Step[] = [];
  const crossingChecks: Check[] = [];
  // The grid in w, and arc length s(w) (numerics/arc-length.ts: Gauss quadrature that is exact
  // through cone points G = 0, s = 0 at w = 0 when 0 is in the domain, as `solve` uses; a flat
  // line keeps its own coordinate, s = w). A metric whose arc length diverges (a zero of G of
  // order >= 2) keeps the midpoint table, which never samples G at a node.
  const N = 801;
  const ws = new Float64Array(N), ls = new Float64Array(N);
  const dw = (p.domain[1] - p.domain[0]) / (N - 1);
  for (let i = 0; i < N; i++) { ws[i] = p.domain[0] + i * dw; ls[i] = lbarF([ws[i]]); }
  const { sOf, wOf, caveat } = arcLength(p, (x) => gF([x]), ws);
  const ss = Float64Array.from(ws, sOf);

  // Independent of the curvature: the characteristic map y -> x(y) = s(y) + t H'(dLbar/ds(y)) itself,
  // on the grid plus a fine grid around y*; characteristics cross where it decreases between two
  // neighbouring points. Kinks are included, not excluded: a downward jump of the speed H'(slope) between
  // two points makes x decrease there as soon as t [slope] exceeds their distance in s.
  const localRadius = Math.min(10 * dw, 0.5 * (1 + Math.abs(br.yStar)));
  const local = Array.from({ length: 2001 }, (_, i) => br.yStar - localRadius + (2 * localRadius * i) / 2000).filter((y) => y >= p.domain[0] && y <= p.domain[1]);
  // Inside the fine grid's window the grid points are left out: one can land an ulp away from a fine-grid
  // point, and the difference quotient over such a pair is rounding noise of the slope divided by 1e-16
  // (a spurious crossing on a flat slice).
  const gap = 1e-3 * ((2 * localRadius) / 2000);
  const outside = (y: number): boolean => !local.length || y < local[0] - gap || y > local[local.length - 1] + gap;
  const foldPoints = [...ws.filter(outside), ...local].sort((u, v) => u - v);
  const foldS = foldPoints.map(sOf), foldSlope = foldPoints.map(characteristicSpeed);
  const foldCheck = (tt: number, label: string, expectFold: boolean): Check => {
    let m = Infinity;
    for (let i = 0; i + 1 < foldPoints.length; i++) {
      const ds = foldS[i + 1] - foldS[i];
      const q = 1 + (tt * (foldSlope[i + 1] - foldSlope[i])) / ds;
      if (ds > 0 && Number.isFinite(q)) m = Math.min(m, q);
    }
    const ok = expectFold ? m < 0 : m > 0;
    return numericCheck(ok, `min_y dx/dy = ${fmt(m)} at ${label} (difference quotients of the characteristic map between neighbouring points, kinks included): ${m < 0 ? 'characteristics cross' : 'no crossing'}`);
  };
  let location: number | null = null;
  if (br.kink) {
    // A concave kink: the two one-sided characteristics from y_k -+ delta meet after t = 2 delta / (sqrt(G) [slope]) -> 0.
    const k = br.kink, delta = 1e-9 * (1 + Math.abs(k.at));
    location = k.at;
    const yl = Math.max(p.domain[0], k.at - delta), yr = Math.min(p.domain[1], k.at + delta);
    const tt = 1e-3;
    const dx = sOf(yr) - sOf(yl) + tt * (characteristicSpeed(yr) - characteristicSpeed(yl));
    crossingChecks.push(numericCheck(dx < 0, `across the kink, x(y_k + delta) - x(y_k - delta) = ${fmt(dx)} at t = ${tt} (delta = ${delta.toExponential(0)}): ${dx < 0 ? 'characteristics from the two sides have crossed' : 'no crossing'}`));
  } else if (br.time !== null) {
    const t = br.time;
    const xs = sOf(br.yStar) + t * characteristicSpeed(br.yStar);
    location = wOf(xs);
    // it folds (dx/dy < 0) only after t*.
    crossingChecks.push(foldCheck(0.9 * t, '0.9 t*', false), foldCheck(1.1 * t, '1.1 t*', true));
  } else {
    crossingChecks.push(foldCheck(100, 't = 100', false));
  }
  steps.push({
    id: 'shock/characteristic-crossing', stage: 'shock', rule: 'characteristic-crossing',
    title: 'First crossing of characteristics',
    statement: `Characteristics $x = y + t\\,H'(\\partial_s \\bar L(y))$ of the inviscid equation first cross at $t^* = 1/\\rho$, $\\rho = \\max(-H''\\,\\partial_s^2 \\bar L)$ ($H$ the derived flux; Burgers: $H' = p$, $H'' = 1$) over ${p.origin}, $${p.domain[0]} \\le ${w} \\le ${p.domain[1]}$. ` +
      (br.kink ? `Here $\\partial_s \\bar L$ jumps down by $${fmt(br.kink.jump)}$ at the kink $${w} = ${fmt(br.kink.at)}$ (a concave kink of $\\bar L$, $p_L > p_R$): characteristics from its two sides cross at once, a shock at $t^* = 0^+$, $x^* = ${fmt(location!)}$ (the smooth parts have $\\max(-\\partial_s^2 \\bar L) = ${fmt(br.rho)}$).`
        : br.time !== null ? `Here $\\rho = ${fmt(br.rho)}$ at $y^* = ${fmt(br.yStar)}$ (one-sided limits at kinks and cone points included): $t^* = ${fmt(br.time)}$, $x^* = ${fmt(location!)}$.` : `Here $\\max(-\\partial_s^2\\bar L) = ${fmt(br.rho)} \\le 0$ (one-sided limits included) and no concave kink: no shock forms.`),
    before: { kind: 'expr', expr: p.loss },
    ...(curvature ? { after: { kind: 'eq', lhs: sym('L_ss'), rhs: curvature } as const } : {}),
    conditions: p.metric ? ['$\\partial_s^2 \\bar L = G \\bar L\'\' + \\tfrac12 G\' \\bar L\'$ (1-D Laplace-Beltrami Hessian, arc length $ds = dw/\\sqrt{G}$)', ...(caveat ? [caveat] : [])] : ['flat metric: $s = ' + w + '$', ...(fast ? ['$\\bar L$, $\\bar L\'$, $\\bar L\'\'$ evaluated numerically (loss, $v\\cdot\\nabla L$ and $v^T H v$ at $\\theta^* + s v$ by back-propagation and the R-operator)'] : [])],
    checks: crossingChecks,
  });

  let jump = null as ReturnType<typeof hopfLaxShock>;
  let speed: number | null = null, lax: boolean | null = null, reynolds: number | null = null;
  let regime: ShockReport['regime'] = 'none';
  let regimeTime: number | undefined;
  if (br.time !== null) {
    // Entropy solution at t = 2 t* in arc length, on a uniform s-grid.
    const M = 1201;
    const sGrid = new Float64Array(M), lGrid = new Float64Array(M);
    const s0 = ss[0], s1 = ss[N - 1];
    for (let i = 0; i < M; i++) { sGrid[i] = s0 + ((s1 - s0) * i) / (M - 1); lGrid[i] = lbarF([wOf(sGrid[i])]); }
    // Away from the ends (the minimisation sees only the region). A concave kink in convex
    // surroundings (rho <= 0) gets a grid of its own around it (kinkWindow): the minimiser's gap
    // there saturates at [p]/kappa, which the region's grid may not resolve.
    const kinkLocal = br.kink && !(br.rho > 0) ? kinkWindow(br.kink, sOf(br.kink.at), s0, s1, (x) => -negCurv([x]), (s) => lbarF([wOf(s)]), (s) => characteristicSpeed(wOf(s))) : undefined;
    // 2 t*; at a concave kink (t* = 0+) twice the smooth parts' breaking time 1/rho when they break too.
    const inner = kinkLocal ? kinkLocal.xs : sGrid.filter((s) => s > s0 + 0.15 * (s1 - s0) && s < s1 - 0.15 * (s1 - s0));
    const H = convexFluxFromExpr(flux, 'p');
    // The Hopf-Lax formula needs the Lagrangian L = H* of the derived flux; none when H is not strictly convex.
    const lagrangian = lagrangianOf(flux, H);
    // The shock exists at every t > t*; by 2 t* it may have travelled out of the
    // region's middle, so 1.5 t* and 1.25 t* are tried next (the step states which).
    const times = br.time > 0 ? [2, 1.5, 1.25].map((f) => f * br.time!) : [kinkLocal ? kinkLocal.t : 2 / br.rho];
    let tEval = times[0];
    for (const t of times) {
      tEval = t;
      jump = !lagrangian ? null : kinkLocal ? hopfLaxShock(kinkLocal.ys, kinkLocal.ls, t, inner, lagrangian) : hopfLaxShock(sGrid, lGrid, t, Float64Array.from(inner), lagrangian);
      if (jump || !lagrangian) break;
    }
    if (!lagrangian) {
      steps.push({
        id: 'shock/rankine-hugoniot', stage: 'shock', rule: 'rankine-hugoniot',
        title: 'Entropy solution after breaking',
        statement: `The derived flux $H(p) = ${latexOf(flux)}$ is not strictly convex ($H'' \\le 0$ somewhere on $[-10, 10]$): the Hopf-Lax formula, which needs its Legendre transform, does not apply.`,
        conditions: [], checks: [numericCheck(false, `H(p) = ${latexOf(flux)} is not strictly convex: no Hopf-Lax entropy solution, no Rankine-Hugoniot check`)],
      });
    } else if (jump) {
      speed = rankineHugoniotSpeed(H, jump.left, jump.right);
      lax = laxEntropyCondition(H, jump.left, jump.right);
      const strength = jump.left - jump.right;
      reynolds = reynoldsNumber(strength, s1 - s0, p.nu);
      // Independent of the minimiser that found the jump: the entropy solution by
      // Godunov finite volumes for the derived flux H, from p(s, 0) = dLbar/ds.
      const region = uniformGrid(s0, s1, 801);
      const solved = kinkLocal
        ? independentShock(kinkLocal.godunov, Float64Array.from(kinkLocal.godunov.x, (x) => slopeS([wOf(x)])), tEval, H, jump, kinkLocal.frame)
        : independentShock(region, Float64Array.from(region.x, sampledSlope(sGrid, lGrid)), tEval, H, jump);
      // The regime by the criterion `solve` reports with: a front of the viscous solution at this time.
      const viscous = viscousFront(sGrid, lGrid, tEval, H, p.nu, jump);
      regime = viscous.front ? 'shock' : 'diffusive';
      regimeTime = tEval;
      const pL = sym('p_L'), pR = sym('p_R');
      const Hof = (q: Expr): Expr => substitute(flux, { p: q });
      const dH = diff(flux, 'p');
      const rhSpeed = div(sub(Hof(pL), Hof(pR)), sub(pL, pR));
      const midpointSpeed = substitute(dH, { p: mul(num(1, 2), add(pL, pR)) });
      steps.push({
        id: 'shock/rankine-hugoniot', stage: 'shock', rule: 'rankine-hugoniot',
        title: 'Rankine-Hugoniot speed and Lax condition',
        statement: `At $t = ${br.time > 0 ? `${fmt(tEval / br.time)}t^* = ` : ""}${fmt(tEval)}$ the entropy (Hopf-Lax) solution has a jump at ${p.metric ? `arc length $s = ${fmt(jump.location)}$ ($${w} = ${fmt(wOf(jump.location))}$)` : `$${w} = ${fmt(jump.location)}$`} with $p_L = ${fmt(jump.left)}$, $p_R = ${fmt(jump.right)}$. For the derived flux $H(p)$ the speed is $s = [H]/[p] = H'(\\tfrac{p_L + p_R}{2}) = ${fmt(speed)}$ ($H$ quadratic); Lax condition $H'(p_L) > s > H'(p_R)$ ${lax ? 'holds' : 'fails'}.`,
        before: { kind: 'expr', expr: rhSpeed },
        after: { kind: 'expr', expr: midpointSpeed },
        conditions: [`$H(p) = ${latexOf(flux)}$, read off the derived viscous HJ equation`, '$p_L \\ne p_R$',
          `the jump is located by the Hopf-Lax formula with the Lagrangian of the derived $H$ (${lagrangian.text}); the independent Godunov solution uses $H$ itself`],
        checks: [
          ...checkIdentity(rhSpeed, midpointSpeed, { seed: p.seed }).map((c): Check => ({ ...c, scope: 'lemma' })),
          solved.agreement,
          solved.lax,
        ],
      });
      steps.push({
        id: 'shock/reynolds', stage: 'shock', rule: 'reynolds-regime',
        title: 'Reynolds number and regime',
        statement: `$[p] = ${fmt(strength)}$ (inviscid), region length $L = ${fmt(s1 - s0)}$ (arc length), $\\nu = ${fmt(p.nu)}$: $\\mathrm{Re} = [p] L/\\nu = ${fmt(reynolds)}$; viscous width $4\\nu/[p] = ${fmt((4 * p.nu) / strength)}$. Regime at $t = ${fmt(tEval)}$: ${regime}: ${viscous.text}.`,
        conditions: [`one criterion with solve: a shock is a front of the viscous solution whose thickness $[p]/|\\partial_s p|_{\\max}$ is at most ${SHOCK_WIDTH_FACTOR} times $4\\nu/[p] + 2\\,\\Delta s$ (numerics/shock-detection.ts), with $[p]$ at least 5% of the range of $p$`],
        checks: [solved.strength],
      });
    } else {
      steps.push({
        id: 'shock/rankine-hugoniot', stage: 'shock', rule: 'rankine-hugoniot',
        title: 'Entropy solution after breaking',
        statement: `At $t = ${times.map(fmt).join(', ')}$ no jump of the Hopf-Lax minimiser was found inside the region (the crossing leaves the domain or the jump is below grid resolution).`,
        conditions: [], checks: [numericCheck(false, 'characteristics cross but no jump was resolved in the entropy solution')],
      });
    }
  }
  const report: ShockReport = {
    forms: br.time !== null, time: br.time, location, rho: br.rho, reynolds, regime, speed, lax,
    ...(regimeTime !== undefined ? { regimeTime } : {}),
    ...(br.kink ? { kink: { location: br.kink.at, jump: br.kink.jump } } : {}),
  };
  return { report, steps };
}

const latexOf = (e: Expr): string => latexExpr(e);

/**
 * The shock of the entropy solution at time t computed independently of the
 * Hopf-Lax minimiser: inviscid Godunov finite volumes (numerics/solve-burgers.ts,
 * flux H) from p(s, 0) = dLbar/ds (central differences of the sampled Lbar),
 * shocks found by numerics/shock-detection.ts. Three checks: the solver finds a
 * shock where the minimiser's jump is, with the same states; Lax H'(p_L) > s >
 * H'(p_R) on the solver's states; [p] > 0 on the solver's states.
 */
function independentShock(grid: Grid, p0: Float64Array, t: number, H: ConvexFlux, jump: { location: number; left: number; right: number }, frame?: number): { agreement: Check; lax: Check; strength: Check } {
  const weak = frame !== undefined;
  const source = `Godunov finite volumes (${grid.n} cells on [${fmt(grid.lo)}, ${fmt(grid.hi)}]${weak ? `, in the frame x' = x - c t moving with the kink's characteristic speed c = ${fmt(frame)}, flux H(p) - c p` : ', flux H'}, nu = 0) from p(s, 0) = dLbar/ds to t = ${fmt(t)}`;
  let found: DetectedShock | undefined;
  try {
    // A weak shock moving at speed c is smeared over ~ c dx / [p] cells by the first-order scheme; in
    // the frame moving at c (p_t + (H(p) - c p)_x = 0, the same law: Galilean shift) it is nearly
    // stationary and captured in two cells. Its jump can be below the detector's default floor (5%
    // of the range of p): the floor is then half the minimiser's jump.
    const moving: ConvexFlux = weak ? { flux: (q) => H.flux(q) - frame * q, dflux: (q) => H.dflux(q) - frame, fluxMinimiser: fluxMinimiser((q) => H.dflux(q) - frame) } : H;
    const { p } = solveBurgers1D({ grid, p0, time: t, nu: 0, flux: moving, bc: 'outflow', scheme: 'godunov' });
    const shocks = detectShocks(grid.x, p, moving, 0, weak ? { minJump: 0.5 * (jump.left - jump.right) } : {})
      .map((sh) => (weak ? { ...sh, location: sh.location + frame * t } : sh));
    found = shocks.reduce<DetectedShock | undefined>((best, sh) => (!best || Math.abs(sh.location - jump.location) < Math.abs(best.location - jump.location) ? sh : best), undefined);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  if (!found) {
    const none = (what: string): Check => numericCheck(false, `${what}: ${source} found no shock`);
    return { agreement: none('independent entropy solution'), lax: none('Lax condition'), strength: none('jump strength [p] > 0') };
  }
  const jumpSize = jump.left - jump.right;
  const dLoc = Math.abs(found.location - jump.location), locTol = 6 * grid.dx + 0.02 * (grid.hi - grid.lo);
  const dState = Math.max(Math.abs(found.left - jump.left), Math.abs(found.right - jump.right)), stateTol = 0.15 * Math.abs(jumpSize) + 1e-9;
  const agree = dLoc <= locTol && dState <= stateTol;
  const sG = rankineHugoniotSpeed(H, found.left, found.right);
  const laxG = laxEntropyCondition(H, found.left, found.right);
  return {
    agreement: numericCheck(agree, `independent entropy solution by ${source}: shock at ${fmt(found.location)} (p_L = ${fmt(found.left)}, p_R = ${fmt(found.right)}) vs the Hopf-Lax jump at ${fmt(jump.location)} (p_L = ${fmt(jump.left)}, p_R = ${fmt(jump.right)}): |location difference| ${fmt(dLoc)} (tolerance ${fmt(locTol)}), max state difference ${fmt(dState)} (tolerance ${fmt(stateTol)})`, Math.max(dLoc / locTol, dState / stateTol), 1),
    lax: numericCheck(laxG, `Lax entropy condition on the independent solution's states: H'(p_L) = ${fmt(H.dflux(found.left))} > s = [H]/[p] = ${fmt(sG)} > H'(p_R) = ${fmt(H.dflux(found.right))}`),
    strength: numericCheck(found.left - found.right > 0, `jump strength on the independent solution: [p] = p_L - p_R = ${fmt(found.left - found.right)} > 0`),
  };
}

/**
 * The viscous solution p_t + H(p)_x = nu p_xx at time t from p(s, 0) = dLbar/ds (Godunov with
 * the diffusion term, numerics/solve-burgers.ts) and the shock detector `solve` uses on it: the
 * regime is 'shock' when it finds a front near the inviscid jump. The cells resolve the viscous
 * width 4 nu/[p] by 8 (at most 801; fewer when nu is large, which keeps the diffusive step
 * dx^2/(4 nu) from making the run long; never fewer than 101).
 */
function viscousFront(sGrid: Float64Array, lGrid: Float64Array, t: number, H: ConvexFlux, nu: number, jump: { location: number; left: number; right: number }): { front?: DetectedShock; text: string } {
  const length = sGrid[sGrid.length - 1] - sGrid[0], strength = jump.left - jump.right;
  const M = Math.max(101, Math.min(801, Math.ceil((8 * length * strength) / (4 * nu)) + 1));
  const grid = uniformGrid(sGrid[0], sGrid[sGrid.length - 1], M);
  const p0 = Float64Array.from(grid.x, sampledSlope(sGrid, lGrid));
  const { p } = solveBurgers1D({ grid, p0, time: t, nu, flux: H, bc: 'outflow', scheme: 'godunov' });
  const near = 6 * grid.dx + 0.02 * length;
  const front = detectShocks(grid.x, p, H, nu).filter((sh) => Math.abs(sh.location - jump.location) <= near)
    .reduce<DetectedShock | undefined>((best, sh) => (!best || sh.left - sh.right > best.left - best.right ? sh : best), undefined);
  const source = `the viscous solution (Godunov, ${M} cells, nu = ${fmt(nu)})`;
  return front
    ? { front, text: `${source} has a front at $s = ${fmt(front.location)}$ with $p_L = ${fmt(front.left)}$, $p_R = ${fmt(front.right)}$, within ${fmt(near)} of the inviscid jump` }
    : { text: `${source} has no front thinner than ${SHOCK_WIDTH_FACTOR}$(4\\nu/[p] + 2\\Delta s)$ within ${fmt(near)} of the inviscid jump: viscosity smears it at this time` };
}

/**
 * The Hopf-Lax problem around a concave kink in convex surroundings, on grids of its own. With
 * kappa >= 0 the largest one-sided curvature d^2Lbar/ds^2 at the kink and [p] its slope drop, the
 * characteristics from the kink's two sides leave a gap in y of g(t) = [p] t/(1 + kappa t)
 * (exact for constant curvature), which saturates at [p]/kappa, and the jump is [p]/(1 + kappa t).
 * The time is chosen so that g = min(2% of the region, [p]/(8 kappa)): t = g/([p] - kappa g)
 * (the jump keeps 7/8 of [p]). The y-grid has 4001 nodes over 10 g on each side (the gap spans
 * 200 of its cells, the finder needs 20); the x-grid 2001 points over the images
 * x = y + t H'(dLbar/ds) of the inner half of the y-grid. In convex surroundings the
 * characteristic map is monotone outside the gap, so the minimisers of these x lie in the
 * y-grid. The independent Godunov solution runs on cells of g/20 (at most 4001) over the
 * y- and x-windows and a margin for the boundary's influence, t x the spread of H' over the
 * y-window: the smooth rise of p over a cell, kappa g/20, stays far below the jump, 8 kappa g.
 */
function kinkWindow(kink: { at: number; jump: number }, sK: number, s0: number, s1: number, curvature: (w: number) => number, lbar: (s: number) => number, speed: (s: number) => number): { t: number; ys: Float64Array; ls: Float64Array; xs: Float64Array; godunov: Grid; frame: number } {
  const kappa = Math.max(0, ...[-1, 1].map((side) => oneSidedLimit(curvature, kink.at, side as 1 | -1)).filter(Number.isFinite));
  const g = Math.min(0.02 * (s1 - s0), kappa > 0 ? kink.jump / (8 * kappa) : Infinity);
  const t = g / (kink.jump - kappa * g);
  const lo = Math.max(s0, sK - 10 * g), hi = Math.min(s1, sK + 10 * g);
  const ys = Float64Array.from({ length: 4001 }, (_, i) => lo + ((hi - lo) * i) / 4000);
  const ls = Float64Array.from(ys, lbar);
  const x = (y: number): number => y + t * speed(y);
  const a = x(Math.max(lo, sK - 5 * g)), b = x(Math.min(hi, sK + 5 * g));
  const xs = Float64Array.from({ length: 2001 }, (_, i) => a + ((b - a) * i) / 2000);
  // The Godunov grid is in the frame moving at the kink's characteristic speed: it holds the
  // y-window and, for the boundary's influence, t x the largest relative speed on each side.
  const frame = 0.5 * (speed(sK - 1e-9 * (1 + Math.abs(sK))) + speed(sK + 1e-9 * (1 + Math.abs(sK))));
  const margin = t * Math.max(Math.abs(speed(hi) - frame), Math.abs(speed(lo) - frame)) + 10 * g;
  const gLo = Math.max(s0, lo - margin), gHi = Math.min(s1, hi + margin);
  const godunov = uniformGrid(gLo, gHi, Math.min(4001, Math.max(801, Math.ceil((20 * (gHi - gLo)) / g))));
  return { t, ys, ls, xs, godunov, frame };
}

/** p(s, 0) = dLbar/ds by central differences of the sampled Lbar (nearest node). */
function sampledSlope(sGrid: Float64Array, lGrid: Float64Array): (s: number) => number {
  const ds = sGrid[1] - sGrid[0];
  return (s) => {
    const i = Math.min(Math.max(1, Math.round((s - sGrid[0]) / ds)), sGrid.length - 2);
    return (lGrid[i + 1] - lGrid[i - 1]) / (2 * ds);
  };
}

/** Half-width of a slice in theta-space (Euclidean arc length along the unit vector v). */
export const SLICE_HALF_WIDTH = 2;

/**
 * The 1-D problem L(theta* + s v), s in [-2, 2]: the loss restricted to the line
 * through theta* along v, with theta* and v as exact rationals from their decimal strings.
 */
export function sliceLine(loss: Expr, parameters: readonly string[], point: Float64Array, direction: Float64Array, o: { nu: number; seed: number; origin: string }): LineProblem {
  const s = sym('s');
  const bindings = new Map(parameters.map((p, i) => [p, add(num(exactDecimal(point[i])), mul(num(exactDecimal(direction[i])), s))] as const));
  return {
    variable: 's', loss: substitute(loss, bindings), domain: [-SLICE_HALF_WIDTH, SLICE_HALF_WIDTH], ...o,
    slice: { parameters, point: [...point], direction: [...direction] },
  };
}

/**
 * The rational whose decimal is the shortest round-trip string of x (String(x)),
 * exponent notation included (1e-17 = 1/10^17), which fraction.js does not parse.
 */
export function exactDecimal(x: number): Fraction {
  if (!Number.isFinite(x)) throw new Error(`exactDecimal: ${x} is not a finite number`);
  const [mantissa, exponent] = String(x).split('e');
  const e = Number(exponent ?? 0);
  const ten = new Fraction(10).pow(Math.abs(e));
  return e >= 0 ? new Fraction(mantissa).mul(ten) : new Fraction(mantissa).div(ten);
}

/**
 * A region (trajectory or box) is reported through the 1-D slice through its worst point: the
 * headline is the slice's own analysis, one object (t*, x*, speed and regime describe one
 * crossing). The slice contains the worst point, where its curvature is v^T H v = lambda_min, so
 * its rho is at least the region's; this checks that (a gap is a contradiction, shown failed).
 */
export function sliceAgreement(regionRho: number, slice: ShockReport): Check {
  const gap = regionRho - slice.rho;
  const tolerance = 1e-6 * (1 + Math.abs(regionRho));
  return numericCheck(gap <= tolerance, `slice max(-d^2 L/ds^2) = ${fmt(slice.rho)} >= region rho = ${fmt(regionRho)} (the slice passes through the worst point)`, Math.max(gap, 0), tolerance);
}

function arcLength(p: LineProblem, G: (w: number) => number, ws: Float64Array): { sOf: (w: number) => number; wOf: (s: number) => number; caveat?: string } {
  if (!p.metric) return { sOf: (x) => x, wOf: (x) => x };
  try {
    const map = arcLengthMap(G, p.domain, { anchor: Math.min(Math.max(0, p.domain[0]), p.domain[1]) });
    return { sOf: map.s, wOf: map.w };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const ss = new Float64Array(ws.length), dw = ws[1] - ws[0];
    for (let i = 1; i < ws.length; i++) ss[i] = ss[i - 1] + dw / Math.sqrt(Math.max(G(ws[i] - dw / 2), 1e-300));
    return {
      sOf: (x) => interpolate(ws, ss, x), wOf: (x) => interpolate(ss, ws, x),
      caveat: `the arc length diverges on the domain (${e.message.replace(/^arcLengthMap: /, '')}); s is a midpoint-rule table on ${ws.length} nodes, finite but not converged`,
    };
  }
}

function interpolate(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0] + (x - xs[0]) * (ys[1] - ys[0]) / (xs[1] - xs[0]);
  if (x >= xs[n - 1]) return ys[n - 1] + (x - xs[n - 1]) * (ys[n - 1] - ys[n - 2]) / (xs[n - 1] - xs[n - 2]);
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) { const m = (lo + hi) >> 1; if (xs[m] <= x) lo = m; else hi = m; }
  return ys[lo] + ((x - xs[lo]) * (ys[hi] - ys[lo])) / (xs[hi] - xs[lo]);
}
