// Inviscid entropy solution by the Hopf-Lax formula (docs/theory.md §1, zero-temperature
// limit): u(x,t) = min_y Lbar(y) + (x-y)^2/(2t), p = (x - y*(x))/t. A shock is
// where the minimiser y*(x) jumps; p_L, p_R are the one-sided values there.

export interface Jump { readonly location: number; readonly left: number; readonly right: number }

/** min_y Lbar(y) + (x - y)^2/(2t) over the samples (ys, lbar): the value u(x, t) and the minimiser y*(x). */
export function hopfLax(ys: Float64Array, lbar: Float64Array, t: number, x: number): { value: number; argmin: number } {
  let value = Infinity, argmin = 0;
  for (let j = 0; j < ys.length; j++) {
    const d = x - ys[j];
    const v = lbar[j] + (d * d) / (2 * t);
    if (v < value) { value = v; argmin = ys[j]; }
  }
  return { value, argmin };
}

/** Largest jump of the Hopf-Lax minimiser over a grid of x (s-coordinates), or null if none. */
export function hopfLaxShock(ys: Float64Array, lbar: Float64Array, t: number, xs: Float64Array): Jump | null {
  const argmin = Float64Array.from(xs, (x) => hopfLax(ys, lbar, t, x).argmin);
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
