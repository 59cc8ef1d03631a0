// Invariants and conserved quantities against independent numerics: each
// invariant stays constant along the group flow theta' = A theta, each
// conserved quantity along gradient flow theta' = -grad L (both by RK4).
import { describe, expect, it } from 'vitest';
import { sub } from '../../src/ir/build.js';
import type { Expr } from '../../src/ir/expr.js';
import { gradient } from '../../src/ir/diff.js';
import { compile } from '../../src/ir/evaluate.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { parseExpr } from '../../src/ir/parse.js';
import { quadraticForm, symmetricElements } from '../../src/symmetry/conserved.js';
import { polynomialInvariants } from '../../src/symmetry/invariants.js';
import { infinitesimalGenerator, linearSymmetryAlgebra } from '../../src/symmetry/linear-search.js';
import { randomPoint } from '../../src/symmetry/generic-rank.js';
import { coefficientMatrix, rank } from '../../src/symmetry/exact-linear-algebra.js';

const same = (a: string, e: Expr): boolean => { const nf = new NormalForm(); return nf.isZero(sub(parseExpr(a), e)) || nf.isZero(sub(parseExpr(`-(${a})`), e)); };

function rk4(f: (x: Float64Array) => Float64Array, x0: Float64Array, h: number, steps: number): Float64Array {
  let x = Float64Array.from(x0);
  const axpy = (a: Float64Array, s: number, b: Float64Array) => a.map((v, i) => v + s * b[i]);
  for (let k = 0; k < steps; k++) {
    const k1 = f(x), k2 = f(axpy(x, h / 2, k1)), k3 = f(axpy(x, h / 2, k2)), k4 = f(axpy(x, h, k3));
    x = x.map((v, i) => v + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
  }
  return x;
}

function symmetries(loss: string, params: string[]) {
  const L = parseExpr(loss);
  const { matrices } = linearSymmetryAlgebra(L, params);
  const fields = matrices.map((A) => infinitesimalGenerator(A, params));
  return { L, matrices, fields };
}

describe('polynomial invariants', () => {
  it.each([
    ['(a*b - 1)^2 / 2', ['a', 'b'], ['a*b']],
    ['(v1*w1 + v2*w2 - 1)^2', ['v1', 'v2', 'w1', 'w2'], ['v1*w1 + v2*w2']],
    ['(a^2 + b^2 + c^2 - 1)^2', ['a', 'b', 'c'], ['a^2 + b^2 + c^2']],
    ['(a*b*c - 1)^2 / 2', ['a', 'b', 'c'], ['a*b*c']],
    ['(w^2 - 1)^2 / 4 + v', ['w', 'v'], ['w', 'v']],
  ])('%s: invariants %j', (loss, params, expected) => {
    const { fields } = symmetries(loss, params);
    const ws = polynomialInvariants(fields, params, expected.length, 1);
    expect(ws).toHaveLength(expected.length);
    expected.forEach((e) => expect(ws.some((w) => same(e, w))).toBe(true));
  });

  it('each invariant is constant along the flow of every generator (RK4)', () => {
    const params = ['v1', 'v2', 'w1', 'w2'];
    const { matrices, fields } = symmetries('(v1*w1 + v2*w2 - 1)^2', params);
    const [w] = polynomialInvariants(fields, params, 1, 1);
    const wf = compile(w, params);
    const x0 = randomPoint(4, 9);
    matrices.forEach((A) => {
      const x1 = rk4((x) => Float64Array.from(A, (row) => row.reduce((s, a, j) => s + a.valueOf() * x[j], 0)), x0, 0.01, 50);
      expect(Math.abs(wf(x1) - wf(x0))).toBeLessThan(1e-8);
    });
  });

  it('more invariants requested than exist (up to degree 3): returns what it found', () => {
    const { fields } = symmetries('(a*b - 1)^2 / 2', ['a', 'b']);
    expect(polynomialInvariants(fields, ['a', 'b'], 2, 1)).toHaveLength(1);
  });
});

describe('conserved quantities of gradient flow (Noether, docs/theory.md §1)', () => {
  it.each([
    ['(a*b - 1)^2 / 2', ['a', 'b'], ['a^2 - b^2']],
    ['w^2/2 + v^2/2', ['w', 'v'], []],
    ['(a*b*c - 1)^2 / 2', ['a', 'b', 'c'], ['a^2 - b^2', 'a^2 - c^2']],
    ['(v1*w1 + v2*w2 - 1)^2', ['v1', 'v2', 'w1', 'w2'], ['v1^2 - w1^2', 'v2^2 - w2^2', 'v1*v2 - w1*w2', 'v1*w2 - v2*w1']],
  ])('%s: conserved %j, each constant along gradient flow (RK4)', (loss, params, expected) => {
    const { L, matrices } = symmetries(loss, params);
    const Qs = symmetricElements(matrices).map((S) => quadraticForm(S, params));
    expect(Qs).toHaveLength(expected.length);
    // same span: adding the expected quadratic forms does not raise the rank of the coefficient matrix
    const nf = new NormalForm();
    const cols = (es: Expr[]) => es.map((e) => nf.coefficients(e)!);
    const all = [...Qs, ...expected.map((e) => parseExpr(e))];
    expect(rank(coefficientMatrix(cols(all)), all.length)).toBe(Qs.length);
    const grad = gradient(L, params).map((g) => compile(g, params));
    const x0 = randomPoint(params.length, 4).map((v) => 0.5 * v);
    const x1 = rk4((x) => Float64Array.from(grad, (g) => -g(x)), x0, 1e-3, 300);
    expect(Math.max(...x1.map((v, i) => Math.abs(v - x0[i])))).toBeGreaterThan(1e-3); // the flow moved
    for (const Q of [...Qs, ...expected.map((e) => parseExpr(e))]) {
      const q = compile(Q, params);
      expect(Math.abs(q(x1) - q(x0))).toBeLessThan(1e-8);
    }
  });

  it('(a b - 1)^2/2: exactly a^2 - b^2 (up to sign)', () => {
    const { matrices } = symmetries('(a*b - 1)^2 / 2', ['a', 'b']);
    const [S] = symmetricElements(matrices);
    expect(same('a^2 - b^2', quadraticForm(S, ['a', 'b']))).toBe(true);
  });
});
