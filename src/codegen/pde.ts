// The derived equation as the source of the generated solvers. The
// coarse-graining stage returns the viscous Hamilton-Jacobi equation as an
// expression E = 0 in jet symbols (rules/coarse-graining/cole-hopf.yaml `after`:
// u_t + u_x^2/2 - nu*u_xx). Read off its Hamiltonian:
//   E = u_t + H(u_x) - nu u_xx   =>   H(p) = E[u_t = 0, u_xx = 0][u_x = p].
// The conservation law of p = u_x is p_t + H(p)_x = nu p_xx (docs/theory.md §1), so H
// is also the flux f of the Burgers-type equation: every generated solver is
// built from this one expression.
import { add, mul, num, sub, sym } from '../ir/build.js';
import { freeSymbols, type Expr } from '../ir/expr.js';
import { NormalForm } from '../ir/normal-form.js';
import { substitute } from '../ir/substitute.js';
import { text } from '../print/text.js';

/** The jet symbols of the 1-D HJ equation and the viscosity (as the coarse-graining rules spell them). */
export interface HJSymbols { readonly ut: string; readonly ux: string; readonly uxx: string; readonly nu: string }
export const HJ_SYMBOLS: HJSymbols = { ut: 'u_t', ux: 'u_x', uxx: 'u_xx', nu: 'nu' };

export class EquationFormError extends Error {}

/**
 * H(variable) from the viscous HJ equation `u_t + H(u_x) - nu u_xx` (= 0).
 * Throws EquationFormError, naming the equation and what is wrong, when it is
 * not of the form u_t + H(u_x) = nu u_xx (a u_t term with coefficient other
 * than 1, a diffusion term other than nu u_xx, or H depending on anything but u_x).
 */
export function hamiltonianOf(hj: Expr, variable = 'p', s: HJSymbols = HJ_SYMBOLS): Expr {
  const fail = (why: string): never => {
    throw new EquationFormError(`hamiltonianOf: ${text(hj)} = 0 is not of the form ${s.ut} + H(${s.ux}) = ${s.nu} ${s.uxx}: ${why}`);
  };
  const symbols = freeSymbols(hj);
  if (!symbols.includes(s.ut)) fail(`it has no ${s.ut} term`);
  const foreign = symbols.filter((x) => ![s.ut, s.ux, s.uxx, s.nu].includes(x));
  if (foreign.length > 0) fail(`it depends on ${foreign.join(', ')} (H may depend on ${s.ux} only)`);
  const h = substitute(hj, { [s.ut]: num(0), [s.uxx]: num(0) });
  const nf = new NormalForm();
  const residual = sub(hj, add(sym(s.ut), h, mul(num(-1), sym(s.nu), sym(s.uxx))));
  if (!nf.isZero(residual)) fail(`the ${s.ut} and ${s.uxx} terms are not exactly ${s.ut} - ${s.nu}*${s.uxx} (left over: ${text(nf.canonical(residual))})`);
  if (freeSymbols(nf.canonical(h)).some((x) => x !== s.ux)) fail(`H = ${text(h)} depends on ${s.nu}`);
  return substitute(h, { [s.ux]: sym(variable) });
}
