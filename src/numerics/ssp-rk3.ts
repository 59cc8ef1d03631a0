// Third-order strong-stability-preserving Runge-Kutta (Shu-Osher 1988):
//   u1 = u + dt L(u)
//   u2 = 3/4 u + 1/4 (u1 + dt L(u1))
//   u^{n+1} = 1/3 u + 2/3 (u2 + dt L(u2))
// A convex combination of forward-Euler steps: any property (TVD, positivity)
// of Euler under a CFL limit holds for RK3 under the same limit.

/** The semi-discrete right-hand side: writes L(u) into `rhs`. */
export type SemiDiscrete = (u: Float64Array, rhs: Float64Array) => void;

export interface RkScratch { readonly k: Float64Array; readonly u1: Float64Array; readonly u2: Float64Array }

export const rkScratch = (n: number): RkScratch => ({ k: new Float64Array(n), u1: new Float64Array(n), u2: new Float64Array(n) });

/** One SSP-RK3 step from `u` into `out` (may not alias `u`). */
export function sspRk3Step(L: SemiDiscrete, u: Float64Array, out: Float64Array, dt: number, s: RkScratch): void {
  const n = u.length, { k, u1, u2 } = s;
  L(u, k);
  for (let i = 0; i < n; i++) u1[i] = u[i] + dt * k[i];
  L(u1, k);
  for (let i = 0; i < n; i++) u2[i] = 0.75 * u[i] + 0.25 * (u1[i] + dt * k[i]);
  L(u2, k);
  for (let i = 0; i < n; i++) out[i] = u[i] / 3 + (2 / 3) * (u2[i] + dt * k[i]);
}
