// `npm run bench` (issues 2 and 11): symbolic verification of all rescaling /
// GL(h) generators of a 3-h-1 MLP (8 data points, bench/bench-data.json;
// identity and relu hidden layer) by hugoniot's symmetry stage, against SymPy
// doing the same task in python3, all in this one script and one run, reported
// as ratios and growth exponents. Not a test: the machine is shared and noisy.
//
// hugoniot proves xi . grad L = 0 on the smallest object that implies it: the
// network function f(x) at a symbolic input x (src/symmetry/network-symmetries.ts).
// The SymPy baselines:
//   orig        bench/sympy_generators.py: build L, expand xi . grad L per generator
//   strong      bench/sympy_strong.py --approach best (written by the project lead
//               for issue 11; copied here): sparse polynomial rings over QQ, the
//               gradient by the chain rule, identity nets on L, relu per data point
//   ring-output bench/sympy_strong.py --approach ring-output (added here): SymPy's
//               rings on the same object hugoniot uses, f(x) at a symbolic x
// each with SymPy's pure-python ground types and, where gmpy2 imports (from
// BENCH_GMPY2_PATH or the environment), with gmpy2.
// Env: BENCH_WIDTHS (default 2,4,8,16,32,64), BENCH_ORIG_MAX (largest width for
// orig, default 8), BENCH_STRONG_MAX (for strong, default 32: at width 64 it
// needs more than ten minutes per case). Cases above those are printed "not run".
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mlpModel } from '../src/architecture/mlp.js';
import type { Dataset } from '../src/architecture/model.js';
import type { MlpArchitecture } from '../src/spec/types.js';
import { loadSymmetryRules } from '../src/symmetry/catalogue-rules.js';
import { instantiateFamilies } from '../src/symmetry/catalogue.js';
import { verifyGenerators } from '../src/symmetry/network-symmetries.js';

const here = import.meta.dirname;
const widths = (process.env.BENCH_WIDTHS ?? '2,4,8,16,32,64').split(',').map(Number);
const origMax = Number(process.env.BENCH_ORIG_MAX ?? 8);
const strongMax = Number(process.env.BENCH_STRONG_MAX ?? 32);
const activations = ['identity', 'relu'] as const;
const dataFile = join(here, 'bench-data.json');
const raw = JSON.parse(readFileSync(dataFile, 'utf8')) as { x: number[][]; y: number[] };
const data: Dataset = { inputs: raw.x, targets: raw.y.map((y) => [y]), description: 'bench data (8 points)' };
const arch = (h: number, act: string): MlpArchitecture => ({ kind: 'mlp', input: 3, layers: [{ width: h, activation: act as never, bias: true }, { width: 1, activation: 'identity', bias: true }] });
const rules = loadSymmetryRules(join(here, '..', 'rules'));
const cases = widths.flatMap((width) => activations.map((activation) => ({ width, activation })));

// ---- SymPy ----
interface PyRow { width: number; activation: string; total_s: number; generators: number; all_zero: boolean; negative_control_nonzero?: boolean }
type Ground = 'python' | 'gmpy';
const gmpyPath = process.env.BENCH_GMPY2_PATH;
const pyEnv = (g: Ground): NodeJS.ProcessEnv => ({ ...process.env, SYMPY_GROUND_TYPES: g, ...(g === 'gmpy' && gmpyPath ? { PYTHONPATH: gmpyPath } : {}) });
const gmpyInstalled = spawnSync('python3', ['-c', 'import gmpy2'], { env: pyEnv('gmpy') }).status === 0;
const lines = (out: string): PyRow[] => out.toString().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as PyRow);
function strong(approach: string, ws: readonly number[], g: Ground): PyRow[] {
  if (ws.length === 0) return [];
  process.stderr.write(`SymPy ${approach} (${g}) at widths ${ws.join(',')}...\n`);
  return lines(execFileSync('python3', [join(here, 'sympy_strong.py'), '--data', dataFile, '--approach', approach, '--widths', ws.join(',')], { env: pyEnv(g), maxBuffer: 1 << 26 }).toString());
}
function orig(ws: readonly number[]): PyRow[] {
  if (ws.length === 0) return [];
  process.stderr.write(`SymPy orig at widths ${ws.join(',')}...\n`);
  const job = { x: raw.x, y: raw.y, cases: ws.flatMap((width) => activations.map((activation) => ({ width, activation }))) };
  return lines(execFileSync('python3', [join(here, 'sympy_generators.py')], { input: JSON.stringify(job), env: pyEnv('python'), maxBuffer: 1 << 26 }).toString())
    .map((r) => ({ ...r, total_s: (r as unknown as { build_s: number; verify_s: number }).build_s + (r as unknown as { build_s: number; verify_s: number }).verify_s }));
}
const sympy = {
  orig: orig(widths.filter((w) => w <= origMax)),
  strong: strong('best', widths.filter((w) => w <= strongMax), 'python'),
  output: strong('ring-output', widths, 'python'),
  strongGmpy: gmpyInstalled ? strong('best', widths.filter((w) => w <= strongMax), 'gmpy') : [],
  outputGmpy: gmpyInstalled ? strong('ring-output', widths, 'gmpy') : [],
};
for (const [name, rows] of Object.entries(sympy)) for (const r of rows) {
  if (!r.all_zero || r.negative_control_nonzero === false) throw new Error(`SymPy ${name} at width ${r.width} ${r.activation}: wrong verdict`);
}

