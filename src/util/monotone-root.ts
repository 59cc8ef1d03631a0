// The root of a non-decreasing function by bracketing and bisection: the
// minimiser of a convex flux f (its sonic point, f'(p_s) = 0). One finder for
// the reference solvers (src/numerics/conservation-law.ts) and the code
// generator, which prints the number into the kernel so an exported solver
// needs nothing but its own file (src/codegen/solvers/stencil.ts).

/**
 * The root of a non-decreasing g by bracketing (g < 0 < g) and bisection.
 * When g takes no negative (positive) value on [-1e8, 1e8], the f with f' = g
 * is non-decreasing (non-increasing): its infimum is at -Infinity (+Infinity)
 * and the Godunov flux reduces to the upwind value.
 */
export function rootOfNonDecreasing(g: (p: number) => number): number {
  if (g(0) === 0) return 0;
  let lo = -1, hi = 1;
  while (!(g(lo) < 0) && lo > -1e8) lo *= 2;
  while (!(g(hi) > 0) && hi < 1e8) hi *= 2;
  if (!(g(lo) < 0)) return -Infinity;
  if (!(g(hi) > 0)) return Infinity;
  // halve until the bracket is one part in 1e15 (200 halvings bound the loop)
  for (let k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) < 0) lo = mid; else hi = mid;
  }
  const root = 0.5 * (lo + hi);
  return Math.abs(root) < 1e-14 ? 0 : root;
}
