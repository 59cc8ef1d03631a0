// `hugoniot solve` with the inputs of issue 10: never garbage (non-finite or
// out-of-bound results are a failed check, exit 1; out-of-range inputs exit 2),
// strict numbers, no hangs (the work is estimated and refused past the limit,
// exit 2, before any solving), a timing line at the end. Nothing on stdout when refused.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
  return { code, out, err };
}
const solve = (...opts: string[]) => cli(['solve', 'derivations/double-well/spec.yaml', ...opts]);

describe('hugoniot solve: bad and out-of-range input is exit 2, nothing printed', () => {
  it.each([
    [['--time', '1', '--grid', '0x10'], /--grid: expected an integer >= 8 in decimal digits, got "0x10"/],
    [['--time', '1', '--grid', '1e5'], /--grid: expected an integer >= 8 in decimal digits, got "1e5"/],
    [['--time', '0x1'], /--time: expected a positive number, got "0x1"/],
    [['--time', 'Infinity'], /--time: expected a positive number/],
    [['--time', '1', '--viscosity', '0b1'], /--viscosity: expected a number >= 0, got "0b1"/],
    [['--time', '2', '--viscosity', '1e308'], /nu t\/dx\^2 = Infinity is out of range/],
  ])('%j', async (opts, message) => {
    const r = await solve(...opts);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});

describe('hugoniot solve: no hangs (estimate first, refuse past the limit with a suggestion)', () => {
  it.each([
    [['--time', '1e9'], /estimated work 1\.1e16 cell-steps .* exceeds the limit 3e8 .*--allow-long/],
    [['--time', '2', '--grid', '100000'], /estimated work 1\.6e11 cell-steps \(up to 1\.6e6 steps x 1e5 cells/],
    [['--time', '2', '--viscosity', '1e6', '--scheme', 'weno5'], /dt limited by explicit diffusion.*use --scheme weno5-imex/],
    [['--time', '2', '--grid', '3000', '--viscosity', '0.05', '--scheme', 'weno5'], /estimated work 7\.\de8 .*use --scheme weno5-imex/],
  ])('%j is refused at once (exit 2)', async (opts, message) => {
    const started = performance.now();
    const r = await solve(...opts);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
    expect(performance.now() - started).toBeLessThan(20_000); // the pipeline runs, the solver does not
  });
});

describe('hugoniot solve: never garbage', () => {
  it('--time 1e-300: u stays in the range of u(x, 0) (was u = 5e289), exit 0', async () => {
    const r = await solve('--time', '1e-300', '--grid', '200', '--json', '--quiet');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Math.min(...j.u)).toBeGreaterThan(-0.01);
    expect(Math.max(...j.u)).toBeLessThan(16.01); // u(x, 0) in [0, 16] on the grid
  });
  it('--viscosity 1e6: the result leaves the maximum principle: exit 1 with the reason, nothing on stdout', async () => {
    const r = await solve('--time', '2', '--viscosity', '1e6', '--grid', '200');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/solve failed its check: u = .* violates the maximum principle/);
    expect(r.out).toBe('');
  });
});

describe('hugoniot solve: the default scheme, --allow-long and the timing line', () => {
  it('weno5-imex by default; one timing line on stderr with the steps against the estimate', async () => {
    const r = await solve('--time', '0.5', '--grid', '200', '--allow-long');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(200 cells, weno5-imex, nu = 0\.05\)/);
    expect(r.err).toMatch(/^hugoniot: solved in \d+(\.\d)? s \(weno5-imex, \d+ steps x 200 cells \(estimated at most \d+ steps\)\)\n$/);
  });
});
