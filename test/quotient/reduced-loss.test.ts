import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sub } from '../../src/ir/build.js';
import type { Expr } from '../../src/ir/expr.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { parseExpr } from '../../src/ir/parse.js';
import { substitute } from '../../src/ir/substitute.js';
import { text } from '../../src/print/text.js';
import { findSection, metricInInvariants } from '../../src/quotient/reduced-loss.js';
import { expressionModel } from '../../src/architecture/expression.js';
import { mlpModel } from '../../src/architecture/mlp.js';
import { teacherData } from '../../src/data/teacher.js';
import { gradient } from '../../src/ir/diff.js';
import { compile } from '../../src/ir/evaluate.js';
import { functionalDimension, quotientStage } from '../../src/quotient/quotient.js';
import { parseSpec } from '../../src/spec/load.js';
import { expressionSymmetries } from '../../src/symmetry/expression-symmetries.js';
import { networkSymmetries } from '../../src/symmetry/network-symmetries.js';
import { randomPoint } from '../../src/symmetry/generic-rank.js';
import type { MlpArchitecture } from '../../src/spec/types.js';

const ctx = { seed: 1, rulesDir: 'rules', tolerance: 1e-9 };
const nf = new NormalForm();
const same = (a: string, e: Expr): boolean => nf.isZero(sub(parseExpr(a), e));
function quotient(loss: string, parameters: string[]) {
  const model = expressionModel(parseSpec({ name: 't', architecture: { kind: 'expression', parameters, loss }, training: { temperature: 0.1 } }, 't.yaml'));
  return quotientStage(model, expressionSymmetries(model, ctx), ctx);
}
const failed = (q: { steps: readonly { checks: readonly { status: string }[] }[] }) => q.steps.flatMap((s) => s.checks).filter((c) => c.status === 'failed');

describe('sections theta = s(w) and the reduced loss', () => {
  it.each([
    ['(a*b - 1)^2 / 2', 'a*b', '(w - 1)^2 / 2', ['a', 'b']],
    ['(x + y - 1)^2', 'x + y', '(w - 1)^2', ['x', 'y']],
    ['(a^2 + b^2 + c^2 - 1)^2', 'a^2 + b^2 + c^2', '(w - 1)^2', ['a', 'b', 'c']],
    ['1/(1 + a^2*b^2)', 'a*b', '1/(1 + w^2)', ['a', 'b']],
  ])('L = %s, w = %s: Lbar = %s, and w(s(w)) = w', (loss, w, lbar, params) => {
    const s = findSection(parseExpr(loss), parseExpr(w), params as string[], 'w', nf)!;
    expect(s).toBeDefined();
    expect(same(lbar, s.reducedLoss)).toBe(true);
    const wOfS = substitute(parseExpr(w), s.bindings);
    // evaluate at w = 2.5 (inside every section's range)
    expect(compile(wOfS, ['w'])([2.5])).toBeCloseTo(2.5, 12);
  });

  it('relu(a) b is not a function of a b alone (the sign of a matters): no section, no reduced loss', () => {
    expect(findSection(parseExpr('relu(a)*b'), parseExpr('a*b'), ['a', 'b'], 'w', nf)).toBeUndefined();
    const q = quotient('relu(a)*b', ['a', 'b']);
    expect(q.reduced).toBeUndefined();
    expect(q.steps.find((s) => s.rule === 'reduced-loss')!.statement).toMatch(/No section/);
    expect(failed(q)).toEqual([]);
  });

  it('metric in (w, c): a^2 + b^2 = sqrt(c^2 + 4 w^2), confirmed by SymPy', () => {
    const G = metricInInvariants(parseExpr('a^2 + b^2'), parseExpr('a*b'), [parseExpr('a^2 - b^2')], { w: 'w', c: ['c'] }, nf)!;
    // SymPy: with w = a b, c = a^2 - b^2 substituted, G is positive and its square is (a^2 + b^2)^2.
    const py = `
import sys, sympy as sp
a, b, w, c = sp.symbols('a b w c', real=True)
G = sp.sympify(sys.stdin.read().replace('^', '**'), locals={'w': w, 'c': c}).subs({w: a*b, c: a**2 - b**2})
print(sp.expand(G**2 - (a**2 + b**2)**2), G.subs({a: sp.Rational(3, 2), b: -2}) > 0)`;
    expect(execFileSync('python3', ['-c', py], { input: text(G) }).toString().trim()).toBe('0 True');
    expect(same('(c^2 + 4*w^2)^(1/2)', G)).toBe(true);
  });

  it('(a b c - 1)^2/2: G is only an algebraic function of (w, c1, c2), so no quotient line is formed (not a flat one)', () => {
    const q = quotient('(a*b*c - 1)^2 / 2', ['a', 'b', 'c']);
    expect(q.quotientDimension).toBe(1);
    expect(q.reduced).toBeUndefined();
    const step = q.steps.find((s) => s.rule === 'reduced-loss')!;
    expect(step.statement).toMatch(/could not be written/);
    expect(step.checks.length).toBeGreaterThan(0);
    expect(failed(q)).toEqual([]);
  });

  it('(a^2 + b^2 + c^2 - 1)^2: a square-root section and the curved metric G = 4 w', () => {
    const q = quotient('(a^2 + b^2 + c^2 - 1)^2', ['a', 'b', 'c']);
    expect(same('(w - 1)^2', q.reduced!.loss)).toBe(true);
    expect(same('4*w', q.reduced!.metric!)).toBe(true);
    expect(failed(q)).toEqual([]);
  });
});

describe('functional dimension (rank of the output Jacobian on the data)', () => {
  const arch: MlpArchitecture = { kind: 'mlp', input: 2, layers: [{ width: 3, activation: 'tanh', bias: true }, { width: 1, activation: 'identity', bias: true }] } as never;
  const model = mlpModel(arch, teacherData(arch, { samples: 6, seed: 2, noise: 0 }, 'mse'), 'mse');

  it('equals the rank NumPy finds for a central-difference Jacobian', () => {
    const P = model.parameters;
    const x = randomPoint(P.length, ctx.seed);
    const fs = model.outputs.map((f) => compile(f, P));
    const h = 1e-6;
    const J = fs.map((f) => P.map((_, k) => { const p = Float64Array.from(x), m = Float64Array.from(x); p[k] += h; m[k] -= h; return (f(p) - f(m)) / (2 * h); }));
    const numpyRank = Number(execFileSync('python3', ['-c', 'import json,sys,numpy as np; print(np.linalg.matrix_rank(np.array(json.load(sys.stdin)), tol=1e-6))'], { input: JSON.stringify(J) }).toString());
    expect(functionalDimension(model, ctx.seed)).toBe(numpyRank);
    expect(numpyRank).toBe(6); // 6 samples, 13 parameters: the data limit the rank
    expect(gradient(model.outputs[0], P)).toHaveLength(13);
  });

  it('the quotient stage runs on a network (catalogue symmetries) and reports it; null for a bare expression', () => {
    const q = quotientStage(model, networkSymmetries(model, ctx), ctx);
    expect(q.functionalDimension).toBe(6);
    expect(q.functionalDimension!).toBeLessThanOrEqual(q.quotientDimension);
    expect(quotient('(a*b - 1)^2 / 2', ['a', 'b']).functionalDimension).toBeNull();
  });
});
