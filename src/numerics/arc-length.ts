// A 1-D quotient with a non-uniform metric (docs/theory.md §1): dw/dt = -G Lbar'(w),
// metric g = 1/G. In arc length
//   s(w) = Int_{anchor}^{w} sqrt(g) dw' = Int_{anchor}^{w} dw' / sqrt(G(w'))
// the metric is flat: Lap_g = d^2/ds^2 and |grad u|_g^2 = u_s^2, so
//   u_t + u_s^2/2 = nu u_ss,   p = u_s = sqrt(G) u_w,
// and the flat solvers apply on a uniform s-grid. This file builds s(w) and
// its inverse w(s) and maps data and solutions between the two coordinates.
//
// Cone points. G may vanish at isolated points w0 (G = J J^T is zero where the
// invariant's Jacobian is; scalar-linear: G = 2|w| at c = 0). Where G ~ k|w - w0|
// the integrand 1/sqrt(G) ~ |w - w0|^(-1/2) is integrable: w0 is at finite
// distance (s = sign(w) sqrt(2|w|) for G = 2|w|), and w(s) = w0 +- k (s - s0)^2/4
// is smooth on either side. A zero of order >= 2 is infinitely far away and
// is rejected. The zeros are located (sampled minima of G refined by golden
// section) and made nodes, and every interval is integrated by an open
// Gauss-Legendre rule (no evaluation at a node) after the substitution
// w = a + h tau^2 towards a singular end, which turns (w - a)^(-1/2) into a
// smooth integrand.
//
// Accuracy: s at the nodes to ~1e-13 (10-point Gauss per interval); s(w)
// between nodes by the same rule from the nearest singular (else left) node;
// w(s) by cubic Hermite interpolation with the exact slopes dw/ds = sqrt(G),
// which are finite everywhere (0 at a cone point): O(h^4).
//
// Beyond the domain the metric is frozen at its end value (s and w continue
// linearly with slope sqrt(G(end))): solvers and quadratures that need data
// outside the box (Cole-Hopf windows) get a C^1 continuation.

export interface ArcLengthMap {
  readonly domain: readonly [number, number];
  /** Total length s(hi) - s(lo). */
  readonly length: number;
  /** [s(lo), s(hi)]; s(anchor) = 0. */
  readonly range: readonly [number, number];
  /** Points of the closed domain where G = 0 (at finite arc-length distance). */
  readonly conePoints: readonly number[];
  readonly s: (w: number) => number;
  readonly w: (s: number) => number;
  /** sqrt(G(w)) = dw/ds (0 at a cone point). */
  readonly sqrtG: (w: number) => number;
}

export interface ArcLengthOptions {
  /** Number of w-nodes (default 2049). */
  readonly nodes?: number;
  /** The point with s = 0 (default: the left end of the domain). */
  readonly anchor?: number;
}

/** Gauss-Legendre nodes and weights on [0, 1] (roots of P_n by Newton iteration). */
function gaussLegendre01(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n), w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5)), dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = z;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * z * p1 - (k - 1) * p0) / k];
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = (1 - z) / 2;
    w[i] = 1 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}
const GAUSS = gaussLegendre01(10);

/**
 * Int_a^b dw / sqrt(G(w)) by the open Gauss rule. `singular` says which end may
 * be a zero of G: the substitution w = a + h tau^2 (left) or w = b - h tau^2
 * (right), dw = 2 h tau dtau, cancels the (w - a)^(-1/2) singularity; with both
 * ends singular the interval is split at its midpoint.
 */
