// The tensor-route numbers of a network against independent references: the
// symbolic loss of src/architecture/mlp.ts (compiled), its symbolic gradient,
// and central differences of it.
import { describe, expect, it } from 'vitest';
import { mlpModel } from '../../src/architecture/mlp.js';
import { irisData } from '../../src/data/iris.js';
import { teacherData } from '../../src/data/teacher.js';
import { gradient } from '../../src/ir/diff.js';
import { compile, compileMany } from '../../src/ir/evaluate.js';
import type { LossKind } from '../../src/loss/index.js';
import { modelNumerics, patternDistance } from '../../src/shock/network-numerics.js';
import { sgdTrajectory } from '../../src/shock/sgd-trajectory.js';
import { numericalRank, randomPoint } from '../../src/symmetry/generic-rank.js';
import type { DenseLayer, MlpArchitecture } from '../../src/spec/types.js';

const mlp = (input: number, layers: DenseLayer[]): MlpArchitecture => ({ kind: 'mlp', input, layers });
const dense = (width: number, activation: DenseLayer['activation'], bias = true): DenseLayer => ({ width, activation, bias, ...(activation === 'leaky_relu' ? { slope: 0.1 } : {}) });

const cases: [string, MlpArchitecture, LossKind][] = [
  ['tanh 2-3-2 mse', mlp(2, [dense(3, 'tanh'), dense(2, 'identity')]), 'mse'],
  ['sigmoid/softplus 3-2-2-3 cross-entropy', mlp(3, [dense(2, 'sigmoid'), dense(2, 'softplus', false), dense(3, 'identity')]), 'cross-entropy'],
  ['relu/leaky 2-4-3-1 mse', mlp(2, [dense(4, 'relu'), dense(3, 'leaky_relu'), dense(1, 'identity')]), 'mse'],
];

describe('network numerics (tensor-route kernels) against the symbolic model', () => {
  it.each(cases)('%s: loss and gradient equal the compiled symbolic loss and gradient', (_, arch, loss) => {
    const model = mlpModel(arch, teacherData(arch, { samples: 7, seed: 3, noise: 0.1 }, loss), loss);
    const net = modelNumerics(model);
    const theta = randomPoint(net.n, 5);
    const P = model.parameters;
    expect(net.loss(theta)).toBeCloseTo(compile(model.loss, P)(theta), 12);
    const gs = new Float64Array(net.n), gk = new Float64Array(net.n);
    compileMany(gradient(model.loss, P), P)(theta, gs);
    net.gradient(theta, gk);
    gk.forEach((g, i) => expect(g).toBeCloseTo(gs[i], 10));
    // a minibatch with repetition: the mean of per-sample gradients
    const rows = [2, 2, 5];
    const gb = new Float64Array(net.n), g2 = new Float64Array(net.n), g5 = new Float64Array(net.n);
    net.gradient(theta, gb, rows); net.gradient(theta, g2, [2]); net.gradient(theta, g5, [5]);
    gb.forEach((g, i) => expect(g).toBeCloseTo((2 * g2[i] + g5[i]) / 3, 12));
  });

  it.each(cases)('%s: H v (R-operator) equals central differences of the symbolic gradient inside one activation pattern', (_, arch, loss) => {
    const model = mlpModel(arch, teacherData(arch, { samples: 7, seed: 3, noise: 0.1 }, loss), loss);
    const net = modelNumerics(model);
    const P = model.parameters;
    const g = compileMany(gradient(model.loss, P), P);
    const theta = randomPoint(net.n, 11), v = randomPoint(net.n, 12);
    const h = 1e-6;
    const tp = theta.map((t, i) => t + h * v[i]), tm = theta.map((t, i) => t - h * v[i]);
    expect(patternDistance(net.activationPattern(tp), net.activationPattern(tm))).toBe(0);
    const gp = new Float64Array(net.n), gm = new Float64Array(net.n), hv = new Float64Array(net.n);
    g(tp, gp); g(tm, gm);
    net.hessianVector(theta, v, hv);
    hv.forEach((x, i) => expect(x).toBeCloseTo((gp[i] - gm[i]) / (2 * h), 5));
  });

  it.each(cases)('%s: the Jacobian of the map the loss sees equals central differences of the symbolic outputs (softmax for cross-entropy)', (_, arch, loss) => {
    const model = mlpModel(arch, teacherData(arch, { samples: 4, seed: 1, noise: 0 }, loss), loss);
    const net = modelNumerics(model);
    const P = model.parameters, out = arch.layers[arch.layers.length - 1].width;
    const fs = model.outputs.map((f) => compile(f, P));
    const phi = (t: Float64Array): number[] => {
      const f = fs.map((fk) => fk(t));
      if (loss === 'mse') return f;
      return f.flatMap((_, i) => {
        if (i % out) return [];
        const e = f.slice(i, i + out).map(Math.exp), s = e.reduce((a, b) => a + b, 0);
        return e.map((x) => x / s);
      });
    };
    const theta = randomPoint(net.n, 21), h = 1e-6;
    const J = net.lossMapJacobian(theta);
    expect(J).toHaveLength(model.outputs.length);
    P.forEach((_, q) => {
      const tp = Float64Array.from(theta), tm = Float64Array.from(theta);
      tp[q] += h; tm[q] -= h;
      const fp = phi(tp), fm = phi(tm);
      J.forEach((row, r) => expect(row[q]).toBeCloseTo((fp[r] - fm[r]) / (2 * h), 6));
    });
  });

  it('iris 4-5-3 cross-entropy: the probabilities lose the 6 logit-shift directions the logits keep (38 -> 32)', () => {
    const arch = mlp(4, [dense(5, 'relu'), dense(3, 'identity')]);
    // generic rank: the maximum over seeded points (at some, a ReLU unit is dead on all 150 samples)
    const rank = (loss: LossKind): number => {
      const net = modelNumerics(mlpModel(arch, irisData(), loss));
      return Math.max(...[0, 1, 2, 3, 4, 5].map((s) => numericalRank(net.lossMapJacobian(randomPoint(43, s)).map((r) => [...r]))));
    };
    expect(rank('cross-entropy')).toBe(32);
    expect(rank('mse')).toBe(38);
  });
});

describe('reference SGD trajectory', () => {
  const arch = mlp(2, [dense(4, 'relu'), dense(1, 'identity')]);
  const model = mlpModel(arch, teacherData(arch, { samples: 32, seed: 7, noise: 0 }, 'mse'), 'mse');
  it('is deterministic and lowers the loss at a small learning rate', () => {
    const run = () => sgdTrajectory(model, { lr: 0.05, batch: 4, steps: 200, seed: 1, snapshots: 10 });
    const a = run(), b = run();
    expect(a.diverged).toBeUndefined();
    expect([...a.snapshots.at(-1)!.theta]).toEqual([...b.snapshots.at(-1)!.theta]);
    expect(a.snapshots.at(-1)!.loss).toBeLessThan(a.snapshots[0].loss);
  });
  it('reports divergence (with its step) instead of returning non-finite parameters', () => {
    const t = sgdTrajectory(model, { lr: 5, batch: 4, steps: 400, seed: 1, snapshots: 40 });
    expect(t.diverged).toBeDefined();
    expect(t.diverged!.step).toBeGreaterThan(0);
    expect(t.snapshots.every((s) => s.theta.every(Number.isFinite))).toBe(true);
  });
});
