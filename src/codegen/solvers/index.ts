// The generated PDE solvers, all built from the one Hamiltonian H of the derived
// equation u_t + H(u_x) = nu u_xx (pde.ts hamiltonianOf); the conservation law of
// p = u_x has the flux f = H. Each entry says how a caller lays out the arrays:
//   godunov  burgers_godunov    p (cell averages)  1 ghost per side   cfl 0.9
//   weno5    burgers_weno5      p (point values)   3 ghosts per side  cfl 0.5
//   hj       hj_lax_friedrichs  u (nodes)          1 ghost per side   cfl 0.9
//   weno5-imex   burgers_weno5_imex   p (point values)   3 ghosts per side  cfl 0.5 (advection only)
//   godunov-imex burgers_godunov_imex p (cell averages)  1 ghost per side   cfl 0.9 (advection only)
//            (IMEX: explicit flux, implicit TR-BDF2 diffusion by Thomas solves, Strang-split: imex.ts)
//   2-D      burgers2d_godunov  p, row-major (nx + 2) x (ny + 2) with a ghost frame   cfl 0.9
//   2-D      burgers2d_weno5    p, row-major (nx + 6) x (ny + 6), 3-cell ghost frame cfl 0.5 (rates summed)
//   2-D      hj2d_lax_friedrichs u (nodes), row-major (nx + 2) x (ny + 2), ghost frame cfl 0.9 (rates summed)
//            (u_t + H(u_x) + H(u_y) = nu Lap u: p = grad u, the gradient-field Burgers equation)
// Every kernel takes its arrays (the unknown first, then scratch of the same
// length), then dx, nu, t_end, cfl; it integrates in place and returns the steps.
import type { Expr } from '../../ir/expr.js';
import type { Kernel } from '../kernel-ir.js';
import { godunovSolverKernel } from './godunov.js';
import { hjLaxFriedrichsKernel } from './hamilton-jacobi.js';
import { godunovImexKernel, weno5ImexKernel } from './imex.js';
import { weno5SolverKernel } from './weno5.js';

export { godunovSolverKernel } from './godunov.js';
export { weno5SolverKernel } from './weno5.js';
export { hjLaxFriedrichsKernel } from './hamilton-jacobi.js';
export { godunovImexKernel, weno5ImexKernel } from './imex.js';
export { burgers2dGodunovKernel } from './burgers-2d.js';
export { burgers2dWeno5Kernel } from './burgers-2d-weno5.js';
export { hj2dLaxFriedrichsKernel } from './hamilton-jacobi-2d.js';

export const SCHEMES_2D = ['godunov', 'weno5'] as const;
export type Scheme2D = (typeof SCHEMES_2D)[number];

export const SCHEMES_1D = ['godunov', 'weno5', 'hj', 'weno5-imex', 'godunov-imex'] as const;
export type Scheme1D = (typeof SCHEMES_1D)[number];

export interface Solver1D {
  readonly scheme: Scheme1D;
  readonly kernel: Kernel;
  /** Ghost cells (nodes) at each end of every array of the kernel. */
  readonly ghosts: number;
  /** The unknown the kernel evolves: p = u_x (conservation law) or u itself (HJ). */
  readonly unknown: 'p' | 'u';
  /** The default Courant number (as src/numerics; IMEX: of the advection alone). */
  readonly cfl: number;
  /** Whether the diffusion is implicit (the step is limited by the advection CFL only). */
  readonly implicitDiffusion: boolean;
}

/** The default Courant number of each 1-D scheme (IMEX: of the advection alone). */
export const DEFAULT_CFL: Readonly<Record<Scheme1D, number>> = { godunov: 0.9, weno5: 0.5, hj: 0.9, 'weno5-imex': 0.5, 'godunov-imex': 0.9 };

/** The 1-D solver of `scheme` for the derived Hamiltonian H(variable). */
export function solver1D(H: Expr, scheme: Scheme1D, variable = 'p'): Solver1D {
  switch (scheme) {
    case 'godunov': return { scheme, kernel: godunovSolverKernel(H, variable), ghosts: 1, unknown: 'p', cfl: DEFAULT_CFL[scheme], implicitDiffusion: false };
    case 'weno5': return { scheme, kernel: weno5SolverKernel(H, variable), ghosts: 3, unknown: 'p', cfl: DEFAULT_CFL[scheme], implicitDiffusion: false };
    case 'hj': return { scheme, kernel: hjLaxFriedrichsKernel(H, variable), ghosts: 1, unknown: 'u', cfl: DEFAULT_CFL[scheme], implicitDiffusion: false };
    case 'weno5-imex': return { scheme, kernel: weno5ImexKernel(H, variable), ghosts: 3, unknown: 'p', cfl: DEFAULT_CFL[scheme], implicitDiffusion: true };
    case 'godunov-imex': return { scheme, kernel: godunovImexKernel(H, variable), ghosts: 1, unknown: 'p', cfl: DEFAULT_CFL[scheme], implicitDiffusion: true };
  }
}

/** All 1-D solvers of H, in SCHEMES_1D order. */
export const solvers1D = (H: Expr, variable = 'p'): Solver1D[] => SCHEMES_1D.map((s) => solver1D(H, s, variable));
