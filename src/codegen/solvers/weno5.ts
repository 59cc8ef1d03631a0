// Finite-difference WENO5-JS (Jiang-Shu 1996) with SSP-RK3 (Shu-Osher 1988)
// for the derived conservation law
//   p_t + f(p)_x = nu p_xx        (docs/theory.md §1; Burgers: f = H = p^2/2)
// generated from the flux expression f. Point values p_i;
//   L(p)_i = -(F_{i+1/2} - F_{i-1/2})/dx + nu (D4 p)_i,
// D4 the fourth-order central Laplacian (-p_{i+2} + 16 p_{i+1} - 30 p_i + 16 p_{i-1} - p_{i-2})/(12 dx^2).
// Waves: global Lax-Friedrichs splitting f = f+ + f-, f+- = (f(p) +- alpha p)/2,
// alpha = max|f'(p)| per stage: f+ carries only right-going waves (reconstructed
// left-biased), f- only left-going ones (right-biased). Entropy: the splitting's
// numerical viscosity alpha/2 never keeps an expansion shock. Order 5 on smooth
// data, essentially non-oscillatory at shocks. Three outflow ghosts per side;
// dt (max|f'|/dx + 4 nu/dx^2) = cfl (0.5). Reference: src/numerics/weno5.ts, ssp-rk3.ts.
import type { Expr } from '../../ir/expr.js';
import { accumulate, assign, bin, comment, declare, iadd, index, kcall, kneg, kvar, loop, num, select, type KExpr, type Kernel, type LValue, type Stmt } from '../kernel-ir.js';
import { cflStep, equationComment, kernelFlux, outflowGhosts, SOLVER_SCALARS, solverArray, timeLoop, type KernelFlux } from './stencil.js';

/** Jiang-Shu regulariser of the smoothness indicators (src/numerics/weno5.ts). */
const EPS = 1e-6;

const add = (a: KExpr, b: KExpr): KExpr => bin('+', a, b);
const sub = (a: KExpr, b: KExpr): KExpr => bin('-', a, b);
const times = (c: number, a: KExpr): KExpr => bin('*', num(c), a);
const square = (a: KExpr): KExpr => bin('*', a, a);

/**
 * The left-biased WENO5 value at i+1/2 from the stencil (a, b, c, d, e) = v[i-2..i+2]:
 * three third-order candidates q_k, smoothness indicators beta_k, nonlinear weights
 * w_k = d_k/(eps + beta_k)^2 with linear weights (1/10, 6/10, 3/10). Locals are
 * prefixed (the + and - reconstructions share one loop body).
 */
export function weno5Face(prefix: string, [a, b, c, d, e]: readonly KExpr[]): { stmts: Stmt[]; value: KExpr } {
  const v = (name: string) => kvar(`${prefix}${name}`);
  const stmts: Stmt[] = [
    declare(`${prefix}q0`, bin('/', add(sub(times(2, a), times(7, b)), times(11, c)), num(6))),
    declare(`${prefix}q1`, bin('/', add(add(kneg(b), times(5, c)), times(2, d)), num(6))),
    declare(`${prefix}q2`, bin('/', sub(add(times(2, c), times(5, d)), e), num(6))),
    // beta_k = 13/12 (second difference)^2 + 1/4 (first difference)^2 on candidate k's stencil
    declare(`${prefix}c0`, add(sub(a, times(2, b)), c)), declare(`${prefix}g0`, add(sub(a, times(4, b)), times(3, c))),
    declare(`${prefix}c1`, add(sub(b, times(2, c)), d)), declare(`${prefix}g1`, sub(b, d)),
    declare(`${prefix}c2`, add(sub(c, times(2, d)), e)), declare(`${prefix}g2`, add(sub(times(3, c), times(4, d)), e)),
    ...[0, 1, 2].map((k) => declare(`${prefix}b${k}`, add(times(13 / 12, square(v(`c${k}`))), times(0.25, square(v(`g${k}`)))))),
    ...[0.1, 0.6, 0.3].map((dk, k) => declare(`${prefix}w${k}`, bin('/', num(dk), square(add(num(EPS), v(`b${k}`)))))),
  ];
  const value = bin('/', add(add(bin('*', v('w0'), v('q0')), bin('*', v('w1'), v('q1'))), bin('*', v('w2'), v('q2'))), add(add(v('w0'), v('w1')), v('w2')));
  return { stmts, value };
}

/**
 * The WENO5 flux at the face between cells 0 and 1 of a grid line:
 * F = f+ reconstructed left-biased from cells -2..2 plus f- reconstructed
 * right-biased (mirrored) from cells 3..-1. `fp(o)`, `fm(o)` read the split
 * fluxes o cells along the line (shared by the 1-D and 2-D WENO5 kernels).
 */
export function weno5Flux(fp: (o: number) => KExpr, fm: (o: number) => KExpr): { stmts: Stmt[]; value: KExpr } {
  const plus = weno5Face('fp_', [-2, -1, 0, 1, 2].map(fp));
  const minus = weno5Face('fm_', [3, 2, 1, 0, -1].map(fm));
  return { stmts: [...plus.stmts, ...minus.stmts], value: add(plus.value, minus.value) };
}

/** Global Lax-Friedrichs splitting at one cell: fp = (f(p) + alpha p)/2, fm = (f(p) - alpha p)/2 (local `fi`). */
export function laxFriedrichsSplit(F: KernelFlux, p: KExpr, fp: LValue, fm: LValue): Stmt[] {
  return [
    declare('fi', F.f(p)),
    assign(fp, times(0.5, add(kvar('fi'), bin('*', kvar('alpha'), p)))),
    assign(fm, times(0.5, sub(kvar('fi'), bin('*', kvar('alpha'), p)))),
  ];
}

