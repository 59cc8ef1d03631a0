// The tensor-route Hessian-vector product (Pearlmutter's R-operator on
// back-propagation) against the scalar route (symbolic grad(grad L . v)),
// against central differences of the tensor gradient along v, in Python and C,
// and the width independence of its text.
import { describe, expect, it } from 'vitest';
import { compileJs } from '../../src/codegen/compile-js.js';
import { emit } from '../../src/codegen/emit.js';
import { lowerHessianVectorProduct } from '../../src/codegen/lower.js';
import { lowerMlpHessianVectorProduct } from '../../src/codegen/tensor-mlp-hvp.js';
import { lowerMlpGradient, mlpLayout, type MlpDescription } from '../../src/codegen/tensor-mlp.js';
import { seededRng } from '../../src/util/random.js';
import { MLP_DATA } from './fixtures.js';
import { arraysOf, dataFor, layer, scalarRoute, type Sample } from './mlp-routes.js';
import { available, buildProgram, maxRelativeError } from './run-target.js';

type KG = (theta: Float64Array, X: Float64Array, Y: Float64Array, out: Float64Array) => void;
type KH = (theta: Float64Array, v: Float64Array, X: Float64Array, Y: Float64Array, out: Float64Array) => void;
type K3 = (theta: Float64Array, v: Float64Array, out: Float64Array) => void;

/** (g(theta + h v) - g(theta - h v)) / 2h: H v + O(h^2) where g is smooth along the segment. */
function centralDifference(G: KG, theta: Float64Array, v: Float64Array, X: Float64Array, Y: Float64Array, h: number): Float64Array {
  const gp = new Float64Array(theta.length), gm = new Float64Array(theta.length);
  G(theta.map((t, q) => t + h * v[q]), X, Y, gp);
  G(theta.map((t, q) => t - h * v[q]), X, Y, gm);
  return gp.map((g, q) => (g - gm[q]) / (2 * h));
}

// smooth: every activation is C^2, so the gradient is smooth along any segment
// (relu and leaky relu gradients jump where a unit's z crosses 0).
const CASES: { name: string; d: MlpDescription; smooth: boolean; data?: Sample[] }[] = [
  { name: '2-4-1 relu, mse, the 8 fixed points', d: { input: 2, layers: [layer(4, 'relu'), layer(1, 'identity')], loss: 'mse' }, smooth: false, data: MLP_DATA },
  { name: '3-3-2 tanh/sigmoid, cross-entropy', d: { input: 3, layers: [layer(3, 'tanh'), layer(2, 'sigmoid')], loss: 'cross-entropy' }, smooth: true },
  { name: '2-3-3-2 leaky_relu/softplus, no bias in the middle, mse', d: { input: 2, layers: [layer(3, 'leaky_relu', true, 0.1), layer(3, 'softplus', false), layer(2, 'identity')], loss: 'mse' }, smooth: false },
  { name: '2-3-3 relu, cross-entropy with 3 classes', d: { input: 2, layers: [layer(3, 'relu'), layer(3, 'identity')], loss: 'cross-entropy' }, smooth: false },
  { name: '2-4-3 softplus/tanh, mse with 3 outputs', d: { input: 2, layers: [layer(4, 'softplus'), layer(3, 'tanh')], loss: 'mse' }, smooth: true },
  { name: '2-3-3-3 tanh/softplus, cross-entropy', d: { input: 2, layers: [layer(3, 'tanh'), layer(3, 'softplus'), layer(3, 'identity')], loss: 'cross-entropy' }, smooth: true },
  { name: '2-3-2 sigmoid/sigmoid without output bias, mse', d: { input: 2, layers: [layer(3, 'sigmoid'), layer(2, 'sigmoid', false)], loss: 'mse' }, smooth: true },
];

