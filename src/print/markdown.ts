// Derivation -> GitHub Markdown: inline $...$ and display $$...$$ math (GitHub
// renders both with MathJax; every fragment is also valid KaTeX). Text outside
// math is escaped so that _ * [ | < in prose or details stay literal.
import { match } from 'ts-pattern';
import type { Derivation } from '../derivation/derivation.js';
import { stepPassed, type Check, type Step } from '../derivation/types.js';
import { formulaLatex } from './formula.js';
import { stageSections, summaryRows } from './outline.js';
import { renderProse } from './prose.js';

/** Plain text -> Markdown text: every character Markdown could read as syntax is backslash-escaped. */
export const escapeMarkdown = (s: string): string => s.replace(/[\\`*_[\]<>|$#]/g, '\\$&').replace(/^([+-])(?=\s)/, '\\$1');
const prose = (s: string): string => renderProse(s, escapeMarkdown, (m) => `$${m}$`);

const status = (c: Check): string => match(c.status)
  .with('passed', () => 'passed')
  .with('failed', () => '**FAILED**')
  .with('skipped', () => '_skipped_')
  .with('unchecked', () => '_unchecked_')
  .exhaustive() + (c.scope === 'lemma' ? ' (lemma: holds for every loss)' : '');

const display = (tex: string): string[] => ['$$', tex, '$$', ''];

function stepMarkdown(s: Step): string[] {
  const out = [`### ${prose(s.title)}${stepPassed(s) ? '' : ' — **FAILED**'}`, '', `rule: \`${s.rule}\``, '', prose(s.statement), ''];
  if (s.before) out.push(...display(formulaLatex(s.before)));
  if (s.after) out.push(...(s.before ? ['becomes', ''] : []), ...display(formulaLatex(s.after)));
  if (s.conditions.length) out.push(`Conditions: ${s.conditions.map(prose).join('; ')}.`, '');
  if (s.checks.length) out.push(...s.checks.map((c) => `- \`${c.method}\`: ${status(c)} — ${escapeMarkdown(c.detail)}`), '');
  else out.push('_(statement; no check attached)_', '');
  return out;
}

export function markdown(d: Derivation): string {
  const r = d.report;
  const out = [
    `# hugoniot derivation: ${escapeMarkdown(d.name)}`, '',
    '| quantity | value |', '|---|---|',
    ...summaryRows(r).map((row) => `| ${prose(row.label)} | ${row.failed ? `**${prose(row.value)}**` : prose(row.value)} |`), '',
  ];
  if (r.failedChecks.length) {
    out.push('**Failed checks:**', '', ...r.failedChecks.map((f) => `- **FAILED** ${escapeMarkdown(f.step)} [\`${f.method}\`]: ${escapeMarkdown(f.detail)}`), '');
  }
  for (const sec of stageSections(d)) out.push(`## ${sec.title}`, '', ...sec.steps.flatMap(stepMarkdown));
  return out.join('\n').replace(/\n+$/, '\n');
}
