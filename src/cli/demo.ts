// `hugoniot demo`: every bundled example end to end (check, solve, verify) and
// one report site: a page per example (verification, plots, derivation) and an
// index with a one-line verdict each; a progress bar on a terminal.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../pipeline/derive.js';
import { solveQuotient } from '../pipeline/solve.js';
import { twiceBreakingTime } from '../shock/breaking-time.js';
import { breakingTimeText } from '../print/breaking-time-text.js';
import { escapeHtml } from '../print/html.js';
import { verifyReportPage } from '../print/verify-report.js';
import { loadSpec } from '../spec/load.js';
import { checkExitCode, EXIT } from './errors.js';
import type { CheckReport } from '../derivation/derivation.js';
import { countsLine } from '../derivation/accounting.js';
import { defaultWorkers } from '../verify/ensemble.js';
import { verifySpec } from '../verify/verify.js';
import { writeFilesAtomically } from './io.js';
import { bundledExamplesDir } from './paths.js';
import type { Io } from './main.js';
import { progressBar } from './verify.js';

const fmt = (x: number | null): string => (x === null ? 'none' : Number(x.toPrecision(4)).toString());

export interface DemoOptions { outDir: string; rulesDir: string; io: Io; chains?: number; seed?: number; workers?: number }

export async function runDemo(o: DemoOptions): Promise<number> {
  const root = bundledExamplesDir();
  const names = readdirSync(root).filter((d) => existsSync(join(root, d, 'spec.yaml'))).sort();
  const files: Record<string, string> = {};
  const rows: string[] = [];
  const reports: CheckReport[] = [];
  let failed = 0;
  const started = performance.now();
  const bar = (k: number, f: number, what: string): void => {
    if (o.io.progress) o.io.err(`\r\x1b[2Khugoniot demo ${progressBar((k + f) / names.length)} ${k + 1}/${names.length} ${what}`);
  };
  for (const [k, name] of names.entries()) {
    const t0 = performance.now();
    bar(k, 0, `${name}: check`);
    const spec = loadSpec(join(root, name, 'spec.yaml'));
    const { derivation, intermediates } = runPipeline(spec, { rulesDir: o.rulesDir });
    const r = derivation.report;
    bar(k, 0.1, `${name}: solve`);
    const solveTime = twiceBreakingTime(r.shock) ?? 1;
    const solved = solveQuotient(intermediates, { time: solveTime, grid: 400, scheme: 'weno5' });
    bar(k, 0.2, `${name}: verify`);
    const v = await verifySpec(intermediates, {
      chains: o.chains ?? 24, seed: o.seed ?? 1, workers: o.workers ?? defaultWorkers(),
      onProgress: (d, n) => bar(k, 0.2 + (0.8 * d) / n, `${name}: verify`),
    });
    files[`${spec.name}.html`] = await verifyReportPage(derivation, v);
    const ok = r.passed && v.passed;
    const failedChecks = v.checks.filter((c) => !c.passed).map((c) => c.id);
    const line = `${spec.name}: derivation ${r.passed ? 'checked' : `${r.failedChecks.length} check(s) FAILED`} (${countsLine(r.checks)}); ` +
      (r.shock.forms ? `shock predicted at t* = ${breakingTimeText(r.shock, fmt)}, x* = ${fmt(r.shock.location)}; ` : 'no shock predicted; ') +
      `solve t = ${fmt(solveTime)}: ${solved.shocks.length} shock(s); ` +
      `verify: ${v.passed ? 'passed' : `FAILED (${failedChecks.join(', ')})`}` +
      (v.measured.time !== null ? `, measured t* = ${fmt(v.measured.time)} +- ${fmt(v.measured.timeError)}` : '') +
      ` (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
    if (o.io.progress) o.io.err('\r\x1b[2K');
    o.io.out(`${ok ? 'ok    ' : 'FAILED'} ${line}\n`);
    rows.push(`<li class="${ok ? 'ok' : 'fail'}"><a href="${escapeHtml(spec.name)}.html">${escapeHtml(spec.name)}</a>: ${ok ? 'ok' : '<strong>FAILED</strong>'} — ${escapeHtml(line.slice(spec.name.length + 2))}</li>`);
    if (!ok) failed++;
    reports.push(r);
  }
  files['index.html'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hugoniot demo</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}.ok{color:#1a7f37}.fail{color:#b00}li{margin:.4rem 0}</style></head>
<body><h1>hugoniot demo</h1><p>Each bundled example: the checked derivation, the Burgers solve on the analysed line, and the verification of the predicted shock against simulated SGD (docs/theory.md §5). ${failed ? `<strong class="fail">${failed} of ${names.length} example(s) did not pass.</strong>` : 'Every example passed.'}</p>
<ul>${rows.join('\n')}</ul></body></html>\n`;
  const written = writeFilesAtomically(o.outDir, files);
  o.io.out(`wrote ${written.length} files to ${o.outDir} (open ${join(o.outDir, 'index.html')}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  // The one exit policy, per example, after everything is written; verification failures count too.
  const codes = reports.map((r) => checkExitCode(r, o.io.err));
  return failed || codes.some((c) => c !== EXIT.ok) ? EXIT.failedCheck : EXIT.ok;
}
