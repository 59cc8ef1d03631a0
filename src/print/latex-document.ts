// Derivation -> standalone LaTeX document for pdflatex: article class with
// amsmath, amssymb and xcolor only (all in texlive-latex-base/-recommended).
// Renders the Derivation as given; derives nothing.
import { match } from 'ts-pattern';
import type { Derivation } from '../derivation/derivation.js';
import { stepPassed, type Check, type Step } from '../derivation/types.js';
import { formulaLatex } from './formula.js';
import { stageSections, summaryRows } from './outline.js';
import { escapeProse, escapeTexText } from './tex-text.js';

export { escapeProse, escapeTexText };

const FAILED = '\\textbf{\\textcolor{red}{FAILED}}';

const status = (c: Check): string => match(c.status)
  .with('passed', () => '\\textcolor{green!50!black}{passed}')
  .with('failed', () => FAILED)
  .with('skipped', () => '\\textcolor{gray}{\\textit{skipped}}')
  .with('unchecked', () => '\\textcolor{gray}{\\textit{unchecked}}')
  .exhaustive() + (c.scope === 'lemma' ? ' \\textit{(lemma: holds for every loss)}' : '');

const display = (tex: string): string => `\\[ ${tex} \\]`;

function stepTex(s: Step): string {
  const lines = [
    `\\subsubsection*{${escapeProse(s.title)}${stepPassed(s) ? '' : ` \\quad ${FAILED}`}}`,
    `\\noindent\\textsf{rule: ${escapeTexText(s.rule)}}\\par`,
    `\\noindent ${escapeProse(s.statement)}\\par`,
  ];
  if (s.before) lines.push(display(formulaLatex(s.before)));
  if (s.after) lines.push(...(s.before ? ['\\noindent becomes'] : []), display(formulaLatex(s.after)));
  if (s.conditions.length) lines.push(`\\noindent Conditions: ${s.conditions.map(escapeProse).join('; ')}.\\par`);
  if (s.checks.length) {
    lines.push('\\begin{itemize}\\setlength\\itemsep{0pt}');
    for (const c of s.checks) lines.push(`\\item \\texttt{${escapeTexText(c.method)}}: ${status(c)} --- {\\small ${escapeTexText(c.detail)}}`);
    lines.push('\\end{itemize}');
  } else lines.push('\\noindent\\textit{(statement; no check attached)}\\par');
  return lines.join('\n');
}

export function latexDocument(d: Derivation): string {
  const r = d.report;
  return [
    '\\documentclass[11pt]{article}',
    '\\usepackage[margin=2.2cm]{geometry}',
    '\\usepackage{amsmath,amssymb}',
    '\\usepackage{xcolor}',
    '\\allowdisplaybreaks',
    // Long inline formulas in prose may stretch a line rather than overflow it.
    '\\emergencystretch=3em',
    `\\title{hugoniot derivation: ${escapeTexText(d.name)}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
    '\\section*{Summary}',
    '\\begin{center}\\begin{tabular}{ll}',
    ...summaryRows(r).map((row) => `${escapeProse(row.label)} & ${row.failed ? `\\textbf{\\textcolor{red}{${escapeProse(row.value)}}}` : escapeProse(row.value)} \\\\`),
    '\\end{tabular}\\end{center}',
    ...(r.failedChecks.length
      ? ['\\noindent\\textbf{\\textcolor{red}{Failed checks:}}', '\\begin{itemize}',
        ...r.failedChecks.map((f) => `\\item \\textcolor{red}{${escapeTexText(f.step)} [${escapeTexText(f.method)}]}: ${escapeTexText(f.detail)}`), '\\end{itemize}']
      : []),
    '\\section{Derivation}',
    ...stageSections(d).flatMap((sec) => [`\\subsection{${escapeTexText(sec.title)}}`, ...sec.steps.map(stepTex)]),
    '\\end{document}',
    '',
  ].join('\n');
}
