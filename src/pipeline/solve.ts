// `solve`: the derived viscous Burgers equation p_t + (p^2/2)_x = nu p_xx on
// the 1-D quotient of a spec, from p(x, 0) = Lbar'(x), with a chosen scheme.
// Outflow boundaries (waves leave the box without reflection).
import { match } from 'ts-pattern';
import { compile } from '../ir/evaluate.js';
import { diff } from '../ir/diff.js';
import { burgersFlux, coleHopfSolution, detectShocks, solveBurgers1D, solveHamiltonJacobi1D, uniformGrid, type DetectedShock } from '../numerics/index.js';
import type { Intermediates } from './derive.js';
import { quotientLine } from './quotient-line.js';
import { UsageError } from '../cli/errors.js';

export const SCHEMES = ['weno5', 'godunov', 'cole-hopf', 'hj'] as const;
export type SolveScheme = (typeof SCHEMES)[number];

export interface SolveResult {
  readonly x: number[]; readonly u: number[]; readonly p: number[];
  readonly time: number; readonly viscosity: number; readonly scheme: SolveScheme;
  readonly shocks: readonly DetectedShock[];
  readonly variable: string; readonly grid: number;
}

export function solveQuotient(im: Intermediates, o: { time: number; viscosity?: number; grid: number; scheme: SolveScheme; onProgress?: (t: number) => void }): SolveResult {
  const line = quotientLine(im.spec, im.model, im.quotient);
  if (!line) throw new UsageError(`${im.spec.sourceFile}: solve needs a 1-D quotient with a reduced loss (this spec: ${im.model.kind}, quotient dimension ${im.quotient.quotientDimension})`);
  if (line.metric) throw new UsageError(`${im.spec.sourceFile}: the quotient line of this spec is curved (G not constant); solve handles flat 1-D quotients only so far`);
  const nu = o.viscosity ?? im.viscosity.nu;
  const lbar = compile(line.loss, [line.variable]);
  const dlbar = compile(diff(line.loss, line.variable), [line.variable]);
  const L = (w: number): number => lbar([w]);
  const grid = uniformGrid(line.domain[0], line.domain[1], o.grid);
  const p0 = Float64Array.from(grid.x, (w) => dlbar([w]));
  // u from p by the trapezoid rule, anchored at the left cell by Cole-Hopf (far from shocks).
  const integrate = (p: Float64Array): Float64Array => {
    const u = new Float64Array(p.length);
    u[0] = nu > 0 ? coleHopfSolution(L, nu, grid.x.subarray(0, 1), o.time, line.domain).u[0] : NaN;
    for (let i = 1; i < p.length; i++) u[i] = u[i - 1] + 0.5 * (p[i] + p[i - 1]) * grid.dx;
    return u;
  };
  const { u, p } = match(o.scheme)
    .with('cole-hopf', () => {
      if (!(nu > 0)) throw new UsageError('--scheme cole-hopf needs a positive viscosity');
      return coleHopfSolution(L, nu, grid.x, o.time, line.domain);
    })
    .with('hj', () => {
      const uu = solveHamiltonJacobi1D(grid, Float64Array.from(grid.x, L), o.time, nu, burgersFlux, 'outflow');
      const pp = Float64Array.from(uu, (_, i) => (uu[Math.min(i + 1, uu.length - 1)] - uu[Math.max(i - 1, 0)]) / ((Math.min(i + 1, uu.length - 1) - Math.max(i - 1, 0)) * grid.dx));
      return { u: uu, p: pp };
    })
    .with('godunov', 'weno5', (scheme) => {
      const pp = solveBurgers1D({ grid, p0, time: o.time, nu, flux: burgersFlux, bc: 'outflow', scheme, onProgress: o.onProgress }).p;
      return { u: integrate(pp), p: pp };
    })
    .exhaustive();
  return {
    x: [...grid.x], u: [...u], p: [...p], time: o.time, viscosity: nu, scheme: o.scheme,
    shocks: detectShocks(grid.x, p, burgersFlux, nu), variable: line.variable, grid: o.grid,
  };
}
