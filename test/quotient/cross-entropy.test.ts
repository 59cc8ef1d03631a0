// Symmetry and functional dimensions of cross-entropy classifiers: the loss sees
// the softmax probabilities, which do not change under a logit shift f -> f + c 1
// (output bias b -> b + c 1 and the output weights' columns W -> W + 1 u^T:
// 1 + fan-in directions on top of the rescalings). The functional dimension
// counts what the loss sees, so it never exceeds the quotient dimension.
import { describe, expect, it } from 'vitest';
import { mlpModel } from '../../src/architecture/mlp.js';
import { teacherData } from '../../src/data/teacher.js';
import { quotientStage } from '../../src/quotient/quotient.js';
import type { DenseLayer, MlpArchitecture } from '../../src/spec/types.js';
import { networkSymmetries } from '../../src/symmetry/network-symmetries.js';

const ctx = { seed: 1, rulesDir: 'rules', tolerance: 1e-9 };
const dense = (width: number, activation: DenseLayer['activation']): DenseLayer => ({ width, activation, bias: true });

describe('cross-entropy classifiers: symmetry, quotient and functional dimensions', () => {
  it.each([
    // n = 2*3 + 3 + 3*3 + 3 = 21; 3 rescalings + (1 + 3) logit shifts = 7; quotient 14
    ['2-3-3 relu', { kind: 'mlp', input: 2, layers: [dense(3, 'relu'), dense(3, 'identity')] }, 21, 7],
    // n = 3*2 + 2 + 2*2 + 2 = 14; tanh: 2 sign flips (discrete) + (1 + 2) shifts = 3; quotient 11
    ['3-2-2 tanh', { kind: 'mlp', input: 3, layers: [dense(2, 'tanh'), dense(2, 'identity')] }, 14, 3],
  ] as [string, MlpArchitecture, number, number][])('%s', (_, arch, n, orbit) => {
    const model = mlpModel(arch, teacherData(arch, { samples: 24, seed: 5, noise: 0 }, 'cross-entropy'), 'cross-entropy');
    expect(model.parameters).toHaveLength(n);
    const sym = networkSymmetries(model, ctx);
    expect(sym.orbitDimension).toBe(orbit);
    const q = quotientStage(model, sym, ctx);
    expect(q.quotientDimension).toBe(n - orbit);
    expect(q.functionalDimension).toBe(n - orbit);
    const dimension = q.steps.find((s) => s.id === 'quotient/dimension')!;
    expect(dimension.checks.every((c) => c.status === 'passed')).toBe(true);
  });
});
