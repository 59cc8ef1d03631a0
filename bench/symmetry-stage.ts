// The symmetry stage of `check` on one spec, timed alone (issue 11): wall time
// of buildModel and networkSymmetries/expressionSymmetries, and the process's
// peak resident memory (getrusage maxRSS) after each. Run:
//   node --import tsx bench/symmetry-stage.ts SPEC.yaml
// Prints one JSON line. A measurement, not a test: the machine is shared.
import { join } from 'node:path';
import { buildModel } from '../src/pipeline/derive.js';
import { loadSpec } from '../src/spec/load.js';
import { expressionSymmetries } from '../src/symmetry/expression-symmetries.js';
import { networkSymmetries } from '../src/symmetry/network-symmetries.js';

const file = process.argv[2];
if (!file) { process.stderr.write('usage: symmetry-stage.ts SPEC.yaml\n'); process.exit(2); }
const spec = loadSpec(file);
const ctx = { seed: spec.training.seed, rulesDir: join(import.meta.dirname, '..', 'rules'), tolerance: 1e-9 };
const mb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const t0 = performance.now();
const model = buildModel(spec);
const t1 = performance.now();
const rssModel = mb();
const sym = model.kind === 'expression' ? expressionSymmetries(model, ctx) : networkSymmetries(model, ctx);
const t2 = performance.now();
const checks = sym.steps.flatMap((s) => s.checks);
const count = (st: string): number => checks.filter((c) => c.status === st).length;
console.log(JSON.stringify({
  spec: spec.name, parameters: model.parameters.length, model_s: +((t1 - t0) / 1000).toFixed(3), symmetry_s: +((t2 - t1) / 1000).toFixed(3),
  peak_rss_mb_after_model: rssModel, peak_rss_mb_after_symmetry: mb(),
  checks: { passed: count('passed'), failed: count('failed'), skipped: count('skipped') },
}));
