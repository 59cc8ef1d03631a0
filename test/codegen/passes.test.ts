// The numerical-safety pass (passes/stability.ts): each rewrite fires on its
// pattern, keeps the value where the naive form is accurate, and is finite or
// accurate where the naive form is not. Printers never rewrite.
import { describe, expect, it } from 'vitest';
import { compileJs } from '../../src/codegen/compile-js.js';
import { lowerScalar } from '../../src/codegen/lower.js';
import { stabilityPass } from '../../src/codegen/passes/stability.js';
import { printKernel } from '../../src/codegen/printer.js';
import { jsTarget } from '../../src/codegen/targets/javascript.js';
import { parseExpr } from '../../src/ir/parse.js';

type K2 = (theta: Float64Array, out: Float64Array) => void;
const value = (src: string, theta: number[]): number => {
  const out = new Float64Array(1);
  compileJs<K2>(lowerScalar('f', parseExpr(src), ['a', 'b'].slice(0, theta.length)))(Float64Array.from(theta), out);
  return out[0];
};

describe('stability pass', () => {
  it.each([
    ['log(1 + a)', 'Math.log1p(a)'],
    ['exp(a) - 1', 'Math.expm1(a)'],
    ['log(1 + exp(a))', 'hg_softplus(a)'],
    ['log(exp(a) + exp(b))', 'lse_max'],
  ])('%s is printed with %s after the pass, and not before', (src, spelling) => {
    const k = lowerScalar('f', parseExpr(src), ['a', 'b']);
    expect(printKernel(stabilityPass(k), jsTarget)).toContain(spelling);
    expect(printKernel(k, jsTarget)).not.toContain(spelling);
  });

  it.each([
    // [expression, theta, exact value, naive double result differs]
    ['log(1 + a)', [1e-17], 1e-17],
    ['exp(a) - 1', [1e-17], 1e-17],
    ['log(1 + exp(a))', [800], 800],
    ['log(exp(a) + exp(b))', [1000, 1000], 1000 + Math.LN2],
    ['log(exp(a) + exp(b))', [-1000, -1001], -1000 + Math.log1p(Math.exp(-1))],
  ])('%s at %j = %d (the naive form is wrong there)', (src, theta, exact) => {
    expect(Math.abs(value(src, theta) - exact)).toBeLessThanOrEqual(1e-15 * Math.abs(exact));
  });

  it.each([['log(1 + a)', [0.3]], ['exp(a) - 1', [0.3]], ['log(1 + exp(a))', [0.3]], ['log(exp(a) + exp(b))', [0.3, -0.4]]])('%s keeps its value at ordinary inputs', (src, theta) => {
    const naive = src === 'log(exp(a) + exp(b))' ? Math.log(Math.exp(theta[0]) + Math.exp(theta[1])) : src === 'exp(a) - 1' ? Math.exp(theta[0]) - 1 : src === 'log(1 + a)' ? Math.log(1 + theta[0]) : Math.log(1 + Math.exp(theta[0]));
    expect(value(src, theta)).toBeCloseTo(naive, 14);
  });

  it('looks through CSE locals: log of a shared sum of exponentials is still shifted', () => {
    const k = lowerScalar('f', parseExpr('log(exp(a) + exp(b)) * (exp(a) + exp(b))'), ['a', 'b']);
    expect(printKernel(stabilityPass(k), jsTarget)).toContain('lse_max');
  });
});
