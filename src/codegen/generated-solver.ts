// The generated solvers in-process: the kernels of solvers/ compiled with
// compile-js (the same printed text every target gets), once per (H, scheme),
// behind functions over grid arrays. Layout (ghost cells, scratch arrays) is
// handled here; a solve allocates its arrays once, the kernel nothing per step.
//   generatedSolver1D(H, 'godunov' | 'weno5')  p(x, 0) at cell centres -> p(x, T)
//   generatedSolver1D(H, 'hj')                 u(x, 0) at nodes -> u(x, T) and p = u_x
//                                              (centred differences; one-sided at the ends)
//   generatedSolver2D(H[, variable, 'godunov' | 'weno5'])
//                                              p(x, y, 0) row-major nx x ny -> p(x, y, T)
//   generatedHJ2D(H[, variable])                u(x, y, 0) at nodes, row-major nx x ny -> u(x, y, T)
//                                              and p = grad u = (px, py) (centred; one-sided at the edges)
import type { Expr } from '../ir/expr.js';
import { text } from '../print/text.js';
import { compileJs } from './compile-js.js';
import { signatureArrays, type Kernel } from './kernel-ir.js';
import { burgers2dGodunovKernel, burgers2dWeno5Kernel, hj2dLaxFriedrichsKernel, solver1D, type Scheme1D, type Scheme2D } from './solvers/index.js';

export interface Solve1DOptions {
  readonly dx: number;
  readonly nu: number;
  readonly time: number;
  /** Courant number; default that of the scheme (0.9 Godunov and HJ, 0.5 WENO5). */
  readonly cfl?: number;
}
export interface Solution1D {
  /** p = u_x: the solution of the conservation-law schemes; for HJ, differences of u. */
  readonly p: Float64Array;
  /** u (HJ only). */
  readonly u?: Float64Array;
  readonly steps: number;
}
export type GeneratedSolver1D = (initial: Float64Array, o: Solve1DOptions) => Solution1D;

export interface Solve2DOptions {
  readonly nx: number;
  readonly ny: number;
  readonly dx: number;
  readonly dy: number;
  readonly nu: number;
  readonly time: number;
  /** Default 0.9 (Godunov: each direction's limit), 0.5 (WENO5: the directions' rates summed). */
  readonly cfl?: number;
}
export type GeneratedSolver2D = (p0: Float64Array, o: Solve2DOptions) => { readonly p: Float64Array; readonly steps: number };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type KernelFn = (...args: any[]) => number;

/**
 * Compiled solvers by (scheme, H): compilation is deterministic, so this is a
 * memo, not state; its size is the number of distinct derived equations seen.
 */
const compiled = new Map<string, unknown>();

/** The solver under `key`, built (and compiled) on first use. */
function memo<T>(key: string, build: () => T): T {
  if (!compiled.has(key)) compiled.set(key, build());
  return compiled.get(key) as T;
}

/** A kernel and the number of arrays (state, then scratch of the same size) it takes. */
function compiledKernel(k: Kernel): { kernel: KernelFn; arrays: number } {
  return { kernel: compileJs<KernelFn>(k), arrays: signatureArrays(k).length };
}

/** Row-major nx x ny values into a zeroed (nx + 2g) x (ny + 2g) array with g ghost layers, plus its scratch arrays. */
function padded2D(values: Float64Array, nx: number, ny: number, g: number, arrays: number): Float64Array[] {
  const W = nx + 2 * g;
  const work = Array.from({ length: arrays }, () => new Float64Array(W * (ny + 2 * g)));
  for (let j = 0; j < ny; j++) work[0].set(values.subarray(j * nx, (j + 1) * nx), (j + g) * W + g);
  return work;
}

/** The interior nx x ny of a padded array (the inverse of padded2D). */
function interior2D(padded: Float64Array, nx: number, ny: number, g: number): Float64Array {
  const W = nx + 2 * g, out = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) out.set(padded.subarray((j + g) * W + g, (j + g) * W + g + nx), j * nx);
  return out;
}

