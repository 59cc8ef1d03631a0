// The property test's judge must be able to fail: each rule of invariants.ts
// is broken on purpose here, and a sound run is accepted.
import { describe, expect, it } from 'vitest';
import { headlineVersusSteps, refusalKey, statedNumber, violations, type CheckJson, type DerivationJson, type Run, type ShockJson } from './invariants.js';

const crossingShock = 'Characteristics first cross at $t^* = 1/\\rho$, $\\rho = \\max(-H\'\'\\,\\partial_s^2 \\bar L)$ over the slice. Here $\\rho = 0.5$ at $y^* = 0.1$ (one-sided limits at kinks and cone points included): $t^* = 2$, $x^* = 0.35$.';
const crossingNone = 'Characteristics first cross at $t^* = 1/\\rho$. Here $\\max(-\\partial_s^2\\bar L) = -0.2 \\le 0$ (one-sided limits included) and no concave kink: no shock forms.';
const crossingKink = 'Characteristics first cross at $t^* = 1/\\rho$. Here $\\partial_s \\bar L$ jumps down by $0.03$ at the kink $s = -1.5$: characteristics from its two sides cross at once, a shock at $t^* = 0^+$, $x^* = -1.5$ (the smooth parts have $\\max(-\\partial_s^2 \\bar L) = 0.3$).';

const passed: CheckJson = { method: 'numeric', status: 'passed', detail: 'ok' };
const failed: CheckJson = { method: 'numeric', status: 'failed', detail: 'min_y dx/dy = -199' };

function derivation(o: { shock?: ShockJson; crossing?: string; checks?: CheckJson[]; rh?: boolean; failedChecks?: number } = {}): DerivationJson {
  const checks = o.checks ?? [passed];
  const nFailed = checks.filter((c) => c.status === 'failed').length;
  return {
    report: {
      name: 'n', passed: nFailed === 0,
      shock: o.shock ?? { forms: true, time: 2, location: 0.35, rho: 0.5, reynolds: 100, regime: 'shock', speed: 0.1, lax: true },
      failedChecks: Array.from({ length: o.failedChecks ?? nFailed }, () => ({ step: 'shock/characteristic-crossing' })),
      checks: { failed: o.failedChecks ?? nFailed },
    },
    steps: [
      { id: 'shock/characteristic-crossing', stage: 'shock', statement: o.crossing ?? crossingShock, checks },
      ...(o.rh === false ? [] : [{ id: 'shock/rankine-hugoniot', stage: 'shock', statement: '', checks: [passed] }]),
    ],
  };
}
const run = (code: number, d: unknown, err = ''): Run => ({ code, out: JSON.stringify(d), err, specPath: '/tmp/x.yaml' });
const noShock: ShockJson = { forms: false, time: null, location: null, rho: -0.2, reynolds: null, regime: 'none', speed: null, lax: null };

describe('violations', () => {
  it('accepts a sound run: shock, no shock, concave kink, a failed check with exit 1, a refusal', () => {
    expect(violations(run(0, derivation()))).toEqual([]);
    expect(violations(run(0, derivation({ shock: noShock, crossing: crossingNone, rh: false })))).toEqual([]);
    expect(violations(run(0, derivation({ shock: { ...noShock, forms: true, time: 0, location: -1.5, rho: 0.3, reynolds: 50, regime: 'shock', kink: { location: -1.5, jump: 0.03 } }, crossing: crossingKink })))).toEqual([]);
    expect(violations(run(1, derivation({ checks: [failed] }), 'hugoniot: check failed: n: shock/characteristic-crossing [numeric]: x\nhugoniot: n: 1 check(s) failed (...); exit 1\n'))).toEqual([]);
    expect(violations({ code: 2, out: '', err: 'hugoniot: /tmp/x.yaml: training.lr: expected a learning rate ...\n', specPath: '/tmp/x.yaml' })).toEqual([]);
  });

  it('flags exit 3 and stack traces', () => {
    expect(violations({ code: 3, out: '', err: 'hugoniot: internal error: Invalid argument\n', specPath: '/tmp/x.yaml' })[0]).toMatch(/^exit 3/);
    expect(violations({ code: 2, out: '', err: 'hugoniot: /tmp/x.yaml: a: b\n    at Object.<anonymous> (/src/x.ts:1:2)\n', specPath: '/tmp/x.yaml' })).toContain('a stack trace was printed');
  });

  it('flags a refusal that writes output, spans lines or names no file and key', () => {
    expect(violations({ code: 2, out: '{}', err: 'hugoniot: /tmp/x.yaml: a: b\n', specPath: '/tmp/x.yaml' })).toContain('exit 2 but something was written to stdout');
    expect(violations({ code: 2, out: '', err: 'hugoniot: something went wrong\n', specPath: '/tmp/x.yaml' })[0]).toMatch(/does not start with/);
    expect(violations({ code: 2, out: '', err: 'hugoniot: /tmp/x.yaml: a: b\nmore\n', specPath: '/tmp/x.yaml' })[0]).toMatch(/one line/);
  });

  it('flags exit 0 with a failed check, exit 1 without one, and counts that disagree', () => {
    expect(violations(run(0, derivation({ checks: [failed] }))).join('\n')).toMatch(/exit 0 but 1 failed check/);
    expect(violations(run(1, derivation(), 'hugoniot: n: 0 check(s) failed\n')).join('\n')).toMatch(/exit 1 but 0 failed check/);
    expect(violations(run(1, derivation({ checks: [failed], failedChecks: 0 }), 'hugoniot: check failed: n: x\n')).join('\n')).toMatch(/failed checks: 1 in the steps, 0/);
  });

  it('flags a symmetry reported unverified (printed FAILED) when no check failed', () => {
    const d = derivation();
    d.report.symmetries = [{ id: 'unit-permutation', verified: { symbolic: false, numeric: false } }];
    expect(violations(run(0, d))).toEqual(['no check failed, yet the report marks symmetry unit-permutation as not verified (printed FAILED)']);
    d.report.symmetries = [{ id: 'unit-permutation', verified: { symbolic: true, numeric: true } }];
    expect(violations(run(0, d))).toEqual([]);
  });
});

