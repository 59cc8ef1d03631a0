// The pieces the generated PDE solvers share, as kernel-IR builders: the flux
// (or Hamiltonian) of a derived expression lowered at a kernel value, the
// Godunov flux with its sonic entropy fix, outflow ghost cells, the CFL time
// step and the time loop. The solver files (godunov.ts, weno5.ts,
// hamilton-jacobi.ts, burgers-2d.ts) hold the schemes only.
//
// Every kernel built from these integrates in place from t = 0 to t_end,
// shortening the last step to land on t_end (the same loop as src/numerics:
// t < t_end - 1e-14 max(1, t_end)), and returns the number of steps.
import type { Expr } from '../../ir/expr.js';
import { diff } from '../../ir/diff.js';
import { compile } from '../../ir/evaluate.js';
import { text } from '../../print/text.js';
import { assign, bin, comment, declare, iadd, index, kcall, kvar, num, select, type ArrayParam, type KExpr, type Length, type ScalarParam, type Stmt } from '../kernel-ir.js';
import { lowerExprs } from '../lower-expr.js';
import { rootOfNonDecreasing } from '../../util/monotone-root.js';

/** e(variable := value) as a kernel expression (fluxes are tiny: no CSE, expanded inline). */
export function lowerIn(e: Expr, variable: string, value: KExpr): KExpr {
  return lowerExprs([e], (s) => {
    if (s === variable) return value;
    throw new Error(`flux uses the symbol ${s}; a flux may depend on ${variable} only`);
  }, { cse: false }).values[0];
}

/** A convex flux f(p) (or Hamiltonian H(p)) of the derivation, ready to be inlined into kernels. */
export interface KernelFlux {
  /** The derived expression, as text (for the kernel's comments). */
  readonly text: string;
  readonly f: (v: KExpr) => KExpr;
  /** f' by symbolic differentiation of the derived expression. */
  readonly df: (v: KExpr) => KExpr;
  /** The sonic point p_s, f'(p_s) = 0 (src/util/monotone-root.ts), found at generation time and printed as a number; +-Infinity when f is monotone. */
  readonly sonic: number;
  /** f(p_s), folded to a number (finite p_s only). */
  readonly atSonic: number;
}

export function kernelFlux(flux: Expr, variable = 'p'): KernelFlux {
  const dflux = diff(flux, variable);
  const dfc = compile(dflux, [variable]);
  const sonic = rootOfNonDecreasing((x) => dfc([x]));
  return {
    text: text(flux),
    f: (v) => lowerIn(flux, variable, v),
    df: (v) => lowerIn(dflux, variable, v),
    sonic,
    atSonic: Number.isFinite(sonic) ? compile(flux, [variable])([sonic]) : NaN,
  };
}

/** The first line of a solver body: the equation with the derived flux spelled out (and its sonic point, for Godunov fluxes). */
export const equationComment = (equation: string, F: KernelFlux, name: 'f' | 'H', variable: string, sonic: boolean): Stmt =>
  comment(`${equation} with ${name}(${variable}) = ${F.text} (read off the derived HJ equation)${sonic && Number.isFinite(F.sonic) ? `, sonic point ${variable}_s = ${F.sonic}` : ''}`);

/**
 * The Godunov flux of a convex f: the flux of the exact Riemann solution at x/t = 0,
 *   F(pL, pR) = min over [pL, pR] of f   (pL <= pR: rarefaction; f(p_s) when the fan is
 *                                         transonic, pL <= p_s <= pR: the entropy fix)
 *             = max over [pR, pL] of f   (pL > pR: shock)
 * (Osher's closed form, src/numerics/riemann-burgers.ts godunovFlux).
 */
export function godunovFlux(F: KernelFlux, pL: KExpr, pR: KExpr): KExpr {
  const rarefaction = kcall('min', F.f(pL), F.f(pR));
  const fan = Number.isFinite(F.sonic)
    ? select(bin('&&', bin('<=', pL, num(F.sonic)), bin('<=', num(F.sonic), pR)), num(F.atSonic), rarefaction)
    : rarefaction;
  return select(bin('<=', pL, pR), fan, kcall('max', F.f(pL), F.f(pR)));
}

