// The two-dimensional scalar viscous Burgers-type law
//   p_t + f(p)_x + f(p)_y = nu (p_xx + p_yy)     (f = H, the derived flux; Burgers: p^2/2)
// by Strang dimension splitting: half an x-sweep, a y-sweep, half an x-sweep,
// each sweep the 1-D Godunov scheme of godunov.ts (exact Riemann flux with the
// sonic entropy fix, central diffusion in that direction) on every grid line.
// First order. Outflow ghosts (zero gradient) on all four sides; dt is the
// smaller of the two 1-D limits dt (max|f'|/h + 4 nu/h^2) = cfl.
// Storage: row-major with a ghost frame, p[j (nx + 2) + i] at (x_{i-1}, y_{j-1}),
// 1 <= i <= nx, 1 <= j <= ny. Scope: a scalar law (src/numerics/burgers-2d.ts,
// the reference, states when the 2-D gradient field reduces to it).
import type { Expr } from '../../ir/expr.js';
import { accumulate, assign, bin, comment, declare, iadd, index, kcall, kvar, loop, num, type KExpr, type Kernel, type Stmt } from '../kernel-ir.js';
import { godunovUpdate, updateRatios } from './godunov.js';
import { cflStep, equationComment, godunovFlux, kernelFlux, outflowGhosts, SOLVER_SCALARS_2D, solverArray, timeLoop } from './stencil.js';

export function burgers2dGodunovKernel(flux: Expr, variable = 'p'): Kernel {
  const F = kernelFlux(flux, variable);
  const i = kvar('i'), j = kvar('j'), nx = kvar('nx'), ny = kvar('ny');
  const width = iadd(nx, 2);
  /** Index of cell (j + dj, i + di). */
  const cell = (dj: number, di: number): KExpr => iadd(bin('+', bin('*', iadd(j, dj), width), i), di);
  const at = (array: string, dj: number, di: number) => index(array, cell(dj, di));
  // loops: rows j (scalar), cells i of a row (element-wise)
  const rows = (from: number, to: KExpr, body: readonly Stmt[]): Stmt => loop('j', from, to, body);
  const cols = (from: number, to: KExpr, body: readonly Stmt[]): Stmt => loop('i', from, to, body, true);
  const everyCell = (body: readonly Stmt[]): Stmt => rows(1, iadd(ny, 1), [cols(1, iadd(nx, 1), body)]);
  const copyBack = everyCell([assign(at('p', 0, 0), at('next', 0, 0))]);

  const xGhosts = [rows(1, iadd(ny, 1), outflowGhosts('p', 1, num(1), nx, (c) => bin('+', bin('*', j, width), c)))];
  const rowStart = (r: KExpr): KExpr => (r.k === 'const' && r.v === 0 ? r : r.k === 'const' && r.v === 1 ? width : bin('*', r, width));
  const yGhosts = [cols(1, iadd(nx, 1), outflowGhosts('p', 1, num(1), ny, (r) => iadd(i, rowStart(r))))];
  /** One Godunov sweep along x (dir 'x') or y over a time `tau`. */
  const sweep = (dir: 'x' | 'y', tau: KExpr): Stmt[] => {
    const h = kvar(dir === 'x' ? 'dx' : 'dy');
    const p = (off: number) => (dir === 'x' ? at('p', 0, off) : at('p', off, 0));
    const Fl = (off: number) => (dir === 'x' ? at('F', 0, off) : at('F', off, 0));
    return [
      comment(`${dir}-sweep: outflow ghosts, Godunov fluxes at the ${dir}-interfaces, conservative update with central diffusion`),
      ...(dir === 'x' ? xGhosts : yGhosts),
      dir === 'x'
        ? rows(1, iadd(ny, 1), [cols(0, iadd(nx, 1), [assign(Fl(0), godunovFlux(F, p(0), p(1)))])])
        : rows(0, iadd(ny, 1), [cols(1, iadd(nx, 1), [assign(Fl(0), godunovFlux(F, p(0), p(1)))])]),
      everyCell([assign(at('next', 0, 0), godunovUpdate(p, Fl, updateRatios(tau, h)))]),
      copyBack,
    ];
  };
  const half = kvar('half');
  const length = { size: 'm' } as const;
  return {
    name: 'burgers2d_godunov',
    doc: 'Godunov scheme with Strang splitting (x/2, y, x/2) for p_t + f(p)_x + f(p)_y = nu (p_xx + p_yy) with the derived flux f = H; p row-major (nx + 2) x (ny + 2) with a ghost frame (outflow); integrates to t_end in place and returns the number of steps.',
    inputs: [
      solverArray('p', 'inout', length), solverArray('next', 'scratch', length), solverArray('F', 'scratch', length),
      ...SOLVER_SCALARS_2D,
    ],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: [equationComment('p_t + f(p)_x + f(p)_y = nu (p_xx + p_yy)', F, 'f', variable, true), ...timeLoop([
      ...cflStep([everyCell([accumulate(kvar('amax'), kcall('abs', F.df(at('p', 0, 0))), 'max')])], [kvar('dx'), kvar('dy')], 4),
      declare('half', bin('/', kvar('dt'), num(2))),
      ...sweep('x', half),
      ...sweep('y', kvar('dt')),
      ...sweep('x', half),
    ], [...xGhosts, ...yGhosts])],
  };
}