/** The generated 1-D solver of `scheme` for u_t + H(u_x) = nu u_xx (and p_t + H(p)_x = nu p_xx), compiled once. */
export function generatedSolver1D(H: Expr, scheme: Scheme1D, variable = 'p'): GeneratedSolver1D {
  return memo(`${scheme}|${variable}|${text(H)}`, () => {
    const s = solver1D(H, scheme, variable);
    const { kernel, arrays } = compiledKernel(s.kernel);
    const g = s.ghosts;
    const solve: GeneratedSolver1D = (initial, o) => {
      const n = initial.length, N = n + 2 * g;
      if (n < 3) throw new RangeError(`generatedSolver1D: need at least 3 ${s.unknown === 'u' ? 'nodes' : 'cells'} (got ${n})`);
      if (!(o.time >= 0) || !(o.nu >= 0) || !(o.dx > 0)) throw new RangeError(`generatedSolver1D: need time >= 0, nu >= 0, dx > 0 (got ${o.time}, ${o.nu}, ${o.dx})`);
      const work = Array.from({ length: arrays }, () => new Float64Array(N));
      work[0].set(initial, g);
      const steps = kernel(...work, o.dx, o.nu, o.time, o.cfl ?? s.cfl);
      const values = work[0].slice(g, g + n);
      if (s.unknown === 'p') return { p: values, steps };
      // p = u_x by centred differences over the ghost nodes the kernel left consistent
      // (linear extrapolation: one-sided differences at the two ends)
      const u = work[0];
      const p = Float64Array.from({ length: n }, (_, i) => (u[i + 2] - u[i]) / (2 * o.dx));
      return { u: values, p, steps };
    };
    return solve;
  });
}

/**
 * The generated 2-D solver of p_t + H(p)_x + H(p)_y = nu Lap p, compiled once:
 * 'godunov' (default) Strang-split Godunov, 1 ghost per side; 'weno5' unsplit
 * WENO5 + SSP-RK3, 3 ghosts per side.
 */
export function generatedSolver2D(H: Expr, variable = 'p', scheme: Scheme2D = 'godunov'): GeneratedSolver2D {
  return memo(`2d-${scheme}|${variable}|${text(H)}`, (): GeneratedSolver2D => {
    const { kernel, arrays } = compiledKernel(scheme === 'weno5' ? burgers2dWeno5Kernel(H, variable) : burgers2dGodunovKernel(H, variable));
    const g = scheme === 'weno5' ? 3 : 1, cfl = scheme === 'weno5' ? 0.5 : 0.9;
    return (p0, o) => {
      const { nx, ny } = o;
      if (p0.length !== nx * ny) throw new RangeError(`generatedSolver2D: p0 has ${p0.length} values for ${nx} x ${ny} cells`);
      const work = padded2D(p0, nx, ny, g, arrays);
      const steps = kernel(...work, nx, ny, o.dx, o.dy, o.nu, o.time, o.cfl ?? cfl);
      return { p: interior2D(work[0], nx, ny, g), steps };
    };
  });
}

export interface SolutionHJ2D {
  /** u(x, y, T) on the nodes, row-major nx x ny. */
  readonly u: Float64Array;
  /** p = grad u = (px, py): centred differences of u, one-sided at the edges (the ghosts extrapolate u linearly). */
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly steps: number;
}
export type GeneratedHJ2D = (u0: Float64Array, o: Solve2DOptions) => SolutionHJ2D;

/**
 * The generated 2-D Lax-Friedrichs solver of u_t + H(u_x) + H(u_y) = nu Lap u
 * (hj2d_lax_friedrichs; p = grad u solves the gradient-field Burgers equation),
 * compiled once; 1 ghost node per side, default cfl 0.9. A function of its own
 * rather than a scheme of generatedSolver2D: its unknown is u, not p, and it
 * returns both components of p.
 */
export function generatedHJ2D(H: Expr, variable = 'p'): GeneratedHJ2D {
  return memo(`2d-hj|${variable}|${text(H)}`, (): GeneratedHJ2D => {
    const { kernel, arrays } = compiledKernel(hj2dLaxFriedrichsKernel(H, variable));
    const solve: GeneratedHJ2D = (u0, o) => {
      const { nx, ny, dx, dy } = o, W = nx + 2;
      if (nx < 3 || ny < 3) throw new RangeError(`generatedHJ2D: need at least 3 x 3 nodes (got ${nx} x ${ny})`);
      if (u0.length !== nx * ny) throw new RangeError(`generatedHJ2D: u0 has ${u0.length} values for ${nx} x ${ny} nodes`);
      if (!(o.time >= 0) || !(o.nu >= 0) || !(dx > 0) || !(dy > 0)) throw new RangeError(`generatedHJ2D: need time >= 0, nu >= 0, dx, dy > 0 (got ${o.time}, ${o.nu}, ${dx}, ${dy})`);
      const work = padded2D(u0, nx, ny, 1, arrays);
      const w = work[0];
      const steps = kernel(...work, nx, ny, dx, dy, o.nu, o.time, o.cfl ?? 0.9);
      const u = new Float64Array(nx * ny), px = new Float64Array(nx * ny), py = new Float64Array(nx * ny);
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const c = (j + 1) * W + i + 1;
          u[j * nx + i] = w[c];
          px[j * nx + i] = (w[c + 1] - w[c - 1]) / (2 * dx);
          py[j * nx + i] = (w[c + W] - w[c - W]) / (2 * dy);
        }
      }
      return { u, px, py, steps };
    };
    return solve;
  });
}
