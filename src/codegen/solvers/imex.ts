// IMEX time stepping for the derived conservation law
//   p_t + f(p)_x = nu p_xx        (docs/theory.md §1; Burgers: f = H = p^2/2)
// generated from the flux expression f: the flux explicit, the diffusion
// implicit, so that dt is limited by the advection CFL dt max|f'| / dx = cfl only
// (an explicit diffusion term needs dt <= dx^2/(4 nu): cost ~ N^3 at fixed t).
//
// One step is Strang splitting (second order in dt):
//   D(dt/2)  A(dt)  D(dt/2),
// A the explicit advection step of the base scheme with nu = 0 (WENO5-JS + SSP-RK3,
// or Godunov), D(tau) the diffusion p_t = nu p_xx over tau by TR-BDF2
// (Bank et al. 1985, gamma = 2 - sqrt 2): a trapezoidal stage to tau gamma, then
// BDF2 to tau. TR-BDF2 is second order and L-stable: the modes that nu tau/dx^2 >> 1
// makes stiff are damped (Crank-Nicolson would flip their sign every step
// undamped). Each stage is one tridiagonal (Thomas) solve:
//   (M - k D2) p* = (M + k D2) p^n,                         k = gamma tau nu / 2
//   (M - k D2) p^{n+1} = M (p*/(gamma(2 - gamma)) - (1 - gamma)^2 p^n/(gamma(2 - gamma))),
// the same k = (1 - gamma) tau nu/(2 - gamma) = (1 - 1/sqrt 2) tau nu in both (this gamma),
// so M - k D2 is factored once per step and serves all four solves.
// D2 = (p_{i+1} - 2 p_i + p_{i-1})/dx^2 and M the mass stencil of the Laplacian:
//   WENO5: M = (1, 10, 1)/12, the fourth-order compact Laplacian M^{-1} D2 (Collatz/Numerov),
//   Godunov: M = identity, the second-order central Laplacian of the explicit scheme.
// Outflow ends: the ghost p_{g-1} = p_g (zero gradient) eliminated from the first
// and last rows. Every matrix is strictly diagonally dominant, so Thomas needs
// no pivoting. Tests (test/codegen/solvers/imex.test.ts): at nu = 0 the kernels equal
// the explicit ones (themselves tested against src/numerics); the whole step against
// the exact spreading Gaussian of p_t + p_x = nu p_xx, L-stability at nu = 1e4, the
// order in dt on the double well against Cole-Hopf.
import type { Expr } from '../../ir/expr.js';
import { accumulate, assign, bin, comment, declare, iadd, index, kcall, kneg, kvar, loop, num, type KExpr, type Kernel, type Stmt } from '../kernel-ir.js';
import { godunovFlux, kernelFlux, equationComment, outflowGhosts, SOLVER_SCALARS, solverArray, timeLoop } from './stencil.js';
import { sspRk3Stage, weno5FaceFluxes } from './weno5.js';

/** TR-BDF2's gamma = 2 - sqrt 2 (the two stages then share one matrix shape and the method is L-stable). */
export const TR_BDF2_GAMMA = 2 - Math.SQRT2;

/** Mass stencil (side, centre) of the implicit Laplacian M^{-1} D2. */
export interface MassStencil { readonly side: number; readonly centre: number; readonly name: string }
export const COMPACT_FOURTH_ORDER: MassStencil = { side: 1 / 12, centre: 10 / 12, name: 'fourth-order compact Laplacian, M = (1, 10, 1)/12' };
export const CENTRAL_SECOND_ORDER: MassStencil = { side: 0, centre: 1, name: 'second-order central Laplacian, M = identity' };

const add = (a: KExpr, b: KExpr): KExpr => bin('+', a, b);
const sub = (a: KExpr, b: KExpr): KExpr => bin('-', a, b);
const mul = (a: KExpr, b: KExpr): KExpr => bin('*', a, b);

