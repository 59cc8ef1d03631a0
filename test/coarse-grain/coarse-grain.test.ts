import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coarseGrain, slopeResidual } from '../../src/coarse-grain/index.js';
import { localEntropy } from '../../src/coarse-grain/local-entropy.js';
import { NUMERIC_CHECKS } from '../../src/coarse-grain/numeric-checks.js';
import { loadTransformRules } from '../../src/coarse-grain/transform-rules.js';
import { gradientCovarianceTrace, viscosityFromTraining } from '../../src/coarse-grain/viscosity.js';
import { parseExpr } from '../../src/ir/parse.js';
import { RuleError } from '../../src/rewrite/rule-files.js';

const viscosity = viscosityFromTraining({ lr: 0.1, batch: 1, steps: 1, seed: 0, temperature: 0.1 });
const doubleWell = { variable: 'w', loss: parseExpr('(w^2 - 1)^2 / 4'), conservedSymbols: [] };
const wellLine = { variable: 'w', loss: doubleWell.loss, domain: [-3, 3] as const, nu: viscosity.nu, seed: 1, origin: 'the test line' };
const run = (rulesDir = 'rules') => coarseGrain({ quotientDimension: 1, reduced: doubleWell, viscosity, line: wellLine }, { seed: 1, rulesDir, tolerance: 1e-9 });

const curvedRun = (metric = '(1 + 4*w^2)^(1/2)', rulesDir = 'rules') => coarseGrain({
  quotientDimension: 1, reduced: { ...doubleWell, metric: parseExpr(metric.replace('1 +', 'c^2 + 1 +')), conservedSymbols: ['c'] }, viscosity,
  line: { ...wellLine, domain: [-2, 2] as const, metric: parseExpr(metric) },
}, { seed: 1, rulesDir, tolerance: 1e-9 });

