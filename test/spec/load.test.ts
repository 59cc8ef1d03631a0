import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/spec/errors.js';
import { loadSpec, parseSpec } from '../../src/spec/load.js';
import { loadDataset } from '../../src/data/index.js';

const base = { name: 't', architecture: { kind: 'expression', parameters: ['w'], loss: 'w^2' }, training: { temperature: 0.1 } };
const mlp = (layers: unknown[], extra: object = {}) => ({ name: 'm', architecture: { kind: 'mlp', input: 2, layers }, ...extra });
const fail = (raw: unknown): SpecError => {
  try { parseSpec(raw, 'spec.yaml'); } catch (e) { if (e instanceof SpecError) return e; throw e; }
  throw new Error('expected a SpecError');
};

describe('spec validation: one message naming file, key path and expectation', () => {
  it.each([
    ['unknown top-level key', { ...base, colour: 'red' }, 'colour', /unknown key/],
    ['unknown nested key', { ...base, training: { temperature: 0.1, momentum: 0.9 } }, 'training.momentum', /unknown key/],
    ['width 0', mlp([{ width: 0, activation: 'relu' }]), 'architecture.layers[0].width', /positive integer, got 0/],
    ['unknown activation', mlp([{ width: 2, activation: 'swish' }]), 'architecture.layers[0].activation', /one of .*relu/],
    ['empty parameter list', { ...base, architecture: { kind: 'expression', parameters: [], loss: '1' } }, 'architecture.parameters', /at least one/],
    ['unparseable loss', { ...base, architecture: { kind: 'expression', parameters: ['w'], loss: '(w^2' } }, 'architecture.loss', /cannot parse/],
    ['undeclared symbol', { ...base, architecture: { kind: 'expression', parameters: ['w'], loss: 'w^2 + v' } }, 'architecture.loss', /undeclared symbol\(s\) v/],
    ['wrong type for lr', { ...base, training: { lr: 'fast' } }, 'training.lr', /number, got "fast"/],
    ['bad domain', { ...base, domain: { w: [3, -3] } }, 'domain.w', /lo < hi/],
    ['domain of an unknown parameter', { ...base, domain: { v: [0, 1] } }, 'domain.v', /declared parameter/],
    ['data on an expression', { ...base, data: { kind: 'teacher', samples: 4 } }, 'data', /no data/],
    ['unknown kind', { ...base, architecture: { kind: 'rnn' } }, 'architecture.kind', /expression.*mlp|kind/],
    ['slope without leaky relu', mlp([{ width: 2, activation: 'relu', slope: 0.1 }]), 'architecture.layers[0].slope', /leaky_relu/],
    ['bad name', { ...base, name: 'a b' }, 'name', /letters, digits/],
  ])('%s', (_, raw, key, expected) => {
    const e = fail(raw);
    expect(e.file).toBe('spec.yaml');
    expect(e.keyPath).toBe(key);
    expect(e.expected).toMatch(expected);
    expect(e.message.split('\n')).toHaveLength(1);
  });

  it('defaults: mse, teacher data, training block, domain [-3, 3] per parameter', () => {
    const s = parseSpec({ name: 'x', architecture: { kind: 'expression', parameters: ['a', 'b'], loss: 'a*b' } }, 'x.yaml');
    expect(s.loss).toBe('mse');
    expect(s.domain).toEqual({ a: [-3, 3], b: [-3, 3] });
    expect(s.training).toEqual({ lr: 0.1, batch: 1, steps: 200, seed: 0 });
    expect(parseSpec(mlp([{ width: 2, activation: 'relu' }, { width: 1, activation: 'identity' }]), 'm.yaml').data).toEqual({ kind: 'teacher', samples: 64, seed: 0, noise: 0 });
  });

  it('YAML syntax errors and missing files are SpecErrors naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    writeFileSync(join(dir, 's.yaml'), 'name: [unclosed\n');
    expect(() => loadSpec(join(dir, 's.yaml'))).toThrowError(/s\.yaml: \(root\): expected valid YAML at line/);
    expect(() => loadSpec(join(dir, 'none.yaml'))).toThrowError(/none\.yaml.*ENOENT/);
  });

  it('JSON specs load too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    writeFileSync(join(dir, 's.json'), JSON.stringify(base));
    expect(loadSpec(join(dir, 's.json')).architecture.kind).toBe('expression');
  });
});

describe('data sets', () => {
  const spec = (data: object, extra: object = {}) => parseSpec(mlp([{ width: 3, activation: 'relu' }, { width: 1, activation: 'identity' }], { data, ...extra }), '/tmp/m.yaml');

  it('teacher data are deterministic in the seed', () => {
    const a = loadDataset(spec({ kind: 'teacher', samples: 5, seed: 1 }));
    expect(loadDataset(spec({ kind: 'teacher', samples: 5, seed: 1 }))).toEqual(a);
    expect(loadDataset(spec({ kind: 'teacher', samples: 5, seed: 2 })).inputs).not.toEqual(a.inputs);
    expect(a.inputs.flat().every((v) => Math.round(v * 1000) === v * 1000)).toBe(true);
  });

  it('CSV: numeric cells, errors name file, row and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    writeFileSync(join(dir, 'd.csv'), 'x1,x2,y\n1,2,3\n4,oops,6\n');
    const s = parseSpec(mlp([{ width: 3, activation: 'relu' }, { width: 1, activation: 'identity' }], { data: { kind: 'csv', file: 'd.csv', targets: ['y'] } }), join(dir, 'm.yaml'));
    expect(() => loadDataset(s)).toThrowError(/d\.csv: row 3, column x2: expected a number, got "oops"/);
    writeFileSync(join(dir, 'd.csv'), 'x1,x2,y\n1,2,3\n4,5,6\n');
    expect(loadDataset(s).targets).toEqual([[3], [6]]);
  });

  it('iris: 4 inputs, one-hot over 3 classes; the architecture must fit', () => {
    const s = parseSpec({ name: 'iris', architecture: { kind: 'mlp', input: 4, layers: [{ width: 3, activation: 'relu' }, { width: 3, activation: 'identity' }] }, loss: 'cross-entropy', data: { kind: 'builtin', name: 'iris', samples: 9 } }, 'i.yaml');
    const d = loadDataset(s);
    expect(d.inputs).toHaveLength(9);
    expect(d.targets.map((t) => t.indexOf(1))).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(() => loadDataset(spec({ kind: 'builtin', name: 'iris' }))).toThrowError(/data: expected input 4/);
  });
});
