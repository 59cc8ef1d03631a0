import { describe, expect, it } from 'vitest';
import { forwardMlp } from '../../src/data/forward.js';
import type { DenseLayer, MlpArchitecture } from '../../src/spec/types.js';

// A 2-2-1 network worked by hand:
//   W1 = [[1, -2], [0.5, 1]], b1 = [0.5, -1], W2 = [[2, -1]], b2 = [0.25], x = [1, 1]
//   z1 = [1 - 2 + 0.5, 0.5 + 1 - 1] = [-0.5, 0.5]
const weights = [{ W: [[1, -2], [0.5, 1]], b: [0.5, -1] }, { W: [[2, -1]], b: [0.25] }];
const net = (hidden: DenseLayer, out: Partial<DenseLayer> = {}): MlpArchitecture =>
  ({ kind: 'mlp', input: 2, layers: [hidden, { width: 1, activation: 'identity', bias: true, ...out }] });

describe('forwardMlp against hand computations', () => {
  it.each([
    // relu: h = [0, 0.5]; f = 2*0 - 0.5 + 0.25
    ['relu', net({ width: 2, activation: 'relu', bias: true }), -0.25],
    // leaky_relu slope 0.1: h = [-0.05, 0.5]; f = -0.1 - 0.5 + 0.25
    ['leaky_relu 0.1', net({ width: 2, activation: 'leaky_relu', bias: true, slope: 0.1 }), -0.35],
    // identity: h = z1; f = -1 - 0.5 + 0.25
    ['identity', net({ width: 2, activation: 'identity', bias: true }), -1.25],
    // no hidden bias: z1 = [-1, 1.5] -> relu [0, 1.5]; f = -1.5 + 0.25
    ['relu, no hidden bias', net({ width: 2, activation: 'relu', bias: false }), -1.25],
    // no output bias either: f = -1.5
    ['relu, no biases', net({ width: 2, activation: 'relu', bias: false }, { bias: false }), -1.5],
    // tanh: f = 2 tanh(-0.5) - tanh(0.5) + 0.25 = -3 tanh(0.5) + 0.25
    ['tanh', net({ width: 2, activation: 'tanh', bias: true }), -3 * Math.tanh(0.5) + 0.25],
    // sigmoid: f = 2 s(-0.5) - s(0.5) + 0.25 with s(z) = 1 / (1 + e^-z)
    ['sigmoid', net({ width: 2, activation: 'sigmoid', bias: true }), 2 / (1 + Math.exp(0.5)) - 1 / (1 + Math.exp(-0.5)) + 0.25],
    // softplus: f = 2 log(1 + e^-0.5) - log(1 + e^0.5) + 0.25
    ['softplus', net({ width: 2, activation: 'softplus', bias: true }), 2 * Math.log(1 + Math.exp(-0.5)) - Math.log(1 + Math.exp(0.5)) + 0.25],
  ])('%s', (_, arch, expected) => {
    expect(forwardMlp(arch, weights, [1, 1])[0]).toBeCloseTo(expected, 14);
  });

  it('the activation of the last layer applies too (relu output clips at 0)', () => {
    expect(forwardMlp(net({ width: 2, activation: 'relu', bias: true }, { activation: 'relu' }), weights, [1, 1])).toEqual([0]);
  });

  it('refuses weights of the wrong shape', () => {
    expect(() => forwardMlp(net({ width: 2, activation: 'relu', bias: true }), [weights[0], { W: [[1, 2, 3]], b: [0] }], [1, 1])).toThrow(/layer 1 needs W of shape 1x2/);
  });
});
