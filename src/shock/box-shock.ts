// Shock check for a bare expression loss with a quotient of dimension >= 2:
// rho = max over the spec's parameter box of -lambda_min of the quotient
// Hessian (seeded sample of the box), then the 1-D slice through the worst
// point along its eigenvector is analysed like a 1-D quotient.
import { Matrix } from 'ml-matrix';
import type { Model } from '../architecture/model.js';
import type { Expr } from '../ir/expr.js';
import { gradient, hessian } from '../ir/diff.js';
import { compileMany } from '../ir/evaluate.js';
import type { Check, Step } from '../derivation/types.js';
import type { ShockReport } from '../derivation/derivation.js';
import type { SymmetryResult } from '../symmetry/types.js';
import { seededRng } from '../util/random.js';
import { complementBasis, hessianFromGradient, quotientMinEigen } from './quotient-hessian.js';
import { shockOnLine, sliceAgreement, sliceLine, type LineProblem } from './shock-on-line.js';

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

/**
 * The report and steps, and the slice through the worst point (`line`): the
 * 1-D problem the shock stage analysed, or, when rho <= 0 (no shock, nothing
 * analysed), the slice along the least convex quotient direction for `solve`.
 */
export function boxShock(model: Model, sym_: SymmetryResult, box: Readonly<Record<string, readonly [number, number]>>, nu: number, seed: number, samples = 2000, flux?: Expr): { report: ShockReport; steps: Step[]; line: LineProblem } {
  const P = model.parameters, n = P.length;
  const H = hessian(model.loss, P);
  const hess = compileMany(H.flat(), P);
  const fields = sym_.families.flatMap((f) => f.generators.map((g) => compileMany(g.field, P)));
  const rng = seededRng(seed);
  const theta = new Float64Array(n), flat = new Float64Array(n * n);
  let worst = { rho: -Infinity, theta: theta.slice(), vector: new Float64Array(n) as Float64Array, rows: [] as number[][] };
  for (let k = 0; k < samples; k++) {
    P.forEach((p, i) => { const [lo, hi] = box[p] ?? [-3, 3]; theta[i] = rng.uniform(lo, hi); });
    hess(theta, flat);
    const rows = fields.map((f) => { const o = new Float64Array(n); f(theta, o); return [...o]; });
    const eig = quotientMinEigen(new Matrix(Array.from({ length: n }, (_, i) => [...flat.subarray(i * n, i * n + n)])), complementBasis(rows, n));
    if (-eig.value > worst.rho) worst = { rho: -eig.value, theta: theta.slice(), vector: eig.vector, rows };
  }
  const step: Step = {
    id: 'shock/box-curvature', stage: 'shock', rule: 'quotient-hessian-box',
    title: 'Negative curvature of the quotient over the domain',
    statement: `Over ${samples} seeded points of the box ${P.map((p) => `$${p} \\in [${(box[p] ?? [-3, 3]).join(', ')}]$`).join(', ')}, the Hessian restricted to the quotient directions has $\\rho = \\max(-\\lambda_{\\min}) = ${fmt(worst.rho)}$` +
      (worst.rho > 0 ? `; characteristics cross at the latest by $1/\\rho = ${fmt(1 / worst.rho)}$ ($t^* = 1/\\rho$ with $\\rho$ the larger of this and the maximum along the slice analysed next).` : `: convex in every quotient direction, no shock forms.`),
    conditions: ['symbolic Hessian, evaluated exactly at each point'],
    checks: [finiteDifferenceAgreement(compileMany(gradient(model.loss, P), P), worst)],
  };
  const line = sliceLine(model.loss, P, worst.theta, worst.vector, {
    nu, seed,
    origin: worst.rho > 0 ? 'the slice $\\theta^* + s v$ along the most negative quotient direction' : 'the slice $\\theta^* + s v$ along the least convex quotient direction',
  });
  if (worst.rho <= 0) {
    return { report: { forms: false, time: null, location: null, rho: worst.rho, reynolds: null, regime: 'none', speed: null, lax: null }, steps: [step], line };
  }
  const analysed = shockOnLine(line, flux);
  return { report: analysed.report, steps: [{ ...step, checks: [...step.checks, sliceAgreement(worst.rho, analysed.report)] }, ...analysed.steps], line };
}

/** Independent check of the worst point: lambda_min from a finite-difference Hessian of the gradient agrees. */
function finiteDifferenceAgreement(grad: (t: Float64Array, o: Float64Array) => void, worst: { rho: number; theta: Float64Array; rows: number[][] }): Check {
  const fd = quotientMinEigen(hessianFromGradient(grad, worst.theta), complementBasis(worst.rows, worst.theta.length)).value;
  const rel = Math.abs(fd + worst.rho) / (1 + Math.abs(worst.rho));
  return { method: 'numeric', status: rel < 1e-5 ? 'passed' : 'failed', detail: `lambda_min at the worst point: symbolic ${fmt(-worst.rho)}, finite-difference ${fmt(fd)}`, residual: rel, tolerance: 1e-5 };
}
