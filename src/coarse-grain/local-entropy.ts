// Local entropy by quadrature (docs/theory.md §1), normalised so that u(x, 0) = Lbar(x):
//   u(x,t) = -2 nu log[ (4 pi nu t)^(-1/2) Int exp(-(Lbar(y) + (x-y)^2/(2t)) / (2 nu)) dy ],
//   E[y] under the same weights gives grad u = (x - E[y]) / t.
// The integral is evaluated with log-sum-exp (the numerically safe form: the
// exponent reaches -1e3 and beyond at small nu).

export interface LocalEntropyValue { readonly u: number; readonly meanY: number }

export function localEntropy(lbar: (y: number) => number, nu: number, x: number, t: number, domain: readonly [number, number], points = 4001): LocalEntropyValue {
  const exponent = (y: number): number => -(lbar(y) + ((x - y) * (x - y)) / (2 * t)) / (2 * nu);
  const { lo, hi } = weightWindow(exponent, domain, Math.sqrt(2 * nu * t));
  const h = (hi - lo) / (points - 1);
  const a = new Float64Array(points);
  let max = -Infinity;
  for (let i = 0; i < points; i++) {
    a[i] = exponent(lo + i * h);
    if (a[i] > max) max = a[i];
  }
  let s = 0, sy = 0;
  for (let i = 0; i < points; i++) {
    const w = Math.exp(a[i] - max) * (i === 0 || i === points - 1 ? 0.5 : 1);
    s += w; sy += w * (lo + i * h);
  }
  const logIntegral = max + Math.log(s * h);
  return { u: -2 * nu * (logIntegral - 0.5 * Math.log(4 * Math.PI * nu * t)), meanY: sy / s };
}

/** Cells of the coarse scan whose exponent is within this of the largest carry all but e^-50 of the weight. */
const WEIGHT_RANGE = 50;

/**
 * Where the integrand's weight lives. It concentrates around the Hopf-Lax minimiser y*, which
 * lies t |Lbar'(y*)| away from x: at small nu that is many kernel widths sigma = sqrt(2 nu t),
 * so a window centred on x would cut the mass off. A coarse scan of the whole line (the domain
 * and one unit beyond) finds the cells within WEIGHT_RANGE of the largest exponent, widened by a
 * cell and by 12 sigma on each side for the tails.
 */
function weightWindow(exponent: (y: number) => number, domain: readonly [number, number], sigma: number, cells = 2000): { lo: number; hi: number } {
  const L0 = domain[0] - 1, L1 = domain[1] + 1, dy = (L1 - L0) / cells;
  const a = Float64Array.from({ length: cells + 1 }, (_, i) => exponent(L0 + i * dy));
  const max = a.reduce((m, v) => Math.max(m, v), -Infinity);
  let first = cells, last = 0;
  a.forEach((v, i) => { if (v > max - WEIGHT_RANGE) { first = Math.min(first, i); last = Math.max(last, i); } });
  return { lo: Math.max(L0, L0 + (first - 1) * dy - 12 * sigma), hi: Math.min(L1, L0 + (last + 1) * dy + 12 * sigma) };
}
