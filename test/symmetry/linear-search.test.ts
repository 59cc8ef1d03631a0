import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { num, sym } from '../../src/ir/build.js';
import { Fraction } from '../../src/ir/expr.js';
import { parseExpr } from '../../src/ir/parse.js';
import { checkIdentity } from '../../src/derivation/checks.js';
import { rank } from '../../src/symmetry/exact-linear-algebra.js';
import { infinitesimalGenerator, lieDerivative, linearSymmetryAlgebra, sampledNullity } from '../../src/symmetry/linear-search.js';

const algebra = (loss: string, params: string[]) => linearSymmetryAlgebra(parseExpr(loss), params).matrices;
const F = (x: number | string) => new Fraction(x);

describe('linear symmetry search: xi = A theta with xi . grad L == 0', () => {
  it('(a b - 1)^2 / 2: the algebra is spanned by diag(1, -1)', () => {
    const [A, ...rest] = algebra('(a*b - 1)^2 / 2', ['a', 'b']);
    expect(rest).toEqual([]);
    expect(A[0][1].equals(0) && A[1][0].equals(0)).toBe(true);
    expect(A[0][0].equals(0)).toBe(false);
    expect(A[0][0].add(A[1][1]).equals(0)).toBe(true);
  });

  it('w^2/2 + v^2/2: so(2), one antisymmetric generator', () => {
    const [A, ...rest] = algebra('w^2/2 + v^2/2', ['w', 'v']);
    expect(rest).toEqual([]);
    expect(A[0][0].equals(0) && A[1][1].equals(0) && A[0][1].add(A[1][0]).equals(0) && !A[0][1].equals(0)).toBe(true);
  });

  it.each([
    ['1/(1 + a^2*b^2)', ['a', 'b'], 1],
    ['log(1 + (a*b)^2)', ['a', 'b'], 1],
    ['exp(a*b) + tanh(a*b)', ['a', 'b'], 1],
    ['(a*b - 1)^2 / (1 + a^2*b^2) + 1/(2 + a*b)', ['a', 'b'], 1],
    ['1/(1 + x^2) + 1/(1 + y^2)', ['x', 'y'], 0],
  ])('non-polynomial loss %s: coefficient matching over a common denominator gives dimension %i', (loss, params, dim) => {
    const As = algebra(loss, params as string[]);
    expect(As).toHaveLength(dim);
    As.forEach((A, k) => {
      const checks = checkIdentity(lieDerivative(infinitesimalGenerator(A, params as string[]), parseExpr(loss), params as string[]), num(0), { seed: k });
      expect(checks.filter((c) => c.status === 'failed')).toEqual([]);
    });
  });

  // Independent reference: SymPy builds the same system from scratch (symbolic A, expand, Poly coefficients) and returns its null space.
  const cases: [string, string[]][] = [
    ['(a*b - 1)^2/2', ['a', 'b']],
    ['(v1*w1 + v2*w2 - 1)^2', ['v1', 'v2', 'w1', 'w2']],
    ['(w^2 - 1)^2/4', ['w']],
    ['w^2/2 + v^2/2', ['w', 'v']],
    ['(a*b*c - 1)^2/2', ['a', 'b', 'c']],
    ['(a^2 + b^2 + c^2 - 1)^2', ['a', 'b', 'c']],
    ['(x + y - 1)^2', ['x', 'y']],
    ['(u - 1)^2/2 + 3*(v + 2)^2/2 + u*v/2', ['u', 'v']],
  ];
  it('matches SymPy on every example: same dimension and the same span', () => {
    const py = `
import json, sys, sympy as sp
out = []
for loss, names in json.loads(sys.stdin.read()):
    th = sp.symbols(names); th = list(th) if isinstance(th, (list, tuple)) else [th]
    n = len(th)
    L = sp.sympify(loss.replace('^', '**'), locals={s.name: s for s in th})
    A = sp.Matrix(n, n, lambda i, j: sp.Symbol(f'A_{i}_{j}'))
    e = sp.expand(sum((A*sp.Matrix(th))[i]*sp.diff(L, th[i]) for i in range(n)))
    flat = [A[i, j] for i in range(n) for j in range(n)]
    rows = [[sp.diff(q, a) for a in flat] for q in sp.Poly(e, *th).coeffs()] if e != 0 else [[0]*(n*n)]
    out.append([[str(x) for x in v] for v in sp.Matrix(rows).nullspace()])
print(json.dumps(out))`;
    const ref = JSON.parse(execFileSync('python3', ['-c', py], { input: JSON.stringify(cases) }).toString()) as string[][][];
    const dims = cases.map(([loss, params], k) => {
      const ours = algebra(loss, params).map((A) => A.flat());
      const theirs = ref[k].map((v) => v.map(F));
      expect(ours).toHaveLength(theirs.length);
      if (ours.length) expect(rank([...ours, ...theirs], params.length ** 2)).toBe(ours.length);
      return ours.length;
    });
    expect(dims).toEqual([1, 6, 0, 1, 2, 3, 2, 0]);
  });

  it('a deliberately wrong generator fails every check', () => {
    const L = parseExpr('(a*b - 1)^2 / 2');
    const wrong = [sym('a'), sym('b')]; // diag(1, 1): a scaling, not a symmetry
    const checks = checkIdentity(lieDerivative(wrong, L, ['a', 'b']), num(0), { seed: 1 });
    expect(checks.map((c) => c.status)).toEqual(['failed', 'failed', 'failed']);
  });
});

describe('sampledNullity: the numeric account of the linear search', () => {
  const cases: [string, string[], number][] = [
    ['(x^2 + y^2 - 1)^2', ['x', 'y'], 1], // rotations
    ['(x*y - 1)^2', ['x', 'y'], 1], // x d_x - y d_y
    ['(w^2 - 1)^2 / 4', ['w'], 0],
    ['x^4 + y^2 + x*y', ['x', 'y'], 0],
    ['(a*b*c - 1)^2', ['a', 'b', 'c'], 2], // two independent rescalings
  ];
  for (const [loss, params, dim] of cases) {
    it(`${loss}: nullity ${dim}, equal to the exact search's dimension`, () => {
      const L = parseExpr(loss);
      expect(sampledNullity(L, params, 11)).toBe(dim);
      expect(linearSymmetryAlgebra(L, params).matrices).toHaveLength(dim);
    });
  }
});
