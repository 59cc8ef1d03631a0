import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { SpecError } from '../../src/spec/errors.js';
import { loadSpec, parseSpec } from '../../src/spec/load.js';
import type { Spec } from '../../src/spec/types.js';

const FIXTURES = 'test/fixtures/specs';
const bad = (name: string) => join(FIXTURES, 'bad', name);
const good = (name: string) => join(FIXTURES, 'good', name);

/** What a user runs into: the spec, then (for networks) its data. */
function validate(path: string): Spec {
  const spec = loadSpec(path);
  if (spec.architecture.kind === 'mlp') loadDataset(spec);
  return spec;
}

function specError(run: () => unknown): SpecError {
  try {
    run();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('bad specs: one line naming the file, the key path and the expectation', () => {
  it.each([
    ['unknown-top-level-key.yaml', 'colour', /^unknown key \(expected one of: name, architecture, loss, data, domain, training\)$/],
    ['unknown-nested-key.yaml', 'training.momentum', /^unknown key \(expected one of: lr, batch, temperature, steps, seed\)$/],
    ['width-zero.yaml', 'architecture.layers[0].width', /^expected a positive integer of at most 512 \(the limit on a layer width\), got 0$/],
    ['missing-width.yaml', 'architecture.layers[0].width', /^expected a positive integer of at most 512 \(the limit on a layer width\), but the key is missing$/],
    ['unknown-activation.yaml', 'architecture.layers[1].activation', /^expected one of identity, relu, leaky_relu, tanh, sigmoid, softplus, got "swish"$/],
    ['slope-without-leaky-relu.yaml', 'architecture.layers[0].slope', /only with activation leaky_relu, got activation relu/],
    ['slope-out-of-range.yaml', 'architecture.layers[0].slope', /in \(0, 1\), got 1\.5$/],
    ['empty-parameters.yaml', 'architecture.parameters', /^expected at least one parameter, got \[\]$/],
    ['duplicate-parameter.yaml', 'architecture.parameters[2]', /distinct parameter names, got "a" again/],
    ['function-name-parameter.yaml', 'architecture.parameters[0]', /^expected a parameter name that is not a function or constant name of the expression language, got "exp"$/],
    ['unparseable-loss.yaml', 'architecture.loss', /cannot parse "\(w\^2 - 1"/],
    ['undeclared-symbol.yaml', 'architecture.loss', /^expected only the declared parameters \(w\), got undeclared symbol\(s\) u, v$/],
    ['unknown-kind.yaml', 'architecture.kind', /^expected one of expression, mlp, got "rnn"$/],
    ['wrong-type-lr.yaml', 'training.lr', /^expected a positive number \(the learning rate\), got "fast"$/],
    ['wrong-type-batch.json', 'training.batch', /^expected a positive integer of at most 2,000 \(the limit on samples\), got 1\.5$/],
    ['bad-domain.yaml', 'domain.w', /^expected \[lo, hi\] with lo < hi, got \[3,-3\]$/],
    ['domain-undeclared-parameter.yaml', 'domain.v', /declared parameter \(w\), got "v"/],
    ['data-on-expression.yaml', 'data', /^expected no data for an expression architecture/],
    ['network-loss-on-expression.yaml', 'loss', /no top-level loss for an expression architecture/],
    ['bad-name.yaml', 'name', /letters, digits, - and _ .*got "my net"$/],
    ['batch-too-large.yaml', 'training.batch', /^expected at most the number of samples \(8\), got 16$/],
    ['iris-wrong-input.yaml', 'data', /^expected input 4 and a last layer of width 3 for iris, got input 2 and last width 3$/],
    ['csv-input-count.yaml', 'architecture.input', /^expected 2 \(the non-target columns of .*regression\.csv: x1, x2\), got 3$/],
    ['csv-missing-file.yaml', 'data.file', /^expected a readable CSV file, got .*missing\.csv \(ENOENT\)$/],
    ['yaml-syntax.yaml', '(root)', /^expected valid YAML; error at line 5, column \d+: /],
  ])('%s -> %s', (name, keyPath, expected) => {
    const e = specError(() => validate(bad(name)));
    // Data errors name the spec by its absolute path (spec.sourceFile); loading errors as given.
    expect([bad(name), resolve(bad(name))]).toContain(e.file);
    expect(e.keyPath).toBe(keyPath);
    expect(e.expected).toMatch(expected);
    expect(e.message).toBe(`${e.file}: ${keyPath}: ${e.expected}`);
    expect(e.message).not.toContain('\n');
  });

  it('a non-numeric CSV cell names the CSV file, its row and its column', () => {
    const e = specError(() => validate(bad('csv-non-numeric.yaml')));
    expect(e.file).toBe(resolve(bad('data/non-numeric.csv')));
    expect(e.keyPath).toBe('row 3, column x2');
    expect(e.expected).toBe('expected a number, got "oops"');
  });

  it('a missing file, a wrong extension and a non-mapping document name the file at (root)', () => {
    expect(specError(() => loadSpec(bad('none.yaml'))).message).toBe(`${bad('none.yaml')}: (root): expected a readable spec file (ENOENT)`);
    expect(specError(() => loadSpec(good('data/classes.csv'))).expected).toBe('expected a .yaml, .yml or .json file, got ".csv"');
    expect(specError(() => parseSpec([1, 2], 'list.yaml')).message).toBe('list.yaml: (root): expected a mapping (key: value), got [1,2]');
  });

  it('a JSON syntax error is a SpecError too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    writeFileSync(join(dir, 's.json'), '{ "name": "x", }');
    const e = specError(() => loadSpec(join(dir, 's.json')));
    expect(e.keyPath).toBe('(root)');
    expect(e.expected).toMatch(/^expected valid JSON; error/);
  });

  it.each([
    [{ name: 'x', architecture: 'mlp' }, 'architecture', /^expected a mapping with kind: expression or mlp, got "mlp"$/],
    [{ name: 'x', architecture: { kind: 'expression', parameters: ['w'] } }, 'architecture.loss', /but the key is missing$/],
    [{ name: 'x', architecture: { kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'relu', bias: 'yes' }] } }, 'architecture.layers[0].bias', /^expected true or false, got "yes"$/],
    [{ name: 'x', architecture: { kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'relu' }] }, data: { kind: 'builtin', name: 'mnist' } }, 'data.name', /builtin data sets: iris, got "mnist"$/],
    [{ name: 'x', architecture: { kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'relu' }] }, data: { kind: 'builtin', name: 'iris', samples: 151 } }, 'data.samples', /from 1 to 150/],
    [{ name: 'x', architecture: { kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'relu' }] }, data: { kind: 'spiral' } }, 'data.kind', /^expected one of teacher, csv, builtin, got "spiral"$/],
    [{ name: 'x', architecture: { kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'relu' }] }, loss: 'hinge' }, 'loss', /^expected one of mse, cross-entropy, got "hinge"$/],
    [{ name: 'x', architecture: { kind: 'expression', parameters: ['w'], loss: 'w' }, domain: { w: [0, Infinity] } }, 'domain.w', /finite numbers, got \[0,Infinity\]$/],
    [{ name: 'x', architecture: { kind: 'expression', parameters: ['w'], loss: 'w' }, training: { temperature: 0 } }, 'training.temperature', /positive number .*got 0$/],
    [{ name: 'x', architecture: { kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'relu' }] }, loss: 'cross-entropy' }, 'loss', /cross-entropy needs a last layer of width >= 2/],
    [{ name: '', architecture: { kind: 'expression', parameters: ['w'], loss: 'w' } }, 'name', /got ""$/],
    [{ name: 'x', architecture: { kind: 'mlp', input: 2, layers: [{ width: 32, activation: 'relu' }, { width: 32, activation: 'relu' }, { width: 32, activation: 'relu' }, { width: 1, activation: 'identity' }] } }, 'architecture.layers', /^expected a network of at most 1000 parameters \(the limit on network size.*\), got 2241$/],
    // GL(h) generators: 2-33-2 linear has 33^2 = 1089 > 1024 (and 5 x 33 + 2 = 167 parameters)
    [{ name: 'x', architecture: { kind: 'mlp', input: 2, layers: [{ width: 33, activation: 'identity' }, { width: 2, activation: 'identity' }] } }, 'architecture.layers', /^expected identity-activation hidden layers with at most 1024 GL\(h\) generators .*got 1089$/],
    // just above the limit: 2-250-1, 4 x 250 + 1 = 1001 parameters
    [{ name: 'x', architecture: { kind: 'mlp', input: 2, layers: [{ width: 250, activation: 'relu' }, { width: 1, activation: 'identity' }] } }, 'architecture.layers', /^expected a network of at most 1000 parameters .*got 1001$/],
  ])('inline case %#: %s', (raw, keyPath, expected) => {
    const e = specError(() => parseSpec(raw, 'inline.yaml'));
    expect([e.file, e.keyPath]).toEqual(['inline.yaml', keyPath]);
    expect(e.expected).toMatch(expected);
  });
});

