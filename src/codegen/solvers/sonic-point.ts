// The sonic point of a generated solver's flux: p_s with f'(p_s) = 0, the
// minimum of a convex f (the Godunov flux's entropy fix, stencil.ts). It is
// computed here, at generation time, from f' compiled off the derived IR and
// printed into the kernel as a number, so an exported solver needs nothing but
// its own file. The hand-written reference solvers find theirs independently
// (src/numerics/conservation-law.ts); the tests compare the two.

/**
 * The root of a non-decreasing f' by bracketing (f' < 0 < f') and bisection.
 * When f' takes no negative (positive) value on [-1e8, 1e8], f is
 * non-decreasing (non-increasing): its infimum is at -Infinity (+Infinity) and
 * the Godunov flux reduces to the upwind value.
 */
export function sonicPoint(df: (p: number) => number): number {
  if (df(0) === 0) return 0;
  let lo = -1, hi = 1;
  while (!(df(lo) < 0) && lo > -1e8) lo *= 2;
  while (!(df(hi) > 0) && hi < 1e8) hi *= 2;
  if (!(df(lo) < 0)) return -Infinity;
  if (!(df(hi) > 0)) return Infinity;
  // halve until the bracket is one part in 1e15 (200 halvings bound the loop)
  for (let k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
    const mid = 0.5 * (lo + hi);
    if (df(mid) < 0) lo = mid; else hi = mid;
  }
  const ps = 0.5 * (lo + hi);
  return Math.abs(ps) < 1e-14 ? 0 : ps;
}