describe('headlineVersusSteps', () => {
  it('flags a headline shock the crossing step denies, and the reverse', () => {
    expect(headlineVersusSteps(derivation({ crossing: crossingNone }))[0]).toMatch(/forms = true but the crossing step says "no shock forms"/);
    expect(headlineVersusSteps(derivation({ shock: noShock, rh: false }))[0]).toMatch(/forms = false but the crossing step says "a shock forms"/);
  });

  it('flags t* != 1/rho, and t*, rho, x* that differ from the printed step', () => {
    expect(headlineVersusSteps(derivation({ shock: { forms: true, time: 0.007, location: 0.35, rho: 0.5, reynolds: 1, regime: 'shock', speed: 0, lax: true } })).join('\n')).toMatch(/t\* = 0.007 is not 1\/rho = 2/);
    expect(headlineVersusSteps(derivation({ shock: { forms: true, time: 4, location: 0.35, rho: 0.25, reynolds: 1, regime: 'shock', speed: 0, lax: true } })).join('\n')).toMatch(/the crossing step says t\* = 2/);
    expect(headlineVersusSteps(derivation({ shock: { forms: true, time: 2, location: 0.4, rho: 0.5, reynolds: 1, regime: 'shock', speed: 0, lax: true } })).join('\n')).toMatch(/x\* = 0.4, the crossing step says x\* = 0.35/);
  });

  it('flags a kink headline without t* = 0+ and a shock without its Rankine-Hugoniot step', () => {
    expect(headlineVersusSteps(derivation({ shock: { forms: true, time: 2, location: 0.35, rho: 0.5, reynolds: 1, regime: 'shock', speed: 0, lax: true, kink: { location: 0.35, jump: 0.1 } } })).join('\n')).toMatch(/t\* = 0\+/);
    expect(headlineVersusSteps(derivation({ rh: false }))).toEqual(['a shock forms but there is no shock/rankine-hugoniot step']);
  });

  it('flags a trajectory that says characteristics cross over a headline without a shock', () => {
    const d = derivation({ shock: noShock, crossing: crossingNone, rh: false });
    d.steps.unshift({ id: 'shock/trajectory-curvature', stage: 'shock', statement: '$\\rho = 0.2$ at step 3: characteristics cross in the quotient.', checks: [passed] });
    expect(headlineVersusSteps(d)).toEqual(['the trajectory step says characteristics cross, the headline says no shock']);
  });
});

describe('statedNumber, refusalKey', () => {
  it('reads the number after the last label, exponents included', () => {
    expect(statedNumber(crossingShock, 't^* = ')).toBe(2);
    expect(statedNumber('$x^* = -4.5e-7$', 'x^* = ')).toBe(-4.5e-7);
    expect(statedNumber('nothing', 'x^* = ')).toBeUndefined();
  });
  it('reads the key path of a refusal', () => {
    expect(refusalKey('hugoniot: /a/b.yaml: architecture.layers: expected a network of at most 300 parameters\n', '/a/b.yaml')).toBe('architecture.layers');
    expect(refusalKey('hugoniot: other: x\n', '/a/b.yaml')).toBeUndefined();
  });
});
