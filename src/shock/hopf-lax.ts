// Inviscid entropy solution by the Hopf-Lax formula (DESIGN §1, zero-temperature
// limit): u(x,t) = min_y Lbar(y) + (x-y)^2/(2t), p = (x - y*(x))/t. A shock is
// where the minimiser y*(x) jumps; p_L, p_R are the one-sided values there.

export interface Jump { readonly location: number; readonly left: number; readonly right: number }

/** Largest jump of the Hopf-Lax minimiser over a grid of x (s-coordinates), or null if none. */
export function hopfLaxShock(ys: Float64Array, lbar: Float64Array, t: number, xs: Float64Array): Jump | null {
  const argmin = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    let best = Infinity, by = 0;
    const x = xs[i];
    for (let j = 0; j < ys.length; j++) {
      const d = x - ys[j];
      const v = lbar[j] + (d * d) / (2 * t);
      if (v < best) { best = v; by = ys[j]; }
    }
    argmin[i] = by;
  }
  const dy = ys[1] - ys[0];
  let bestJump = 0, at = -1;
  for (let i = 0; i + 1 < xs.length; i++) {
    const jump = argmin[i + 1] - argmin[i];
    // A jump of the minimiser spans many y-cells; smooth parts move by about dx * (1 + ...) cells.
    if (jump > bestJump && jump > 20 * dy) { bestJump = jump; at = i; }
  }
  if (at < 0) return null;
  const pL = (xs[at] - argmin[at]) / t, pR = (xs[at + 1] - argmin[at + 1]) / t;
  return { location: (xs[at] + xs[at + 1]) / 2, left: pL, right: pR };
}
