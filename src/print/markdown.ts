// Derivation -> GitHub Markdown with $...$ math.
import { match } from 'ts-pattern';
import type { Derivation } from '../derivation/derivation.js';
import type { Check, Stage } from '../derivation/types.js';
import { formulaLatex } from './formula.js';
import { formatNumber as n } from './format-number.js';
import { STAGE_TITLES } from './latex-document.js';

const STAGES: readonly Stage[] = ['loss', 'symmetry', 'quotient', 'coarse-grain', 'shock'];
const status = (c: Check): string => match(c.status).with('passed', () => 'passed').with('failed', () => '**FAILED**').with('skipped', () => '_skipped_').exhaustive();

export function markdown(d: Derivation): string {
  const r = d.report;
  const out = [
    `# hugoniot derivation: ${d.name}`, '',
    '| quantity | value |', '|---|---|',
    `| architecture | ${r.architecture} |`, `| parameters | ${r.parameterCount} |`, `| Lie algebra dimension | ${r.lieAlgebraDimension} |`,
    `| orbit dimension | ${r.orbitDimension} |`, `| quotient dimension | ${r.quotientDimension} |`, `| functional dimension | ${n(r.functionalDimension)} |`,
    `| gradient field | ${r.gradientField} |`, `| viscosity ν | ${n(r.viscosity)} |`,
    `| shock | ${r.shock.forms ? `forms: t* = ${n(r.shock.time)}, x* = ${n(r.shock.location)}, ρ = ${n(r.shock.rho)}, Re = ${n(r.shock.reynolds)} (${r.shock.regime})` : `none (ρ = ${n(r.shock.rho)})`} |`,
    `| checks | ${r.passed ? 'all passed' : `**${r.failedChecks.length} FAILED**`} |`, '',
  ];
  for (const stage of STAGES) {
    const steps = d.steps.filter((s) => s.stage === stage);
    if (!steps.length) continue;
    out.push(`## ${STAGE_TITLES[stage]}`, '');
    for (const s of steps) {
      out.push(`### ${s.title}`, '', `rule: \`${s.rule}\``, '', s.statement, '');
      if (s.before) out.push('$$', formulaLatex(s.before), '$$', '');
      if (s.after) out.push(s.before ? 'becomes' : '', '$$', formulaLatex(s.after), '$$', '');
      if (s.conditions.length) out.push(`Conditions: ${s.conditions.join('; ')}.`, '');
      for (const c of s.checks) out.push(`- ${c.method}: ${status(c)} — ${c.detail.replace(/\|/g, '\\|')}`);
      if (!s.checks.length) out.push('_(statement; no check attached)_');
      out.push('');
    }
  }
  return out.join('\n');
}
