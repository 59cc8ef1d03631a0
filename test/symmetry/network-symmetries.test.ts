import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/architecture/model.js';
import { mlpModel } from '../../src/architecture/mlp.js';
import { Fraction } from '../../src/ir/expr.js';
import { compile } from '../../src/ir/evaluate.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { parseExpr } from '../../src/ir/parse.js';
import { sub } from '../../src/ir/build.js';
import { text } from '../../src/print/text.js';
import type { MlpArchitecture } from '../../src/spec/types.js';
import { loadSymmetryRules } from '../../src/symmetry/catalogue-rules.js';
import { instantiateFamilies, type InstantiatedFamily } from '../../src/symmetry/catalogue.js';
import { networkSymmetries, verifyGenerators } from '../../src/symmetry/network-symmetries.js';
import { seededRng } from '../../src/util/random.js';

const ctx = { seed: 3, rulesDir: 'rules', tolerance: 1e-9 };
const arch = (hidden: string, widths: number[], input = 2, bias = true): MlpArchitecture => ({
  kind: 'mlp', input,
  layers: widths.map((w, i) => ({ width: w, activation: (i < widths.length - 1 ? hidden : 'identity') as never, bias })),
});
/** Hand-built data (no loader): inputs on a seeded grid, targets given. */
function dataset(input: number, out: number, samples: number, oneHot = false): Dataset {
  const rng = seededRng(21);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  const inputs = Array.from({ length: samples }, () => Array.from({ length: input }, () => r3(rng.normal())));
  const targets = inputs.map((_, d) => Array.from({ length: out }, (__, k) => (oneHot ? (k === d % out ? 1 : 0) : r3(rng.normal()))));
  return { inputs, targets, description: `${samples} hand-made samples` };
}
const model = (a: MlpArchitecture, loss: 'mse' | 'cross-entropy' = 'mse', samples = 8) =>
  mlpModel(a, dataset(a.input, a.layers[a.layers.length - 1].width, samples, loss === 'cross-entropy'), loss);
const failed = (r: { steps: readonly { checks: readonly { status: string }[] }[] }) => r.steps.flatMap((s) => s.checks).filter((c) => c.status === 'failed');
const nf = new NormalForm();
const same = (a: string, b: string): boolean => nf.isZero(sub(parseExpr(a), parseExpr(b)));

