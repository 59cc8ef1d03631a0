// The loss step's gradient checks: per coordinate up to 300 parameters; above,
// random directions plus every component against back-propagation. Each can fail.
import { describe, expect, it } from 'vitest';
import { mul, num } from '../../src/ir/build.js';
import { buildModel } from '../../src/pipeline/derive.js';
import { lossStep } from '../../src/pipeline/loss-step.js';
import { parseSpec } from '../../src/spec/load.js';

// Specs above the network size limit (300) are refused at load time; the loss step itself is built
// here from a valid spec with its architecture swapped, to test the route for larger nets.
const net = (hidden: number[]) => {
  const spec = parseSpec({ name: 'n', architecture: { kind: 'mlp', input: 2, layers: [{ width: 2, activation: 'tanh' }, { width: 1, activation: 'identity' }] }, loss: 'mse', data: { kind: 'teacher', samples: 8, seed: 7 }, training: { lr: 0.05, batch: 4, steps: 10, seed: 1 } }, 'n.yaml');
  const arch = spec.architecture;
  if (arch.kind !== 'mlp') throw new Error('mlp expected');
  const layers = [...hidden.map((width) => ({ ...arch.layers[0], width })), arch.layers[1]];
  return buildModel({ ...spec, architecture: { ...arch, layers } });
};

describe('loss step', () => {
  it('a 2-4-1 net (17 parameters): one per-coordinate finite-difference check, passed', () => {
    const s = lossStep(net([4]), 1);
    expect(s.checks.map((c) => c.status)).toEqual(['passed']);
    expect(s.checks[0].detail).toMatch(/central finite differences \(h = 1e-6\) at a seeded/);
  });

  it('a 2-16-16-1 net (337 parameters): directional finite differences and all components against back-propagation, passed', () => {
    const s = lossStep(net([16, 16]), 1);
    expect(s.checks.map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(s.checks[0].detail).toMatch(/8 seeded random unit directions/);
    expect(s.checks[1].detail).toMatch(/all 337 components/);
  });

  it('a symbolic loss that is not the network\'s (scaled by 1.001) fails the back-propagation check', () => {
    const model = net([16, 16]);
    const s = lossStep({ ...model, loss: mul(num('1.001'), model.loss) }, 1);
    expect(s.checks[1].status).toBe('failed');
  });
});
