import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/architecture/model.js';
import { mlpModel } from '../../src/architecture/mlp.js';
import { RuleError } from '../../src/rewrite/rule-files.js';
import type { MlpArchitecture } from '../../src/spec/types.js';
import { loadSymmetryRules } from '../../src/symmetry/catalogue-rules.js';
import { conservedOf, fieldExprs, instantiateFamilies } from '../../src/symmetry/catalogue.js';
import { text } from '../../src/print/text.js';

const data: Dataset = { inputs: [[0.5, -1.25], [2, 0.75]], targets: [[1], [-0.5]], description: 'by hand' };
const arch = (act: string, widths: number[], bias = true): MlpArchitecture => ({
  kind: 'mlp', input: 2, layers: widths.map((w, i) => ({ width: w, activation: (i < widths.length - 1 ? act : 'identity') as never, bias })),
});

describe('catalogue rule files', () => {
  const rules = loadSymmetryRules('rules');

  it.each(['positive-rescaling', 'gl-linear', 'unit-permutation', 'softmax-translation', 'normalisation-scale'])('%s loads', (id) => {
    expect(rules.map((r) => r.id)).toContain(id);
  });

  it('skips files of other types in rules/symmetry', () => {
    expect(rules.every((r) => r.kind === 'continuous' || r.kind === 'discrete')).toBe(true);
    expect(rules.map((r) => r.id)).not.toContain('linear-symmetry-search');
  });

  const malformed = (name: string, edit: (src: string) => string, extra?: string): RuleError => {
    const dir = mkdtempSync(join(tmpdir(), 'hugoniot-rules-'));
    mkdirSync(join(dir, 'symmetry'));
    writeFileSync(join(dir, 'symmetry', `${name}.yaml`), edit(readFileSync('rules/symmetry/positive-rescaling.yaml', 'utf8')));
    if (extra) writeFileSync(join(dir, 'symmetry', 'zz-copy.yaml'), extra);
    try { loadSymmetryRules(dir); } catch (e) { return e as RuleError; }
    throw new Error('expected a RuleError');
  };

  it.each([
    ['unknown top-level key', (s: string) => s.replace('kind: continuous', 'kind: continuous\nflavour: sweet'), 'flavour', /unknown key/],
    ['unknown action term', (s: string) => s.replace('{ feed: bias, from: j, to: j, by: 1 }', '{ scale: bias, at: j, by: 1 }'), 'action.generators[0].terms[1].scale', /unknown key/],
    ['unknown block', (s: string) => s.replace('feed: out-column', 'feed: out-row'), 'action.generators[0].terms[2].feed', /expected/],
    ['unbound index name', (s: string) => s.replace('{ feed: in-row, from: j, to: j, by: 1 }', '{ feed: in-row, from: k, to: j, by: 1 }'), 'action.generators[0].terms[0]', /index name bound by over/],
    ['swap in a continuous rule', (s: string) => s.replace('{ feed: bias, from: j, to: j, by: 1 }', '{ swap: bias, between: [j, j] }'), 'action.generators[0].terms[1].swap', /feed or shift/],
    ['unknown activation', (s: string) => s.replace('activations: [relu', 'activations: [relux'), 'applies-to.activations[0]', /expected/],
  ])('%s is a RuleError naming the file and key', (_, edit, key, msg) => {
    const e = malformed('bad', edit);
    expect(e).toBeInstanceOf(RuleError);
    expect(e.file).toMatch(/bad\.yaml$/);
    expect(e.keyPath).toBe(key);
    expect(e.message).toMatch(msg);
  });

  it('a duplicate id is a RuleError naming the second file', () => {
    const src = readFileSync('rules/symmetry/positive-rescaling.yaml', 'utf8');
    const e = malformed('aa-first', (s) => s, src);
    expect(e.file).toMatch(/zz-copy\.yaml$/);
    expect(e.keyPath).toBe('id');
    expect(e.message).toMatch(/duplicate rule id "positive-rescaling"/);
  });
});

describe('instantiation on a model', () => {
  const rules = loadSymmetryRules('rules');

  it('positive rescaling of unit 1: incoming row and bias +1, outgoing column -1', () => {
    const m = mlpModel(arch('relu', [2, 1]), data, 'mse');
    const fam = instantiateFamilies(rules, m).find((f) => f.site.rule.id === 'positive-rescaling')!;
    expect(fam.fields).toHaveLength(2);
    expect(fieldExprs(fam.fields[0], m.parameters).map(text)).toEqual(['W1_1_1', 'W1_1_2', '0', '0', 'b1_1', '0', '-W2_1_1', '0', '0']);
  });

  it('a width-1 hidden layer has no unit permutation (S_1 is trivial); width 2 has one transposition', () => {
    const permutations = (widths: number[]) => instantiateFamilies(rules, mlpModel(arch('tanh', widths), data, 'mse')).filter((f) => f.site.rule.id === 'unit-permutation');
    expect(permutations([1, 1, 1])).toEqual([]);
    const [two] = permutations([2, 1, 1]);
    expect(two.site.layer).toBe(0);
    expect(two.permutations).toHaveLength(1);
    expect(permutations([2, 1, 1])).toHaveLength(1);
  });

  it('GL(h) generator E_12: row 2 feeds row 1, column 1 feeds column 2 with a minus sign', () => {
    const m = mlpModel(arch('identity', [2, 2], false), { ...data, targets: [[1, 0], [0, 1]] }, 'mse');
    const fam = instantiateFamilies(rules, m).find((f) => f.site.rule.id === 'gl-linear')!;
    expect(fam.fields).toHaveLength(4);
    const e12 = fam.fields.find((f) => f.id.endsWith('[p=1,q=2]'))!;
    // parameters: W1_1_1 W1_1_2 W1_2_1 W1_2_2 W2_1_1 W2_1_2 W2_2_1 W2_2_2
    expect(fieldExprs(e12, m.parameters).map(text)).toEqual(['W1_2_1', 'W1_2_2', '0', '0', '0', '-W2_1_1', '0', '-W2_2_1']);
  });

  it('softmax translation applies only to cross-entropy', () => {
    const ce = mlpModel(arch('relu', [2, 2]), { ...data, targets: [[1, 0], [0, 1]] }, 'cross-entropy');
    const mse = mlpModel(arch('relu', [2, 2]), { ...data, targets: [[1, 0], [0, 1]] }, 'mse');
    expect(instantiateFamilies(rules, ce).map((f) => f.site.rule.id)).toContain('softmax-translation');
    expect(instantiateFamilies(rules, mse).map((f) => f.site.rule.id)).not.toContain('softmax-translation');
  });

  it('normalisation scale has no site on plain dense layers', () => {
    const m = mlpModel(arch('relu', [2, 1]), data, 'mse');
    expect(instantiateFamilies(rules, m).map((f) => f.site.rule.id)).not.toContain('normalisation-scale');
  });

  it('conserved templates: |in_j|^2 + b_j^2 - |out_j|^2', () => {
    const m = mlpModel(arch('relu', [2, 1]), data, 'mse');
    const fam = instantiateFamilies(rules, m).find((f) => f.site.rule.id === 'positive-rescaling')!;
    expect(conservedOf(fam.site, m).map((q) => text(q.expr))).toEqual(['W1_1_1^2 + W1_1_2^2 + b1_1^2 - W2_1_1^2', 'W1_2_1^2 + W1_2_2^2 + b1_2^2 - W2_1_2^2']);
  });
});
