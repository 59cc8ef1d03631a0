// First crossing of inviscid characteristics x = y + t dLbar/ds(y) (docs/theory.md §1):
// t* = 1/rho with rho = max(-d^2 Lbar/ds^2) over the region, at
// x* = y* + t* dLbar/ds(y*). On a 1-D quotient with metric G (inverse metric),
// s is arc length (ds = dw / sqrt(G)) and
//   d^2 Lbar/ds^2 = sqrt(G) d/dw (sqrt(G) Lbar') = G Lbar'' + G' Lbar' / 2
// (the 1-D Laplace-Beltrami Hessian); with G = 1 this is Lbar''.
//
// Kinks and cone points are first-class (docs/theory.md §1):
// - a concave kink of Lbar (a downward jump of dLbar/ds at y_k, p_L > p_R) is
//   compressive initial data: characteristics from its two sides cross at once,
//   a shock at t = 0+ (time 0, `kink` set);
// - where -d^2 Lbar/ds^2 is not defined (a cone point G = 0, a kink) its one-sided
//   limits count, so rho = the larger of the one-sided values there;
// - the sample points are a uniform grid plus points spaced geometrically
//   around 0 and the ends, so a huge domain does not step over a cone point at
//   the origin (enlarging a domain cannot remove a shock).

import type { ShockReport } from '../derivation/derivation.js';

export interface CurvatureProfile {
  /** -d^2 Lbar/ds^2 as a function of the quotient coordinate w. */
  readonly negCurvature: (w: number) => number;
  /** dLbar/ds = sqrt(G) Lbar'(w). */
  readonly slope: (w: number) => number;
}

/** A concave kink: dLbar/ds jumps down by `jump` (> 0) at w = `at`. */
export interface ConcaveKink { readonly at: number; readonly jump: number }

export interface Breaking {
  /** max(-d^2 Lbar/ds^2) over the smooth parts and one-sided limits. */
  readonly rho: number;
  /** Arg-max y* (in w); the kink's position when `kink` is set. */
  readonly yStar: number;
  /** 1/rho, 0 for a concave kink (t = 0+), null when no shock forms. */
  readonly time: number | null;
  /** The strongest concave kink, when there is one: the shock forms at t = 0+. */
  readonly kink?: ConcaveKink;
}

/** Sample points: a uniform grid plus geometric points around 0 and both ends, sorted and distinct. */
export function samplePoints(domain: readonly [number, number], samples: number): number[] {
  const [lo, hi] = domain;
  const h = (hi - lo) / (samples - 1);
  const pts = Array.from({ length: samples }, (_, i) => (i === samples - 1 ? hi : lo + i * h));
  const span = hi - lo;
  for (let e = -9; 10 ** e < span; e++) {
    for (const c of [0, lo, hi]) for (const sgn of [-1, 1]) {
      const x = c + sgn * 10 ** e;
      if (x > lo && x < hi) pts.push(x);
    }
  }
  if (lo < 0 && hi > 0) pts.push(0);
  return [...new Set(pts)].sort((a, b) => a - b);
}

const finiteOr = (v: number, fallback: number): number => (Number.isFinite(v) ? v : fallback);

/** One-sided limit of f at x from the side `side` (+1 or -1), by evaluating ever closer; NaN when none is finite. */
export function oneSidedLimit(f: (w: number) => number, x: number, side: 1 | -1): number {
  let last = NaN;
  for (let e = 6; e <= 12; e += 2) {
    const v = f(x + side * 10 ** -e * (1 + Math.abs(x)));
    if (Number.isFinite(v)) last = v;
  }
  return last;
}

/**
 * The jump of the slope inside [a, b], localised by bisection (the half with the
 * larger slope difference is kept) down to a width of 1e-13 (1 + |a| + |b|); the
 * remaining difference is the jump (a smooth slope changes by O(width) there).
 */
export function slopeJump(slope: (w: number) => number, a: number, b: number): { at: number; jump: number } {
  let fa = slope(a), fb = slope(b);
  const width = 1e-13 * (1 + Math.abs(a) + Math.abs(b));
  for (let k = 0; k < 200 && b - a > width; k++) {
    const m = (a + b) / 2, fm = slope(m);
    if (!Number.isFinite(fm)) break;
    if (Math.abs(fm - fa) >= Math.abs(fb - fm)) { b = m; fb = fm; } else { a = m; fa = fm; }
  }
  return { at: (a + b) / 2, jump: fb - fa };
}

/** Maximise -Lbar_ss over [lo, hi] (grid, golden-section refinement, one-sided limits), and look for concave kinks. */
export function breakingTime(profile: CurvatureProfile, domain: readonly [number, number], samples = 1201): Breaking {
  const ws = samplePoints(domain, samples);
  const f = (w: number): number => finiteOr(profile.negCurvature(w), -Infinity);
  const values = ws.map(f);
  let bestI = 0;
  values.forEach((v, i) => { if (v > values[bestI]) bestI = i; });
  let best = values[bestI], yStar = ws[bestI];
  // Golden-section refinement in the neighbouring cells.
  let a = ws[Math.max(0, bestI - 1)], b = ws[Math.min(ws.length - 1, bestI + 1)];
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 80 && b - a > 1e-13 * (1 + Math.abs(a)); k++) {
    const c = b - phi * (b - a), d = a + phi * (b - a);
    if (f(c) >= f(d)) b = d; else a = c;
  }
  const yRefined = (a + b) / 2;
  if (f(yRefined) > best) { best = f(yRefined); yStar = yRefined; }
  // One-sided limits where the curvature is undefined (cone points, kinks) or at a sample next to such a point.
  ws.forEach((w, i) => {
    if (Number.isFinite(profile.negCurvature(w)) && (i === 0 || Number.isFinite(values[i - 1])) && (i === ws.length - 1 || Number.isFinite(values[i + 1]))) return;
    for (const side of [-1, 1] as const) {
      if ((side < 0 && w <= domain[0]) || (side > 0 && w >= domain[1])) continue;
      const v = oneSidedLimit(profile.negCurvature, w, side);
      if (v > best) { best = v; yStar = w; }
    }
  });
  const kink = concaveKink(profile, ws, values);
  if (kink) return { rho: best, yStar: kink.at, time: 0, kink };
  return { rho: best, yStar, time: best > 0 ? 1 / best : null };
}

