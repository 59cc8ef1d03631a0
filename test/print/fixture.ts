// A small Derivation built by hand (real IR expressions via parseExpr): steps
// in four stages, one failed and one skipped check, prose with LaTeX special
// characters and Unicode, a 60-term sum that must be shown truncated.
import type { CheckReport, Derivation } from '../../src/derivation/derivation.js';
import type { Step } from '../../src/derivation/types.js';
import { allChecked, countChecks, notChecked, secondCasRuns } from '../../src/derivation/accounting.js';
import { parseExpr } from '../../src/ir/parse.js';

/** sum_{k=1..60} k w_k^2 : far longer than one display line. */
export const LONG_SUM = parseExpr(Array.from({ length: 60 }, (_, k) => `${k + 1}*w${k + 1}^2`).join(' + '));

const steps: Step[] = [
  {
    id: 'loss/definition', stage: 'loss', rule: 'loss-definition', title: 'Model and symbolic loss',
    statement: 'A double well $L = \\frac{1}{4}(w^2 - 1)^2$; 100% of the data_set & #1 ~ {raw} — ν ≤ 1, cost $5 — naïve café.',
    after: { kind: 'eq', lhs: parseExpr('L'), rhs: parseExpr('(w^2 - 1)^2/4') },
    conditions: ['$w \\in [-3, 3]$', 'seed_7 at 50%'],
    checks: [{ method: 'numeric', status: 'passed', detail: 'max |grad - fd| = 1.2e-10 at 3 points (seed 7)', residual: 1.2e-10, tolerance: 1e-8 }],
  },
  {
    id: 'symmetry/rescaling', stage: 'symmetry', rule: 'positive-rescaling', title: 'Rescaling of unit $W^{(1)}_{1,1}$',
    statement: 'The generator $\\xi$ annihilates the loss: $\\xi\\cdot\\nabla L = 0$.',
    before: { kind: 'expr', expr: parseExpr('W1_1_1 * 2*(W2_1_1*W1_1_1 - 1)*W2_1_1 - W2_1_1 * 2*(W2_1_1*W1_1_1 - 1)*W1_1_1') },
    after: { kind: 'expr', expr: parseExpr('0') },
    conditions: [],
    checks: [
      { method: 'normal-form', status: 'failed', detail: 'residual reduces to x_1 * 2 (expected 0) & 5% off', residual: 2, tolerance: 0 },
      { method: 'nerdamer', status: 'skipped', detail: 'nerdamer differentiates max(0, w*x) to 0: not run on relu' },
      { method: 'numeric', status: 'passed', detail: 'max relative residual 3.1e-16 at 3 seeded random points (seed 11)' },
    ],
  },
  {
    id: 'quotient/long-sum', stage: 'quotient', rule: 'quotient-metric', title: 'A long quadratic form',
    statement: 'Sixty terms, shown truncated.',
    before: { kind: 'expr', expr: LONG_SUM },
    after: { kind: 'eq', lhs: parseExpr('G'), rhs: parseExpr(`(${Array.from({ length: 40 }, (_, k) => `${k + 1}*w${k + 1}`).join(' + ')})^2/2 + sqrt(c^2 + 4*w^2)`) },
    conditions: [],
    checks: [{ method: 'numeric', status: 'passed', detail: 'ok' }],
  },
  {
    id: 'coarse-grain/cole-hopf', stage: 'coarse-grain', rule: 'cole-hopf', title: 'Cole-Hopf',
    statement: '$\\phi = e^{-u/(2\\nu)}$ solves the heat equation.',
    before: { kind: 'tex', tex: 'u_t + \\tfrac12 u_x^2 = \\nu u_{xx}' },
    after: { kind: 'eq', lhs: parseExpr('phi_t'), rhs: parseExpr('nu*phi_xx') },
    conditions: [],
    checks: [],
  },
];

const report: CheckReport = {
  name: 'fixture_well', architecture: 'expression', parameterCount: 1, lieAlgebraDimension: 0, orbitDimension: 0, quotientDimension: 1,
  functionalDimension: null, symmetries: [], conserved: [], invariants: [], gradientField: 'exact', viscosity: 0.05,
  shock: { forms: true, time: 1, location: -2.62907e-8, rho: 1, reynolds: 47.85251, regime: 'shock', speed: -0.328475, lax: true },
  passed: false,
  failedChecks: [{ step: 'symmetry/rescaling', method: 'normal-form', detail: 'residual reduces to x_1 * 2 (expected 0) & 5% off' }],
  checks: countChecks(steps).total, checksByStage: countChecks(steps).byStage, allChecked: allChecked(countChecks(steps).total), notChecked: notChecked(steps), secondCas: secondCasRuns(steps),
};

export const FIXTURE: Derivation = { name: 'fixture_well', steps, report };
