// Property test over random networks (issue 8 item 7): any depth 1-4, width
// 1-16, every activation, both losses, teacher / iris / CSV data, several
// seeds. Each case runs the CLI in-process (`derive SPEC --format json`) and
// must satisfy invariants.ts: never exit 3, never a stack trace, exit 1 iff a
// check failed, a refusal is one line naming the file and key, the headline
// shock agrees with its steps; and it must finish within a CPU-time bound (a
// liveness bound against blow-ups, not a speed target: speed is bench/network.ts).
// Every case runs even after a violation, so one run shows everything; the
// summary line and, per violation, the command that replays that one case
// (fast-check seed and path) are printed.
//
// `npm test` runs a few small cases; `npm run test:property` the full ranges.
// Environment: HUGONIOT_PROPERTY=full, HUGONIOT_PROPERTY_RUNS (cases; 40 full, 6
// otherwise), HUGONIOT_PROPERTY_SEED, HUGONIOT_PROPERTY_PATH (replay from that
// case index; one case unless RUNS is given), HUGONIOT_PROPERTY_CASE_SECONDS
// (CPU bound per case), HUGONIOT_PROPERTY_VERBOSE (a line per case).
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { refusalKey, violations } from './invariants.js';

const env = process.env;
const FULL = env.HUGONIOT_PROPERTY === 'full';
const SEED = Number(env.HUGONIOT_PROPERTY_SEED ?? 20261202);
const PATH = env.HUGONIOT_PROPERTY_PATH;
const RUNS = Number(env.HUGONIOT_PROPERTY_RUNS ?? (PATH !== undefined ? 1 : FULL ? 40 : 6));
/** CPU seconds one case may take: generous (the slowest accepted full-range case takes about a minute on an idle machine). */
const CASE_SECONDS = Number(env.HUGONIOT_PROPERTY_CASE_SECONDS ?? (FULL ? 300 : 60));
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

/** Iris fixes input 4 and output 3; cross-entropy needs >= 2 outputs. */
const shapeOf = (c: Case): { input: number; output: number } => ({
  input: c.data === 'iris' ? 4 : c.input,
  output: c.data === 'iris' ? 3 : c.loss === 'cross-entropy' ? Math.max(2, c.output) : c.output,
});

/** One line naming the case: 4-5relu-3 cross-entropy iris n=45 lr=0.2 seed=7. */
function describeCase(c: Case): string {
  const { input, output } = shapeOf(c);
  const layers = [String(input), ...c.hidden.map((h) => `${h.width}${h.activation}${h.bias ? '' : '(no bias)'}`), String(output)];
  return `${layers.join('-')} ${c.loss} ${c.data} n=${c.samples} lr=${c.lr} seed=${c.seed}`;
}

/** The spec (and its CSV) for a case, named after its index in the run. */
function writeSpec(c: Case, name: string): string {
  const { input, output } = shapeOf(c);
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

interface Outcome { index: number; label: string; path: string; code: number; cpu: number; wall: number; refusal?: string; failedSteps: string[]; problems: string[] }

/** The step ids of the failed checks (exit 1 is allowed, but the summary says where the engine failed itself). */
const failedSteps = (err: string): string[] => [...err.matchAll(/^hugoniot: check failed: [^:]+: (\S+) \[(\w[\w-]*)\]/gm)].map((m) => `${m[1]} [${m[2]}]`);

/** The command that replays case `index` alone. */
const replay = (index: number): string =>
  `${FULL ? 'HUGONIOT_PROPERTY=full ' : ''}HUGONIOT_PROPERTY_SEED=${SEED} HUGONIOT_PROPERTY_PATH=${index} npx vitest run test/property/networks.test.ts`;

function summaryLine(outcomes: readonly Outcome[], seconds: number): string {
  const codes: Record<number, number> = {}, refusals: Record<string, number> = {}, failures: Record<string, number> = {};
  for (const o of outcomes) {
    codes[o.code] = (codes[o.code] ?? 0) + 1;
    if (o.refusal) refusals[o.refusal] = (refusals[o.refusal] ?? 0) + 1;
    for (const f of new Set(o.failedSteps)) failures[f] = (failures[f] ?? 0) + 1;
  }
  const slowest = outcomes.reduce<Outcome | undefined>((a, o) => (!a || o.cpu > a.cpu ? o : a), undefined);
  const bad = outcomes.filter((o) => o.problems.length).length;
  return `property: ${outcomes.length} cases in ${seconds.toFixed(0)} s (seed ${SEED}); exit codes ${Object.entries(codes).map(([c, n]) => `${c}: ${n}`).join(', ')}` +
    (Object.keys(refusals).length ? `; refused by key: ${Object.entries(refusals).map(([k, n]) => `${k} ${n}`).join(', ')}` : '') +
    (Object.keys(failures).length ? `; cases failing a check, by step: ${Object.entries(failures).map(([k, n]) => `${k} ${n}`).join(', ')}` : '') +
    (slowest ? `; slowest case ${slowest.index} (${slowest.label}) ${slowest.cpu.toFixed(1)} s CPU, ${slowest.wall.toFixed(1)} s wall` : '') +
    `; ${bad} case(s) broke an invariant`;
}

describe('random networks through `derive --format json`', () => {
  it(`never exit 3, never a stack trace, exit 1 iff a check failed, the headline agrees with the steps, < ${CASE_SECONDS} s CPU per case (${RUNS} cases)`, async () => {
    const outcomes: Outcome[] = [];
    const started = performance.now();
    let index = PATH !== undefined ? Number(PATH) : 0;
    await fc.assert(fc.asyncProperty(caseArb, async (c) => {
      const name = `case-${index}`;
      const path = writeSpec(c, name);
      let out = '', err = '';
      const cpu0 = process.cpuUsage(), wall0 = performance.now();
      const code = await main(['derive', path, '--format', 'json', '--quiet'], { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
      const used = process.cpuUsage(cpu0), cpu = (used.user + used.system) / 1e6, wall = (performance.now() - wall0) / 1000;
      const problems = violations({ code, out, err, specPath: path });
      if (cpu > CASE_SECONDS) problems.push(`took ${cpu.toFixed(1)} s of CPU (bound ${CASE_SECONDS} s)`);
      const outcome: Outcome = { index, label: describeCase(c), path, code, cpu, wall, failedSteps: failedSteps(err), problems, ...(code === 2 ? { refusal: refusalKey(err, path) ?? 'data file' } : {}) };
      outcomes.push(outcome);
      if (env.HUGONIOT_PROPERTY_VERBOSE) console.log(`case ${index} (${outcome.label}): exit ${code}, ${cpu.toFixed(1)} s CPU, ${wall.toFixed(1)} s wall${outcome.failedSteps.length ? `; failed: ${outcome.failedSteps.join(', ')}` : ''}${problems.length ? `; VIOLATES: ${problems.join(' | ')}` : ''}${code === 2 ? `; ${err.trim().slice(0, 200)}` : ''}`);
      index++;
    }), { numRuns: RUNS, seed: SEED, ...(PATH !== undefined ? { path: PATH } : {}), endOnFailure: true });
    console.log(summaryLine(outcomes, (performance.now() - started) / 1000));
    const broken = outcomes.filter((o) => o.problems.length);
    expect(broken.map((o) => `case ${o.index} (${o.label}; spec ${o.path}), exit ${o.code}:\n  ${o.problems.join('\n  ')}\n  replay: ${replay(o.index)}`).join('\n')).toBe('');
  }, FULL ? 14_400_000 : 300_000);
});
