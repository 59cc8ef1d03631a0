// First crossing of inviscid characteristics x = y + t dLbar/ds(y) (DESIGN §1):
// t* = 1/rho with rho = max(-d^2 Lbar/ds^2) over the region, at
// x* = y* + t* dLbar/ds(y*). On a 1-D quotient with metric G (inverse metric),
// s is arc length (ds = dw / sqrt(G)) and
//   d^2 Lbar/ds^2 = sqrt(G) d/dw (sqrt(G) Lbar') = G Lbar'' + G' Lbar' / 2
// (the 1-D Laplace-Beltrami Hessian); with G = 1 this is Lbar''.

export interface CurvatureProfile {
  /** -d^2 Lbar/ds^2 as a function of the quotient coordinate w. */
  readonly negCurvature: (w: number) => number;
  /** dLbar/ds = sqrt(G) Lbar'(w). */
  readonly slope: (w: number) => number;
}

export interface Breaking {
  readonly rho: number;
  /** Arg-max y* (in w). */
  readonly yStar: number;
  readonly time: number | null;
}

/** Maximise -Lbar_ss over [lo, hi]: dense grid, then golden-section refinement around the best cell. */
export function breakingTime(profile: CurvatureProfile, domain: readonly [number, number], samples = 1201): Breaking {
  const [lo, hi] = domain;
  const h = (hi - lo) / (samples - 1);
  let best = -Infinity, bestI = 0;
  for (let i = 0; i < samples; i++) {
    const v = profile.negCurvature(lo + i * h);
    if (Number.isFinite(v) && v > best) { best = v; bestI = i; }
  }
  let a = Math.max(lo, lo + (bestI - 1) * h), b = Math.min(hi, lo + (bestI + 1) * h);
  const phi = (Math.sqrt(5) - 1) / 2;
  const f = (w: number): number => { const v = profile.negCurvature(w); return Number.isFinite(v) ? v : -Infinity; };
  for (let k = 0; k < 80 && b - a > 1e-13; k++) {
    const c = b - phi * (b - a), d = a + phi * (b - a);
    if (f(c) >= f(d)) b = d; else a = c;
  }
  const yRefined = (a + b) / 2;
  const yStar = f(yRefined) >= best ? yRefined : lo + bestI * h;
  const rho = Math.max(best, f(yStar));
  return { rho, yStar, time: rho > 0 ? 1 / rho : null };
}
