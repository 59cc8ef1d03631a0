// Inputs that used to end in an internal error, a hang or a silent mess
// (issue 10): each is refused with exit 2 and one printable line naming the
// file and key, nothing on stdout, nothing written; or it now works.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
  return { code, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'hugoniot-rel-'));
const expressionSpec = (loss: string, extra = '') => `name: t\narchitecture: { kind: expression, parameters: [w], loss: ${JSON.stringify(loss)} }\ntraining: { temperature: 0.1 }\n${extra}`;

/** exit 2, one line on stderr naming the file and `key`, nothing on stdout, nothing in --out. */
async function refused(source: string, key: string | RegExp, ext = 'yaml', command = 'derive') {
  const dir = tmp();
  const spec = join(dir, `spec.${ext}`);
  writeFileSync(spec, source);
  const out = join(dir, 'out');
  const r = await cli(command === 'derive' ? ['derive', spec, '--out', out, '--format', 'md'] : [command, spec]);
  expect(r.code, r.err).toBe(2);
  expect(r.out).toBe('');
  expect(existsSync(out)).toBe(false);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toContain(spec);
  if (typeof key === 'string') expect(r.err).toContain(`: ${key}: `);
  else expect(r.err).toMatch(key);
  // eslint-disable-next-line no-control-regex
  expect(r.err.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f]/);
  return r.err;
}

describe('internal errors on plausible losses are now refusals naming the loss', () => {
  it.each([
    ['sign(w)', /sign has a kink or a jump/],
    ['heaviside(w)', /heaviside has/],
    ['H(w)*w', /heaviside has/],
    ['max(0,w)', /relu has/],
    ['relu(w)+relu(-w)', /relu has/],
    ['leaky_relu(w,0.1)', /leaky_relu has/],
  ])('%s', async (loss, why) => {
    expect(await refused(expressionSpec(loss), 'architecture.loss', 'yaml', 'check')).toMatch(why);
  }, 60_000);

  it.each([
    ['0', /constant/], ['1', /constant/], ['w-w', /constant/], ['0*w', /constant/],
    ['w/0', /division by zero/],
    ['w^(10^10)', /limited to 100/],
    ['10^10^10*w', /limited to 100/],
    [Array.from({ length: 10_000 }, () => 'w').join('+'), /characters, more than the limit/],
    [`${'('.repeat(300)}w${')'.repeat(300)}`, /nests brackets 300 deep/],
    [`${'exp('.repeat(200)}w${')'.repeat(200)}`, /nests brackets 200 deep/],
    [`${'tanh('.repeat(20)}w${')'.repeat(20)}`, /functions nest deeper than the limit of 12/],
    ['w^w^w^w', /non-constant exponents/],
    [Array.from({ length: 30 }, (_, k) => `(w-${k})`).join('*'), /polynomial degree reaches 30/],
    ['w**2', /write|written x\^2, not x\*\*2/],
    ['w\u001b[31m + 1 +', /\\x1b/],
  ])('%#', async (loss, why) => {
    expect(await refused(expressionSpec(loss), 'architecture.loss')).toMatch(why);
  });

  it('a 200 KB loss is not echoed whole', async () => {
    const err = await refused(expressionSpec(`w+${'w*'.repeat(100_000)}w`), '(root)');
    expect(err).toMatch(/more than the limit/);
    expect(err.length).toBeLessThan(700);
  });

  it('numbers in exponent notation are exact rationals: lr 1e-320, a domain bound 1e29, CSV cells of 1e308', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'lr.yaml'), expressionSpec('(w^2-1)^2/4', '').replace('temperature: 0.1', 'temperature: 0.1, lr: 1e-320'));
    expect((await cli(['check', join(dir, 'lr.yaml'), '--json'])).code).not.toBe(3);
    writeFileSync(join(dir, 'dom.yaml'), expressionSpec('(w^2-1)^2/4', 'domain: { w: [-3, 1e29] }\n'));
    expect((await cli(['check', join(dir, 'dom.yaml'), '--json'])).code).not.toBe(3);
    writeFileSync(join(dir, 'big.csv'), 'x1,x2,y\n1e308,-1,0.3\n1,0.2,-0.4\n-0.7,0.9,1e-300\n0.3,0.3,0.8\n');
    writeFileSync(join(dir, 'csv.yaml'), 'name: c\narchitecture: { kind: mlp, input: 2, layers: [ {width: 2, activation: tanh}, {width: 1, activation: identity} ] }\ndata: { kind: csv, file: big.csv, targets: [y] }\n');
    const r = await cli(['check', join(dir, 'csv.yaml'), '--json']);
    expect(r.code, r.err).not.toBe(3);
  }, 120_000);
});

