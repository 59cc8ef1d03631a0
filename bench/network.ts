// `npm run bench` (issue 8): the network path's time and memory, each case in
// its own process (node --import tsx bench/network-case.ts), reported against
// goals as ratios or growth exponents measured in this one run:
//   - check time over 2-h-1 ReLU nets, h = 2..64: growth exponent in P (goal <= 1.5);
//   - depth 1..4 at width 16: peak memory (goal < 1 GB);
//   - iris 4-5-3 (cross-entropy, mse) vs relu-2-4-1 (goal within 10x);
//   - relu-2-4-1 pipeline time (goal < 1 s);
//   - each bundled example vs node start-up + imports (goal within 3x).
// A case that exceeds its time limit (BENCH_CASE_TIMEOUT seconds, default 180)
// is reported as such and counts as a miss. Not a test: the machine is shared and noisy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const timeoutS = Number(process.env.BENCH_CASE_TIMEOUT ?? 180);
const widths = (process.env.BENCH_NETWORK_WIDTHS ?? '2,4,8,16,32,64').split(',').map(Number);
const depths = (process.env.BENCH_NETWORK_DEPTHS ?? '1,2,3,4').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'hugoniot-bench-'));

interface Result { seconds: number; wall: number; maxRssMB: number; failed: string[]; timedOut: boolean; stages: Record<string, number> }

function run(specPath: string, importOnly = false): Result {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=8000', '--import', 'tsx', join(root, 'bench', 'network-case.ts'), specPath, ...(importOnly ? ['--import-only'] : [])], { cwd: root, timeout: timeoutS * 1000, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = (performance.now() - started) / 1000;
  const line = r.stdout?.trim().split('\n').at(-1);
  if (r.status !== 0 || !line) return { seconds: wall, wall, maxRssMB: NaN, failed: [], timedOut: r.error !== undefined || r.signal !== null, stages: {} };
  const j = JSON.parse(line) as Omit<Result, 'wall' | 'timedOut'>;
  return { ...j, wall, timedOut: false };
}

function spec(name: string, input: number, hidden: readonly number[], out = 1, extra = ''): string {
  const layers = [...hidden.map((w) => `{ width: ${w}, activation: relu }`), `{ width: ${out}, activation: identity }`].join(', ');
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `name: ${name}\narchitecture: { kind: mlp, input: ${input}, layers: [${layers}] }\n${extra || 'loss: mse\ndata: { kind: teacher, samples: 32, seed: 7 }\ntraining: { lr: 0.05, batch: 4, steps: 400, seed: 1 }\n'}`);
  return path;
}

const fmtS = (r: Result): string => (r.timedOut ? `> ${timeoutS} (timeout)` : Number.isNaN(r.maxRssMB) ? 'error' : r.seconds.toFixed(2));
const stagesOf = (r: Result): string => Object.entries(r.stages).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
const verdicts: string[] = [];
const goal = (what: string, met: boolean, detail: string): void => { verdicts.push(`${met ? 'MET    ' : 'NOT MET'}  ${what}: ${detail}`); };

// 1. width sweep
console.log('2-h-1 ReLU nets (teacher data, 32 samples): pipeline seconds per case, stages in seconds');
const sweep: { P: number; r: Result }[] = [];
for (const h of widths) {
  const r = run(spec(`relu-2-${h}-1`, 2, [h]));
  const P = 4 * h + 1;
  sweep.push({ P, r });
  console.log(`  h = ${String(h).padStart(3)}  P = ${String(P).padStart(4)}  ${fmtS(r).padStart(16)} s  ${Number.isNaN(r.maxRssMB) ? '' : `${r.maxRssMB.toFixed(0)} MB`}  ${stagesOf(r)}`);
}
const ok = sweep.filter((c) => !c.r.timedOut && !Number.isNaN(c.r.maxRssMB));
if (ok.length >= 2) {
  const xs = ok.map((c) => Math.log(c.P)), ys = ok.map((c) => Math.log(c.r.seconds));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  goal('check time growth over 2-h-1 ReLU, exponent in P', slope <= 1.5 && ok.length === sweep.length, `least-squares exponent ${slope.toFixed(2)} over ${ok.length} of ${sweep.length} widths (goal <= 1.5${ok.length < sweep.length ? '; some widths did not finish' : ''})`);
} else goal('check time growth over 2-h-1 ReLU', false, 'fewer than two widths finished');

// 2. depth sweep at width 16
console.log('depth 1..4 at width 16 (2-16-...-16-1): pipeline seconds and peak memory');
let worstMB = 0, allDepths = true;
for (const d of depths) {
  const r = run(spec(`relu-depth-${d}`, 2, Array.from({ length: d }, () => 16)));
  if (r.timedOut || Number.isNaN(r.maxRssMB)) allDepths = false; else worstMB = Math.max(worstMB, r.maxRssMB);
  console.log(`  depth ${d}  ${fmtS(r).padStart(16)} s  ${Number.isNaN(r.maxRssMB) ? '' : `${r.maxRssMB.toFixed(0)} MB`}  ${stagesOf(r)}`);
}
goal('depth 1..4 at width 16, peak memory', allDepths && worstMB < 1024, allDepths ? `${worstMB.toFixed(0)} MB (goal < 1024 MB)` : 'some depths did not finish in time');

// 3. iris vs relu-2-4-1, 4. relu-2-4-1 pipeline time
const relu241 = run(join(root, 'derivations', 'relu-2-4-1', 'spec.yaml'));
console.log(`relu-2-4-1: ${fmtS(relu241)} s (${stagesOf(relu241)})`);
goal('relu-2-4-1 pipeline time', !relu241.timedOut && relu241.seconds < 1, `${relu241.seconds.toFixed(2)} s (goal < 1 s)`);
for (const loss of ['cross-entropy', 'mse']) {
  const r = run(spec(`iris-${loss}`, 4, [5], 3, `loss: ${loss}\ndata: { kind: builtin, name: iris }\ntraining: { lr: 0.05, batch: 8, steps: 400, seed: 1 }\n`));
  console.log(`iris 4-5-3 ${loss}: ${fmtS(r)} s (${stagesOf(r)})${r.failed.length ? `, FAILED checks: ${r.failed.join(', ')}` : ''}`);
  goal(`iris 4-5-3 ${loss} vs relu-2-4-1`, !r.timedOut && r.seconds <= 10 * relu241.seconds, r.timedOut ? `did not finish in ${timeoutS} s` : `ratio ${(r.seconds / relu241.seconds).toFixed(1)}x (goal <= 10x)`);
}

// 5. bundled examples vs start-up + imports (whole process wall time)
const base = run(join(root, 'derivations', 'relu-2-4-1', 'spec.yaml'), true);
console.log(`node start-up + imports: ${base.wall.toFixed(2)} s`);
for (const name of readdirSync(join(root, 'derivations')).sort()) {
  const r = run(join(root, 'derivations', name, 'spec.yaml'));
  goal(`${name} check vs start-up + imports`, !r.timedOut && r.wall <= 3 * base.wall, `${r.wall.toFixed(2)} s wall = ${(r.wall / base.wall).toFixed(1)}x (goal <= 3x)`);
}
console.log('\nGoals (one run):');
for (const v of verdicts) console.log('  ' + v);
