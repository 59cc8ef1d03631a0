// On a 1-D quotient: the reduced loss Lbar(w) through a section theta = s(w),
// and the metric G as a function of (w, c).
import { add, mul, num, pow, sub, sym } from '../ir/build.js';
import type { Expr, Fraction } from '../ir/expr.js';
import { NormalForm } from '../ir/normal-form.js';
import { diff } from '../ir/diff.js';
import { substitute } from '../ir/substitute.js';
import { coefficientMatrix, nullSpace } from '../symmetry/exact-linear-algebra.js';

/**
 * A section: all parameters but one set to 1 and the remaining one solved from
 * w(theta) = w, when w is affine in it there. Returns the bindings theta(w).
 */
export function findSection(w: Expr, params: readonly string[], variable: string, nf: NormalForm): Map<string, Expr> | undefined {
  for (const p of params) {
    const ones = new Map(params.filter((q) => q !== p).map((q) => [q, num(1)] as const));
    const restricted = substitute(w, ones);
    const slope = nf.canonical(diff(restricted, p));
    // restricted depends on p alone, so a constant non-zero slope means affine and solvable.
    if (slope.kind !== 'num' || slope.value.equals(0)) continue;
    const intercept = nf.canonical(substitute(restricted, { [p]: num(0) }));
    const solved = mul(sub(sym(variable), intercept), pow(slope, -1));
    return new Map([...ones, [p, solved]]);
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