describe('the spec schema states its limits', () => {
  const mlp = (arch: string, extra = '') => `name: n\narchitecture: { kind: mlp, ${arch} }\n${extra}`;
  it.each([
    [mlp('input: 1000000000, layers: [ {width: 1, activation: relu} ]'), 'architecture.input'],
    [mlp('input: 2, layers: [ {width: 1000000000, activation: relu} ]'), 'architecture.layers[0].width'],
    [mlp('input: 2, layers: [ {width: 100, activation: relu}, {width: 100, activation: relu}, {width: 1, activation: identity} ]'), 'architecture.layers'],
    [mlp('input: 2, layers: [ {width: 2, activation: relu} ]', 'data: { kind: teacher, samples: 10000000 }\n'), 'data.samples'],
    [mlp('input: 2, layers: [ {width: 2, activation: relu} ]', 'training: { steps: 1000000 }\n'), 'training.steps'],
    [`name: ${'a'.repeat(300)}\narchitecture: { kind: expression, parameters: [w], loss: "w^2" }\n`, 'name'],
    ['name: --help\narchitecture: { kind: expression, parameters: [w], loss: "w^2" }\n', 'name'],
    [`name: p\narchitecture: { kind: expression, parameters: [${Array.from({ length: 200 }, (_, i) => `w${i}`).join(', ')}], loss: "w0^2" }\n`, 'architecture.parameters'],
    ...['pi', 'e', 'i', 'max'].map((p) => [`name: p\narchitecture: { kind: expression, parameters: [${p}], loss: "${p}^2" }\n`, 'architecture.parameters[0]']),
    ['name: p\narchitecture: { kind: expression, parameters: [w], loss: "w^2" }\ndomain: { __proto__: [0, 1] }\n', 'domain.__proto__'],
    [mlp('input: 2, layers: [ {width: 2, activaton: relu} ]'), 'architecture.layers[0].activaton'],
  ])('%#', async (source, key) => {
    await refused(source as string, key as string);
  });

  it('misspelt keys get a suggestion', async () => {
    expect(await refused(mlp('input: 2, layers: [ {width: 2, activaton: relu} ]'), 'architecture.layers[0].activaton')).toMatch(/unknown key; did you mean activation\?/);
    expect(await refused('name: x\narchitecure: { kind: expression, parameters: [w], loss: "w^2" }\n', 'architecure')).toMatch(/did you mean architecture\?/);
  });

  it('JSON: duplicate keys and __proto__ are refused', async () => {
    await refused('{"name": "a", "name": "b", "architecture": {"kind": "expression", "parameters": ["w"], "loss": "w^2"}}', 'name', 'json');
    await refused('{"name": "a", "architecture": {"kind": "expression", "parameters": ["w"], "loss": "w^2"}, "domain": {"__proto__": [0, 1]}}', 'domain.__proto__', 'json');
  });
});

