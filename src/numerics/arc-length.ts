// A 1-D quotient with a non-uniform metric (DESIGN §1): dw/dt = -G Lbar'(w),
// metric g = 1/G. In arc length
//   s(w) = Int_{lo}^{w} sqrt(g) dw' = Int_{lo}^{w} dw' / sqrt(G(w'))
// the metric is flat: Lap_g = d^2/ds^2 and |grad u|_g^2 = u_s^2, so
//   u_t + u_s^2/2 = nu u_ss,   p = u_s = sqrt(G) u_w,
// and the flat solvers apply on a uniform s-grid. This file builds s(w) and
// its inverse w(s) and maps data and solutions between the two coordinates.
// Accuracy: s at the nodes by Simpson per interval; between nodes, and for
// w(s), cubic Hermite interpolation with the exact derivatives ds/dw = 1/sqrt(G),
// dw/ds = sqrt(G): O(h^4) both ways.

export interface ArcLengthMap {
  readonly domain: readonly [number, number];
  /** Total length s(hi). */
  readonly length: number;
  readonly s: (w: number) => number;
  readonly w: (s: number) => number;
  /** sqrt(G(w)) = dw/ds. */
  readonly sqrtG: (w: number) => number;
}

/** Index of the interval [nodes[i], nodes[i+1]] holding v (clamped to the ends). */
function interval(nodes: Float64Array, v: number): number {
  let lo = 0, hi = nodes.length - 1;
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (nodes[mid] <= v) lo = mid; else hi = mid; }
  return lo;
}

/** Cubic Hermite interpolation on [a, b] with values fa, fb and slopes da, db. */
function hermite(a: number, b: number, fa: number, fb: number, da: number, db: number, v: number): number {
  const h = b - a, t = (v - a) / h, t2 = t * t, t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * fa + (t3 - 2 * t2 + t) * h * da + (-2 * t3 + 3 * t2) * fb + (t3 - t2) * h * db;
}

/** The arc-length map of the inverse metric G (> 0 on the domain). */
export function arcLengthMap(G: (w: number) => number, domain: readonly [number, number], nodes = 2049): ArcLengthMap {
  const [lo, hi] = domain;
  const sqrtG = (w: number): number => {
    const g = G(w);
    if (!(g > 0)) throw new RangeError(`arcLengthMap: G(${w}) = ${g} is not positive`);
    return Math.sqrt(g);
  };
  const W = Float64Array.from({ length: nodes }, (_, i) => lo + ((hi - lo) * i) / (nodes - 1));
  const dsdw = Float64Array.from(W, (w) => 1 / sqrtG(w));
  const S = new Float64Array(nodes);
  for (let i = 1; i < nodes; i++) {
    const h = W[i] - W[i - 1];
    S[i] = S[i - 1] + (h / 6) * (dsdw[i - 1] + 4 / sqrtG(W[i - 1] + h / 2) + dsdw[i]); // Simpson
  }
  const dwds = Float64Array.from(dsdw, (v) => 1 / v);
  return {
    domain,
    length: S[nodes - 1],
    sqrtG,
    s: (w) => { const i = Math.min(interval(W, w), nodes - 2); return hermite(W[i], W[i + 1], S[i], S[i + 1], dsdw[i], dsdw[i + 1], w); },
    w: (s) => { const i = Math.min(interval(S, s), nodes - 2); return hermite(S[i], S[i + 1], W[i], W[i + 1], dwds[i], dwds[i + 1], s); },
  };
}

/** Initial data on arc-length points: p0(s) = dLbar/ds = sqrt(G(w)) Lbar'(w) at w = w(s). */
export function slopeToArcLength(map: ArcLengthMap, lbarSlope: (w: number) => number, s: Float64Array): Float64Array {
  return Float64Array.from(s, (si) => { const w = map.w(si); return map.sqrtG(w) * lbarSlope(w); });
}

/** Linear interpolation of samples (xs increasing) at v, constant beyond the ends. */
export function interpolateLinear(xs: Float64Array, ys: Float64Array, v: number): number {
  if (v <= xs[0]) return ys[0];
  if (v >= xs[xs.length - 1]) return ys[ys.length - 1];
  const i = interval(xs, v), t = (v - xs[i]) / (xs[i + 1] - xs[i]);
  return (1 - t) * ys[i] + t * ys[i + 1];
}

/**
 * A solution p_s = u_s computed on arc-length points `s`, pulled back to the
 * quotient coordinate: u_w(w) = u_s(s(w)) / sqrt(G(w)). Linear interpolation
 * in s (monotone: no new extrema at shocks).
 */
export function slopeFromArcLength(map: ArcLengthMap, s: Float64Array, ps: Float64Array, w: Float64Array): Float64Array {
  return Float64Array.from(w, (wi) => interpolateLinear(s, ps, map.s(wi)) / map.sqrtG(wi));
}

/** A scalar (u, Lbar) is the same function in either coordinate: u(w) = u_s(s(w)). */
export function scalarFromArcLength(map: ArcLengthMap, s: Float64Array, us: Float64Array, w: Float64Array): Float64Array {
  return Float64Array.from(w, (wi) => interpolateLinear(s, us, map.s(wi)));
}
