import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/ir/parse.js';
import { text } from '../../src/print/text.js';
import { matchPattern } from '../../src/rewrite/match.js';
import { parsePattern } from '../../src/rewrite/pattern.js';
import { RuleError } from '../../src/rewrite/rule-files.js';
import { loadRewriteRules } from '../../src/rewrite/rules.js';
import { rewriteToFixpoint } from '../../src/rewrite/runner.js';

describe('pattern matching', () => {
  it.each([
    ['relu(?a * ?x)', 'relu(2*w)', { a: '2', x: 'w' }],
    ['relu(?a * ?x)', 'relu(w*2)', { a: '2', x: 'w' }], // constructors put numbers first
    ['exp(?a) * exp(?b)', 'exp(x)*exp(y^2)', { a: 'x', b: 'y^2' }],
    ['?x + ?x', 'a + a', { x: 'a' }],
    ['?x + ?x', 'a + b', null],
    ['relu(?x)', 'tanh(x)', null],
    ['?x^2', '(a+b)^2', { x: 'a + b' }],
  ])('%s against %s', (p, e, expected) => {
    const b = matchPattern(parsePattern(p), parseExpr(e));
    if (expected === null) expect(b).toBeNull();
    else expect(Object.fromEntries([...b!].map(([k, v]) => [k, text(v)]))).toEqual(expected);
  });
});

describe('rewrite rules', () => {
  const rules = loadRewriteRules('rules');

  it('rewrites to a fixpoint, one checked step per application', () => {
    const { result, steps } = rewriteToFixpoint(parseExpr('w/2 * relu(2*z) + exp(a)*exp(b)'), rules, { seed: 1, stage: 'symmetry' });
    expect(text(result)).toBe('w*relu(z) + exp(a + b)');
    expect(steps.map((s) => s.rule).sort()).toEqual(['exp-product', 'relu-positive-homogeneity']);
    for (const s of steps) expect(s.checks.every((c) => c.status === 'passed')).toBe(true);
  });

  it('the guard blocks a negative factor: relu(-2 z) is not rewritten', () => {
    const { steps } = rewriteToFixpoint(parseExpr('relu(-2*z)'), rules, { seed: 1, stage: 'symmetry' });
    expect(steps).toHaveLength(0);
  });

  it('a wrong rule is caught by its step checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-'));
    writeFileSync(join(dir, 'bad.yaml'), "id: bad-relu\ntype: rewrite\nmatch: 'relu(?a * ?x)'\nreplace: '?a * relu(-?x)'\nstatement: wrong\n");
    const { steps } = rewriteToFixpoint(parseExpr('relu(2*z)'), loadRewriteRules(dir), { seed: 1, stage: 'symmetry' });
    expect(steps[0].checks.find((c) => c.method === 'normal-form')!.status).toBe('failed');
    expect(steps[0].checks.find((c) => c.method === 'numeric')!.status).toBe('failed');
  });

  it.each([
    ["id: r\ntype: rewrite\nmatch: 'relu(?x)'\nreplace: '?y'\nstatement: s\n", 'replace'],
    ["id: r\ntype: rewrite\nmatch: 'relu(?x)'\nreplace: '?x'\ncondition: ['huge(?x)']\nstatement: s\n", 'condition[0]'],
    ["id: r\ntype: rewrite\nmatch: 'relu(?x'\nreplace: '?x'\nstatement: s\n", 'match'],
    ["id: r\ntype: rewrite\nmatch: 'relu(?x)'\nreplace: '?x'\nstatement: s\nextra: 1\n", 'extra'],
  ])('a malformed rule is rejected naming file and key (%#)', (yaml, key) => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-'));
    cpSync('rules/activations', join(dir, 'activations'), { recursive: true });
    writeFileSync(join(dir, 'bad.yaml'), yaml);
    try { loadRewriteRules(dir); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).file).toMatch(/bad\.yaml/);
      expect((e as RuleError).keyPath).toBe(key);
    }
  });
});
