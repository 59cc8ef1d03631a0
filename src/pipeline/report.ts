// The `check --json` summary (docs/theory.md §4), assembled from the stage results.
import type { Model } from '../architecture/model.js';
import type { Viscosity } from '../coarse-grain/viscosity.js';
import type { CheckReport, ShockReport, SymmetryReport } from '../derivation/derivation.js';
import type { Check, Step } from '../derivation/types.js';
import { allChecked, countChecks, notChecked, secondCasRuns } from '../derivation/accounting.js';
import { latex } from '../print/latex-expr.js';
import { text } from '../print/text.js';
import type { QuotientResult } from '../quotient/types.js';
import type { Spec } from '../spec/types.js';
import type { SymmetryResult } from '../symmetry/types.js';

const SYMBOLIC = new Set(['normal-form', 'nerdamer', 'algebrite', 'second-cas']);
/** Symbolic: the normal form proved it and no second CAS contradicted it. */
const symbolicOk = (cs: readonly Check[]): boolean =>
  cs.some((c) => c.method === 'normal-form' && c.status === 'passed') && cs.every((c) => !SYMBOLIC.has(c.method) || c.status !== 'failed');
const numericOk = (cs: readonly Check[]): boolean => cs.some((c) => c.method === 'numeric' && c.status === 'passed') && cs.every((c) => c.method !== 'numeric' || c.status !== 'failed');

export function symmetryReports(sym: SymmetryResult): SymmetryReport[] {
  // One entry per rule: a rule instantiated on several units is one symmetry of the given dimension.
  const byRule = new Map<string, { kind: 'continuous' | 'discrete'; dimension: number; checks: Check[] }>();
  for (const f of sym.families) {
    const entry = byRule.get(f.rule) ?? { kind: f.kind, dimension: 0, checks: [] };
    entry.dimension += f.dimension;
    entry.checks.push(...f.checks, ...f.generators.flatMap((g) => g.checks));
    byRule.set(f.rule, entry);
  }
  return [...byRule].map(([id, e]) => ({ id, kind: e.kind, dimension: e.dimension, verified: { symbolic: symbolicOk(e.checks), numeric: numericOk(e.checks) } }));
}

export function buildReport(spec: Spec, model: Model, sym: SymmetryResult, q: QuotientResult, viscosity: Viscosity, shock: ShockReport, steps: readonly Step[]): CheckReport {
  const failedChecks = steps.flatMap((s) => s.checks.filter((c) => c.status === 'failed').map((c) => ({ step: s.id, method: c.method, detail: c.detail })));
  const counts = countChecks(steps);
  return {
    name: spec.name,
    architecture: spec.architecture.kind,
    parameterCount: model.parameters.length,
    lieAlgebraDimension: sym.lieAlgebraDimension,
    orbitDimension: sym.orbitDimension,
    quotientDimension: q.quotientDimension,
    functionalDimension: q.functionalDimension,
    symmetries: symmetryReports(sym),
    conserved: sym.conserved.map((c) => ({ id: c.id, latex: latex(c.expr), text: text(c.expr), verified: symbolicOk(c.checks) && numericOk(c.checks) })),
    invariants: sym.invariants.map((i) => ({ id: i.id, latex: latex(i.expr), text: text(i.expr) })),
    gradientField: q.gradientField,
    viscosity: viscosity.nu,
    shock,
    passed: failedChecks.length === 0,
    failedChecks,
    checks: counts.total,
    checksByStage: counts.byStage,
    allChecked: allChecked(counts.total),
    secondCas: secondCasRuns(steps),
    notChecked: notChecked(steps),
  };
}
