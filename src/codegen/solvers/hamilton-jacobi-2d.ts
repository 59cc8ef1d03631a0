// The monotone Lax-Friedrichs scheme for the two-dimensional viscous Hamilton-Jacobi equation
//   u_t + H(u_x) + H(u_y) = nu (u_xx + u_yy)
// whose gradient p = grad u solves the 2-D viscous Burgers equation of a gradient
// field, p_t + (p . grad) p = nu Lap p (docs/theory.md §1: the 2-D quotient, flat metric).
// In a flat metric |grad u|^2/2 = u_x^2/2 + u_y^2/2, so the 2-D Hamiltonian is the
// 1-D H of the derived equation u_t + H(u_x) = nu u_xx (pde.ts hamiltonianOf)
// applied per coordinate; this kernel is generated from that one H.
// Nodes u_{j,i} at (x_i, y_j); one-sided slopes in each direction,
//   p-, p+ = (u_{j,i} - u_{j,i-1})/dx, (u_{j,i+1} - u_{j,i})/dx,
//   q-, q+ = (u_{j,i} - u_{j-1,i})/dy, (u_{j+1,i} - u_{j,i})/dy,
// local Lax-Friedrichs numerical Hamiltonian per direction (Crandall-Lions 1984,
// Osher-Shu 1991; the 1-D Hhat of hamilton-jacobi.ts along x plus the same along y):
//   Hhat = H((p- + p+)/2) - (ax/2)(p+ - p-) + H((q- + q+)/2) - (ay/2)(q+ - q-),
//   ax = max(|H'(p-)|, |H'(p+)|),  ay = max(|H'(q-)|, |H'(q+)|),
//   u_{j,i} <- u_{j,i} - dt Hhat + (nu dt/dx^2)(u_{j,i+1} - 2 u_{j,i} + u_{j,i-1})
//                                + (nu dt/dy^2)(u_{j+1,i} - 2 u_{j,i} + u_{j-1,i})   (5-point Laplacian).
// Monotone under the unsplit condition
//   dt (ax_max/dx + 2 nu/dx^2 + ay_max/dy + 2 nu/dy^2) <= cfl <= 1   (default 0.9),
// ax_max, ay_max the largest |H'| over the x- and the y-slopes, so it converges
// (first order) to the viscosity solution. Hhat and the Laplacian split by
// direction: data u0 = f(x) + g(y) evolve as the sum of two 1-D hj_lax_friedrichs
// solves with the same dt (exactly, up to round-off).
// Outflow acts on p = grad u: one ghost node per side, u extrapolated linearly
// along x on the left/right sides and along y on the bottom/top (the 1-D HJ
// boundary in each direction); the four corner ghosts are never read.
// Storage: row-major with a ghost frame, u[j (nx + 2) + i] at (x_{i-1}, y_{j-1}),
// 1 <= i <= nx, 1 <= j <= ny.
import type { Expr } from '../../ir/expr.js';
import { accumulate, assign, bin, comment, declare, iadd, index, kcall, kvar, loop, num, type KExpr, type Kernel, type Stmt } from '../kernel-ir.js';
import { equationComment, kernelFlux, SOLVER_SCALARS_2D, solverArray, timeLoop } from './stencil.js';

/** Linear extrapolation (zero-gradient slope) into the ghosts before `first` and after `last`; `at(k)` is the index of node k. */
function extrapolatedGhosts(array: string, first: KExpr, last: KExpr, at: (node: KExpr) => KExpr): Stmt[] {
  const u = (base: KExpr, k: number) => index(array, at(iadd(base, k)));
  const twice = (base: KExpr, inward: number) => bin('-', bin('*', num(2), u(base, 0)), u(base, inward));
  return [assign(u(first, -1), twice(first, 1)), assign(u(last, 1), twice(last, -1))];
}

