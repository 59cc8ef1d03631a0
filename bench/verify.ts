// `npm run bench` (issue 9): throughput of the SGLD chain ensembles on both
// cores against one worker and against the main thread, on the same task list
// (identical results, checked), and the wall time of `verify` per bundled
// example. Reported as ratios measured in this one run; the machine is shared,
// so the absolute numbers are noisy.
import { readdirSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../src/pipeline/derive.js';
import { loadSpec } from '../src/spec/load.js';
import { runTasks } from '../src/verify/ensemble.js';
import { chainProblem } from '../src/verify/problem.js';
import { sgldStepSize } from '../src/verify/sgld.js';
import { verifySpec } from '../src/verify/verify.js';
import type { ChainTask } from '../src/verify/worker.js';

const root = join(import.meta.dirname, '..', 'derivations');
const rules = join(import.meta.dirname, '..', 'rules');
const cores = availableParallelism();
const pad = (s: string | number, n: number): string => String(s).padStart(n);

console.log(`chain throughput (${cores} cores; one chain = 16 scales x 25 probes x 1000 SGLD steps; worker start-up included)`);
console.log(`${pad('example', 16)} ${pad('chains', 6)} ${pad('main thr/s', 10)} ${pad('1 worker/s', 10)} ${pad(`${cores} workers/s`, 12)} ${pad('speed-up', 9)} ${pad('cores obtained', 15)}`);
for (const name of ['double-well', 'relu-2-4-1']) {
  const { intermediates: im } = runPipeline(loadSpec(join(root, name, 'spec.yaml')), { rulesDir: rules });
  const problem = chainProblem(im)!;
  const xs = Array.from({ length: 25 }, (_, i) => -1.2 + 0.1 * i), ts = Array.from({ length: 16 }, (_, j) => 0.2 * (j + 1));
  const chains = name === 'double-well' ? 64 : 16;
  const tasks: ChainTask[] = Array.from({ length: chains }, (_, k) => ({
    type: 'probe', problemId: name, problem, xs, ts, etas: ts.map((t) => sgldStepSize(t, 5, 0.1)),
    settings: { temperature: 2 * im.viscosity.nu, steps: 800, burnIn: 200 }, seed: 1, chain: k,
  }));
  const rate = async (workers: number) => {
    const t0 = performance.now(), c0 = process.cpuUsage();
    const r = await runTasks(tasks, workers);
    const wall = (performance.now() - t0) / 1000, c = process.cpuUsage(c0);
    // process CPU time covers the worker threads: cpu/wall is the number of cores actually obtained
    return { perSecond: chains / wall, cores: (c.user + c.system) / 1e6 / wall, r };
  };
  const main = await rate(0), one = await rate(1), all = await rate(cores);
  if (JSON.stringify(main.r) !== JSON.stringify(all.r) || JSON.stringify(main.r) !== JSON.stringify(one.r)) throw new Error('results depend on the number of workers');
  console.log(`${pad(name, 16)} ${pad(chains, 6)} ${pad(main.perSecond.toFixed(2), 10)} ${pad(one.perSecond.toFixed(2), 10)} ${pad(all.perSecond.toFixed(2), 12)} ${pad((all.perSecond / one.perSecond).toFixed(2) + 'x', 9)} ${pad(`${one.cores.toFixed(2)} -> ${all.cores.toFixed(2)}`, 15)}`);
}

console.log(`\nverify wall time per bundled example (24 chains, ${cores} workers; pipeline = the derivation it starts from)`);
console.log(`${pad('example', 18)} ${pad('pipeline s', 10)} ${pad('verify s', 9)}  verdict`);
for (const name of readdirSync(root).filter((d) => existsSync(join(root, d, 'spec.yaml'))).sort()) {
  const t0 = performance.now();
  const { intermediates } = runPipeline(loadSpec(join(root, name, 'spec.yaml')), { rulesDir: rules });
  const t1 = performance.now();
  const r = await verifySpec(intermediates, { chains: 24, seed: 1, workers: cores });
  const t2 = performance.now();
  const failed = r.checks.filter((c) => !c.passed).map((c) => c.id);
  console.log(`${pad(name, 18)} ${pad(((t1 - t0) / 1000).toFixed(2), 10)} ${pad(((t2 - t1) / 1000).toFixed(2), 9)}  ${r.passed ? 'passed' : `failed: ${failed.join(', ')}`}`);
}
