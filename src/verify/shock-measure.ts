// The measured breaking time and place, independent of the prediction
// (docs/theory.md §5). At each scale t_j the compression rate
//   c_j = max_i -(p_hat(x_{i+1}, t_j) - p_hat(x_i, t_j)) / dx
// is taken from per-chain differences (the chains at neighbouring probes share
// their random numbers, so the difference has its own, small, standard error).
// Along the steepest characteristic q = p_x obeys q_t + p q_x + q^2 = nu q_xx, so
// at the maximum of c = -q:  d(1/c)/dt = -1 + nu q_xx / c^2.
// Inviscid, 1/c falls with slope -1 and reaches 0 at t* = 1/rho; the viscous
// term bends the line late (it never reaches 0 at nu > 0), but vanishes as
// t -> 0. The measured breaking time is therefore the intercept of a weighted
// line 1/c = a + b t through the significant points of the first scales
// (t <= fitUntil): t_meas = a = 1/c(0+), its error from the fit covariance.
// Where the line does reach zero (-a/b) is reported as the viscous crossing.
// The argmax x_c(t_j) (parabolic sub-grid refinement) runs along the steepest
// characteristic; its linear fit in t evaluated at t_meas is the measured place.

/** A compression counts only if it exceeds this many of its standard errors. */
export const SIGNIFICANCE = 3;

export interface CompressionPoint {
  readonly t: number;
  readonly compression: number;
  readonly se: number;
  /** x of the maximum compression (between the probes, parabolic refinement). */
  readonly location: number;
  readonly inFit: boolean;
}

export interface MeasuredShock {
  readonly time: number | null;
  readonly timeError: number | null;
  readonly location: number | null;
  readonly locationError: number | null;
  readonly series: readonly CompressionPoint[];
  /** Fit of 1/c = a + b t over the points in the fit (null when there is no fit). */
  readonly fit: { readonly a: number; readonly b: number } | null;
  /** -a/b when b < 0: where the early line reaches zero (slope bent by viscosity). */
  readonly viscousCrossing: number | null;
  /** max_j (c_j - SIGNIFICANCE se_j): > 0 when some scale shows significant compression. */
  readonly maxLowerBound: number;
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const stdError = (v: readonly number[]): number => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1) / v.length);
};

/** Compression series from per-chain means ybar[k][j][i] (chain k, scale j, probe i). */
export function compressionSeries(xs: readonly number[], ts: readonly number[], ybar: readonly (readonly (readonly number[])[])[]): Omit<CompressionPoint, 'inFit'>[] {
  const dx = xs[1] - xs[0];
  return ts.map((t, j) => {
    const pairs = xs.slice(0, -1).map((_, i) => {
      // -(p_{i+1} - p_i)/dx with p = (x - ybar)/t, per chain
      const perChain = ybar.map((chain) => -((xs[i + 1] - chain[j][i + 1]) - (xs[i] - chain[j][i])) / (t * dx));
      return { c: mean(perChain), se: stdError(perChain) };
    });
    let best = 0;
    pairs.forEach((p, i) => { if (p.c > pairs[best].c) best = i; });
    const c0 = pairs[best].c, cm = pairs[best - 1]?.c, cp = pairs[best + 1]?.c;
    let offset = 0;
    if (cm !== undefined && cp !== undefined) {
      const den = cm - 2 * c0 + cp;
      offset = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (cm - cp)) / den)) : 0;
    }
    return { t, compression: c0, se: pairs[best].se, location: (xs[best] + xs[best + 1]) / 2 + offset * dx };
  });
}

/** Weighted least squares y = a + b x; covariance scaled by the reduced chi^2 when that exceeds 1. */
function linearFit(x: readonly number[], y: readonly number[], w: readonly number[]): { a: number; b: number; cov: [[number, number], [number, number]] } {
  let S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
  x.forEach((xi, i) => { S += w[i]; Sx += w[i] * xi; Sy += w[i] * y[i]; Sxx += w[i] * xi * xi; Sxy += w[i] * xi * y[i]; });
  const D = S * Sxx - Sx * Sx;
  const a = (Sxx * Sy - Sx * Sxy) / D, b = (S * Sxy - Sx * Sy) / D;
  const chi2 = x.reduce((acc, xi, i) => acc + w[i] * (y[i] - a - b * xi) ** 2, 0);
  const scale = x.length > 2 ? Math.max(1, chi2 / (x.length - 2)) : 1;
  return { a, b, cov: [[(scale * Sxx) / D, (-scale * Sx) / D], [(-scale * Sx) / D, (scale * S) / D]] };
}

export function measureShock(xs: readonly number[], series: readonly Omit<CompressionPoint, 'inFit'>[], fitUntil: number): MeasuredShock {
  const dx = xs[1] - xs[0];
  const significant = (p: Omit<CompressionPoint, 'inFit'>): boolean => p.compression > 0 && p.compression > SIGNIFICANCE * p.se;
  const maxLowerBound = Math.max(...series.map((p) => p.compression - SIGNIFICANCE * p.se));
  const fitPoints = series.filter((p) => p.t <= fitUntil * (1 + 1e-12) && significant(p));
  const out = series.map((p) => ({ ...p, inFit: fitPoints.includes(p) }));
  const none = { time: null, timeError: null, location: null, locationError: null, series: out, fit: null, viscousCrossing: null, maxLowerBound };
  if (fitPoints.length < 3) return none;
  const r = fitPoints.map((p) => 1 / p.compression), rse = fitPoints.map((p) => Math.max(p.se / p.compression ** 2, 1e-12));
  const fit = linearFit(fitPoints.map((p) => p.t), r, rse.map((s) => 1 / (s * s)));
  const viscousCrossing = fit.b < 0 ? -fit.a / fit.b : null;
  if (!(fit.a > 0)) return { ...none, fit: { a: fit.a, b: fit.b }, viscousCrossing };
  const time = fit.a, timeError = Math.sqrt(fit.cov[0][0]);
  const loc = linearFit(fitPoints.map((p) => p.t), fitPoints.map((p) => p.location), fitPoints.map(() => 1));
  const locVar = loc.cov[0][0] + 2 * time * loc.cov[0][1] + time * time * loc.cov[1][1];
  // residual scatter of the argmax fit plus the resolution of the probe grid (uniform within dx)
  const resid = fitPoints.reduce((acc, p) => acc + (p.location - loc.a - loc.b * p.t) ** 2, 0) / Math.max(1, fitPoints.length - 2);
  const locationError = Math.sqrt((locVar * resid) / Math.max(1, resid) + (dx * dx) / 12);
  return { time, timeError, location: loc.a + loc.b * time, locationError, series: out, fit: { a: fit.a, b: fit.b }, viscousCrossing, maxLowerBound };
}
