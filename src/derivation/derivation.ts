// The whole output of `derive`/`check`: the steps and the summary report whose
// JSON field names are a contract (docs/theory.md §4: more may be added, none renamed).
import type { CheckCounts, NotChecked } from './accounting.js';
import type { Stage, Step } from './types.js';

export interface SymmetryReport {
  readonly id: string;
  readonly kind: 'continuous' | 'discrete';
  readonly dimension: number;
  readonly verified: { readonly symbolic: boolean; readonly numeric: boolean };
}
export interface ConservedReport { readonly id: string; readonly latex: string; readonly text: string; readonly verified: boolean }
export type GradientFieldVerdict = 'exact' | 'on-level-set' | 'fails';
export interface ShockReport {
  readonly forms: boolean;
  /** t* = 1/rho (null when no shock forms). */
  readonly time: number | null;
  /** x* (quotient coordinate; null when no shock or not 1-D). */
  readonly location: number | null;
  readonly rho: number;
  readonly reynolds: number | null;
  readonly regime: 'shock' | 'diffusive' | 'none';
  /** The time at which the regime was decided (a front of the viscous solution, the criterion `solve` reports with). */
  readonly regimeTime?: number;
  readonly speed: number | null;
  readonly lax: boolean | null;
  /**
   * A concave kink of Lbar (dLbar/ds jumps down by `jump` at `location`): the shock forms at
   * t = 0+ (`time` 0) there, while the smooth parts break at 1/rho when rho > 0 (theory §1).
   */
  readonly kink?: { readonly location: number; readonly jump: number };
}

export interface CheckReport {
  readonly name: string;
  readonly architecture: string;
  readonly parameterCount: number;
  readonly lieAlgebraDimension: number;
  readonly orbitDimension: number;
  readonly quotientDimension: number;
  readonly functionalDimension: number | null;
  readonly symmetries: readonly SymmetryReport[];
  readonly conserved: readonly ConservedReport[];
  readonly invariants: readonly { readonly id: string; readonly latex: string; readonly text: string }[];
  readonly gradientField: GradientFieldVerdict;
  readonly viscosity: number;
  readonly shock: ShockReport;
  /** Every check of every step passed. */
  readonly passed: boolean;
  readonly failedChecks: readonly { readonly step: string; readonly method: string; readonly detail: string }[];
  /** Every check in one bucket (docs/theory.md §3): spec checks passed, failed, skipped, unchecked, and passed lemmas. */
  readonly checks: CheckCounts;
  /** The same counts per pipeline stage. */
  readonly checksByStage: Readonly<Record<Stage, CheckCounts>>;
  /** Nothing failed, was skipped or went unchecked (the only case the summary says "all checks passed"). */
  readonly allChecked: boolean;
  /** Checks a second CAS ran (passed or failed): of this spec's claims, and of lemmas. */
  readonly secondCas: { readonly spec: number; readonly lemma: number };
  /** Every skipped check and every step without a check, with the reason. */
  readonly notChecked: readonly NotChecked[];
}

export interface Derivation {
  readonly name: string;
  readonly steps: readonly Step[];
  readonly report: CheckReport;
}
