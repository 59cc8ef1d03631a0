// The monotone Lax-Friedrichs scheme for the derived viscous Hamilton-Jacobi equation
//   u_t + H(u_x) = nu u_xx        (docs/theory.md §1: H(p) = p^2/2, u(x, 0) = Lbar(x))
// generated from the Hamiltonian H read off the equation (pde.ts hamiltonianOf).
// Node values u_i, one-sided slopes p-_i = (u_i - u_{i-1})/dx, p+_i = (u_{i+1} - u_i)/dx:
//   u_i <- u_i - dt Hhat(p-, p+) + (nu dt/dx^2)(u_{i+1} - 2 u_i + u_{i-1}),
//   Hhat = H((p- + p+)/2) - (a/2)(p+ - p-),  a = max(|H'(p-)|, |H'(p+)|) (local LF).
// Monotone under dt (a/dx + 2 nu/dx^2) <= 1 (Crandall-Lions 1984, Osher-Shu 1991),
// so it converges (first order) to the viscosity solution. Outflow acts on p = u_x:
// one ghost node per side, u extrapolated linearly (zero-gradient slope).
// Reference: src/numerics/hamilton-jacobi.ts ('lax-friedrichs', bc 'outflow').
import type { Expr } from '../../ir/expr.js';
import { accumulate, assign, bin, comment, declare, iadd, index, kcall, kvar, loop, num, type KExpr, type Kernel, type Stmt } from '../kernel-ir.js';
import { cflStep, equationComment, kernelFlux, SOLVER_SCALARS, solverArray, timeLoop } from './stencil.js';

export function hjLaxFriedrichsKernel(hamiltonian: Expr, variable = 'p'): Kernel {
  const H = kernelFlux(hamiltonian, variable);
  const i = kvar('i'), n = kvar('n'), dx = kvar('dx'), dt = kvar('dt');
  const u = (off: number): KExpr => index('u', iadd(i, off));
  const interior = (body: readonly Stmt[]) => loop('i', 1, iadd(n, -1), body, true);
  const slope = (a: KExpr, b: KExpr): KExpr => bin('/', bin('-', b, a), dx);
  const ghosts: Stmt[] = [
    comment('outflow on p = u_x: ghost nodes extrapolate u linearly'),
    assign(index('u', 0), bin('-', bin('*', num(2), index('u', 1)), index('u', 2))),
    assign(index('u', iadd(n, -1)), bin('-', bin('*', num(2), index('u', iadd(n, -2))), index('u', iadd(n, -3)))),
  ];
  const pm = kvar('pm'), pp = kvar('pp');
  const a = kcall('max', kcall('abs', H.df(pm)), kcall('abs', H.df(pp)));
  const hhat = bin('-', H.f(kvar('pbar')), bin('*', bin('*', num(0.5), a), bin('-', pp, pm)));
  return {
    name: 'hj_lax_friedrichs',
    doc: 'Monotone Lax-Friedrichs scheme for u_t + H(u_x) = nu u_xx with the derived Hamiltonian H; u on nodes with one ghost node at each end (outflow: u extrapolated linearly); integrates to t_end in place and returns the number of steps.',
    inputs: [solverArray('u', 'inout'), solverArray('next', 'scratch'), ...SOLVER_SCALARS],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: [equationComment('u_t + H(u_x) = nu u_xx', H, 'H', variable, false), ...timeLoop([
      ...ghosts,
      ...cflStep([loop('i', 0, iadd(n, -1), [accumulate(kvar('amax'), kcall('abs', H.df(slope(u(0), u(1)))), 'max')], true)], [dx], 2),
      comment('Hhat(p-, p+) = H((p- + p+)/2) - (a/2)(p+ - p-), a = max(|H\'(p-)|, |H\'(p+)|)'),
      interior([
        declare('pm', slope(u(-1), u(0))),
        declare('pp', slope(u(0), u(1))),
        declare('pbar', bin('*', num(0.5), bin('+', pm, pp))),
        assign(index('next', i), bin('+', bin('-', u(0), bin('*', dt, hhat)),
          bin('*', bin('/', bin('*', kvar('nu'), dt), bin('*', dx, dx)), bin('+', bin('-', u(1), bin('*', num(2), u(0))), u(-1))))),
      ]),
      interior([assign(index('u', i), index('next', i))]),
    ], ghosts)],
  };
}
