import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadDataset } from '../../src/data/index.js';
import { parseSpec } from '../../src/spec/load.js';

// docs/spec.md runs: its YAML examples validate, and its table names every key the schema allows.
const doc = readFileSync('docs/spec.md', 'utf8');
const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/spec.md', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(2));

  it.each(examples.map((e, i) => [i, e]))('example %i is a valid spec', (_, text) => {
    const spec = parseSpec(parseYaml(text as string), 'docs/spec.md');
    if (spec.architecture.kind === 'mlp') expect(loadDataset(spec).inputs.length).toBeGreaterThan(0);
  });

  it.each([
    'name', 'architecture', 'loss', 'data', 'domain', 'training', 'parameters', 'input', 'layers', 'layers[i].width', 'layers[i].activation',
    'layers[i].bias', 'layers[i].slope', 'samples', 'seed', 'noise', 'file', 'targets', 'lr', 'batch', 'temperature', 'steps',
  ])('documents `%s`', (key) => expect(doc).toContain(`\`${key}\``));

  it.each(['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'softplus'])('documents activation %s', (a) => expect(doc).toContain(`\`${a}\``));
});
