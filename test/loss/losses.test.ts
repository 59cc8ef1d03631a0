import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/architecture/model.js';
import { mlpModel } from '../../src/architecture/mlp.js';
import { gradient } from '../../src/ir/diff.js';
import { compile, compileMany } from '../../src/ir/evaluate.js';
import { num } from '../../src/ir/build.js';
import { crossEntropySampleLoss } from '../../src/loss/cross-entropy.js';
import { mseSampleLoss } from '../../src/loss/mse.js';
import type { MlpArchitecture } from '../../src/spec/types.js';
import { seededRng } from '../../src/util/random.js';

const arch = (act: string, out: number): MlpArchitecture => ({ kind: 'mlp', input: 2, layers: [{ width: 3, activation: act as never, bias: true }, { width: out, activation: 'identity', bias: true }] });
const data = (out: number): Dataset => ({
  inputs: [[0.5, -1.25], [2, 0.75], [-0.3, 0.1]],
  targets: out === 1 ? [[1], [-0.5], [0.2]] : [[1, 0, 0], [0, 0, 1], [0, 1, 0]],
  description: 'by hand',
});

describe('per-sample losses', () => {
  it('MSE: (1/2) sum_k (f_k - y_k)^2', () => {
    expect(compile(mseSampleLoss([num(3), num(1)], [1, 2]), [])([])).toBe(0.5 * (4 + 1));
  });
  it('cross-entropy: log sum_k e^{f_k} - sum_k y_k f_k, invariant under f -> f + c', () => {
    const l = (f: number[]) => compile(crossEntropySampleLoss(f.map((v) => num(String(v))), [0, 1, 0]), [])([]);
    expect(l([0.2, -1, 0.5])).toBeCloseTo(Math.log(Math.exp(0.2) + Math.exp(-1) + Math.exp(0.5)) + 1, 12);
    expect(l([1.2, 0, 1.5])).toBeCloseTo(l([0.2, -1, 0.5]), 12);
  });
});

describe.each([['mse', 'relu', 1], ['mse', 'tanh', 1], ['cross-entropy', 'relu', 3], ['cross-entropy', 'sigmoid', 3]] as const)('%s loss of a 2-3-%s net', (loss, act, out) => {
  const m = mlpModel(arch(act, out), data(out), loss);
  const P = m.parameters;
  it('parameters, outputs and samples have the documented shapes', () => {
    expect(P).toHaveLength(2 * 3 + 3 + 3 * out + out);
    expect(m.outputs).toHaveLength(3 * out);
    expect(m.sampleLosses).toHaveLength(3);
    expect(m.layers.map((l) => l.index)).toEqual([1, 2]);
    expect(P.slice(0, 3)).toEqual(['W1_1_1', 'W1_1_2', 'W1_2_1']);
  });
  it('L is the mean of the sample losses', () => {
    const rng = seededRng(4);
    const theta = Float64Array.from(P, () => rng.normal());
    const mean = m.sampleLosses.reduce((s, l) => s + compile(l, P)(theta), 0) / 3;
    expect(compile(m.loss, P)(theta)).toBeCloseTo(mean, 12);
  });
  it('symbolic gradient agrees with central finite differences', () => {
    const rng = seededRng(9);
    const theta = Float64Array.from(P, () => rng.normal());
    const g = new Float64Array(P.length);
    compileMany(gradient(m.loss, P), P)(theta, g);
    const L = compile(m.loss, P);
    const h = 1e-6;
    P.forEach((_, i) => {
      const tp = theta.slice(), tm = theta.slice();
      tp[i] += h; tm[i] -= h;
      expect(Math.abs((L(tp) - L(tm)) / (2 * h) - g[i])).toBeLessThan(1e-6 * (1 + Math.abs(g[i])));
    });
  });
});

it('data shaped unlike the network is an error naming the sample', () => {
  expect(() => mlpModel(arch('relu', 2), data(1), 'mse')).toThrow(/sample 1 has 1 targets, the network has 2 outputs/);
});