describe('coarse-graining chain', () => {
  it('every step of the shipped chain passes (identities in jet space + numeric checks on the double well)', () => {
    const { steps } = run();
    expect(steps.map((s) => s.rule)).toEqual(['local-entropy', 'cole-hopf', 'hj-to-burgers']);
    for (const s of steps) {
      expect(s.checks.length).toBeGreaterThan(0);
      expect(s.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    }
    expect(steps[0].checks.filter((c) => c.method === 'numeric' && c.status === 'passed')).toHaveLength(4);
    // the identities and the quadrature checks hold for every loss: lemmas; the initial datum is this spec's
    expect(steps.flatMap((s) => s.checks).filter((c) => c.scope !== 'lemma').map((c) => c.detail)).toEqual([expect.stringMatching(/^initial datum/)]);
  });

  it('one source: the HJ equation returned to later stages is the object the Cole-Hopf step states', () => {
    const r = run();
    const step = r.steps.find((s) => s.rule === 'cole-hopf')!;
    expect(step.after?.kind).toBe('eq');
    expect(step.after?.kind === 'eq' && step.after.lhs).toBe(r.hamiltonJacobi);
    expect(r.steps.find((s) => s.rule === 'hj-to-burgers')!.after?.kind === 'eq' && (r.steps.find((s) => s.rule === 'hj-to-burgers')!.after as { lhs: unknown }).lhs).toBe(r.burgers);
  });

  it('a curved 1-D quotient adds the Laplace-Beltrami step; the numeric checks run in arc length', () => {
    const { steps } = curvedRun();
    expect(steps.map((s) => s.rule)).toContain('laplace-beltrami-arc-length');
    const checks = steps.flatMap((s) => s.checks);
    expect(checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(checks.filter((c) => /^hj-residual|viscous HJ residual/.test(c.detail))).toHaveLength(1);
    expect(checks.find((c) => /^G\(w\) on/.test(c.detail))!.status).toBe('passed');
    expect(steps[0].conditions.join(' ')).toMatch(/in arc length/);
  });

  it('a metric that is negative somewhere fails the G > 0 check of the Laplace-Beltrami step', () => {
    const { steps } = curvedRun('w^2 - 1/4');
    expect(steps.flatMap((s) => s.checks).find((c) => /^G\(w\) on/.test(c.detail))!.status).toBe('failed');
  });

  it('a quotient of dimension n checks the n-dimensional heat kernel (a lemma)', () => {
    const { steps } = coarseGrain({ quotientDimension: 3, viscosity }, { seed: 1, rulesDir: 'rules', tolerance: 1e-9 });
    const kernel = steps[0].checks.filter((c) => /^3-dimensional heat kernel/.test(c.detail));
    // (a) the radial identity for every n, (b) |grad rho|^2 = 4 rho and (c) Lap rho = 2n in 3 coordinates: three ways each.
    expect(kernel.map((c) => c.method)).toEqual(Array.from({ length: 3 }, () => ['normal-form', 'nerdamer', 'numeric']).flat());
    expect(kernel.map((c) => /\(([abc])\) (?:radial|\|grad|Lap)/.exec(c.detail)![1])).toEqual(['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c']);
    expect(kernel.find((c) => /\(c\) Lap rho = 2n = 6 in 3 coordinates/.test(c.detail))).toBeDefined();
    for (const c of kernel) expect([c.status, c.scope]).toEqual(['passed', 'lemma']);
  });

  it('the quadrature reports its own error: |u(h) - u(2h)| is tiny on 4001 nodes and large when the nodes do not resolve the kernel', () => {
    const lbar = (y: number): number => 0.75 * y * y, nu = 0.05;
    const fine = localEntropy(lbar, nu, 0.3, 0.2, [-3, 3]);
    expect(Math.abs(fine.u - fine.uHalf)).toBeLessThan(1e-12);
    // 21 nodes over the weight window: step about 2 kernel widths, the trapezoid rule is off.
    const coarse = localEntropy(lbar, 1e-4, 0.3, 0.2, [-3, 3], 21);
    expect(Math.abs(coarse.u - coarse.uHalf) / (Math.abs(coarse.u) + 1e-4)).toBeGreaterThan(1e-3);
  });

  it('without a line the numeric checks are skipped with the reason, never passed', () => {
    const { steps } = coarseGrain({ quotientDimension: 3, viscosity }, { seed: 1, rulesDir: 'rules', tolerance: 1e-9 });
    const numeric = steps.flatMap((s) => s.checks).filter((c) => c.method === 'numeric' && !/seeded random points/.test(c.detail));
    expect(numeric.length).toBe(4);
    for (const c of numeric) {
      expect(c.status).toBe('skipped');
      expect(c.detail).toMatch(/not run \(no 1-D line/);
    }
  });

  // One mutation per transform rule: the stated result (`after`) is altered, the step's own checks refute it.
  it.each([
    ['local-entropy', "after: 'phi_t - nu*phi_xx'", "after: 'phi_t - 2*nu*phi_xx'"],
    ['cole-hopf', "after: 'u_t + u_x^2/2 - nu*u_xx'", "after: 'u_t + u_x^2 - nu*u_xx'"],
    ['laplace-beltrami-arc-length', "after: 'u_t + u_s^2/2 - nu*u_ss'", "after: 'u_t + u_s^2 - nu*u_ss'"],
    ['hj-to-burgers', "after: 'p_t + p*p_x - nu*p_xx'", "after: 'p_t + p*p_x - 2*nu*p_xx'"],
  ])('mutating the result of %s makes its step fail (and the chain break)', (id, from, to) => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    cpSync('rules', dir, { recursive: true });
    const file = join(dir, 'coarse-graining', `${id}.yaml`);
    const source = readFileSync(file, 'utf8');
    expect(source).toContain(from);
    writeFileSync(file, source.replace(from, to));
    const steps = curvedRun('(1 + 4*w^2)^(1/2)', dir).steps;
    const step = steps.find((s) => s.rule === id)!;
    expect(step.checks.some((c) => c.method === 'normal-form' && c.status === 'failed')).toBe(true);
    expect(step.checks.some((c) => c.method === 'numeric' && /seeded random points/.test(c.detail) && c.status === 'failed')).toBe(true);
    // the next step's chain check sees the same altered object
    const next = { 'local-entropy': 'cole-hopf', 'cole-hopf': 'hj-to-burgers' }[id as 'cole-hopf'];
    if (next) expect(steps.find((s) => s.rule === next)!.checks.find((c) => /chain is broken/.test(c.detail))).toBeDefined();
  });

  it('an identity obligation that does not use the stated `after` is rejected when the rules are loaded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    cpSync('rules', dir, { recursive: true });
    const file = join(dir, 'coarse-graining', 'cole-hopf.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("rhs: '-(phi/(2*nu))*after'", "rhs: '-(phi/(2*nu))*(u_t + u_x^2/2 - nu*u_xx)'"));
    expect(() => loadTransformRules(dir, Object.keys(NUMERIC_CHECKS))).toThrowError(/uses "after"/);
  });

  it('an identity with the same expression on both sides (a check that cannot fail) is rejected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    cpSync('rules', dir, { recursive: true });
    const file = join(dir, 'coarse-graining', 'hj-to-burgers.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("lhs: 'before_x'", "lhs: 'after'"));
    expect(() => loadTransformRules(dir, Object.keys(NUMERIC_CHECKS))).toThrowError(/could not fail/);
  });

  it('lemmas: the quadrature checks pass for an arbitrary wiggly loss (they are evidence about the quadrature, not the spec)', () => {
    const wiggly = (w: number) => 0.3 * Math.sin(3 * w) + 0.2 * Math.cos(7 * w + 1) + w * w / 5 + 0.1 * w;
    for (const name of ['hj-residual', 'gradient-identity', 'small-time-limit']) {
      for (const seed of [1, 2, 3]) {
        const c = NUMERIC_CHECKS[name]({ lbar: wiggly, nu: 0.05, domain: [-3, 3], seed });
        expect(c.status, `${name} seed ${seed}: ${c.detail}`).toBe('passed');
      }
    }
  });

  it('a corrupted right-hand side (hj-to-burgers with 2 nu) makes that step fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    cpSync('rules', dir, { recursive: true });
    const file = join(dir, 'coarse-graining', 'hj-to-burgers.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("rhs: 'after'", "rhs: 'after + nu*p_xx'"));
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

  it('the HJ residual on a kinked Lbar at tiny nu is taken inside the kernel width (1e-6, not the stencil error)', () => {
    // A ReLU-like slice with two concave kinks (shocks from t = 0+) at nu = 1e-6, the scale of an SGD
    // temperature estimated from a small lr: a fixed stencil of 2e-3 straddles the corner of u (measured 2.9e-4 at seed 1).
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const data = { lbar: (w: number) => -0.05 * Math.max(0, w - 0.1) - 0.03 * Math.max(0, -0.2 - w) + 0.1 * w * w, nu: 1e-6, domain: [-1, 1] as const, seed };
      expect(NUMERIC_CHECKS['hj-residual'](data).residual!).toBeLessThan(1e-6);
      expect(NUMERIC_CHECKS['gradient-identity'](data).residual!).toBeLessThan(1e-9);
    }
  });

  it('local entropy at small nu follows the Hopf-Lax minimiser many kernel widths away from x', () => {
    // Lbar = y: the weight sits at y* = x - t, t / sqrt(2 nu t) = 16 kernel widths from x; exactly
    // u = x - t/2 and E[y] = x - t for every nu (Gaussian integral).
    const nu = 1e-3, t = 0.5, x = 0.3;
    const { u, meanY } = localEntropy((y) => y, nu, x, t, [-3, 3]);
    expect(u).toBeCloseTo(x - t / 2, 8);
    expect(meanY).toBeCloseTo(x - t, 8);
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

describe('slopeResidual (the initial-datum check across a kink of Lbar)', () => {
  // f(x) = relu(x) + x^2 has a kink at 0; x sits 0.3 h to its right, so the
  // central stencil straddles it and the backward one-sided stencil too.
  const h = 1e-5, x = 0.3 * h;
  const f = (k: number): number => Math.max(0, x + k * h) + (x + k * h) ** 2;
  it('accepts the true one-sided slope, which central differences alone would fail', () => {
    expect(slopeResidual(f, h, 1 + 2 * x)).toBeLessThan(1e-9);
    const central = (f(1) - f(-1)) / (2 * h);
    expect(Math.abs(1 + 2 * x - central) / (1 + Math.abs(central))).toBeGreaterThan(1e-2);
  });
  it('fails a wrong slope (every stencil disagrees)', () => {
    expect(slopeResidual(f, h, 2 + 2 * x)).toBeGreaterThan(0.1);
    expect(slopeResidual(f, h, 2 * x)).toBeGreaterThan(0.1);
  });
});