describe('catalogue symmetries of networks', () => {
  it('2-4-1 relu with biases: 17 parameters, rescaling dimension 4, orbit 4, 13 invariants, 4 conserved, all checks passed', () => {
    const m = model(arch('relu', [4, 1]));
    expect(m.parameters).toHaveLength(17);
    const s = networkSymmetries(m, ctx);
    const rescaling = s.families.filter((f) => f.rule === 'positive-rescaling');
    expect(rescaling.flatMap((f) => f.generators)).toHaveLength(4);
    expect(rescaling.reduce((d, f) => d + f.dimension, 0)).toBe(4);
    expect(s.lieAlgebraDimension).toBe(4);
    expect(s.orbitDimension).toBe(4);
    expect(s.invariants).toHaveLength(13);
    expect(s.conserved).toHaveLength(4);
    expect(s.conserved.map((c) => c.rule)).toEqual(Array(4).fill('positive-rescaling'));
    expect(s.conserved.some((c) => same(text(c.expr), 'W1_1_1^2 + W1_1_2^2 + b1_1^2 - W2_1_1^2'))).toBe(true);
    expect(s.invariants.map((w) => text(w.expr))).toEqual(expect.arrayContaining(['W2_1_1*W1_1_1', 'W2_1_3*b1_3', 'b2_1']));
    expect(failed(s)).toEqual([]);
    // every generator carries a normal-form, a second-CAS and a numeric check
    for (const g of rescaling[0].generators) expect(g.checks.map((c) => c.method)).toEqual(['normal-form', expect.any(String), 'numeric']);
    expect(rescaling[0].generators[0].checks[1].status).toBe('passed');
    // the discrete family: dimension 0, L(P theta) = L(theta) checked symbolically and numerically
    const perm = s.families.find((f) => f.rule === 'unit-permutation')!;
    expect(perm.dimension).toBe(0);
    expect(perm.checks.map((c) => c.method)).toEqual(expect.arrayContaining(['normal-form', 'numeric']));
    expect(perm.checks.length).toBeGreaterThanOrEqual(6); // 3 adjacent transpositions x 2
    expect(s.steps.every((st) => st.stage === 'symmetry')).toBe(true);
  });

  it('linear 2-3-2: GL(3) of dimension 9 (rescaling inside it adds 0), orbit 9, 8 invariants, 6 conserved', () => {
    const s = networkSymmetries(model(arch('identity', [3, 2])), ctx);
    const dim = (rule: string) => s.families.filter((f) => f.rule === rule).reduce((d, f) => d + f.dimension, 0);
    expect(dim('gl-linear')).toBe(9);
    expect(dim('positive-rescaling')).toBe(0);
    expect(s.lieAlgebraDimension).toBe(9);
    expect(s.orbitDimension).toBe(9);
    expect(s.invariants).toHaveLength(8);
    expect(s.conserved).toHaveLength(6);
    // (W1 W1^T + b1 b1^T - W2^T W2)_{12}
    expect(s.conserved.some((c) => same(text(c.expr), 'W1_1_1*W1_2_1 + W1_1_2*W1_2_2 + b1_1*b1_2 - W2_1_1*W2_1_2 - W2_2_1*W2_2_2'))).toBe(true);
    // an entry of W2 W1
    expect(s.invariants.some((w) => same(text(w.expr), 'W2_1_1*W1_1_1 + W2_1_2*W1_2_1 + W2_1_3*W1_3_1'))).toBe(true);
    expect(failed(s)).toEqual([]);
  });

  it('scalar linear net a*b: GL(1) = diag(1, -1), invariant ab, conserved a^2 - b^2', () => {
    const s = networkSymmetries(model(arch('identity', [1, 1], 1, false)), ctx);
    expect(s.lieAlgebraDimension).toBe(1);
    expect(s.orbitDimension).toBe(1);
    const gl = s.families.find((f) => f.rule === 'gl-linear')!;
    expect(gl.generators[0].field.map(text)).toEqual(['W1_1_1', '-W2_1_1']);
    expect(s.invariants.map((w) => text(w.expr))).toEqual(['W2_1_1*W1_1_1']);
    expect(s.conserved.map((c) => text(c.expr))).toEqual(['W1_1_1^2 - W2_1_1^2']);
    expect(failed(s)).toEqual([]);
  });

  it('cross-entropy adds the softmax translation: 3 columns + the bias shift', () => {
    const s = networkSymmetries(model(arch('relu', [3, 3]), 'cross-entropy', 6), ctx);
    const soft = s.families.filter((f) => f.rule === 'softmax-translation');
    expect(soft.reduce((d, f) => d + f.dimension, 0)).toBe(4);
    expect(s.lieAlgebraDimension).toBe(7);
    expect(s.conserved).toHaveLength(7);
    expect(s.invariants).toHaveLength(21 - s.orbitDimension);
    expect(failed(s)).toEqual([]);
  });

  it('the softmax translation is proved on the outputs (a common shift) and on the loss at symbolic logits, not on the expanded losses', () => {
    const s = networkSymmetries(model(arch('relu', [3, 3]), 'cross-entropy', 6), ctx);
    const checks = s.families.filter((f) => f.rule === 'softmax-translation').flatMap((f) => f.generators.flatMap((g) => g.checks));
    expect(checks.map((c) => c.method).sort()).toEqual([...Array(4).fill('nerdamer'), ...Array(4).fill('normal-form'), ...Array(4).fill('numeric')]);
    for (const c of checks.filter((c) => c.method !== 'numeric')) expect(c.detail).toMatch(/common shift.*sum_k d ell\/d z_k/);
    // the loss half of the second CAS is algebrite on the rational identity sum_k p_k - 1 = 0
    for (const c of checks.filter((c) => c.method === 'nerdamer')) expect(c.detail).toMatch(/simplify\(residual\) = 0 \[algebrite\]/);
    for (const c of checks.filter((c) => c.method === 'numeric')) expect(c.detail).toMatch(/back-propagation/);
  });

  it('cross-entropy with targets that are not probability vectors: the loss is not shift invariant and the translation fails', () => {
    const a = arch('relu', [2, 2]);
    const good = dataset(2, 2, 4, true);
    const bad = { ...good, targets: good.targets.map(([y1, y2]) => [2 * y1, y2]) };
    const s = networkSymmetries(mlpModel(a, bad, 'cross-entropy'), ctx);
    const checks = s.families.filter((f) => f.rule === 'softmax-translation').flatMap((f) => f.generators.flatMap((g) => g.checks));
    expect(checks.length).toBeGreaterThan(0);
    for (const method of ['normal-form', 'numeric']) expect(checks.some((c) => c.method === method && c.status === 'failed')).toBe(true);
  });

  it('a deep relu net 2-3-3-1: layer-1 and layer-2 symmetries are proved on their two-layer block, not on the whole net', () => {
    const s = networkSymmetries(model(arch('relu', [3, 3, 1])), ctx);
    const symbolic = s.families.flatMap((f) => [...f.checks, ...f.generators.flatMap((g) => g.checks)]).filter((c) => c.method === 'normal-form');
    expect(symbolic.length).toBeGreaterThan(0);
    for (const c of symbolic) expect(c.detail).toMatch(/pre-activations y_k, k = 1\.\.(3|1), of layer (2|3) as functions of a symbolic input of layer (1|2)/);
    expect(failed(s)).toEqual([]);
  });

  it('a wrong layer-2 rescaling generator of a deep net fails on its block, by the normal form, the second CAS and the numbers', () => {
    const m = model(arch('relu', [3, 3, 1]));
    const fams = instantiateFamilies(loadSymmetryRules('rules'), m).filter((f) => f.site.rule.id === 'positive-rescaling' && f.site.layer === 1);
    expect(fams).toHaveLength(1);
    const f = fams[0].fields[0];
    // flip the sign of the outgoing part: xi = w_in d/dw_in + w_out d/dw_out is not a symmetry
    const wrong = { ...fams[0], fields: [{ ...f, entries: f.entries.map((e) => (e.coef.s < 0n ? { ...e, coef: new Fraction(1) } : e)) }] };
    const [fam] = verifyGenerators(m, [wrong as InstantiatedFamily], ctx);
    const cs = fam.generators[0].checks;
    for (const method of ['normal-form', 'numeric']) expect(cs.some((c) => c.method === method && c.status === 'failed')).toBe(true);
    expect(cs.some((c) => (c.method === 'nerdamer' || c.method === 'algebrite') && c.status === 'failed')).toBe(true);
  });

  it('tanh is not positively homogeneous: permutations only, every parameter is invariant', () => {
    const s = networkSymmetries(model(arch('tanh', [3, 1])), ctx);
    expect(s.families.map((f) => f.rule)).toEqual(['unit-permutation']);
    expect(s.lieAlgebraDimension).toBe(0);
    expect(s.invariants).toHaveLength(13);
    expect(failed(s)).toEqual([]);
  });

  it('a deep relu net 2-3-3-1: invariants are products along full paths, one per quotient dimension', () => {
    const m = model(arch('relu', [3, 3, 1]));
    const s = networkSymmetries(m, ctx);
    expect(s.lieAlgebraDimension).toBe(6);
    expect(s.invariants).toHaveLength(m.parameters.length - s.orbitDimension);
    expect(s.invariants.map((w) => text(w.expr))).toContain('W3_1_1*W2_1_1*W1_1_1');
    expect(failed(s)).toEqual([]);
  });
});

