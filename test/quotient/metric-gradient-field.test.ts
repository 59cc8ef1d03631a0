// G = J J^T against finite differences, the push-forward dw/dt = -G Lbar'(w)
// along a numerically integrated gradient flow, and the gradient-field verdicts.
import { describe, expect, it } from 'vitest';
import { expressionModel } from '../../src/architecture/expression.js';
import { gradient } from '../../src/ir/diff.js';
import { compile } from '../../src/ir/evaluate.js';
import { parseExpr } from '../../src/ir/parse.js';
import { gradientFieldVerdict } from '../../src/quotient/gradient-field.js';
import { pushforwardMetric } from '../../src/quotient/metric.js';
import { quotientStage } from '../../src/quotient/quotient.js';
import { parseSpec } from '../../src/spec/load.js';
import { expressionSymmetries } from '../../src/symmetry/expression-symmetries.js';
import { numericalRank, randomPoint } from '../../src/symmetry/generic-rank.js';

const ctx = { seed: 1, rulesDir: 'rules', tolerance: 1e-9 };
function stages(loss: string, parameters: string[]) {
  const model = expressionModel(parseSpec({ name: 't', architecture: { kind: 'expression', parameters, loss }, training: { temperature: 0.1 } }, 't.yaml'));
  const sym = expressionSymmetries(model, ctx);
  return { model, sym, q: quotientStage(model, sym, ctx) };
}

