// verify end to end on bundled examples: the double well passes (t* = 1, x* = 0
// measured from SGLD, not given), the convex quadratic reports no shock and
// passes, and deliberately wrong predictions (viscosity off by 4, location
// shifted) make it fail on the checks they should.
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type Intermediates } from '../../src/pipeline/derive.js';
import { loadSpec } from '../../src/spec/load.js';
import { verifySpec, type VerifyResult } from '../../src/verify/verify.js';

const intermediates = (name: string): Intermediates => runPipeline(loadSpec(`derivations/${name}/spec.yaml`), { rulesDir: 'rules' }).intermediates;
const check = (r: VerifyResult, id: string) => {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
};

describe('verify: double well', () => {
  let im: Intermediates;
  let r: VerifyResult;
  beforeAll(async () => {
    im = intermediates('double-well');
    r = await verifySpec(im, { chains: 24, seed: 1, workers: 2 });
  });

  it('passes, with the breaking time and place measured near t* = 1, x* = 0', () => {
    expect(r.checks.map((c) => [c.id, c.passed])).toEqual([
      ['solver-vs-estimate', true], ['breaking-time', true], ['shock-location', true], ['entropy-sgd-watershed', true],
    ]);
    expect(r.passed).toBe(true);
    expect(r.predicted).toMatchObject({ time: 1, location: 0 });
    expect(Math.abs(r.measured.time! - 1)).toBeLessThan(0.1);
    expect(Math.abs(r.measured.location!)).toBeLessThan(0.2);
    expect(r.measured.timeError!).toBeGreaterThan(0);
  });

  it('is reproducible: the same seed gives the same numbers (workers 0 vs 2)', async () => {
    const again = await verifySpec(im, { chains: 24, seed: 1, workers: 0 });
    expect(again.measured).toEqual(r.measured);
    expect(again.checks).toEqual(r.checks);
  });

  it('fails when the predicted viscosity is off by a factor 4 (solver vs SGLD)', async () => {
    const wrong = await verifySpec(im, { chains: 24, seed: 1, workers: 2, perturb: { viscosityFactor: 4 } });
    expect(check(wrong, 'solver-vs-estimate').passed).toBe(false);
    expect(wrong.passed).toBe(false);
  });

  it('fails when the predicted location is shifted by 0.5 (location and Entropy-SGD watershed)', async () => {
    const wrong = await verifySpec(im, { chains: 24, seed: 1, workers: 2, perturb: { locationShift: 0.5 } });
    expect(check(wrong, 'shock-location').passed).toBe(false);
    expect(check(wrong, 'entropy-sgd-watershed').passed).toBe(false);
    expect(wrong.passed).toBe(false);
    // the measurement itself does not move with the prediction
    expect(wrong.measured.time).toBe(r.measured.time);
    expect(wrong.measured.location).toBe(r.measured.location);
  });
});

describe('verify: other examples', () => {
  it('convex quadratic: no shock predicted, none measured, passes', async () => {
    const r = await verifySpec(intermediates('convex-quadratic'), { chains: 24, seed: 1, workers: 2 });
    expect(r.predicted.time).toBeNull();
    expect(r.measured.time).toBeNull();
    expect(check(r, 'no-shock').passed).toBe(true);
    expect(check(r, 'entropy-sgd-no-watershed').passed).toBe(true);
    expect(r.passed).toBe(true);
  });

  it('a curved 1-D quotient is verified in arc length: the SGLD estimate matches the solver and t* = 1', async () => {
    const r = await verifySpec(intermediates('scalar-linear'), { chains: 24, seed: 1, workers: 2 });
    expect(r.config.variable).toMatch(/arc length of w/);
    expect(check(r, 'solver-vs-estimate').passed).toBe(true);
    expect(check(r, 'breaking-time').passed).toBe(true);
    expect(Math.abs(r.measured.time! - 1)).toBeLessThan(0.1);
  });
});