describe('input files: regular files of bounded size only', () => {
  it('a YAML file of 50,000 keys is refused by size, quickly', async () => {
    const started = performance.now();
    expect(await refused(`name: x\n${Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`).join('\n')}\n`, /\(root\): expected a readable spec file \(\d+ bytes, more than the limit of 65536\)/)).toBeTruthy();
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it.each(['/dev/zero', '/dev/urandom', '/tmp'])('spec path %s', async (path) => {
    const dir = tmp();
    const link = join(dir, 'spec.yaml');
    execFileSync('ln', ['-s', path, link]);
    const r = await cli(['check', link]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a regular file/);
  });

  it('a FIFO as spec or as CSV is refused without waiting for a writer', async () => {
    if (spawnSync('mkfifo', ['--version']).status !== 0) return;
    const dir = tmp();
    execFileSync('mkfifo', [join(dir, 'spec.yaml')]);
    execFileSync('mkfifo', [join(dir, 'd.csv')]);
    expect((await cli(['check', join(dir, 'spec.yaml')])).err).toMatch(/not a regular file/);
    writeFileSync(join(dir, 'n.yaml'), 'name: c\narchitecture: { kind: mlp, input: 1, layers: [ {width: 1, activation: tanh} ] }\ndata: { kind: csv, file: d.csv, targets: [y] }\n');
    const r = await cli(['check', join(dir, 'n.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/data\.file: .*not a regular file/);
  });

  it('a CSV pointing at /dev/zero or at /etc/passwd: refused, its contents never echoed', async () => {
    const dir = tmp();
    for (const [file, target] of [['/dev/zero', 'y'], ['/etc/passwd', 'y'], ['/etc/passwd', 'root']]) {
      writeFileSync(join(dir, 'n.yaml'), `name: c\narchitecture: { kind: mlp, input: 1, layers: [ {width: 1, activation: tanh} ] }\ndata: { kind: csv, file: ${file}, targets: [${target}] }\n`);
      const r = await cli(['check', join(dir, 'n.yaml')]);
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/root:|bin\/bash|nologin/);
    }
  });
});

describe('output paths and atomic replacement', () => {
  const spec = 'derivations/double-well/spec.yaml';
  it('--out that is a file, or whose destination is a directory, or under /proc: exit 2 before computing', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'keep');
    mkdirSync(join(dir, 'd', 'double-well.md'), { recursive: true });
    for (const [args, why] of [
      [['derive', spec, '--format', 'md', '--out', join(dir, 'file')], /expected a directory, got an existing file/],
      [['derive', spec, '--format', 'md', '--out', join(dir, 'd')], /is a directory/],
      [['export', spec, '--target', 'js', '--out', join(dir, 'file', 'x')], /part of it is a file/],
      [['derive', spec, '--format', 'md', '--out', '/proc/x'], /cannot write under \/proc/],
    ] as const) {
      const started = performance.now();
      const r = await cli([...args]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(why);
      expect(performance.now() - started, 'refused before the pipeline runs').toBeLessThan(5_000);
    }
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('keep');
  });

  it('an export over an earlier one replaces each file by rename; stale staging dirs of dead processes are removed', async () => {
    const dir = tmp();
    const out = join(dir, 'exp');
    expect((await cli(['export', spec, '--target', 'js', '--out', out])).code).toBe(0);
    const before = readdirSync(out).sort();
    // a killed run's staging directory (PID 999999999 does not run)
    mkdirSync(`${out}.partial-999999999`);
    writeFileSync(join(`${out}.partial-999999999`, 'README.md'), 'half');
    expect((await cli(['export', spec, '--target', 'js', '--out', out])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['exp']);
  }, 120_000);
});

describe('small things a new user hits', () => {
  it('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('numeric options are plain decimals: --grid 0x10 is refused', async () => {
    const r = await cli(['solve', 'derivations/double-well/spec.yaml', '--time', '1', '--grid', '0x10']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--grid: expected an integer >= 8 in decimal digits, got "0x10"/);
  });

  it('`hugoniot derive ... | head -1` ends quietly (no EPIPE stack trace)', () => {
    if (!existsSync('dist/cli/main.js')) return;
    const r = spawnSync('sh', ['-c', 'node bin/hugoniot.js derive derivations/double-well/spec.yaml --format md | head -1'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
  }, 120_000);
});