function segment(G: (w: number) => number, a: number, b: number, singular: 'none' | 'left' | 'right' | 'both'): number {
  const h = b - a;
  if (h === 0) return 0;
  if (singular === 'both') { const m = a + h / 2; return segment(G, a, m, 'left') + segment(G, m, b, 'right'); }
  let sum = 0;
  for (let k = 0; k < GAUSS.x.length; k++) {
    const t = GAUSS.x[k];
    const [w, jac] = singular === 'none' ? [a + h * t, h] : singular === 'left' ? [a + h * t * t, 2 * h * t] : [b - h * t * t, 2 * h * t];
    sum += (GAUSS.w[k] * jac) / Math.sqrt(G(w));
  }
  return sum;
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

/**
 * Minimum of G on [a, b] by golden section (G unimodal there: a sampled local
 * minimum), run until the bracket stops shrinking: s near a cone point is only
 * as accurate as sqrt(error in its location).
 */
function goldenMinimum(G: (w: number) => number, a: number, b: number): { w: number; g: number } {
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a), d = a + r * (b - a), gc = G(c), gd = G(d);
  for (let it = 0; it < 400 && a < c && c < d && d < b; it++) {
    if (gc <= gd) { b = d; d = c; gd = gc; c = b - r * (b - a); gc = G(c); }
    else { a = c; c = d; gc = gd; d = a + r * (b - a); gd = G(d); }
  }
  return gc <= gd ? { w: c, g: gc } : { w: d, g: gd };
}

/**
 * Isolated zeros of G on the sample grid W (values g): exact zeros at samples,
 * and sampled local minima whose refined minimum is below 1e-6 of the sampled
 * neighbours (a zero between samples; a smooth positive minimum dips far less
 * unless it is a near-zero, which the singular rule then also integrates
 * better). Each is checked to be integrable (order < 2: G(w0 + 2d)/G(w0 + d) < 4).
 */
function conePoints(G: (w: number) => number, W: Float64Array, g: Float64Array): number[] {
  const n = W.length, zeros: number[] = [];
  for (let i = 0; i < n; i++) {
    const left = i > 0 ? g[i - 1] : Infinity, right = i < n - 1 ? g[i + 1] : Infinity;
    if (!(g[i] <= left && g[i] <= right && g[i] < Math.max(i > 0 ? left : right, i < n - 1 ? right : left))) continue;
    const m = g[i] === 0 ? { w: W[i], g: 0 } : goldenMinimum(G, W[Math.max(i - 1, 0)], W[Math.min(i + 1, n - 1)]);
    if (m.g > 1e-6 * Math.min(i > 0 ? left : right, i < n - 1 ? right : left)) continue;
    if (zeros.length && Math.abs(zeros[zeros.length - 1] - m.w) < 1e-12 * (W[n - 1] - W[0])) continue;
    const d = 1e-4 * (W[1] - W[0]);
    for (const side of [-1, 1]) {
      const g1 = G(m.w + side * d), g2 = G(m.w + 2 * side * d);
      if (m.w + 2 * side * d < W[0] || m.w + 2 * side * d > W[n - 1] || !(g1 > 0)) continue;
      if (Math.log2(g2 / g1) > 1.9) {
        throw new RangeError(`arcLengthMap: G vanishes to order ${Math.log2(g2 / g1).toFixed(2)} at w = ${m.w.toPrecision(6)}: that point is infinitely far in arc length (Int dw/sqrt(G) diverges)`);
      }
    }
    zeros.push(m.w);
  }
  return zeros;
}

