// Mutation tests (issue 7): a catalogue symmetry rule altered in a temporary
// copy of rules/ must make its symmetry check fail, and the finite-action step
// must fail without the rewrite rules of rules/activations.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/architecture/model.js';
import { mlpModel } from '../../src/architecture/mlp.js';
import { main } from '../../src/cli/main.js';
import { loadRewriteRules } from '../../src/rewrite/rules.js';
import type { MlpArchitecture } from '../../src/spec/types.js';
import { finiteRescalingSteps } from '../../src/symmetry/finite-action.js';
import { networkSymmetries } from '../../src/symmetry/network-symmetries.js';

const arch = (hidden: string, widths: number[]): MlpArchitecture => ({
  kind: 'mlp', input: 2, layers: widths.map((w, i) => ({ width: w, activation: (i < widths.length - 1 ? hidden : 'identity') as never, bias: true })),
});
const data: Dataset = { inputs: [[0.5, -1.25], [1.5, 0.75], [-0.625, 2]], targets: [[1], [-0.5], [0.25]], description: '3 hand-made samples' };
const model = (hidden: string) => mlpModel(arch(hidden, [2, 1]), data, 'mse');

/** A copy of rules/ with one file edited (the edit must change it). */
function mutatedRules(file: string, edit: (s: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hugoniot-rules-'));
  cpSync('rules', dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return dir;
}
const checksOf = (rule: string, r: ReturnType<typeof networkSymmetries>) => r.steps.filter((s) => s.rule === rule).flatMap((s) => s.checks);

describe('mutating a catalogue symmetry makes its check fail', () => {
  it.each([
    ['positive-rescaling', 'relu', 'symmetry/positive-rescaling.yaml', (s: string) => s.replace('{ feed: out-column, from: j, to: j, by: -1 }', '{ feed: out-column, from: j, to: j, by: -2 }')],
    ['gl-linear', 'identity', 'symmetry/gl-linear.yaml', (s: string) => s.replace('{ feed: out-column, from: p, to: q, by: -1 }', '{ feed: out-column, from: p, to: q, by: 1 }')],
    ['unit-permutation', 'tanh', 'symmetry/unit-permutation.yaml', (s: string) => s.replace(/\n\s*- \{ swap: out-column, between: \[p, q\] \}/, '')],
  ])('%s (%s net)', (rule, hidden, file, edit) => {
    const good = networkSymmetries(model(hidden), { seed: 3, rulesDir: 'rules', tolerance: 1e-9 });
    expect(checksOf(rule, good).length).toBeGreaterThan(0);
    expect(checksOf(rule, good).filter((c) => c.status !== 'passed')).toEqual([]);
    const dir = mutatedRules(file, edit);
    try {
      const bad = networkSymmetries(model(hidden), { seed: 3, rulesDir: dir, tolerance: 1e-9 });
      const cs = checksOf(rule, bad);
      for (const method of ['normal-form', 'numeric']) expect(cs.some((c) => c.method === method && c.status === 'failed')).toBe(true);
      expect(cs.some((c) => (c.method === 'nerdamer' || c.method === 'algebrite') && c.status === 'failed')).toBe(true);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('softmax-translation applied to an MSE net (applicability widened) fails', () => {
    const dir = mutatedRules('symmetry/softmax-translation.yaml', (s) => s.replace('losses: [cross-entropy]', 'losses: [cross-entropy, mse]'));
    try {
      const bad = networkSymmetries(model('relu'), { seed: 3, rulesDir: dir, tolerance: 1e-9 });
      const cs = checksOf('softmax-translation', bad);
      expect(cs.length).toBeGreaterThan(0);
      expect(cs.some((c) => c.method === 'normal-form' && c.status === 'failed')).toBe(true);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('check exits 1 via the CLI with a mutated positive-rescaling rule', async () => {
    const dir = mutatedRules('symmetry/positive-rescaling.yaml', (s) => s.replace('{ feed: out-column, from: j, to: j, by: -1 }', '{ feed: out-column, from: j, to: j, by: -2 }'));
    try {
      let out = '', err = '';
      const code = await main(['check', 'derivations/relu-2-4-1/spec.yaml', '--rules', dir, '--quiet'], { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
      expect(code).toBe(1);
      expect(out + err).toMatch(/positive-rescaling|FAIL|fail/i);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 120_000);
});

describe.each([
  ['2-2-1', model('relu')],
  // deeper: rewritten on the layer-2 pre-activations y_k (tagged), not the whole output
  ['2-2-3-2-1', mlpModel(arch('relu', [2, 3, 2, 1]), data, 'mse')],
])('the finite-action step is proven from rules/activations (%s)', (name, m) => {
  const last = (rulesDir: string) => finiteRescalingSteps(m, loadRewriteRules(rulesDir), 3).at(-1)!;
  it('states the object it rewrites', () => {
    expect(last('rules').statement).toContain(name === '2-2-1' ? "the first sample's output" : 'pre-activations $y_k$ of layer 2');
  });
  it('passes with the bundled rules', () => {
    const step = last('rules');
    expect(step.checks.map((c) => c.status)).toEqual(['passed', 'passed']);
  });
  it('fails when the activation rewrite rules are deleted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hugoniot-rules-'));
    cpSync('rules', dir, { recursive: true });
    for (const f of readdirSync(join(dir, 'activations'))) rmSync(join(dir, 'activations', f));
    try {
      const step = last(dir);
      expect(step.checks.find((c) => c.method === 'normal-form')!.status).toBe('failed');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
