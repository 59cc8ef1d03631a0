// Derivation -> self-contained HTML: KaTeX renders server-side (throwOnError:
// a KaTeX error surfaces instead of being hidden), CSS and woff2 fonts inlined.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import { match } from 'ts-pattern';
import type { Derivation } from '../derivation/derivation.js';
import type { Check, Stage } from '../derivation/types.js';
import { formulaLatex } from './formula.js';
import { formatNumber as n } from './format-number.js';
import { STAGE_TITLES } from './latex-document.js';

const STAGES: readonly Stage[] = ['loss', 'symmetry', 'quotient', 'coarse-grain', 'shock'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const math = (tex: string, displayMode = false): string => katex.renderToString(tex, { displayMode, throwOnError: true, strict: 'ignore', output: 'html' });
/** Prose with $...$ segments rendered as inline math. */
const prose = (s: string): string => s.split(/(\$[^$]*\$)/).map((p, i) => (i % 2 ? math(p.slice(1, -1)) : esc(p))).join('');
const status = (c: Check): string => match(c.status).with('passed', () => '<span class="ok">passed</span>').with('failed', () => '<span class="fail">FAILED</span>').with('skipped', () => '<span class="skip">skipped</span>').exhaustive();

function katexCss(): string {
  const dist = join(dirname(createRequire(import.meta.url).resolve('katex')), '');
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  // Inline the woff2 fonts; drop the woff/ttf fallbacks (every current browser reads woff2).
  return css.replace(/src:url\(fonts\/([^)]+\.woff2)\) format\("woff2"\)(,url\([^)]+\) format\("[^"]+"\))*/g, (_m, file: string) =>
    `src:url(data:font/woff2;base64,${readFileSync(join(dist, 'fonts', file)).toString('base64')}) format("woff2")`);
}

export function html(d: Derivation): string {
  const r = d.report;
  const body: string[] = [
    `<h1>hugoniot derivation: ${esc(d.name)}</h1>`,
    `<p class="${r.passed ? 'ok' : 'fail'}">${r.passed ? 'All checks passed.' : `${r.failedChecks.length} check(s) FAILED.`}</p>`,
    '<table>',
    ...([['architecture', r.architecture], ['parameters', n(r.parameterCount)], ['Lie algebra dimension', n(r.lieAlgebraDimension)], ['orbit dimension', n(r.orbitDimension)],
      ['quotient dimension', n(r.quotientDimension)], ['functional dimension', n(r.functionalDimension)], ['gradient field', r.gradientField], ['viscosity ν', n(r.viscosity)],
      ['shock', r.shock.forms ? `forms: t* = ${n(r.shock.time)}, x* = ${n(r.shock.location)}, ρ = ${n(r.shock.rho)}, Re = ${n(r.shock.reynolds)} (${r.shock.regime})` : `none (ρ = ${n(r.shock.rho)})`]] as const)
      .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`),
    '</table>',
  ];
  for (const stage of STAGES) {
    const steps = d.steps.filter((s) => s.stage === stage);
    if (!steps.length) continue;
    body.push(`<h2>${STAGE_TITLES[stage]}</h2>`);
    for (const s of steps) {
      body.push(`<section class="step"><h3>${prose(s.title)}</h3><p class="rule">rule: <code>${esc(s.rule)}</code></p><p>${prose(s.statement)}</p>`);
      if (s.before) body.push(math(formulaLatex(s.before), true));
      if (s.after) body.push((s.before ? '<p>becomes</p>' : '') + math(formulaLatex(s.after), true));
      if (s.conditions.length) body.push(`<p>Conditions: ${s.conditions.map(prose).join('; ')}.</p>`);
      body.push(s.checks.length ? `<ul>${s.checks.map((c) => `<li>${esc(c.method)}: ${status(c)} — ${esc(c.detail)}</li>`).join('')}</ul>` : '<p><em>(statement; no check attached)</em></p>', '</section>');
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hugoniot: ${esc(d.name)}</title>
<style>${katexCss()}
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}
.ok{color:#1a7f37}.fail{color:#b00;font-weight:bold}.skip{color:#777}.rule{color:#555;font-size:.9em}
.step{border-top:1px solid #eee;padding-top:.5rem}.katex-display{overflow-x:auto;overflow-y:hidden}
</style></head><body>
${body.join('\n')}
</body></html>
`;
}