/** The fourth-order central second difference (-p2 + 16 p1 - 30 p0 + 16 p-1 - p-2)/(12 h^2) along a line; `p(o)` reads o cells along it. */
export const d4Laplacian = (p: (o: number) => KExpr, h: KExpr): KExpr =>
  bin('/', sub(add(sub(add(kneg(p(2)), times(16, p(1))), times(30, p(0))), times(16, p(-1))), p(-2)), bin('*', bin('*', num(12), h), h));

/** One direction's part of the semi-discrete operator: -(F_right - F_left)/h + nu D4 p. */
export const weno5Operator = (Fright: KExpr, Fleft: KExpr, h: KExpr, lap: KExpr): KExpr =>
  add(bin('/', kneg(sub(Fright, Fleft)), h), bin('*', kvar('nu'), lap));

/**
 * SSP-RK3 stage s (kernel variable `s`) from the stage value p, u^n = u0 and L(p):
 * stage 1 p + dt L, stage 2 3/4 u0 + 1/4 (p + dt L), stage 3 u0/3 + 2/3 (p + dt L).
 */
export function sspRk3Stage(p: KExpr, u0: KExpr, L: KExpr): KExpr {
  const s = kvar('s');
  const euler = add(p, bin('*', kvar('dt'), L));
  return select(bin('<', s, num(1)), euler,
    select(bin('<', s, num(2)), add(times(0.75, u0), times(0.25, euler)), add(bin('/', u0, num(3)), times(2 / 3, euler))));
}

/**
 * The WENO5 interface fluxes F[j] at j+1/2 of the current stage value p (arrays fp, fm, F):
 * global Lax-Friedrichs splitting, then f+ reconstructed from j-2..j+2 and f- mirrored.
 * Shared by the explicit kernel and the IMEX kernel's advection stages.
 */
export function weno5FaceFluxes(F: ReturnType<typeof kernelFlux>): Stmt[] {
  const i = kvar('i'), j = kvar('j'), n = kvar('n');
  const at = (array: string, k: KExpr, off: number) => index(array, iadd(k, off));
  const p0 = at('p', i, 0);
  const face = weno5Flux((o) => at('fp', j, o), (o) => at('fm', j, o));
  return [
    comment("Lax-Friedrichs splitting f+- = (f(p) +- alpha p)/2, alpha = max|f'(p)|"),
    declare('alpha', num(0)),
    loop('i', 0, n, [accumulate(kvar('alpha'), kcall('abs', F.df(p0)), 'max')], true),
    loop('i', 0, n, laxFriedrichsSplit(F, p0, at('fp', i, 0), at('fm', i, 0)), true),
    comment('F at j+1/2: f+ reconstructed from j-2..j+2, f- mirrored from j+3..j-1'),
    loop('j', 2, iadd(n, -3), [...face.stmts, assign(at('F', j, 0), face.value)], true),
  ];
}

export function weno5SolverKernel(flux: Expr, variable = 'p'): Kernel {
  const F = kernelFlux(flux, variable);
  const i = kvar('i'), n = kvar('n'), dx = kvar('dx');
  const at = (array: string, k: KExpr, off: number) => index(array, iadd(k, off));
  const p = (off: number): KExpr => at('p', i, off);
  const g = 3;
  const interior = (body: readonly Stmt[]) => loop('i', g, iadd(n, -g), body, true);
  const ghosts = [comment('outflow ghost cells (3 per side) copy the first and last interior values'), ...outflowGhosts('p', g, num(g), iadd(n, -g - 1), (c) => c)];
  const lap = d4Laplacian(p, dx);
  // SSP-RK3 stage s from the stage value p and u^n = p0
  const rk3 = sspRk3Stage(p(0), at('p0', i, 0), at('L', i, 0));
  return {
    name: 'burgers_weno5',
    doc: 'WENO5-JS (global Lax-Friedrichs splitting) + SSP-RK3 for p_t + f(p)_x = nu p_xx with the derived flux f = H, fourth-order central diffusion; point values with three ghost cells at each end (outflow); integrates to t_end in place and returns the number of steps.',
    inputs: [
      solverArray('p', 'inout'),
      ...['p0', 'L', 'fp', 'fm', 'F'].map((name) => solverArray(name, 'scratch')),
      ...SOLVER_SCALARS,
    ],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: [equationComment('p_t + f(p)_x = nu p_xx', F, 'f', variable, false), ...timeLoop([
      ...cflStep([interior([accumulate(kvar('amax'), kcall('abs', F.df(p(0))), 'max')])], [dx], 4),
      comment('u^n, kept for the Runge-Kutta combinations'),
      interior([assign(at('p0', i, 0), p(0))]),
      loop('s', 0, 3, [
        comment('SSP-RK3 stage s: the semi-discrete operator L(p) of the current stage value p'),
        ...ghosts,
        ...weno5FaceFluxes(F),
        comment('L(p) = -(F_{i+1/2} - F_{i-1/2})/dx + nu D4 p'),
        interior([assign(at('L', i, 0), weno5Operator(at('F', i, 0), at('F', i, -1), dx, lap))]),
        interior([assign(at('p', i, 0), rk3)]),
      ]),
    ], ghosts)],
  };
}
