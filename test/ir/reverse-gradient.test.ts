// Reverse accumulation against the variable-by-variable derivative (diff.ts) and
// central differences, on expressions and on a deep network's loss.
import { describe, expect, it } from 'vitest';
import { gradient } from '../../src/ir/diff.js';
import { compile, compileMany } from '../../src/ir/evaluate.js';
import { nodeCount } from '../../src/ir/expr.js';
import { add } from '../../src/ir/build.js';
import { parseExpr } from '../../src/ir/parse.js';
import { reverseGradient } from '../../src/ir/reverse-gradient.js';
import { buildModel } from '../../src/pipeline/derive.js';
import { parseSpec } from '../../src/spec/load.js';
import { randomPoint } from '../../src/symmetry/generic-rank.js';

const agree = (e: ReturnType<typeof parseExpr>, vars: string[], seed: number, tol = 1e-10) => {
  const x = randomPoint(vars.length, seed).map((v) => Math.abs(v) + 0.3); // positive: logs and roots are real
  const rev = new Float64Array(vars.length), ref = new Float64Array(vars.length);
  compileMany(reverseGradient(e, vars), vars)(x, rev);
  compileMany(gradient(e, vars), vars)(x, ref);
  ref.forEach((r, i) => expect(Math.abs(rev[i] - r)).toBeLessThan(tol * (1 + Math.abs(r))));
};

describe('reverseGradient', () => {
  it.each([
    ['(a*b - 1)^2 / 2', ['a', 'b']],
    ['exp(a*b) + log(a + b^2) * sin(c)', ['a', 'b', 'c']],
    ['a^b + sqrt(a*c)', ['a', 'b', 'c']],
    ['tanh(a*x + b)*c + leaky_relu(a - 2, 0.1)', ['a', 'b', 'c', 'x']],
    ['a*a*a + (a + b)*(a - b)', ['a', 'b']],
  ])('%s equals diff() as a function', (src, vars) => {
    agree(parseExpr(src), vars as string[], 3);
  });

  it('a variable the expression does not contain has derivative 0, and so does every variable of a constant', () => {
    expect(reverseGradient(parseExpr('a^2'), ['b'])[0]).toEqual(parseExpr('0'));
    expect(reverseGradient(parseExpr('3'), ['a'])[0]).toEqual(parseExpr('0'));
  });

  it('on a 2-8-8-8-1 tanh network loss: equals diff() and central differences, and its size is linear in the loss (not parameters x loss)', () => {
    const spec = parseSpec({ name: 'deep', architecture: { kind: 'mlp', input: 2, layers: [{ width: 8, activation: 'tanh' }, { width: 8, activation: 'tanh' }, { width: 8, activation: 'tanh' }, { width: 1, activation: 'identity' }] }, loss: 'mse', data: { kind: 'teacher', samples: 6, seed: 3 }, training: { lr: 0.05, batch: 2, steps: 10, seed: 1 } }, 'deep.yaml');
    const model = buildModel(spec);
    const P = model.parameters;
    const g = reverseGradient(model.loss, P);
    const x = randomPoint(P.length, 5);
    const rev = new Float64Array(P.length), ref = new Float64Array(P.length);
    compileMany(g, P)(x, rev);
    compileMany(gradient(model.loss, P), P)(x, ref);
    const L = compile(model.loss, P), h = 1e-6;
    ref.forEach((r, i) => {
      expect(Math.abs(rev[i] - r)).toBeLessThan(1e-9 * (1 + Math.abs(r)));
      const p = Float64Array.from(x), m = Float64Array.from(x);
      p[i] += h; m[i] -= h;
      expect(Math.abs(rev[i] - (L(p) - L(m)) / (2 * h))).toBeLessThan(1e-6 * (1 + Math.abs(r)));
    });
    expect(nodeCount(add(...g))).toBeLessThan(4 * nodeCount(model.loss));
  });
});
