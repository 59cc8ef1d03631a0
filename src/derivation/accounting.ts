// Honest accounting of a derivation's checks (docs/theory.md §3). Every check
// lands in exactly one bucket:
//   failed     the check ran and refuted the statement (any scope);
//   lemma      a spec-independent identity that passed (true for every loss);
//   passed     a check of this spec's claims that passed;
//   skipped    a check that exists but was not run (reason in its detail);
//   unchecked  a check that computes nothing, or a step that carries no check
//              at all (counted once per step).
// "All checks passed" means: nothing failed, skipped or unchecked.
import type { Check, Stage, Step } from './types.js';

export interface CheckCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly unchecked: number;
  readonly lemma: number;
}
export type CheckBucket = keyof CheckCounts;

/** A check (or a step without checks) that was not run: the step, the method and why. */
export interface NotChecked { readonly step: string; readonly stage: Stage; readonly status: 'skipped' | 'unchecked'; readonly method: string; readonly detail: string }

export const STAGES: readonly Stage[] = ['loss', 'symmetry', 'quotient', 'coarse-grain', 'shock'];
export const NO_CHECK_DETAIL = 'the step carries no check';

export function bucketOf(c: Check): CheckBucket {
  switch (c.status) {
    case 'failed': return 'failed';
    case 'skipped': return 'skipped';
    case 'unchecked': return 'unchecked';
    case 'passed': return c.scope === 'lemma' ? 'lemma' : 'passed';
  }
}

const zero = (): { -readonly [K in CheckBucket]: number } => ({ passed: 0, failed: 0, skipped: 0, unchecked: 0, lemma: 0 });

/** The buckets of one step (a step with no checks is one `unchecked`). */
export function stepCounts(s: Step): CheckCounts {
  const n = zero();
  if (s.checks.length === 0) n.unchecked++;
  for (const c of s.checks) n[bucketOf(c)]++;
  return n;
}

export const addCounts = (a: CheckCounts, b: CheckCounts): CheckCounts =>
  ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped, unchecked: a.unchecked + b.unchecked, lemma: a.lemma + b.lemma });

export function countChecks(steps: readonly Step[]): { total: CheckCounts; byStage: Record<Stage, CheckCounts> } {
  const byStage = Object.fromEntries(STAGES.map((st) => [st, zero()])) as Record<Stage, CheckCounts>;
  let total: CheckCounts = zero();
  for (const s of steps) {
    const n = stepCounts(s);
    byStage[s.stage] = addCounts(byStage[s.stage], n);
    total = addCounts(total, n);
  }
  return { total, byStage };
}

export function notChecked(steps: readonly Step[]): NotChecked[] {
  return steps.flatMap((s): NotChecked[] => s.checks.length === 0
    ? [{ step: s.id, stage: s.stage, status: 'unchecked', method: 'none', detail: NO_CHECK_DETAIL }]
    : s.checks.filter((c) => c.status === 'skipped' || c.status === 'unchecked').map((c) => ({ step: s.id, stage: s.stage, status: c.status as 'skipped' | 'unchecked', method: c.method, detail: c.detail })));
}

/** Nothing failed, skipped or unchecked. */
export const allChecked = (n: CheckCounts): boolean => n.failed === 0 && n.skipped === 0 && n.unchecked === 0;

/**
 * The one-line verdict: "all 41 checks passed (+ 3 lemmas)" only when nothing
 * failed, was skipped or went unchecked; otherwise the counts, e.g.
 * "41 passed, 0 failed, 6 skipped, 1 unchecked, 3 lemmas".
 */
export function countsLine(n: CheckCounts): string {
  const lemmas = `${n.lemma} lemma${n.lemma === 1 ? '' : 's'}`;
  if (allChecked(n)) return `all ${n.passed} checks passed (+ ${lemmas})`;
  return `${n.passed} passed, ${n.failed} failed, ${n.skipped} skipped, ${n.unchecked} unchecked, ${lemmas}`;
}

/** Skipped/unchecked grouped by stage and method, e.g. "second-cas in symmetry: 17". */
export function notCheckedReasons(items: readonly NotChecked[]): string[] {
  const groups = new Map<string, number>();
  for (const i of items) {
    const key = `${i.status} ${i.method === 'none' ? 'step without a check' : i.method} in ${i.stage}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([k, n]) => `${n} ${k}`);
}

const SECOND_CAS = new Set(['nerdamer', 'algebrite', 'second-cas']);
/** How many checks a second CAS actually ran (passed or failed), of this spec's claims and of lemmas. */
export function secondCasRuns(steps: readonly Step[]): { readonly spec: number; readonly lemma: number } {
  let spec = 0, lemma = 0;
  for (const s of steps) for (const c of s.checks) {
    if (!SECOND_CAS.has(c.method) || (c.status !== 'passed' && c.status !== 'failed')) continue;
    if (c.scope === 'lemma') lemma++; else spec++;
  }
  return { spec, lemma };
}
