// A Derivation is data: a list of steps, each with the rule that produced it,
// the formulas before and after, its side conditions and its checks. Printers
// render it; nothing is derived in a printer (docs/theory.md §2).
import type { Expr } from '../ir/expr.js';

/**
 * passed / failed: the check ran and its verdict. skipped: a check exists for
 * this statement but was not run (the reason is in `detail`). unchecked: the
 * statement carries no check that computes anything (docs/theory.md §3).
 */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'unchecked';
/**
 * What a check is evidence about: `spec` (default) a claim about this spec;
 * `lemma` an identity that holds for every loss (jet identities of the
 * coarse-graining chain, the quadrature's HJ residual), true whatever the spec
 * says and counted apart (docs/theory.md §3).
 */
export type CheckScope = 'spec' | 'lemma';
export type CheckMethod = 'normal-form' | 'nerdamer' | 'algebrite' | 'numeric' | 'second-cas';

export interface Check {
  readonly method: CheckMethod;
  readonly status: CheckStatus;
  /** What was checked and what came out (human readable, deterministic). */
  readonly detail: string;
  /** For numeric checks: the largest residual seen and the tolerance. */
  readonly residual?: number;
  readonly tolerance?: number;
  /** Absent = 'spec'. */
  readonly scope?: CheckScope;
}

export type Formula =
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'eq'; readonly lhs: Expr; readonly rhs: Expr }
  /** A statement the IR cannot express (integrals, sets), given as LaTeX by a rule file. */
  | { readonly kind: 'tex'; readonly tex: string };

export type Stage = 'loss' | 'symmetry' | 'quotient' | 'coarse-grain' | 'shock';

export interface Step {
  readonly id: string;
  readonly stage: Stage;
  /** Id of the rule in rules/ that licenses this step. */
  readonly rule: string;
  readonly title: string;
  /** Prose with inline LaTeX in $...$. */
  readonly statement: string;
  readonly before?: Formula;
  readonly after?: Formula;
  readonly conditions: readonly string[];
  readonly checks: readonly Check[];
}

export const stepPassed = (s: Step): boolean => s.checks.every((c) => c.status !== 'failed');
