// The explicit Godunov solver of the derived conservation law
// p_t + f(p)_x = nu p_xx (Burgers: f = p^2/2), built as a kernel from the flux
// expression f(p) of the derivation: the Godunov flux of a convex f is
//   F(pL, pR) = min_{[pL,pR]} f  (pL <= pR; the sonic value f(p_s) if p_s is inside: entropy fix)
//             = max(f(pL), f(pR))  (pL > pR: shock)
// Outflow ghost cells; dt from dt (max|f'|/dx + 4 nu/dx^2) = cfl.
import type { Expr } from '../ir/expr.js';
import { diff } from '../ir/diff.js';
import { compile } from '../ir/evaluate.js';
import { at, bin, kcall, kvar, num, select, type KExpr, type Kernel } from './kernel-ir.js';

/** Lower an expression in one variable, the variable replaced by a kernel expression (flux formulas are tiny: no CSE). */
export function lowerIn(e: Expr, variable: string, value: KExpr): KExpr {
  switch (e.kind) {
    case 'num': return num(e.value.valueOf());
    case 'sym': if (e.name === variable) return value; throw new Error(`flux uses an unknown symbol ${e.name}`);
    case 'add': return e.terms.map((t) => lowerIn(t, variable, value)).reduce((a, b) => bin('+', a, b));
    case 'mul': return e.factors.map((t) => lowerIn(t, variable, value)).reduce((a, b) => bin('*', a, b));
    case 'pow': return e.exp.kind === 'num' && e.exp.value.equals(2) ? bin('*', lowerIn(e.base, variable, value), lowerIn(e.base, variable, value)) : kcall('pow', lowerIn(e.base, variable, value), lowerIn(e.exp, variable, value));
    case 'call': return kcall(e.fn as never, ...e.args.map((a) => lowerIn(a, variable, value)));
  }
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
  const pL = at('p', 0), pR = at('p', 1);
  const godunov = select(bin('<=', pL, pR),
    select(bin('&&', bin('<=', pL, num(ps)), bin('<=', num(ps), pR)), f(num(ps)), kcall('min', f(pL), f(pR))),
    kcall('max', f(pL), f(pR)));
  const dx = kvar('dx'), nu = kvar('nu'), dt = kvar('dt');
  return {
    name: 'burgers_godunov',
    doc: `Godunov scheme for p_t + f(p)_x = nu p_xx with f(p) = ${flux.kind === 'mul' || flux.kind === 'pow' ? 'p^2/2' : 'the derived flux'}; p has one ghost cell at each end (outflow); integrates to t_end in place and returns the number of steps.`,
    scalars: ['dx', 'nu', 't_end', 'cfl'],
    arrays: [{ name: 'p', intent: 'inout' }, { name: 'next', intent: 'scratch' }, { name: 'F', intent: 'scratch' }],
    returns: 'steps',
    body: [
      { k: 'let', name: 't', value: num(0) },
      { k: 'let', name: 'steps', value: num(0) },
      { k: 'let', name: 'amax', value: num(0) },
      { k: 'let', name: 'dt', value: num(0) },
      {
        k: 'while', cond: bin('<', kvar('t'), bin('-', kvar('t_end'), num(1e-14))), body: [
          { k: 'ghost', array: 'p', size: 'p' },
          { k: 'comment', text: 'CFL: dt (max|f\'(p)|/dx + 4 nu/dx^2) = cfl' },
          { k: 'reduce', target: 'amax', op: 'max', size: 'p', from: 1, toFromEnd: -1, value: kcall('abs', lowerIn(dflux, variable, at('p', 0))) },
          { k: 'set', name: 'dt', value: kcall('min', bin('/', kvar('cfl'), bin('+', bin('/', kcall('max', kvar('amax'), num(1e-12)), dx), bin('/', bin('*', num(4), nu), bin('*', dx, dx)))), bin('-', kvar('t_end'), kvar('t'))) },
          { k: 'comment', text: 'Godunov flux at interface i+1/2 (exact Riemann solution at x/t = 0)' },
          { k: 'stencil', out: 'F', size: 'p', from: 0, toFromEnd: -1, value: godunov },
          { k: 'comment', text: 'conservative update plus central diffusion' },
          { k: 'stencil', out: 'next', size: 'p', from: 1, toFromEnd: -1, value: bin('+', bin('-', at('p', 0), bin('*', bin('/', dt, dx), bin('-', at('F', 0), at('F', -1)))), bin('*', bin('/', bin('*', nu, dt), bin('*', dx, dx)), bin('+', bin('-', at('p', 1), bin('*', num(2), at('p', 0))), at('p', -1)))) },
          { k: 'stencil', out: 'p', size: 'p', from: 1, toFromEnd: -1, value: at('next', 0) },
          { k: 'set', name: 't', value: bin('+', kvar('t'), dt) },
          { k: 'set', name: 'steps', value: bin('+', kvar('steps'), num(1)) },
        ],
      },
    ],
  };
}