/**
 * The strongest concave kink among the sample cells. A cell is a candidate when its slope change
 * falls below what the sampled curvature allows: either the slope drops by more than
 * max(-Lbar_ss) x cell length, or the change is below the trapezoid rule of its derivative
 * -negCurvature at the cell's ends by more than the rule's own spread (a kink hidden
 * under a larger smooth increase). Each candidate is bisected to its jump, keeping the half
 * whose change is furthest below its trapezoid prediction, and a downward jump above
 * 1e-7 (1 + |slope|) that keeps its size as the bracket shrinks counts.
 */
function concaveKink(profile: CurvatureProfile, ws: readonly number[], negCurv: readonly number[]): ConcaveKink | undefined {
  const slopes = ws.map(profile.slope);
  // d/dw of `slope` is -negCurvature (the characteristic speed's derivative, H'' d^2Lbar/ds^2).
  const curv = negCurv.map((v) => -v);
  const candidates: { i: number; excess: number; hidden: boolean }[] = [];
  for (let i = 0; i + 1 < ws.length; i++) {
    const change = slopes[i + 1] - slopes[i], h = ws[i + 1] - ws[i];
    const floor = 1e-9 * (1 + Math.abs(slopes[i]));
    const allowed = Math.max(0, finiteOr(negCurv[i], 0), finiteOr(negCurv[i + 1], 0)) * h;
    if (-change > 2 * allowed + floor) { candidates.push({ i, excess: -change - allowed, hidden: false }); continue; }
    if (!Number.isFinite(curv[i]) || !Number.isFinite(curv[i + 1])) continue;
    const below = 0.5 * (curv[i] + curv[i + 1]) * h - change, spread = Math.abs(curv[i + 1] - curv[i]) * h;
    if (below > 2 * spread + floor) candidates.push({ i, excess: below - spread, hidden: true });
  }
  candidates.sort((p, q) => q.excess - p.excess);
  let strongest: ConcaveKink | undefined;
  for (const { i, hidden } of candidates.slice(0, 24)) {
    // A drop the curvature cannot explain is bisected on the slope alone; a kink hidden under a
    // larger smooth increase, on the slope's shortfall from its trapezoid prediction.
    const j = hidden ? kinkBisection(profile, ws[i], ws[i + 1]) : slopeJump(profile.slope, ws[i], ws[i + 1]);
    // A jump keeps its size as the bracket shrinks; a cusp such as sqrt(|w|) at a cone point does not.
    const across = (eps: number): number => profile.slope(j.at + eps * (1 + Math.abs(j.at))) - profile.slope(j.at - eps * (1 + Math.abs(j.at)));
    const d8 = across(1e-8), d10 = across(1e-10), narrow = across(1e-12);
    if (!(Math.abs(narrow) > 0.5 * Math.abs(d10) && Math.abs(d10) > 0.5 * Math.abs(d8))) continue;
    const drop = -narrow;
    if (drop > 1e-7 * (1 + Math.abs(slopes[i])) && (!strongest || drop > strongest.jump)) strongest = { at: j.at, jump: drop };
  }
  return strongest;
}

/**
 * Bisection of [a, b] to the point where the slope falls short of its smooth change: the half whose
 * change is further below the trapezoid rule of its derivative (-negCurvature) at its ends is kept
 * (the plain drop where the derivative is not finite). Slope and derivative are evaluated once per point.
 */
function kinkBisection(profile: CurvatureProfile, a: number, b: number): { at: number } {
  const at = (w: number): { w: number; s: number; c: number } => ({ w, s: profile.slope(w), c: -profile.negCurvature(w) });
  const shortfall = (l: { w: number; s: number; c: number }, r: { w: number; s: number; c: number }): number =>
    (Number.isFinite(l.c) && Number.isFinite(r.c) ? 0.5 * (l.c + r.c) * (r.w - l.w) : 0) - (r.s - l.s);
  let A = at(a), B = at(b);
  const width = 1e-13 * (1 + Math.abs(a) + Math.abs(b));
  for (let k = 0; k < 200 && B.w - A.w > width; k++) {
    const M = at((A.w + B.w) / 2);
    if (shortfall(A, M) >= shortfall(M, B)) B = M; else A = M;
  }
  return { at: (A.w + B.w) / 2 };
}

/**
 * A scale by which the predicted shock has formed: 2 t*; at a concave kink (t* = 0+) twice
 * the smooth parts' breaking time 1/rho when they break too; null when no shock forms or a
 * kink sits in convex surroundings (no natural scale). Used to choose solve and verify ranges.
 */
export function twiceBreakingTime(r: Pick<ShockReport, 'time' | 'rho'>): number | null {
  if (r.time === null) return null;
  if (r.time > 0) return 2 * r.time;
  return r.rho > 0 ? 2 / r.rho : null;
}
