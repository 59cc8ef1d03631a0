// The tensor route (loops over units and samples) against the scalar route
// (symbolic loss of the instantiated network, differentiated by src/ir/diff),
// in-process and in Python/C; the kernel text does not grow with the width.
import { describe, expect, it } from 'vitest';
import { compileJs } from '../../src/codegen/compile-js.js';
import { emit } from '../../src/codegen/emit.js';
import { lowerGradient, lowerScalar } from '../../src/codegen/lower.js';
import { lowerMlpGradient, lowerMlpLoss, mlpLayout, type MlpDescription } from '../../src/codegen/tensor-mlp.js';
import { seededRng } from '../../src/util/random.js';
import { MLP_DATA } from './fixtures.js';
import { dataFor, layer, scalarRoute } from './mlp-routes.js';
import { available, buildProgram, maxRelativeError } from './run-target.js';

type K2 = (theta: Float64Array, out: Float64Array) => void;
type KT = (theta: Float64Array, X: Float64Array, Y: Float64Array, out: Float64Array) => void;

const CASES: { name: string; d: MlpDescription; data: { x: number[]; y: number[] }[] }[] = [
  { name: '2-4-1 relu, mse, the 8 fixed points', d: { input: 2, layers: [layer(4, 'relu'), layer(1, 'identity')], loss: 'mse' }, data: MLP_DATA },
  { name: '3-3-2 tanh/sigmoid, cross-entropy', d: { input: 3, layers: [layer(3, 'tanh'), layer(2, 'sigmoid')], loss: 'cross-entropy' }, data: [] },
  { name: '2-3-3-2 leaky_relu/softplus, no bias in the middle, mse', d: { input: 2, layers: [layer(3, 'leaky_relu', true, 0.1), layer(3, 'softplus', false), layer(2, 'identity')], loss: 'mse' }, data: [] },
  { name: '2-3-3 relu, cross-entropy with 3 classes', d: { input: 2, layers: [layer(3, 'relu'), layer(3, 'identity')], loss: 'cross-entropy' }, data: [] },
];

describe.each(CASES.map((c, i) => ({ ...c, data: c.data.length > 0 ? c.data : dataFor(c.d, 6, 20 + i) })))('$name', ({ d, data }) => {
  const { loss, params } = scalarRoute(d, data);
  const P = mlpLayout(d).parameterCount;
  const rng = seededRng(11);
  const theta = Float64Array.from({ length: P }, () => rng.uniform(-1, 1));
  const X = Float64Array.from(data.flatMap((s) => s.x)), Y = Float64Array.from(data.flatMap((s) => s.y));
  const tensor = [lowerMlpLoss('mlp_loss', d), lowerMlpGradient('mlp_grad', d)];
  const tensorLoss = new Float64Array(1), tensorGrad = new Float64Array(P);
  compileJs<KT>(tensor[0])(theta, X, Y, tensorLoss);
  compileJs<KT>(tensor[1])(theta, X, Y, tensorGrad);

  it('the parameter layout matches the scalar route', () => expect(P).toBe(params.length));

  it('tensor loss and back-propagated gradient = the scalar route (symbolic diff) to 1e-10', () => {
    const L = new Float64Array(1), g = new Float64Array(P);
    compileJs<K2>(lowerScalar('loss', loss, params))(theta, L);
    compileJs<K2>(lowerGradient('grad', loss, params))(theta, g);
    expect(maxRelativeError(tensorLoss, L)).toBeLessThan(1e-10);
    expect(maxRelativeError(tensorGrad, g)).toBeLessThan(1e-10);
  });

  it('the kernels reuse their temporaries: a second call gives the same numbers', () => {
    const again = new Float64Array(P);
    compileJs<KT>(tensor[1])(theta, X, Y, again);
    const g = compileJs<KT>(tensor[1]);
    g(theta.map((t) => t + 1), X, Y, new Float64Array(P));
    g(theta, X, Y, again);
    expect([...again]).toEqual([...tensorGrad]);
  });

  it.each(['python', 'c'] as const)('%s tensor kernels agree with the in-process ones (1e-10)', (target) => {
    if (!available(target)) return;
    const run = buildProgram(tensor, target);
    expect(maxRelativeError(run('mlp_loss', [theta, X, Y]), tensorLoss)).toBeLessThan(1e-10);
    expect(maxRelativeError(run('mlp_grad', [theta, X, Y]), tensorGrad)).toBeLessThan(1e-10);
  });
});

describe('width independence', () => {
  const net = (w: number): MlpDescription => ({ input: 3, layers: [layer(w, 'relu'), layer(w, 'tanh'), layer(2, 'identity')], loss: 'cross-entropy' });
  const shape = (s: string): string => s.replace(/\d+/g, '#');

  it.each(['js', 'python', 'c'] as const)('%s: the 512-wide kernels are the 4-wide ones with other numbers', (target) => {
    for (const lower of [lowerMlpLoss, lowerMlpGradient]) {
      const small = emit(lower('k', net(4)), target), wide = emit(lower('k', net(512)), target);
      expect(wide.split('\n').length).toBe(small.split('\n').length);
      expect(shape(wide)).toBe(shape(small));
    }
  });

  it('a 512-wide gradient agrees with finite differences of the loss on sampled components', () => {
    const d = net(512), P = mlpLayout(d).parameterCount, rng = seededRng(5);
    const theta = Float64Array.from({ length: P }, () => rng.normal() * 0.05);
    const data = dataFor(d, 4, 6);
    const X = Float64Array.from(data.flatMap((s) => s.x)), Y = Float64Array.from(data.flatMap((s) => s.y));
    const L = compileJs<KT>(lowerMlpLoss('L', d)), G = compileJs<KT>(lowerMlpGradient('G', d));
    const g = new Float64Array(P), out = new Float64Array(1), h = 1e-6;
    G(theta, X, Y, g);
    for (const i of [0, 7, 1536, 1536 + 511, P - 3, P - 1]) {
      const tp = theta.slice(), tm = theta.slice(); tp[i] += h; tm[i] -= h;
      L(tp, X, Y, out); const lp = out[0];
      L(tm, X, Y, out); const lm = out[0];
      expect(Math.abs(g[i] - (lp - lm) / (2 * h))).toBeLessThan(1e-7);
    }
  });
});
