// Inviscid characteristics of p_t + p p_x = 0 with p(x, 0) = Lbar'(x)
// (docs/theory.md §1): straight lines x = y + t Lbar'(y) carrying p = Lbar'(y).
// Neighbouring lines y, y + dy meet when 1 + t Lbar''(y) = 0, so the first
// crossing is
//   t* = 1 / rho,  rho = max over the domain of -Lbar''(y),  x* = y* + t* Lbar'(y*),
// and none when rho <= 0 (convex Lbar: no shock ever). Two independent
// numerical routes: `firstCrossing` maximises samples of -Lbar'' (refined by
// a parabola through the best three samples); `traceCharacteristics` follows
// the lines from samples of Lbar' alone and reports the first pair that meets.

export interface Crossing {
  /** rho = max(-Lbar''); t* = 1/rho. */
  readonly rho: number;
  /** t*, or null when characteristics never cross (rho <= 0). */
  readonly time: number | null;
  /** x* = y* + t* Lbar'(y*) (null with time). */
  readonly location: number | null;
  /** The foot y* of the first crossing. */
  readonly foot: number;
}

export interface CharacteristicData {
  /** Lbar'(y) = p(y, 0). */
  readonly slope: (y: number) => number;
  readonly domain: readonly [number, number];
  /** Uniform samples on the domain (ends included); default 4001. */
  readonly samples?: number;
}

const samplePoints = (domain: readonly [number, number], m: number): Float64Array =>
  Float64Array.from({ length: m }, (_, i) => domain[0] + ((domain[1] - domain[0]) * i) / (m - 1));

function crossing(rho: number, foot: number, slope: (y: number) => number): Crossing {
  if (!(rho > 0)) return { rho, time: null, location: null, foot };
  const time = 1 / rho;
  return { rho, time, location: foot + time * slope(foot), foot };
}

/** docs/theory.md §1: t* = 1/max(-Lbar''), from samples of Lbar'' with parabolic refinement of the maximum. */
export function firstCrossing(d: CharacteristicData & { readonly curvature: (y: number) => number }): Crossing {
  const y = samplePoints(d.domain, d.samples ?? 4001), h = y[1] - y[0];
  const v = Float64Array.from(y, (yi) => -d.curvature(yi));
  let k = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[k]) k = i;
  let foot = y[k], rho = v[k];
  if (k > 0 && k < v.length - 1) {
    // vertex of the parabola through (y[k-1..k+1], v[k-1..k+1])
    const c = v[k - 1] - 2 * v[k] + v[k + 1];
    if (c < 0) {
      const s = (0.5 * (v[k - 1] - v[k + 1])) / c;
      foot = y[k] + s * h;
      rho = v[k] - 0.25 * (v[k - 1] - v[k + 1]) * s;
    }
  }
  return crossing(rho, foot, d.slope);
}

/**
 * The direct tracer: lines from neighbouring feet y_i < y_{i+1} with speeds
 * s_i > s_{i+1} meet at t = (y_{i+1} - y_i)/(s_i - s_{i+1}); the earliest such
 * meeting is the first crossing (t* to O(h^2), since the chord slope of Lbar'
 * is Lbar'' at the midpoint to O(h^2)). Uses Lbar' only.
 */
export function traceCharacteristics(d: CharacteristicData): Crossing {
  const y = samplePoints(d.domain, d.samples ?? 4001), s = Float64Array.from(y, d.slope);
  let best = Infinity, at = -1;
  for (let i = 0; i + 1 < y.length; i++) {
    if (!(s[i] > s[i + 1])) continue;
    const t = (y[i + 1] - y[i]) / (s[i] - s[i + 1]);
    if (t < best) { best = t; at = i; }
  }
  if (at < 0) return { rho: 0, time: null, location: null, foot: NaN };
  return { rho: 1 / best, time: best, location: y[at] + best * s[at], foot: 0.5 * (y[at] + y[at + 1]) };
}

/** Positions x_i(t) = y_i + t Lbar'(y_i) of characteristics from `feet` (for plots and checks). */
export function characteristicPositions(slope: (y: number) => number, feet: Float64Array, t: number): Float64Array {
  return Float64Array.from(feet, (y) => y + t * slope(y));
}