describe('good specs: exactly the Spec type, with defaults', () => {
  it.each([
    ['depth 4 at width 16 (881 parameters)', [2, 16, 16, 16, 16, 1], 881],
    ['2-249-1 (997 parameters, just below the limit)', [2, 249, 1], 997],
  ])('accepts a network below the parameter limit: %s', (_, widths, count) => {
    const layers = widths.slice(1).map((width, l) => ({ width, activation: l === widths.length - 2 ? 'identity' : 'relu' }));
    expect(layers.reduce((n, { width }, l) => n + width * (widths[l] + 1), 0)).toBe(count);
    const spec = parseSpec({ name: 'x', architecture: { kind: 'mlp', input: widths[0], layers } }, 'inline.yaml');
    expect(spec.architecture.kind === 'mlp' && spec.architecture.layers.map((l) => l.width)).toEqual(widths.slice(1));
  });

  it('accepts a linear 2-32-2 net: 32^2 = 1024 GL(h) generators, at the limit', () => {
    const spec = parseSpec({ name: 'x', architecture: { kind: 'mlp', input: 2, layers: [{ width: 32, activation: 'identity' }, { width: 2, activation: 'identity' }] } }, 'inline.yaml');
    expect(spec.architecture.kind === 'mlp' && spec.architecture.layers[0].width).toBe(32);
  });

  it('expression double-well: domain [-3, 3], mse, default training', () => {
    expect(validate(good('double-well.yaml'))).toEqual({
      name: 'double-well',
      architecture: { kind: 'expression', parameters: ['w'], loss: '(w^2 - 1)^2 / 4' },
      loss: 'mse',
      domain: { w: [-3, 3] },
      training: { lr: 0.1, batch: 1, steps: 200, seed: 0, temperature: 0.1 },
      sourceFile: resolve(good('double-well.yaml')),
    });
  });

  it('mlp 2-4-1 relu with teacher data: bias defaults to true, no slope key', () => {
    const spec = validate(good('relu-2-4-1.yaml'));
    expect(spec).toEqual({
      name: 'relu-2-4-1',
      architecture: { kind: 'mlp', input: 2, layers: [{ width: 4, activation: 'relu', bias: true }, { width: 1, activation: 'identity', bias: true }] },
      loss: 'mse',
      data: { kind: 'teacher', samples: 32, seed: 7, noise: 0 },
      domain: {},
      training: { lr: 0.05, batch: 4, steps: 400, seed: 1 },
      sourceFile: resolve(good('relu-2-4-1.yaml')),
    });
    expect(spec.architecture.kind === 'mlp' && 'slope' in spec.architecture.layers[0]).toBe(false);
  });

  it('JSON spec: a given domain entry is kept, the others default', () => {
    const spec = validate(good('scalar-linear.json'));
    expect(spec.architecture).toEqual({ kind: 'expression', parameters: ['a', 'b'], loss: '(a*b - 1)^2 / 2' });
    expect(spec.domain).toEqual({ a: [-2, 2], b: [-3, 3] });
    expect(spec.data).toBeUndefined();
  });

  it('.yml with leaky_relu: slope defaults to 0.01; bias false kept', () => {
    const spec = validate(good('leaky-csv.yml'));
    expect(spec.architecture).toEqual({
      kind: 'mlp', input: 2,
      layers: [{ width: 3, activation: 'leaky_relu', bias: true, slope: 0.01 }, { width: 2, activation: 'identity', bias: false }],
    });
  });

  it('an mlp without a data block gets teacher data {samples 64, seed 0, noise 0}', () => {
    const spec = parseSpec({ name: 'n', architecture: { kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'tanh' }] } }, 'n.yaml');
    expect(spec.data).toEqual({ kind: 'teacher', samples: 64, seed: 0, noise: 0 });
    expect(spec.sourceFile).toBe(resolve('n.yaml'));
  });

  it('a 2-64-1 net (257 parameters) is within the network size limit', () => {
    const layers = [{ width: 64, activation: 'relu' }, { width: 1, activation: 'identity' }];
    expect(parseSpec({ name: 'w64', architecture: { kind: 'mlp', input: 2, layers } }, 'w64.yaml').architecture.kind).toBe('mlp');
  });

  it('parseSpec does not mutate its input', () => {
    const raw = { name: 'n', architecture: { kind: 'mlp', input: 1, layers: [{ width: 1, activation: 'leaky_relu' }] } };
    const copy = structuredClone(raw);
    parseSpec(raw, 'n.yaml');
    expect(raw).toEqual(copy);
  });
});
