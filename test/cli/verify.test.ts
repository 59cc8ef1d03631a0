// `hugoniot verify`: the --json contract, exit codes 0 / 1 / 2, and --report.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
  return { code, out, err };
}

describe('hugoniot verify', () => {
  it('double well: --json has predicted, measured, checks and passed; exit 0; --report writes the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hugoniot-verify-'));
    const r = await cli(['verify', 'derivations/double-well/spec.yaml', '--json', '--chains', '16', '--seed', '3', '--report', dir]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['predicted', 'measured', 'checks', 'passed']));
    expect(j.predicted).toMatchObject({ time: 1, location: 0 });
    expect(Object.keys(j.measured)).toEqual(expect.arrayContaining(['time', 'timeError', 'location', 'locationError']));
    for (const c of j.checks) expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'passed', 'value', 'tolerance']));
    expect(j.passed).toBe(true);
    expect(j.config.chains).toBe(16);
    const page = readFileSync(join(dir, 'double-well.html'), 'utf8');
    expect(page).toMatch(/Verification against simulated SGD/);
    expect((page.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(5);
  });

  it('the exit code is 1 exactly when a verification check fails (scalar-linear, text and JSON agree)', async () => {
    const r = await cli(['verify', 'derivations/scalar-linear/spec.yaml', '--chains', '8', '--workers', '0', '--json']);
    const j = JSON.parse(r.out);
    expect(r.code).toBe(j.passed ? 0 : 1);
    expect(j.passed).toBe(j.checks.every((c: { passed: boolean }) => c.passed));
  });

  it.each([
    [['verify', 'derivations/double-well/spec.yaml', '--chains', '1'], /--chains: expected an integer >= 4/],
    [['verify', 'derivations/double-well/spec.yaml', '--seed', '-2'], /--seed: expected an integer >= 0/],
    [['verify', 'no/such/spec.yaml'], /no\/such\/spec\.yaml/],
  ])('bad input %j exits 2 with one message and writes nothing', async (args, message) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hugoniot-verify-')), 'report');
    const r = await cli([...args, '--report', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(dir)).toBe(false);
  });
});
