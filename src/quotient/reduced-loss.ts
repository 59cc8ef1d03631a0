// On a 1-D quotient: the reduced loss Lbar(w) through a section theta = s(w),
// and the metric G as a function of (w, c).
import { add, mul, num, pow, sub, sym } from '../ir/build.js';
import type { Expr, Fraction } from '../ir/expr.js';
import { NormalForm } from '../ir/normal-form.js';
import { diff } from '../ir/diff.js';
import { substitute } from '../ir/substitute.js';
import { latex } from '../print/latex-expr.js';
import { latexSymbol } from '../print/symbol-names.js';
import { coefficientMatrix, nullSpace } from '../symmetry/exact-linear-algebra.js';

export interface Section {
  /** theta = s(w), one binding per parameter. */
  readonly bindings: ReadonlyMap<string, Expr>;
  /** Lbar(w) = L(s(w)), in normal form. */
  readonly reducedLoss: Expr;
  /** Where a square-root section is real, as LaTeX (e.g. "w \\ge 0"); undefined for an affine section (all w). */
  readonly rangeTex?: string;
}

/** The parameter p solved from alpha p^k + beta = w (k = 1, or k = 2 on the positive branch), when `restricted` has that shape in p. */
function solveFor(restricted: Expr, p: string, variable: string, degree: 1 | 2, nf: NormalForm): { value: Expr; rangeTex?: string } | undefined {
  const at0 = (e: Expr): Expr => nf.canonical(substitute(e, { [p]: num(0) }));
  const isConst = (e: Expr): e is Expr & { kind: 'num' } => e.kind === 'num';
  const beta = at0(restricted);
  const d1 = nf.canonical(diff(restricted, p));
  if (!isConst(beta)) return undefined;
  if (degree === 1) return isConst(d1) && !d1.value.equals(0) ? { value: mul(sub(sym(variable), beta), num(d1.value.inverse())) } : undefined;
  const d2 = nf.canonical(diff(d1, p));
  const linear = at0(d1);
  // alpha p^2 + beta: constant non-zero second derivative and no linear term.
  if (isConst(d2) && !d2.value.equals(0) && isConst(linear) && linear.value.equals(0)) {
    // real where (w - beta) / alpha >= 0, alpha = d2 / 2
    return {
      value: pow(mul(sub(sym(variable), beta), num(d2.value.inverse().mul(2))), num(1, 2)),
      rangeTex: `${latexSymbol(variable)} ${d2.value.s > 0n ? '\\ge' : '\\le'} ${latex(beta)}`,
    };
  }
  return undefined;
}

/** Tried in order: affine with the others at 1 (a b -> a = w, b = 1), at 0 (a + b -> a = w, b = 0); a pure square with the others at 0 (covers w >= beta = 0), then at 1. */
const CANDIDATES: readonly (readonly [fill: number, degree: 1 | 2])[] = [[1, 1], [0, 1], [0, 2], [1, 2]];

/**
 * A section theta = s(w) of the 1-D quotient: all parameters but one fixed
 * and the remaining one solved from w(theta) = w (see CANDIDATES). A candidate
 * is kept only when the normal form proves L(theta) = Lbar(w(theta))
 * identically, so a loss that is not a function of w alone (e.g. relu(a) b,
 * where the sign of a matters) gets no section rather than a wrong reduced loss.
 */
export function findSection(loss: Expr, w: Expr, params: readonly string[], variable: string, nf: NormalForm): Section | undefined {
  for (const [fill, degree] of CANDIDATES) {
    for (const p of params) {
      const fixed = new Map(params.filter((q) => q !== p).map((q) => [q, num(fill)] as const));
      const solved = solveFor(substitute(w, fixed), p, variable, degree, nf);
      if (!solved) continue;
      const bindings = new Map([...fixed, [p, solved.value] as const]);
      const reducedLoss = nf.canonical(substitute(loss, bindings));
      if (nf.isZero(sub(loss, substitute(reducedLoss, { [variable]: w })))) return { bindings, reducedLoss, ...(solved.rangeTex ? { rangeTex: solved.rangeTex } : {}) };
    }
  }
  return undefined;
}

/**
 * Express G (scalar) as P(w, c) or sqrt(P(w, c)) with P a polynomial of degree
 * <= 2 in (w, c...), by coefficient matching. Returns the expression in the
 * quotient symbols, or undefined.
 */
export function metricInInvariants(G: Expr, w: Expr, cs: readonly Expr[], names: { w: string; c: readonly string[] }, nf: NormalForm): Expr | undefined {
  const vars = [w, ...cs];
  const symbols = [names.w, ...names.c].map(sym);
  const monos: { inTheta: Expr; inQ: Expr }[] = [{ inTheta: num(1), inQ: num(1) }];
  for (let i = 0; i < vars.length; i++) {
    monos.push({ inTheta: vars[i], inQ: symbols[i] });
    for (let j = i; j < vars.length; j++) monos.push({ inTheta: mul(vars[i], vars[j]), inQ: mul(symbols[i], symbols[j]) });
  }
  for (const [target, wrap] of [[G, (e: Expr) => e], [pow(G, 2), (e: Expr) => pow(e, num(1, 2))]] as const) {
    const cols = [...monos.map((m) => nf.coefficients(m.inTheta)), nf.coefficients(target)];
    if (cols.some((c) => c === null)) return undefined;
    const ns = nullSpace(coefficientMatrix(cols as Map<string, Fraction>[]), cols.length);
    const sol = ns.find((v) => !v[v.length - 1].equals(0));
    if (!sol) continue;
    const scale = sol[sol.length - 1].neg();
    const poly = add(...monos.map((m, i) => mul(num(sol[i].div(scale)), m.inQ)));
    return wrap(poly);
  }
  return undefined;
}
