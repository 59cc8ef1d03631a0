// Property test over random networks (issue 8 item 7): any depth 1-4, width
// 1-16, every activation, both losses, teacher / iris / CSV data, several
// seeds. The CLI, run in-process, must never exit 3 or print a stack trace,
// and the headline shock must never contradict the steps it summarises.
// `npm test` runs a few small cases (the symmetry stage's proofs dominate the
// time of wide nets); `npm run test:property` runs the full ranges
// (HUGONIOT_PROPERTY_RUNS cases, default 40).
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const FULL = process.env.HUGONIOT_PROPERTY === 'full';
const RUNS = Number(process.env.HUGONIOT_PROPERTY_RUNS ?? (FULL ? 40 : 6));
const ACTIVATIONS = ['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'softplus'] as const;
const dir = mkdtempSync(join(tmpdir(), 'hugoniot-property-'));

interface Case {
  input: number;
  hidden: { width: number; activation: (typeof ACTIVATIONS)[number]; bias: boolean }[];
  output: number;
  loss: 'mse' | 'cross-entropy';
  data: 'teacher' | 'iris' | 'csv';
  samples: number;
  seed: number;
  lr: number;
}

const maxWidth = FULL ? 16 : 4, maxDepth = FULL ? 4 : 3;
const caseArb: fc.Arbitrary<Case> = fc.record({
  input: fc.integer({ min: 1, max: FULL ? 6 : 3 }),
  hidden: fc.array(fc.record({ width: fc.integer({ min: 1, max: maxWidth }), activation: fc.constantFrom(...ACTIVATIONS), bias: fc.boolean() }), { minLength: 0, maxLength: maxDepth - 1 }),
  output: fc.integer({ min: 1, max: 3 }),
  loss: fc.constantFrom('mse' as const, 'cross-entropy' as const),
  data: fc.constantFrom('teacher' as const, 'iris' as const, 'csv' as const),
  samples: fc.integer({ min: 4, max: FULL ? 48 : 12 }),
  seed: fc.integer({ min: 0, max: 1000 }),
  lr: fc.constantFrom(0.01, 0.05, 0.2, 1.5),
});

let counter = 0;
/** The spec (and its CSV) for a case; iris fixes input 4 and output 3, cross-entropy needs >= 2 outputs. */
function writeSpec(c: Case): string {
  const name = `case-${counter++}`;
  const input = c.data === 'iris' ? 4 : c.input;
  const output = c.data === 'iris' ? 3 : c.loss === 'cross-entropy' ? Math.max(2, c.output) : c.output;
  const layers = [...c.hidden.map((h) => `{ width: ${h.width}, activation: ${h.activation}, bias: ${h.bias} }`), `{ width: ${output}, activation: identity }`];
  let data: string;
  if (c.data === 'teacher') data = `{ kind: teacher, samples: ${c.samples}, seed: ${c.seed} }`;
  else if (c.data === 'iris') data = `{ kind: builtin, name: iris, samples: ${c.samples} }`;
  else {
    const xs = Array.from({ length: input }, (_, i) => `x${i + 1}`);
    const ys = c.loss === 'cross-entropy' ? ['class'] : Array.from({ length: output }, (_, k) => `y${k + 1}`);
    const rows = Array.from({ length: c.samples }, (_, d) => [
      ...xs.map((_, i) => (Math.sin(1.3 * d + 0.7 * i + c.seed) * 2).toFixed(3)),
      ...(c.loss === 'cross-entropy' ? [String((d + c.seed) % output)] : ys.map((_, k) => Math.cos(0.9 * d + k).toFixed(3))),
    ].join(','));
    writeFileSync(join(dir, `${name}.csv`), [[...xs, ...ys].join(','), ...rows].join('\n') + '\n');
    data = `{ kind: csv, file: ${name}.csv, targets: [${ys.join(', ')}] }`;
  }
  const batch = Math.min(4, c.samples);
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `name: ${name}\narchitecture: { kind: mlp, input: ${input}, layers: [${layers.join(', ')}] }\nloss: ${c.loss}\ndata: ${data}\ntraining: { lr: ${c.lr}, batch: ${batch}, steps: 200, seed: ${c.seed} }\n`);
  return path;
}

const outcomes: Record<string, number> = {};

describe('random networks through `derive --format json`', () => {
  it(`never exit 3, never a stack trace, the headline agrees with the steps (${RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(caseArb, async (c) => {
      const path = writeSpec(c);
      let out = '', err = '';
      const code = await main(['derive', path, '--format', 'json', '--quiet'], { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
      outcomes[code] = (outcomes[code] ?? 0) + 1;
      expect(code, `exit 3 on ${path}: ${err}`).not.toBe(3);
      expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);
      if (process.env.HUGONIOT_PROPERTY_VERBOSE) console.log(code, path, err.trim().slice(0, 300));
      if (code === 2) { expect(out).toBe(''); return; }
      const d = JSON.parse(out) as { report: { shock: { forms: boolean; time: number | null; rho: number } }; steps: { id: string; statement: string }[] };
      const shock = d.report.shock;
      const crossing = d.steps.find((s) => s.id === 'shock/characteristic-crossing')!;
      expect(crossing).toBeDefined();
      expect(shock.forms).toBe(!crossing.statement.includes('no shock forms'));
      expect(shock.time === null).toBe(!shock.forms);
    }), { numRuns: RUNS, seed: 20261202, endOnFailure: true });
    console.log(`property cases by exit code: ${JSON.stringify(outcomes)}`);
  }, FULL ? 3_600_000 : 120_000);
});
