// Monotone Lax-Friedrichs scheme for u_t + H(u_x) = nu u_xx, H(p) = f(p)
// (Crandall-Lions): H_LF(p-, p+) = H((p- + p+)/2) - (a/2)(p+ - p-), a >= max|H'|.
// Converges to the viscosity solution; first order.
import type { ConvexFlux } from './conservation-law.js';
import { fillGhosts, type Boundary, type Grid } from './grid.js';

export function solveHamiltonJacobi1D(grid: Grid, u0: Float64Array, time: number, nu: number, H: ConvexFlux, bc: Boundary): Float64Array {
  const n = grid.n, dx = grid.dx;
  let u = u0.slice();
  const w = new Float64Array(n + 2), next = new Float64Array(n);
  let t = 0;
  while (t < time - 1e-14) {
    w.set(u, 1);
    fillGhosts(w, n, 1, bc);
    if (bc === 'outflow') { w[0] = 2 * w[1] - w[2]; w[n + 1] = 2 * w[n] - w[n - 1]; } // linear extrapolation keeps u_x at the boundary
    let a = 1e-12;
    for (let i = 0; i + 1 < n + 2; i++) a = Math.max(a, Math.abs(H.df((w[i + 1] - w[i]) / dx)));
    const dt = Math.min(time - t, 0.45 * dx / a, nu > 0 ? (0.45 * dx * dx) / (nu + a * dx / 2) : Infinity);
    for (let i = 0; i < n; i++) {
      const pm = (w[i + 1] - w[i]) / dx, pp = (w[i + 2] - w[i + 1]) / dx;
      const hlf = H.f(0.5 * (pm + pp)) - 0.5 * a * (pp - pm);
      next[i] = w[i + 1] - dt * hlf + (nu * dt * (w[i + 2] - 2 * w[i + 1] + w[i])) / (dx * dx);
    }
    [u] = [next.slice()];
    t += dt;
  }
  return u;
}
