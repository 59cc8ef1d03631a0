// The one exit policy (docs/theory.md §4): every command that runs the pipeline
// writes what was asked, then exits 1 with a stderr line naming the step and
// the check when any check failed. Failures are injected by mutating the result
// (`after`) of each transform rule in a copy of rules/, passed with --rules.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
  return { code, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'hugoniot-exit-'));

const MUTATIONS = {
  'local-entropy': ["after: 'phi_t - nu*phi_xx'", "after: 'phi_t - 2*nu*phi_xx'"],
  'cole-hopf': ["after: 'u_t + u_x^2/2 - nu*u_xx'", "after: 'u_t + u_x^2 - nu*u_xx'"],
  'laplace-beltrami-arc-length': ["after: 'u_t + u_s^2/2 - nu*u_ss'", "after: 'u_t + u_s^2 - nu*u_ss'"],
  'hj-to-burgers': ["after: 'p_t + p*p_x - nu*p_xx'", "after: 'p_t + p*p_x - 2*nu*p_xx'"],
} as const;

function mutatedRules(id: keyof typeof MUTATIONS): string {
  const dir = tmp();
  cpSync('rules', dir, { recursive: true });
  const file = join(dir, 'coarse-graining', `${id}.yaml`);
  const [from, to] = MUTATIONS[id];
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
  writeFileSync(file, text.replace(from, to));
  return dir;
}

// scalar-linear has a curved 1-D quotient, so all four rules are applied.
const SPEC = 'derivations/scalar-linear/spec.yaml';

describe('one exit policy: a failed check exits 1 for every command', () => {
  it.each(Object.keys(MUTATIONS) as (keyof typeof MUTATIONS)[])('mutated %s: check, solve and export exit 1 naming the step', async (id) => {
    const rules = mutatedRules(id);
    const check = await cli(['check', SPEC, '--rules', rules]);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/FAILED: \d+ passed, [1-9]\d* failed/);
    expect(check.out).not.toMatch(/all \d+ checks passed/);
    expect(check.err).toContain(`check failed: scalar-linear: coarse-grain/${id} [`);

    const solve = await cli(['solve', SPEC, '--rules', rules, '--time', '0.2', '--grid', '64', '--scheme', 'godunov']);
    expect(solve.code).toBe(1);
    expect(solve.out).toMatch(/^solved p_t \+ H\(p\)_x = nu p_xx with H\(p\) = \S+ \(read off the derived equation u_t/);
    expect(solve.err).toContain(`coarse-grain/${id}`);

    const out = join(tmp(), 'export');
    const exported = await cli(['export', SPEC, '--rules', rules, '--target', 'js', '--out', out]);
    expect(exported.code).toBe(1);
    expect(readdirSync(out).length).toBeGreaterThan(0);
    expect(exported.err).toContain(`coarse-grain/${id}`);
  }, 240_000);

  it('mutated cole-hopf: solve prints and uses the derived H (p^2), not a fixed Burgers header', async () => {
    const rules = mutatedRules('cole-hopf');
    const bad = await cli(['solve', 'derivations/double-well/spec.yaml', '--rules', rules, '--time', '0.2', '--grid', '64', '--scheme', 'godunov', '--json']);
    const good = await cli(['solve', 'derivations/double-well/spec.yaml', '--time', '0.2', '--grid', '64', '--scheme', 'godunov', '--json']);
    expect(good.code).toBe(0);
    expect(bad.code).toBe(1);
    expect(JSON.parse(good.out).hamiltonian).toBe('1/2*p^2');
    expect(JSON.parse(bad.out).hamiltonian).toBe('p^2');
    expect(JSON.parse(bad.out).equation).toBe('u_t + u_x^2 - nu*u_xx = 0');
    // the solver ran the derived (mutated) flux: the solution differs, and the exit code says why it is not to be trusted
    expect(JSON.parse(bad.out).p).not.toEqual(JSON.parse(good.out).p);
    expect(bad.err).toMatch(/check failed: double-well: coarse-grain\/cole-hopf/);
  }, 120_000);

  it('derive writes the document with the failure in it, then exits 1', async () => {
    const rules = mutatedRules('cole-hopf');
    const out = tmp();
    const r = await cli(['derive', 'derivations/double-well/spec.yaml', '--rules', rules, '--format', 'md', '--out', out]);
    expect(r.code).toBe(1);
    const doc = readFileSync(join(out, 'double-well.md'), 'utf8');
    expect(doc).toMatch(/FAILED/);
    expect(doc).toMatch(/coarse-grain\/cole-hopf/);
    expect(r.err).toMatch(/wrote .*double-well\.md[\s\S]*check failed: double-well: coarse-grain\/cole-hopf/);
  }, 120_000);

  it('demo writes every report, then exits 1', async () => {
    const rules = mutatedRules('hj-to-burgers');
    const out = tmp();
    const r = await cli(['demo', '--rules', rules, '--out', out]);
    expect(r.code).toBe(1);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(r.out).toMatch(/FAILED/);
    expect(r.err).toMatch(/check failed: double-well: coarse-grain\/hj-to-burgers/);
  }, 400_000);

  it('the shipped rules: check exits 0 and the counts line says what was and was not checked', async () => {
    const r = await cli(['check', 'derivations/double-well/spec.yaml']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.split('\n')[0]).toMatch(/^double-well \(expression\): (all \d+ checks passed \(\+ \d+ lemmas\)|\d+ passed, 0 failed, \d+ skipped, \d+ unchecked, \d+ lemmas)$/);
    const j = JSON.parse((await cli(['check', 'derivations/double-well/spec.yaml', '--json'])).out);
    for (const k of ['passed', 'failed', 'skipped', 'unchecked', 'lemma']) expect(typeof j.checks[k]).toBe('number');
    expect(j.checks.failed).toBe(0);
    expect(Object.keys(j.checksByStage)).toEqual(['loss', 'symmetry', 'quotient', 'coarse-grain', 'shock']);
    expect(j.allChecked).toBe(j.checks.skipped === 0 && j.checks.unchecked === 0);
  }, 120_000);

  it('check --help points to docs/theory.md', async () => {
    const r = await cli(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/docs\/theory\.md/);
  });
});