/** Locals of the diffusion solve, declared once before the time loop. */
const DIFFUSION_LOCALS = ['half', 'kd', 'off', 'dia', 'den'] as const;

/**
 * TR-BDF2's two stages share one matrix: with gamma = 2 - sqrt 2,
 * gamma/2 = (1 - gamma)/(2 - gamma) = 1 - 1/sqrt 2, so both solve (M - k D2) x = r with
 * k = (1 - 1/sqrt 2) tau nu. One factorisation serves both stages of both half steps of a step.
 */
export const TR_BDF2_STAGE = 1 - Math.SQRT1_2;

/**
 * Factor M - k D2 for the Thomas algorithm (kd = k/dx^2): off-diagonals M.side - kd, diagonal
 * M.centre + 2 kd, the first and last diagonals + off (the ghost p_{g-1} = p_g eliminated).
 * Scratch: `cp` (eliminated super-diagonal), `di` (inverse pivots). Strictly diagonally
 * dominant, so no pivoting.
 */
function thomasFactor(g: number, M: MassStencil): Stmt[] {
  const i = kvar('i'), n = kvar('n');
  const first = num(g), last = iadd(n, -g - 1);
  const kd = kvar('kd'), off = kvar('off'), dia = kvar('dia'), den = kvar('den');
  return [
    comment('factor M - k D2 once per step (Thomas: inverse pivots di, eliminated super-diagonal cp)'),
    assign(off, sub(num(M.side), kd)),
    assign(dia, add(num(M.centre), mul(num(2), kd))),
    assign(index('di', first), bin('/', num(1), add(dia, off))),
    assign(index('cp', first), mul(off, index('di', first))),
    loop('i', g + 1, last, [
      assign(den, sub(dia, mul(off, index('cp', iadd(i, -1))))),
      assign(index('di', i), bin('/', num(1), den)),
      assign(index('cp', i), mul(off, index('di', i))),
    ]),
    assign(index('di', last), bin('/', num(1), sub(add(dia, off), mul(off, index('cp', iadd(last, -1)))))),
  ];
}

/**
 * Solve (M - k D2) p = rhs with the factors of thomasFactor: forward elimination into r
 * (the right-hand side computed in the same sweep: it reads p and q, which the sweep does
 * not write), back substitution into p. `rhs(j)` is the right-hand side at index j.
 */
function thomasSolve(g: number, rhs: (j: KExpr) => KExpr): Stmt[] {
  const i = kvar('i'), n = kvar('n'), k = kvar('k'), off = kvar('off');
  const first = num(g), last = iadd(n, -g - 1), back = bin('-', last, k);
  return [
    assign(index('r', first), mul(rhs(first), index('di', first))),
    loop('i', g + 1, iadd(n, -g), [assign(index('r', i), mul(sub(rhs(i), mul(off, index('r', iadd(i, -1)))), index('di', i)))]),
    assign(index('p', last), index('r', last)),
    loop('k', 1, iadd(n, -2 * g), [assign(index('p', back), sub(index('r', back), mul(index('cp', back), index('p', iadd(back, 1)))))]),
  ];
}

/**
 * The statements of D(tau): p_t = nu p_xx over tau on the interior g <= i < n - g of `p`,
 * by TR-BDF2 with two Thomas solves, given the factors of M - k D2 for this tau.
 * Scratch: `q` (p^n), `r` (the eliminated right-hand side).
 */
