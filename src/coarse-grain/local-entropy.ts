// Local entropy by quadrature (docs/theory.md §1), normalised so that u(x, 0) = Lbar(x):
//   u(x,t) = -2 nu log[ (4 pi nu t)^(-1/2) Int exp(-(Lbar(y) + (x-y)^2/(2t)) / (2 nu)) dy ],
//   E[y] under the same weights gives grad u = (x - E[y]) / t.
// The integral is evaluated with log-sum-exp (the numerically safe form: the
// exponent reaches -1e3 and beyond at small nu).
//
// Lbar is the expensive part (a network slice: one back-propagation pass over the data per
// call), the kernel is arithmetic. So Lbar is tabulated once per line on the coarse scan that
// locates the weight, and once per stencil (a point (x, t) and its finite-difference
// neighbours) on the quadrature nodes, which the stencil's points share.

export interface LocalEntropyValue {
  readonly u: number;
  readonly meanY: number;
  /** u by the trapezoid rule on every other node (step 2h): |u - uHalf| estimates the quadrature error of uHalf, a bound for that of u. */
  readonly uHalf: number;
}
export interface SpaceTime { readonly x: number; readonly t: number }

export function localEntropy(lbar: (y: number) => number, nu: number, x: number, t: number, domain: readonly [number, number], points = 4001): LocalEntropyValue {
  return localEntropyQuadrature(lbar, nu, domain, points)([{ x, t }])[0];
}

/**
 * The quadrature of one line: a function of a stencil of (x, t) points returning u and E[y] at
 * each. The nodes are `points` equispaced nodes over the union of the points' weight windows;
 * Lbar is evaluated there once for the whole stencil.
 */
export function localEntropyQuadrature(lbar: (y: number) => number, nu: number, domain: readonly [number, number], points = 4001): (stencil: readonly SpaceTime[]) => LocalEntropyValue[] {
  const scan = coarseScan(lbar, domain);
  return (stencil) => {
    let lo = Infinity, hi = -Infinity;
    for (const { x, t } of stencil) {
      const w = weightWindow(scan, x, t, nu);
      lo = Math.min(lo, w.lo); hi = Math.max(hi, w.hi);
    }
    const h = (hi - lo) / (points - 1);
    const ys = new Float64Array(points), ls = new Float64Array(points);
    for (let i = 0; i < points; i++) { ys[i] = lo + i * h; ls[i] = lbar(ys[i]); }
    const a = new Float64Array(points);
    return stencil.map(({ x, t }) => {
      let max = -Infinity;
      for (let i = 0; i < points; i++) {
        const d = x - ys[i];
        a[i] = -(ls[i] + (d * d) / (2 * t)) / (2 * nu);
        if (a[i] > max) max = a[i];
      }
      // Trapezoid on all nodes (s, sy) and on the even ones (sHalf, step 2h; points is odd, so both ends are even).
      let s = 0, sy = 0, sHalf = 0;
      for (let i = 0; i < points; i++) {
        const e = Math.exp(a[i] - max), end = i === 0 || i === points - 1 ? 0.5 : 1;
        s += e * end; sy += e * end * ys[i];
        if (i % 2 === 0) sHalf += e * end;
      }
      const normalisation = 0.5 * Math.log(4 * Math.PI * nu * t);
      const uOf = (sum: number, step: number): number => -2 * nu * (max + Math.log(sum * step) - normalisation);
      return { u: uOf(s, h), meanY: sy / s, uHalf: uOf(sHalf, 2 * h) };
    });
  };
}

/** Cells of the coarse scan whose exponent is within this of the largest carry all but e^-50 of the weight. */
const WEIGHT_RANGE = 50;

interface CoarseScan { readonly L0: number; readonly L1: number; readonly dy: number; readonly lbar: Float64Array }

/** Lbar on the coarse scan of the whole line (the domain and one unit beyond): independent of (x, t), so tabulated once. */
function coarseScan(lbar: (y: number) => number, domain: readonly [number, number], cells = 2000): CoarseScan {
  const L0 = domain[0] - 1, L1 = domain[1] + 1, dy = (L1 - L0) / cells;
  return { L0, L1, dy, lbar: Float64Array.from({ length: cells + 1 }, (_, i) => lbar(L0 + i * dy)) };
}

/**
 * Where the integrand's weight lives. It concentrates around the Hopf-Lax minimiser y*, which
 * lies t |Lbar'(y*)| away from x: at small nu that is many kernel widths sigma = sqrt(2 nu t),
 * so a window centred on x would cut the mass off. The coarse scan finds the cells within
 * WEIGHT_RANGE of the largest exponent, widened by a cell and by 12 sigma on each side for the tails.
 */
function weightWindow(scan: CoarseScan, x: number, t: number, nu: number): { lo: number; hi: number } {
  const { L0, L1, dy, lbar } = scan, cells = lbar.length - 1;
  const a = new Float64Array(cells + 1);
  let max = -Infinity;
  for (let i = 0; i <= cells; i++) {
    const d = x - (L0 + i * dy);
    a[i] = -(lbar[i] + (d * d) / (2 * t)) / (2 * nu);
    if (a[i] > max) max = a[i];
  }
  let first = cells, last = 0;
  for (let i = 0; i <= cells; i++) if (a[i] > max - WEIGHT_RANGE) { first = Math.min(first, i); last = Math.max(last, i); }
  const sigma = Math.sqrt(2 * nu * t);
  return { lo: Math.max(L0, L0 + (first - 1) * dy - 12 * sigma), hi: Math.min(L1, L0 + (last + 1) * dy + 12 * sigma) };
}