// 4 samples: the scalar route's symbolic H v grows with the samples and dominates the run time
describe.each(CASES.map((c, i) => ({ ...c, data: c.data ?? dataFor(c.d, 4, 20 + i) })))('$name', ({ d, data, smooth }) => {
  const P = mlpLayout(d).parameterCount;
  const rng = seededRng(11);
  const theta = Float64Array.from({ length: P }, () => rng.uniform(-1, 1));
  const v = Float64Array.from({ length: P }, () => rng.uniform(-1, 1));
  const { X, Y } = arraysOf(data);
  const kernel = lowerMlpHessianVectorProduct('mlp_hvp', d);
  const Hv = new Float64Array(P);
  compileJs<KH>(kernel)(theta, v, X, Y, Hv);
  const G = compileJs<KG>(lowerMlpGradient('mlp_grad', d));

  it('H v = the scalar route (symbolic grad(grad L . v)) to 1e-10', () => {
    // measured: at most 1.4e-16 over these cases (both are exact up to rounding)
    const { loss, params } = scalarRoute(d, data);
    const expected = new Float64Array(P);
    compileJs<K3>(lowerHessianVectorProduct('hvp', loss, params))(theta, v, expected);
    expect(maxRelativeError(Hv, expected)).toBeLessThan(1e-10);
  });

  it('H v = central differences of the tensor gradient along v, O(h^2)', () => {
    // error = (h^2 / 6) D^3 grad L[v, v] + O(eps |grad L| / h). Measured coefficient
    // |D^3 grad L[v, v]| / 6 <= 1.3 here, so at h = 1e-5: <= 1.3e-10 truncation and
    // ~2e-11 rounding (measured at most 1.3e-10); 1e-9 leaves a factor 7.
    expect(maxRelativeError(centralDifference(G, theta, v, X, Y, 1e-5), Hv)).toBeLessThan(1e-9);
  });

  it.skipIf(!smooth)('the central-difference error falls as h^2 (observed order 2 +- 0.1)', () => {
    // h = 4e-3 and 2e-3: truncation (>= 5e-9 here) dominates the rounding (~1e-13)
    const e1 = maxRelativeError(centralDifference(G, theta, v, X, Y, 4e-3), Hv);
    const e2 = maxRelativeError(centralDifference(G, theta, v, X, Y, 2e-3), Hv);
    expect(Math.abs(Math.log2(e1 / e2) - 2)).toBeLessThan(0.1);
  });

  it('H is symmetric: u . (H v) = v . (H u)', () => {
    const u = Float64Array.from({ length: P }, () => rng.uniform(-1, 1)), Hu = new Float64Array(P);
    compileJs<KH>(kernel)(theta, u, X, Y, Hu);
    const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, x, q) => s + x * b[q], 0);
    expect(Math.abs(dot(u, Hv) - dot(v, Hu))).toBeLessThan(1e-12 * (1 + Math.abs(dot(u, Hv))));
  });

  it.each(['python', 'c'] as const)('%s H v agrees with the in-process one (1e-10)', (target) => {
    // measured: at most 1.6e-16
    if (!available(target)) return;
    const run = buildProgram([kernel], target);
    expect(maxRelativeError(run('mlp_hvp', [theta, v, X, Y]), Hv)).toBeLessThan(1e-10);
  });
});

describe('width independence', () => {
  const net = (w: number): MlpDescription => ({ input: 3, layers: [layer(w, 'relu'), layer(w, 'tanh'), layer(w, 'softplus'), layer(2, 'sigmoid')], loss: 'cross-entropy' });
  const shape = (s: string): string => s.replace(/\d+/g, '#');

  it.each(['js', 'python', 'c'] as const)('%s: the 512-wide H v kernel is the 4-wide one with other numbers', (target) => {
    for (const loss of ['mse', 'cross-entropy'] as const) {
      const small = emit(lowerMlpHessianVectorProduct('k', { ...net(4), loss }), target);
      const wide = emit(lowerMlpHessianVectorProduct('k', { ...net(512), loss }), target);
      expect(wide.split('\n').length).toBe(small.split('\n').length);
      expect(shape(wide)).toBe(shape(small));
    }
  });

  it('a 512-wide H v agrees with central differences of the gradient: order 2, and 1e-9 at h = 1e-6', () => {
    const d: MlpDescription = { input: 3, layers: [layer(512, 'tanh'), layer(512, 'softplus'), layer(2, 'identity')], loss: 'cross-entropy' };
    const P = mlpLayout(d).parameterCount, rng = seededRng(5);
    const theta = Float64Array.from({ length: P }, () => rng.normal() * 0.05);
    const v = Float64Array.from({ length: P }, () => rng.normal());
    const { X, Y } = arraysOf(dataFor(d, 4, 6));
    const Hv = new Float64Array(P);
    compileJs<KH>(lowerMlpHessianVectorProduct('H', d))(theta, v, X, Y, Hv);
    const G = compileJs<KG>(lowerMlpGradient('G', d));
    const error = (h: number): number => maxRelativeError(centralDifference(G, theta, v, X, Y, h), Hv);
    // |v| ~ 516 makes the h^2 coefficient large (measured ~52: 1.3e-5 at h = 5e-4), so
    // the order is measured at h = 5e-4, 2.5e-4, and the value where truncation
    // (~5e-11) and rounding (~7e-17 / h) balance: h = 1e-6, measured 9.7e-11.
    expect(Math.abs(Math.log2(error(5e-4) / error(2.5e-4)) - 2)).toBeLessThan(0.1);
    expect(error(1e-6)).toBeLessThan(1e-9);
  });
});