export function hj2dLaxFriedrichsKernel(hamiltonian: Expr, variable = 'p'): Kernel {
  const H = kernelFlux(hamiltonian, variable);
  const i = kvar('i'), j = kvar('j'), nx = kvar('nx'), ny = kvar('ny');
  const dx = kvar('dx'), dy = kvar('dy'), dt = kvar('dt'), nu = kvar('nu');
  const width = iadd(nx, 2);
  /** Index of node (j + dj, i + di). */
  const node = (dj: number, di: number): KExpr => iadd(bin('+', bin('*', iadd(j, dj), width), i), di);
  const u = (dj: number, di: number) => index('u', node(dj, di));
  // loops: rows j (scalar), nodes i of a row (element-wise)
  const rows = (from: number, to: KExpr, body: readonly Stmt[]): Stmt => loop('j', from, to, body);
  const cols = (from: number, to: KExpr, body: readonly Stmt[]): Stmt => loop('i', from, to, body, true);
  const everyNode = (body: readonly Stmt[]): Stmt => rows(1, iadd(ny, 1), [cols(1, iadd(nx, 1), body)]);
  const slope = (a: KExpr, b: KExpr, h: KExpr): KExpr => bin('/', bin('-', b, a), h);

  const rowStart = (r: KExpr): KExpr => (r.k === 'const' && r.v === 0 ? r : r.k === 'const' && r.v === 1 ? width : bin('*', r, width));
  const ghosts = [
    comment('outflow on p = grad u: ghost nodes extrapolate u linearly, along x on the left/right, along y at the bottom/top'),
    rows(1, iadd(ny, 1), extrapolatedGhosts('u', num(1), nx, (c) => iadd(bin('*', j, width), c))),
    cols(1, iadd(nx, 1), extrapolatedGhosts('u', num(1), ny, (r) => iadd(i, rowStart(r)))),
  ];

  // CFL (unsplit): dt (ax_max/dx + 2 nu/dx^2 + ay_max/dy + 2 nu/dy^2) = cfl, each
  // maximum floored at 1e-12 so dt stays finite at rest; per direction the rate is
  // the 1-D hj_lax_friedrichs one, term for term
  const ax = kvar('amax'), ay = kvar('amax_y');
  const rate = (a: KExpr, h: KExpr): KExpr => bin('+', bin('/', kcall('max', a, num(1e-12)), h), bin('/', bin('*', num(2), nu), bin('*', h, h)));
  const cfl: Stmt[] = [
    comment("CFL (unsplit): dt (max|H'(u_x)|/dx + 2 nu/dx^2 + max|H'(u_y)|/dy + 2 nu/dy^2) = cfl, the last step shortened to land on t_end"),
    assign(ax, num(0)),
    assign(ay, num(0)),
    rows(1, iadd(ny, 1), [cols(0, iadd(nx, 1), [accumulate(ax, kcall('abs', H.df(slope(u(0, 0), u(0, 1), dx))), 'max')])]),
    rows(0, iadd(ny, 1), [cols(1, iadd(nx, 1), [accumulate(ay, kcall('abs', H.df(slope(u(0, 0), u(1, 0), dy))), 'max')])]),
    assign(dt, kcall('min', bin('/', kvar('cfl'), bin('+', rate(ax, dx), rate(ay, dy))), bin('-', kvar('t_end'), kvar('t')))),
  ];

  /** The 1-D local Lax-Friedrichs Hamiltonian H((m + p)/2) - (a/2)(p - m), a = max(|H'(m)|, |H'(p)|). */
  const hhat = (m: string, p: string, bar: string): KExpr => {
    const a = kcall('max', kcall('abs', H.df(kvar(m))), kcall('abs', H.df(kvar(p))));
    return bin('-', H.f(kvar(bar)), bin('*', bin('*', num(0.5), a), bin('-', kvar(p), kvar(m))));
  };
  const d2 = (minus: KExpr, plus: KExpr, h: KExpr): KExpr =>
    bin('*', bin('/', bin('*', nu, dt), bin('*', h, h)), bin('+', bin('-', plus, bin('*', num(2), u(0, 0))), minus));
  const update: Stmt[] = [
    comment('Hhat = H((p- + p+)/2) - (ax/2)(p+ - p-) + H((q- + q+)/2) - (ay/2)(q+ - q-), then the 5-point Laplacian'),
    everyNode([
      declare('pm', slope(u(0, -1), u(0, 0), dx)),
      declare('pp', slope(u(0, 0), u(0, 1), dx)),
      declare('pbar', bin('*', num(0.5), bin('+', kvar('pm'), kvar('pp')))),
      declare('qm', slope(u(-1, 0), u(0, 0), dy)),
      declare('qp', slope(u(0, 0), u(1, 0), dy)),
      declare('qbar', bin('*', num(0.5), bin('+', kvar('qm'), kvar('qp')))),
      assign(index('next', node(0, 0)), bin('+',
        bin('-', u(0, 0), bin('*', dt, bin('+', hhat('pm', 'pp', 'pbar'), hhat('qm', 'qp', 'qbar')))),
        bin('+', d2(u(0, -1), u(0, 1), dx), d2(u(-1, 0), u(1, 0), dy)))),
    ]),
    everyNode([assign(u(0, 0), index('next', node(0, 0)))]),
  ];

  const length = { size: 'm' } as const;
  return {
    name: 'hj2d_lax_friedrichs',
    doc: 'Monotone local Lax-Friedrichs scheme for u_t + H(u_x) + H(u_y) = nu (u_xx + u_yy) with the derived 1-D Hamiltonian H applied per coordinate (flat metric: |grad u|^2/2 = u_x^2/2 + u_y^2/2), 5-point diffusion; u on nodes, row-major (nx + 2) x (ny + 2) with a ghost frame (outflow: u extrapolated linearly); integrates to t_end in place and returns the number of steps.',
    inputs: [
      solverArray('u', 'inout', length), solverArray('next', 'scratch', length),
      ...SOLVER_SCALARS_2D,
    ],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: [
      equationComment('u_t + H(u_x) + H(u_y) = nu (u_xx + u_yy)', H, 'H', variable, false),
      declare('amax_y', num(0)),
      ...timeLoop([...ghosts, ...cfl, ...update], ghosts),
    ],
  };
}
