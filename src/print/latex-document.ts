// Derivation -> standalone LaTeX document (pdflatex, article class).
import { match } from 'ts-pattern';
import type { Derivation } from '../derivation/derivation.js';
import type { Check, Stage, Step } from '../derivation/types.js';
import { formulaLatex } from './formula.js';
import { formatNumber as n } from './format-number.js';

const STAGES: readonly Stage[] = ['loss', 'symmetry', 'quotient', 'coarse-grain', 'shock'];
export const STAGE_TITLES: Record<Stage, string> = { loss: 'Loss', symmetry: 'Symmetries', quotient: 'Quotient', 'coarse-grain': 'Coarse-graining', shock: 'Shocks' };

/** Escape text outside $...$ math; math segments pass through. */
export function escapeProse(s: string): string {
  return s.split(/(\$[^$]*\$)/).map((part, i) => (i % 2 === 1 ? part : part
    .replace(/\\/g, '\\textbackslash{}').replace(/([#%&_{}])/g, '\\$1').replace(/\^/g, '\\^{}').replace(/~/g, '\\~{}')
    .replace(/</g, '\\textless{}').replace(/>/g, '\\textgreater{}'))).join('');
}

const status = (c: Check): string => match(c.status)
  .with('passed', () => '\\textcolor{green!50!black}{passed}')
  .with('failed', () => '\\textbf{\\textcolor{red}{FAILED}}')
  .with('skipped', () => '\\textcolor{gray}{skipped}')
  .exhaustive();

function stepTex(s: Step): string {
  const lines = [`\\subsection*{${escapeProse(s.title)}}`, `\\noindent\\textsf{rule: ${escapeProse(s.rule)}}\\par`, escapeProse(s.statement)];
  if (s.before) lines.push(`\\[ ${formulaLatex(s.before)} \\]`);
  if (s.after) lines.push(`${s.before ? '\\noindent becomes' : ''}\\[ ${formulaLatex(s.after)} \\]`);
  if (s.conditions.length) lines.push(`\\noindent Conditions: ${s.conditions.map(escapeProse).join('; ')}.\\par`);
  if (s.checks.length) {
    lines.push('\\begin{itemize}\\setlength\\itemsep{0pt}');
    for (const c of s.checks) lines.push(`\\item ${escapeProse(c.method)}: ${status(c)} --- {\\small ${escapeProse(c.detail)}}`);
    lines.push('\\end{itemize}');
  } else lines.push('\\noindent\\textit{(statement; no check attached)}\\par');
  return lines.join('\n');
}

export function latexDocument(d: Derivation): string {
  const r = d.report;
  const rows: [string, string][] = [
    ['architecture', r.architecture], ['parameters', n(r.parameterCount)], ['Lie algebra dimension', n(r.lieAlgebraDimension)],
    ['orbit dimension', n(r.orbitDimension)], ['quotient dimension', n(r.quotientDimension)], ['functional dimension', n(r.functionalDimension)],
    ['gradient field', r.gradientField], ['viscosity $\\nu$', n(r.viscosity)],
    ['shock forms', r.shock.forms ? 'yes' : 'no'], ['$t^*$', n(r.shock.time)], ['$x^*$', n(r.shock.location)], ['$\\rho$', n(r.shock.rho)],
    ['Reynolds number', n(r.shock.reynolds)], ['regime', r.shock.regime],
    ['checks', r.passed ? 'all passed' : `\\textbf{\\textcolor{red}{${r.failedChecks.length} FAILED}}`],
  ];
  return [
    '\\documentclass[11pt]{article}',
    '\\usepackage[margin=2.2cm]{geometry}',
    '\\usepackage{amsmath,amssymb}',
    '\\usepackage[dvipsnames]{xcolor}',
    '\\allowdisplaybreaks',
    `\\title{hugoniot derivation: ${escapeProse(d.name)}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
    '\\begin{center}\\begin{tabular}{ll}',
    ...rows.map(([k, v]) => `${escapeProse(k)} & ${v.startsWith('\\') ? v : escapeProse(v)} \\\\`),
    '\\end{tabular}\\end{center}',
    ...STAGES.flatMap((stage) => {
      const steps = d.steps.filter((s) => s.stage === stage);
      return steps.length ? [`\\section{${STAGE_TITLES[stage]}}`, ...steps.map(stepTex)] : [];
    }),
    '\\end{document}',
    '',
  ].join('\n');
}