describe('push-forward metric G = J J^T', () => {
  it('matches a central-difference Jacobian of the invariants', () => {
    const params = ['a', 'b', 'c', 'd'];
    const ws = ['a*b + c*d', 'a^2 - b*c', 'a*b*c*d'].map(parseExpr);
    const G = pushforwardMetric(ws, params).map((row) => row.map((g) => compile(g, params)));
    const wf = ws.map((w) => compile(w, params));
    const x = randomPoint(4, 3), h = 1e-6;
    const J = wf.map((f) => params.map((_, k) => {
      const p = Float64Array.from(x), m = Float64Array.from(x);
      p[k] += h; m[k] -= h;
      return (f(p) - f(m)) / (2 * h);
    }));
    G.forEach((row, i) => row.forEach((g, j) => {
      const fd = J[i].reduce((s, v, k) => s + v * J[j][k], 0);
      expect(Math.abs(g(x) - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
    }));
  });

  it('(a b - 1)^2/2: along gradient flow, dw/dt = -G Lbar\'(w) with G = sqrt(c^2 + 4 w^2)', () => {
    const { model, q } = stages('(a*b - 1)^2 / 2', ['a', 'b']);
    const P = model.parameters;
    const grad = gradient(model.loss, P).map((g) => compile(g, P));
    const w = compile(q.coordinates[0].expr, P);
    const lbarPrime = compile(gradient(q.reduced!.loss, [q.reduced!.variable])[0], [q.reduced!.variable]);
    const Gwc = compile(q.reduced!.metric!, [q.reduced!.variable, 'c']);
    const x = Float64Array.from([1.3, -0.4]);
    const c = x[0] ** 2 - x[1] ** 2;
    // a small explicit step of the flow theta' = -grad L, central in time
    const h = 1e-6;
    const step = (s: number) => Float64Array.from(x, (v, i) => v - s * grad[i](x));
    const dwdt = (w(step(h)) - w(step(-h))) / (2 * h);
    const predicted = -Gwc([w(x), c]) * lbarPrime([w(x)]);
    expect(Math.abs(dwdt - predicted)).toBeLessThan(1e-6);
  });
});

describe('gradient-field verdict (rank tests at seeded generic points)', () => {
  it.each([
    ['(w^2 - 1)^2 / 4', ['w'], 'exact'],
    ['(a*b - 1)^2 / 2', ['a', 'b'], 'on-level-set'],
    ['(a*b*c - 1)^2 / 2', ['a', 'b', 'c'], 'on-level-set'],
    ['(a^2 + b^2 + c^2 - 1)^2', ['a', 'b', 'c'], 'exact'],
    ['(x + y - 1)^2', ['x', 'y'], 'exact'],
    ['(u - 1)^2 / 2 + 3*(v + 2)^2 / 2', ['u', 'v'], 'exact'],
  ])('%s: %s', (loss, params, verdict) => {
    const { q } = stages(loss, params as string[]);
    expect(q.gradientField).toBe(verdict);
    const step = q.steps.find((s) => s.rule === 'pushforward-metric')!;
    expect(step.checks.every((c) => c.status === 'passed')).toBe(true);
  });

  it('fails when G is not a function of w and c (G = a^2 with w = a b and no conserved quantity)', () => {
    const r = gradientFieldVerdict([parseExpr('a*b')], [], [[parseExpr('a^2')]], ['a', 'b'], 1);
    expect(r.verdict).toBe('fails');
    expect(r.consistent).toBe(true);
  });

  it('on-level-set needs the conserved quantity: dropping c turns (a b - 1)^2/2 into fails', () => {
    const G = [[parseExpr('a^2 + b^2')]];
    expect(gradientFieldVerdict([parseExpr('a*b')], [parseExpr('a^2 - b^2')], G, ['a', 'b'], 1).verdict).toBe('on-level-set');
    expect(gradientFieldVerdict([parseExpr('a*b')], [], G, ['a', 'b'], 1).verdict).toBe('fails');
  });
});

describe('gradient-field ranks by parameter blocks (the network route)', () => {
  // The reference: one dense SVD of the full stacked Jacobian, as before the blocks.
  const denseRanks = (w: string[], c: string[], G: string[][], params: string[], seed: number) => {
    const x = randomPoint(params.length, seed);
    const rows = (es: string[]) => es.map((e) => gradient(parseExpr(e), params).map((d) => compile(d, params)(x)));
    const upper = G.flatMap((r, i) => r.filter((_, j) => j >= i));
    const [dw, dc, dG] = [rows(w), rows(c), rows(upper)];
    return { w: numericalRank(dw, 1e-8), wG: numericalRank([...dw, ...dG], 1e-8), wc: numericalRank([...dw, ...dc], 1e-8), wcG: numericalRank([...dw, ...dc, ...dG], 1e-8) };
  };
  const params = ['a', 'b', 'c', 'd', 'e', 'f'];
  // per-"unit" invariants a b, c d, and e + f; conserved a^2 - b^2, c^2 - d^2
  const w = ['a*b', 'c*d', 'e + f'];
  const cons = ['a^2 - b^2', 'c^2 - d^2'];

  it('G = J J^T is zero exactly between coordinates that share no parameter, and the ranks equal one dense SVD', () => {
    const G = pushforwardMetric(w.map(parseExpr), params);
    expect(G[0][1]).toEqual(parseExpr('0'));
    expect(G[0][2]).toEqual(parseExpr('0'));
    const r = gradientFieldVerdict(w.map(parseExpr), cons.map(parseExpr), G, params, 5);
    expect(r.blocks).toBe(3);
    expect(r.verdict).toBe('on-level-set');
    const text = (e: (typeof G)[number][number]) => JSON.stringify(e);
    expect(text(G[0][0])).toBe(text(pushforwardMetric([parseExpr('a*b')], ['a', 'b'])[0][0]));
    expect(r.ranks).toEqual(denseRanks(w, cons, [['a^2 + b^2', '0', '0'], ['0', 'c^2 + d^2', '0'], ['0', '0', '2']], params, 5));
  });

  it('one block whose G is not a function of (w, c) makes the whole verdict fail, with the dense ranks', () => {
    // c^2 + d^2 is not a function of c d without the conserved c^2 - d^2
    const G = [['a^2 + b^2', '0', '0'], ['0', 'c^2 + d^2', '0'], ['0', '0', '2']];
    const r = gradientFieldVerdict(w.map(parseExpr), [parseExpr(cons[0])], G.map((row) => row.map(parseExpr)), params, 5);
    expect(r.verdict).toBe('fails');
    expect(r.ranks).toEqual(denseRanks(w, [cons[0]], G, params, 5));
  });

  it('an off-diagonal entry joining two blocks merges them', () => {
    const G = [['a^2 + b^2', 'b*c', '0'], ['b*c', 'c^2 + d^2', '0'], ['0', '0', '2']];
    const r = gradientFieldVerdict(w.map(parseExpr), cons.map(parseExpr), G.map((row) => row.map(parseExpr)), params, 5);
    expect(r.blocks).toBe(2);
    expect(r.ranks).toEqual(denseRanks(w, cons, G, params, 5));
  });

  it('the kernel route for big blocks (rank[A; B] = rank A + rank(B K), K = ker A) gives the dense ranks, in every verdict', () => {
    const cases: [string[], string[], string[][]][] = [
      [w, cons, [['a^2 + b^2', '0', '0'], ['0', 'c^2 + d^2', '0'], ['0', '0', '2']]],
      [w, [cons[0]], [['a^2 + b^2', '0', '0'], ['0', 'c^2 + d^2', '0'], ['0', '0', '2']]],
      [w, cons, [['a^2 + b^2', 'b*c', '0'], ['b*c', 'c^2 + d^2', '0'], ['0', '0', '2']]],
      [['a*b*c', 'd*e', 'f'], ['a^2 - b^2', 'b^2 - c^2'], [['a*b + e', 'c*d', '0'], ['c*d', 'd^2 + e^2', 'f'], ['0', 'f', '1']]],
    ];
    for (const [ws, cs, G] of cases) {
      for (const seed of [5, 9]) {
        const args = [ws.map(parseExpr), cs.map(parseExpr), G.map((row) => row.map(parseExpr)), params, seed] as const;
        const kernel = gradientFieldVerdict(...args, { denseWork: 0 });
        expect(kernel.viaKernel).toBe(kernel.blocks);
        expect(kernel.ranks).toEqual(denseRanks(ws, cs, G, params, seed));
        expect(kernel.verdict).toBe(gradientFieldVerdict(...args).verdict);
      }
    }
  });
});
