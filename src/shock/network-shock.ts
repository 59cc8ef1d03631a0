// Shock check for network specs (issue 2 part 9): rho = max over a reference
// SGD trajectory of -lambda_min of the quotient Hessian; the 1-D slice through
// the worst point along its eigenvector is then analysed like a 1-D quotient
// (DESIGN §5: "a 1-D quotient slice").
import type { Model } from '../architecture/model.js';
import type { Expr } from '../ir/expr.js';
import { gradient } from '../ir/diff.js';
import { compileMany } from '../ir/evaluate.js';
import type { Check, Step } from '../derivation/types.js';
import { Matrix } from 'ml-matrix';
import type { ShockReport } from '../derivation/derivation.js';
import type { SymmetryResult } from '../symmetry/types.js';
import type { TrainingSpec } from '../spec/types.js';
import { complementBasis, hessianFromGradient, quotientMinEigen } from './quotient-hessian.js';
import { sgdTrajectory } from './sgd-trajectory.js';
import { regionReport, shockOnLine, sliceLine, type LineProblem } from './shock-on-line.js';

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

/** The report and steps, the slice the shock stage analysed (`line`) and the rho profile along SGD. */
export function networkShock(model: Model, sym_: SymmetryResult, training: TrainingSpec, nu: number, flux?: Expr): { report: ShockReport; steps: Step[]; line: LineProblem; trajectory: { step: number; rho: number }[] } {
  const n = model.parameters.length;
  const gradL = compileMany(gradient(model.loss, model.parameters), model.parameters);
  const fields = sym_.families.flatMap((f) => f.generators.map((g) => compileMany(g.field, model.parameters)));
  const traj = sgdTrajectory(model, { lr: training.lr, batch: training.batch, steps: training.steps, seed: training.seed, snapshots: 40 });
  let worst = { rho: -Infinity, step: 0, theta: traj.snapshots[0].theta, vector: new Float64Array(n) as Float64Array, rows: [] as number[][] };
  const profile: { step: number; rho: number }[] = [];
  for (const snap of traj.snapshots) {
    const rows = fields.map((f) => { const out = new Float64Array(n); f(snap.theta, out); return [...out]; });
    const eig = quotientMinEigen(hessianFromGradient(gradL, snap.theta), complementBasis(rows, n));
    profile.push({ step: snap.step, rho: -eig.value });
    if (-eig.value > worst.rho) worst = { rho: -eig.value, step: snap.step, theta: snap.theta, vector: eig.vector, rows };
  }
  const problem = sliceLine(model.loss, model.parameters, worst.theta, worst.vector, { nu, seed: training.seed, origin: `the slice $\\theta^* + s v$ through SGD step ${worst.step}` });
  const line = shockOnLine(problem, flux);
  const trajStep: Step = {
    id: 'shock/trajectory-curvature', stage: 'shock', rule: 'quotient-hessian-trajectory',
    title: 'Negative curvature of the quotient along SGD',
    statement: `Reference SGD (lr $= ${training.lr}$, batch $${training.batch}$, ${training.steps} steps, seed ${training.seed}); at ${profile.length} snapshots the Hessian is restricted to the complement of the orbit tangent space spanned by the ${fields.length} generators. $\\rho = \\max_k (-\\lambda_{\\min}) = ${fmt(worst.rho)}$ at step ${worst.step}` +
      (worst.rho > 0 ? `: characteristics cross in the quotient, at the latest by $1/\\rho = ${fmt(1 / worst.rho)}$. The 1-D slice through that point along its eigenvector $v$ is analysed next; $t^* = 1/\\rho$ with $\\rho$ the larger of this value and the slice's own maximum.` : `: the quotient loss is locally convex along the trajectory; the slice through that point along its least convex direction is analysed next.`),
    conditions: ['Hessian by central differences of the exact (symbolic) gradient, $h = 10^{-5}$',
      `$\\rho$ along the trajectory: ${profile.filter((_, i) => i % 8 === 0 || i === profile.length - 1).map((p) => `step ${p.step}: ${fmt(p.rho)}`).join('; ')}`],
    checks: eigenChecks(gradL, worst),
  };
  const report = regionReport(worst.rho, line.report);
  return { report, steps: [trajStep, ...line.steps], line: problem, trajectory: profile };
}

/** The reported direction is a quotient direction (orthogonal to every generator) and an eigenvector: v^T H v = lambda_min. */
function eigenChecks(gradL: (t: Float64Array, o: Float64Array) => void, worst: { rho: number; theta: Float64Array; vector: Float64Array; rows: number[][] }): Check[] {
  const v = worst.vector;
  let ortho = 0;
  for (const r of worst.rows) {
    const norm = Math.hypot(...r) || 1;
    ortho = Math.max(ortho, Math.abs(r.reduce((a, x, i) => a + x * v[i], 0)) / norm);
  }
  const H = hessianFromGradient(gradL, worst.theta);
  const Hv = H.mmul(Matrix.columnVector([...v])).to1DArray();
  const rayleigh = Hv.reduce((a, x, i) => a + x * v[i], 0);
  const rel = Math.abs(rayleigh + worst.rho) / (1 + Math.abs(worst.rho));
  return [
    { method: 'numeric', status: ortho < 1e-8 ? 'passed' : 'failed', detail: `max |xi_k . v| / |xi_k| = ${ortho.toExponential(2)} (v orthogonal to the orbit)`, residual: ortho, tolerance: 1e-8 },
    { method: 'numeric', status: rel < 1e-6 ? 'passed' : 'failed', detail: `v^T H v = ${fmt(rayleigh)} vs lambda_min = ${fmt(-worst.rho)}`, residual: rel, tolerance: 1e-6 },
  ];
}
