// One case of bench/network.ts, in its own process: load a spec, run the
// pipeline (the work of `check`), print one JSON line with the pipeline time
// per stage, the failed checks and the peak resident memory. With --import-only
// it stops after the imports (the baseline: node start-up plus module loading).
import { runPipeline } from '../src/pipeline/derive.js';
import { loadSpec } from '../src/spec/load.js';
import { join } from 'node:path';

const [specPath, flag] = process.argv.slice(2);
if (flag !== '--import-only') {
  const started = performance.now();
  const stages: Record<string, number> = {};
  let current = '', since = started;
  const { derivation } = runPipeline(loadSpec(specPath), {
    rulesDir: join(import.meta.dirname, '..', 'rules'),
    onStage: (s) => {
      const now = performance.now();
      if (current) stages[current] = (now - since) / 1000;
      current = s; since = now;
      // where a long case is (stderr; the result is the last stdout line)
      process.stderr.write(`${s} at ${((now - started) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
    },
  });
  const end = performance.now();
  stages[current] = (end - since) / 1000;
  const failed = derivation.steps.flatMap((s) => s.checks.filter((c) => c.status === 'failed').map(() => s.id));
  console.log(JSON.stringify({ seconds: (end - started) / 1000, stages, failed, shock: derivation.report.shock, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
} else {
  console.log(JSON.stringify({ seconds: 0, stages: {}, failed: [], maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}