describe('verifyGenerators', () => {
  const rules = loadSymmetryRules('rules');
  const m = model(arch('relu', [2, 1]));
  const [rescaling] = instantiateFamilies(rules, m).filter((f) => f.site.rule.id === 'positive-rescaling');

  it('symbolic-only mode runs the normal form alone and passes', () => {
    const [f] = verifyGenerators(m, [rescaling], ctx, { symbolicOnly: true });
    expect(f.generators.map((g) => g.checks.map((c) => `${c.method}:${c.status}`))).toEqual([['normal-form:passed'], ['normal-form:passed']]);
  });

  it('a wrong generator (outgoing sign flipped) fails its symbolic and numeric checks', () => {
    const flipped: InstantiatedFamily = {
      ...rescaling,
      fields: rescaling.fields.map((g) => ({ ...g, entries: g.entries.map((e) => (e.coef.s < 0n ? { ...e, coef: new Fraction(1) } : e)) })),
    };
    const [f] = verifyGenerators(m, [flipped], ctx);
    for (const g of f.generators) {
      expect(g.checks.find((c) => c.method === 'normal-form')!.status).toBe('failed');
      expect(g.checks.find((c) => c.method === 'numeric')!.status).toBe('failed');
    }
  });

  it('L(g . theta) = L(theta) for the finite rescaling a = 1.7 of each unit', () => {
    const P = m.parameters;
    const L = compile(m.loss, P);
    const rng = seededRng(8);
    const theta = Float64Array.from(P, () => rng.normal());
    for (const g of rescaling.fields) {
      // exp(s xi) with xi = diag(+1 on in-row and bias, -1 on out-column): theta_i -> a^{c_i} theta_i
      const moved = theta.slice();
      for (const e of g.entries) moved[e.target] = theta[e.target] * 1.7 ** e.coef.valueOf();
      expect(L(moved)).toBeCloseTo(L(theta), 12);
      expect(moved).not.toEqual(theta);
    }
  });
});
