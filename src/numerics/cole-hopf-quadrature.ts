// The exact viscous solution by Cole-Hopf quadrature (docs/theory.md §1, §6). For
// u_t + u_x^2/2 = nu u_xx with u(x, 0) = Lbar(x), i.e. Burgers p = u_x with
// p(x, 0) = Lbar'(x):
//   u(x,t) = -2 nu log[ (4 pi nu t)^(-1/2) Int exp(-(Lbar(y) + (x-y)^2/(2t)) / (2 nu)) dy ],
//   p(x,t) = (x - E[y]) / t,   y ~ exp(-(Lbar(y) + (x-y)^2/(2t)) / (2 nu)).
// The integral is a trapezoid sum on a fine uniform y-grid (spectrally accurate
// for an integrand that has decayed at the window's ends). The exponents reach
// -1e3 and below at small nu, so the sum is taken by the named numerically safe
// step `weightedLogSumExp` (shift by the largest exponent before exp).

export interface ColeHopfProblem {
  readonly lbar: (y: number) => number;
  readonly nu: number;
  readonly t: number;
  readonly x: Float64Array;
  /**
   * Integration window in y: must hold the mass of the integrand for every x
   * (a growing Lbar: the domain plus a margin; periodic Lbar: enough periods).
   */
  readonly window: readonly [number, number];
  /** Quadrature points; default max(4001, 20 (b - a)/sqrt(2 nu t)) so the heat kernel is resolved. */
  readonly points?: number;
}

/**
 * The quadrature cannot resolve the heat kernel: its spacing h exceeds the kernel
 * width sqrt(2 nu t) (t too small for the window; the point count is capped at 400001).
 * The trapezoid sum would then return garbage (u = 5e289 at t = 1e-300), so it refuses.
 */
export class ColeHopfUnresolved extends RangeError {}

export interface ColeHopfValue { readonly u: Float64Array; readonly p: Float64Array; readonly meanY: Float64Array }

/**
 * Numerically safe log Sum_i w_i exp(a_i) and the weighted mean of `y` under
 * the same weights: with m = max a_i, log Sum = m + log Sum_i w_i exp(a_i - m),
 * every exp argument <= 0 (no overflow; the largest term is exactly 1).
 * Non-finite exponents (Lbar undefined there) carry zero weight.
 */
export function weightedLogSumExp(a: Float64Array, w: Float64Array, y: Float64Array): { logSum: number; mean: number } {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  if (m === -Infinity) return { logSum: -Infinity, mean: NaN };
  let s = 0, sy = 0;
  for (let i = 0; i < a.length; i++) {
    if (!(a[i] > -Infinity)) continue;
    const e = w[i] * Math.exp(a[i] - m);
    s += e;
    sy += e * y[i];
  }
  return { logSum: m + Math.log(s), mean: sy / s };
}

export function coleHopfQuadrature(pr: ColeHopfProblem): ColeHopfValue {
  const { nu, t, x } = pr, [a, b] = pr.window;
  if (!(nu > 0) || !(t > 0)) throw new RangeError(`coleHopfQuadrature: need nu > 0 and t > 0 (got nu = ${nu}, t = ${t})`);
  const sigma = Math.sqrt(2 * nu * t);
  const m = pr.points ?? Math.min(400_001, Math.max(4001, Math.ceil((20 * (b - a)) / sigma) + 1));
  const h = (b - a) / (m - 1);
  // Trapezoid error for a Gaussian of width sigma ~ 2 exp(-2 pi^2 sigma^2/h^2): 5e-9 at h = sigma.
  if (!(h <= sigma)) {
    throw new ColeHopfUnresolved(`the Cole-Hopf quadrature needs sqrt(2 nu t) >= its spacing ${h.toExponential(2)}, i.e. t >= ${((h * h) / (2 * nu)).toExponential(2)} (got t = ${t}, nu = ${nu})`);
  }
  const y = new Float64Array(m), L = new Float64Array(m), w = new Float64Array(m).fill(h), e = new Float64Array(m);
  w[0] = w[m - 1] = h / 2;
  for (let j = 0; j < m; j++) { y[j] = a + j * h; L[j] = pr.lbar(y[j]); }
  const u = new Float64Array(x.length), p = new Float64Array(x.length), meanY = new Float64Array(x.length);
  const logHeatNorm = 0.5 * Math.log(4 * Math.PI * nu * t);
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < m; j++) { const d = x[i] - y[j]; e[j] = Number.isFinite(L[j]) ? -(L[j] + (d * d) / (2 * t)) / (2 * nu) : -Infinity; }
    const { logSum, mean } = weightedLogSumExp(e, w, y);
    u[i] = -2 * nu * (logSum - logHeatNorm);
    meanY[i] = mean;
    p[i] = (x[i] - mean) / t; // docs/theory.md §1: grad u = (x - E[y]) / t
  }
  return { u, p, meanY };
}

/** Positional form for callers of the first version: window = domain widened by half its length on each side. */
export function coleHopfSolution(lbar: (y: number) => number, nu: number, x: Float64Array, t: number, domain: readonly [number, number], points?: number): { u: Float64Array; p: Float64Array } {
  const half = (domain[1] - domain[0]) / 2;
  return coleHopfQuadrature({ lbar, nu, t, x, window: [domain[0] - half, domain[1] + half], points });
}
