import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/ir/parse.js';
import { secondCasIsZero } from '../../src/cas/second-cas.js';

describe('second CAS (loaded on first use)', () => {
  it.each([
    ['(a+b)^2 - a^2 - 2*a*b - b^2', 'nerdamer'],
    ['relu(w*x) - w*x*heaviside(w*x)', 'nerdamer'],
    ['1/(1+x) + x/(1+x) - 1', 'algebrite'],
    // a unit permutation reorders the sum inside an activation the CAS does not know (opaque symbol)
    ['c*softplus(a*(u + 1) + b*v) - c*softplus(b*v + a*u + a)', 'nerdamer'],
    ['tanh(sigmoid(x*y + z)) - tanh(sigmoid(z + y*x))', 'nerdamer'],
  ])('%s is zero by %s', (s, engine) => {
    const v = secondCasIsZero(parseExpr(s));
    expect(v).toMatchObject({ status: 'passed', engine });
  });
  it.each([['(a+b)^2 - a^2 - b^2'], ['1/(1+x) - 1'], ['softplus(a*u + b*v) - softplus(b*u + a*v)']])('%s is not zero', (s) => {
    expect(secondCasIsZero(parseExpr(s)).status).toBe('failed');
  });
});
