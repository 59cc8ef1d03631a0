// The coarse-graining chain is data (rules/coarse-graining/chain.yaml): the
// stage applies the steps in the file's order and checks the links it declares.
// A malformed chain (a link to a later or absent step, a step without a link, an
// unknown rule, no step giving an equation later stages read) is a rules error:
// exit 2 naming the file and key. A well-formed link that does not hold is a
// failed check: exit 1.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coarseGrainChain } from '../../src/coarse-grain/index.js';
import { viscosityFromTraining } from '../../src/coarse-grain/viscosity.js';
import { main } from '../../src/cli/main.js';
import { parseExpr } from '../../src/ir/parse.js';
import { RuleError } from '../../src/rewrite/rule-files.js';

const viscosity = viscosityFromTraining({ lr: 0.1, batch: 1, steps: 1, seed: 0, temperature: 0.1 });
const reduced = { variable: 'w', loss: parseExpr('(w^2 - 1)^2 / 4'), conservedSymbols: [] };
const curved = { ...reduced, metric: parseExpr('1 + 4*w^2') };
const chainOf = (rulesDir: string, metric = false) => coarseGrainChain({ quotientDimension: 1, reduced: metric ? curved : reduced, viscosity }, { seed: 1, rulesDir, tolerance: 1e-9 });

const CHAIN_FILE = join('coarse-graining', 'chain.yaml');
/** A copy of rules/ with the chain file rewritten by `edit` (which must change it). */
function rulesWithChain(edit: (text: string) => string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-chain-'));
  cpSync('rules', dir, { recursive: true });
  const file = join(dir, CHAIN_FILE);
  const text = readFileSync(file, 'utf8');
  const edited = edit(text);
  if (edited === undefined) rmSync(file);
  else {
    expect(edited, 'the mutation changes the chain file').not.toBe(text);
    writeFileSync(file, edited);
  }
  return dir;
}

/** The YAML block of one step (from its `- rule:` line to the next). */
const stepBlock = (text: string, rule: string): string => {
  const m = new RegExp(`  - rule: ${rule}\\n(?:    .*\\n)*`).exec(text);
  if (!m) throw new Error(`no step ${rule} in the chain file`);
  return m[0];
};
const swapSteps = (text: string, a: string, b: string): string => {
  const A = stepBlock(text, a), B = stepBlock(text, b);
  return text.replace(A, '\u0000').replace(B, A).replace('\u0000', B);
};

async function cli(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
  return { code, out, err };
}

describe('the chain file orders the stage', () => {
  it('the steps come out in the order of rules/coarse-graining/chain.yaml, with the titles it gives', () => {
    const text = readFileSync(join('rules', CHAIN_FILE), 'utf8');
    const listed = [...text.matchAll(/^ {2}- rule: (\S+)$/gm)].map((m) => m[1]);
    const titles = [...text.matchAll(/^ {4}title: '?(.+?)'?$/gm)].map((m) => m[1]);
    expect(listed).toEqual(['local-entropy', 'cole-hopf', 'laplace-beltrami-arc-length', 'hj-to-burgers']);
    const steps = chainOf('rules', true).steps;
    expect(steps.map((s) => s.rule)).toEqual(listed);
    expect(steps.map((s) => s.title)).toEqual(titles);
    // the curved-quotient step is left out on a flat quotient
    expect(chainOf('rules').steps.map((s) => s.rule)).toEqual(listed.filter((r) => r !== 'laplace-beltrami-arc-length'));
  });

  it('each declared link is a passed chain check', () => {
    const steps = chainOf('rules', true).steps;
    const links = steps.flatMap((s) => s.checks.filter((c) => /vs the after of coarse-grain\//.test(c.detail)).map((c) => [s.rule, c.status, c.detail]));
    expect(links).toEqual([
      ['cole-hopf', 'passed', "this step's before vs the after of coarse-grain/local-entropy: the same equation (difference reduces to 0)"],
      ['laplace-beltrami-arc-length', 'passed', "this step's after (s renamed x) vs the after of coarse-grain/cole-hopf: the same equation (difference reduces to 0)"],
      ['hj-to-burgers', 'passed', "this step's before vs the after of coarse-grain/cole-hopf: the same equation (difference reduces to 0)"],
    ]);
  });
});

describe('a malformed chain is a rules error naming the file and key (exit 2)', () => {
  it.each([
    ['reordered: hj-to-burgers before the cole-hopf it takes', (t: string) => swapSteps(t, 'cole-hopf', 'hj-to-burgers'), 'steps[1].takes', /"cole-hopf" comes later/],
    ['a missing link: the cole-hopf step removed', (t: string) => t.replace(stepBlock(t, 'cole-hopf'), ''), 'steps[1].same-as.step', /"cole-hopf" is not in the chain/],
    ['a step without a link', (t: string) => t.replace('    takes: cole-hopf\n', ''), 'steps[3]', /expected a link to an earlier step/],
    ['an unknown rule', (t: string) => t.replace('  - rule: hj-to-burgers', '  - rule: hj-to-burger'), 'steps[3].rule', /no "hj-to-burger"/],
    ['no step gives burgers', (t: string) => t.replace('    gives: burgers\n', ''), 'steps', /gives: burgers/],
    ['an unknown key', (t: string) => t.replace('    gives: burgers\n', '    gives: burgers\n    order: 4\n'), 'steps[3].order', /unknown key/],
    ['a rename to a non-coordinate', (t: string) => t.replace('rename: { s: x }', 'rename: { s: xx }'), 'steps[2].same-as.rename.s', /one-letter coordinate/],
    ['the chain file deleted', () => undefined, 'coarse-graining', /type: chain and id: coarse-graining/],
  ])('%s', async (_, edit, keyPath, message) => {
    const dir = rulesWithChain(edit);
    let error: unknown;
    try { chainOf(dir, true); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).keyPath).toBe(keyPath);
    expect((error as RuleError).message).toMatch(message);
    const r = await cli(['check', 'derivations/double-well/spec.yaml', '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(keyPath);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);
});

describe('a well-formed link that does not hold is a failed check (exit 1)', () => {
  it.each([
    ['hj-to-burgers takes local-entropy', (t: string) => t.replace('    takes: cole-hopf\n    gives: burgers', '    takes: local-entropy\n    gives: burgers'), 'hj-to-burgers', 'local-entropy'],
    ['cole-hopf declared the same as local-entropy (heat vs HJ equation)', (t: string) => t.replace('    takes: local-entropy\n', '    same-as: { step: local-entropy }\n'), 'cole-hopf', 'local-entropy'],
  ])('%s', async (_, edit, step, target) => {
    const dir = rulesWithChain(edit);
    const broken = chainOf(dir).steps.find((s) => s.rule === step)!.checks.find((c) => c.detail.includes(`the after of coarse-grain/${target}`))!;
    expect(broken.status).toBe('failed');
    expect(broken.detail).toMatch(/the chain is broken/);
    const r = await cli(['check', 'derivations/double-well/spec.yaml', '--rules', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`check failed: double-well: coarse-grain/${step} [normal-form]`);
  }, 60_000);

  it('a wrong rename on the curved quotient fails the arc-length link', () => {
    const dir = rulesWithChain((t) => t.replace('rename: { s: x }', 'rename: { s: t }'));
    const c = chainOf(dir, true).steps.find((s) => s.rule === 'laplace-beltrami-arc-length')!.checks.find((x) => /renamed/.test(x.detail))!;
    expect(c.status).toBe('failed');
    expect(c.detail).toMatch(/s renamed t/);
  });
});
