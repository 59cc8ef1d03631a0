// `npm run bench` (issue 2): symbolic verification of all rescaling / GL(h)
// generators of an MLP (input 3, one hidden layer of width h, 8 data points,
// identity and relu activations) by hugoniot's normal form, against SymPy doing
// the same in python3 (bench/sympy_generators.py: build the loss, differentiate,
// expand xi . grad L to 0). Both run in this one script on the same data;
// reported as ratios. Not a test: the machine is shared and noisy.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mlpModel } from '../src/architecture/mlp.js';
import { teacherData } from '../src/data/teacher.js';
import type { MlpArchitecture } from '../src/spec/types.js';
import { loadSymmetryRules } from '../src/symmetry/catalogue-rules.js';
import { instantiateFamilies } from '../src/symmetry/catalogue.js';
import { verifyGenerators } from '../src/symmetry/network-symmetries.js';

const widths = (process.env.BENCH_WIDTHS ?? '2,4,8,16').split(',').map(Number);
const activations = ['identity', 'relu'] as const;
const arch = (h: number, act: string): MlpArchitecture => ({ kind: 'mlp', input: 3, layers: [{ width: h, activation: act as never, bias: true }, { width: 1, activation: 'identity', bias: true }] });
const data = teacherData(arch(2, 'identity'), { samples: 8, seed: 11, noise: 0 }, 'mse');
const rules = loadSymmetryRules(join(import.meta.dirname, '..', 'rules'));

interface Row { width: number; activation: string; generators: number; ours: number; sympy: number; allZero: boolean }
const rows: Row[] = [];
const sympyCases = widths.flatMap((width) => activations.map((activation) => ({ width, activation })));
process.stderr.write(`running SymPy on ${sympyCases.length} cases (this takes a few minutes at width 16)...\n`);
const sympyOut = execFileSync('python3', [join(import.meta.dirname, 'sympy_generators.py')], {
  input: JSON.stringify({ x: data.inputs, y: data.targets.map((t) => t[0]), cases: sympyCases }), maxBuffer: 1 << 26,
}).toString().trim().split('\n').map((l) => JSON.parse(l) as { width: number; activation: string; build_s: number; verify_s: number; generators: number; all_zero: boolean });

for (const { width, activation } of sympyCases) {
  const started = performance.now();
  // The same work as the SymPy script: build the loss, differentiate, reduce xi . grad L for every generator.
  const model = mlpModel(arch(width, activation), data, 'mse');
  // identity: the GL(h) family (the rescalings are inside it); relu: the rescalings.
  const families = instantiateFamilies(rules, model).filter((f) => f.site.rule.id === (activation === 'identity' ? 'gl-linear' : 'positive-rescaling'));
  const verified = verifyGenerators(model, families, { seed: 1, rulesDir: '', tolerance: 1e-9 }, { symbolicOnly: true });
  const generators = verified.flatMap((f) => f.generators);
  const ours = (performance.now() - started) / 1000;
  const py = sympyOut.find((r) => r.width === width && r.activation === activation)!;
  if (py.generators !== generators.length) throw new Error(`generator count differs: ${py.generators} vs ${generators.length}`);
  rows.push({ width, activation, generators: generators.length, ours, sympy: py.build_s + py.verify_s, allZero: generators.every((g) => g.checks.every((c) => c.status === 'passed')) && py.all_zero });
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
console.log(`${pad('width', 5)} ${pad('activation', 10)} ${pad('gens', 5)} ${pad('hugoniot s', 11)} ${pad('SymPy s', 9)} ${pad('ratio', 7)}  all zero`);
for (const r of rows) console.log(`${pad(r.width, 5)} ${pad(r.activation, 10)} ${pad(r.generators, 5)} ${pad(r.ours.toFixed(3), 11)} ${pad(r.sympy.toFixed(2), 9)} ${pad((r.sympy / r.ours).toFixed(1) + 'x', 7)}  ${r.allZero}`);
const tOurs = rows.reduce((s, r) => s + r.ours, 0), tSympy = rows.reduce((s, r) => s + r.sympy, 0);
console.log(`whole set: hugoniot ${tOurs.toFixed(2)} s, SymPy ${tSympy.toFixed(1)} s, ratio ${(tSympy / tOurs).toFixed(1)}x (goal >= 10x)`);
