// The two-dimensional scalar law
//   p_t + f(p)_x + f(p)_y = nu (p_xx + p_yy)     (f = H, the derived flux; Burgers: p^2/2)
// by unsplit finite-difference WENO5-JS: the semi-discrete operator
//   L(p) = [-(Fx_{i+1/2} - Fx_{i-1/2})/dx + nu D4x p] + [-(Fy_{j+1/2} - Fy_{j-1/2})/dy + nu D4y p]
// sums the 1-D WENO5 operator of weno5.ts along every row and every column
// (the same face reconstruction, global Lax-Friedrichs splitting with one
// alpha = max|f'(p)| per stage for both directions, fourth-order central
// diffusion), advanced by SSP-RK3. Outflow ghosts (zero gradient, 3 per side)
// on all four sides, refilled every stage; the corner ghosts are never read.
// dt (max|f'|/dx + 4 nu/dx^2 + max|f'|/dy + 4 nu/dy^2) = cfl (default 0.5):
// the unsplit condition, the directions' rates summed. Data constant in y
// gives Fy differences that are exactly 0, so every row follows the 1-D
// burgers_weno5 (with cfl doubled when dx = dy, the same dt).
// Storage: row-major with a 3-cell ghost frame, p[j (nx + 6) + i] at
// (x_{i-3}, y_{j-3}), 3 <= i < nx + 3, 3 <= j < ny + 3.
import type { Expr } from '../../ir/expr.js';
import { accumulate, assign, bin, comment, declare, iadd, index, kcall, kvar, loop, num, type KExpr, type Kernel, type Stmt } from '../kernel-ir.js';
import { cflStep, equationComment, kernelFlux, outflowGhosts, SOLVER_SCALARS_2D, solverArray, timeLoop } from './stencil.js';
import { d4Laplacian, laxFriedrichsSplit, sspRk3Stage, weno5Flux, weno5Operator } from './weno5.js';

export function burgers2dWeno5Kernel(flux: Expr, variable = 'p'): Kernel {
  const F = kernelFlux(flux, variable);
  const g = 3;
  const i = kvar('i'), j = kvar('j'), nx = kvar('nx'), ny = kvar('ny');
  const width = iadd(nx, 2 * g);
  /** Index of cell (j + dj, i + di). */
  const cell = (dj: number, di: number): KExpr => iadd(bin('+', bin('*', iadd(j, dj), width), i), di);
  const at = (array: string, dj: number, di: number) => index(array, cell(dj, di));
  // loops: rows j (scalar), cells i of a row (element-wise)
  const rows = (from: number, to: KExpr, body: readonly Stmt[]): Stmt => loop('j', from, to, body);
  const cols = (from: number, to: KExpr, body: readonly Stmt[]): Stmt => loop('i', from, to, body, true);
  const everyCell = (body: readonly Stmt[]): Stmt => rows(g, iadd(ny, g), [cols(g, iadd(nx, g), body)]);

  const ghosts = [
    comment('outflow ghosts (3 per side): rows copy their first and last interior values along x, columns along y'),
    rows(g, iadd(ny, g), outflowGhosts('p', g, num(g), iadd(nx, g - 1), (c) => bin('+', bin('*', j, width), c))),
    cols(g, iadd(nx, g), outflowGhosts('p', g, num(g), iadd(ny, g - 1), (r) => iadd(i, bin('*', r, width)))),
  ];
  /** `p(o)` etc. o cells along x (dir 'x') or y from cell (j, i). */
  const along = (dir: 'x' | 'y', array: string) => (o: number) => (dir === 'x' ? at(array, 0, o) : at(array, o, 0));
  /** Add direction dir's part of L: WENO5 fluxes at its faces, then L (+)= -(F diff)/h + nu D4 p. */
  const direction = (dir: 'x' | 'y'): Stmt[] => {
    const h = kvar(dir === 'x' ? 'dx' : 'dy');
    const face = weno5Flux(along(dir, 'fp'), along(dir, 'fm'));
    const Fl = along(dir, 'F');
    const part = weno5Operator(Fl(0), Fl(-1), h, d4Laplacian(along(dir, 'p'), h));
    const faceLoop = [...face.stmts, assign(at('F', 0, 0), face.value)];
    return [
      comment(`${dir}-direction: F at the ${dir}-faces (f+ reconstructed from the 5 cells behind, f- mirrored), L ${dir === 'x' ? '=' : '+='} -(F_+ - F_-)/d${dir} + nu D4 p`),
      dir === 'x'
        ? rows(g, iadd(ny, g), [cols(g - 1, iadd(nx, g), faceLoop)])
        : rows(g - 1, iadd(ny, g), [cols(g, iadd(nx, g), faceLoop)]),
      everyCell([assign(at('L', 0, 0), dir === 'x' ? part : bin('+', at('L', 0, 0), part))]),
    ];
  };
  const length = { size: 'm' } as const;
  return {
    name: 'burgers2d_weno5',
    doc: 'Unsplit WENO5-JS (global Lax-Friedrichs splitting) + SSP-RK3 for p_t + f(p)_x + f(p)_y = nu (p_xx + p_yy) with the derived flux f = H, fourth-order central diffusion; p row-major (nx + 6) x (ny + 6) with a 3-cell ghost frame (outflow); integrates to t_end in place and returns the number of steps.',
    inputs: [
      solverArray('p', 'inout', length),
      ...['p0', 'L', 'fp', 'fm', 'F'].map((name) => solverArray(name, 'scratch', length)),
      ...SOLVER_SCALARS_2D,
    ],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: [equationComment('p_t + f(p)_x + f(p)_y = nu (p_xx + p_yy)', F, 'f', variable, false), ...timeLoop([
      ...cflStep([everyCell([accumulate(kvar('amax'), kcall('abs', F.df(at('p', 0, 0))), 'max')])], [kvar('dx'), kvar('dy')], 4, 'sum'),
      comment('u^n, kept for the Runge-Kutta combinations'),
      everyCell([assign(at('p0', 0, 0), at('p', 0, 0))]),
      loop('s', 0, 3, [
        comment('SSP-RK3 stage s: the semi-discrete operator L(p) of the current stage value p'),
        ...ghosts,
        comment("Lax-Friedrichs splitting f+- = (f(p) +- alpha p)/2, alpha = max|f'(p)| over the interior (the ghosts copy it)"),
        declare('alpha', num(0)),
        everyCell([accumulate(kvar('alpha'), kcall('abs', F.df(at('p', 0, 0))), 'max')]),
        comment('split fluxes on the interior and the ghost cells of both directions (the corners are never read)'),
        rows(0, iadd(ny, 2 * g), [cols(0, width, laxFriedrichsSplit(F, at('p', 0, 0), at('fp', 0, 0), at('fm', 0, 0)))]),
        ...direction('x'),
        ...direction('y'),
        everyCell([assign(at('p', 0, 0), sspRk3Stage(at('p', 0, 0), at('p0', 0, 0), at('L', 0, 0)))]),
      ]),
    ], ghosts)],
  };
}
