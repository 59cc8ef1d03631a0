import { describe, expect, it } from 'vitest';
import { expressionModel } from '../../src/architecture/expression.js';
import { parseSpec } from '../../src/spec/load.js';
import { expressionSymmetries } from '../../src/symmetry/expression-symmetries.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { parseExpr } from '../../src/ir/parse.js';
import { sub } from '../../src/ir/build.js';

const ctx = { seed: 1, rulesDir: 'rules', tolerance: 1e-9 };
const run = (loss: string, parameters: string[]) =>
  expressionSymmetries(expressionModel(parseSpec({ name: 't', architecture: { kind: 'expression', parameters, loss }, training: { temperature: 0.1 } }, 't.yaml')), ctx);
const same = (a: string, e: import('../../src/ir/expr.js').Expr) => new NormalForm().isZero(sub(parseExpr(a), e));

describe('linear symmetry search (docs/theory.md §1 examples)', () => {
  it('L = (a b - 1)^2 / 2: algebra diag(1,-1), invariant a b, conserved a^2 - b^2', () => {
    const r = run('(a*b - 1)^2 / 2', ['a', 'b']);
    expect(r.lieAlgebraDimension).toBe(1);
    expect(r.orbitDimension).toBe(1);
    expect(r.invariants).toHaveLength(1);
    expect(same('a*b', r.invariants[0].expr) || same('-a*b', r.invariants[0].expr)).toBe(true);
    expect(r.conserved).toHaveLength(1);
    expect(same('a^2 - b^2', r.conserved[0].expr) || same('b^2 - a^2', r.conserved[0].expr)).toBe(true);
    expect(r.steps.flatMap((s) => s.checks).filter((c) => c.status === 'failed')).toEqual([]);
  });

  it.each([
    ['(v1*w1 + v2*w2 - 1)^2', ['v1', 'v2', 'w1', 'w2'], 6, 3],
    ['(w^2 - 1)^2 / 4', ['w'], 0, 0],
    ['w^2/2 + v^2/2', ['w', 'v'], 1, 1],
    ['(u - 1)^2 / 2 + 3*(v + 2)^2 / 2 + u*v/2', ['u', 'v'], 0, 0],
  ])('%s: algebra dimension %i, orbit dimension %i', (loss, params, dim, orbit) => {
    const r = run(loss, params as string[]);
    expect(r.lieAlgebraDimension).toBe(dim);
    expect(r.orbitDimension).toBe(orbit);
    expect(r.invariants).toHaveLength((params as string[]).length - orbit);
  });

  it('independent reference: the algebra of (v1 w1 + v2 w2 - 1)^2 has the dimension SymPy finds', async () => {
    const { execFileSync } = await import('node:child_process');
    const py = `
import sympy as sp
v1,v2,w1,w2=sp.symbols('v1 v2 w1 w2'); th=[v1,v2,w1,w2]
L=(v1*w1+v2*w2-1)**2
A=sp.Matrix(4,4,lambda i,j: sp.Symbol(f'a{i}{j}'))
xi=A*sp.Matrix(th)
e=sp.expand(sum(xi[i]*sp.diff(L,th[i]) for i in range(4)))
eqs=sp.Poly(e,*th).coeffs()
M=sp.Matrix([[sp.diff(q,A[i,j]) for i in range(4) for j in range(4)] for q in eqs])
print(16-M.rank())`;
    expect(Number(execFileSync('python3', ['-c', py]).toString().trim())).toBe(6);
  });

  it('every generator, invariant and conserved quantity is a step citing an existing transform rule', async () => {
    const { loadTransformRules } = await import('../../src/coarse-grain/transform-rules.js');
    const { NUMERIC_CHECKS } = await import('../../src/coarse-grain/numeric-checks.js');
    const known = loadTransformRules('rules', Object.keys(NUMERIC_CHECKS));
    const r = run('(a*b*c - 1)^2 / 2', ['a', 'b', 'c']);
    const byRule = (id: string) => r.steps.filter((s) => s.rule === id && s.checks.length > 0);
    // one step per generator, plus the search itself (checked by the sampled system's nullity)
    expect(byRule('linear-symmetry-search')).toHaveLength(r.lieAlgebraDimension + 1);
    expect(r.steps.find((s) => s.id === 'symmetry/linear-search')!.checks).toMatchObject([{ method: 'numeric', status: 'passed' }]);
    expect(byRule('polynomial-invariant')).toHaveLength(r.invariants.length);
    expect(byRule('noether-gradient-flow')).toHaveLength(r.conserved.length);
    r.steps.forEach((s) => { expect(s.stage).toBe('symmetry'); expect(known.has(s.rule)).toBe(true); });
    // each verified three ways: normal form, second CAS, numeric
    r.steps.filter((s) => s.checks.length && s.id !== 'symmetry/linear-search').forEach((s) => expect(new Set(s.checks.map((c) => c.method)).size).toBeGreaterThanOrEqual(3));
  });

  it('a rational loss: 1/(1 + a^2 b^2) has the rescaling symmetry and the invariant a b', () => {
    const r = run('1/(1 + a^2*b^2)', ['a', 'b']);
    expect([r.lieAlgebraDimension, r.orbitDimension]).toEqual([1, 1]);
    expect(same('a*b', r.invariants[0].expr) || same('-a*b', r.invariants[0].expr)).toBe(true);
    expect(r.steps.flatMap((s) => s.checks).filter((c) => c.status === 'failed')).toEqual([]);
  });

  it('no symmetry: the parameters themselves are the invariants', () => {
    const r = run('(w^2 - 1)^2 / 4 + (v - w)^3', ['w', 'v']);
    expect(r.lieAlgebraDimension).toBe(0);
    expect(r.invariants.map((i) => i.expr)).toEqual([parseExpr('w'), parseExpr('v')]);
  });
});
