// The explicit Godunov solver of the derived conservation law
//   p_t + f(p)_x = nu p_xx       (DESIGN §1, Burgers: f(p) = p^2/2)
// built as a kernel from the flux expression f(p) of the derivation. The
// Godunov flux of a convex f is the flux of the exact Riemann solution at x/t = 0:
//   F(pL, pR) = min_{[pL, pR]} f = f(p_s) if pL <= p_s <= pR (transonic
//               rarefaction: the entropy fix), else min(f(pL), f(pR))   (pL <= pR)
//             = max(f(pL), f(pR))                                       (pL > pR: shock)
// with p_s the sonic point f'(p_s) = 0. Outflow ghost cells (zero gradient);
// dt from dt (max|f'(p)|/dx + 4 nu/dx^2) = cfl.
import type { Expr } from '../ir/expr.js';
import { diff } from '../ir/diff.js';
import { compile } from '../ir/evaluate.js';
import { accumulate, assign, bin, comment, declare, iadd, index, kcall, kvar, loop, num, select, type KExpr, type Kernel } from './kernel-ir.js';
import { lowerExprs } from './lower-expr.js';

/** f(value) as a kernel expression: the flux's one variable replaced (flux formulas are tiny: no CSE). */
export function lowerIn(e: Expr, variable: string, value: KExpr): KExpr {
  return lowerExprs([e], (s) => {
    if (s === variable) return value;
    throw new Error(`flux uses an unknown symbol ${s}`);
  }, { cse: false }).values[0];
}

/** The sonic point p_s (f'(p_s) = 0) of a convex flux, by bisection on [-1e6, 1e6]. */
function sonicPoint(df: (p: number) => number): number {
  let lo = -1e6, hi = 1e6;
  for (let k = 0; k < 200; k++) { const m = 0.5 * (lo + hi); if (df(m) < 0) lo = m; else hi = m; }
  return Math.abs(0.5 * (lo + hi)) < 1e-12 ? 0 : 0.5 * (lo + hi);
}

export function godunovSolverKernel(flux: Expr, variable = 'p'): Kernel {
  const dflux = diff(flux, variable);
  const ps = sonicPoint((x) => compile(dflux, [variable])([x]));
  const f = (v: KExpr): KExpr => lowerIn(flux, variable, v);
  const i = kvar('i'), n = kvar('n');
  const p = (off: number): KExpr => index('p', iadd(i, off));
  const pL = p(0), pR = p(1);
  const godunov = select(bin('<=', pL, pR),
    select(bin('&&', bin('<=', pL, num(ps)), bin('<=', num(ps), pR)), f(num(ps)), kcall('min', f(pL), f(pR))),
    kcall('max', f(pL), f(pR)));
  const dx = kvar('dx'), nu = kvar('nu'), dt = kvar('dt'), t = kvar('t');
  const interior = (body: Parameters<typeof loop>[3]) => loop('i', 1, iadd(n, -1), body, true);
  const length = { size: 'n' } as const;
  return {
    name: 'burgers_godunov',
    doc: 'Godunov scheme for p_t + f(p)_x = nu p_xx with the derived flux f; p has one ghost cell at each end (outflow); integrates to t_end in place and returns the number of steps.',
    inputs: [
      { k: 'array', name: 'p', length, intent: 'inout' },
      { k: 'array', name: 'next', length, intent: 'scratch' },
      { k: 'array', name: 'F', length, intent: 'scratch' },
      ...(['dx', 'nu', 't_end', 'cfl'] as const).map((name) => ({ k: 'scalar', name, type: 'double' }) as const),
    ],
    outputs: [],
    temps: [],
    returns: 'steps',
    body: [
      declare('t', num(0)),
      declare('steps', num(0)),
      declare('amax', num(0)),
      declare('dt', num(0)),
      {
        k: 'while', cond: bin('<', t, bin('-', kvar('t_end'), num(1e-14))), body: [
          comment('outflow ghost cells: p[0] = p[1], p[n-1] = p[n-2]'),
          assign(index('p', 0), index('p', 1)),
          assign(index('p', iadd(n, -1)), index('p', iadd(n, -2))),
          comment("CFL: dt (max|f'(p)|/dx + 4 nu/dx^2) = cfl"),
          assign(kvar('amax'), num(0)),
          interior([accumulate(kvar('amax'), kcall('abs', lowerIn(dflux, variable, p(0))), 'max')]),
          assign(dt, kcall('min', bin('/', kvar('cfl'), bin('+', bin('/', kcall('max', kvar('amax'), num(1e-12)), dx), bin('/', bin('*', num(4), nu), bin('*', dx, dx)))), bin('-', kvar('t_end'), t))),
          comment('Godunov flux at interface i+1/2 (exact Riemann solution at x/t = 0)'),
          loop('i', 0, iadd(n, -1), [assign(index('F', i), godunov)], true),
          comment('conservative update plus central diffusion'),
          interior([assign(index('next', i), bin('+', bin('-', p(0), bin('*', bin('/', dt, dx), bin('-', index('F', i), index('F', iadd(i, -1))))), bin('*', bin('/', bin('*', nu, dt), bin('*', dx, dx)), bin('+', bin('-', p(1), bin('*', num(2), p(0))), p(-1)))))]),
          interior([assign(index('p', i), index('next', i))]),
          assign(t, bin('+', t, dt)),
          assign(kvar('steps'), bin('+', kvar('steps'), num(1))),
        ],
      },
    ],
  };
}
