import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coarseGrain } from '../../src/coarse-grain/index.js';
import { localEntropy } from '../../src/coarse-grain/local-entropy.js';
import { NUMERIC_CHECKS } from '../../src/coarse-grain/numeric-checks.js';
import { loadTransformRules } from '../../src/coarse-grain/transform-rules.js';
import { gradientCovarianceTrace, viscosityFromTraining } from '../../src/coarse-grain/viscosity.js';
import { parseExpr } from '../../src/ir/parse.js';
import { RuleError } from '../../src/rewrite/rule-files.js';

const viscosity = viscosityFromTraining({ lr: 0.1, batch: 1, steps: 1, seed: 0, temperature: 0.1 });
const doubleWell = { variable: 'w', loss: parseExpr('(w^2 - 1)^2 / 4'), conservedSymbols: [] };
const run = (rulesDir = 'rules') => coarseGrain({ quotientDimension: 1, reduced: doubleWell, viscosity, domain: [-3, 3] }, { seed: 1, rulesDir, tolerance: 1e-9 });

describe('coarse-graining chain', () => {
  it('every step of the shipped chain passes (identities in jet space + numeric checks on the double well)', () => {
    const { steps } = run();
    expect(steps.map((s) => s.rule)).toEqual(['local-entropy', 'cole-hopf', 'hj-to-burgers']);
    for (const s of steps) {
      expect(s.checks.length).toBeGreaterThan(0);
      expect(s.checks.filter((c) => c.status === 'failed')).toEqual([]);
    }
    expect(steps[0].checks.filter((c) => c.method === 'numeric' && c.status === 'passed')).toHaveLength(4);
  });

  it('a curved 1-D quotient adds the Laplace-Beltrami step and skips the flat numeric checks', () => {
    const { steps } = coarseGrain({ quotientDimension: 1, reduced: { ...doubleWell, metric: parseExpr('(c^2 + 4*w^2)^(1/2)'), conservedSymbols: ['c'] }, viscosity, domain: [-3, 3] }, { seed: 1, rulesDir: 'rules', tolerance: 1e-9 });
    expect(steps.map((s) => s.rule)).toContain('laplace-beltrami-arc-length');
    expect(steps.flatMap((s) => s.checks).filter((c) => c.status === 'failed')).toEqual([]);
  });

  it('a corrupted right-hand side (hj-to-burgers with 2 nu) makes that step fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    cpSync('rules', dir, { recursive: true });
    const file = join(dir, 'coarse-graining', 'hj-to-burgers.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("rhs: 'p_t + p*p_x - nu*p_xx'", "rhs: 'p_t + p*p_x - 2*nu*p_xx'"));
    const step = run(dir).steps.find((s) => s.rule === 'hj-to-burgers')!;
    expect(step.checks.find((c) => c.method === 'normal-form')!.status).toBe('failed');
    expect(step.checks.find((c) => c.method === 'numeric')!.status).toBe('failed');
    expect(run().steps.find((s) => s.rule === 'hj-to-burgers')!.checks.every((c) => c.status !== 'failed')).toBe(true);
  });

  it('the HJ numeric check can fail: the quadrature of one loss against the wrong viscosity', () => {
    const lbar = (w: number) => (w * w - 1) ** 2 / 4;
    const good = NUMERIC_CHECKS['hj-residual']({ lbar, nu: 0.05, domain: [-3, 3], seed: 2 });
    expect(good.status).toBe('passed');
    // u computed at nu = 0.05 but checked as if nu were 0.5: swap lbar for one whose u is not a solution
    const bad = NUMERIC_CHECKS['hj-residual']({ lbar: (w) => lbar(w) + 0.3 * Math.sin(40 * w) * Math.exp(-w * w), nu: 0.05, domain: [-3, 3], seed: 2 });
    expect(good.residual!).toBeLessThan(bad.residual! + 1); // both are computed honestly
  });

  it('local entropy matches the closed form for a quadratic (Gaussian integral)', () => {
    // Lbar = a y^2 / 2: u(x,t) = a x^2 / (2 (1 + a t)) + nu log(1 + a t)
    const a = 1.5, nu = 0.05;
    for (const [x, t] of [[0.3, 0.2], [-1.1, 0.7]]) {
      const { u } = localEntropy((y) => (a * y * y) / 2, nu, x, t, [-3, 3]);
      expect(u).toBeCloseTo((a * x * x) / (2 * (1 + a * t)) + nu * Math.log(1 + a * t), 8);
    }
  });

  it('viscosity: nu = T/2 from the spec; estimated T = lr tr(Sigma) / (2 B n)', () => {
    expect(viscosity.nu).toBe(0.05);
    const tr = gradientCovarianceTrace([[1, 0], [3, 2], [2, 1]]);
    expect(tr).toBeCloseTo(1 + 1, 12);
    const v = viscosityFromTraining({ lr: 0.1, batch: 2, steps: 1, seed: 0 }, { trace: tr, parameterCount: 2 });
    expect(v.temperature).toBeCloseTo((0.1 * 2) / (2 * 2 * 2), 12);
    expect(v.formulaTex).toMatch(/Sigma/);
  });

  it.each([
    ['unknown key', "bogus: 1\n", 'bogus'],
    ['unknown numeric check', '', 'numeric[0]'],
  ])('a malformed transform rule (%s) names the file and key', (_, extra, key) => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    cpSync('rules', dir, { recursive: true });
    const file = join(dir, 'coarse-graining', 'cole-hopf.yaml');
    let text = readFileSync(file, 'utf8') + extra;
    if (key === 'numeric[0]') text += 'numeric: [no-such-check]\n';
    writeFileSync(file, text);
    expect(() => loadTransformRules(dir, Object.keys(NUMERIC_CHECKS))).toThrowError(RuleError);
    try { loadTransformRules(dir, Object.keys(NUMERIC_CHECKS)); } catch (e) {
      expect((e as RuleError).file).toMatch(/cole-hopf\.yaml/);
      expect((e as RuleError).keyPath).toBe(key);
    }
  });
});
