// Godunov's method for the derived conservation law
//   p_t + f(p)_x = nu p_xx        (docs/theory.md §1; Burgers: f = H = p^2/2)
// generated from the flux expression f. Finite volumes on cell averages,
//   p_i <- p_i - (dt/dx)(F_{i+1/2} - F_{i-1/2}) + (nu dt/dx^2)(p_{i+1} - 2 p_i + p_{i-1}),
// F_{i+1/2} the Godunov flux (exact Riemann solution at x/t = 0, with the sonic
// entropy fix: stencil.ts godunovFlux). Monotone, first order, converges to the
// entropy solution. One outflow ghost cell per side; dt (max|f'|/dx + 4 nu/dx^2) = cfl.
// The hand-written reference is src/numerics/godunov.ts.
import type { Expr } from '../../ir/expr.js';
import { accumulate, assign, bin, comment, declare, iadd, index, kcall, kvar, loop, num, type KExpr, type Kernel } from '../kernel-ir.js';
import { cflStep, equationComment, godunovFlux, kernelFlux, outflowGhosts, SOLVER_SCALARS, solverArray, timeLoop } from './stencil.js';

/** dt/dx and nu dt/dx^2 (the mesh ratio and the diffusion number of the update). */
export function updateRatios(dt: KExpr, dx: KExpr): { ratio: KExpr; diffusion: KExpr } {
  return { ratio: bin('/', dt, dx), diffusion: bin('/', bin('*', kvar('nu'), dt), bin('*', dx, dx)) };
}

/**
 * The conservative update with central diffusion along one line of cells (shared
 * with the 2-D solver), given the ratios of `updateRatios` (hoisted out of the
 * cell loop by the 1-D solver; the same operations, so the same rounding).
 */
export function godunovUpdate(p: (off: number) => KExpr, F: (off: number) => KExpr, r: { ratio: KExpr; diffusion: KExpr }): KExpr {
  return bin('+', bin('-', p(0), bin('*', r.ratio, bin('-', F(0), F(-1)))),
    bin('*', r.diffusion, bin('+', bin('-', p(1), bin('*', num(2), p(0))), p(-1))));
}

/** Names of the per-step constants dt/dx and nu dt/dx^2 in the printed kernel. */
const HOISTED = { ratio: 'mesh_ratio', diffusion: 'diffusion_number' } as const;

export function godunovSolverKernel(flux: Expr, variable = 'p'): Kernel {
  const F = kernelFlux(flux, variable);
  const i = kvar('i'), n = kvar('n');
  const p = (off: number): KExpr => index('p', iadd(i, off));
  const interior = (body: Parameters<typeof loop>[3]) => loop('i', 1, iadd(n, -1), body, true);
  const ratios = updateRatios(kvar('dt'), kvar('dx'));
  const ghosts = [comment('outflow ghost cells: p[0] = p[1], p[n-1] = p[n-2]'), ...outflowGhosts('p', 1, num(1), iadd(n, -2), (c) => c)];
  return {
    name: 'burgers_godunov',
    doc: 'Godunov scheme (exact Riemann flux, sonic entropy fix) for p_t + f(p)_x = nu p_xx with the derived flux f = H; p has one ghost cell at each end (outflow); integrates to t_end in place and returns the number of steps.',
    inputs: [solverArray('p', 'inout'), solverArray('next', 'scratch'), solverArray('F', 'scratch'), ...SOLVER_SCALARS],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: [equationComment('p_t + f(p)_x = nu p_xx', F, 'f', variable, true), declare(HOISTED.ratio, num(0)), declare(HOISTED.diffusion, num(0)), ...timeLoop([
      ...ghosts,
      ...cflStep([interior([accumulate(kvar('amax'), kcall('abs', F.df(p(0))), 'max')])], [kvar('dx')], 4),
      comment('Godunov flux at interface i+1/2 (exact Riemann solution at x/t = 0)'),
      loop('i', 0, iadd(n, -1), [assign(index('F', i), godunovFlux(F, p(0), p(1)))], true),
      comment('conservative update plus central diffusion (ratios hoisted out of the cell loop)'),
      assign(kvar(HOISTED.ratio), ratios.ratio),
      assign(kvar(HOISTED.diffusion), ratios.diffusion),
      interior([assign(index('next', i), godunovUpdate(p, (off) => index('F', iadd(i, off)), { ratio: kvar(HOISTED.ratio), diffusion: kvar(HOISTED.diffusion) }))]),
      interior([assign(index('p', i), index('next', i))]),
    ], ghosts)],
  };
}