export function implicitDiffusion(g: number, M: MassStencil): Stmt[] {
  const n = kvar('n');
  const at = (a: string, j: KExpr, off: number) => index(a, iadd(j, off));
  const ghosts = outflowGhosts('p', g, num(g), iadd(n, -g - 1), (c) => c);
  const massOf = (a: string, j: KExpr): KExpr => (M.side === 0
    ? (M.centre === 1 ? at(a, j, 0) : mul(num(M.centre), at(a, j, 0)))
    : add(mul(num(M.side), add(at(a, j, -1), at(a, j, 1))), mul(num(M.centre), at(a, j, 0))));
  const secondDifference = (a: string, j: KExpr): KExpr => add(sub(at(a, j, -1), mul(num(2), at(a, j, 0))), at(a, j, 1));
  const gamma = TR_BDF2_GAMMA, a = 1 / (gamma * (2 - gamma)), b = ((1 - gamma) * (1 - gamma)) / (gamma * (2 - gamma));
  return [
    comment(`implicit diffusion over half = dt/2: TR-BDF2 (gamma = 2 - sqrt 2), ${M.name}`),
    ...ghosts,
    comment('trapezoidal stage to gamma half: (M - k D2) p* = (M + k D2) p^n, k = gamma half nu/2; p^n kept in q (ghosts included)'),
    loop('i', 0, n, [assign(at('q', kvar('i'), 0), at('p', kvar('i'), 0))], true),
    ...thomasSolve(g, (j) => add(massOf('q', j), mul(kvar('kd'), secondDifference('q', j)))),
    comment(`BDF2 stage to half: (M - k D2) p = M (${a} p* - ${b} p^n), k = (1 - gamma) half nu/(2 - gamma), the same k`),
    ...ghosts,
    ...thomasSolve(g, (j) => sub(mul(num(a), massOf('p', j)), mul(num(b), massOf('q', j)))),
  ];
}

/** The advection CFL: dt max|f'| / dx = cfl (floored speed 1e-12), the last step shortened to land on t_end. */
function advectionStep(speeds: readonly Stmt[]): Stmt[] {
  return [
    comment("CFL of the explicit flux only: dt max|f'|/dx = cfl (the diffusion is implicit), the last step shortened to land on t_end"),
    assign(kvar('amax'), num(0)),
    ...speeds,
    assign(kvar('dt'), kcall('min', bin('/', mul(kvar('cfl'), kvar('dx')), kcall('max', kvar('amax'), num(1e-12))), sub(kvar('t_end'), kvar('t')))),
    assign(kvar('half'), bin('/', kvar('dt'), num(2))),
    assign(kvar('kd'), bin('/', mul(mul(num(TR_BDF2_STAGE), kvar('half')), kvar('nu')), mul(kvar('dx'), kvar('dx')))),
  ];
}

/**
 * The Strang-split step both IMEX kernels share: D(dt/2) A(dt) D(dt/2) with dt
 * from the advection CFL only, the diffusion D by TR-BDF2 on `g` ghost cells
 * with mass stencil M, and the scheme's own explicit advection A.
 */
function strangImexBody(F: ReturnType<typeof kernelFlux>, variable: string, upwind: boolean, g: number, M: MassStencil, interior: (body: readonly Stmt[]) => Stmt, p0: KExpr, advection: readonly Stmt[], ghosts: readonly Stmt[]): Stmt[] {
  const diffusion = implicitDiffusion(g, M);
  return [
    equationComment('p_t + f(p)_x = nu p_xx', F, 'f', variable, upwind),
    ...DIFFUSION_LOCALS.map((v) => declare(v, num(0))),
    ...timeLoop([
      ...advectionStep([interior([accumulate(kvar('amax'), kcall('abs', F.df(p0)), 'max')])]),
      ...thomasFactor(g, M),
      ...diffusion,
      ...advection,
      ...diffusion,
    ], ghosts),
  ];
}

const IMEX_SCRATCH = ['q', 'r', 'cp', 'di'] as const;

