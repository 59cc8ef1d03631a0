// `hugoniot demo`: every bundled example end to end, an HTML report each and
// an index page, with a one-line verdict per example on the terminal.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../pipeline/derive.js';
import { printDerivation } from '../print/index.js';
import { loadSpec } from '../spec/load.js';
import { checkExitCode, EXIT } from './errors.js';
import type { CheckReport } from '../derivation/derivation.js';
import { countsLine } from '../derivation/accounting.js';
import { writeFilesAtomically } from './io.js';
import { bundledExamplesDir } from './paths.js';
import type { Io } from './main.js';

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function runDemo(o: { outDir: string; rulesDir: string; io: Io }): number {
  const root = bundledExamplesDir();
  const names = readdirSync(root).filter((d) => existsSync(join(root, d, 'spec.yaml'))).sort();
  const files: Record<string, string> = {};
  const rows: string[] = [];
  const reports: CheckReport[] = [];
  for (const name of names) {
    const started = performance.now();
    const spec = loadSpec(join(root, name, 'spec.yaml'));
    const { derivation } = runPipeline(spec, { rulesDir: o.rulesDir });
    const r = derivation.report;
    files[`${spec.name}.html`] = printDerivation(derivation, 'html');
    const shock = r.shock.forms ? `shock at t*=${r.shock.time?.toPrecision(4)}` : 'no shock';
    const line = `${r.passed ? 'ok    ' : 'FAILED'} ${spec.name}: ${countsLine(r.checks)}; ${r.parameterCount} params, quotient ${r.quotientDimension}, ${shock} (${((performance.now() - started) / 1000).toFixed(2)} s)`;
    o.io.out(line + '\n');
    rows.push(`<li><a href="${escapeHtml(spec.name)}.html">${escapeHtml(spec.name)}</a>: ${escapeHtml(line.slice(7))}${r.passed ? '' : ' <strong style="color:#b00">FAILED</strong>'}</li>`);
    reports.push(r);
  }
  files['index.html'] = `<!doctype html><html><head><meta charset="utf-8"><title>hugoniot demo</title></head><body><h1>hugoniot demo</h1><ul>${rows.join('')}</ul></body></html>\n`;
  const written = writeFilesAtomically(o.outDir, files);
  o.io.out(`wrote ${written.length} files to ${o.outDir} (open ${join(o.outDir, 'index.html')})\n`);
  // The one exit policy, per example, after everything is written.
  const codes = reports.map((r) => checkExitCode(r, o.io.err));
  return codes.some((c) => c !== EXIT.ok) ? EXIT.failedCheck : EXIT.ok;
}