/** The arc-length map of the inverse metric G (>= 0 on the domain, zero at isolated points only). */
export function arcLengthMap(G: (w: number) => number, domain: readonly [number, number], o: ArcLengthOptions = {}): ArcLengthMap {
  const [lo, hi] = domain;
  const nodes = o.nodes ?? 2049;
  if (!(hi > lo) || !(nodes >= 3)) throw new RangeError(`arcLengthMap: need lo < hi and at least 3 nodes (got [${lo}, ${hi}], ${nodes})`);
  const checkedG = (w: number): number => {
    const g = G(w);
    if (!(g >= 0)) throw new RangeError(`arcLengthMap: G(${w}) = ${g} is not positive`);
    return g;
  };
  const sqrtG = (w: number): number => Math.sqrt(checkedG(w));
  // 1. Sample G; it must be >= 0 and may vanish only at isolated points.
  const sample = Float64Array.from({ length: nodes }, (_, i) => lo + ((hi - lo) * i) / (nodes - 1));
  const g = Float64Array.from(sample, checkedG);
  for (let i = 1; i < nodes; i++) if (g[i] === 0 && g[i - 1] === 0) throw new RangeError(`arcLengthMap: G = 0 on [${sample[i - 1]}, ${sample[i]}]: G is not positive (not an inverse metric there)`);
  // 2. Nodes: the cone points are breakpoints; each piece is uniform, >= 2 intervals.
  const cones = conePoints(G, sample, g);
  const breaks = [lo, ...cones.filter((z) => z - lo > 1e-9 * (hi - lo) && hi - z > 1e-9 * (hi - lo)), hi];
  const pieces = breaks.length - 1, free = nodes - 1 - 2 * pieces;
  const W: number[] = [lo];
  for (let k = 0; k < pieces; k++) {
    const [a, b] = [breaks[k], breaks[k + 1]];
    const m = 2 + Math.max(0, Math.round((free * (b - a)) / (hi - lo)));
    for (let j = 1; j <= m; j++) W.push(j === m ? b : a + ((b - a) * j) / m);
  }
  const Wn = Float64Array.from(W), N = Wn.length;
  const isCone = Uint8Array.from(Wn, (w) => (G(w) === 0 || cones.some((z) => Math.abs(z - w) <= 1e-9 * (hi - lo)) ? 1 : 0));
  const kind = (i: number): 'none' | 'left' | 'right' | 'both' =>
    isCone[i] && isCone[i + 1] ? 'both' : isCone[i] ? 'left' : isCone[i + 1] ? 'right' : 'none';
  // 3. s at the nodes, then shifted so that s(anchor) = 0.
  const S = new Float64Array(N);
  for (let i = 1; i < N; i++) S[i] = S[i - 1] + segment(G, Wn[i - 1], Wn[i], kind(i - 1));
  const sInside = (w: number): number => {
    const i = Math.min(interval(Wn, w), N - 2);
    return isCone[i + 1] && !isCone[i] ? S[i + 1] - segment(G, w, Wn[i + 1], 'right') : S[i] + segment(G, Wn[i], w, isCone[i] ? 'left' : 'none');
  };
  const anchor = Math.min(Math.max(o.anchor ?? lo, lo), hi);
  const shift = sInside(anchor);
  for (let i = 0; i < N; i++) S[i] -= shift;
  const dwds = Float64Array.from(Wn, (w) => sqrtG(w));
  const [gLo, gHi] = [dwds[0], dwds[N - 1]];
  return {
    domain,
    length: S[N - 1] - S[0],
    range: [S[0], S[N - 1]],
    conePoints: cones,
    sqrtG,
    s: (w) => (w < lo ? S[0] - (lo - w) / gLo : w > hi ? S[N - 1] + (w - hi) / gHi : sInside(w)),
    w: (s) => {
      if (s < S[0]) return lo - (S[0] - s) * gLo;
      if (s > S[N - 1]) return hi + (s - S[N - 1]) * gHi;
      const i = Math.min(interval(S, s), N - 2);
      return hermite(S[i], S[i + 1], Wn[i], Wn[i + 1], dwds[i], dwds[i + 1], s);
    },
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
 * in s (monotone: no new extrema at shocks). Infinite at a cone point (G = 0)
 * unless u_s vanishes there: report u_s, the well-defined slope, instead.
 */
export function slopeFromArcLength(map: ArcLengthMap, s: Float64Array, ps: Float64Array, w: Float64Array): Float64Array {
  return Float64Array.from(w, (wi) => interpolateLinear(s, ps, map.s(wi)) / map.sqrtG(wi));
}

/** A scalar (u, Lbar) is the same function in either coordinate: u(w) = u_s(s(w)). */
export function scalarFromArcLength(map: ArcLengthMap, s: Float64Array, us: Float64Array, w: Float64Array): Float64Array {
  return Float64Array.from(w, (wi) => interpolateLinear(s, us, map.s(wi)));
}
