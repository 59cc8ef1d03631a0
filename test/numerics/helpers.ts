// Shared references for the numerics tests: exact smooth solutions by
// characteristics, cell averages, error norms and least-squares orders.

/** L1 norm of a - b on a grid of spacing dx. */
export const l1 = (a: ArrayLike<number>, b: ArrayLike<number>, dx: number): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]) * dx;
  return s;
};

/** Max |a - b| over the indices where keep(i) holds. */
export const maxError = (a: ArrayLike<number>, b: ArrayLike<number>, keep: (i: number) => boolean = () => true): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (keep(i)) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/**
 * Smooth solution of p_t + c(p) p_x = 0 before breaking: p(x,t) = p0(y) with
 * x = y + t c(p0(y)), solved for the foot y by bisection (y -> y + t c(p0(y))
 * is increasing before breaking; |c| <= speedBound brackets the foot).
 */
export function characteristicSolution(p0: (y: number) => number, x: number, t: number, speedBound: number, c: (p: number) => number = (p) => p): number {
  let lo = x - t * speedBound - 1e-12, hi = x + t * speedBound + 1e-12;
  for (let k = 0; k < 200 && hi - lo > 1e-15 * (1 + Math.abs(x)); k++) {
    const mid = 0.5 * (lo + hi);
    if (mid + t * c(p0(mid)) < x) lo = mid; else hi = mid;
  }
  return p0(0.5 * (lo + hi));
}

const GAUSS5: readonly (readonly [number, number])[] = [
  [-0.906179845938664, 0.2369268850561891], [-0.5384693101056831, 0.4786286704993665], [0, 0.5688888888888889],
  [0.5384693101056831, 0.4786286704993665], [0.906179845938664, 0.2369268850561891],
];

/** Cell average of f over [c - dx/2, c + dx/2] by 5-point Gauss-Legendre (exact to degree 9). */
export const cellAverage = (f: (x: number) => number, c: number, dx: number): number =>
  GAUSS5.reduce((s, [z, w]) => s + (w * f(c + (z * dx) / 2)) / 2, 0);

/** Least-squares slope of log(error) against log(1/h): the observed order. */
export function fittedOrder(ns: readonly number[], errors: readonly number[]): number {
  const X = ns.map(Math.log), Y = errors.map((e) => -Math.log(e));
  const mx = X.reduce((a, b) => a + b) / X.length, my = Y.reduce((a, b) => a + b) / Y.length;
  let sxy = 0, sxx = 0;
  X.forEach((x, i) => { sxy += (x - mx) * (Y[i] - my); sxx += (x - mx) ** 2; });
  return sxy / sxx;
}
