import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/ir/parse.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { diff } from '../../src/ir/diff.js';
import { sub, sym } from '../../src/ir/build.js';
import { evaluate } from '../../src/ir/evaluate.js';

const zero = (s: string, positive: string[] = []) => new NormalForm(new Set(positive)).isZero(parseExpr(s));

describe('normal form proves identities', () => {
  it.each([
    ['(a+b)^2 - a^2 - 2*a*b - b^2'],
    ['(a^2+b^2)^2 - ((a^2-b^2)^2 + 4*(a*b)^2)'],
    ['relu(w*x) - w*x*heaviside(w*x)'],
    ['relu(2*x) - 2*relu(x)'],
    ['exp(a)*exp(b) - exp(a+b)'],
    ['1/(1+x) + x/(1+x) - 1'],
    ['t^(1/2) * t^(1/2) - t', ['t']],
    ['(4*t)^(1/2) - 2*t^(1/2)', ['t']],
    ['x/t - x*t^(-1)'],
    ['leaky_relu(x, 1/10) - x*(1/10 + 9/10*heaviside(x))'],
  ])('%s == 0', (s, pos = []) => expect(zero(s, pos as string[])).toBe(true));

  it.each([['(a+b)^2 - a^2 - b^2'], ['relu(x) - x'], ['exp(a)*exp(b) - exp(a*b)'], ['(x^2)^(1/2) - x'], ['relu(-x) + relu(x)']])(
    '%s != 0', (s) => expect(zero(s)).toBe(false));

  it('differentiates relu through Heaviside and agrees with finite differences', () => {
    const e = parseExpr('relu(w*x + b)^2 * tanh(w) + sigmoid(b)*exp(w*b)');
    const d = diff(e, 'w');
    const env = { w: 0.7, x: 1.3, b: -0.2 };
    const h = 1e-6;
    const fd = (evaluate(e, { ...env, w: env.w + h }) - evaluate(e, { ...env, w: env.w - h })) / (2 * h);
    expect(evaluate(d, env)).toBeCloseTo(fd, 6);
  });

  it('canonical form of an expanded square', () => {
    const nf = new NormalForm();
    expect(nf.isZero(sub(nf.canonical(parseExpr('(a-b)^2')), parseExpr('a^2 - 2*a*b + b^2')))).toBe(true);
    expect(nf.isZero(sym('a'))).toBe(false);
  });
});
