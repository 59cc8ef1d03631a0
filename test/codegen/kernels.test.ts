// Kernel parity: the same loss, gradient and Hessian-vector-product kernels in
// JS (in-process), Python/NumPy and C agree with the IR's `evaluate` and with
// each other to 1e-10 on the same seeded inputs; gradients agree with finite
// differences; CSE strictly reduces the operation count.
import { describe, expect, it } from 'vitest';
import { compileJs } from '../../src/codegen/compile-js.js';
import { opCount, type Kernel } from '../../src/codegen/kernel-ir.js';
import { lowerGradient, lowerHessianVectorProduct, lowerScalar } from '../../src/codegen/lower.js';
import { gradient, hessian } from '../../src/ir/diff.js';
import { compileMany, evaluate } from '../../src/ir/evaluate.js';
import type { Expr } from '../../src/ir/expr.js';
import { parseExpr } from '../../src/ir/parse.js';
import { seededRng } from '../../src/util/random.js';
import { reluMlpLoss } from './fixtures.js';
import { available, buildProgram, maxRelativeError } from './run-target.js';

type K2 = (theta: Float64Array, out: Float64Array) => void;
type K3 = (theta: Float64Array, v: Float64Array, out: Float64Array) => void;

const CASES: { name: string; loss: Expr; params: string[]; seed: number }[] = [
  { name: 'double-well (w^2-1)^2/4', loss: parseExpr('(w^2 - 1)^2 / 4'), params: ['w'], seed: 1 },
  { name: '(a*b-1)^2/2', loss: parseExpr('(a*b - 1)^2 / 2'), params: ['a', 'b'], seed: 2 },
  { name: '2-4-1 relu MLP, 8 points (scalar route)', ...reluMlpLoss(), seed: 3 },
  { name: 'every function table entry', loss: parseExpr('log(1 + exp(a*b)) + relu(a - b)^2 + tanh(a)*sigmoid(b) + leaky_relu(a, 0.1)*b + softplus(b)*abs(a) + sin(a)*cos(b) + sqrt(a^2 + 1) + (a^2 + 2)^(-3/2)'), params: ['a', 'b'], seed: 4 },
];

function seeded(n: number, seed: number): { theta: Float64Array; v: Float64Array } {
  const rng = seededRng(seed);
  return { theta: Float64Array.from({ length: n }, () => rng.uniform(-1.5, 1.5)), v: Float64Array.from({ length: n }, () => rng.normal()) };
}

/** References from the IR: evaluate(L), evaluate(grad L), (Hess L) v. */
function references(loss: Expr, params: readonly string[], theta: Float64Array, v: Float64Array): { loss: number[]; grad: number[]; hvp: number[] } {
  const env = Object.fromEntries(params.map((p, i) => [p, theta[i]]));
  const n = params.length;
  const H = new Float64Array(n * n);
  compileMany(hessian(loss, params).flat(), params)(theta, H);
  return {
    loss: [evaluate(loss, env)],
    grad: gradient(loss, params).map((g) => evaluate(g, env)),
    hvp: Array.from({ length: n }, (_, i) => params.reduce((s, _p, j) => s + H[i * n + j] * v[j], 0)),
  };
}

describe.each(CASES)('$name', ({ loss, params, seed }) => {
  const kernels: Kernel[] = [lowerScalar('loss', loss, params), lowerGradient('grad', loss, params), lowerHessianVectorProduct('hvp', loss, params)];
  const { theta, v } = seeded(params.length, seed);
  const ref = references(loss, params, theta, v);
  const n = params.length;
  const js = {
    loss: compileJs<K2>(kernels[0]), grad: compileJs<K2>(kernels[1]), hvp: compileJs<K3>(kernels[2]),
  };
  const jsOut = (() => {
    const l = new Float64Array(1), g = new Float64Array(n), h = new Float64Array(n);
    js.loss(theta, l); js.grad(theta, g); js.hvp(theta, v, h);
    return { loss: [...l], grad: [...g], hvp: [...h] };
  })();

  it('in-process JS agrees with the IR evaluation (1e-10)', () => {
    expect(maxRelativeError(jsOut.loss, ref.loss)).toBeLessThan(1e-10);
    expect(maxRelativeError(jsOut.grad, ref.grad)).toBeLessThan(1e-10);
    expect(maxRelativeError(jsOut.hvp, ref.hvp)).toBeLessThan(1e-10);
  });

  it('the gradient agrees with central finite differences of the loss kernel, H v with those of the gradient kernel', () => {
    const h = 1e-6, L = new Float64Array(1), gp = new Float64Array(n), gm = new Float64Array(n);
    const at = (t: Float64Array): number => { js.loss(t, L); return L[0]; };
    const fd = params.map((_, i) => { const tp = theta.slice(), tm = theta.slice(); tp[i] += h; tm[i] -= h; return (at(tp) - at(tm)) / (2 * h); });
    expect(maxRelativeError(jsOut.grad, fd)).toBeLessThan(1e-6);
    js.grad(theta.map((t, i) => t + h * v[i]), gp);
    js.grad(theta.map((t, i) => t - h * v[i]), gm);
    expect(maxRelativeError(jsOut.hvp, [...gp].map((g, i) => (g - gm[i]) / (2 * h)))).toBeLessThan(1e-5);
  });

  it.each(['python', 'c'] as const)('%s agrees with the in-process kernels and the IR (1e-10)', (target) => {
    if (!available(target)) return;
    const run = buildProgram(kernels, target);
    const out = { loss: run('loss', [theta]), grad: run('grad', [theta]), hvp: run('hvp', [theta, v]) };
    for (const kind of ['loss', 'grad', 'hvp'] as const) {
      expect(maxRelativeError(out[kind], jsOut[kind]), `${target} ${kind} vs JS`).toBeLessThan(1e-10);
      expect(maxRelativeError(out[kind], ref[kind]), `${target} ${kind} vs IR`).toBeLessThan(1e-10);
    }
  });
});

describe('common-subexpression elimination (passes/cse.ts)', () => {
  const e = parseExpr('exp((a*b - 1)^2) * (a*b - 1) + sin((a*b - 1)^2)');
  const withCse = lowerGradient('grad', e, ['a', 'b'], { cse: true });
  const without = lowerGradient('grad', e, ['a', 'b'], { cse: false });

  it('computes shared subexpressions once: strictly fewer operations', () => {
    expect(opCount(withCse)).toBeLessThan(opCount(without));
    expect(withCse.body.some((s) => s.k === 'assign' && s.declare && s.lhs.k === 'var' && /^t\d+$/.test(s.lhs.name))).toBe(true);
  });

  it('does not change the values', () => {
    const { theta } = seeded(2, 9);
    const a = new Float64Array(2), b = new Float64Array(2);
    compileJs<K2>(withCse)(theta, a);
    compileJs<K2>(without)(theta, b);
    expect(maxRelativeError(a, b)).toBeLessThan(1e-14);
  });

  it('shares across outputs: a node used by two gradient components only (not twice in one) is a local', () => {
    // d/da and d/db of sin(a*b) both contain cos(a*b), each once
    const k = lowerGradient('grad', parseExpr('sin(a*b)'), ['a', 'b']);
    expect(k.body.filter((s) => s.k === 'assign' && s.declare && s.lhs.k === 'var' && s.lhs.name.startsWith('t')).length).toBe(1);
  });
});
