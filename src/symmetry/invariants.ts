// Polynomial invariants w(theta) of a set of linear generators: xi_k . grad w = 0
// for every k. Linear fields preserve degree, so each degree d = 1..3 is solved
// separately by coefficient matching on the monomial ansatz w = sum_m c_m m.
import { mul, num, pow, sym, add } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';
import { NormalForm } from '../ir/normal-form.js';
import { numericalRank, evaluateRows, randomPoint } from './generic-rank.js';
import { gradient } from '../ir/diff.js';
import { coefficientMatrix, nullSpace } from './exact-linear-algebra.js';
import { lieDerivative } from './linear-search.js';

function monomials(params: readonly string[], degree: number): Expr[] {
  const out: Expr[] = [];
  const rec = (start: number, left: number, acc: number[]): void => {
    if (left === 0) {
      const counts = new Map<number, number>();
      acc.forEach((i) => counts.set(i, (counts.get(i) ?? 0) + 1));
      out.push(mul(...[...counts].map(([i, e]) => pow(sym(params[i]), e))));
      return;
    }
    for (let i = start; i < params.length; i++) rec(i, left - 1, [...acc, i]);
  };
  rec(0, degree, []);
  return out;
}

/**
 * Up to `wanted` functionally independent polynomial invariants, lowest degree
 * and sparsest first.
 */
export function polynomialInvariants(fields: readonly (readonly Expr[])[], params: readonly string[], wanted: number, seed: number, nf: NormalForm = new NormalForm()): Expr[] {
  const chosen: Expr[] = [];
  const point = randomPoint(params.length, seed);
  const rankOf = (ws: readonly Expr[]): number => numericalRank(evaluateRows(ws.map((w) => gradient(w, params)), params, point));
  for (let d = 1; d <= 3 && chosen.length < wanted; d++) {
    const ms = monomials(params, d);
    // Columns: for each monomial m, the stacked coefficient maps of xi_k . grad m over all k.
    const columns = ms.map((m) => {
      const merged = new Map<string, import('../ir/expr.js').Fraction>();
      fields.forEach((f, k) => {
        const c = nf.coefficients(lieDerivative(f, m, params)) ?? new Map();
        for (const [key, v] of c) merged.set(`${k}|${key}`, v);
      });
      return merged;
    });
    const basis = fields.length === 0 ? ms.map((_, i) => ms.map((__, j) => (i === j ? 1 : 0))) : nullSpace(coefficientMatrix(columns), ms.length).map((v) => v.map((x) => x));
    const candidates = basis
      .map((v) => add(...v.map((c, i) => mul(typeof c === 'number' ? num(c) : num(c), ms[i]))))
      .sort((a, b) => nf.termCount(a) - nf.termCount(b));
    for (const w of candidates) {
      if (chosen.length >= wanted) break;
      if (rankOf([...chosen, w]) > chosen.length) chosen.push(w);
    }
  }
  return chosen;
}
