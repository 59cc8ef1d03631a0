import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { SpecError } from '../../src/spec/errors.js';
import { parseSpec } from '../../src/spec/load.js';

const mlp = (data: object, layers = [{ width: 4, activation: 'relu' }, { width: 3, activation: 'identity' }], input = 4) =>
  parseSpec({ name: 'n', architecture: { kind: 'mlp', input, layers }, data }, '/tmp/n.yaml');

describe('loadDataset', () => {
  it('teacher data by default, with the spec\'s sizes', () => {
    const d = loadDataset(parseSpec({ name: 'n', architecture: { kind: 'mlp', input: 2, layers: [{ width: 1, activation: 'identity' }] } }, 'n.yaml'));
    expect([d.inputs.length, d.inputs[0].length, d.targets[0].length]).toEqual([64, 2, 1]);
  });

  it('iris through the spec: samples, and the data key when the shape does not fit', () => {
    expect(loadDataset(mlp({ kind: 'builtin', name: 'iris', samples: 6 })).inputs).toHaveLength(6);
    const wrong = mlp({ kind: 'builtin', name: 'iris' }, [{ width: 2, activation: 'relu' }, { width: 1, activation: 'identity' }]);
    expect(() => loadDataset(wrong)).toThrowError(new SpecError('/tmp/n.yaml', 'data', 'expected input 4 and a last layer of width 3 for iris, got input 4 and last width 1'));
  });

  it('an expression spec has no data set', () => {
    const spec = parseSpec({ name: 'e', architecture: { kind: 'expression', parameters: ['w'], loss: 'w^2' } }, '/tmp/e.yaml');
    expect(() => loadDataset(spec)).toThrowError(/e\.yaml: architecture\.kind: expected a network kind to load data for, got expression/);
  });
});
