// The symmetry stage for a bare loss expression: linear algebra by null-space
// search, orbit dimension, polynomial invariants, conserved quantities; every
// fact a step with its checks.
import type { Model } from '../architecture/model.js';
import { add, mul, num } from '../ir/build.js';
import { gradient } from '../ir/diff.js';
import { NormalForm } from '../ir/normal-form.js';
import { checkIdentity, normalFormCheck, numericCheck } from '../derivation/checks.js';
import type { Check, Step } from '../derivation/types.js';
import { latex } from '../print/latex-expr.js';
import { latexSymbol } from '../print/symbol-names.js';
import type { StageContext } from '../pipeline/context.js';
import { symmetricElements, quadraticForm } from './conserved.js';
import { genericRank } from './generic-rank.js';
import { polynomialInvariants } from './invariants.js';
import { infinitesimalGenerator, lieDerivative, linearSymmetryAlgebra, sampledNullity } from './linear-search.js';
import type { ConservedQuantity, Generator, Invariant, SymmetryFamily, SymmetryResult } from './types.js';

const zero = num(0);

export function fieldTex(field: readonly import('../ir/expr.js').Expr[], params: readonly string[]): string {
  const parts = field.map((c, i) => (c.kind === 'num' && c.value.equals(0) ? '' : `\\left(${latex(c)}\\right)\\partial_{${latexSymbol(params[i])}}`)).filter(Boolean);
  return parts.length ? parts.join(' + ') : '0';
}

/** xi_k . grad w = 0 for every generator; the second CAS runs only where `withCas` (it costs ~10 ms a call). */
export function invariantChecks(fields: readonly (readonly import('../ir/expr.js').Expr[])[], w: import('../ir/expr.js').Expr, params: readonly string[], ctx: StageContext, nf: NormalForm, withCas = true): Check[] {
  return fields.flatMap((f, k) => {
    const r = lieDerivative(f, w, params);
    const checks = withCas ? checkIdentity(r, zero, { seed: ctx.seed + k, normalForm: nf }) : [normalFormCheck(r, zero, nf), numericCheck(r, zero, { seed: ctx.seed + k, points: 3 })];
    return checks.map((c) => ({ ...c, detail: `xi_${k + 1} . grad w: ${c.detail}` }));
  });
}

/** The exact null space's dimension against the sampled system's numerical nullity (linear-search.ts sampledNullity). */
function nullityCheck(sampled: number, exact: number): Check {
  return {
    method: 'numeric', status: sampled === exact ? 'passed' : 'failed', residual: Math.abs(sampled - exact), tolerance: 0,
    detail: `the system (theta_j d_i L)(theta_k) = 0 sampled at n^2 + 4 seeded points has numerical nullity ${sampled}; the exact search found ${exact}`,
  };
}

export function expressionSymmetries(model: Model, ctx: StageContext): SymmetryResult {
  const P = model.parameters;
  const nf = new NormalForm();
  const algebra = linearSymmetryAlgebra(model.loss, P, nf);
  const generators: Generator[] = algebra.matrices.map((A, k) => {
    const field = infinitesimalGenerator(A, P);
    return { id: `xi_${k + 1}`, field, checks: checkIdentity(lieDerivative(field, model.loss, P), zero, { seed: ctx.seed + k, normalForm: nf }) };
  });
  const fields = generators.map((g) => g.field);
  const orbitDimension = genericRank(fields, P, ctx.seed);
  const families: SymmetryFamily[] = generators.length
    ? [{ id: 'linear', rule: 'linear-symmetry-search', kind: 'continuous', dimension: generators.length, generators, actionTex: generators.map((g) => fieldTex(g.field, P)).join(',\\; '), checks: [] }]
    : [];

  const invariants: Invariant[] = polynomialInvariants(fields, P, P.length - orbitDimension, ctx.seed, nf)
    .map((w, k) => ({ id: `w_${k + 1}`, expr: w, checks: fields.length ? invariantChecks(fields, w, P, ctx, nf) : [] }));

  const conserved: ConservedQuantity[] = symmetricElements(algebra.matrices).map((S, k) => {
    const Q = quadraticForm(S, P);
    const dot = add(...gradient(Q, P).map((g, i) => mul(g, gradient(model.loss, P)[i])));
    return { id: `c_${k + 1}`, rule: 'noether-gradient-flow', expr: Q, checks: checkIdentity(dot, zero, { seed: ctx.seed + 100 + k, normalForm: nf }) };
  });

  const steps: Step[] = [];
  steps.push({
    id: 'symmetry/linear-search', stage: 'symmetry', rule: 'linear-symmetry-search',
    title: 'Linear symmetries by null-space search',
    statement: `Writing $\\xi = A\\theta$ and matching the coefficients of every monomial of $\\xi\\cdot\\nabla L$ gives a linear system for the ${P.length * P.length} entries of $A$; its exact null space has dimension ${generators.length}` +
      (generators.length ? `, spanned by ${generators.map((g) => `$${fieldTex(g.field, P)}$`).join(', ')}.` : ': the loss has no linear symmetry.'),
    conditions: [`generic rank of the generators (orbit dimension): ${orbitDimension}`],
    checks: [nullityCheck(sampledNullity(model.loss, P, ctx.seed + 500), generators.length)],
  });
  generators.forEach((g) => steps.push({
    id: `symmetry/${g.id}`, stage: 'symmetry', rule: 'linear-symmetry-search',
    title: `Generator $${g.id.replace('_', '_{')}}$ leaves the loss invariant`,
    statement: `$\\xi = ${fieldTex(g.field, P)}$ satisfies $\\xi\\cdot\\nabla L = 0$ identically.`,
    before: { kind: 'expr', expr: lieDerivative(g.field, model.loss, P) },
    after: { kind: 'expr', expr: zero },
    conditions: [], checks: g.checks,
  }));
  invariants.forEach((w) => steps.push({
    id: `symmetry/invariant-${w.id}`, stage: 'symmetry', rule: 'polynomial-invariant',
    title: `Invariant $${w.id.replace('_', '_{')}}$`,
    statement: fields.length ? `$${latex(w.expr)}$ is annihilated by every generator: a quotient coordinate.` : `No continuous symmetry: the parameter $${latex(w.expr)}$ is itself a quotient coordinate.`,
    after: { kind: 'expr', expr: w.expr },
    conditions: [], checks: w.checks,
  }));
  conserved.forEach((c) => steps.push({
    id: `symmetry/conserved-${c.id}`, stage: 'symmetry', rule: 'noether-gradient-flow',
    title: `Conserved quantity $${c.id.replace('_', '_{')}}$ of gradient flow`,
    statement: `$Q = ${latex(c.expr)} = \\theta^T S \\theta$ with $S$ symmetric in the algebra: $\\dot Q = -2 (S\\theta)\\cdot\\nabla L = 0$.`,
    before: { kind: 'expr', expr: add(...gradient(c.expr, P).map((g, i) => mul(g, gradient(model.loss, P)[i]))) },
    after: { kind: 'expr', expr: zero },
    conditions: [], checks: c.checks,
  }));
  return { families, lieAlgebraDimension: generators.length, orbitDimension, invariants, conserved, steps };
}
