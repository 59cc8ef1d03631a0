// Printer goldens: exact LaTeX and text for the precedence corner cases, and
// every printed formula accepted by KaTeX.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { mul, num, pow, sym } from '../../src/ir/build.js';
import { Fraction, mkMul, mkPow } from '../../src/ir/expr.js';
import { parseExpr } from '../../src/ir/parse.js';
import { latex } from '../../src/print/latex-expr.js';
import { text } from '../../src/print/text.js';

const renders = (tex: string): void => void katex.renderToString(tex, { throwOnError: true });

describe('latex(expr) and text(expr) goldens', () => {
  it.each([
    // [source, latex, text]
    ['-(a+b)', '-\\left(a + b\\right)', '-(a + b)'],
    ['a-(b-c)', 'a - \\left(b - c\\right)', 'a - (b - c)'],
    ['a-(b+c)*d', 'a - \\left(b + c\\right) \\, d', 'a - (b + c)*d'],
    ['(a*b)^2', '\\left(a \\, b\\right)^{2}', '(a*b)^2'],
    ['(-a)^2', '\\left(-a\\right)^{2}', '(-a)^2'],
    ['-a^2', '-a^{2}', '-a^2'],
    ['(a^b)^c', '\\left(a^{b}\\right)^{c}', '(a^b)^c'],
    ['a^(b^c)', 'a^{b^{c}}', 'a^(b^c)'],
    ['a^(b+c)', 'a^{b + c}', 'a^(b + c)'],
    ['x^-1', '\\frac{1}{x}', 'x^(-1)'],
    ['x^-2', '\\frac{1}{x^{2}}', 'x^(-2)'],
    ['x^(-1/2)', '\\frac{1}{\\sqrt{x}}', 'x^(-1/2)'],
    ['(a+b)^-1', '\\frac{1}{a + b}', '(a + b)^(-1)'],
    ['sqrt(x+1)', '\\sqrt{x + 1}', '(x + 1)^(1/2)'],
    ['x^(3/2)', 'x^{3/2}', 'x^(3/2)'],
    ['relu(x)^2', '\\left(\\operatorname{relu}\\left(x\\right)\\right)^{2}', 'relu(x)^2'],
    ['relu(x^2)', '\\operatorname{relu}\\left(x^{2}\\right)', 'relu(x^2)'],
    ['1/2*x', '\\frac{1}{2} \\, x', '1/2*x'],
    ['x/2', '\\frac{1}{2} \\, x', '1/2*x'],
    ['a - y/2', 'a - \\frac{1}{2} \\, y', 'a - 1/2*y'],
    ['(a+b)/2', '\\frac{1}{2} \\, \\left(a + b\\right)', '1/2*(a + b)'],
    ['(a+b)/(c-d)', '\\frac{a + b}{c - d}', '(a + b)*(c - d)^(-1)'],
    ['3*x/(2*y)', '\\frac{3 \\, x}{2 \\, y}', '3*x*(2*y)^(-1)'],
    ['x*y^-1', '\\frac{x}{y}', 'x*y^(-1)'],
    ['-2/x', '-\\frac{2}{x}', '-2*x^(-1)'],
    ['-3*x*y', '-3 \\, x \\, y', '-3*x*y'],
    ['a - 3*x*y', 'a - 3 \\, x \\, y', 'a - 3*x*y'],
    ['x*(-2)', '-2 \\, x', '-2*x'],
    ['-x/2 - 1', '-\\frac{1}{2} \\, x - 1', '-1/2*x - 1'],
    ['2*3^x', '2 \\cdot 3^{x}', '2*3^x'],
    ['(-2)^x', '\\left(-2\\right)^{x}', '(-2)^x'],
    ['(1/2)^x', '\\left(\\frac{1}{2}\\right)^{x}', '(1/2)^x'],
    ['2.759*w - 0.068', '2.759 \\, w - 0.068', '2759/1000*w - 17/250'],
    ['x/32', '\\frac{1}{32} \\, x', '1/32*x'],
    ['exp(-(x-y)^2/(4*nu*t))', '\\exp\\left(-\\frac{\\left(x - y\\right)^{2}}{4 \\, \\nu \\, t}\\right)', 'exp(-(x - y)^2*(4*nu*t)^(-1))'],
    ['leaky_relu(z, 0.01)', '\\operatorname{lrelu}\\left(z, \\frac{1}{100}\\right)', 'leaky_relu(z, 1/100)'],
    ['W1_2_3', 'W^{(1)}_{2,3}', 'W1_2_3'],
    ['W1_2_3^2', '{W^{(1)}_{2,3}}^{2}', 'W1_2_3^2'],
    ['W2_1_1*W1_1_1 + b1_2', 'W^{(2)}_{1,1} \\, W^{(1)}_{1,1} + b^{(1)}_{2}', 'W2_1_1*W1_1_1 + b1_2'],
    ['nu*u_xx - u*u_x', '\\nu \\, u_{xx} - u \\, u_{x}', 'nu*u_xx - u*u_x'],
    ['Lbar + thetahat', '\\bar{L} + \\hat{\\theta}', 'Lbar + thetahat'],
  ])('%s', (src, tex, txt) => {
    const e = parseExpr(src);
    expect(latex(e)).toBe(tex);
    expect(text(e)).toBe(txt);
    expect(() => renders(tex)).not.toThrow();
  });

  it.each([
    // Trees the canonical constructors never build still print correctly.
    [mkMul([sym('x'), num(-1, 2)]), '-\\frac{1}{2} \\, x', 'x*(-1/2)'],
    [mkMul([sym('x'), mkMul([sym('y'), sym('z')])]), 'x \\, \\left(y \\, z\\right)', 'x*(y*z)'],
    [mkPow(num(3), num(-1)), '\\frac{1}{3}', '3^(-1)'],
    [mkMul([num(1, 2), num(2, 3), sym('x')]), '\\frac{1}{3} \\, x', '1/2*(2/3)*x'],
    [mul(sym('x'), pow(sym('y'), num(-3, 2))), '\\frac{x}{y^{3/2}}', 'x*y^(-3/2)'],
  ])('non-canonical %#', (e, tex, txt) => {
    expect(latex(e)).toBe(tex);
    expect(text(e)).toBe(txt);
  });

  it.each([
    ['0.001059836058194044064340153455172041325', '0.001059836058194044\\ldots'],
    ['12345678901234567890.125000000000000000001', '12345678901234567890.1\\ldots'],
    ['-0.0934322736639307', '-0.0934322736639307'],
    ['0.125', '\\frac{1}{8}'],
  ])('the number %s prints as %s (digits shown are exact; a cut expansion ends in \\ldots)', (src, tex) => {
    // Built from the decimal string: parseExpr would go through a double.
    expect(latex(num(new Fraction(src)))).toBe(tex);
  });

  it('an unknown node kind is an error, not a guess', () => {
    expect(() => latex({ kind: 'matrix', hash: 0 } as never)).toThrow();
    expect(() => text({ kind: 'call', fn: 'bessel', args: [], hash: 0 } as never)).toThrow(/unknown function bessel/);
  });
});