// ---- hugoniot (best of three, in-process, model construction included) ----
function ours(width: number, activation: string): { seconds: number; generators: number; allPassed: boolean } {
  let best = Infinity, generators = 0, allPassed = true;
  for (let rep = 0; rep < 3; rep++) {
    const started = performance.now();
    const model = mlpModel(arch(width, activation), data, 'mse');
    // identity: the GL(h) family (the rescalings are inside it); relu: the rescalings.
    const families = instantiateFamilies(rules, model).filter((f) => f.site.rule.id === (activation === 'identity' ? 'gl-linear' : 'positive-rescaling'));
    const verified = verifyGenerators(model, families, { seed: 1, rulesDir: '', tolerance: 1e-9 }, { symbolicOnly: true });
    const gens = verified.flatMap((f) => f.generators);
    best = Math.min(best, (performance.now() - started) / 1000);
    generators = gens.length;
    allPassed &&= gens.every((g) => g.checks.every((c) => c.status === 'passed'));
  }
  return { seconds: best, generators, allPassed };
}

// ---- table ----
const find = (rows: readonly PyRow[], w: number, a: string): PyRow | undefined => rows.find((r) => r.width === w && r.activation === a);
const pad = (s: string | number, n: number): string => String(s).padStart(n);
const sec = (r: PyRow | undefined): string => (r ? r.total_s.toFixed(3) : 'not run');
const gm = (r: PyRow | undefined): string => (gmpyInstalled ? sec(r) : 'not installed');
// One untimed pass over the smallest cases first: V8 compiles the normal form on first use, as
// Python compiles SymPy when it is imported, and the SymPy timings exclude their import.
for (const activation of ['identity', 'relu']) ours(2, activation);
const results = cases.map(({ width, activation }) => {
  const o = ours(width, activation);
  const get = (k: keyof typeof sympy): PyRow | undefined => find(sympy[k], width, activation);
  for (const k of Object.keys(sympy) as (keyof typeof sympy)[]) {
    const r = get(k);
    if (r && r.generators !== o.generators) throw new Error(`generator count differs (${k}, width ${width} ${activation}): ${r.generators} vs ${o.generators}`);
  }
  // The strong baseline: the faster of its best approach with and without gmpy2.
  const strongBest = [get('strong'), get('strongGmpy')].filter((r): r is PyRow => !!r).map((r) => r.total_s);
  const outputBest = [get('output'), get('outputGmpy')].filter((r): r is PyRow => !!r).map((r) => r.total_s);
  return { width, activation, o, get, strong: strongBest.length ? Math.min(...strongBest) : undefined, output: outputBest.length ? Math.min(...outputBest) : undefined };
});

console.log(`${pad('width', 5)} ${pad('act', 8)} ${pad('gens', 5)} ${pad('hugoniot', 9)} ${pad('orig', 8)} ${pad('strong', 8)} ${pad('strong+gmpy', 13)} ${pad('ring-out', 9)} ${pad('r-out+gmpy', 13)} ${pad('vs strong', 9)} ${pad('vs r-out', 8)}  all zero`);
for (const r of results) {
  const ratio = (t: number | undefined): string => (t === undefined ? '-' : (t / r.o.seconds).toFixed(1) + 'x');
  console.log(`${pad(r.width, 5)} ${pad(r.activation, 8)} ${pad(r.o.generators, 5)} ${pad(r.o.seconds.toFixed(3), 9)} ${pad(sec(r.get('orig')), 8)} ${pad(sec(r.get('strong')), 8)} ${pad(gm(r.get('strongGmpy')), 13)} ${pad(sec(r.get('output')), 9)} ${pad(gm(r.get('outputGmpy')), 13)} ${pad(ratio(r.strong), 9)} ${pad(ratio(r.output), 8)}  ${r.o.allPassed}`);
}
// Growth exponent: least-squares slope of log t against log h, per activation.
const slope = (pts: readonly (readonly [number, number])[]): string => {
  if (pts.length < 2) return '-';
  const xs = pts.map((p) => Math.log(p[0])), ys = pts.map((p) => Math.log(p[1]));
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  return (xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0)).toFixed(2);
};
for (const a of activations) {
  const rs = results.filter((r) => r.activation === a);
  const of = (k: keyof typeof sympy): string => slope(rs.flatMap((r) => { const p = r.get(k); return p ? [[r.width, p.total_s] as const] : []; }));
  console.log(`growth exponent (t ~ h^k), ${a}: hugoniot ${slope(rs.map((r) => [r.width, r.o.seconds] as const))}, orig ${of('orig')}, strong ${of('strong')}, ring-output ${of('output')}${gmpyInstalled ? `, strong+gmpy ${of('strongGmpy')}, ring-output+gmpy ${of('outputGmpy')}` : ''}`);
}
const whole = (pick: (r: typeof results[number]) => number | undefined): string => {
  const rs = results.filter((r) => pick(r) !== undefined);
  const t = rs.reduce((s, r) => s + r.o.seconds, 0), p = rs.reduce((s, r) => s + pick(r)!, 0);
  const worst = Math.min(...rs.map((r) => pick(r)! / r.o.seconds));
  return `${(p / t).toFixed(1)}x over ${rs.length} cases (SymPy ${p.toFixed(2)} s, hugoniot ${t.toFixed(2)} s), lowest case ${worst.toFixed(1)}x`;
};
console.log(`whole set vs strong SymPy (best approach, faster of python/gmpy2 per case; goal >= 10x, no case < 3x): ${whole((r) => r.strong)}`);
console.log(`whole set vs SymPy ring-output (the same object as hugoniot, faster of python/gmpy2): ${whole((r) => r.output)}`);
console.log(`gmpy2: ${gmpyInstalled ? 'installed' : 'not installed'}`);
