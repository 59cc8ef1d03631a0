import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mlpModel } from '../src/architecture/mlp.js';
import { loadSymmetryRules } from '../src/symmetry/catalogue-rules.js';
import { instantiateFamilies } from '../src/symmetry/catalogue.js';
import { verifyGenerators } from '../src/symmetry/network-symmetries.js';
const d = JSON.parse(readFileSync(join(import.meta.dirname, 'bench-data.json'), 'utf8'));
const data = { inputs: d.x, targets: d.y.map((y: number) => [y]), description: 'bench' };
const rules = loadSymmetryRules(join(import.meta.dirname, '..', 'rules'));
for (const w of (process.env.W ?? "64").split(",").map(Number)) for (const act of (process.env.A ?? "relu").split(",")) {
  const t0 = performance.now();
  const model = mlpModel({ kind: 'mlp', input: 3, layers: [{ width: w, activation: act as never, bias: true }, { width: 1, activation: 'identity', bias: true }] }, data, 'mse');
  const fams = instantiateFamilies(rules, model).filter((f) => f.site.rule.id === (act === 'identity' ? 'gl-linear' : 'positive-rescaling'));
  const v = verifyGenerators(model, fams, { seed: 1, rulesDir: '', tolerance: 1e-9 }, { symbolicOnly: true });
  const gens = v.flatMap((f) => f.generators);
  console.log(w, act, gens.length, ((performance.now() - t0) / 1000).toFixed(3), gens.every((g) => g.checks.every((c) => c.status === 'passed')), gens[0].checks[0].detail.slice(0, 60));
}
