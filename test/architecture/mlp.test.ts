import { describe, expect, it } from 'vitest';
import katex from 'katex';
import type { Dataset } from '../../src/architecture/model.js';
import { mlpModel } from '../../src/architecture/mlp.js';
import { compile } from '../../src/ir/evaluate.js';
import { nodeCount, type Expr } from '../../src/ir/expr.js';
import type { MlpArchitecture } from '../../src/spec/types.js';
import { seededRng } from '../../src/util/random.js';

const data: Dataset = { inputs: [[0.5, -1.25], [2, 0.75], [-0.3, 0.1]], targets: [[1], [-0.5], [0.2]], description: 'by hand' };
const arch = (act: string, slope?: number): MlpArchitecture => ({
  kind: 'mlp', input: 2,
  layers: [{ width: 4, activation: act as never, bias: true, ...(slope ? { slope } : {}) }, { width: 3, activation: act as never, bias: false, ...(slope ? { slope } : {}) }, { width: 1, activation: 'identity', bias: true }],
});
const act: Record<string, (z: number) => number> = { relu: (z) => Math.max(0, z), tanh: Math.tanh, identity: (z) => z, leaky_relu: (z) => (z > 0 ? z : 0.2 * z) };

describe('mlpModel', () => {
  it('names parameters W{l}_{j}_{i} and b{l}_{j}, layer by layer', () => {
    const m = mlpModel(arch('relu'), data, 'mse');
    expect(m.parameters).toHaveLength(8 + 4 + 12 + 3 + 1);
    expect(m.layers[0].weights[3][1]).toBe('W1_4_2');
    expect(m.layers[1].bias).toBeNull();
    expect(m.layers[2].bias).toEqual(['b3_1']);
    expect(m.parameters.slice(8, 12)).toEqual(['b1_1', 'b1_2', 'b1_3', 'b1_4']);
  });

  it.each(['relu', 'tanh', 'identity', 'leaky_relu'])('%s: symbolic outputs equal a plain numeric forward pass', (a) => {
    const m = mlpModel(arch(a, a === 'leaky_relu' ? 0.2 : undefined), data, 'mse');
    const rng = seededRng(2);
    const theta = Float64Array.from(m.parameters, () => rng.normal());
    const v = (name: string): number => theta[m.parameters.indexOf(name)];
    data.inputs.forEach((x, d) => {
      let h = x;
      m.layers.forEach((L, l) => {
        const s = l === m.layers.length - 1 ? act.identity : act[a];
        h = L.weights.map((row, j) => s(row.reduce((acc, w, i) => acc + v(w) * h[i], 0) + (L.bias ? v(L.bias[j]) : 0)));
      });
      expect(compile(m.outputs[d], m.parameters)(theta)).toBeCloseTo(h[0], 12);
    });
  });

  it('shares each pre-activation: the loss DAG grows linearly with the data', () => {
    const more: Dataset = { ...data, inputs: [...data.inputs, ...data.inputs.map((x) => x.map((v) => v + 1))], targets: [...data.targets, ...data.targets] };
    const n3 = nodeCount(mlpModel(arch('relu'), data, 'mse').loss);
    const n6 = nodeCount(mlpModel(arch('relu'), more, 'mse').loss);
    expect(n6).toBeLessThan(2.2 * n3);
    // a tree would repeat each hidden unit's subexpression once per use; the DAG keeps one copy
    const m = mlpModel(arch('relu'), data, 'mse');
    const count = (e: Expr, seen = new Set<Expr>()): number => (seen.has(e) ? 0 : (seen.add(e), 1 + (e.kind === 'add' ? e.terms : e.kind === 'mul' ? e.factors : e.kind === 'call' ? e.args : e.kind === 'pow' ? [e.base, e.exp] : []).reduce((s, c) => s + count(c, seen), 0)));
    expect(count(m.loss)).toBe(nodeCount(m.loss));
  });

  it('data enter as exact rationals', () => {
    const m = mlpModel({ kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'identity', bias: false }] }, { inputs: [[0.1]], targets: [[0.3]], description: 'x' }, 'mse');
    const nums: string[] = [];
    const walk = (e: Expr): void => { if (e.kind === 'num') nums.push(e.value.toFraction()); else (e.kind === 'add' ? e.terms : e.kind === 'mul' ? e.factors : e.kind === 'call' ? e.args : e.kind === 'pow' ? [e.base, e.exp] : []).forEach(walk); };
    walk(m.loss);
    expect(nums).toContain('1/10');
  });

  it('definitionTex renders in KaTeX', () => {
    const tex = mlpModel(arch('relu'), data, 'mse').definitionTex;
    for (const math of tex.match(/\$[^$]+\$/g)!) expect(() => katex.renderToString(math.slice(1, -1), { throwOnError: true })).not.toThrow();
  });
});
