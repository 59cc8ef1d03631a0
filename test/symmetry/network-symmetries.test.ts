import { describe, expect, it } from 'vitest';
import { mlpModel } from '../../src/architecture/mlp.js';
import { teacherData } from '../../src/data/teacher.js';
import type { MlpArchitecture } from '../../src/spec/types.js';
import { networkSymmetries, verifyGenerators } from '../../src/symmetry/network-symmetries.js';
import { quotientStage } from '../../src/quotient/quotient.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { parseExpr } from '../../src/ir/parse.js';
import { sub } from '../../src/ir/build.js';
import { mul, num, sym } from '../../src/ir/build.js';

const ctx = { seed: 3, rulesDir: 'rules', tolerance: 1e-9 };
const arch = (hidden: string, widths: number[], input = 2): MlpArchitecture => ({
  kind: 'mlp', input,
  layers: widths.map((w, i) => ({ width: w, activation: (i < widths.length - 1 ? hidden : 'identity') as never, bias: true })),
});
const model = (a: MlpArchitecture, loss: 'mse' | 'cross-entropy' = 'mse', samples = 12) => mlpModel(a, teacherData(a, { samples, seed: 5, noise: 0 }, loss), loss);
const failed = (r: { steps: readonly { checks: readonly { status: string }[] }[] }) => r.steps.flatMap((s) => s.checks).filter((c) => c.status === 'failed');

describe('catalogue symmetries of networks', () => {
  it('2-4-1 relu with biases: 17 parameters, rescaling dimension 4, quotient 13, 4 conserved, all verified', () => {
    const m = model(arch('relu', [4, 1]));
    expect(m.parameters).toHaveLength(17);
    const s = networkSymmetries(m, ctx);
    const rescaling = s.families.filter((f) => f.rule === 'positive-rescaling');
    expect(rescaling.reduce((d, f) => d + f.dimension, 0)).toBe(4);
    expect(s.lieAlgebraDimension).toBe(4);
    expect(s.orbitDimension).toBe(4);
    expect(s.conserved).toHaveLength(4);
    expect(s.invariants).toHaveLength(13);
    expect(failed(s)).toEqual([]);
    const q = quotientStage(m, s, ctx);
    expect(q.quotientDimension).toBe(13);
    expect(q.functionalDimension).toBeLessThanOrEqual(13);
    // the conserved quantity of unit 1 is |in_1|^2 + b_1^2 - |out_1|^2
    const expected = parseExpr('W1_1_1^2 + W1_1_2^2 + b1_1^2 - W2_1_1^2');
    expect(s.conserved.some((c) => new NormalForm().isZero(sub(c.expr, expected)))).toBe(true);
  });

  it('linear 2-3-2: GL(3) of dimension 9, orbit dimension 9, 8 invariants, 6 conserved', () => {
    const s = networkSymmetries(model(arch('identity', [3, 2])), ctx);
    expect(s.lieAlgebraDimension).toBe(9);
    expect(s.orbitDimension).toBe(9);
    expect(s.invariants).toHaveLength(8);
    expect(s.conserved).toHaveLength(6); // entries of W1 W1^T + b1 b1^T - W2^T W2 (rescaling ones are among them)
    expect(failed(s)).toEqual([]);
  });

  it('cross-entropy adds the softmax translation of the last layer', () => {
    const s = networkSymmetries(model(arch('relu', [3, 3]), 'cross-entropy', 6), ctx);
    const soft = s.families.filter((f) => f.rule === 'softmax-translation');
    expect(soft.reduce((d, f) => d + f.dimension, 0)).toBe(4); // 3 columns + the bias shift
    expect(failed(s)).toEqual([]);
  });

  it('tanh is not positively homogeneous: no rescaling, permutations only', () => {
    const s = networkSymmetries(model(arch('tanh', [3, 1])), ctx);
    expect(s.families.map((f) => f.rule)).toEqual(['unit-permutation']);
    expect(s.lieAlgebraDimension).toBe(0);
  });

  it('a wrong generator (outgoing sign flipped) fails its check', () => {
    const m = model(arch('relu', [2, 1]));
    const P = m.parameters;
    // correct: (W1_1_1, W1_1_2, b1_1, -W2_1_1); wrong: +W2_1_1
    const field = P.map((p) => (['W1_1_1', 'W1_1_2', 'b1_1', 'W2_1_1'].includes(p) ? mul(num(1), sym(p)) : num(0)));
    const [g] = verifyGenerators(m, [{ id: 'wrong', field }], { seed: 1 });
    expect(g.checks.find((c) => c.method === 'normal-form')!.status).toBe('failed');
    expect(g.checks.find((c) => c.method === 'numeric')!.status).toBe('failed');
  });
});
