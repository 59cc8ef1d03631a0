// `hugoniot verify SPEC`: the shock prediction against simulated SGD
// (src/verify, docs/theory.md §5); text or --json on stdout, an HTML report
// with --report DIR. Exit 0 when every verification check and every derivation
// check passes, else 1.
import { runPipeline } from '../pipeline/derive.js';
import { verifyReportPage } from '../print/verify-report.js';
import { loadSpec } from '../spec/load.js';
import { verifySpec, type VerifyResult } from '../verify/verify.js';
import { checkExitCode, EXIT } from './errors.js';
import { writeFilesAtomically } from './io.js';
import type { Io } from './main.js';

export interface VerifyCliOptions { json?: boolean; report?: string; chains: number; seed: number; workers: number; rules: string; quiet?: boolean }

const fmt = (x: number | null | undefined): string => (x === null || x === undefined ? 'none' : Number(x.toPrecision(4)).toString());

export function verifySummary(r: VerifyResult): string {
  const m = r.measured, p = r.predicted;
  return [
    `${r.name}: predicted t* = ${fmt(p.time)}, x* = ${fmt(p.location)}; measured t* = ${fmt(m.time)} +- ${fmt(m.timeError)}, x* = ${fmt(m.location)} +- ${fmt(m.locationError)}`,
    ...r.checks.map((c) => `  ${c.passed ? 'ok    ' : 'FAILED'} ${c.id}: ${c.detail}`),
    r.passed ? 'all verification checks passed' : `${r.checks.filter((c) => !c.passed).length} verification check(s) FAILED`,
  ].join('\n') + '\n';
}

/** The --json contract: predicted, measured, checks [{id, passed, value, tolerance}], passed (plus config). */
export const verifyJson = (r: VerifyResult): unknown => ({
  name: r.name, predicted: r.predicted, measured: r.measured,
  checks: r.checks.map((c) => ({ id: c.id, passed: c.passed, value: c.value, tolerance: c.tolerance, detail: c.detail })),
  passed: r.passed, config: r.config,
});

export async function runVerify(specPath: string, o: VerifyCliOptions, io: Io): Promise<number> {
  const spec = loadSpec(specPath);
  const progress = io.progress && !o.quiet;
  if (progress) io.err('hugoniot: derivation...\n');
  const { derivation, intermediates } = runPipeline(spec, { rulesDir: o.rules });
  const r = await verifySpec(intermediates, {
    chains: o.chains, seed: o.seed, workers: o.workers,
    onProgress: progress ? (d, n) => io.err(`\rhugoniot: chains ${progressBar(d / n)} ${d}/${n}${d === n ? '\n' : ''}`) : undefined,
  });
  if (o.report) {
    const [file] = writeFilesAtomically(o.report, { [`${spec.name}.html`]: await verifyReportPage(derivation, r) });
    io.err(`wrote ${file}\n`);
  }
  io.out(o.json ? JSON.stringify(verifyJson(r), null, 2) + '\n' : verifySummary(r));
  // The one exit policy: a failed derivation check fails verify too, named on stderr.
  const derivationCode = checkExitCode(derivation.report, io.err);
  return r.passed && derivationCode === EXIT.ok ? EXIT.ok : EXIT.failedCheck;
}

export const progressBar = (f: number, width = 24): string => {
  const n = Math.round(Math.max(0, Math.min(1, f)) * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
};
