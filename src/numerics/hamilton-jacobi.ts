// Monotone schemes for the viscous Hamilton-Jacobi equation
//   u_t + H(u_x) = nu u_xx,   H convex (docs/theory.md §1: H(p) = p^2/2, u(x,0) = Lbar(x)),
// on node values u_i with one-sided slopes p-_i = (u_i - u_{i-1})/dx, p+_i = (u_{i+1} - u_i)/dx:
//   u_i^{n+1} = u_i - dt Hhat(p-_i, p+_i) + (nu dt/dx^2)(u_{i+1} - 2 u_i + u_{i-1}).
// Numerical Hamiltonians (Crandall-Lions 1984; Osher-Shu 1991):
//   'lax-friedrichs': Hhat = H((p- + p+)/2) - (a/2)(p+ - p-), local a = max(|H'(p-)|, |H'(p+)|)
//                     (= max|H'| between the slopes for convex H, which keeps it monotone);
//   'godunov':        Hhat = min of H on [p-, p+] if p- <= p+, max on [p+, p-] otherwise
//                     (the Godunov flux of the conservation law p_t + H(p)_x = 0;
//                     its transonic case H(p_s) is the entropy fix).
// Both are monotone under dt (a/dx + 2 nu/dx^2) <= 1 and converge (first order)
// to the viscosity solution. Boundaries act on p = u_x: 'outflow' extrapolates
// u linearly (zero-gradient p), 'periodic' wraps (u itself periodic).
import { match } from 'ts-pattern';
import type { ConvexFlux } from './conservation-law.js';
import type { Boundary, Grid } from './grid.js';
import { godunovFlux } from './riemann-burgers.js';

export type HamiltonianScheme = 'lax-friedrichs' | 'godunov';

export interface HJProblem {
  readonly grid: Grid;
  readonly u0: Float64Array;
  readonly time: number;
  readonly nu: number;
  /** H with H' and its minimiser (the same object as the conservation law's flux). */
  readonly hamiltonian: ConvexFlux;
  readonly bc: Boundary;
  readonly scheme?: HamiltonianScheme;
  /** Default 0.9 in dt (a/dx + 2 nu/dx^2) = cfl. */
  readonly cfl?: number;
  readonly onProgress?: (t: number, steps: number) => void;
}

/** Ghosts for u: linear extrapolation (outflow) or wrap (periodic). `w` has length n + 2. */
function fillHJGhosts(w: Float64Array, n: number, bc: Boundary): void {
  if (bc === 'periodic') { w[0] = w[n]; w[n + 1] = w[1]; }
  else { w[0] = 2 * w[1] - w[2]; w[n + 1] = 2 * w[n] - w[n - 1]; }
}

export function solveHJ1D(pr: HJProblem): { u: Float64Array; steps: number; time: number } {
  const { grid, nu, hamiltonian: H } = pr, n = grid.n, dx = grid.dx, cfl = pr.cfl ?? 0.9;
  if (pr.u0.length !== n) throw new RangeError(`solveHJ1D: u0 has ${pr.u0.length} values for ${n} nodes`);
  const hhat = match(pr.scheme ?? 'lax-friedrichs')
    .with('lax-friedrichs', () => (pm: number, pp: number) => H.flux(0.5 * (pm + pp)) - 0.5 * Math.max(Math.abs(H.dflux(pm)), Math.abs(H.dflux(pp))) * (pp - pm))
    .with('godunov', () => (pm: number, pp: number) => godunovFlux(H, pm, pp))
    .exhaustive();
  const w = new Float64Array(n + 2), u = pr.u0.slice();
  let t = 0, steps = 0;
  while (t < pr.time - 1e-14 * Math.max(1, pr.time)) {
    w.set(u, 1);
    fillHJGhosts(w, n, pr.bc);
    let a = 1e-12;
    for (let i = 0; i <= n; i++) a = Math.max(a, Math.abs(H.dflux((w[i + 1] - w[i]) / dx)));
    const dt = Math.min(pr.time - t, cfl / (a / dx + (2 * nu) / (dx * dx)));
    const d = (nu * dt) / (dx * dx);
    for (let i = 0; i < n; i++) {
      const pm = (w[i + 1] - w[i]) / dx, pp = (w[i + 2] - w[i + 1]) / dx;
      u[i] = w[i + 1] - dt * hhat(pm, pp) + d * (w[i + 2] - 2 * w[i + 1] + w[i]);
    }
    t += dt;
    steps++;
    if (pr.onProgress && steps % 500 === 0) pr.onProgress(t, steps);
  }
  pr.onProgress?.(t, steps);
  return { u, steps, time: t };
}

/** Positional form kept for callers of the first version: the Lax-Friedrichs scheme, u only. */
export function solveHamiltonJacobi1D(grid: Grid, u0: Float64Array, time: number, nu: number, H: ConvexFlux, bc: Boundary): Float64Array {
  return solveHJ1D({ grid, u0, time, nu, hamiltonian: H, bc, scheme: 'lax-friedrichs' }).u;
}
