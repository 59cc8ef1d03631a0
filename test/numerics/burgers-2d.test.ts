// 2-D scalar Burgers p_t + (p^2/2)_x + (p^2/2)_y = nu Lap p. Data p0 = q0(x + y)
// stay of that form, q(xi, t) solving q_t + (q^2)_xi = 2 nu q_xixi: a 1-D law
// with another flux, here the reference (exact characteristics with speed 2q,
// or the 1-D solver with the derived flux q^2).
import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/ir/parse.js';
import { burgersFlux, convexFluxFromExpr, riemannSolution, solveBurgers1D, solveBurgers2D, uniformGrid } from '../../src/numerics/index.js';
import { characteristicSolution, fittedOrder } from './helpers.js';

describe('2-D Burgers by dimension-split Godunov', () => {
  it('diagonal smooth data converge to the exact solution at first order (periodic, nu = 0)', () => {
    const q0 = (xi: number) => 0.5 + 0.25 * Math.sin(Math.PI * xi), T = 0.2; // t* = 1/(2 * pi/4) = 0.64
    const ns = [32, 64, 128];
    const errors = ns.map((n) => {
      const g = uniformGrid(-1, 1, n);
      const p0 = new Float64Array(n * n);
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) p0[j * n + i] = q0(g.x[i] + g.x[j]);
      const { p } = solveBurgers2D({ x: g, y: g, p0, time: T, nu: 0, flux: burgersFlux, bc: 'periodic' });
      let e = 0;
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) e += Math.abs(p[j * n + i] - characteristicSolution(q0, g.x[i] + g.x[j], T, 2, (q) => 2 * q)) * g.dx * g.dx;
      return e;
    });
    const q = fittedOrder(ns, errors);
    expect(q).toBeGreaterThan(0.7);
    expect(q).toBeLessThan(1.3);
  });

  it('a diagonal viscous shock moves like the 1-D law with flux q^2 and viscosity 2 nu', () => {
    const n = 100, g = uniformGrid(-1, 1, n), nu = 0.01, T = 0.4;
    const p0 = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) p0[j * n + i] = g.x[i] + g.x[j] < 0 ? 1 : 0;
    const { p } = solveBurgers2D({ x: g, y: g, p0, time: T, nu, flux: burgersFlux, bc: 'outflow' });
    // the 1-D reference along xi = x + y, with the flux derived from the expression q^2
    const line = uniformGrid(-2, 2, 800), q2 = convexFluxFromExpr(parseExpr('q^2'), 'q');
    const { p: q } = solveBurgers1D({ grid: line, p0: Float64Array.from(line.x, (xi) => (xi < 0 ? 1 : 0)), time: T, nu: 2 * nu, flux: q2, bc: 'outflow', scheme: 'weno5' });
    const qAt = (xi: number) => { const k = Math.min(line.n - 2, Math.max(0, Math.floor((xi - line.lo) / line.dx - 0.5))), t = (xi - line.x[k]) / line.dx; return (1 - t) * q[k] + t * q[k + 1]; };
    let e = 0, eRiemann = 0;
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
      const xi = g.x[i] + g.x[j];
      if (Math.abs(xi) > 1.5) continue; // away from the outflow corners
      e = Math.max(e, Math.abs(p[j * n + i] - qAt(xi)));
      eRiemann += Math.abs(p[j * n + i] - riemannSolution(q2, 1, 0, xi / T)) * g.dx * g.dx;
    }
    expect(e).toBeLessThan(0.15); // first-order smearing of a front 4 nu/[p] = 0.04 wide on dx = 0.02
    expect(eRiemann).toBeLessThan(0.1); // measured 0.065 (viscous width included): shock at xi = s T with s = [q^2]/[q] = 1
  });

  it('data independent of y stay so (y-sweeps leave them unchanged) and open the transonic fan', () => {
    const nx = 200, ny = 4, gx = uniformGrid(-2, 2, nx), gy = uniformGrid(0, 1, ny);
    const p0 = new Float64Array(nx * ny);
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) p0[j * nx + i] = gx.x[i] < 0 ? -1 : 1;
    const { p } = solveBurgers2D({ x: gx, y: gy, p0, time: 1, nu: 0, flux: burgersFlux, bc: { x: 'outflow', y: 'periodic' } });
    for (let j = 1; j < ny; j++) expect(p.subarray(j * nx, (j + 1) * nx)).toEqual(p.subarray(0, nx));
    let e = 0;
    for (let i = 0; i < nx; i++) e += Math.abs(p[i] - riemannSolution(burgersFlux, -1, 1, gx.x[i])) * gx.dx;
    expect(e).toBeLessThan(0.08); // measured 0.06 on 200 cells: the transonic fan p = x/t, entropy fix included
  });
});
