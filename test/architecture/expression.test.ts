import { describe, expect, it } from 'vitest';
import { expressionModel } from '../../src/architecture/expression.js';
import { evaluate } from '../../src/ir/evaluate.js';
import { parseSpec } from '../../src/spec/load.js';

const spec = (loss: string, parameters: string[]) =>
  parseSpec({ name: 't', architecture: { kind: 'expression', parameters, loss }, training: { temperature: 0.1 } }, 't.yaml');

describe('expression models', () => {
  it('keeps the declared parameters in order and parses the loss', () => {
    const m = expressionModel(spec('(a*b - 1)^2 / 2', ['b', 'a']));
    expect(m.kind).toBe('expression');
    expect(m.parameters).toEqual(['b', 'a']);
    expect(evaluate(m.loss, { a: 3, b: 0.5 })).toBeCloseTo(0.125, 14);
    expect([m.sampleLosses, m.outputs, m.layers]).toEqual([[], [], []]);
    expect(m.dataset).toBeUndefined();
  });

  it('states the loss in LaTeX for the first derivation step', () => {
    const m = expressionModel(spec('(w^2 - 1)^2 / 4', ['w']));
    expect(m.definitionTex).toContain('$L = ');
    expect(m.definitionTex).toContain('w^{2}');
  });

  it('refuses a spec of another kind', () => {
    const mlp = { ...spec('w', ['w']), architecture: { kind: 'mlp' } } as never;
    expect(() => expressionModel(mlp)).toThrow(/expression spec/);
  });
});
