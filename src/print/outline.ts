// What every derivation document shows, in which order, independent of the
// target format: the summary rows of the CheckReport and the steps grouped by
// stage. Values are prose (numbers needing math are put in $...$), so each
// printer renders them with its own prose renderer.
import type { CheckReport, Derivation } from '../derivation/derivation.js';
import type { Stage, Step } from '../derivation/types.js';
import { formatNumber } from './format-number.js';
import { countsLine, notCheckedReasons } from '../derivation/accounting.js';

export const STAGE_ORDER: readonly Stage[] = ['loss', 'symmetry', 'quotient', 'coarse-grain', 'shock'];
export const STAGE_TITLES: Readonly<Record<Stage, string>> = { loss: 'Loss', symmetry: 'Symmetries', quotient: 'Quotient', 'coarse-grain': 'Coarse-graining', shock: 'Shocks' };

export interface StageSection { readonly stage: Stage; readonly title: string; readonly steps: readonly Step[] }

/** Steps grouped by stage in pipeline order (steps keep their order within a stage). */
export function stageSections(d: Derivation): StageSection[] {
  const unknown = d.steps.filter((s) => !STAGE_ORDER.includes(s.stage));
  if (unknown.length) throw new Error(`step ${unknown[0].id}: unknown stage ${String(unknown[0].stage)}`);
  return STAGE_ORDER.map((stage) => ({ stage, title: STAGE_TITLES[stage], steps: d.steps.filter((s) => s.stage === stage) })).filter((s) => s.steps.length > 0);
}

/**
 * A number as prose: 6 significant digits; exponent and minus sign in math
 * ($1.5 \times 10^{-7}$, $-0.25$) so that every format typesets them properly.
 */
export function numberProse(x: number | null): string {
  const s = formatNumber(x);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  if (m) return `$${m[1]} \\times 10^{${Number(m[2])}}$`;
  return s.startsWith('-') ? `$${s}$` : s;
}

export interface SummaryRow {
  /** Prose. */
  readonly label: string;
  /** Prose. */
  readonly value: string;
  /** Shown as a failure (bold red / highlighted). */
  readonly failed: boolean;
}

export function summaryRows(r: CheckReport): SummaryRow[] {
  const n = numberProse;
  const s = r.shock;
  const rows: [string, string, boolean?][] = [
    ['architecture', r.architecture],
    ['parameters', n(r.parameterCount)],
    ['Lie algebra dimension', n(r.lieAlgebraDimension)],
    ['orbit dimension', n(r.orbitDimension)],
    ['quotient dimension', n(r.quotientDimension)],
    ['functional dimension', r.functionalDimension === null ? 'not computed' : n(r.functionalDimension)],
    ['gradient-field assumption', r.gradientField],
    ['viscosity $\\nu$', n(r.viscosity)],
    ['shock forms', s.forms ? 'yes' : 'no'],
    ['shock time $t^* = 1/\\rho$', n(s.time)],
    ['shock location $x^*$', n(s.location)],
    ['$\\rho = \\max(-\\lambda_{\\min})$', n(s.rho)],
    ['Reynolds number $\\mathrm{Re}$', n(s.reynolds)],
    ['regime', s.regime],
    ['Rankine-Hugoniot speed $s$', n(s.speed)],
    ['Lax condition', s.lax === null ? formatNumber(null) : s.lax ? 'holds' : 'fails'],
    ['checks', `${r.passed ? '' : 'FAILED: '}${countsLine(r.checks)}`, !r.passed],
    ...(r.notChecked.length ? [['not checked', notCheckedReasons(r.notChecked).join('; ')] as [string, string]] : []),
  ];
  return rows.map(([label, value, failed]) => ({ label, value, failed: failed ?? false }));
}
