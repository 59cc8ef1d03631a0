// Human-readable summary of a CheckReport (the `check` command without --json).
import { breakingTimeText } from './breaking-time-text.js';
import type { CheckReport } from '../derivation/derivation.js';
import { countsLine, notCheckedReasons, STAGES } from '../derivation/accounting.js';

const fmt = (x: number | null): string => (x === null ? '-' : Number.isInteger(x) ? String(x) : Number(x.toPrecision(6)).toString());
const mark = (ok: boolean): string => (ok ? 'ok' : 'FAILED');

export function summary(r: CheckReport): string {
  const lines = [
    `${r.name} (${r.architecture}): ${r.passed ? '' : 'FAILED: '}${countsLine(r.checks)}`,
    ...(r.notChecked.length ? [`  not checked: ${notCheckedReasons(r.notChecked).join('; ')}`] : []),
    `  second CAS ran on ${r.secondCas.spec} check(s) of this spec and ${r.secondCas.lemma} lemma(s)`,
    `  checks by stage: ${STAGES.map((st) => { const c = r.checksByStage[st]; return `${st} ${c.passed}/${c.failed}/${c.skipped}/${c.unchecked}/${c.lemma}`; }).join(', ')} (passed/failed/skipped/unchecked/lemma)`,
    `  parameters            ${r.parameterCount}`,
    `  Lie algebra dimension ${r.lieAlgebraDimension}`,
    `  orbit dimension       ${r.orbitDimension}`,
    `  quotient dimension    ${r.quotientDimension}`,
    `  functional dimension  ${fmt(r.functionalDimension)}`,
    `  gradient field        ${r.gradientField}`,
    `  viscosity nu          ${fmt(r.viscosity)}`,
    '  symmetries:',
    ...(r.symmetries.length ? r.symmetries.map((s) => `    ${s.id} (${s.kind}, dim ${s.dimension}): symbolic ${mark(s.verified.symbolic)}, numeric ${mark(s.verified.numeric)}`) : ['    none found']),
    '  conserved quantities:',
    ...(r.conserved.length ? r.conserved.map((c) => `    ${c.id} = ${c.text}: ${mark(c.verified)}`) : ['    none']),
    '  invariants:',
    ...(r.invariants.length ? r.invariants.slice(0, 12).map((i) => `    ${i.id} = ${i.text}`).concat(r.invariants.length > 12 ? [`    ... (${r.invariants.length} in all)`] : []) : ['    none']),
    `  shock: ${r.shock.forms ? `forms at t* = ${breakingTimeText(r.shock, fmt)}, x* = ${fmt(r.shock.location)}, rho = ${fmt(r.shock.rho)}, Re = ${fmt(r.shock.reynolds)} (${r.shock.regime}), speed ${fmt(r.shock.speed)}, Lax ${r.shock.lax === null ? '-' : r.shock.lax ? 'holds' : 'fails'}` : `none (rho = ${fmt(r.shock.rho)})`}`,
    ...r.failedChecks.map((f) => `  FAILED ${f.step} [${f.method}]: ${f.detail}`),
    ...r.notChecked.slice(0, 8).map((f) => `  ${f.status} ${f.step} [${f.method}]: ${f.detail}`),
    ...(r.notChecked.length > 8 ? [`  ... ${r.notChecked.length - 8} more not run (check --json lists them under notChecked)`] : []),
  ];
  return lines.join('\n') + '\n';
}
