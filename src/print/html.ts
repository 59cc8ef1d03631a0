// Derivation -> one self-contained HTML page that works offline: KaTeX renders
// every formula here (throwOnError: a KaTeX error surfaces instead of being
// hidden), its CSS is inlined and its woff2 fonts are embedded as data URIs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import { match } from 'ts-pattern';
import type { Derivation } from '../derivation/derivation.js';
import { stepPassed, type Check, type Step } from '../derivation/types.js';
import { formulaLatex } from './formula.js';
import { countsLine } from '../derivation/accounting.js';
import { stageSections, summaryRows } from './outline.js';
import { renderProse } from './prose.js';

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const math = (tex: string, displayMode = false): string => katex.renderToString(tex, { displayMode, throwOnError: true, strict: 'ignore', output: 'html' });
const prose = (s: string): string => renderProse(s, escapeHtml, (m) => math(m));

const status = (c: Check): string => match(c.status)
  .with('passed', () => '<span class="ok">passed</span>')
  .with('failed', () => '<span class="fail">FAILED</span>')
  .with('skipped', () => '<span class="skip">skipped</span>')
  .with('unchecked', () => '<span class="skip">unchecked</span>')
  .exhaustive() + (c.scope === 'lemma' ? ' <em>(lemma: holds for every loss)</em>' : '');

/** katex.min.css with every font reduced to its woff2 file, inlined (every current browser reads woff2). */
export function katexCss(): string {
  const dist = dirname(createRequire(import.meta.url).resolve('katex'));
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  const inlined = css.replace(/src:url\(fonts\/([^)]+\.woff2)\) format\("woff2"\)(?:,url\([^)]+\) format\("[^"]+"\))*/g, (_m, file: string) =>
    `src:url(data:font/woff2;base64,${readFileSync(join(dist, 'fonts', file)).toString('base64')}) format("woff2")`);
  if (/url\(fonts\//.test(inlined)) throw new Error('katexCss: a KaTeX font was not inlined (katex.min.css layout changed)');
  return inlined;
}

function stepHtml(s: Step): string {
  const ok = stepPassed(s);
  const parts = [
    `<section class="step${ok ? '' : ' failed'}" id="${escapeHtml(s.id)}">`,
    `<h3>${prose(s.title)}${ok ? '' : ' <span class="fail">FAILED</span>'}</h3>`,
    `<p class="rule">rule: <code>${escapeHtml(s.rule)}</code></p>`,
    `<p>${prose(s.statement)}</p>`,
  ];
  if (s.before) parts.push(math(formulaLatex(s.before), true));
  if (s.after) parts.push(...(s.before ? ['<p>becomes</p>'] : []), math(formulaLatex(s.after), true));
  if (s.conditions.length) parts.push(`<p>Conditions: ${s.conditions.map(prose).join('; ')}.</p>`);
  parts.push(s.checks.length
    ? `<ul class="checks">${s.checks.map((c) => `<li class="check ${c.status}"><code>${escapeHtml(c.method)}</code>: ${status(c)} — ${escapeHtml(c.detail)}</li>`).join('')}</ul>`
    : '<p><em>(statement; no check attached)</em></p>');
  parts.push('</section>');
  return parts.join('\n');
}

export function html(d: Derivation): string {
  const r = d.report;
  const body = [
    `<h1>hugoniot derivation: ${escapeHtml(d.name)}</h1>`,
    `<p class="banner ${r.passed ? 'ok' : 'fail'}">${r.passed ? '' : 'FAILED: '}${escapeHtml(countsLine(r.checks))}.</p>`,
    '<table class="summary">',
    ...summaryRows(r).map((row) => `<tr><th>${prose(row.label)}</th><td${row.failed ? ' class="fail"' : ''}>${prose(row.value)}</td></tr>`),
    '</table>',
    ...(r.failedChecks.length
      ? ['<h2 class="fail">Failed checks</h2>', `<ul class="failed-checks">${r.failedChecks.map((f) => `<li class="check failed"><a href="#${escapeHtml(f.step)}">${escapeHtml(f.step)}</a> [<code>${escapeHtml(f.method)}</code>]: ${escapeHtml(f.detail)}</li>`).join('')}</ul>`]
      : []),
    ...stageSections(d).flatMap((sec) => [`<h2>${escapeHtml(sec.title)}</h2>`, ...sec.steps.map(stepHtml)]),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hugoniot: ${escapeHtml(d.name)}</title>
<style>${katexCss()}
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}
.ok{color:#1a7f37}.fail{color:#b00;font-weight:bold}.skip{color:#777;font-style:italic}.rule{color:#555;font-size:.9em}
.step{border-top:1px solid #eee;padding-top:.5rem}.step.failed{border-left:4px solid #b00;padding-left:.75rem;background:#fff5f5}
li.check.failed{color:#b00;font-weight:bold}.katex-display{overflow-x:auto;overflow-y:hidden}
</style></head><body>
${body.join('\n')}
</body></html>
`;
}
