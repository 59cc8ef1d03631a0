// The Rankine-Hugoniot step looks for the jump of the entropy solution in the
// middle of the region; a shock that has travelled out of it by 2 t* is looked
// for at 1.5 t* and 1.25 t* (it exists at every t > t*). This iris net's shock
// runs out of the window by 2 t*: it failed "no jump was resolved" before.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/derive.js';
import { parseSpec } from '../../src/spec/load.js';

const spec = parseSpec({
  name: 'late-jump',
  architecture: { kind: 'mlp', input: 4, layers: [{ width: 1, activation: 'sigmoid', bias: false }, { width: 3, activation: 'identity' }] },
  loss: 'cross-entropy',
  data: { kind: 'builtin', name: 'iris', samples: 11 },
  training: { lr: 0.05, batch: 4, steps: 200, seed: 6 },
}, 'late-jump.yaml');

describe('Rankine-Hugoniot step: the jump is looked for before it leaves the region', () => {
  it('resolves the jump at an earlier multiple of t* and checks it', () => {
    const { derivation } = runPipeline(spec, { rulesDir: join(import.meta.dirname, '..', '..', 'rules') });
    const rh = derivation.steps.find((s) => s.id === 'shock/rankine-hugoniot')!;
    expect(rh.statement).toMatch(/^At \$t = 1\.(5|25)t\^\* = /);
    expect(rh.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(derivation.report.shock?.speed).not.toBeNull();
  }, 120_000);
});
