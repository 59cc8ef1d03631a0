// Property test over random networks (issue 8 item 7): any depth 1-4, width
// 1-16, every activation, both losses, teacher / iris / CSV data, several
// seeds. Each case runs `derive SPEC --format json` in its own process
// (derive-case.ts) under a CPU-time limit and a 4 GB heap, and must satisfy
// invariants.ts: never exit 3, never a stack trace, exit 1 iff a check failed,
// a refusal is one line naming the file and key, the headline shock agrees
// with its steps; a case stopped by the limit or out of memory is a violation
// (a liveness bound against blow-ups, not a speed target: speed is
// bench/network.ts). Every case runs even after a violation, so one run shows
// everything; the summary line and, per violation, the command that replays
// that one case (fast-check seed and path) are printed.
//
// `npm test` runs a few small cases; `npm run test:property` the full ranges.
// Environment: HUGONIOT_PROPERTY=full, HUGONIOT_PROPERTY_RUNS (cases; 40 full, 6
// otherwise), HUGONIOT_PROPERTY_SEED, HUGONIOT_PROPERTY_PATH (replay from that
// case index; one case unless RUNS is given), HUGONIOT_PROPERTY_CASE_SECONDS
// (CPU bound per case), HUGONIOT_PROPERTY_VERBOSE (a line per case).
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalKey, violations } from './invariants.js';

const env = process.env;
const FULL = env.HUGONIOT_PROPERTY === 'full';
const SEED = Number(env.HUGONIOT_PROPERTY_SEED ?? 20261202);
const PATH = env.HUGONIOT_PROPERTY_PATH;
const RUNS = Number(env.HUGONIOT_PROPERTY_RUNS ?? (PATH !== undefined ? 1 : FULL ? 40 : 6));
/** CPU seconds one case may take (start-up and TypeScript loading included). */
const CASE_SECONDS = Number(env.HUGONIOT_PROPERTY_CASE_SECONDS ?? (FULL ? 180 : 60));
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

interface Outcome { index: number; label: string; path: string; code: number | string; cpu: number; wall: number; maxRssMB: number; stages: Record<string, number>; refusal?: string; failedSteps: string[]; problems: string[] }

interface CaseResult { code: number; out: string; err: string; cpu: number; maxRssMB: number; stages: Record<string, number> }

/**
 * derive-case.ts on the spec in a child process with a CPU-time limit (ulimit -t: killed when it is
 * exceeded) and a 4 GB heap; undefined `result` when it did not finish, with the stage it was in.
 */
function runCase(path: string): { result?: CaseResult; wall: number; stopped?: string } {
  const runner = join(import.meta.dirname, 'derive-case.ts');
  const childEnv = { ...process.env };
  delete childEnv.HUGONIOT_DEBUG;
  const wall0 = performance.now();
  const r = spawnSync('bash', ['-c', `ulimit -t ${CASE_SECONDS}; exec "$0" "$@"`, process.execPath, '--max-old-space-size=4000', '--import', 'tsx', runner, path], { encoding: 'utf8', maxBuffer: 1 << 30, env: childEnv, timeout: 20_000 * CASE_SECONDS });
  const wall = (performance.now() - wall0) / 1000;
  const lastStage = [...r.stderr.matchAll(/^stage (\S+) ([\d.]+)$/gm)].at(-1);
  const where = lastStage ? ` in stage ${lastStage[1]} (started at ${lastStage[2]} s)` : '';
  if (r.status === 0) {
    try { return { result: JSON.parse(r.stdout) as CaseResult, wall }; } catch { /* reported below */ }
  }
  const why = r.signal === 'SIGKILL' || r.signal === 'SIGXCPU' ? `stopped by the ${CASE_SECONDS} s CPU limit${where}`
    : r.signal === 'SIGTERM' ? `stopped after ${wall.toFixed(0)} s of wall time (20 x the CPU limit)${where}`
    : /heap out of memory/.test(r.stderr) ? `ran out of memory (4 GB heap)${where}` : `the runner exited ${r.status ?? r.signal}${where}: ${r.stderr.trim().slice(-400)}`;
  return { wall, stopped: why };
}

/** The step ids of the failed checks (exit 1 is allowed, but the summary says where the engine failed itself). */
const failedSteps = (err: string): string[] => [...err.matchAll(/^hugoniot: check failed: [^:]+: (\S+) \[(\w[\w-]*)\]/gm)].map((m) => `${m[1]} [${m[2]}]`);