/**
 * Outflow (zero-gradient) ghosts: the g cells before `first` and after `last`
 * copy them. For a wave leaving the box this is the exact upwind state, so
 * nothing reflects into the domain (src/numerics/grid.ts fillGhosts).
 * `at(k)` is the array index of cell k, k counted from `first`.
 */
export function outflowGhosts(array: string, g: number, first: KExpr, last: KExpr, at: (cell: KExpr) => KExpr): Stmt[] {
  const cell = (base: KExpr, k: number) => index(array, at(iadd(base, k)));
  const ks = Array.from({ length: g }, (_, k) => k + 1);
  return [...ks.map((k) => assign(cell(first, -k), cell(first, 0))), ...ks.map((k) => assign(cell(last, k), cell(last, 0)))];
}

/** The scalar parameters every solver kernel takes, in order. */
export const SOLVER_SCALARS: readonly ScalarParam[] = (['dx', 'nu', 't_end', 'cfl'] as const).map((name) => ({ k: 'scalar', name, type: 'double' }));
/** The 2-D solvers' scalars: nx, ny (ints), dx, dy, nu, t_end, cfl. */
export const SOLVER_SCALARS_2D: readonly ScalarParam[] = [
  { k: 'scalar', name: 'nx', type: 'int' }, { k: 'scalar', name: 'ny', type: 'int' },
  ...SOLVER_SCALARS.slice(0, 1), { k: 'scalar', name: 'dy', type: 'double' }, ...SOLVER_SCALARS.slice(1),
];

export const solverArray = (name: string, intent: ArrayParam['intent'], length: Length = { size: 'n' }): ArrayParam => ({ k: 'array', name, length, intent });

/**
 * The CFL-limited step: amax = max |f'| (accumulated by `speeds`, floored at
 * 1e-12 so that dt stays finite at rest), then
 *   dt = min over directions of cfl / (amax/h + c nu/h^2),  and at most t_end - t
 * (combine 'min': split schemes, one direction at a time), or for unsplit
 * multi-dimensional schemes (combine 'sum')
 *   dt = cfl / sum over directions of (amax/h + c nu/h^2).
 * c = 4 for the conservation-law schemes, 2 for HJ (docs/numerics.md "Time steps").
 */
export function cflStep(speeds: readonly Stmt[], spacings: readonly KExpr[], c: number, combine: 'min' | 'sum' = 'min'): Stmt[] {
  const nu = kvar('nu'), amax = kcall('max', kvar('amax'), num(1e-12));
  const rate = (h: KExpr): KExpr => bin('+', bin('/', amax, h), bin('/', bin('*', num(c), nu), bin('*', h, h)));
  const limit = (h: KExpr): KExpr => bin('/', kvar('cfl'), rate(h));
  const dt = combine === 'min'
    ? spacings.map(limit).reduce((a, b) => kcall('min', a, b))
    : bin('/', kvar('cfl'), spacings.map(rate).reduce((a, b) => bin('+', a, b)));
  return [
    comment(combine === 'min'
      ? `CFL: dt (max|f'|/dx + ${c} nu/dx^2) = cfl, the last step shortened to land on t_end`
      : `CFL (unsplit): dt (max|f'|/dx + ${c} nu/dx^2 + max|f'|/dy + ${c} nu/dy^2) = cfl, the last step shortened to land on t_end`),
    assign(kvar('amax'), num(0)),
    ...speeds,
    assign(kvar('dt'), kcall('min', dt, bin('-', kvar('t_end'), kvar('t')))),
  ];
}

/** t = 0; while t < t_end: body; t += dt; afterwards `final` (ghosts consistent with the result). */
export function timeLoop(body: readonly Stmt[], final: readonly Stmt[]): Stmt[] {
  const t = kvar('t'), tEnd = kvar('t_end');
  return [
    declare('t', num(0)),
    declare('steps', num(0)),
    declare('amax', num(0)),
    declare('dt', num(0)),
    {
      k: 'while', cond: bin('<', t, bin('-', tEnd, bin('*', num(1e-14), kcall('max', num(1), tEnd)))), body: [
        ...body,
        assign(t, bin('+', t, kvar('dt'))),
        assign(kvar('steps'), bin('+', kvar('steps'), num(1))),
      ],
    },
    ...final,
  ];
}