/** WENO5-JS + SSP-RK3 for the flux, TR-BDF2 with the compact fourth-order Laplacian for the diffusion, Strang-split. */
export function weno5ImexKernel(flux: Expr, variable = 'p'): Kernel {
  const F = kernelFlux(flux, variable);
  const i = kvar('i'), n = kvar('n'), dx = kvar('dx');
  const at = (array: string, k: KExpr, o: number) => index(array, iadd(k, o));
  const p = (o: number) => at('p', i, o);
  const g = 3;
  const interior = (body: readonly Stmt[]) => loop('i', g, iadd(n, -g), body, true);
  const ghosts = [comment('outflow ghost cells (3 per side) copy the first and last interior values'), ...outflowGhosts('p', g, num(g), iadd(n, -g - 1), (c) => c)];
  return {
    name: 'burgers_weno5_imex',
    doc: 'IMEX for p_t + f(p)_x = nu p_xx with the derived flux f = H: Strang splitting D(dt/2) A(dt) D(dt/2), A = WENO5-JS (global Lax-Friedrichs splitting) + SSP-RK3 for the flux, D = TR-BDF2 (L-stable, two Thomas solves) with the fourth-order compact Laplacian; dt from the advection CFL only; point values with three ghost cells at each end (outflow); integrates to t_end in place and returns the number of steps.',
    inputs: [
      solverArray('p', 'inout'),
      ...['p0', 'L', 'fp', 'fm', 'F', ...IMEX_SCRATCH].map((name) => solverArray(name, 'scratch')),
      ...SOLVER_SCALARS,
    ],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: strangImexBody(F, variable, false, g, COMPACT_FOURTH_ORDER, interior, p(0), [
      comment('explicit advection over dt: SSP-RK3 stages of L(p) = -(F_{i+1/2} - F_{i-1/2})/dx (no diffusion term)'),
      interior([assign(at('p0', i, 0), p(0))]),
      loop('s', 0, 3, [
        ...ghosts,
        ...weno5FaceFluxes(F),
        interior([assign(at('L', i, 0), bin('/', kneg(sub(at('F', i, 0), at('F', i, -1))), dx))]),
        interior([assign(at('p', i, 0), sspRk3Stage(p(0), at('p0', i, 0), at('L', i, 0)))]),
      ]),
    ], ghosts),
  };
}

/** Godunov (exact Riemann flux, sonic entropy fix) for the flux, TR-BDF2 with the central Laplacian for the diffusion, Strang-split. */
export function godunovImexKernel(flux: Expr, variable = 'p'): Kernel {
  const F = kernelFlux(flux, variable);
  const i = kvar('i'), n = kvar('n');
  const p = (o: number): KExpr => index('p', iadd(i, o));
  const interior = (body: readonly Stmt[]) => loop('i', 1, iadd(n, -1), body, true);
  const ghosts = [comment('outflow ghost cells: p[0] = p[1], p[n-1] = p[n-2]'), ...outflowGhosts('p', 1, num(1), iadd(n, -2), (c) => c)];
  return {
    name: 'burgers_godunov_imex',
    doc: 'IMEX for p_t + f(p)_x = nu p_xx with the derived flux f = H: Strang splitting D(dt/2) A(dt) D(dt/2), A = Godunov (exact Riemann flux, sonic entropy fix), D = TR-BDF2 (L-stable, two Thomas solves) with the central Laplacian; dt from the advection CFL only; p has one ghost cell at each end (outflow); integrates to t_end in place and returns the number of steps.',
    inputs: [solverArray('p', 'inout'), solverArray('next', 'scratch'), solverArray('F', 'scratch'), ...IMEX_SCRATCH.map((name) => solverArray(name, 'scratch')), ...SOLVER_SCALARS],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: strangImexBody(F, variable, true, 1, CENTRAL_SECOND_ORDER, interior, p(0), [
      comment('explicit advection over dt: Godunov flux at interface i+1/2, conservative update'),
      ...ghosts,
      loop('i', 0, iadd(n, -1), [assign(index('F', i), godunovFlux(F, p(0), p(1)))], true),
      interior([assign(index('next', i), sub(p(0), mul(bin('/', kvar('dt'), kvar('dx')), sub(index('F', i), index('F', iadd(i, -1))))))]),
      interior([assign(index('p', i), index('next', i))]),
    ], ghosts),
  };
}
