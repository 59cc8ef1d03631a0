import { describe, expect, it } from 'vitest';
import { forwardMlp } from '../../src/data/forward.js';
import { round3, teacherData, teacherWeights } from '../../src/data/teacher.js';
import type { MlpArchitecture } from '../../src/spec/types.js';
import { seededRng } from '../../src/util/random.js';

const arch241: MlpArchitecture = { kind: 'mlp', input: 2, layers: [{ width: 4, activation: 'relu', bias: true }, { width: 1, activation: 'identity', bias: true }] };
const o = (seed: number, samples = 16, noise = 0) => ({ samples, seed, noise });
const isRounded = (v: number) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: number[]) => mean(xs.map((x) => (x - mean(xs)) ** 2));

describe('teacher-student data', () => {
  it('same seed -> identical data; another seed -> other inputs and targets', () => {
    const a = teacherData(arch241, o(7), 'mse');
    expect(teacherData(arch241, o(7), 'mse')).toEqual(a);
    const b = teacherData(arch241, o(8), 'mse');
    expect(b.inputs).not.toEqual(a.inputs);
    expect(b.targets).not.toEqual(a.targets);
  });

  it('shapes, and every input and target rounded to 3 decimals (no -0)', () => {
    const d = teacherData(arch241, o(3, 40, 0.3), 'mse');
    expect(d.inputs).toHaveLength(40);
    expect(d.inputs.every((x) => x.length === 2)).toBe(true);
    expect(d.targets.every((y) => y.length === 1)).toBe(true);
    expect([...d.inputs.flat(), ...d.targets.flat()].every(isRounded)).toBe(true);
    expect([...d.inputs.flat(), ...d.targets.flat()].some((v) => Object.is(v, -0))).toBe(false);
  });

  it('targets are the teacher (drawn from seed + 1) at the inputs, rounded', () => {
    const d = teacherData(arch241, o(5), 'mse');
    const teacher = teacherWeights(arch241, seededRng(6));
    d.inputs.forEach((x, i) => expect(d.targets[i]).toEqual(forwardMlp(arch241, teacher, x).map(round3)));
  });

  it('more samples extend the data without changing the teacher or the first samples', () => {
    const few = teacherData(arch241, o(2, 5, 0.1), 'mse'), many = teacherData(arch241, o(2, 50, 0.1), 'mse');
    expect(many.inputs.slice(0, 5)).toEqual(few.inputs);
    expect(many.targets.slice(0, 5)).toEqual(few.targets);
  });

  it('noise adds noise * N(0, 1) to the targets and leaves the inputs alone', () => {
    const clean = teacherData(arch241, o(4, 4000), 'mse'), noisy = teacherData(arch241, o(4, 4000, 0.5), 'mse');
    expect(noisy.inputs).toEqual(clean.inputs);
    const diff = noisy.targets.map((y, i) => y[0] - clean.targets[i][0]);
    expect(Math.abs(mean(diff))).toBeLessThan(0.05);
    expect(Math.sqrt(variance(diff))).toBeCloseTo(0.5, 1);
  });

  it('inputs ~ N(0, 1); teacher weights ~ N(0, 1/fan_in), biases ~ N(0, 0.1^2)', () => {
    const wide: MlpArchitecture = { kind: 'mlp', input: 400, layers: [{ width: 50, activation: 'tanh', bias: true }, { width: 20, activation: 'identity', bias: true }] };
    const [l1, l2] = teacherWeights(wide, seededRng(11));
    expect(variance(l1.W.flat()) * 400).toBeCloseTo(1, 1);
    expect(variance(l2.W.flat()) * 50).toBeGreaterThan(0.8);
    expect(variance(l2.W.flat()) * 50).toBeLessThan(1.2);
    expect(Math.sqrt(variance([...l1.b, ...l2.b]))).toBeGreaterThan(0.07);
    expect(Math.sqrt(variance([...l1.b, ...l2.b]))).toBeLessThan(0.13);
    const x = teacherData(arch241, o(9, 5000), 'mse').inputs.flat();
    expect(Math.abs(mean(x))).toBeLessThan(0.03);
    expect(variance(x)).toBeCloseTo(1, 1);
  });

  it('cross-entropy: one-hot of the argmax of the teacher output', () => {
    const arch: MlpArchitecture = { kind: 'mlp', input: 2, layers: [{ width: 3, activation: 'relu', bias: true }, { width: 3, activation: 'identity', bias: true }] };
    const d = teacherData(arch, o(1, 30), 'cross-entropy');
    const teacher = teacherWeights(arch, seededRng(2));
    d.inputs.forEach((x, i) => {
      const y = forwardMlp(arch, teacher, x);
      expect(d.targets[i]).toEqual(y.map((v) => (v === Math.max(...y) ? 1 : 0)));
    });
    // The teacher uses more than one class on 30 Gaussian inputs.
    expect(new Set(d.targets.map((t) => t.indexOf(1))).size).toBeGreaterThan(1);
  });
});