const stageText = (stages: Record<string, number>): string => (Object.keys(stages).length ? ` (${Object.entries(stages).map(([k, t]) => `${k} ${t.toFixed(1)}`).join(', ')})` : '');

/** The command that replays case `index` alone. */
const replay = (index: number): string =>
  `${FULL ? 'HUGONIOT_PROPERTY=full ' : ''}HUGONIOT_PROPERTY_SEED=${SEED} HUGONIOT_PROPERTY_PATH=${index} npx vitest run test/property/networks.test.ts`;

function summaryLine(outcomes: readonly Outcome[], seconds: number): string {
  const codes: Record<string, number> = {}, refusals: Record<string, number> = {}, failures: Record<string, number> = {};
  for (const o of outcomes) {
    codes[o.code] = (codes[o.code] ?? 0) + 1;
    if (o.refusal) refusals[o.refusal] = (refusals[o.refusal] ?? 0) + 1;
    for (const f of new Set(o.failedSteps)) failures[f] = (failures[f] ?? 0) + 1;
  }
  const slowest = outcomes.reduce<Outcome | undefined>((a, o) => (!a || o.cpu > a.cpu ? o : a), undefined);
  const largest = outcomes.filter((o) => Number.isFinite(o.maxRssMB)).reduce<Outcome | undefined>((a, o) => (!a || o.maxRssMB > a.maxRssMB ? o : a), undefined);
  const bad = outcomes.filter((o) => o.problems.length).length;
  return `property: ${outcomes.length} cases in ${seconds.toFixed(0)} s (seed ${SEED}); exit codes ${Object.entries(codes).map(([c, n]) => `${c}: ${n}`).join(', ')}` +
    (Object.keys(refusals).length ? `; refused by key: ${Object.entries(refusals).map(([k, n]) => `${k} ${n}`).join(', ')}` : '') +
    (Object.keys(failures).length ? `; cases failing a check, by step: ${Object.entries(failures).map(([k, n]) => `${k} ${n}`).join(', ')}` : '') +
    (slowest ? `; slowest case ${slowest.index} (${slowest.label}) ${slowest.cpu.toFixed(1)} s CPU, ${slowest.wall.toFixed(1)} s wall${stageText(slowest.stages)}` : '') +
    (largest ? `; most memory case ${largest.index} ${largest.maxRssMB.toFixed(0)} MB` : '') +
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
      const run = runCase(path);
      const res = run.result;
      const problems = res ? violations({ code: res.code, out: res.out, err: res.err, specPath: path }) : [run.stopped!];
      const err = res?.err ?? '';
      const outcome: Outcome = {
        index, label: describeCase(c), path, code: res?.code ?? 'stopped', cpu: res?.cpu ?? CASE_SECONDS, wall: run.wall, maxRssMB: res?.maxRssMB ?? NaN, stages: res?.stages ?? {},
        failedSteps: failedSteps(err), problems, ...(res?.code === 2 ? { refusal: refusalKey(err, path) ?? 'data file' } : {}),
      };
      outcomes.push(outcome);
      if (env.HUGONIOT_PROPERTY_VERBOSE) console.log(`case ${index} (${outcome.label}): exit ${outcome.code}, ${outcome.cpu.toFixed(1)} s CPU, ${run.wall.toFixed(1)} s wall, ${outcome.maxRssMB.toFixed(0)} MB${stageText(outcome.stages)}${outcome.failedSteps.length ? `; failed: ${outcome.failedSteps.join(', ')}` : ''}${problems.length ? `; VIOLATES: ${problems.join(' | ')}` : ''}${res?.code === 2 ? `; ${err.trim().slice(0, 200)}` : ''}`);
      index++;
    }), { numRuns: RUNS, seed: SEED, ...(PATH !== undefined ? { path: PATH } : {}), endOnFailure: true });
    console.log(summaryLine(outcomes, (performance.now() - started) / 1000));
    const broken = outcomes.filter((o) => o.problems.length);
    expect(broken.map((o) => `case ${o.index} (${o.label}; spec ${o.path}), exit ${o.code}:\n  ${o.problems.join('\n  ')}\n  replay: ${replay(o.index)}`).join('\n')).toBe('');
  }, FULL ? 14_400_000 : 600_000);
});
